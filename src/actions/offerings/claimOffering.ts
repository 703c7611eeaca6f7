import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAddress } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface ClaimOfferingParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** Whose claim to process; defaults to the client's account (an issuer may claim for an investor). */
  investor?: Address;
}

export interface ClaimOfferingReturnType {
  /** The units delivered and the payment refunded. */
  units: Quantity;
  refund: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ClaimOfferingErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Claims an investor's units and refund from a closed offering (pull); from a failed or cancelled one, its full
 * refund. Refused with an `OfferingRefusedError` before anything is sent (not closed, nothing to claim, already
 * claimed, or the lot's rules refusing the units now: the allocation stays the investor's, to claim once a passing
 * reason passes, or, refused for good, to give up for a full refund with `refundInstead`).
 *
 * @example
 * const { units, refund } = await claimOffering(client, { deployment, offeringId: 1n })
 */
export async function claimOffering(client: Client, parameters: ClaimOfferingParameters): Promise<ClaimOfferingReturnType> {
  const { deployment } = parameters;
  const investor = parameters.investor === undefined ? requireAccount(client).address : toAddress(parameters.investor, "investor");
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "claim", investor });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "claim",
    args: [offering.offeringId, investor],
    context: { commodity: offering.commodity, action: `claim from offering ${offering.offeringId}` },
  });
  const [event] = parseEventLogs({ abi: lotOfferingsAbiWithErrors, eventName: "Claimed", logs: receipt.logs });
  return {
    units: Quantity.fromBase(offering.commodity, event?.args.units ?? 0n),
    refund: Money.fromBase(event?.args.refund ?? 0n),
    hash: receipt.transactionHash,
    receipt,
  };
}
