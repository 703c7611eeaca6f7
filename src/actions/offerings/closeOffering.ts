import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotOfferingsAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { OFFERING_STATES, type OfferingStateName, offeringsAddress } from "../../internal/offerings.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface CloseOfferingParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
}

export interface CloseOfferingReturnType {
  /** "succeeded" (units minted to the offering for the investors to claim) or "failed" (soft cap missed: all refunded). */
  state: Exclude<OfferingStateName, "open">;
  totalRequested: Quantity;
  unitsMinted: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type CloseOfferingErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Closes an offering: an issuer at its end, anyone after the grace period, so that funds are never trapped. Below
 * the soft cap it fails and every investor can take back every cent; otherwise the allocation is minted to the
 * offering for the investors to claim. Refused with an `OfferingRefusedError` before anything is sent (already
 * closed, not closable yet).
 *
 * @example
 * const { state, unitsMinted } = await closeOffering(client, { deployment, offeringId: 1n })
 */
export async function closeOffering(client: Client, parameters: CloseOfferingParameters): Promise<CloseOfferingReturnType> {
  const { deployment } = parameters;
  const closer = requireAccount(client).address;
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, operation: "close", investor: closer });
  if (!check.allowed) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const { receipt } = await writeAndWait(client, {
    address: offeringsAddress(deployment),
    abi: lotOfferingsAbiWithErrors,
    functionName: "close",
    args: [offering.offeringId],
    context: { commodity: offering.commodity, action: `close offering ${offering.offeringId}` },
  });
  const [event] = parseEventLogs({ abi: lotOfferingsAbiWithErrors, eventName: "OfferingClosed", logs: receipt.logs });
  const state = (OFFERING_STATES[event?.args.state ?? 0] ?? "open") as CloseOfferingReturnType["state"];
  return {
    state,
    totalRequested: Quantity.fromBase(offering.commodity, event?.args.totalRequested ?? 0n),
    unitsMinted: Quantity.fromBase(offering.commodity, event?.args.unitsMinted ?? 0n),
    hash: receipt.transactionHash,
    receipt,
  };
}
