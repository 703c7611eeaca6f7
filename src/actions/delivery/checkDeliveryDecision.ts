import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { DeliveryRefusedError } from "../../errors/delivery.ts";
import { short } from "../../errors/format.ts";
import { deliveryAddress, toRequestId } from "../../internal/delivery.ts";
import { pendingRequest } from "../../internal/deliveryRequest.ts";
import { toAddress } from "../../internal/validate.ts";
import { Quantity, formatDistinct } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { getLot } from "../lots/getLot.ts";
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
  /**
   * Why not: "unknown-request", "not-pending", "not-lot-custodian", "not-holder"; for a confirmation "not-warehoused"
   * (the lot is in transit or sold), "holder-frozen" or "units-frozen"; for units going back, "paused" or
   * "lot-on-hold" (as `checkTransfer` names them), the only reasons that stop a return.
   */
  reason:
    | "ok"
    | "unknown-request"
    | "not-pending"
    | "not-lot-custodian"
    | "not-holder"
    | "not-warehoused"
    | "holder-frozen"
    | "units-frozen"
    | Exclude<ReasonName, "ok">;
  /** One plain sentence. */
  message: string;
  /** The request, when it exists. */
  request?: GetDeliveryReturnType;
}

export type CheckDeliveryDecisionErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Asks whether an account could confirm, reject or cancel a delivery request now and, if not, why, in one sentence,
 * before anything is sent: the request unknown or already decided, the caller not the lot's current custodian (confirm,
 * reject) or not the request's holder (cancel); a confirmation while the lot is not in its warehouse (in transit,
 * sold) or while a freeze binds the holder or the request's units; units going back while transfers are paused or the
 * lot is on hold. Units going back reach their holder whatever its eligibility now (a lapsed KYC, a freeze, which then
 * binds them in its wallet), as the escrow returns them. `confirmDelivery`, `rejectDelivery` and `cancelDelivery`
 * refuse with this same check.
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
  const refuse = (reason: CheckDeliveryDecisionReturnType["reason"], why: string): CheckDeliveryDecisionReturnType => ({ allowed: false, reason, message: `Cannot ${action}: ${why}`, request });
  if (decision === "confirm") {
    // As the escrow decides: the metal leaves only from the lot's warehouse, and never while a freeze binds the holder.
    const lot = await getLot(client, { deployment, lotId: request.lotId });
    if (lot.state !== "warehoused") return refuse("not-warehoused", `lot ${request.lotId} is ${lot.state}, not in its custodian's warehouse (reject it, or confirm once the lot is back in a warehouse)`);
    const token = deployment.contracts.LotToken;
    let facts: readonly [{ frozen: boolean }, bigint, bigint];
    try {
      facts = await Promise.all([
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "getInvestor", args: [request.holder] }),
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "getFrozenTokens", args: [request.holder, request.lotId] }),
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [request.holder, request.lotId] }),
      ]);
    } catch (error) {
      throw decodeError(error, { action: `check delivery request ${requestId}'s holder` });
    }
    const [holder, frozen, balance] = facts;
    if (holder.frozen) return refuse("holder-frozen", `its holder ${short(request.holder)} is frozen (compliance may release the request to a wallet it names)`);
    if (frozen > balance) {
      const [held, bound] = formatDistinct([Quantity.fromBase(request.amount.commodity, balance), Quantity.fromBase(request.amount.commodity, frozen)]);
      return refuse("units-frozen", `${bound} of lot ${request.lotId} are frozen for ${short(request.holder)}, more than the ${held} in its wallet, so the freeze reaches the units waiting for delivery`);
    }
  } else {
    // A return skips the holder's eligibility (the units were its own): only a pause or a hold stops it.
    const back = await checkTransfer(client, { deployment, from: deliveryAddress(deployment), to: request.holder, lotId: request.lotId, amount: request.amount.base });
    if (back.reason === "paused" || back.reason === "lot-on-hold") return refuse(back.reason, `the units cannot go back. ${back.message}`);
  }
  const what = decision === "confirm" ? "the units are burned" : "the units go back to the holder";
  return { allowed: true, reason: "ok", message: `${short(account)} may ${decision} delivery request ${requestId} (${request.amount.format()} of lot ${request.lotId}): ${what}`, request };
}
