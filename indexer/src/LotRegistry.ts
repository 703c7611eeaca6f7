/**
 * The lot registry: each lot's record (snapshotted from `getLot`, `mintableQuantity`, `awaitingAttestation` and the
 * token's `uri` after every event about it), its timeline (every event about it, kept raw) and its documents.
 */
import { ponder, type Context } from "ponder:registry";
import { document, lot, lotEvent } from "ponder:schema";
import { lotRegistryAbi, lotTokenAbi } from "../../src/generated/abis.ts";
import { refreshProceeds } from "./ProceedsVault.ts";
import { lower, readAt } from "./read.ts";

type RawLot = {
  commodity: number; form: number; basis: number; state: number; countryCode: number; moistureBps: number; payableBps: number; gradePpb: number;
  registeredAt: number; updatedAt: number; custodian: `0x${string}`; pendingCustodian: `0x${string}`; originId: `0x${string}`; externalRef: `0x${string}`;
  location: `0x${string}`; wetMassGrams: bigint; containedQuantity: bigint; payableQuantity: bigint; attestedQuantity: bigint; mintedQuantity: bigint; burnedQuantity: bigint;
  deliveredQuantity: bigint; reservedQuantity: bigint;
};

/** Every registry event whose first argument is the indexed lot id: a lot's timeline. */
const LOT_EVENTS = (lotRegistryAbi as readonly { type: string; name?: string; inputs?: readonly { name: string; indexed?: boolean }[] }[])
  .filter((item) => item.type === "event" && item.inputs?.[0]?.name === "lotId" && item.inputs[0].indexed)
  .map((item) => item.name!);

/**
 * Stores lot `lotId` as the registry and token hold it at `blockNumber`: the state after the whole block, so a lot
 * already read at this block (several of its events in one block) is not read again.
 */
async function snapshotLot(context: Context, lotId: bigint, blockNumber: bigint): Promise<void> {
  if ((await context.db.find(lot, { lotId }))?.snapshotBlock === blockNumber) return;
  const registry = context.contracts.LotRegistry.address as `0x${string}`;
  const token = context.contracts.LotToken.address as `0x${string}`;
  const [raw, mintable, awaiting, uri] = (await readAt(context, blockNumber, false, [
    { address: registry, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] },
    { address: registry, abi: lotRegistryAbi, functionName: "mintableQuantity", args: [lotId] },
    { address: registry, abi: lotRegistryAbi, functionName: "awaitingAttestation", args: [lotId] },
    { address: token, abi: lotTokenAbi, functionName: "uri", args: [lotId] },
  ])) as [RawLot, bigint, boolean, string];
  const row = {
    commodity: raw.commodity,
    form: raw.form,
    basis: raw.basis,
    state: raw.state,
    countryCode: raw.countryCode,
    moistureBps: raw.moistureBps,
    payableBps: raw.payableBps,
    gradePpb: BigInt(raw.gradePpb),
    registeredAt: BigInt(raw.registeredAt),
    updatedAt: BigInt(raw.updatedAt),
    custodian: lower(raw.custodian),
    pendingCustodian: lower(raw.pendingCustodian),
    originId: raw.originId,
    externalRef: raw.externalRef,
    location: raw.location,
    wetMassGrams: raw.wetMassGrams,
    containedQuantity: raw.containedQuantity,
    payableQuantity: raw.payableQuantity,
    attestedQuantity: raw.attestedQuantity,
    mintedQuantity: raw.mintedQuantity,
    burnedQuantity: raw.burnedQuantity,
    deliveredQuantity: raw.deliveredQuantity,
    reservedQuantity: raw.reservedQuantity,
    mintable,
    awaitingAttestation: awaiting,
    uri,
    snapshotBlock: blockNumber,
  };
  await context.db.insert(lot).values({ lotId, ...row }).onConflictDoUpdate(row);
}

for (const name of LOT_EVENTS) {
  ponder.on(`LotRegistry:${name}` as "LotRegistry:LotRetired", async ({ event, context }) => {
    const lotId = (event.args as { lotId: bigint }).lotId;
    await context.db.insert(lotEvent).values({
      id: event.id,
      lotId,
      eventName: name,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      timestamp: event.block.timestamp,
      transactionHash: event.transaction.hash,
      actor: lower(event.transaction.from),
      topics: event.log.topics as `0x${string}`[],
      data: event.log.data,
    });
    await snapshotLot(context, lotId, event.block.number);
    if (name === "DocumentAdded") {
      const index = (event.args as unknown as { index: bigint }).index;
      const [doc] = (await readAt(context, event.block.number, false, [
        { address: context.contracts.LotRegistry.address as `0x${string}`, abi: lotRegistryAbi, functionName: "getDocument", args: [lotId, index] },
      ])) as [{ docType: number; sha256Hash: `0x${string}`; uri: string; issuer: `0x${string}`; issuedAt: bigint }];
      await context.db.insert(document).values({
        lotId,
        index: Number(index),
        docType: doc.docType,
        sha256: doc.sha256Hash,
        uri: doc.uri,
        issuer: lower(doc.issuer),
        issuedAt: BigInt(doc.issuedAt),
      });
    }
    // A burn changes the token's supply, which the vault reports as the lot's outstanding units.
    if (name === "UnitsAccounted") await refreshProceeds(context, lotId, event.block.number, false);
  });
}
