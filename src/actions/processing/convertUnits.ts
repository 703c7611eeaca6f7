import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotProcessingAbiWithErrors, lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { ProcessingRefusedError, type ProcessingRefusedErrorType } from "../../errors/processing.ts";
import { processingAddress } from "../../internal/processing.ts";
import { toLotId } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkConversion } from "./checkConversion.ts";

export interface ConvertUnitsParameters {
  deployment: Deployment;
  /** A lot a processing step consumed. */
  lotId: bigint | number | string;
  /** The units to convert; omitted: all the client's account holds. */
  amount?: Quantity | bigint;
}

export interface ConvertUnitsReturnType {
  converted: Quantity;
  /** What each output gave: delivered to the account, or held for it (`claimHeldUnits`). */
  outputs: { lotId: bigint; amount: Quantity; held: boolean }[];
  hash: Hash;
  receipt: TransactionReceipt;
}

export type ConvertUnitsErrorType = ProcessingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Converts the client's units of a processed lot into its share of every output of the step that consumed it: one
 * transfer to the processing contract, no approval. Units an output's rules refuse the account are held for it.
 * Checked with `checkConversion` before anything is sent.
 *
 * @example
 * const { outputs } = await convertUnits(client, { deployment, lotId: 1n })
 */
export async function convertUnits(client: Client, parameters: ConvertUnitsParameters): Promise<ConvertUnitsReturnType> {
  const { deployment } = parameters;
  const holder = requireAccount(client).address;
  const lotId = toLotId(parameters.lotId);
  const check = await checkConversion(client, { deployment, lotId, holder, ...(parameters.amount === undefined ? {} : { amount: parameters.amount }) });
  if (!check.allowed) throw new ProcessingRefusedError(check.reason, check.message);
  const { receipt } = await writeAndWait(client, {
    address: deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "safeTransferFrom",
    args: [holder, processingAddress(deployment), lotId, check.amount.base, "0x"],
    context: { commodity: check.amount.commodity, action: `convert ${check.amount.format()} of lot ${lotId}` },
  });
  const delivered = parseEventLogs({ abi: lotProcessingAbiWithErrors, eventName: "OutputDelivered", logs: receipt.logs });
  return {
    converted: check.amount,
    outputs: delivered.map((event) => {
      const share = check.shares.find((s) => s.lotId === event.args.lotId)!;
      return { lotId: event.args.lotId, amount: Quantity.fromBase(share.amount.commodity, event.args.units), held: event.args.held };
    }),
    hash: receipt.transactionHash,
    receipt,
  };
}
