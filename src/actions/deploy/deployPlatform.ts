import type { Abi, Address, Client, Hash, Hex } from "viem";
import { getBlock, getChainId } from "viem/actions";
import {
  deliveryEscrowAbi,
  deliveryEscrowBytecode,
  investorRegistrarAbi,
  investorRegistrarBytecode,
  lotOfferingsAbi,
  lotOfferingsBytecode,
  lotProcessingAbi,
  lotProcessingBytecode,
  lotRegistryAbi,
  lotRegistryBytecode,
  lotTokenAbi,
  lotTokenBytecode,
  lotTradesAbi,
  lotTradesBytecode,
  multicall3Abi,
  multicall3Bytecode,
  proceedsVaultAbi,
  proceedsVaultBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
} from "../../abis.ts";
import type { MineralName } from "../../deployment/manifest.ts";
import { deployPriceFeeds } from "../valuation/priceFeeds.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES, type RoleName } from "../../domain.ts";
import { InvalidArgumentError, TransactionError, type MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress, toIntInRange } from "../../internal/validate.ts";
import { deployKept, waitForSent } from "../../internal/send.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";

export interface DeployPlatformParameters {
  /** The default admin; defaults to the deploying account. */
  admin?: Address;
  /** Seconds a new default admin must wait before accepting the role (default: 2 days). */
  adminTransferDelay?: number;
  /** Prefix of lots' metadata URIs (default "ipfs://minerals-lots/"). */
  baseURI?: string;
  /** Accounts to grant roles to right after deployment (the deployer must be the admin for this). */
  roles?: Partial<Record<Exclude<RoleName, "admin">, readonly Address[]>>;
  /**
   * Local price feeds to deploy, one per mineral, operated by the deploying account: `true` (default) seeds
   * every mineral with `SEED_PRICES`; a map seeds only the minerals it names, at its prices (USD per market
   * unit); `false` deploys none (reports then show "no price").
   */
  priceFeeds?: boolean | Partial<Record<MineralName, string>>;
  /** Deploy a Multicall3 for batched report reads (default true); pass an address to use an existing one. */
  multicall3?: boolean | Address;
  /**
   * Whether to deploy a test stablecoin (anyone can mint it) as the payment token. Default: only on local chains
   * (`LOCAL_CHAIN_IDS`); on a public testnet (`TEST_CHAIN_IDS`) only when asked for; refused on any other chain,
   * where money is real.
   */
  testStablecoin?: boolean;
  /**
   * Seconds after a lot's final sale payment before it may be retired with units still outstanding (they stay
   * redeemable and claimable). Default: `DEFAULT_NOTICE_PERIOD` (30 days), or `LOCAL_NOTICE_PERIOD` (60 s) on a local
   * chain, where the demo moves time forward.
   */
  proceedsNoticePeriod?: number;
}

/** Thirty days' notice to holders between a lot's final payment and its retirement. */
export const DEFAULT_NOTICE_PERIOD = 30 * 24 * 60 * 60;
/** One minute on a local chain, so a demo can reach retirement by moving the clock a little. */
export const LOCAL_NOTICE_PERIOD = 60;

/** Chain ids of local development chains (Hardhat, anvil and Ganache), where a test stablecoin may be deployed. */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

/**
 * Chain ids of public testnets, whose ether has no value: Sepolia, Holesky, Hoodi, Base Sepolia, OP Sepolia,
 * Arbitrum Sepolia and Polygon Amoy. A test stablecoin may be deployed there when asked for (the demo does).
 */
export const TEST_CHAIN_IDS: readonly number[] = [11155111, 17000, 560048, 84532, 11155420, 421614, 80002];

export type DeployPlatformReturnType = Deployment;
export type DeployPlatformErrorType = MineralsError;

/** Two days: long enough for the other role holders to notice and react to an admin handover. */
export const DEFAULT_ADMIN_TRANSFER_DELAY = 2 * 24 * 60 * 60;

/**
 * Deploys the lot registry and the units token, binds them, grants the given roles, and deploys the secondary
 * trades contract and the primary offerings contract (marked a platform account and granted ISSUER_ROLE, since it
 * mints each offering's allocation to itself at close), the delivery escrow (marked a platform account) and the
 * proceeds vault (marked a platform account and bound in the registry), these three only when the deploying account is
 * the admin (and, on a local chain, a test stablecoin to pay with). Returns the deployment,
 * which `writeDeployment` saves as the chain's manifest.
 *
 * @example
 * const deployment = await deployPlatform(client, { roles: { issuer: [issuer], custodian: [warehouse] } })
 */
export async function deployPlatform(client: Client, parameters: DeployPlatformParameters = {}): Promise<DeployPlatformReturnType> {
  const account = requireAccount(client);
  const admin = parameters.admin === undefined ? account.address : toAddress(parameters.admin, "admin");
  const delay = toIntInRange(parameters.adminTransferDelay ?? DEFAULT_ADMIN_TRANSFER_DELAY, "adminTransferDelay", 0, 2 ** 48 - 1);
  const baseURI = parameters.baseURI ?? "ipfs://minerals-lots/";
  if (parameters.roles && admin.toLowerCase() !== account.address.toLowerCase()) {
    throw new InvalidArgumentError("roles", "no roles unless the deploying account is the admin", parameters.roles);
  }
  const roleGrants = Object.entries(parameters.roles ?? {}).flatMap(([name, accounts]) => {
    if (!Object.hasOwn(ROLES, name) || name === "admin") throw new InvalidArgumentError("roles", `role names among ${Object.keys(ROLES).filter((r) => r !== "admin").join(", ")}`, name);
    return (accounts ?? []).map((a, i) => ({ role: ROLES[name as RoleName], account: toAddress(a, `roles.${name}[${i}]`) }));
  });

  const chainId = await getChainId(client);
  const local = LOCAL_CHAIN_IDS.includes(chainId);
  const withStablecoin = parameters.testStablecoin ?? local;
  const noticePeriod = toIntInRange(
    parameters.proceedsNoticePeriod ?? (local ? LOCAL_NOTICE_PERIOD : DEFAULT_NOTICE_PERIOD),
    "proceedsNoticePeriod",
    0,
    2 ** 40 - 1,
  );
  if (withStablecoin && !local && !TEST_CHAIN_IDS.includes(chainId)) {
    throw new InvalidArgumentError("testStablecoin", `only on a local chain (${LOCAL_CHAIN_IDS.join(", ")}) or a public testnet (${TEST_CHAIN_IDS.join(", ")}): anyone can mint it`, chainId);
  }
  const deploy = (contract: { abi: Abi; bytecode: Hex; args?: readonly unknown[] }): Promise<Hash> => deployKept(client, account, contract);
  const deployed = async (hash: Hash, name: string): Promise<{ address: Address; blockNumber: bigint }> => {
    const receipt = await waitForSent(client, account.address, hash);
    if (receipt.status !== "success" || !receipt.contractAddress) throw new TransactionError(`Deploying ${name} failed in transaction ${hash}`);
    return { address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  };
  try {
    const registry = await deployed(
      await deploy({ abi: lotRegistryAbi, bytecode: lotRegistryBytecode, args: [delay, admin] }),
      "LotRegistry",
    );
    const token = await deployed(
      await deploy({ abi: lotTokenAbi, bytecode: lotTokenBytecode, args: [registry.address, baseURI] }),
      "LotToken",
    );
    await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "bindToken",
        args: [token.address],
      context: { action: "bind the token to the registry" },
    });
    const registrar = await deployed(
      await deploy({
        abi: investorRegistrarAbi,
        bytecode: investorRegistrarBytecode,
        args: [registry.address, token.address],
      }),
      "InvestorRegistrar",
    );
    await writeAndWait(client, {
      address: token.address,
      abi: lotTokenAbi,
      functionName: "bindRegistrar",
      args: [registrar.address],
      context: { action: "bind the investor registrar to the token" },
    });
    for (const grant of roleGrants) {
      await writeAndWait(client, {
          address: registry.address,
          abi: lotRegistryAbi,
          functionName: "grantRole",
          args: [grant.role, grant.account],
        context: { action: `grant a role to ${grant.account}` },
      });
    }
    const priceFeeds =
      parameters.priceFeeds === false
        ? undefined
        : await deployPriceFeeds(client, parameters.priceFeeds === true || parameters.priceFeeds === undefined ? {} : { prices: parameters.priceFeeds });
    const multicall3 =
      typeof parameters.multicall3 === "string"
        ? toAddress(parameters.multicall3, "multicall3")
        : parameters.multicall3 === false
          ? undefined
          : (await deployed(await deploy({ abi: multicall3Abi, bytecode: multicall3Bytecode }), "Multicall3"))
              .address;
    const trades = await deployed(
      await deploy({ abi: lotTradesAbi, bytecode: lotTradesBytecode, args: [token.address] }),
      "LotTrades",
    );
    // Wiring the offerings contract and the proceeds vault takes the default admin; with another admin, that admin
    // deploys them later.
    let offerings: Address | undefined;
    let delivery: Address | undefined;
    let proceeds: Address | undefined;
    let processing: Address | undefined;
    if (admin.toLowerCase() === account.address.toLowerCase()) {
      offerings = (
        await deployed(
          await deploy({ abi: lotOfferingsAbi, bytecode: lotOfferingsBytecode, args: [registry.address, token.address] }),
          "LotOfferings",
        )
      ).address;
      await writeAndWait(client, {
        address: registrar.address,
        abi: investorRegistrarAbi,
        functionName: "setPlatformAccount",
        args: [offerings, true],
        context: { action: "mark the offerings contract a platform account" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "grantRole",
        args: [ROLES.issuer, offerings],
        context: { action: "grant ISSUER_ROLE to the offerings contract" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "bindOfferings",
        args: [offerings],
        context: { action: "bind the offerings contract to the registry (it reserves mint capacity)" },
      });
      delivery = (
        await deployed(
          await deploy({ abi: deliveryEscrowAbi, bytecode: deliveryEscrowBytecode, args: [registry.address, token.address] }),
          "DeliveryEscrow",
        )
      ).address;
      await writeAndWait(client, {
        address: registrar.address,
        abi: investorRegistrarAbi,
        functionName: "setPlatformAccount",
        args: [delivery, true],
        context: { action: "mark the delivery escrow a platform account" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "bindDelivery",
        args: [delivery],
        context: { action: "bind the delivery escrow to the registry (it records deliveries)" },
      });
      proceeds = (
        await deployed(
          await deploy({
            abi: proceedsVaultAbi,
            bytecode: proceedsVaultBytecode,
            args: [registry.address, token.address, BigInt(noticePeriod)],
          }),
          "ProceedsVault",
        )
      ).address;
      await writeAndWait(client, {
        address: registrar.address,
        abi: investorRegistrarAbi,
        functionName: "setPlatformAccount",
        args: [proceeds, true],
        context: { action: "mark the proceeds vault a platform account" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "bindProceeds",
        args: [proceeds],
        context: { action: "bind the proceeds vault to the registry" },
      });
      processing = (
        await deployed(
          await deploy({ abi: lotProcessingAbi, bytecode: lotProcessingBytecode, args: [registry.address, token.address] }),
          "LotProcessing",
        )
      ).address;
      await writeAndWait(client, {
        address: registrar.address,
        abi: investorRegistrarAbi,
        functionName: "setPlatformAccount",
        args: [processing, true],
        context: { action: "mark the processing contract a platform account" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "grantRole",
        args: [ROLES.issuer, processing],
        context: { action: "grant ISSUER_ROLE to the processing contract (it mints the outputs' units for the inputs' holders)" },
      });
      await writeAndWait(client, {
        address: registry.address,
        abi: lotRegistryAbi,
        functionName: "bindProcessing",
        args: [processing],
        context: { action: "bind the processing contract to the registry (it consumes lots and registers their products)" },
      });
    }
    const stablecoin = withStablecoin
      ? await deployed(
          await deploy({ abi: testStablecoinAbi, bytecode: testStablecoinBytecode, args: [] }),
          "TestStablecoin",
        )
      : undefined;
    const block = await getBlock(client, { blockNumber: registry.blockNumber });
    return {
      chainId,
      contracts: {
        LotRegistry: registry.address,
        LotToken: token.address,
        InvestorRegistrar: registrar.address,
        LotTrades: trades.address,
        ...(offerings ? { LotOfferings: offerings } : {}),
        ...(delivery ? { DeliveryEscrow: delivery } : {}),
        ...(proceeds ? { ProceedsVault: proceeds } : {}),
        ...(processing ? { LotProcessing: processing } : {}),
        ...(stablecoin ? { TestStablecoin: stablecoin.address } : {}),
      },
      block: { number: block.number, hash: block.hash },
      deployer: account.address,
      ...(priceFeeds ? { priceFeeds } : {}),
      ...(multicall3 ? { multicall3 } : {}),
    };
  } catch (error) {
    throw decodeError(error, { action: "deploy the platform" });
  }
}
