/**
 * Sale proceeds: each lot's figures as the vault's `getLotProceeds` gives them after each of its events (and after
 * each burn of its units, which changes the outstanding supply it reports), every deposit (the final payment marked,
 * as the SDK's node read marks it) and claim with its time, and each holder's position (units redeemed, proceeds paid)
 * as `getPosition` gives it, with whether the holder redeemed itself or was given a lost wallet's position.
 */
import { ponder, type Context } from "ponder:registry";
import { proceedsClaim, proceedsDeposit, proceedsLot, proceedsPosition } from "ponder:schema";
import { proceedsVaultAbi } from "../../src/generated/abis.ts";
import { lower, readAt } from "./read.ts";

type View = {
  proceeds: { paymentToken: `0x${string}`; finalAt: number; treasury: `0x${string}`; entitledSupply: bigint; accPerUnit: bigint; deposited: bigint; paid: bigint; swept: bigint; redeemedUnits: bigint };
  retirableAt: bigint;
  sweepable: bigint;
  outstanding: bigint;
};

/** How a holder came by its position, kept once true. */
type Flags = { redeemed?: boolean; released?: boolean };

/**
 * Stores lot `lotId`'s proceeds as the vault reports them at `blockNumber` (and the positions of `holders`, with
 * `flags` set on them). With `create` false, only a lot already in the index (one with a vault event) is read again.
 */
export async function refreshProceeds(
  context: Context,
  lotId: bigint,
  blockNumber: bigint,
  create: boolean,
  holders: readonly { holder: `0x${string}`; flags?: Flags }[] = [],
): Promise<void> {
  const existing = await context.db.find(proceedsLot, { lotId });
  if (!create && !existing) return;
  const address = context.contracts.ProceedsVault.address as `0x${string}`;
  // The lot's figures read at a block are the state after the whole block: read them once per block.
  const fresh = existing?.snapshotBlock !== blockNumber;
  const reads = [
    ...(fresh ? [{ address, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [lotId] }] : []),
    ...holders.map(({ holder }) => ({ address, abi: proceedsVaultAbi, functionName: "getPosition", args: [lotId, holder] })),
  ];
  const results = await readAt(context, blockNumber, false, reads);
  for (const [i, { holder, flags = {} }] of holders.entries()) {
    const position = results[(fresh ? 1 : 0) + i] as { units: bigint; paid: bigint };
    const change = { units: position.units, paid: position.paid };
    await context.db
      .insert(proceedsPosition)
      .values({ lotId, holder: lower(holder), ...change, redeemed: flags.redeemed === true, released: flags.released === true })
      .onConflictDoUpdate((row) => ({ ...change, redeemed: row.redeemed || flags.redeemed === true, released: row.released || flags.released === true }));
  }
  if (!fresh) return;
  const view = results[0] as View;
  const p = view.proceeds;
  const row = {
    paymentToken: lower(p.paymentToken),
    finalAt: BigInt(p.finalAt),
    treasury: lower(p.treasury),
    entitledSupply: p.entitledSupply,
    accPerUnit: p.accPerUnit,
    deposited: p.deposited,
    paid: p.paid,
    swept: p.swept,
    redeemedUnits: p.redeemedUnits,
    retirableAt: view.retirableAt,
    sweepable: view.sweepable,
    outstanding: view.outstanding,
    snapshotBlock: blockNumber,
  };
  await context.db.insert(proceedsLot).values({ lotId, ...row }).onConflictDoUpdate(row);
}

ponder.on("ProceedsVault:SettlementOpened", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true);
});

ponder.on("ProceedsVault:ProceedsDeposited", async ({ event, context }) => {
  const { lotId, amount, by } = event.args;
  await context.db.insert(proceedsDeposit).values({
    id: event.id,
    lotId,
    amount,
    isFinal: false,
    by: lower(by),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  await refreshProceeds(context, lotId, event.block.number, true);
  await context.db.update(proceedsLot, { lotId }).set({ lastDepositId: event.id, lastDepositTransaction: event.transaction.hash });
});

// The final payment: the deposit of the same transaction (a multicall of deposit and finalize), or a declaration with
// no deposit of its own, kept as a deposit of zero marked final.
ponder.on("ProceedsVault:ProceedsFinalized", async ({ event, context }) => {
  const { lotId, by } = event.args;
  const lot = await context.db.find(proceedsLot, { lotId });
  if (lot?.lastDepositId && lot.lastDepositTransaction === event.transaction.hash) {
    await context.db.update(proceedsDeposit, { id: lot.lastDepositId }).set({ isFinal: true });
  } else {
    await context.db.insert(proceedsDeposit).values({
      id: event.id,
      lotId,
      amount: 0n,
      isFinal: true,
      by: lower(by),
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      timestamp: event.block.timestamp,
      transactionHash: event.transaction.hash,
    });
  }
  await refreshProceeds(context, lotId, event.block.number, true);
});

ponder.on("ProceedsVault:UnitsRedeemed", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true, [{ holder: event.args.holder, flags: { redeemed: true } }]);
});

ponder.on("ProceedsVault:ProceedsClaimed", async ({ event, context }) => {
  const { lotId, holder, amount } = event.args;
  await context.db.insert(proceedsClaim).values({
    id: event.id,
    lotId,
    holder: lower(holder),
    amount,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
  });
  await refreshProceeds(context, lotId, event.block.number, true, [{ holder }]);
});

// Compliance moves a lost wallet's position (units redeemed and paid) to its replacement.
ponder.on("ProceedsVault:PositionReleased", async ({ event, context }) => {
  const { lotId, from, to } = event.args;
  await refreshProceeds(context, lotId, event.block.number, true, [{ holder: from }, { holder: to, flags: { released: true } }]);
});

ponder.on("ProceedsVault:LotTreasuryReplaced", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true);
});

ponder.on("ProceedsVault:DustSwept", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true);
});
