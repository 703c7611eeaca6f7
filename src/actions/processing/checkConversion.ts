import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotProcessingAbiWithErrors, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { reasonName } from "../../errors/refusal.ts";
import { processingAddress } from "../../internal/processing.ts";
import { toAddress, toAmount, toLotId } from "../../internal/validate.ts";
import { requireAccount } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { getLot } from "../lots/getLot.ts";

export interface CheckConversionParameters {
  deployment: Deployment;
  /** A lot a processing step consumed. */
  lotId: bigint | number | string;
  /** The units to convert: a `Quantity` of the lot's mineral, or base units; omitted: all the holder holds. */
  amount?: Quantity | bigint;
  /** The holder converting; defaults to the client's account. */
  holder?: Address;
}

/** One output of the step, and what the conversion would give of it. */
export interface ConversionShare {
  lotId: bigint;
  amount: Quantity;
  /** Whether the output's rules refuse the holder now, so that its share would be held for it (`claimHeldUnits`). */
  held: boolean;
  /** Why it would be held ("ok" when it would be delivered). */
  reason: ReasonName;
}

export interface CheckConversionReturnType {
  allowed: boolean;
  /** Why not: "not-consumed" (no step consumed the lot), "nothing-to-convert", or the compliance reason for sending
   * the units to the processing contract (as `checkTransfer` names it). */
  reason: "ok" | "not-consumed" | "nothing-to-convert" | ReasonName;
  message: string;
  amount: Quantity;
  /** What each of the step's outputs would give. */
  shares: ConversionShare[];
}

export type CheckConversionErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Whether a holder could convert its units of a processed lot into the step's outputs now, and what it would get of
 * each (delivered, or held for it where the output's rules refuse it), before anything is sent. Refused when no step
 * consumed the lot, when the holder holds none, or when the lot's rules refuse sending the units (a frozen account or
 * frozen units, a pause or a hold; a lapsed KYC does not refuse it: converting is an exit).
 *
 * @example
 * const check = await checkConversion(client, { deployment, lotId: 1n })
 * check.shares.map((s) => `${s.amount.format()} of lot ${s.lotId}${s.held ? " (held)" : ""}`)
 */
export async function checkConversion(client: Client, parameters: CheckConversionParameters): Promise<CheckConversionReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const holder = parameters.holder === undefined ? requireAccount(client).address : toAddress(parameters.holder, "holder");
  const processing = processingAddress(deployment);
  const lot = await getLot(client, { deployment, lotId });
  let balance: bigint;
  let conversion: { stepId: bigint };
  try {
    [balance, conversion] = await Promise.all([
      readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [holder, lotId] }),
      readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "conversionOf", args: [lotId] }),
    ]);
  } catch (error) {
    throw decodeError(error, { action: `check a conversion of lot ${lotId}` });
  }
  const units = parameters.amount === undefined ? balance : toAmount(parameters.amount, lot.commodity);
  const amount = Quantity.fromBase(lot.commodity, units);
  const refuse = (reason: CheckConversionReturnType["reason"], message: string): CheckConversionReturnType => ({ allowed: false, reason, message, amount, shares: [] });
  if (conversion.stepId === 0n) return refuse("not-consumed", `Lot ${lotId} is ${lot.state}: no processing step consumed it, so its units do not convert`);
  if (units === 0n) return refuse("nothing-to-convert", `${short(holder)} holds no units of lot ${lotId} to convert`);
  const transfer = await checkTransfer(client, { deployment, from: holder, to: processing, lotId, amount: units });
  if (!transfer.allowed) return refuse(transfer.reason, transfer.message);
  let outputs: readonly bigint[];
  let amounts: readonly bigint[];
  try {
    [outputs, amounts] = await readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "previewConversion", args: [lotId, units] });
  } catch (error) {
    throw decodeError(error, { action: `preview a conversion of lot ${lotId}` });
  }
  const shares = await Promise.all(
    outputs.map(async (output, j): Promise<ConversionShare> => {
      const out = await getLot(client, { deployment, lotId: output });
      const base = amounts[j]!;
      const status = base === 0n ? 0 : await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "platformTransferStatus", args: [holder, output, base] });
      const reason = reasonName(status) ?? "ok";
      return { lotId: output, amount: Quantity.fromBase(out.commodity, base), held: reason !== "ok", reason };
    }),
  );
  const what = shares.map((s) => `${s.amount.format()} of lot ${s.lotId}${s.held ? ` (held for it: ${s.reason})` : ""}`).join(", ");
  return { allowed: true, reason: "ok", message: `${short(holder)} may convert ${amount.format()} of lot ${lotId} into ${what}`, amount, shares };
}
