import type { Client, Hash, TransactionReceipt } from "viem";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { DeliveryRefusedError, type DeliveryRefusedErrorType } from "../../errors/delivery.ts";
import { deliveryAddress, toRequestId } from "../../internal/delivery.ts";
import { checkDeliveryDecision } from "./checkDeliveryDecision.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Quantity } from "../../units/index.ts";

export interface CancelDeliveryParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
}

export interface CancelDeliveryReturnType {
  requestId: bigint;
  lotId: bigint;
  /** The units returned. */
  amount: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `DeliveryRefusedError` ("unknown-request", "not-pending", "not-holder", or "paused" / "lot-on-hold", which stop the units coming back) before anything is sent. */
export type CancelDeliveryErrorType =
  | InvalidArgumentErrorType
  | DeliveryRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Cancels the caller's pending delivery request; its units come back whatever the caller's eligibility now (a lapsed
 * KYC; a freeze, which then binds them in its wallet). Refused before anything is sent when the caller is not the
 * request's holder, the request is not pending, or transfers are paused or the lot is on hold.
 *
 * @example
 * await cancelDelivery(client, { deployment, requestId: 1n })
 */
export async function cancelDelivery(client: Client, parameters: CancelDeliveryParameters): Promise<CancelDeliveryReturnType> {
  const { deployment } = parameters;
  const requestId = toRequestId(parameters.requestId);
  const caller = requireAccount(client).address;
  const action = `cancel delivery request ${requestId}`;
  const escrow = deliveryAddress(deployment);
  const check = await checkDeliveryDecision(client, { deployment, requestId, decision: "cancel", account: caller });
  if (!check.allowed || check.request === undefined) throw new DeliveryRefusedError(check.reason, check.message);
  const { request } = check;
  const { receipt } = await writeAndWait(client, {
    address: escrow,
    abi: deliveryEscrowAbiWithErrors,
    functionName: "cancelDelivery",
    args: [requestId],
    context: { commodity: request.commodity, action },
  });
  return { requestId, lotId: request.lotId, amount: request.amount, hash: receipt.transactionHash, receipt };
}
