/**
 * Primary offerings: each offering's terms (from `OfferingCreated`), its status as the contract's `statusOf` gives
 * it after each of its events (a cancellation by the issuer included), the payments escrowed and refunded (folded
 * from the events, as the SDK's node read folds them: a claim, a refund instead and a released claim each pay its
 * refund), and each investor's subscription as `subscriptionOf` gives it.
 */
import { ponder, type Context } from "ponder:registry";
import { offering, subscription } from "ponder:schema";
import { lotOfferingsAbi } from "../../src/generated/abis.ts";
import { lower, readAt } from "./read.ts";

type Status = { state: number; unclaimed: bigint; totalRequested: bigint; unitsMinted: bigint; unitsDelivered: bigint; unitsRefused: bigint; unitsReturned: bigint; proceedsReleased: bigint; proceedsWithdrawn: bigint };

/** Stores offering `offeringId`'s status (and `investor`'s subscription) as the contract holds them at `blockNumber`, adding `money` to its folds. */
async function snapshot(
  context: Context,
  blockNumber: bigint,
  offeringId: bigint,
  investor?: `0x${string}`,
  money: { paidIn?: bigint; refundsPaid?: bigint } = {},
): Promise<void> {
  const address = context.contracts.LotOfferings.address as `0x${string}`;
  // The status read at a block is the state after the whole block: read it once per block.
  const fresh = (await context.db.find(offering, { offeringId }))?.snapshotBlock !== blockNumber;
  const reads = [
    ...(fresh ? [{ address, abi: lotOfferingsAbi, functionName: "statusOf", args: [offeringId] }] : []),
    ...(investor ? [{ address, abi: lotOfferingsAbi, functionName: "subscriptionOf", args: [offeringId, investor] }] : []),
  ];
  const results = reads.length === 0 ? [] : await readAt(context, blockNumber, false, reads);
  const status = fresh ? (results[0] as Status) : undefined;
  const sub = investor ? (results[fresh ? 1 : 0] as { requested: bigint; paid: bigint; claimed: boolean }) : undefined;
  await context.db.update(offering, { offeringId }).set((o) => ({
    ...(status ? statusRow(status, blockNumber) : {}),
    paidIn: o.paidIn + (money.paidIn ?? 0n),
    refundsPaid: o.refundsPaid + (money.refundsPaid ?? 0n),
  }));
  if (investor && sub) {
    const row = { requested: sub.requested, paid: sub.paid, claimed: sub.claimed };
    await context.db.insert(subscription).values({ offeringId, investor: lower(investor), ...row }).onConflictDoUpdate(row);
  }
}

const statusRow = (status: Status, blockNumber: bigint) => ({
  state: status.state,
  unclaimed: status.unclaimed,
  totalRequested: status.totalRequested,
  unitsMinted: status.unitsMinted,
  unitsDelivered: status.unitsDelivered,
  unitsRefused: status.unitsRefused,
  unitsReturned: status.unitsReturned,
  proceedsReleased: status.proceedsReleased,
  proceedsWithdrawn: status.proceedsWithdrawn,
  snapshotBlock: blockNumber,
});

ponder.on("LotOfferings:OfferingCreated", async ({ event, context }) => {
  const t = event.args.terms;
  await context.db.insert(offering).values({
    offeringId: event.args.offeringId,
    lotId: t.lotId,
    paymentToken: lower(t.paymentToken),
    treasury: lower(t.treasury),
    priceAmount: t.priceAmount,
    priceUnit: t.priceUnit,
    start: BigInt(t.start),
    end: BigInt(t.end),
    minTicket: t.minTicket,
    maxTicket: t.maxTicket,
    softCap: t.softCap,
    hardCap: t.hardCap,
    state: 0,
    unclaimed: 0n,
    totalRequested: 0n,
    unitsMinted: 0n,
    unitsDelivered: 0n,
    unitsRefused: 0n,
    unitsReturned: 0n,
    proceedsReleased: 0n,
    proceedsWithdrawn: 0n,
    paidIn: 0n,
    refundsPaid: 0n,
    snapshotBlock: -1n,
  });
  await snapshot(context, event.block.number, event.args.offeringId);
});

ponder.on("LotOfferings:Subscribed", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId, event.args.investor, { paidIn: event.args.payment });
});

ponder.on("LotOfferings:SubscriptionReduced", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId, event.args.investor, { refundsPaid: event.args.refund });
});

ponder.on("LotOfferings:Claimed", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId, event.args.investor, { refundsPaid: event.args.refund });
});

// An investor refused its units for good takes its payment back instead; compliance releases a lost wallet's claim to
// a replacement. Either settles the investor's subscription as a claim does, its refund paid out.
ponder.on("LotOfferings:RefundedInstead", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId, event.args.investor, { refundsPaid: event.args.refund });
});

ponder.on("LotOfferings:ClaimReleased", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId, event.args.investor, { refundsPaid: event.args.refund });
});

ponder.on("LotOfferings:OfferingCancelled", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId);
});

ponder.on("LotOfferings:OfferingClosed", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId);
});

ponder.on("LotOfferings:ProceedsWithdrawn", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId);
});

ponder.on("LotOfferings:UnitsReturned", async ({ event, context }) => {
  await snapshot(context, event.block.number, event.args.offeringId);
});
