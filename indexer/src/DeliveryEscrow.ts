/**
 * Physical delivery: each request (units locked in the escrow) and what became of it (confirmed and burned,
 * rejected and returned, cancelled by the holder, released by compliance), and each lot's minimum delivery.
 */
import { ponder } from "ponder:registry";
import { delivery, deliveryMinimum } from "ponder:schema";
import { lower } from "./read.ts";

ponder.on("DeliveryEscrow:DeliveryRequested", async ({ event, context }) => {
  const { requestId, lotId, holder, amount, instructionsRef } = event.args;
  await context.db.insert(delivery).values({ requestId, lotId, holder: lower(holder), amount, instructionsRef, status: "pending", requestedAt: event.block.timestamp });
});

ponder.on("DeliveryEscrow:DeliveryConfirmed", async ({ event, context }) => {
  await context.db
    .update(delivery, { requestId: event.args.requestId })
    .set({ status: "confirmed", decidedAt: event.block.timestamp, decidedBy: lower(event.args.custodian), decisionRef: event.args.deliveryRef });
});

ponder.on("DeliveryEscrow:DeliveryRejected", async ({ event, context }) => {
  await context.db
    .update(delivery, { requestId: event.args.requestId })
    .set({ status: "rejected", decidedAt: event.block.timestamp, decidedBy: lower(event.args.custodian), decisionRef: event.args.reason });
});

ponder.on("DeliveryEscrow:DeliveryCancelled", async ({ event, context }) => {
  await context.db.update(delivery, { requestId: event.args.requestId }).set({ status: "cancelled", decidedAt: event.block.timestamp, decidedBy: lower(event.args.holder) });
});

ponder.on("DeliveryEscrow:DeliveryReleased", async ({ event, context }) => {
  await context.db.update(delivery, { requestId: event.args.requestId }).set({
    status: "released",
    decidedAt: event.block.timestamp,
    decidedBy: lower(event.args.officer),
    decisionRef: event.args.reason,
    releasedTo: lower(event.args.to),
  });
});

ponder.on("DeliveryEscrow:MinimumDeliverySet", async ({ event, context }) => {
  const { lotId, units } = event.args;
  await context.db.insert(deliveryMinimum).values({ lotId, units }).onConflictDoUpdate({ units });
});
