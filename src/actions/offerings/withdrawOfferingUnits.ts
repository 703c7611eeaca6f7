import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAddress } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface WithdrawOfferingUnitsParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** Who receives the units; the lot's rules apply to it as to any receiver. */
  to: Address;
}

export interface WithdrawOfferingUnitsReturnType {
  units: Quantity;
  to: Address;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type WithdrawOfferingUnitsErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Moves out of a closed offering the units no investor will receive (an issuer): units refused at a claim because
 * the investor could no longer hold them, and, once every investor has claimed, the rounding dust of the pro-rata
 * allocation. Refused before anything is sent when the offering is open or failed, the signer is not an issuer,
 * nothing is withdrawable, or the lot's rules refuse the receiver (with `checkTransfer`'s reason and sentence).
 *
 * @example
 * const { units } = await withdrawOfferingUnits(client, { deployment, offeringId: 1n, to: treasury })
 */
export async function withdrawOfferingUnits(client: Client, parameters: WithdrawOfferingUnitsParameters): Promise<WithdrawOfferingUnitsReturnType> {
  const { deployment } = parameters;
  const to = toAddress(parameters.to, "to");
  const sender = requireAccount(client).address;
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "withdraw-units", investor: sender });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const address = offeringsAddress(deployment);
  const transfer = await checkTransfer(client, { deployment, from: address, to, lotId: offering.lotId, amount: offering.withdrawableUnits });
  if (!transfer.allowed) throw new OfferingRefusedError(transfer.reason, transfer.message);
  const { receipt } = await writeAndWait(client, {
    address,
    abi: lotOfferingsAbiWithErrors,
    functionName: "withdrawUnits",
    args: [offering.offeringId, to],
    context: { commodity: offering.commodity, action: `withdraw units from offering ${offering.offeringId}` },
  });
  return { units: offering.withdrawableUnits, to, hash: receipt.transactionHash, receipt };
}
