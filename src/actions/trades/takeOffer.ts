import type { Client, Hash, TransactionReceipt } from "viem";
import { lotTradesAbiWithErrors, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  InvalidArgumentError,
  TradeRefusedError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TradeRefusedErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { signPermit } from "../../internal/permit.ts";
import { toOfferId, tradesAddress } from "../../internal/trades.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Money, Quantity } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { checkTake } from "./checkTake.ts";

export interface TakeOfferParameters {
  deployment: Deployment;
  offerId: bigint | number | string;
  /**
   * How the price is authorised when the buyer has not approved it yet: "approve" sends an ERC-20 approval first
   * (default), "permit" signs an EIP-2612 permit and takes in the same transaction.
   */
  payWith?: "approve" | "permit";
}

export interface TakeOfferReturnType {
  offerId: bigint;
  received: Quantity;
  paid: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `TradeRefusedError` (with the reason `checkTake` gives) before anything is sent. */
export type TakeOfferErrorType =
  | InvalidArgumentErrorType
  | TradeRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Takes an offer whole, delivery versus payment: the price moves to the seller and the units to the caller in one
 * transaction, both or neither. Before anything is sent, `checkTake` (and, when the price is not approved yet, the
 * lot's rules for the caller) must allow it; otherwise a `TradeRefusedError` says why in one sentence.
 *
 * @example
 * const { received, paid } = await takeOffer(client, { deployment, offerId: 1n, payWith: "permit" })
 */
export async function takeOffer(client: Client, parameters: TakeOfferParameters): Promise<TakeOfferReturnType> {
  const offerId = toOfferId(parameters.offerId);
  const payWith = parameters.payWith ?? "approve";
  if (payWith !== "approve" && payWith !== "permit") throw new InvalidArgumentError("payWith", '"approve" or "permit"', parameters.payWith);
  const account = requireAccount(client);
  const buyer = account.address;
  const { deployment } = parameters;
  const trades = tradesAddress(deployment);
  const check = await checkTake(client, { deployment, offerId, buyer });
  const { offer } = check;
  const action = `take offer ${offerId}`;
  const needsApproval = check.reason === "buyer-lacks-allowance";
  if (!check.allowed && !needsApproval) throw new TradeRefusedError(check.reason, `Cannot ${action}: ${check.message}`);
  if (needsApproval) {
    // The contract reports the missing approval first; the lot's rules must still be asked before paying anything.
    const transfer = await checkTransfer(client, { deployment, from: offer.seller, to: buyer, lotId: offer.lotId, amount: offer.amount });
    if (!transfer.allowed) throw new TradeRefusedError(transfer.reason, `Cannot ${action}: ${transfer.message}`);
  }
  const context = { commodity: offer.commodity, action };
  let receipt: TransactionReceipt;
  if (needsApproval && payWith === "permit") {
    const permit = await signPermit(client, {
      account,
      token: offer.paymentToken,
      spender: trades,
      value: offer.price.base,
      action: `sign a permit for offer ${offerId} (does the payment token support EIP-2612?)`,
    });
    ({ receipt } = await writeAndWait(client, {
      address: trades,
      abi: lotTradesAbiWithErrors,
      functionName: "takeWithPermit",
      args: [offerId, permit.deadline, permit.v, permit.r, permit.s],
      context,
    }));
  } else {
    if (needsApproval) {
      await writeAndWait(client, {
        address: offer.paymentToken,
        abi: testStablecoinAbi,
        functionName: "approve",
        args: [trades, offer.price.base],
        context: { action: `approve ${offer.price.format()} to the trades contract` },
      });
    }
    ({ receipt } = await writeAndWait(client, { address: trades, abi: lotTradesAbiWithErrors, functionName: "take", args: [offerId], context }));
  }
  return { offerId, received: offer.amount, paid: offer.price, hash: receipt.transactionHash, receipt };
}
