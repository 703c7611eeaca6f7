/**
 * What reports read of primary offerings, at scale: the offerings contract's events in one scan of bounded block
 * ranges (for one lot: its `OfferingCreated` filtered at the node by the indexed lot id, then the other events
 * filtered by the indexed offering ids), folded per offering and investor; then each offering's status in one
 * batch. Requests grow with block ranges and offerings, never with investors.
 */
import type { Address, Client } from "viem";
import { lotOfferingsAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { readAll } from "./batch.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "./logs.ts";
import { OFFERING_STATES, paymentUp, type OfferingStateName } from "./offerings.ts";

/** The terms of an offering as `OfferingCreated` carries them. */
export interface RawOfferingTerms {
  lotId: bigint;
  paymentToken: Address;
  treasury: Address;
  priceAmount: bigint;
  priceUnit: bigint;
  start: bigint;
  end: bigint;
  minTicket: bigint;
  maxTicket: bigint;
  softCap: bigint;
  hardCap: bigint;
}

/** The offerings contract's `statusOf`. */
export interface RawOfferingStatus {
  state: number;
  unclaimed: bigint;
  totalRequested: bigint;
  unitsMinted: bigint;
  unitsDelivered: bigint;
  unitsRefused: bigint;
  unitsReturned: bigint;
  proceedsReleased: bigint;
  proceedsWithdrawn: bigint;
}

/** One offering's figures: its terms and status as the contract holds them, and the money folded from its events. */
export interface OfferingFigures {
  offeringId: bigint;
  terms: RawOfferingTerms;
  state: OfferingStateName;
  /** Investors with a request who have not claimed yet (the contract's count). */
  unclaimed: number;
  totalRequested: bigint;
  unitsMinted: bigint;
  unitsDelivered: bigint;
  unitsRefused: bigint;
  unitsReturned: bigint;
  /** Payment for delivered units (owed to the treasury), and what the treasury has been paid of it. */
  proceedsReleased: bigint;
  proceedsWithdrawn: bigint;
  /** Investors whose request is above zero (a cancelled request does not count). */
  subscribers: number;
  /** Every payment investors escrowed (`Subscribed`). */
  paidIn: bigint;
  /** Refunds paid: by reductions and cancellations before the end, and by claims after close. */
  refundsPaid: bigint;
  /**
   * What the investors who have not claimed will get at their claim once the offering is closed (zero while it is
   * open): units allocated (rounded down, as the contract does) and the refund of the rest of their payment. An
   * investor refused its units for good may take their payment back instead (`refundInstead`).
   */
  unitsClaimable: bigint;
  refundsClaimable: bigint;
  /** Payment the contract still holds: paid in, less refunds paid and proceeds paid to the treasury. */
  escrow: bigint;
}

/** One investor's subscription: units requested, payment escrowed, whether it claimed. */
export interface Subscriber {
  requested: bigint;
  paid: bigint;
  claimed: boolean;
}

const EVENTS = ["Subscribed", "SubscriptionReduced", "OfferingClosed", "Claimed", "RefundedInstead", "ClaimReleased", "ProceedsWithdrawn", "UnitsReturned"] as const;

/**
 * The figures of every offering (or of those of lot `lotId`), oldest first; none when the deployment has no
 * offerings contract.
 */
export async function readOfferings(
  client: Client,
  parameters: { deployment: Deployment; lotId?: bigint; onProgress?: OnProgress },
): Promise<OfferingFigures[]> {
  const { deployment, lotId } = parameters;
  const address = deployment.contracts.LotOfferings;
  if (address === undefined) return [];
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  const terms = new Map<bigint, RawOfferingTerms>();
  const subscribers = new Map<bigint, Map<Address, Subscriber>>();
  const money = new Map<bigint, { paidIn: bigint; refundsPaid: bigint }>();
  const created = (log: DecodedLog) => {
    const a = log.args as { offeringId: bigint; terms: RawOfferingTerms };
    terms.set(a.offeringId, a.terms);
    subscribers.set(a.offeringId, new Map());
    money.set(a.offeringId, { paidIn: 0n, refundsPaid: 0n });
  };
  const fold = (log: DecodedLog) => {
    const a = log.args as { offeringId: bigint; investor: Address; requested: bigint; payment: bigint; refund: bigint };
    const subs = subscribers.get(a.offeringId);
    const m = money.get(a.offeringId);
    if (subs === undefined || m === undefined) return;
    const sub = (): Subscriber => {
      let s = subs.get(a.investor);
      if (!s) subs.set(a.investor, (s = { requested: 0n, paid: 0n, claimed: false }));
      return s;
    };
    if (log.eventName === "Subscribed") {
      const s = sub();
      s.requested = a.requested;
      s.paid += a.payment;
      m.paidIn += a.payment;
    } else if (log.eventName === "SubscriptionReduced") {
      const s = sub();
      s.requested = a.requested;
      s.paid -= a.refund;
      m.refundsPaid += a.refund;
    } else if (log.eventName === "Claimed" || log.eventName === "RefundedInstead" || log.eventName === "ClaimReleased") {
      sub().claimed = true;
      m.refundsPaid += a.refund;
    }
  };
  const base = { address, abi: lotOfferingsAbi, fromBlock: deployment.block.number, ...progress };
  if (lotId === undefined) {
    await scanLogs(client, {
      ...base,
      eventNames: ["OfferingCreated", ...EVENTS],
      label: "offerings",
      onLogs: (logs) => logs.forEach((log) => (log.eventName === "OfferingCreated" ? created(log) : fold(log))),
    });
  } else {
    await scanLogs(client, { ...base, eventNames: ["OfferingCreated"], indexed: { topicIndex: 2, value: lotId }, label: `offerings of lot ${lotId}`, onLogs: (logs) => logs.forEach(created) });
    if (terms.size > 0) {
      await scanLogs(client, {
        ...base,
        eventNames: EVENTS,
        indexed: { topicIndex: 1, value: [...terms.keys()] },
        label: `subscriptions of lot ${lotId}`,
        onLogs: (logs) => logs.forEach(fold),
      });
    }
  }
  const ids = [...terms.keys()].sort((a, b) => (a < b ? -1 : 1));
  const statuses = (await readAll(
    client,
    deployment,
    ids.map((id) => ({ address, abi: lotOfferingsAbi, functionName: "statusOf", args: [id] })),
  )) as RawOfferingStatus[];
  return ids.map((offeringId, i) => offeringFigures(offeringId, terms.get(offeringId)!, statuses[i]!, [...subscribers.get(offeringId)!.values()], money.get(offeringId)!));
}

/**
 * An offering's figures from its facts, whichever source read them (the node's logs and `statusOf`, or the index):
 * its terms, the contract's status, each subscriber's request, payment and claim, and the payments folded from its
 * events.
 */
export function offeringFigures(
  offeringId: bigint,
  t: RawOfferingTerms,
  st: RawOfferingStatus,
  subs: readonly Subscriber[],
  m: { paidIn: bigint; refundsPaid: bigint },
): OfferingFigures {
  const state = OFFERING_STATES[st.state] ?? "open";
  let unitsClaimable = 0n;
  let refundsClaimable = 0n;
  if (state !== "open") {
    for (const s of subs) {
      if (s.claimed || s.requested === 0n) continue;
      // The contract's allocationDown and paymentUp: mulDiv rounding down, then the payment rounded up.
      const units = state === "succeeded" ? (s.requested * st.unitsMinted) / st.totalRequested : 0n;
      unitsClaimable += units;
      refundsClaimable += s.paid - paymentUp(units, t.priceAmount, t.priceUnit);
    }
  }
  return {
    offeringId,
    terms: t,
    state,
    unclaimed: Number(st.unclaimed),
    totalRequested: st.totalRequested,
    unitsMinted: st.unitsMinted,
    unitsDelivered: st.unitsDelivered,
    unitsRefused: st.unitsRefused,
    unitsReturned: st.unitsReturned,
    proceedsReleased: st.proceedsReleased,
    proceedsWithdrawn: st.proceedsWithdrawn,
    subscribers: subs.filter((s) => s.requested > 0n).length,
    paidIn: m.paidIn,
    refundsPaid: m.refundsPaid,
    unitsClaimable,
    refundsClaimable,
    escrow: m.paidIn - m.refundsPaid - st.proceedsWithdrawn,
  };
}
