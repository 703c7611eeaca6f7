/**
 * A real in-process chain for the SDK tests: a fresh Hardhat (EDR) network, viem wallet clients for named
 * actors, and the platform deployed through the SDK itself. Nothing is mocked.
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { createWalletClient, custom, getAddress, publicActions, type Address, type EIP1193Provider } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import {
  Commodity,
  ContractRevertError,
  InvalidArgumentError,
  Quantity,
  TransferRefusedError,
  deployPlatform,
  type DeployPlatformParameters,
  mineralsActions,
  type Deployment,
  type InvestorClassName,
  type ReasonName,
  type RegisterLotParameters,
} from "../../../src/index.ts";

/**
 * Everyone the tests act as. Roles are granted by `deployPlatform`; investors and the outsider hold none. The
 * outsider is never registered as an investor, so it can neither receive nor send units.
 */
export const ACTORS = [
  "admin",
  "issuer",
  "assayer",
  "custodian",
  "otherCustodian",
  "investorA",
  "investorB",
  "investorC",
  "outsider",
  "compliance",
  "pauser",
  "investorD",
  "spareWallet",
  "refiner",
] as const;
export type Actor = (typeof ACTORS)[number];

/** Hardhat's development mnemonic: the in-process chain's accounts, the actors in ACTORS' order. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** An actor's own key (derived from the development mnemonic), to sign locally as an integrator's back office would. */
export const localAccount = (actor: Actor) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: ACTORS.indexOf(actor) });

/** A viem wallet client with public actions, not yet bound to a deployment. */
export function walletClient(provider: EIP1193Provider, account: Address) {
  // A short polling interval: the chain automines, so receipts exist as soon as the transaction is sent. No
  // retries: the in-process chain never fails transiently, and viem would otherwise retry every reverted
  // eth_call three times with backoff (about a second per refusal).
  return createWalletClient({ chain: hardhat, transport: custom(provider, { retryCount: 0 }), account, pollingInterval: 10 }).extend(
    publicActions,
  );
}

/** A wallet client extended with every SDK action, bound to `deployment`. */
export function mineralsClient(provider: EIP1193Provider, account: Address, deployment: Deployment) {
  return walletClient(provider, account).extend(mineralsActions(deployment));
}
export type MineralsClient = ReturnType<typeof mineralsClient>;

export interface Platform {
  connection: NetworkConnection;
  provider: EIP1193Provider;
  deployment: Deployment;
  /** The address of every actor. */
  address: Record<Actor, Address>;
  /** A bound SDK client per actor. */
  as: Record<Actor, MineralsClient>;
}

/** The provider of a Hardhat connection, typed for viem's `custom` transport. */
export function eip1193(connection: NetworkConnection): EIP1193Provider {
  return connection.provider as unknown as EIP1193Provider;
}

/** A day, in milliseconds. */
export const DAY_MS = 86_400_000;

/** How every wallet that receives units in the tests is registered: country (ISO 3166-1 numeric) and class. */
export const INVESTOR_PROFILES = {
  issuer: { country: 604, investorClass: "institutional" }, // Peru: the issuer's own wallet, minted to first
  investorA: { country: 604, investorClass: "institutional" }, // Peru
  investorB: { country: 756, investorClass: "accredited" }, // Switzerland
  investorC: { country: 586, investorClass: "retail" }, // Pakistan
  investorD: { country: 840, investorClass: "accredited" }, // United States
} as const satisfies Partial<Record<Actor, { country: number; investorClass: InvestorClassName }>>;
export type RegisteredActor = keyof typeof INVESTOR_PROFILES;

/** How long the fixture's KYC stays valid: a year of chain time. */
export const KYC_VALIDITY_DAYS = 365;

export interface DeployPlatformOptions {
  /** Register the wallets of `INVESTOR_PROFILES` with a year of KYC (default true). */
  registerInvestors?: boolean;
  /** Passed to `deployPlatform` (default: every mineral's feed at `SEED_PRICES`). */
  priceFeeds?: DeployPlatformParameters["priceFeeds"];
}

/**
 * A fresh chain with the platform deployed by `admin` through `deployPlatform`: ISSUER to `issuer`, ASSAYER to
 * `assayer`, CUSTODIAN to `custodian` and `otherCustodian`, COMPLIANCE to `compliance`, PAUSER to `pauser`. Every
 * wallet of `INVESTOR_PROFILES` (the issuer and investors A to D) is registered by the compliance officer through
 * the SDK with a KYC valid for a year of chain time; the outsider and the spare wallet are not.
 */
export async function deployPlatformFixture(options: DeployPlatformOptions = {}): Promise<Platform> {
  return deployPlatformOn(await network.create(), options);
}

/** `deployPlatformFixture` on a connection the caller created (e.g. to use its `networkHelpers.loadFixture`). */
export async function deployPlatformOn(connection: NetworkConnection, options: DeployPlatformOptions = {}): Promise<Platform> {
  const provider = eip1193(connection);
  const accounts = (await provider.request({ method: "eth_accounts" })) as Address[];
  const address = Object.fromEntries(
    ACTORS.map((actor, i) => {
      const account = accounts[i];
      if (account === undefined) throw new Error(`the fixture needs at least ${ACTORS.length} accounts`);
      return [actor, getAddress(account)];
    }),
  ) as Record<Actor, Address>;
  const deployment = await deployPlatform(walletClient(provider, address.admin), {
    roles: {
      issuer: [address.issuer],
      assayer: [address.assayer],
      custodian: [address.custodian, address.otherCustodian],
      compliance: [address.compliance],
      pauser: [address.pauser],
      refiner: [address.refiner],
      // The issuer is also the treasury that deposits sale proceeds (as in the demo).
      treasury: [address.issuer],
    },
    ...(options.priceFeeds === undefined ? {} : { priceFeeds: options.priceFeeds }),
  });
  const as = Object.fromEntries(ACTORS.map((actor) => [actor, mineralsClient(provider, address[actor], deployment)])) as Record<
    Actor,
    MineralsClient
  >;
  const platform: Platform = { connection, provider, deployment, address, as };
  if (options.registerInvestors ?? true) {
    const kycExpiry = await daysFromNow(platform, KYC_VALIDITY_DAYS);
    for (const [actor, profile] of Object.entries(INVESTOR_PROFILES) as [RegisteredActor, (typeof INVESTOR_PROFILES)[RegisteredActor]][]) {
      await as.compliance.registerInvestor({ wallet: address[actor], ...profile, kycExpiry });
    }
  }
  return platform;
}

// ------------------------------------------------------------------ lots

let refCounter = 0;

/** A warehouse receipt number no other lot of this test run uses. */
export function nextWarehouseReceipt(prefix = "WR-CALLAO-2026"): string {
  refCounter += 1;
  return `${prefix}-${refCounter.toString().padStart(5, "0")}`;
}

/** The reference copper lot: 10,000 wmt of concentrate, 8% moisture, 26.5% Cu, 96.5% payable. */
export const COPPER_FIGURES = {
  wetMassGrams: 10_000_000_000n,
  moistureBps: 800,
  gradePpb: 265_000_000n,
  payableBps: 9650,
} as const;
/** 10,000 t wet x 0.92 dry = 9,200 t; x 26.5% = 2,438 t Cu; x 96.5% = 2,352.670 t payable. */
export const COPPER_CONTAINED_KG = 2_438_000n;
export const COPPER_PAYABLE_KG = 2_352_670n;

/** Registration parameters of a copper concentrate lot held by `custodian`, with any overrides. */
export function copperLot(
  platform: Platform,
  overrides: Partial<Omit<RegisterLotParameters, "deployment">> = {},
): Omit<RegisterLotParameters, "deployment"> {
  return {
    commodity: Commodity.Copper,
    form: "concentrate",
    countryCode: 604, // Peru
    originId: "PE-ANTAMINA-01",
    externalRef: nextWarehouseReceipt(),
    ...COPPER_FIGURES,
    custodian: platform.address.custodian,
    location: "Callao bonded warehouse 3",
    ...overrides,
  };
}

/** A platform with a warehoused copper lot of which investor A holds 1,000 t: what the sending tests start from. */
export async function platformWithInvestorAHolding(): Promise<{ platform: Platform; lotId: bigint }> {
  const platform = await deployPlatformFixture();
  const lotId = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: Quantity.parse(Commodity.Copper, "1,000 t") });
  return { platform, lotId };
}

/** Registers, assays and attests a copper lot, leaving it warehoused with its whole payable quantity attested. */
export async function warehousedCopperLot(platform: Platform): Promise<bigint> {
  const { lotId } = await platform.as.issuer.registerLot(copperLot(platform));
  await platform.as.assayer.recordAssay({ lotId, ...assayOf(COPPER_FIGURES) });
  await platform.as.custodian.attestCustody({
    lotId,
    quantity: Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG),
    location: "Callao bonded warehouse 3",
  });
  return lotId;
}

/** The assay part of a lot's figures. */
export function assayOf(figures: { moistureBps: number; gradePpb: bigint; payableBps: number }) {
  return { moistureBps: figures.moistureBps, gradePpb: figures.gradePpb, payableBps: figures.payableBps };
}

/** A quantity in base units of `commodity`. */
export const base = (commodity: Commodity, amount: bigint): Quantity => Quantity.fromBase(commodity, amount);

// ------------------------------------------------------------------ chain state

/** What must not change when the SDK refuses a call before sending: the head block and every actor's nonce. */
export interface ChainState {
  blockNumber: bigint;
  nonces: Record<string, bigint>;
}

/** Reads the chain state straight from the provider (viem caches the block number). */
export async function chainState(platform: Platform): Promise<ChainState> {
  const blockNumber = BigInt((await platform.provider.request({ method: "eth_blockNumber" })) as string);
  const nonces: Record<string, bigint> = {};
  for (const actor of ACTORS) {
    const count = await platform.provider.request({ method: "eth_getTransactionCount", params: [platform.address[actor], "latest"] });
    nonces[actor] = BigInt(count as string);
  }
  return { blockNumber, nonces };
}

/** Asserts that no block was mined and no actor sent a transaction since `before`. */
export async function expectChainUnchanged(platform: Platform, before: ChainState): Promise<void> {
  expect(await chainState(platform)).to.deep.equal(before);
}

// ------------------------------------------------------------------ errors

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail("expected the call to be refused");
}

/** Awaits a promise that must reject with an `InvalidArgumentError` naming `argument`; returns the error. */
export async function expectInvalidArgument(promise: Promise<unknown>, argument: string): Promise<InvalidArgumentError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(InvalidArgumentError);
  const invalid = error as InvalidArgumentError;
  expect(invalid.argument).to.equal(argument);
  expect(invalid.shortMessage).to.match(new RegExp(`^Invalid ${escapeRegExp(argument)}: expected `));
  return invalid;
}

/** Awaits a promise that must reject with a decoded `ContractRevertError` named `errorName`; returns the error. */
export async function expectRevert(promise: Promise<unknown>, errorName: string): Promise<ContractRevertError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(ContractRevertError);
  const revert = error as ContractRevertError;
  expect(revert.errorName).to.equal(errorName);
  expect(revert.cause, "the viem error is kept as the cause").to.not.equal(undefined);
  return revert;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The short form the SDK's messages use for an address: `0xAbCd..1234`. */
export const shortAddress = (address: Address): string => {
  const checksummed = getAddress(address);
  return `${checksummed.slice(0, 6)}..${checksummed.slice(-4)}`;
};

/** The timestamp of the latest block. The in-process chain's clock trails the wall clock by a few seconds. */
export async function chainTime(platform: Platform): Promise<Date> {
  const block = (await platform.provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { timestamp: string };
  return new Date(Number(BigInt(block.timestamp)) * 1000);
}

/** A whole-second date `days` after the chain's current time. */
export async function daysFromNow(platform: Platform, days: number): Promise<Date> {
  return new Date((await chainTime(platform)).getTime() + days * DAY_MS);
}

/** Moves the chain's clock forward by `seconds` and mines a block at the new time. */
export async function advanceTime(platform: Platform, seconds: number): Promise<void> {
  await platform.provider.request({ method: "evm_increaseTime", params: [seconds] } as never);
  await platform.provider.request({ method: "evm_mine", params: [] } as never);
}

/**
 * Awaits a promise that must reject with a `TransferRefusedError` for `reason`, whose `shortMessage` is exactly
 * `message` (the explained sentence); returns the error.
 */
export async function expectRefused(promise: Promise<unknown>, reason: ReasonName, message: string | RegExp): Promise<TransferRefusedError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(TransferRefusedError);
  const refused = error as TransferRefusedError;
  expect(refused.reason).to.equal(reason);
  if (message instanceof RegExp) expect(refused.shortMessage).to.match(message);
  else expect(refused.shortMessage).to.equal(message);
  expect(refused.message.startsWith(refused.shortMessage)).to.equal(true);
  expect(refused).to.be.instanceOf(ContractRevertError);
  expect(refused.cause, "the viem error is kept as the cause").to.not.equal(undefined);
  return refused;
}

/** A whole-second date `days` before the chain's current time, for documents issued in the past. */
export async function daysAgo(platform: Platform, days: number): Promise<Date> {
  return new Date((await chainTime(platform)).getTime() - days * 86_400_000);
}
