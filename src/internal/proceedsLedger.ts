/**
 * What reports read of sale proceeds, at scale: the proceeds vault's events in one scan of bounded block ranges
 * (filtered at the node by the indexed lot id when one lot is asked for), folded per lot; then each lot's
 * `getLotProceeds` in one batch. Times are read for the deposits and for at most `MAX_TIME_POINTS` points of the
 * claims (each at the block of a claim), so requests grow with block ranges and deposits, never with holders.
 */
import type { Address, Client, Hash } from "viem";
import { getBlock } from "viem/actions";
import { proceedsVaultAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { readAll } from "./batch.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "./logs.ts";

/** Claims are grouped into at most this many points of the "paid over time" series (one block time read each). */
export const MAX_TIME_POINTS = 48;

/**
 * One deposit of sale proceeds. `isFinal` marks the deposit the treasury declared final in the same transaction; a
 * declaration of the final payment without a deposit appears as a deposit of zero marked final.
 */
export interface ProceedsDeposit {
  amount: bigint;
  isFinal: boolean;
  by: Address;
  blockNumber: bigint;
  transactionHash: Hash;
  timestamp?: Date;
}

/** A lot's sale proceeds: the vault's figures and, when read with times, the deposits and payments over time. */
export interface ProceedsFigures {
  lotId: bigint;
  paymentToken: Address | undefined;
  /** The one treasury account that may deposit, fixed when settlement opened. */
  treasury: Address | undefined;
  entitledSupply: bigint;
  redeemedUnits: bigint;
  outstanding: bigint;
  deposited: bigint;
  paid: bigint;
  swept: bigint;
  sweepable: bigint;
  finalAt: Date | undefined;
  retirableAt: Date | undefined;
  /** Holders who redeemed units. */
  redeemers: number;
  deposits: ProceedsDeposit[];
  /** Cumulative deposits and payments to holders after each point in time, oldest first (only with `withTimes`). */
  overTime: { timestamp: Date; deposited: bigint; paid: bigint }[];
}

/** The vault's `getLotProceeds`. */
export interface RawLotProceedsView {
  proceeds: { paymentToken: Address; finalAt: number; treasury: Address; entitledSupply: bigint; accPerUnit: bigint; deposited: bigint; paid: bigint; swept: bigint; redeemedUnits: bigint };
  retirableAt: bigint;
  sweepable: bigint;
  outstanding: bigint;
}

const ZERO = "0x0000000000000000000000000000000000000000";
const date = (seconds: bigint): Date | undefined => (seconds === 0n ? undefined : new Date(Number(seconds) * 1000));

/**
 * The sale proceeds of every lot with a distribution (or of lot `lotId`), by lot id; empty when the deployment has
 * no proceeds vault. `withTimes` also reads the time of each deposit and of up to `MAX_TIME_POINTS` claim points.
 */
export async function readProceeds(
  client: Client,
  parameters: { deployment: Deployment; lotId?: bigint; withTimes?: boolean; onProgress?: OnProgress },
): Promise<Map<bigint, ProceedsFigures>> {
  const { deployment, lotId } = parameters;
  const vault = deployment.contracts.ProceedsVault;
  const result = new Map<bigint, ProceedsFigures>();
  if (vault === undefined) return result;
  const deposits = new Map<bigint, ProceedsDeposit[]>();
  const claims = new Map<bigint, { blockNumber: bigint; amount: bigint }[]>();
  const redeemers = new Map<bigint, Set<Address>>();
  const lots = new Set<bigint>();
  await scanLogs(client, {
    address: vault,
    abi: proceedsVaultAbi,
    eventNames: ["SettlementOpened", "ProceedsDeposited", "ProceedsFinalized", "UnitsRedeemed", "ProceedsClaimed", "DustSwept"],
    ...(lotId !== undefined ? { indexed: { topicIndex: 1 as const, value: lotId } } : {}),
    fromBlock: deployment.block.number,
    label: lotId === undefined ? "sale proceeds" : `sale proceeds of lot ${lotId}`,
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    onLogs: (logs: DecodedLog[]) => {
      for (const log of logs) {
        const a = log.args as { lotId: bigint; amount: bigint; by: Address; holder: Address };
        lots.add(a.lotId);
        if (log.eventName === "ProceedsDeposited") {
          const list = deposits.get(a.lotId) ?? [];
          list.push({ amount: a.amount, isFinal: false, by: a.by, blockNumber: log.blockNumber, transactionHash: log.transactionHash as Hash });
          deposits.set(a.lotId, list);
        } else if (log.eventName === "ProceedsFinalized") {
          // The final payment: the deposit of the same transaction, or a declaration with no deposit of its own.
          const list = deposits.get(a.lotId) ?? [];
          const same = list.at(-1);
          if (same !== undefined && same.transactionHash === log.transactionHash) same.isFinal = true;
          else list.push({ amount: 0n, isFinal: true, by: a.by, blockNumber: log.blockNumber, transactionHash: log.transactionHash as Hash });
          deposits.set(a.lotId, list);
        } else if (log.eventName === "ProceedsClaimed" && parameters.withTimes) {
          const list = claims.get(a.lotId) ?? [];
          list.push({ blockNumber: log.blockNumber, amount: a.amount });
          claims.set(a.lotId, list);
        } else if (log.eventName === "UnitsRedeemed") {
          const set = redeemers.get(a.lotId) ?? new Set<Address>();
          set.add(a.holder);
          redeemers.set(a.lotId, set);
        }
      }
    },
  });
  const ids = [...lots].sort((a, b) => (a < b ? -1 : 1));
  const views = (await readAll(client, deployment, ids.map((id) => ({ address: vault, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [id] })))) as RawLotProceedsView[];
  const times = new Map<bigint, Date>();
  const timeOf = async (blockNumber: bigint): Promise<Date> => {
    let time = times.get(blockNumber);
    if (time === undefined) times.set(blockNumber, (time = new Date(Number((await getBlock(client, { blockNumber })).timestamp) * 1000)));
    return time;
  };
  for (const [i, id] of ids.entries()) {
    result.set(id, await proceedsFigures(id, views[i]!, deposits.get(id) ?? [], claims.get(id) ?? [], redeemers.get(id)?.size ?? 0, parameters.withTimes === true, timeOf));
  }
  return result;
}

/**
 * A lot's proceeds figures from its facts, whichever source read them (the node's logs and `getLotProceeds`, or the
 * index): the vault's view, the deposits and claims (oldest first) and the number of redeemers. With `withTimes`,
 * each deposit gets its time and the payments over time are grouped into at most `MAX_TIME_POINTS` points, each at
 * the block of the last claim (or deposit) it counts, whose time `timeOf` reads.
 */
export async function proceedsFigures(
  id: bigint,
  v: RawLotProceedsView,
  lotDeposits: ProceedsDeposit[],
  lotClaims: readonly { blockNumber: bigint; amount: bigint }[],
  redeemers: number,
  withTimes: boolean,
  timeOf: (blockNumber: bigint) => Promise<Date>,
): Promise<ProceedsFigures> {
  const overTime: ProceedsFigures["overTime"] = [];
  if (withTimes) {
    for (const d of lotDeposits) d.timestamp = await timeOf(d.blockNumber);
    // Points: every deposit's block, and the claims grouped into at most MAX_TIME_POINTS buckets of blocks (each
    // bucket at its last claim's block), so a thousand claims cost no more block reads than fifty.
    const points = new Set<bigint>(lotDeposits.map((d) => d.blockNumber));
    if (lotClaims.length > 0) {
      const first = lotClaims[0]!.blockNumber;
      const last = lotClaims.at(-1)!.blockNumber;
      const width = (last - first) / BigInt(MAX_TIME_POINTS) + 1n;
      const lastInBucket = new Map<bigint, bigint>();
      for (const c of lotClaims) lastInBucket.set((c.blockNumber - first) / width, c.blockNumber);
      for (const block of lastInBucket.values()) points.add(block);
    }
    let deposited = 0n;
    let paid = 0n;
    let di = 0;
    let ci = 0;
    for (const block of [...points].sort((a, b) => (a < b ? -1 : 1))) {
      while (di < lotDeposits.length && lotDeposits[di]!.blockNumber <= block) deposited += lotDeposits[di++]!.amount;
      while (ci < lotClaims.length && lotClaims[ci]!.blockNumber <= block) paid += lotClaims[ci++]!.amount;
      overTime.push({ timestamp: await timeOf(block), deposited, paid });
    }
  }
  return {
    lotId: id,
    paymentToken: v.proceeds.paymentToken === ZERO ? undefined : v.proceeds.paymentToken,
    treasury: v.proceeds.treasury === ZERO ? undefined : v.proceeds.treasury,
    entitledSupply: v.proceeds.entitledSupply,
    redeemedUnits: v.proceeds.redeemedUnits,
    outstanding: v.outstanding,
    deposited: v.proceeds.deposited,
    paid: v.proceeds.paid,
    swept: v.proceeds.swept,
    sweepable: v.sweepable,
    finalAt: date(BigInt(v.proceeds.finalAt)),
    retirableAt: date(v.retirableAt),
    redeemers,
    deposits: lotDeposits,
    overTime,
  };
}
