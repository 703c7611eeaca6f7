/**
 * The deployment manifest: which contracts make up the platform on a chain, where they are, and in which block
 * they were deployed. One JSON file per chain id, `<dir>/<chainId>.json`, written by `minerals deploy` and read
 * by the SDK and every other command. This module is browser-safe (parsing, serializing, verifying); reading and
 * writing the files is in `./files.ts`, reached through the node entry `src/node.ts`.
 */
import { getBlock, getBytecode, getChainId } from "viem/actions";
import { isAddress, type Address, type Client, type Hash } from "viem";
import { DeploymentError } from "../errors/base.ts";

/** Where the platform's contracts live on one chain. */
export interface Deployment {
  chainId: number;
  contracts: {
    LotRegistry: Address;
    LotToken: Address;
    /** Secondary trades, delivery versus payment (absent from manifests written before it existed). */
    LotTrades?: Address;
    /** Primary offerings: a platform account with ISSUER_ROLE (absent from manifests written before it existed). */
    LotOfferings?: Address;
    /** Physical delivery requests: a platform account (absent from manifests written before it existed). */
    DeliveryEscrow?: Address;
    /** Sale proceeds per unit: a platform account bound in the registry (absent from manifests written before it existed). */
    ProceedsVault?: Address;
    /** Splits, blends and refines lots and carries their holders into the outputs: a platform account with ISSUER_ROLE
     * bound in the registry (absent from manifests written before it existed). */
    LotProcessing?: Address;
    /** The local chain's test stablecoin (deployed on local chains only). */
    TestStablecoin?: Address;
    /** Administers the investor registry (registration, links, freezes, eligibility statements). */
    InvestorRegistrar: Address;
  };
  /** The block the deployment finished in; reports read events from here on. */
  block: { number: bigint; hash: Hash };
  deployer: Address;
  /**
   * One price feed per mineral (Chainlink `AggregatorV3Interface` shape), by commodity name ("gold", "copper",
   * ...). A mineral without a feed is reported with "no price", never valued.
   */
  priceFeeds?: Partial<Record<MineralName, Address>>;
  /** A Multicall3 contract (`aggregate3`) the reports batch their reads through; without one they read call by call. */
  multicall3?: Address;
}

/** A commodity's lower-case name, the key of its price feed in the manifest. */
export type MineralName = "gold" | "copper" | "tungsten" | "antimony" | "rare earths";
const COMMODITY_NAMES: readonly MineralName[] = ["gold", "copper", "tungsten", "antimony", "rare earths"];

/**
 * The manifest's JSON text (what `writeDeployment` writes and `parseDeployment` reads back).
 *
 * @example
 * const text = serializeDeployment(deployment) // '{\n  "chainId": 31337, ...'
 */
export function serializeDeployment(deployment: Deployment): string {
  const json = {
    chainId: deployment.chainId,
    contracts: deployment.contracts,
    block: { number: deployment.block.number.toString(), hash: deployment.block.hash },
    deployer: deployment.deployer,
    ...(deployment.priceFeeds ? { priceFeeds: deployment.priceFeeds } : {}),
    ...(deployment.multicall3 ? { multicall3: deployment.multicall3 } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Parses manifest JSON; `source` names the file in error messages. */
export function parseDeployment(text: string, source = "the manifest"): Deployment {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DeploymentError(`${source} is not valid JSON. Run \`minerals deploy\` again.`);
  }
  const malformed = `${source} is malformed (expected chainId, contracts.LotRegistry, contracts.LotToken, contracts.InvestorRegistrar, block.number, block.hash, deployer). Run \`minerals deploy\` again.`;
  if (typeof raw !== "object" || raw === null) throw new DeploymentError(malformed);
  const m = raw as {
    chainId?: unknown;
    contracts?: { LotRegistry?: unknown; LotToken?: unknown; InvestorRegistrar?: unknown; LotTrades?: unknown; LotOfferings?: unknown; DeliveryEscrow?: unknown; ProceedsVault?: unknown; LotProcessing?: unknown; TestStablecoin?: unknown };
    block?: { number?: unknown; hash?: unknown };
    deployer?: unknown;
    priceFeeds?: unknown;
    multicall3?: unknown;
  };
  const registry = m.contracts?.LotRegistry;
  const token = m.contracts?.LotToken;
  const registrar = m.contracts?.InvestorRegistrar;
  const blockNumber = m.block?.number;
  const blockHash = m.block?.hash;
  if (
    typeof m.chainId !== "number" ||
    typeof registry !== "string" ||
    !isAddress(registry) ||
    typeof token !== "string" ||
    !isAddress(token) ||
    typeof registrar !== "string" ||
    !isAddress(registrar) ||
    typeof blockNumber !== "string" ||
    !/^\d+$/.test(blockNumber) ||
    typeof blockHash !== "string" ||
    !/^0x[0-9a-fA-F]{64}$/.test(blockHash) ||
    typeof m.deployer !== "string" ||
    !isAddress(m.deployer)
  ) {
    throw new DeploymentError(malformed);
  }
  const malformedOptional = `${source} is malformed (priceFeeds must map commodity names to addresses, multicall3 must be an address). Run \`minerals deploy\` again.`;
  const feeds = m.priceFeeds;
  if (feeds !== undefined) {
    if (typeof feeds !== "object" || feeds === null) throw new DeploymentError(malformedOptional);
    for (const [name, address] of Object.entries(feeds)) {
      if (!COMMODITY_NAMES.includes(name as MineralName) || typeof address !== "string" || !isAddress(address)) throw new DeploymentError(malformedOptional);
    }
  }
  if (m.multicall3 !== undefined && (typeof m.multicall3 !== "string" || !isAddress(m.multicall3))) throw new DeploymentError(malformedOptional);
  const optional: { LotTrades?: Address; LotOfferings?: Address; DeliveryEscrow?: Address; ProceedsVault?: Address; LotProcessing?: Address; TestStablecoin?: Address } = {};
  for (const name of ["LotTrades", "LotOfferings", "DeliveryEscrow", "ProceedsVault", "LotProcessing", "TestStablecoin"] as const) {
    const address = m.contracts?.[name];
    if (address === undefined) continue;
    if (typeof address !== "string" || !isAddress(address)) throw new DeploymentError(`${source} is malformed: contracts.${name} is not an address. Run \`minerals deploy\` again.`);
    optional[name] = address;
  }
  return {
    chainId: m.chainId,
    contracts: { LotRegistry: registry, LotToken: token, InvestorRegistrar: registrar, ...optional },
    block: { number: BigInt(blockNumber), hash: blockHash.toLowerCase() as Hash },
    deployer: m.deployer,
    ...(feeds !== undefined ? { priceFeeds: feeds as Partial<Record<MineralName, Address>> } : {}),
    ...(m.multicall3 !== undefined ? { multicall3: m.multicall3 as Address } : {}),
  };
}

/**
 * Checks that a deployment is live on the client's chain: same chain id, the deployment block still exists with
 * the same hash (so the chain was not restarted), and there is code at every address.
 *
 * @throws DeploymentError with a message that says to redeploy.
 * @example
 * await verifyDeployment(client, deployment)
 */
export async function verifyDeployment(client: Client, deployment: Deployment): Promise<void> {
  const chainId = await getChainId(client);
  if (chainId !== deployment.chainId) {
    throw new DeploymentError(`The deployment is for chain ${deployment.chainId} but the RPC serves chain ${chainId}.`);
  }
  const redeploy = "The chain was probably restarted since `minerals deploy`: run `minerals deploy` again.";
  const block = await getBlock(client, { blockNumber: deployment.block.number }).catch(() => undefined);
  if (!block || block.hash.toLowerCase() !== deployment.block.hash.toLowerCase()) {
    throw new DeploymentError(
      `The deployment manifest for chain ${chainId} is stale: block ${deployment.block.number} is ${block ? `now ${block.hash}` : "missing"}, not ${deployment.block.hash}. ${redeploy}`,
    );
  }
  for (const [name, address] of Object.entries(deployment.contracts)) {
    const code = await getBytecode(client, { address });
    if (!code || code === "0x") {
      throw new DeploymentError(`The deployment manifest for chain ${chainId} is stale: no ${name} contract at ${address}. ${redeploy}`);
    }
  }
}
