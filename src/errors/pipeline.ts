import type { Hash, TransactionReceipt } from "viem";
import type { Quantity } from "../units/index.ts";
import { MineralsError, type MineralsErrorOptions } from "./base.ts";

/** One transfer of a pipeline that landed: mined and successful. */
export interface PipelinedTransfer {
  /** Its position in the transfers given (0-based). */
  index: number;
  lotId: bigint;
  to: `0x${string}`;
  transferred: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** What a pipeline had done when it stopped. */
export interface PipelineOutcome {
  /** The transfer that stopped it (0-based): refused before it was sent, refused by the node, or reverted once mined. */
  stoppedAt: number;
  /** Of `total` transfers given. */
  total: number;
  /** Transfers that landed, in order (some may follow `stoppedAt`: sent in the same window, they were mined too). */
  landed: PipelinedTransfer[];
  /** Transfers sent whose outcome is not known (the chain was lost, or no receipt came in time), with their hashes. */
  unconfirmed: { index: number; hash: Hash }[];
  /** Transfers that were sent and reverted once mined, other than `stoppedAt`. */
  reverted: { index: number; hash: Hash }[];
  /** Transfers not sent (0-based), from `stoppedAt` on unless it was sent. */
  notSent: number[];
}

/**
 * A pipeline of transfers (`pipelineTransfers`) stopped before its end. `shortMessage` names the transfer that stopped
 * it and why, in the words a single `transferUnits` would use (the `cause` is that error: a `TransferRefusedError`, a
 * `ContractRevertError` or a `TransactionError`); `metaMessages` and the fields say which transfers landed, which
 * were sent without a known outcome, and which were not sent.
 *
 * @example
 * try { await client.pipelineTransfers({ transfers }) }
 * catch (e) { if (e instanceof TransfersStoppedError) retry(transfers.filter((_, i) => e.notSent.includes(i))) }
 */
export class TransfersStoppedError extends MineralsError implements PipelineOutcome {
  override name = "TransfersStoppedError";
  readonly stoppedAt: number;
  readonly total: number;
  readonly landed: PipelinedTransfer[];
  readonly unconfirmed: { index: number; hash: Hash }[];
  readonly reverted: { index: number; hash: Hash }[];
  readonly notSent: number[];

  constructor(outcome: PipelineOutcome, why: string, options: MineralsErrorOptions = {}) {
    const numbers = (indices: number[]) => (indices.length === 0 ? "none" : ranges(indices.map((i) => i + 1)));
    super(`Stopped at transfer ${outcome.stoppedAt + 1} of ${outcome.total}: ${why}`, {
      ...options,
      metaMessages: [
        `Landed: ${numbers(outcome.landed.map((t) => t.index))}`,
        ...(outcome.reverted.length ? [`Reverted once mined: ${outcome.reverted.map((t) => `${t.index + 1} (${t.hash})`).join(", ")}`] : []),
        ...(outcome.unconfirmed.length ? [`Sent, outcome unknown: ${outcome.unconfirmed.map((t) => `${t.index + 1} (${t.hash})`).join(", ")}`] : []),
        `Not sent: ${numbers(outcome.notSent)}`,
      ],
    });
    this.stoppedAt = outcome.stoppedAt;
    this.total = outcome.total;
    this.landed = outcome.landed;
    this.unconfirmed = outcome.unconfirmed;
    this.reverted = outcome.reverted;
    this.notSent = outcome.notSent;
  }
}
export type TransfersStoppedErrorType = TransfersStoppedError & { name: "TransfersStoppedError" };

/** "1-6, 8, 10-12" for [1, 2, 3, 4, 5, 6, 8, 10, 11, 12] (sorted, distinct). */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j;
  }
  return parts.join(", ");
}
