import type { Client, Hash, TransactionReceipt } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toShortString } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface CancelOfferingParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** Why, at most 32 bytes of text (a due-diligence finding, a hold on the lot, the lot sold instead). */
  reason: string;
}

export interface CancelOfferingReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type CancelOfferingErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Cancels an open offering (an issuer): the lot's reserved capacity and holder slots are given back, and every
 * subscriber claims a refund of everything it paid. Refused with an `OfferingRefusedError` before anything is sent
 * (already closed, not an issuer).
 *
 * @example
 * await cancelOffering(client, { deployment, offeringId: 2n, reason: "DD RED FLAG 2026-31" })
 */
export async function cancelOffering(client: Client, parameters: CancelOfferingParameters): Promise<CancelOfferingReturnType> {
  const { deployment } = parameters;
  const reason = toShortString(parameters.reason, "reason");
  const issuer = requireAccount(client).address;
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "cancel-offering", investor: issuer });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "cancelOffering",
    args: [offering.offeringId, reason],
    context: { commodity: offering.commodity, action: `cancel offering ${offering.offeringId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
