import type { Client, Hash, TransactionReceipt } from "viem";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { DeliveryRefusedError, type DeliveryRefusedErrorType } from "../../errors/delivery.ts";
import { deliveryAddress, toReference, toRequestId } from "../../internal/delivery.ts";
import { checkDeliveryDecision } from "./checkDeliveryDecision.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Quantity } from "../../units/index.ts";

export interface ConfirmDeliveryParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
  /** The custodian's reference of the delivery (release note, bill of lading): a 32-byte hash or a short text. */
  deliveryRef: string;
}

export interface ConfirmDeliveryReturnType {
  requestId: bigint;
  lotId: bigint;
  /** The units burned. */
  amount: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `DeliveryRefusedError` ("unknown-request", "not-pending", "not-lot-custodian", "not-warehoused", "holder-frozen", "units-frozen") before anything is sent. */
export type ConfirmDeliveryErrorType =
  | InvalidArgumentErrorType
  | DeliveryRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Confirms a pending delivery (the lot's current custodian, holding CUSTODIAN_ROLE): the locked units are burned
 * and the registry records the metal that left (the custodian's attestation falls by as much). Refused before
 * anything is sent when the request is not pending, the caller is not the lot's custodian, the lot is not in its
 * warehouse (in transit, sold), or a freeze binds the holder or the request's units.
 *
 * @example
 * await confirmDelivery(client, { deployment, requestId: 1n, deliveryRef: "RELEASE-NOTE-77" })
 */
export async function confirmDelivery(client: Client, parameters: ConfirmDeliveryParameters): Promise<ConfirmDeliveryReturnType> {
  const { deployment } = parameters;
  const requestId = toRequestId(parameters.requestId);
  const deliveryRef = toReference(parameters.deliveryRef, "deliveryRef");
  const caller = requireAccount(client).address;
  const action = `confirm delivery request ${requestId}`;
  const check = await checkDeliveryDecision(client, { deployment, requestId, decision: "confirm", account: caller });
  if (!check.allowed || check.request === undefined) throw new DeliveryRefusedError(check.reason, check.message);
  const { request } = check;
  const { receipt } = await writeAndWait(client, {
    address: deliveryAddress(deployment),
    abi: deliveryEscrowAbiWithErrors,
    functionName: "confirmDelivery",
    args: [requestId, deliveryRef],
    context: { commodity: request.commodity, action },
  });
  return { requestId, lotId: request.lotId, amount: request.amount, hash: receipt.transactionHash, receipt };
}
