import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAmount } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface ReduceSubscriptionParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** The investor's new request (less than the current one, at least the minimum ticket, or zero to cancel). */
  amount: Quantity | bigint;
}

export interface ReduceSubscriptionReturnType {
  /** The request after the reduction, and the payment returned to the investor. */
  requested: Quantity;
  refund: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ReduceSubscriptionErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Lowers the client's account's request in an open offering and returns the payment for the difference at once.
 * Refused with an `OfferingRefusedError` before anything is sent (window closed, no subscription, not a
 * reduction, below the minimum ticket).
 *
 * @example
 * const { refund } = await reduceSubscription(client, { deployment, offeringId: 1n, amount: Quantity.parse(Commodity.Copper, "2 t") })
 */
export async function reduceSubscription(client: Client, parameters: ReduceSubscriptionParameters): Promise<ReduceSubscriptionReturnType> {
  return changeSubscription(client, parameters.deployment, parameters.offeringId, parameters.amount);
}

/** Reduces (or, to zero, cancels) a subscription after `checkSubscribe`; shared with `cancelSubscription`. */
export async function changeSubscription(
  client: Client,
  deployment: Deployment,
  offeringId: bigint | number | string,
  amount: Quantity | bigint | undefined,
): Promise<ReduceSubscriptionReturnType> {
  const investor = requireAccount(client).address;
  const operation = amount === undefined ? "cancel" : "reduce";
  const check = await checkSubscribe(client, { deployment, offeringId, operation, investor, ...(amount === undefined ? {} : { amount }) });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const address = offeringsAddress(deployment);
  const next = amount === undefined ? 0n : toAmount(amount, offering.commodity, "amount", true);
  const { receipt } =
    amount === undefined
      ? await writeAndWait(client, {
          address,
          abi: lotOfferingsAbiWithErrors,
          functionName: "cancel",
          args: [offering.offeringId],
          context: { commodity: offering.commodity, action: `cancel the subscription to offering ${offering.offeringId}` },
        })
      : await writeAndWait(client, {
          address,
          abi: lotOfferingsAbiWithErrors,
          functionName: "reduce",
          args: [offering.offeringId, next],
          context: { commodity: offering.commodity, action: `reduce the subscription to offering ${offering.offeringId}` },
        });
  const [event] = parseEventLogs({ abi: lotOfferingsAbiWithErrors, eventName: "SubscriptionReduced", logs: receipt.logs });
  return {
    requested: Quantity.fromBase(offering.commodity, next),
    refund: Money.fromBase(event?.args.refund ?? 0n),
    hash: receipt.transactionHash,
    receipt,
  };
}
