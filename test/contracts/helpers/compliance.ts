import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse, TypedDataDomain } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import {
  COUNTRY,
  INVESTOR_COUNTRY,
  InvestorClass,
  KYC_VALIDITY,
  MINTED_SETTLING,
  MINTED_WAREHOUSED,
  type LotsFixture,
  type RegistryFixture,
  type ReasonName,
  ZERO_BYTES32,
  deployLotsFixture,
} from "./fixtures.ts";

// Shared pieces of the compliance tests: the fixture, rule and eligibility helpers, and the table of situations in
// which a movement of units from `holder` to `investor` is refused for each reason.

// ------------------------------------------------------------------ fixture

export interface ComplianceFixture extends LotsFixture {
  /** The warehoused lot: `holder` holds `MINTED_WAREHOUSED` units, issuer may mint more. No rules. */
  lot: bigint;
  /** Two more lots (in transit, settling) where `holder` holds units and no rule applies; for batches. */
  otherLots: readonly [bigint, bigint];
  /** Investor ids of `holder` and `investor`. */
  holderId: bigint;
  investorId: bigint;
  /** A platform account that burns whatever units it receives: where an investor's units exit a lot (a redemption, a
   * confirmed delivery), since investors may not burn units themselves. */
  burner: string;
}

/** The lots fixture, named for the compliance tests: one lot under test, two more for batches. */
export async function deployComplianceFixture(connection: NetworkConnection): Promise<ComplianceFixture> {
  const f = await deployLotsFixture(connection);
  const holderId = (await f.token.getInvestor(f.holder.address)).investorId;
  const investorId = (await f.token.getInvestor(f.investor.address)).investorId;
  const burner = await (await connection.ethers.deployContract("PlatformBurner")).getAddress();
  await f.registrar.connect(f.actors.admin).setPlatformAccount(burner, true);
  return { ...f, lot: f.lots.Warehoused, otherLots: [f.lots.InTransit, f.lots.Settling], holderId, investorId, burner };
}

/** Units the holder owns of each lot in the fixture. */
export const HELD = { lot: MINTED_WAREHOUSED, inTransit: MINTED_WAREHOUSED, settling: MINTED_SETTLING } as const;

// ------------------------------------------------------------------ small helpers

export async function now(f: RegistryFixture): Promise<bigint> {
  return BigInt(await f.connection.networkHelpers.time.latest());
}

export interface RulesInput {
  minClass?: number;
  restrictCountries?: boolean;
  maxHolders?: bigint | number;
  lockupEnd?: bigint;
  minHolding?: bigint;
}

/** Sets a lot's rules as the compliance officer; every field not given is "no rule". */
export async function setRules(f: RegistryFixture, lotId: bigint, rules: RulesInput = {}): Promise<void> {
  await f.token
    .connect(f.actors.compliance)
    .setLotRules(
      lotId,
      rules.minClass ?? InvestorClass.None,
      rules.restrictCountries ?? false,
      rules.maxHolders ?? 0,
      rules.lockupEnd ?? 0n,
      rules.minHolding ?? 0n,
    );
}

export async function holdersOf(f: RegistryFixture, lotId: bigint): Promise<bigint> {
  return (await f.token.getLotRules(lotId)).holders;
}

/** Sets an investor's data (all its wallets) as the compliance officer, keeping what is not given. */
export async function updateInvestor(
  f: RegistryFixture,
  wallet: string,
  data: { country?: number; investorClass?: number; kycExpiry?: bigint },
): Promise<void> {
  const record = await f.token.getInvestor(wallet);
  await f.registrar
    .connect(f.actors.compliance)
    .updateInvestor(
      record.investorId,
      data.country ?? Number(record.country),
      data.investorClass ?? Number(record.investorClass),
      data.kycExpiry ?? record.kycExpiry,
    );
}

/** Lets the KYC of `wallet`'s investor run out: it expires `after` seconds from now and the chain moves to that second. */
export async function expireKyc(f: RegistryFixture, wallet: string, after = 100n): Promise<bigint> {
  const expiry = (await now(f)) + after;
  await updateInvestor(f, wallet, { kycExpiry: expiry });
  await f.connection.networkHelpers.time.increaseTo(expiry);
  return expiry;
}

/** The names of the events a transaction emitted, in log order (token, registrar and registry events). */
export async function eventNames(f: LotsFixture, tx: Promise<ContractTransactionResponse>): Promise<string[]> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return receipt.logs.map(
    (log) =>
      f.token.interface.parseLog(log)?.name ??
      f.registrar.interface.parseLog(log)?.name ??
      f.registry.interface.parseLog(log)?.name ??
      "unknown",
  );
}

// ------------------------------------------------------------------ EIP-712 eligibility statements

export const ELIGIBILITY_TYPES = {
  Eligibility: [
    { name: "wallet", type: "address" },
    { name: "investorId", type: "uint64" },
    { name: "country", type: "uint16" },
    { name: "investorClass", type: "uint8" },
    { name: "kycExpiry", type: "uint40" },
    { name: "issuedAt", type: "uint40" },
    { name: "sequence", type: "uint64" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export interface Eligibility {
  wallet: string;
  investorId: bigint;
  country: number;
  investorClass: number;
  kycExpiry: bigint;
  issuedAt: bigint;
  sequence: bigint;
  deadline: bigint;
}

export async function eligibilityDomain(f: LotsFixture): Promise<TypedDataDomain> {
  const { chainId } = await f.connection.ethers.provider.getNetwork();
  return { name: "Mineral Lots Investor Registrar", version: "1", chainId, verifyingContract: await f.registrar.getAddress() };
}

/**
 * A statement for `wallet` issued now (at the latest block, as the SDK issues it) with the next sequence number the
 * registrar gives for the wallet: a new institutional investor from Peru unless overridden.
 */
export async function eligibility(
  f: LotsFixture,
  wallet: string,
  overrides: Partial<Eligibility> = {},
): Promise<Eligibility> {
  const t = await now(f);
  const sequence = overrides.sequence ?? (await f.registrar.nextSequence(wallet, overrides.investorId ?? 0n));
  return {
    wallet,
    investorId: 0n,
    country: INVESTOR_COUNTRY,
    investorClass: InvestorClass.Institutional,
    kycExpiry: t + KYC_VALIDITY,
    issuedAt: t,
    sequence,
    deadline: t + 3_600n,
    ...overrides,
  };
}

export async function signEligibility(f: LotsFixture, signer: HardhatEthersSigner, e: Eligibility): Promise<string> {
  return signer.signTypedData(await eligibilityDomain(f), { Eligibility: [...ELIGIBILITY_TYPES.Eligibility] }, e);
}

// ------------------------------------------------------------------ the situations of each refusal

/** Units moved in every situation. */
export const AMOUNT = 10n;

/** Which kind of movement a rule stops. */
export interface Stops {
  /** A mint to `investor` (a receiver, no sender). */
  mint: boolean;
  /** An exit: `holder` hands its units to a platform account that burns them (a redemption, a delivery). */
  exit: boolean;
  /** A forced transfer from `holder` to `investor` (receiver rules only). */
  forced: boolean;
}

export interface Situation {
  /** What `transferStatus(holder, investor, lot, AMOUNT)` reports. */
  reason: ReasonName;
  /** How the situation is made, from the compliance fixture. */
  title: string;
  setup: (f: ComplianceFixture) => Promise<void>;
  /** "account": every lot is affected (pause, the parties' eligibility); "lot": only the lot under test. */
  scope: "account" | "lot";
  /** Besides ordinary transfers (always stopped), which movements the rule stops. */
  stops: Stops;
}

const SENDER: Stops = { mint: false, exit: true, forced: false };
const RECEIVER: Stops = { mint: true, exit: false, forced: true };
/** A sender no longer eligible may still exit: hand its units to a platform account. */
const INVESTOR_EXITS_ALLOWED: Stops = { mint: false, exit: false, forced: false };
const EVERY_ORDINARY: Stops = { mint: true, exit: true, forced: false };

/** For each refusal reason, a situation where moving `AMOUNT` units of the lot from holder to investor hits it. */
export const SITUATIONS: readonly Situation[] = [
  {
    reason: "Paused",
    title: "transfers are paused",
    scope: "account",
    stops: EVERY_ORDINARY,
    setup: async (f) => {
      await f.token.connect(f.actors.pauser).pause();
    },
  },
  {
    reason: "LotOnHold",
    title: "the lot is on hold",
    scope: "lot",
    stops: EVERY_ORDINARY,
    setup: async (f) => {
      await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, ZERO_BYTES32);
    },
  },
  {
    reason: "SenderNotVerified",
    title: "the sender was removed from the registry",
    scope: "account",
    stops: INVESTOR_EXITS_ALLOWED,
    setup: async (f) => {
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.holder.address);
    },
  },
  {
    reason: "SenderKycExpired",
    title: "the sender's KYC has expired",
    scope: "account",
    stops: INVESTOR_EXITS_ALLOWED,
    setup: async (f) => {
      await expireKyc(f, f.holder.address);
    },
  },
  {
    reason: "SenderFrozen",
    title: "the sender's account is frozen",
    scope: "account",
    stops: SENDER,
    setup: async (f) => {
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
    },
  },
  {
    reason: "ReceiverNotVerified",
    title: "the receiver was removed from the registry",
    scope: "account",
    stops: RECEIVER,
    setup: async (f) => {
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
    },
  },
  {
    reason: "ReceiverKycExpired",
    title: "the receiver's KYC has expired",
    scope: "account",
    stops: RECEIVER,
    setup: async (f) => {
      await expireKyc(f, f.investor.address);
    },
  },
  {
    reason: "ReceiverFrozen",
    title: "the receiver's account is frozen",
    scope: "account",
    stops: RECEIVER,
    setup: async (f) => {
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
    },
  },
  {
    reason: "CountryNotAllowed",
    title: "the lot admits only Chile and the receiver is from Peru",
    scope: "lot",
    stops: RECEIVER,
    setup: async (f) => {
      await setRules(f, f.lot, { restrictCountries: true });
      await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [COUNTRY.Chile], true);
    },
  },
  {
    reason: "ClassTooLow",
    title: "the lot requires accredited investors and the receiver is retail",
    scope: "lot",
    stops: RECEIVER,
    setup: async (f) => {
      await updateInvestor(f, f.investor.address, { investorClass: InvestorClass.Retail });
      await setRules(f, f.lot, { minClass: InvestorClass.Accredited });
    },
  },
  {
    reason: "HolderLimit",
    title: "the lot admits one holder and the receiver would be a second",
    scope: "lot",
    stops: RECEIVER,
    setup: async (f) => {
      await setRules(f, f.lot, { maxHolders: 1 });
    },
  },
  {
    reason: "BelowMinimumHolding",
    title: "the receiver would end below the lot's minimum holding",
    scope: "lot",
    stops: RECEIVER,
    setup: async (f) => {
      await setRules(f, f.lot, { minHolding: AMOUNT + 1n });
    },
  },
  {
    reason: "SenderBelowMinimumHolding",
    title: "the sender would keep less than the lot's minimum holding",
    scope: "lot",
    stops: SENDER,
    setup: async (f) => {
      // The receiver already holds enough that its side is fine; the sender would keep MINTED - AMOUNT < minimum.
      await f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, HELD.lot, "0x");
      await setRules(f, f.lot, { minHolding: HELD.lot - AMOUNT + 1n });
    },
  },
  {
    reason: "LockedUp",
    title: "the lot's lock-up has not ended",
    scope: "lot",
    stops: SENDER,
    setup: async (f) => {
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 1_000n });
    },
  },
  {
    reason: "LotSettling",
    title: "the registry told the token that the lot stopped trading",
    scope: "lot",
    // Mints and forced transfers still go through (the registry itself refuses mints once a lot settles), and so does
    // an exit: units handed to a platform account (redeemed at the proceeds vault, which burns them).
    stops: { mint: false, exit: false, forced: false },
    setup: async (f) => {
      const registry = await f.registry.getAddress();
      await f.connection.networkHelpers.impersonateAccount(registry);
      await f.connection.networkHelpers.setBalance(registry, 10n ** 18n);
      await f.token.connect(await f.connection.ethers.getSigner(registry)).stopTrading(f.lot);
      await f.connection.networkHelpers.stopImpersonatingAccount(registry);
    },
  },
  {
    reason: "InsufficientUnfrozenBalance",
    title: "all but AMOUNT - 1 of the sender's units are frozen",
    scope: "lot",
    stops: SENDER,
    setup: async (f) => {
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - AMOUNT + 1n);
    },
  },
];

/** The unfrozen balance of the holder in the `InsufficientUnfrozenBalance` situation. */
export const UNFROZEN_IN_SITUATION = AMOUNT - 1n;
