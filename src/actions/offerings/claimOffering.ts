import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { reasonName } from "../../errors/refusal.ts";
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
  /** "ok", or why the lot's rules refused the units at the claim (they were refunded in full instead). */
  refusedReason: ReasonName;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ClaimOfferingErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Claims an investor's units and refund from a closed offering (pull). If the lot's rules no longer let the
 * investor receive the units (its KYC lapsed, ...), it is refunded in full instead and `refusedReason` says why.
 * Refused with an `OfferingRefusedError` before anything is sent (not closed, nothing to claim, already claimed).
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
    refusedReason: reasonName(event?.args.refusedReason ?? 0) ?? "ok",
    hash: receipt.transactionHash,
    receipt,
  };
}
