import type { Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { lotOfferingsAbiWithErrors, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  InvalidArgumentError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { signPermit } from "../../internal/permit.ts";
import { toAmount } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity, type Money } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface SubscribeParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** The units to add to the investor's request: a `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /**
   * How the payment is escrowed: "approve" (default) approves the offerings contract for the payment first when its
   * allowance is short, then subscribes; "permit" signs an EIP-2612 permit and subscribes in one transaction.
   */
  payWith?: "approve" | "permit";
}

export interface SubscribeReturnType {
  /** The payment escrowed by this subscription. */
  payment: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SubscribeErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Subscribes the client's account to an offering, escrowing the payment in the offering's stablecoin. Refused with
 * an `OfferingRefusedError` and `checkSubscribe`'s sentence before anything is sent (not eligible, window closed,
 * below the minimum ticket, above the maximum, not enough stablecoin, ...).
 *
 * @example
 * const { payment } = await subscribe(client, { deployment, offeringId: 1n, amount: Quantity.parse(Commodity.Copper, "6 t"), payWith: "permit" })
 */
export async function subscribe(client: Client, parameters: SubscribeParameters): Promise<SubscribeReturnType> {
  const account = requireAccount(client);
  const payWith = parameters.payWith ?? "approve";
  if (payWith !== "approve" && payWith !== "permit") throw new InvalidArgumentError("payWith", "\"approve\" or \"permit\"", parameters.payWith);
  const { deployment } = parameters;
  const address = offeringsAddress(deployment);
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, amount: parameters.amount, investor: account.address });
  if (!check.allowed || check.payment === undefined) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const payment = check.payment;
  const amount = toAmount(parameters.amount, offering.commodity);
  const action = `subscribe ${Quantity.fromBase(offering.commodity, amount).format()} to offering ${offering.offeringId}`;

  if (payWith === "approve") {
    let allowance: bigint;
    try {
      allowance = await readContract(client, { address: offering.paymentToken, abi: testStablecoinAbi, functionName: "allowance", args: [account.address, address] });
    } catch (error) {
      throw decodeError(error, { action });
    }
    if (allowance < payment.base) {
      await writeAndWait(client, {
        address: offering.paymentToken,
        abi: testStablecoinAbi,
        functionName: "approve",
        args: [address, payment.base],
        context: { action: `approve ${payment.format()} to the offerings contract` },
      });
    }
    const { receipt } = await writeAndWait(client, {
      address,
      abi: lotOfferingsAbiWithErrors,
      functionName: "subscribe",
      args: [offering.offeringId, amount],
      context: { commodity: offering.commodity, action },
    });
    return { payment, hash: receipt.transactionHash, receipt };
  }

  const permit = await signPermit(client, { account, token: offering.paymentToken, spender: address, value: payment.base, action: `sign a permit for ${payment.format()}` });
  const { receipt } = await writeAndWait(client, {
    address,
    abi: lotOfferingsAbiWithErrors,
    functionName: "subscribeWithPermit",
    args: [offering.offeringId, amount, permit.deadline, permit.v, permit.r, permit.s],
    context: { commodity: offering.commodity, action },
  });
  return { payment, hash: receipt.transactionHash, receipt };
}
