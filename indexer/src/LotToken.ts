/**
 * The units token: balances and partial freezes per lot and holder, every movement (for a wallet's history), and
 * each lot's compliance rules, allowed countries, hold, stopped trading and reserved holder slots. The rules' holder count is the token's own
 * (`getLotRules`), read again only when a movement takes a balance to or from zero, the only movements that can
 * change it.
 */
import { ponder, type Context } from "ponder:registry";
import { allowedCountry, lotRules, position, transfer } from "ponder:schema";
import { zeroAddress } from "viem";
import { lotTokenAbi } from "../../src/generated/abis.ts";
import { lower, readAt } from "./read.ts";

const NO_REASON = `0x${"0".repeat(64)}` as const;

/**
 * Stores lot `lotId`'s rules and holder count as the token holds them at `blockNumber` (after the whole block: read
 * once per block however many of its movements cross zero), keeping its hold reason.
 */
async function snapshotRules(context: Context, lotId: bigint, blockNumber: bigint): Promise<void> {
  if ((await context.db.find(lotRules, { lotId }))?.snapshotBlock === blockNumber) return;
  const [rules] = (await readAt(context, blockNumber, false, [
    { address: context.contracts.LotToken.address as `0x${string}`, abi: lotTokenAbi, functionName: "getLotRules", args: [lotId] },
  ])) as [
    { minClass: number; restrictCountries: boolean; onHold: boolean; maxHolders: number; holders: number; lockupEnd: number; minHolding: bigint; tradingStopped: boolean; reservedHolders: number },
  ];
  const row = {
    minClass: rules.minClass,
    restrictCountries: rules.restrictCountries,
    onHold: rules.onHold,
    maxHolders: BigInt(rules.maxHolders),
    holders: BigInt(rules.holders),
    lockupEnd: BigInt(rules.lockupEnd),
    minHolding: rules.minHolding,
    tradingStopped: rules.tradingStopped,
    reservedHolders: BigInt(rules.reservedHolders),
    snapshotBlock: blockNumber,
  };
  await context.db
    .insert(lotRules)
    .values({ lotId, ...row, holdReason: NO_REASON })
    .onConflictDoUpdate(row);
}

/** Moves `value` units of `lotId`; returns whether a balance crossed zero (a holder came or went). */
async function move(context: Context, lotId: bigint, from: `0x${string}`, to: `0x${string}`, value: bigint): Promise<boolean> {
  let crossed = false;
  if (from !== zeroAddress && value > 0n) {
    const row = await context.db.update(position, { lotId, holder: from }).set((p) => ({ balance: p.balance - value }));
    crossed ||= row.balance === 0n;
  }
  if (to !== zeroAddress && value > 0n) {
    const row = await context.db
      .insert(position)
      .values({ lotId, holder: to, balance: value, frozen: 0n })
      .onConflictDoUpdate((p) => ({ balance: p.balance + value }));
    crossed ||= row.balance === value;
  }
  return crossed;
}

async function recordMoves(
  context: Context,
  event: { id: string; block: { number: bigint }; log: { logIndex: number }; transaction: { hash: `0x${string}` } },
  from: `0x${string}`,
  to: `0x${string}`,
  moves: readonly (readonly [bigint, bigint])[],
): Promise<void> {
  const changed = new Set<bigint>();
  for (const [i, [lotId, value]] of moves.entries()) {
    if (from === to) continue;
    if (await move(context, lotId, from, to, value)) changed.add(lotId);
    await context.db.insert(transfer).values({
      id: `${event.id}-${i}`,
      lotId,
      from,
      to,
      amount: value,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      transactionHash: event.transaction.hash,
    });
  }
  for (const lotId of changed) await snapshotRules(context, lotId, event.block.number);
}

ponder.on("LotToken:TransferSingle", async ({ event, context }) => {
  await recordMoves(context, event, lower(event.args.from), lower(event.args.to), [[event.args.id, event.args.value]]);
});

ponder.on("LotToken:TransferBatch", async ({ event, context }) => {
  const { ids, values } = event.args;
  await recordMoves(context, event, lower(event.args.from), lower(event.args.to), ids.map((id, i) => [id, values[i]!] as const));
});

ponder.on("LotToken:Frozen", async ({ event, context }) => {
  const { tokenId: lotId, amount } = event.args;
  await context.db
    .insert(position)
    .values({ lotId, holder: lower(event.args.account), balance: 0n, frozen: amount })
    .onConflictDoUpdate({ frozen: amount });
});

ponder.on("LotToken:LotRulesSet", async ({ event, context }) => {
  await snapshotRules(context, event.args.lotId, event.block.number);
});

ponder.on("LotToken:LotHoldSet", async ({ event, context }) => {
  await snapshotRules(context, event.args.lotId, event.block.number);
  // The reason of the hold in force (the SDK's node read takes the latest `LotHoldSet` the same way).
  await context.db.update(lotRules, { lotId: event.args.lotId }).set({ holdReason: event.args.onHold ? event.args.reason : NO_REASON });
});

// Settlement stops ordinary transfers; offering subscribers hold holder slots until they claim.
ponder.on("LotToken:TradingStopped", async ({ event, context }) => {
  await snapshotRules(context, event.args.lotId, event.block.number);
});

ponder.on("LotToken:HolderSlotsChanged", async ({ event, context }) => {
  await snapshotRules(context, event.args.lotId, event.block.number);
});

ponder.on("LotToken:CountryAllowed", async ({ event, context }) => {
  const { lotId, country, allowed } = event.args;
  await context.db.insert(allowedCountry).values({ lotId, country, allowed }).onConflictDoUpdate({ allowed });
});
