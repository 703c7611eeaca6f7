/**
 * Shared pieces of the offering actions: where the offerings contract is, offering ids, the names of its states,
 * and the exact conversion between a price per market unit and the contract's `priceAmount / priceUnit`.
 */
import type { Address } from "viem";
import type { Deployment } from "../deployment/manifest.ts";
import { DeploymentError, InvalidArgumentError } from "../errors/base.ts";
import { COMMODITIES, type Commodity, UNIT_MILLIGRAMS } from "../units/index.ts";

/** Where an offering stands (`OfferingState`), by on-chain value. */
export const OFFERING_STATES = ["open", "succeeded", "failed", "cancelled"] as const;
export type OfferingStateName = (typeof OFFERING_STATES)[number];

/** The offerings contract of a deployment, or a DeploymentError saying to redeploy. */
export function offeringsAddress(deployment: Deployment): Address {
  const address = deployment.contracts.LotOfferings;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${deployment.chainId} has no LotOfferings contract: run \`minerals deploy\` again.`);
  }
  return address;
}

/** An offering id: a positive integer. */
export function toOfferingId(value: unknown, argument = "offeringId"): bigint {
  let id: bigint | undefined;
  try {
    id = typeof value === "bigint" ? value : typeof value === "number" || typeof value === "string" ? BigInt(value) : undefined;
  } catch {
    id = undefined;
  }
  if (id === undefined || id < 1n) throw new InvalidArgumentError(argument, "a positive offering id", value);
  return id;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * A price in payment base units per market unit (e.g. USD 9,750.00 per t) as the contract's exact fraction per base
 * unit of the lot: `priceAmount` payment base units per `priceUnit` units, reduced.
 */
export function priceTerms(commodity: Commodity, perMarketUnit: bigint): { priceAmount: bigint; priceUnit: bigint } {
  const info = COMMODITIES[commodity];
  const market = UNIT_MILLIGRAMS[info.marketUnit];
  const base = UNIT_MILLIGRAMS[info.baseUnit];
  // base units per market unit = (market.n / market.d) / (base.n / base.d)
  const amount = perMarketUnit * market.denominator * base.numerator;
  const unit = market.numerator * base.denominator;
  const divisor = gcd(amount, unit);
  return { priceAmount: amount / divisor, priceUnit: unit / divisor };
}

/** The contract's price back per market unit, rounded down to a payment base unit. */
export function pricePerMarketUnit(commodity: Commodity, priceAmount: bigint, priceUnit: bigint): bigint {
  const info = COMMODITIES[commodity];
  const market = UNIT_MILLIGRAMS[info.marketUnit];
  const base = UNIT_MILLIGRAMS[info.baseUnit];
  return (priceAmount * market.numerator * base.denominator) / (priceUnit * market.denominator * base.numerator);
}

/**
 * Why the token refuses an allocation for good, so that only the investor's `refundInstead` settles it: no longer
 * verified, its country or class no longer admitted, the minimum holding raised above it. Anything else (a pause, a
 * hold, a KYC lapse, a freeze) passes, and the claim waits for it.
 */
export const REFUSED_FOR_GOOD = ["receiver-not-verified", "country-not-allowed", "class-too-low", "below-minimum-holding"] as const;

/** The floor of `requested x capacity / total`, as the contract allocates. */
export function allocationDown(requested: bigint, capacity: bigint, total: bigint): bigint {
  return requested === 0n ? 0n : (requested * capacity) / total;
}

/** What `units` cost at `priceAmount / priceUnit`, rounded up, as the contract computes it. */
export function paymentUp(units: bigint, priceAmount: bigint, priceUnit: bigint): bigint {
  return (units * priceAmount + priceUnit - 1n) / priceUnit;
}

/**
 * The contract's `allocationOf` from an offering's terms, status and one subscription: the units the investor would
 * receive (before close, as if it closed now with the hard cap as capacity; after, its share of the units minted,
 * none for a failed offering), what they cost (rounded up) and the refund of the rest of its payment.
 */
export function allocationOf(
  terms: { softCap: bigint; hardCap: bigint; priceAmount: bigint; priceUnit: bigint },
  status: { state: number; totalRequested: bigint; unitsMinted: bigint },
  sub: { requested: bigint; paid: bigint },
): readonly [units: bigint, payment: bigint, refund: bigint] {
  // OfferingMathLib.allocationDown: requested x capacity / totalRequested, rounded down (0 for no request).
  const down = (capacity: bigint) => (sub.requested === 0n ? 0n : (sub.requested * capacity) / status.totalRequested);
  const total = status.totalRequested;
  const units =
    OFFERING_STATES[status.state] === "open"
      ? total < terms.softCap
        ? 0n
        : down(total < terms.hardCap ? total : terms.hardCap)
      : OFFERING_STATES[status.state] === "succeeded"
        ? down(status.unitsMinted)
        : 0n;
  const payment = paymentUp(units, terms.priceAmount, terms.priceUnit);
  return [units, payment, sub.paid - payment];
}
