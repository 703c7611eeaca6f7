/**
 * Secondary trades (delivery versus payment): each offer, whether it was taken (by whom) or cancelled, and each
 * settled trade with its time (the reports' last traded price and volume).
 */
import { ponder } from "ponder:registry";
import { trade, tradeFill } from "ponder:schema";
import { lower } from "./read.ts";

ponder.on("LotTrades:OfferCreated", async ({ event, context }) => {
  const { offerId, seller, lotId, amount, paymentToken, price, buyer, expiry } = event.args;
  await context.db.insert(trade).values({
    offerId,
    lotId,
    seller: lower(seller),
    amount,
    paymentToken: lower(paymentToken),
    price,
    buyer: lower(buyer),
    expiry: BigInt(expiry),
    status: "open",
  });
});

// Taking an offer emits `OfferTaken` and only that: every fill is a settled trade (a take that reverted left none).
ponder.on("LotTrades:OfferTaken", async ({ event, context }) => {
  const { offerId, lotId, seller, buyer, amount, price } = event.args;
  const offer = await context.db
    .update(trade, { offerId })
    .set({ status: "taken", takenBy: lower(buyer), closedBlock: event.block.number, closedTransaction: event.transaction.hash });
  await context.db.insert(tradeFill).values({
    id: event.id,
    offerId,
    lotId,
    seller: lower(seller),
    buyer: lower(buyer),
    amount,
    price,
    paymentToken: offer.paymentToken,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
});

ponder.on("LotTrades:OfferCancelled", async ({ event, context }) => {
  await context.db
    .update(trade, { offerId: event.args.offerId })
    .set({ status: "cancelled", closedBlock: event.block.number, closedTransaction: event.transaction.hash });
});
