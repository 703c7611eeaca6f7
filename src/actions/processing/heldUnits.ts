import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { lotProcessingAbiWithErrors, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { ProcessingRefusedError, type ProcessingRefusedErrorType } from "../../errors/processing.ts";
import { reasonName, refusalSentence } from "../../errors/refusal.ts";
import { readRefusalFacts } from "../../internal/facts.ts";
import { processingAddress } from "../../internal/processing.ts";
import { toAddress, toLotId, toShortString } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetHeldUnitsParameters {
  deployment: Deployment;
  /** An output lot of a processing step. */
  lotId: bigint | number | string;
  /** Whose held units; defaults to the client's account. */
  holder?: Address;
}

/** Units of an output lot the processing contract holds for a holder its rules refused when it converted. */
export type GetHeldUnitsReturnType = Quantity;

/**
 * A holder's units of an output lot held for it by the processing contract (zero when none).
 *
 * @example
 * const held = await getHeldUnits(client, { deployment, lotId: 7n, holder })
 */
export async function getHeldUnits(client: Client, parameters: GetHeldUnitsParameters): Promise<GetHeldUnitsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const holder = parameters.holder === undefined ? requireAccount(client).address : toAddress(parameters.holder, "holder");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  try {
    const units = await readContract(client, { address: processingAddress(parameters.deployment), abi: lotProcessingAbiWithErrors, functionName: "heldOf", args: [lotId, holder] });
    return Quantity.fromBase(lot.commodity, units);
  } catch (error) {
    throw decodeError(error, { action: `read the units of lot ${lotId} held for ${short(holder)}` });
  }
}

export interface HeldUnitsReturnType {
  units: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type HeldUnitsErrorType = ProcessingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

export interface ClaimHeldUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

/**
 * Takes the client's units of an output lot held for it, now that the lot's rules let it receive them. Refused before
 * anything is sent when nothing is held, or, with `checkTransfer`'s sentence, while the rules still refuse it.
 *
 * @example
 * await claimHeldUnits(client, { deployment, lotId: 7n })
 */
export async function claimHeldUnits(client: Client, parameters: ClaimHeldUnitsParameters): Promise<HeldUnitsReturnType> {
  const { deployment } = parameters;
  const holder = requireAccount(client).address;
  const lotId = toLotId(parameters.lotId);
  const units = await requireHeld(client, deployment, lotId, holder);
  await requireReceivable(client, deployment, lotId, holder, units);
  return send(client, deployment, "claimHeld", [lotId], units, `claim the units of lot ${lotId} held for ${short(holder)}`);
}

export interface ReleaseHeldUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The holder whose held units are released. */
  holder: Address;
  /** The wallet that receives them (another investor's wallet the lot's rules admit). */
  to: Address;
  /** The legal ground, at most 32 bytes of text. */
  reason: string;
}

/**
 * Releases a holder's held units of an output lot to a wallet compliance names (a court order, a lost wallet).
 * COMPLIANCE role. Refused before anything is sent when nothing is held, the receiver is the holder itself, or the
 * lot's rules refuse the receiver.
 *
 * @example
 * await releaseHeldUnits(client, { deployment, lotId: 7n, holder, to: recovery, reason: "COURT ORDER 2026-91" })
 */
export async function releaseHeldUnits(client: Client, parameters: ReleaseHeldUnitsParameters): Promise<HeldUnitsReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const holder = toAddress(parameters.holder, "holder");
  const to = toAddress(parameters.to, "to");
  const reason = toShortString(parameters.reason, "reason");
  if (to.toLowerCase() === holder.toLowerCase()) throw new ProcessingRefusedError("invalid-release", `Held units go to another wallet than ${short(holder)}'s own: it claims them itself once its rules allow`);
  const units = await requireHeld(client, deployment, lotId, holder);
  await requireReceivable(client, deployment, lotId, to, units);
  return send(client, deployment, "releaseHeld", [lotId, holder, to, reason], units, `release the units of lot ${lotId} held for ${short(holder)} to ${short(to)}`);
}

export interface RedeemHeldUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

/**
 * Redeems the client's held units of an output lot that is being sold, at the proceeds vault, as if it had sent them
 * itself: it then claims its share of the sale proceeds (`claimProceeds`). Refused before anything is sent when
 * nothing is held or the lot is not settling or retired.
 *
 * @example
 * await redeemHeldUnits(client, { deployment, lotId: 7n })
 */
export async function redeemHeldUnits(client: Client, parameters: RedeemHeldUnitsParameters): Promise<HeldUnitsReturnType> {
  const { deployment } = parameters;
  const holder = requireAccount(client).address;
  const lotId = toLotId(parameters.lotId);
  const lot = await getLot(client, { deployment, lotId });
  if (lot.state !== "settling" && lot.state !== "retired") {
    throw new ProcessingRefusedError("output-not-selling", `Lot ${lotId} is ${lot.state}, not sold: its held units are redeemed once it is settling`);
  }
  const units = await requireHeld(client, deployment, lotId, holder);
  return send(client, deployment, "redeemHeld", [lotId], units, `redeem the units of lot ${lotId} held for ${short(holder)}`);
}

async function requireHeld(client: Client, deployment: Deployment, lotId: bigint, holder: Address): Promise<Quantity> {
  const units = await getHeldUnits(client, { deployment, lotId, holder });
  if (units.base === 0n) throw new ProcessingRefusedError("nothing-held", `No units of lot ${lotId} are held for ${short(holder)}`);
  return units;
}

/** Refuses, with `checkTransfer`'s sentence, units the lot's rules would not let the processing contract hand to `to`. */
async function requireReceivable(client: Client, deployment: Deployment, lotId: bigint, to: Address, units: Quantity): Promise<void> {
  const processing = processingAddress(deployment);
  let status: number;
  try {
    status = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "platformTransferStatus", args: [to, lotId, units.base] });
  } catch (error) {
    throw decodeError(error, { action: `check whether ${short(to)} may receive lot ${lotId}` });
  }
  const reason = reasonName(status);
  if (reason === undefined || reason === "ok") return;
  const facts = await readRefusalFacts(client, deployment, { reason, from: processing, to, lotId, amount: units.base, commodity: units.commodity });
  throw new ProcessingRefusedError(reason, refusalSentence(facts));
}

async function send(
  client: Client,
  deployment: Deployment,
  functionName: "claimHeld" | "releaseHeld" | "redeemHeld",
  args: readonly unknown[],
  units: Quantity,
  action: string,
): Promise<HeldUnitsReturnType> {
  const { receipt } = await writeAndWait(client, {
    address: processingAddress(deployment),
    abi: lotProcessingAbiWithErrors,
    functionName,
    args: args as never,
    context: { commodity: units.commodity, action },
  });
  return { units, hash: receipt.transactionHash, receipt };
}
