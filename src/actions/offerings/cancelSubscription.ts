import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import { changeSubscription, type ReduceSubscriptionErrorType, type ReduceSubscriptionReturnType } from "./reduceSubscription.ts";

export interface CancelSubscriptionParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
}

export type CancelSubscriptionReturnType = ReduceSubscriptionReturnType;
export type CancelSubscriptionErrorType = ReduceSubscriptionErrorType;

/**
 * Withdraws the client's account's whole subscription from an open offering and returns its payment in full.
 * Refused with an `OfferingRefusedError` before anything is sent (window closed, no subscription).
 *
 * @example
 * const { refund } = await cancelSubscription(client, { deployment, offeringId: 1n })
 */
export async function cancelSubscription(client: Client, parameters: CancelSubscriptionParameters): Promise<CancelSubscriptionReturnType> {
  return changeSubscription(client, parameters.deployment, parameters.offeringId, undefined);
}
