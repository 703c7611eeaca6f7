/**
 * Processing with provenance: each step (split, blend, refining) with its inputs and outputs; each lot's place in the
 * graph (the step that produced it, the step that consumed it and how its holders convert); the by-products recorded
 * in each lot; and the units of an output held for a holder its rules refused. The lots' own records (PROCESSED, a
 * product's registration, supplies) come from the registry's `LotConsumed`, `ProductRegistered` and `UnitsAccounted`,
 * and holders' units from the token's transfers, like every other lot's.
 *
 * Folded from the events, except what no event carries: the share of each output that belongs to each consumed input
 * (`conversionOf`), read once when the step is done (`LotsProcessed`, its last event); the shares never change after.
 */
import { ponder, type Context } from "ponder:registry";
import { heldUnits, lotProvenance, processingStep } from "ponder:schema";
import { lotProcessingAbi } from "../../src/generated/abis.ts";
import { lower, readAt } from "./read.ts";

const NEW = { producedBy: 0n, consumedBy: 0n, consumed: 0n, outstanding: 0n, converted: 0n, shares: [] as string[], byProducts: [] as { commodity: number; gradePpb: string; contained: string }[] };

/** Lot `lotId`'s row with `change` applied, created empty when the lot has none yet. */
async function setProvenance(context: Context, lotId: bigint, change: Partial<typeof NEW>): Promise<void> {
  await context.db.insert(lotProvenance).values({ lotId, ...NEW, ...change }).onConflictDoUpdate(change);
}

ponder.on("LotProcessing:InputConsumed", async ({ event, context }) => {
  const { stepId, lotId, consumed, outstanding } = event.args;
  await setProvenance(context, lotId, { consumedBy: stepId, consumed, outstanding });
});

ponder.on("LotProcessing:OutputProduced", async ({ event, context }) => {
  await setProvenance(context, event.args.lotId, { producedBy: event.args.stepId });
});

// The step's last event: its outputs are all registered, so each input's shares of them are final.
ponder.on("LotProcessing:LotsProcessed", async ({ event, context }) => {
  const { stepId, kind, inputs, outputs, by } = event.args;
  await context.db.insert(processingStep).values({
    stepId,
    kind,
    at: event.block.timestamp,
    by: lower(by),
    inputs: inputs.map(String),
    outputs: outputs.map(String),
    blockNumber: event.block.number,
  });
  const address = context.contracts.LotProcessing.address as `0x${string}`;
  const conversions = (await readAt(
    context,
    event.block.number,
    false,
    inputs.map((lotId) => ({ address, abi: lotProcessingAbi, functionName: "conversionOf", args: [lotId] })),
  )) as { shares: readonly bigint[] }[];
  for (const [i, lotId] of inputs.entries()) await setProvenance(context, lotId, { shares: conversions[i]!.shares.map(String) });
});

// The by-product's grade and contained quantity after this recording (a lot records each by-product once, in the
// order first recorded; a later recording of the same one replaces its figures).
ponder.on("LotProcessing:ByProductRecorded", async ({ event, context }) => {
  const { lotId, byProduct, gradePpb, contained } = event.args;
  const row = await context.db.find(lotProvenance, { lotId });
  const list = [...(row?.byProducts ?? [])];
  const entry = { commodity: byProduct, gradePpb: String(gradePpb), contained: String(contained) };
  const at = list.findIndex((b) => b.commodity === byProduct);
  if (at === -1) list.push(entry);
  else list[at] = entry;
  await setProvenance(context, lotId, { byProducts: list });
});

ponder.on("LotProcessing:UnitsConverted", async ({ event, context }) => {
  const { lotId, units } = event.args;
  await context.db.update(lotProvenance, { lotId }).set((row) => ({ converted: row.converted + units }));
});

// A converting holder's share of an output that its rules refused is held here for it.
ponder.on("LotProcessing:OutputDelivered", async ({ event, context }) => {
  const { lotId, holder, units, held } = event.args;
  if (!held) return;
  await context.db
    .insert(heldUnits)
    .values({ lotId, holder: lower(holder), units })
    .onConflictDoUpdate((row) => ({ units: row.units + units }));
});

// Claimed, released by compliance or redeemed at the vault: each takes everything held for the holder.
ponder.on("LotProcessing:HeldUnitsReleased", async ({ event, context }) => {
  await context.db.update(heldUnits, { lotId: event.args.lotId, holder: lower(event.args.holder) }).set({ units: 0n });
});

ponder.on("LotProcessing:HeldUnitsRedeemed", async ({ event, context }) => {
  await context.db.update(heldUnits, { lotId: event.args.lotId, holder: lower(event.args.holder) }).set({ units: 0n });
});
