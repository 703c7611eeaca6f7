/**
 * Sale proceeds: each lot's figures as the vault's `getLotProceeds` gives them after each of its events (and after
 * each burn of its units, which changes the outstanding supply it reports), every deposit and claim with its time,
 * and each holder's position (units redeemed, proceeds paid) as `getPosition` gives it.
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

/**
 * Stores lot `lotId`'s proceeds as the vault reports them at `blockNumber` (and `holder`'s position). With `create`
 * false, only a lot already in the index (one with a vault event) is read again.
 */
export async function refreshProceeds(context: Context, lotId: bigint, blockNumber: bigint, create: boolean, holder?: `0x${string}`): Promise<void> {
  const existing = await context.db.find(proceedsLot, { lotId });
  if (!create && !existing) return;
  const address = context.contracts.ProceedsVault.address as `0x${string}`;
  // The lot's figures read at a block are the state after the whole block: read them once per block.
  const fresh = existing?.snapshotBlock !== blockNumber;
  const reads = [
    ...(fresh ? [{ address, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [lotId] }] : []),
    ...(holder ? [{ address, abi: proceedsVaultAbi, functionName: "getPosition", args: [lotId, holder] }] : []),
  ];
  const results = await readAt(context, blockNumber, false, reads);
  const position = holder ? (results[fresh ? 1 : 0] as { units: bigint; paid: bigint }) : undefined;
  if (holder && position) {
    const change = { units: position.units, paid: position.paid };
    await context.db.insert(proceedsPosition).values({ lotId, holder: lower(holder), ...change }).onConflictDoUpdate(change);
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

ponder.on("ProceedsVault:ProceedsDeposited", async ({ event, context }) => {
  const { lotId, amount, isFinal, by } = event.args;
  await context.db.insert(proceedsDeposit).values({
    id: event.id,
    lotId,
    amount,
    isFinal,
    by: lower(by),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  await refreshProceeds(context, lotId, event.block.number, true);
});

ponder.on("ProceedsVault:UnitsRedeemed", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true, event.args.holder);
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
  await refreshProceeds(context, lotId, event.block.number, true, holder);
});

ponder.on("ProceedsVault:EntitledSupplyFixed", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true);
});

ponder.on("ProceedsVault:DustSwept", async ({ event, context }) => {
  await refreshProceeds(context, event.args.lotId, event.block.number, true);
});
