import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface RefundInsteadParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
}

export interface RefundInsteadReturnType {
  /** The allocation given up (the issuer may withdraw it) and the full payment refunded. */
  units: Quantity;
  refund: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RefundInsteadErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Gives up the client's allocation in a closed offering for a refund of everything it paid, when the lot's rules
 * refuse it the units for good (no longer verified, its country or class no longer admitted, the minimum holding
 * raised above it). Only the investor itself. Refused with an `OfferingRefusedError` before anything is sent when the
 * units can be delivered, or are refused only for a reason that passes (a pause, a hold, a KYC lapse, a freeze).
 *
 * @example
 * const { refund } = await refundInstead(client, { deployment, offeringId: 1n })
 */
export async function refundInstead(client: Client, parameters: RefundInsteadParameters): Promise<RefundInsteadReturnType> {
  const { deployment } = parameters;
  const investor = requireAccount(client).address;
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "refund-instead", investor });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "refundInstead",
    args: [offering.offeringId],
    context: { commodity: offering.commodity, action: `take a refund instead of units from offering ${offering.offeringId}` },
  });
  const [event] = parseEventLogs({ abi: lotOfferingsAbiWithErrors, eventName: "RefundedInstead", logs: receipt.logs });
  return {
    units: Quantity.fromBase(offering.commodity, event?.args.units ?? 0n),
    refund: Money.fromBase(event?.args.refund ?? 0n),
    hash: receipt.transactionHash,
    receipt,
  };
}
