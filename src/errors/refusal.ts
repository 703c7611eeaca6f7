/**
 * Explaining a compliance refusal: facts in, one plain sentence out. Nothing here reads the chain; the facts are
 * gathered by `readRefusalFacts` (`src/internal/facts.ts`) or given by the caller. Every `Reason` of the contracts
 * has its sentence in `SENTENCES`, a record keyed by the names generated from the Solidity enum, so a reason added
 * in Solidity does not compile until it has one.
 */
import type { Address } from "viem";
import { INVESTOR_CLASSES, REASONS, countryLabel, type ReasonName } from "../domain.ts";
import { Quantity, formatDistinct, type Commodity } from "../units/index.ts";
import { isoDate, isoDay, short } from "./format.ts";

/** What the investor registry holds for one party of a refused movement. */
export interface InvestorFacts {
  /** The investor the wallet belongs to; 0 for a wallet never registered. */
  investorId: bigint;
  /** ISO 3166-1 numeric country. */
  country: number;
  /** The `InvestorClass` value (an index of `INVESTOR_CLASSES`). */
  investorClass: number;
  /** The first second at which the KYC is no longer valid. */
  kycExpiry: number | bigint;
}

/** The lot's rules that a refusal can name. */
export interface RuleFacts {
  /** The lowest `InvestorClass` value that may receive units. */
  minClass: number;
  /** The most investors that may hold units at once. */
  maxHolders: number;
  /** The investors holding units now. */
  holders: number;
  /** Transfers and burns are refused before this second. */
  lockupEnd: number | bigint;
  /** The smallest non-zero position, in base units. */
  minHolding: bigint;
}

/**
 * What is known of a refused (or allowed) movement of units. Only the reason, the parties and the lot are needed;
 * each further fact makes the sentence more concrete, and a sentence never names a fact it was not given.
 */
export interface RefusalFacts {
  /** Why, by name (`REASONS`). */
  reason: ReasonName;
  /** The sender; the zero address for a mint. */
  from: Address;
  /** The receiver; the zero address for a burn. */
  to: Address;
  lotId: bigint;
  /** The amount asked to move, in base units. */
  amount?: bigint | undefined;
  /** The lot's commodity, so quantities print in its market unit (in base units without it). */
  commodity?: Commodity | undefined;
  /** The sender's investor record. */
  sender?: InvestorFacts | undefined;
  /** The receiver's investor record. */
  receiver?: InvestorFacts | undefined;
  /** The lot's rules and holder count. */
  rules?: RuleFacts | undefined;
  /** The reason given with the lot's hold, if any. */
  holdReason?: string | undefined;
  /** The sender's balance of the lot, in base units. */
  senderBalance?: bigint | undefined;
  /** The receiver's balance of the lot, in base units. */
  receiverBalance?: bigint | undefined;
  /** The sender's frozen units of the lot, in base units. */
  senderFrozen?: bigint | undefined;
}

/** The facts a reason's sentence can use, besides the reason and the parties. */
export type RefusalFact = Exclude<keyof RefusalFacts, "reason" | "from" | "to" | "lotId" | "amount" | "commodity">;

/** Phrases every sentence starts from. */
interface Phrases {
  /** "0x12..ab cannot send lot 3" */
  sender: string;
  /** "0x34..cd cannot receive lot 3" */
  receiver: string;
  /** A quantity of the lot, in its market unit when the commodity is known. */
  quantity: (base: bigint) => string;
  /** Quantities compared in one sentence, told apart where the display precision would make them read the same. */
  quantities: (...bases: bigint[]) => string[];
}

type Sentence = (facts: RefusalFacts, phrases: Phrases) => string;

const notVerified = (record: InvestorFacts | undefined): string =>
  record === undefined
    ? "it is not a verified investor"
    : record.investorId === 0n
      ? "it is not in the investor registry"
      : `it was removed from the investor registry (investor ${record.investorId})`;

const kycExpired = (record: InvestorFacts | undefined): string =>
  record === undefined ? "its KYC has expired" : `KYC expired ${isoDay(record.kycExpiry)}`;

const className = (value: number): string => INVESTOR_CLASSES[value] ?? String(value);

/** One sentence per reason, each using whichever of its facts it was given. */
const SENTENCES: { readonly [R in ReasonName]: Sentence } = {
  ok: ({ from, to, lotId, amount }, { quantity }) =>
    `${short(from)} may transfer ${amount === undefined ? "units" : quantity(amount)} of lot ${lotId} to ${short(to)}`,
  paused: ({ lotId }) => `lot ${lotId} cannot move: all transfers of units are paused`,
  "lot-on-hold": ({ lotId, holdReason }) => `lot ${lotId} is on hold${holdReason ? ` (${holdReason})` : ""}, so its units cannot move`,
  "sender-not-verified": ({ sender }, { sender: cannot }) => `${cannot}: ${notVerified(sender)}`,
  "sender-kyc-expired": ({ sender }, { sender: cannot }) => `${cannot}: ${kycExpired(sender)}`,
  "sender-frozen": (_, { sender }) => `${sender}: its account is frozen`,
  "receiver-not-verified": ({ receiver }, { receiver: cannot }) => `${cannot}: ${notVerified(receiver)}`,
  "receiver-kyc-expired": ({ receiver }, { receiver: cannot }) => `${cannot}: ${kycExpired(receiver)}`,
  "receiver-frozen": (_, { receiver }) => `${receiver}: its account is frozen`,
  "country-not-allowed": ({ receiver }, { receiver: cannot }) =>
    `${cannot}: ${receiver === undefined ? "its country" : `country ${countryLabel(receiver.country)}`} is not in the lot's allowed list`,
  "class-too-low": ({ receiver, rules }, { receiver: cannot }) =>
    receiver === undefined || rules === undefined
      ? `${cannot}: its investor class is below the lot's minimum`
      : `${cannot}: its investor class is ${className(receiver.investorClass)}, below the lot's minimum of ${className(rules.minClass)}`,
  "holder-limit": ({ rules }, { receiver }) =>
    rules === undefined
      ? `${receiver}: the lot has reached its maximum number of holders`
      : `${receiver}: the lot is limited to ${rules.maxHolders} holders and already has ${rules.holders}, so it cannot take a new one`,
  "below-minimum-holding": ({ from, to, amount, rules, receiverBalance }, { receiver, quantity }) => {
    if (rules === undefined || receiverBalance === undefined || amount === undefined) {
      return `${receiver}: it would hold less than the lot's minimum holding`;
    }
    const after = from.toLowerCase() === to.toLowerCase() ? receiverBalance : receiverBalance + amount;
    return `${receiver}: it would hold ${quantity(after)}, below the lot's minimum holding of ${quantity(rules.minHolding)}`;
  },
  "sender-below-minimum-holding": ({ amount, rules, senderBalance }, { sender, quantity }) => {
    if (rules === undefined || senderBalance === undefined || amount === undefined) {
      return `${sender}: it would keep less than the lot's minimum holding`;
    }
    const after = senderBalance > amount ? senderBalance - amount : 0n;
    return `${sender}: it would keep ${quantity(after)} of its ${quantity(senderBalance)}, below the lot's minimum holding of ${quantity(rules.minHolding)} (it may move all of it or keep at least the minimum)`;
  },
  "locked-up": ({ lotId, rules }) => `lot ${lotId} is locked up${rules === undefined ? "" : ` until ${isoDate(rules.lockupEnd)}`}`,
  "insufficient-unfrozen-balance": ({ amount, senderBalance, senderFrozen }, { sender, quantity, quantities }) => {
    if (senderBalance === undefined || senderFrozen === undefined || amount === undefined) {
      return `${sender}: the amount exceeds its unfrozen balance`;
    }
    if (senderFrozen === 0n) {
      const [held, asked] = quantities(senderBalance, amount);
      return `${sender}: it holds ${held}, fewer than the ${asked} asked for`;
    }
    const unfrozen = senderBalance > senderFrozen ? senderBalance - senderFrozen : 0n;
    return `${sender}: ${quantity(senderFrozen)} of its ${quantity(senderBalance)} are frozen, so at most ${quantity(unfrozen)} may move`;
  },
  "lot-settling": ({ lotId }) =>
    `lot ${lotId} is settling or retired, so its units no longer trade between investors and are not burned by them (they can still be redeemed at the proceeds vault or handed to a platform escrow)`,
};

/**
 * The facts each reason's sentence uses beyond the parties, the amount and the commodity: what
 * `readRefusalFacts` reads from the chain for it, and nothing more.
 */
export const REFUSAL_FACTS: { readonly [R in ReasonName]: readonly RefusalFact[] } = {
  ok: [],
  paused: [],
  "lot-on-hold": ["holdReason"],
  "sender-not-verified": ["sender"],
  "sender-kyc-expired": ["sender"],
  "sender-frozen": [],
  "receiver-not-verified": ["receiver"],
  "receiver-kyc-expired": ["receiver"],
  "receiver-frozen": [],
  "country-not-allowed": ["receiver"],
  "class-too-low": ["receiver", "rules"],
  "holder-limit": ["rules"],
  "below-minimum-holding": ["rules", "receiverBalance"],
  "sender-below-minimum-holding": ["rules", "senderBalance"],
  "locked-up": ["rules"],
  "insufficient-unfrozen-balance": ["senderBalance", "senderFrozen"],
  "lot-settling": [],
};

/**
 * One plain sentence for a refused (or, for "ok", allowed) movement of units, from the facts alone: pure, so it
 * can be called on facts from the chain, from a log or from a test.
 *
 * @example
 * refusalSentence({ reason: "receiver-kyc-expired", from, to, lotId: 3n, receiver: { investorId: 4n, country: 586, investorClass: 3, kycExpiry: 1790812800 } })
 * // "0x34..cd cannot receive lot 3: KYC expired 2026-10-01"
 */
export function refusalSentence(facts: RefusalFacts): string {
  const { commodity, from, to, lotId } = facts;
  const phrases: Phrases = {
    sender: `${short(from)} cannot send lot ${lotId}`,
    receiver: `${short(to)} cannot receive lot ${lotId}`,
    quantity: (base) => (commodity === undefined ? `${base} base units` : Quantity.fromBase(commodity, base).format()),
    quantities: (...bases) => (commodity === undefined ? bases.map((base) => `${base} base units`) : formatDistinct(bases.map((base) => Quantity.fromBase(commodity, base)))),
  };
  return SENTENCES[facts.reason](facts, phrases);
}

/**
 * A one-sentence description of a compliance refusal from the reason and the parties alone (`refusalSentence`
 * with no further facts; `explainRefusal` reads the chain for the concrete figures: dates, countries, classes,
 * quantities).
 *
 * @example
 * describeRefusal("receiver-frozen", from, to, 3n) // "0x12..ab cannot receive lot 3: its account is frozen"
 */
export function describeRefusal(reason: ReasonName, from: Address, to: Address, lotId: bigint): string {
  return refusalSentence({ reason, from, to, lotId });
}

/** The reason name for a `Reason` value, or undefined for a value the SDK does not know. */
export function reasonName(value: unknown): ReasonName | undefined {
  const index = Number(value);
  return Number.isInteger(index) ? REASONS[index] : undefined;
}

/** Whether `value` is one of the reason names. */
export function isReasonName(value: unknown): value is ReasonName {
  return typeof value === "string" && (REASONS as readonly string[]).includes(value);
}
