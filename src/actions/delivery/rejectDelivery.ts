import type { Client, Hash, TransactionReceipt } from "viem";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { DeliveryRefusedError, type DeliveryRefusedErrorType } from "../../errors/delivery.ts";
import { deliveryAddress, toReference, toRequestId } from "../../internal/delivery.ts";
import { checkDeliveryDecision } from "./checkDeliveryDecision.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Quantity } from "../../units/index.ts";

export interface RejectDeliveryParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
  /** Why the custodian rejects the request: a short text or a 32-byte hash. */
  reason: string;
}

export interface RejectDeliveryReturnType {
  requestId: bigint;
  lotId: bigint;
  /** The units returned to the holder. */
  amount: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/**
 * `DeliveryRefusedError` before anything is sent: "unknown-request", "not-pending", "not-lot-custodian", or "paused" /
 * "lot-on-hold" (the only reasons that stop units going back).
 */
export type RejectDeliveryErrorType =
  | InvalidArgumentErrorType
  | DeliveryRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Rejects a pending delivery with a reason (the lot's current custodian): the units go back to the holder whatever
 * its eligibility now (a lapsed KYC; a freeze, which then binds them in its wallet), as the exit guarantee says; only
 * a pause or a hold on the lot stops them. For a holder that lost its wallet, the compliance officer's
 * `releaseDelivery` sends the units to a wallet it names instead.
 *
 * @example
 * await rejectDelivery(client, { deployment, requestId: 1n, reason: "instructions incomplete" })
 */
export async function rejectDelivery(client: Client, parameters: RejectDeliveryParameters): Promise<RejectDeliveryReturnType> {
  const { deployment } = parameters;
  const requestId = toRequestId(parameters.requestId);
  const reason = toReference(parameters.reason, "reason");
  const caller = requireAccount(client).address;
  const action = `reject delivery request ${requestId}`;
  const escrow = deliveryAddress(deployment);
  const check = await checkDeliveryDecision(client, { deployment, requestId, decision: "reject", account: caller });
  if (!check.allowed || check.request === undefined) throw new DeliveryRefusedError(check.reason, check.message);
  const { request } = check;
  const { receipt } = await writeAndWait(client, {
    address: escrow,
    abi: deliveryEscrowAbiWithErrors,
    functionName: "rejectDelivery",
    args: [requestId, reason],
    context: { commodity: request.commodity, action },
  });
  return { requestId, lotId: request.lotId, amount: request.amount, hash: receipt.transactionHash, receipt };
}
