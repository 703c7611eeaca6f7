/**
 * Secondary trades (delivery versus payment): each offer, and whether it was taken (by whom) or cancelled.
 */
import { ponder } from "ponder:registry";
import { trade } from "ponder:schema";
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

ponder.on("LotTrades:OfferTaken", async ({ event, context }) => {
  await context.db
    .update(trade, { offerId: event.args.offerId })
    .set({ status: "taken", takenBy: lower(event.args.buyer), closedBlock: event.block.number, closedTransaction: event.transaction.hash });
});

ponder.on("LotTrades:OfferCancelled", async ({ event, context }) => {
  await context.db
    .update(trade, { offerId: event.args.offerId })
    .set({ status: "cancelled", closedBlock: event.block.number, closedTransaction: event.transaction.hash });
});
