import type { Address, Client, Hash } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readProceeds } from "../../internal/proceedsLedger.ts";
import { toLotId } from "../../internal/validate.ts";
import { Money } from "../../units/index.ts";

export interface ListProceedsPaymentsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

/** One payment of sale proceeds deposited for a lot. */
export interface ProceedsPayment {
  amount: Money;
  /** The final payment (after the umpire assay); none may follow it. */
  final: boolean;
  /** The treasury account that deposited it. */
  by: Address;
  blockNumber: bigint;
  transactionHash: Hash;
  timestamp: Date;
}

export type ListProceedsPaymentsReturnType = ProceedsPayment[];
export type ListProceedsPaymentsErrorType = MineralsError;

/**
 * Every payment of sale proceeds deposited for a lot, oldest first, with its time: the vault's events, read once
 * in bounded block ranges and filtered at the node by the lot's id. Empty when nothing was deposited (or the
 * deployment has no proceeds vault).
 *
 * @example
 * const payments = await listProceedsPayments(client, { deployment, lotId: 1n })
 * payments.map((p) => `${p.final ? "final" : "provisional"} ${p.amount.format()}`) // ["provisional 20,919,941.64 USD", ...]
 */
export async function listProceedsPayments(client: Client, parameters: ListProceedsPaymentsParameters): Promise<ListProceedsPaymentsReturnType> {
  const lotId = toLotId(parameters.lotId);
  try {
    const figures = (await readProceeds(client, { deployment: parameters.deployment, lotId, withTimes: true })).get(lotId);
    return (figures?.deposits ?? []).map((d) => ({
      amount: Money.fromBase(d.amount),
      final: d.isFinal,
      by: d.by,
      blockNumber: d.blockNumber,
      transactionHash: d.transactionHash,
      timestamp: d.timestamp ?? new Date(0),
    }));
  } catch (error) {
    throw decodeError(error, { action: `read the proceeds payments of lot ${lotId}` });
  }
}
