import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { short } from "../../errors/format.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAddress, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { getOffering } from "./getOffering.ts";

export interface ReleaseClaimParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** The investor whose claim is settled (a frozen or lost wallet). */
  investor: Address;
  /** The wallet that receives its units and refund (it must be able to receive units of the lot). */
  to: Address;
  /** The legal ground, at most 32 bytes of text. */
  reason: string;
}

export interface ReleaseClaimReturnType {
  units: Quantity;
  refund: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ReleaseClaimErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Settles a frozen or lost investor's claim in a closed offering to a wallet compliance names: the allocated units
 * (under the receiving wallet's rules) and the refund go to `to`. COMPLIANCE role. Refused with an
 * `OfferingRefusedError` before anything is sent (not closed, nothing to claim, already claimed).
 *
 * @example
 * await releaseClaim(client, { deployment, offeringId: 1n, investor: lost, to: recovery, reason: "RECOVERY-2026-14" })
 */
export async function releaseClaim(client: Client, parameters: ReleaseClaimParameters): Promise<ReleaseClaimReturnType> {
  const { deployment } = parameters;
  const investor = toAddress(parameters.investor, "investor");
  const to = toAddress(parameters.to, "to");
  const reason = toShortString(parameters.reason, "reason");
  const offering = await getOffering(client, { deployment, offeringId: parameters.offeringId, investor });
  const position = offering.position!;
  const id = offering.offeringId;
  if (offering.state === "open") throw new OfferingRefusedError("not-closed", `Offering ${id} is not closed yet: claims open once it closes`);
  if (position.requested.base === 0n) throw new OfferingRefusedError("nothing-to-claim", `${short(investor)} holds no subscription in offering ${id}`);
  if (position.claimed) throw new OfferingRefusedError("already-claimed", `${short(investor)} already claimed from offering ${id}`);
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "releaseClaim",
    args: [id, investor, to, reason],
    context: { commodity: offering.commodity, action: `release ${short(investor)}'s claim in offering ${id} to ${short(to)}` },
  });
  const [event] = parseEventLogs({ abi: lotOfferingsAbiWithErrors, eventName: "ClaimReleased", logs: receipt.logs });
  return {
    units: Quantity.fromBase(offering.commodity, event?.args.units ?? 0n),
    refund: Money.fromBase(event?.args.refund ?? 0n),
    hash: receipt.transactionHash,
    receipt,
  };
}
