/**
 * What reports read from the chain, at scale: the cap tables of every lot (or one) folded from the token's
 * logs in one scan, the lots and the holders' investor records in batched reads, a lot's registry events
 * filtered by its indexed id.
 */
import { getAddress, zeroAddress, type Address, type Client, type Hash } from "viem";
import { getBlock, getTransaction } from "viem/actions";
import { lotRegistryAbi, lotTokenAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { INVESTOR_CLASSES, type InvestorClassName } from "../domain.ts";
import { toLotView, type LotView, type RawLot } from "../actions/lots/getLot.ts";
import { readAll, type Read } from "./batch.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "./logs.ts";

/** One holder's position in a lot, folded from the token's events. */
export interface Position {
  balance: bigint;
  frozen: bigint;
}

/** Cap tables by lot id, then by holder. */
export type Ledger = Map<bigint, Map<Address, Position>>;

const position = (ledger: Ledger, lotId: bigint, holder: Address): Position => {
  let lot = ledger.get(lotId);
  if (!lot) ledger.set(lotId, (lot = new Map()));
  let p = lot.get(holder);
  if (!p) lot.set(holder, (p = { balance: 0n, frozen: 0n }));
  return p;
};

/**
 * Every balance and partial freeze of every lot (or of `lotId` only), from one scan of the token's
 * `TransferSingle`, `TransferBatch` and `Frozen` events. Every movement of units emits one of the transfer
 * events and every change of a partial freeze a `Frozen` event, so the balances are exact; holders whose balance
 * is back to zero are dropped.
 */
export async function readLedger(
  client: Client,
  parameters: { deployment: Deployment; lotId?: bigint; onProgress?: OnProgress },
): Promise<Ledger> {
  const { deployment, lotId } = parameters;
  const ledger: Ledger = new Map();
  const move = (id: bigint, from: Address, to: Address, value: bigint) => {
    if (lotId !== undefined && id !== lotId) return;
    if (from !== zeroAddress) position(ledger, id, from).balance -= value;
    if (to !== zeroAddress) position(ledger, id, to).balance += value;
  };
  await scanLogs(client, {
    address: deployment.contracts.LotToken,
    abi: lotTokenAbi,
    eventNames: ["TransferSingle", "TransferBatch", "Frozen"],
    fromBlock: deployment.block.number,
    label: "unit movements",
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    onLogs: (logs: DecodedLog[]) => {
      for (const log of logs) {
        const a = log.args as { id: bigint; ids: readonly bigint[]; values: readonly bigint[]; from: Address; to: Address; value: bigint; tokenId: bigint; account: Address; amount: bigint };
        if (log.eventName === "TransferSingle") move(a.id, a.from, a.to, a.value);
        else if (log.eventName === "TransferBatch") {
          a.ids.forEach((id, i) => move(id, a.from, a.to, a.values[i]!));
        } else if (log.eventName === "Frozen" && (lotId === undefined || a.tokenId === lotId)) {
          position(ledger, a.tokenId, a.account).frozen = a.amount;
        }
      }
    },
  });
  for (const holders of ledger.values()) {
    for (const [holder, p] of holders) if (p.balance === 0n && p.frozen === 0n) holders.delete(holder);
  }
  return ledger;
}

/** Reads lots `ids` in one batch (four reads per lot through Multicall3). */
export async function readLots(client: Client, deployment: Deployment, ids: readonly bigint[]): Promise<LotView[]> {
  const { LotRegistry, LotToken } = deployment.contracts;
  const reads: Read[] = ids.flatMap((lotId) => [
    { address: LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] },
    { address: LotRegistry, abi: lotRegistryAbi, functionName: "mintableQuantity", args: [lotId] },
    { address: LotRegistry, abi: lotRegistryAbi, functionName: "awaitingAttestation", args: [lotId] },
    { address: LotToken, abi: lotTokenAbi, functionName: "uri", args: [lotId] },
  ]);
  const results = await readAll(client, deployment, reads);
  return ids.map((lotId, i) =>
    toLotView(lotId, results[4 * i] as RawLot, results[4 * i + 1] as bigint, results[4 * i + 2] as boolean, results[4 * i + 3] as string),
  );
}

/** The registry's lot count. */
export async function readLotCount(client: Client, deployment: Deployment): Promise<bigint> {
  const [count] = await readAll(client, deployment, [{ address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "lotCount" }]);
  return count as bigint;
}

/** What a cap table shows of a holder's investor record (no personal data: the chain has none). */
export interface InvestorRecord {
  investorId: bigint;
  country: number;
  investorClass: InvestorClassName;
  accountFrozen: boolean;
}

/** The investor records of `wallets`, in one batch. */
export async function readInvestors(client: Client, deployment: Deployment, wallets: readonly Address[]): Promise<Map<Address, InvestorRecord>> {
  const results = await readAll(
    client,
    deployment,
    wallets.map((wallet) => ({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getInvestor", args: [wallet] })),
  );
  const records = new Map<Address, InvestorRecord>();
  wallets.forEach((wallet, i) => {
    const r = results[i] as { investorId: bigint; country: number; investorClass: number; frozen: boolean };
    records.set(wallet, { investorId: r.investorId, country: r.country, investorClass: INVESTOR_CLASSES[r.investorClass] ?? "none", accountFrozen: r.frozen });
  });
  return records;
}

/** One registry event about a lot, with when and by whom. */
export interface LotEvent {
  event: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  transactionHash: Hash;
  timestamp: Date;
  /** The account that sent the transaction. */
  actor: Address;
}

/**
 * Every registry event of one lot, filtered at the node by the indexed lot id and read in bounded ranges, with
 * each distinct block's time and each distinct transaction's sender.
 */
export async function readLotEvents(
  client: Client,
  parameters: { deployment: Deployment; lotId: bigint; onProgress?: OnProgress; unitAccounting?: boolean },
): Promise<LotEvent[]> {
  const { deployment, lotId } = parameters;
  // Without the unit-accounting tally the node returns only lifecycle steps, whose number does not grow with holders.
  const events = (lotRegistryAbi as readonly { type: string; name?: string; inputs?: readonly { name: string; indexed?: boolean }[] }[])
    .filter((item) => item.type === "event" && item.inputs?.[0]?.name === "lotId" && item.inputs[0].indexed)
    .map((item) => item.name!)
    .filter((name) => parameters.unitAccounting !== false || name !== "UnitsAccounted");
  const logs: DecodedLog[] = [];
  await scanLogs(client, {
    address: deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    eventNames: events,
    indexed: { topicIndex: 1, value: lotId },
    fromBlock: deployment.block.number,
    label: `lot ${lotId} events`,
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    onLogs: (batch) => logs.push(...batch),
  });
  const blocks = new Map<bigint, Date>();
  const senders = new Map<Hash, Address>();
  for (const log of logs) {
    if (!blocks.has(log.blockNumber)) {
      const block = await getBlock(client, { blockNumber: log.blockNumber });
      blocks.set(log.blockNumber, new Date(Number(block.timestamp) * 1000));
    }
    const hash = log.transactionHash as Hash;
    if (!senders.has(hash)) senders.set(hash, getAddress((await getTransaction(client, { hash })).from));
  }
  return logs.map((log) => ({
    event: log.eventName,
    args: log.args,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash as Hash,
    timestamp: blocks.get(log.blockNumber)!,
    actor: senders.get(log.transactionHash as Hash)!,
  }));
}
