import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi, proceedsVaultAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { toAddress, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import type { Money, Quantity } from "../../units/index.ts";
import { getProceeds } from "./getProceeds.ts";

export interface ReleasePositionParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The holder whose redeemed position moves (a frozen or lost wallet). */
  from: Address;
  /** The wallet that takes it: another verified investor's wallet with valid KYC, not frozen. */
  to: Address;
  /** The legal ground, at most 32 bytes of text (a court order, a recovery case). */
  reason: string;
}

export interface ReleasePositionReturnType {
  /** The redeemed units that moved, and what had been paid for them (it moved with them). */
  units: Quantity;
  paid: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ReleasePositionErrorType = ProceedsRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Moves a holder's redeemed position in a lot's proceeds (its units and what it was paid for them) to a wallet
 * compliance names: the remedy for a frozen holder's share under a legal order, or a lost wallet's. COMPLIANCE role.
 * Refused with a `ProceedsRefusedError` before anything is sent (no position, a receiver that may not receive).
 *
 * @example
 * await releasePosition(client, { deployment, lotId: 1n, from: lost, to: recovery, reason: "RECOVERY-2026-14" })
 */
export async function releasePosition(client: Client, parameters: ReleasePositionParameters): Promise<ReleasePositionReturnType> {
  const { deployment } = parameters;
  const from = toAddress(parameters.from, "from");
  const to = toAddress(parameters.to, "to");
  const reason = toShortString(parameters.reason, "reason");
  if (to.toLowerCase() === from.toLowerCase()) throw new ProceedsRefusedError("invalid-receiver", `A position is released to another wallet, not to ${short(from)} itself`);
  const proceeds = await getProceeds(client, { deployment, lotId: parameters.lotId, holder: from });
  const position = proceeds.position!;
  if (position.redeemed.base === 0n) {
    throw new ProceedsRefusedError("no-position", `${short(from)} has redeemed no units of lot ${proceeds.lotId}: there is no position to release (a forced transfer moves units still in its wallet)`);
  }
  let receives: boolean;
  try {
    receives = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "canReceive", args: [to] });
  } catch (error) {
    throw decodeError(error, { action: `check ${short(to)}` });
  }
  if (!receives) {
    throw new ProceedsRefusedError("invalid-receiver", `${short(to)} may not receive units (not verified, KYC expired, or frozen): a position is released only to a wallet that may`);
  }
  const { receipt } = await writeAndWait(client, {
    address: proceeds.vault,
    abi: proceedsVaultAbiWithErrors,
    functionName: "releasePosition",
    args: [proceeds.lotId, from, to, reason],
    context: { commodity: proceeds.commodity, action: `release ${short(from)}'s position in lot ${proceeds.lotId} to ${short(to)}` },
  });
  return { units: position.redeemed, paid: position.paid, hash: receipt.transactionHash, receipt };
}
