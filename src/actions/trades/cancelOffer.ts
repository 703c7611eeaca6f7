import type { Client, Hash, TransactionReceipt } from "viem";
import { lotTradesAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  TradeRefusedError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TradeRefusedErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { short } from "../../errors/format.ts";
import { toOfferId, tradesAddress } from "../../internal/trades.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { getOffer } from "./getOffer.ts";

export interface CancelOfferParameters {
  deployment: Deployment;
  offerId: bigint | number | string;
}

export interface CancelOfferReturnType {
  offerId: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `TradeRefusedError` ("not-seller", "not-open") before anything is sent. */
export type CancelOfferErrorType =
  | InvalidArgumentErrorType
  | TradeRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Cancels an open offer; only its seller may. Refused before anything is sent when the caller is not the seller or
 * the offer was already taken or cancelled.
 *
 * @example
 * await cancelOffer(client, { deployment, offerId: 1n })
 */
export async function cancelOffer(client: Client, parameters: CancelOfferParameters): Promise<CancelOfferReturnType> {
  const offerId = toOfferId(parameters.offerId);
  const caller = requireAccount(client).address;
  const { deployment } = parameters;
  const offer = await getOffer(client, { deployment, offerId });
  const action = `cancel offer ${offerId}`;
  if (offer.seller.toLowerCase() !== caller.toLowerCase()) {
    throw new TradeRefusedError("not-seller", `Cannot ${action}: only its seller ${short(offer.seller)} may, not ${short(caller)}`);
  }
  if (offer.state !== "open") throw new TradeRefusedError("not-open", `Cannot ${action}: it is already ${offer.state}`);
  const { receipt } = await writeAndWait(client, {
    address: tradesAddress(deployment),
    abi: lotTradesAbiWithErrors,
    functionName: "cancelOffer",
    args: [offerId],
    context: { action },
  });
  return { offerId, hash: receipt.transactionHash, receipt };
}
