import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAddress } from "../../internal/validate.ts";
import { getOffering, type GetOfferingReturnType } from "./getOffering.ts";

export interface ListOfferingsParameters {
  deployment: Deployment;
  /** Whose position to read in each offering; defaults to the client's account when it has one. */
  investor?: Address;
  /** Only the offerings of this lot. */
  lotId?: bigint;
}

/** Every offering, oldest first, as `getOffering` reads it. */
export type ListOfferingsReturnType = GetOfferingReturnType[];

export type ListOfferingsErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Reads every offering the platform has created (ids 1 to `offeringCount()`), with the investor's position in each:
 * what a portal lists as open offerings, and what an investor can still claim.
 *
 * @example
 * const offerings = await listOfferings(client, { deployment, investor })
 * const claimable = offerings.filter((o) => o.state !== "open" && o.position && !o.position.claimed && o.position.paid.base > 0n)
 */
export async function listOfferings(client: Client, parameters: ListOfferingsParameters): Promise<ListOfferingsReturnType> {
  const { deployment } = parameters;
  const investor = parameters.investor !== undefined ? toAddress(parameters.investor, "investor") : undefined;
  const address = offeringsAddress(deployment);
  let count: bigint;
  try {
    count = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "offeringCount" });
  } catch (error) {
    throw decodeError(error, { action: "count the offerings" });
  }
  const offerings: ListOfferingsReturnType = [];
  for (let offeringId = 1n; offeringId <= count; offeringId++) {
    const offering = await getOffering(client, { deployment, offeringId, ...(investor ? { investor } : {}) });
    if (parameters.lotId === undefined || offering.lotId === parameters.lotId) offerings.push(offering);
  }
  return offerings;
}
