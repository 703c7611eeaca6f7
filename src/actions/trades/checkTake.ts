import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTradesAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { requireAccount } from "../../internal/write.ts";
import { TAKE_STATUSES, type TakeStatusName, toOfferId, tradesAddress } from "../../internal/trades.ts";
import { toAddress } from "../../internal/validate.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { getOffer, type GetOfferReturnType } from "./getOffer.ts";

export interface CheckTakeParameters {
  deployment: Deployment;
  offerId: bigint | number | string;
  /** The would-be buyer; defaults to the client's account. */
  buyer?: Address;
}

export interface CheckTakeReturnType {
  /** Whether the buyer could take the offer now. */
  allowed: boolean;
  /**
   * Why not: a trade reason (`TAKE_STATUSES`: "expired", "not-named-buyer", "seller-lacks-units", ...) or, when the
   * lot's rules refuse the transfer of units, the compliance reason (`REASONS`, as `checkTransfer` names it).
   */
  reason: Exclude<TakeStatusName, "transfer-refused"> | ReasonName;
  /** One plain sentence, with the same wording as `checkTransfer` for a compliance refusal. */
  message: string;
  offer: GetOfferReturnType;
}

export type CheckTakeErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

export type TakeSentence = (offer: GetOfferReturnType, buyer: Address) => string;

/**
 * One sentence per `TakeStatus`; a status added in Solidity does not compile until it has one. `listOffers` marks an
 * offer the seller can no longer settle with the same words.
 */
export const TAKE_SENTENCES: Record<TakeStatusName, TakeSentence> = {
  ok: (o, b) => `${short(b)} may take offer ${o.offerId}: ${o.amount.format()} of lot ${o.lotId} for ${o.price.format()}`,
  "unknown-offer": (o) => `Offer ${o.offerId} does not exist`,
  "not-open": (o) => `Offer ${o.offerId} is ${o.state}`,
  expired: (o) => `Offer ${o.offerId} expired at ${o.expiry.toISOString()}`,
  "not-named-buyer": (o, b) => `Offer ${o.offerId} is reserved for ${short(o.buyer)}, not ${short(b)}`,
  "seller-is-buyer": (o) => `${short(o.seller)} cannot take its own offer ${o.offerId}`,
  "seller-lacks-units": (o) => `The seller ${short(o.seller)} no longer holds the ${o.amount.format()} of lot ${o.lotId} it offered`,
  "seller-approval-missing": (o) => `The seller ${short(o.seller)} withdrew its approval of the trades contract, so offer ${o.offerId} cannot settle`,
  "buyer-lacks-balance": (o, b) => `${short(b)} does not hold the ${o.price.format()} that offer ${o.offerId} costs`,
  "buyer-lacks-allowance": (o, b) => `${short(b)} has not approved the ${o.price.format()} that offer ${o.offerId} costs to the trades contract`,
  "transfer-refused": (o, b) => `The lot's rules refuse moving ${o.amount.format()} of lot ${o.lotId} to ${short(b)}`,
};

/**
 * Asks the trades contract whether `buyer` could take an offer now and, if not, why, in one sentence, before
 * anything is sent: expired, reserved for another buyer, the seller no longer holds the units or withdrew its
 * approval, the buyer lacks the payment or its approval, or the lot's compliance rules refuse the transfer (then
 * with the same reason and sentence as `checkTransfer`).
 *
 * @example
 * const check = await checkTake(client, { deployment, offerId: 1n, buyer })
 * if (!check.allowed) console.error(check.message) // "Offer 1 expired at 2026-01-01T00:00:00Z"
 */
export async function checkTake(client: Client, parameters: CheckTakeParameters): Promise<CheckTakeReturnType> {
  const offerId = toOfferId(parameters.offerId);
  const buyer = parameters.buyer === undefined ? requireAccount(client).address : toAddress(parameters.buyer, "buyer");
  const { deployment } = parameters;
  const offer = await getOffer(client, { deployment, offerId });
  let status: number;
  try {
    [status] = await readContract(client, {
      address: tradesAddress(deployment),
      abi: lotTradesAbiWithErrors,
      functionName: "checkTake",
      args: [offerId, buyer],
    });
  } catch (error) {
    throw decodeError(error, { action: `check a take of offer ${offerId}` });
  }
  const name = TAKE_STATUSES[status] as TakeStatusName;
  if (name === "transfer-refused") {
    const transfer = await checkTransfer(client, { deployment, from: offer.seller, to: buyer, lotId: offer.lotId, amount: offer.amount });
    // The view ran first; the rules are the same, so a refusal there is a refusal here.
    return { allowed: false, reason: transfer.reason, message: transfer.allowed ? TAKE_SENTENCES[name](offer, buyer) : transfer.message, offer };
  }
  return { allowed: name === "ok", reason: name, message: TAKE_SENTENCES[name](offer, buyer), offer };
}
