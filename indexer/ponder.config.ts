/**
 * The index of one deployment: the manifest's contracts, from the block the deployment finished in, on the chain
 * at `MINERALS_RPC`. The manifest is `MINERALS_MANIFEST` (a file), or `<MINERALS_DEPLOYMENTS or deployments>/<chain
 * id>.json` with the chain id `MINERALS_CHAIN_ID` (default 31337). The database is Postgres when `DATABASE_URL` is
 * set (production), otherwise an embedded PGlite in `MINERALS_INDEX_DIR` (default `.ponder/pglite-<chain id>-<first
 * bytes of the deployment block's hash>`, so a restarted local chain never meets the index of the previous one).
 * `minerals index` sets these from its flags.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import { http } from "viem";
import { parseDeployment } from "../src/deployment/manifest.ts";
import {
  deliveryEscrowAbi,
  investorRegistrarAbi,
  lotOfferingsAbi,
  lotProcessingAbi,
  lotRegistryAbi,
  lotTokenAbi,
  lotTradesAbi,
  mockPriceFeedAbi,
  proceedsVaultAbi,
} from "../src/generated/abis.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const manifestFile =
  process.env.MINERALS_MANIFEST ??
  path.join(path.resolve(root, process.env.MINERALS_DEPLOYMENTS || "deployments"), `${process.env.MINERALS_CHAIN_ID ?? "31337"}.json`);
const deployment = parseDeployment(readFileSync(manifestFile, "utf8"), manifestFile);
const missing = (["LotOfferings", "ProceedsVault", "DeliveryEscrow", "LotTrades", "LotProcessing"] as const).filter((name) => !deployment.contracts[name]);
if (missing.length > 0) throw new Error(`${manifestFile} has no ${missing.join(", ")}: the index needs a deployment by today's \`minerals deploy\`.`);
const feeds = Object.values(deployment.priceFeeds ?? {});
const startBlock = Number(deployment.block.number);
const chain = "platform" as const;
const rpc = process.env.MINERALS_RPC || "http://127.0.0.1:8545";
const logsRange = process.env.MINERALS_INDEX_LOGS_RANGE
  ? Number(process.env.MINERALS_INDEX_LOGS_RANGE)
  : deployment.chainId === 31337 || deployment.chainId === 1337
    ? 1_000
    : undefined;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.MINERALS_INDEX_DIR || path.join(here, ".ponder", `pglite-${deployment.chainId}-${deployment.block.hash.slice(2, 10)}`) },
  chains: {
    [chain]: {
      id: deployment.chainId,
      // No retries: a refused request is retried by Ponder's own sync, which knows the block it wants. A minute per
      // answer: a range of busy blocks can hold tens of thousands of logs.
      rpc: http(rpc, { retryCount: 0, timeout: 60_000 }),
      pollingInterval: Number(process.env.MINERALS_INDEX_POLLING_MS ?? 1_000),
      // A local chain is restarted under the same chain id: never serve it the cached answers of a previous one.
      disableCache: deployment.chainId === 31337 || deployment.chainId === 1337,
      // Blocks per eth_getLogs. Public providers refuse a range too large with an error Ponder reads and shrinks the
      // range by; a local node answers any range, however large the answer, so there a bound is set here.
      ...(logsRange ? { ethGetLogsBlockRange: logsRange } : {}),
    },
  },
  contracts: {
    LotRegistry: { chain, abi: lotRegistryAbi, address: deployment.contracts.LotRegistry, startBlock, includeTransactionReceipts: false },
    LotToken: { chain, abi: lotTokenAbi, address: deployment.contracts.LotToken, startBlock },
    InvestorRegistrar: { chain, abi: investorRegistrarAbi, address: deployment.contracts.InvestorRegistrar, startBlock },
    LotOfferings: { chain, abi: lotOfferingsAbi, address: deployment.contracts.LotOfferings!, startBlock },
    ProceedsVault: { chain, abi: proceedsVaultAbi, address: deployment.contracts.ProceedsVault!, startBlock },
    DeliveryEscrow: { chain, abi: deliveryEscrowAbi, address: deployment.contracts.DeliveryEscrow!, startBlock },
    LotTrades: { chain, abi: lotTradesAbi, address: deployment.contracts.LotTrades!, startBlock },
    LotProcessing: { chain, abi: lotProcessingAbi, address: deployment.contracts.LotProcessing!, startBlock },
    PriceFeed: { chain, abi: mockPriceFeedAbi, address: feeds.length > 0 ? feeds : ["0x0000000000000000000000000000000000000001"], startBlock },
  },
});

/** The deployment being indexed, for the handlers (multicall address, contract addresses). */
export { deployment };
