import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface WithdrawOfferingProceedsParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
}

export interface WithdrawOfferingProceedsReturnType {
  /** What the treasury was paid: the payments for the units delivered since the last withdrawal. */
  amount: Money;
  treasury: Address;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type WithdrawOfferingProceedsErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Pays an offering's treasury the payments for the units its investors have received (anyone may send it; the
 * money only ever goes to the treasury named in the offering's terms). Refused with an `OfferingRefusedError` before
 * anything is sent when the offering is still open or holds nothing for the treasury.
 *
 * @example
 * const { amount, treasury } = await withdrawOfferingProceeds(client, { deployment, offeringId: 1n })
 */
export async function withdrawOfferingProceeds(client: Client, parameters: WithdrawOfferingProceedsParameters): Promise<WithdrawOfferingProceedsReturnType> {
  const { deployment } = parameters;
  const sender = requireAccount(client).address;
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "withdraw-proceeds", investor: sender });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "withdrawProceeds",
    args: [offering.offeringId],
    context: { commodity: offering.commodity, action: `pay the proceeds of offering ${offering.offeringId} to its treasury` },
  });
  return { amount: offering.withdrawableProceeds, treasury: offering.treasury, hash: receipt.transactionHash, receipt };
}
