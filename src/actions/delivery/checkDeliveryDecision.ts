import type { Address, Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { DeliveryRefusedError } from "../../errors/delivery.ts";
import { short } from "../../errors/format.ts";
import { deliveryAddress, toRequestId } from "../../internal/delivery.ts";
import { pendingRequest } from "../../internal/deliveryRequest.ts";
import { toAddress } from "../../internal/validate.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import type { GetDeliveryReturnType } from "./getDelivery.ts";

export interface CheckDeliveryDecisionParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
  /** "confirm" and "reject" are the lot's custodian's; "cancel" is the holder's. */
  decision: "confirm" | "reject" | "cancel";
  /** Who would decide; defaults to the client's account. */
  account?: Address;
}

export interface CheckDeliveryDecisionReturnType {
  allowed: boolean;
  /** Why not: "unknown-request", "not-pending", "not-lot-custodian", "not-holder", or the compliance reason (as `checkTransfer` names it) that stops the units going back. */
  reason: "ok" | "unknown-request" | "not-pending" | "not-lot-custodian" | "not-holder" | Exclude<ReasonName, "ok">;
  /** One plain sentence. */
  message: string;
  /** The request, when it exists. */
  request?: GetDeliveryReturnType;
}

export type CheckDeliveryDecisionErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Asks whether an account could confirm, reject or cancel a delivery request now and, if not, why, in one sentence,
 * before anything is sent: the request unknown or already decided, the caller not the lot's current custodian (confirm,
 * reject) or not the request's holder (cancel), or the units unable to go back to the holder under its receiver rules
 * (reject, cancel). `confirmDelivery`, `rejectDelivery` and `cancelDelivery` refuse with this same check.
 *
 * @example
 * const check = await checkDeliveryDecision(client, { deployment, requestId: 1n, decision: "confirm" })
 * if (!check.allowed) console.error(check.message) // "Cannot confirm delivery request 1: it is already delivered"
 */
export async function checkDeliveryDecision(client: Client, parameters: CheckDeliveryDecisionParameters): Promise<CheckDeliveryDecisionReturnType> {
  const { deployment, decision } = parameters;
  const requestId = toRequestId(parameters.requestId);
  const account = toAddress(parameters.account ?? client.account?.address, "account");
  const action = `${decision} delivery request ${requestId}`;
  let request: GetDeliveryReturnType;
  try {
    request = await pendingRequest(client, deployment, requestId, action, decision === "cancel" ? undefined : account);
  } catch (error) {
    if (error instanceof DeliveryRefusedError) return { allowed: false, reason: error.reason as CheckDeliveryDecisionReturnType["reason"], message: error.shortMessage };
    throw error;
  }
  if (decision === "cancel" && request.holder.toLowerCase() !== account.toLowerCase()) {
    return { allowed: false, reason: "not-holder", message: `Cannot ${action}: only its holder ${short(request.holder)} may, not ${short(account)}`, request };
  }
  if (decision !== "confirm") {
    const back = await checkTransfer(client, { deployment, from: deliveryAddress(deployment), to: request.holder, lotId: request.lotId, amount: request.amount.base });
    if (!back.allowed) return { allowed: false, reason: back.reason as CheckDeliveryDecisionReturnType["reason"], message: `Cannot ${action}: the units cannot go back. ${back.message}`, request };
  }
  const what = decision === "confirm" ? "the units are burned" : "the units go back to the holder";
  return { allowed: true, reason: "ok", message: `${short(account)} may ${decision} delivery request ${requestId} (${request.amount.format()} of lot ${request.lotId}): ${what}`, request };
}
