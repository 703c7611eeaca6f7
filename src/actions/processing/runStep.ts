import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotProcessingAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { ProcessingRefusedError, type ProcessingRefusedErrorType } from "../../errors/processing.ts";
import { processingAddress, type ProcessingOutput, type StepKindName } from "../../internal/processing.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity, type Commodity } from "../../units/index.ts";
import { checkProcessing } from "./checkProcessing.ts";

/** An output lot a step created. */
export interface ProducedLot {
  lotId: bigint;
  /** The metal it holds, in its mineral. */
  quantity: Quantity;
  /** How much of it belongs to the inputs' holders (minted to the processing contract for them to convert into); the
   * rest is the issuer's to mint. */
  toHolders: Quantity;
}

export interface StepReturnType {
  stepId: bigint;
  /** The metal consumed: every input whole. */
  consumed: Quantity;
  outputs: ProducedLot[];
  /** For a refining step: the metal of the inputs' mineral lost in refining. */
  loss?: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type StepErrorType = ProcessingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/** Checks a step with `checkProcessing`, sends it and reads what it created from its events. */
export async function runStep(
  client: Client,
  deployment: Deployment,
  kind: StepKindName,
  lotIds: readonly (bigint | number | string)[],
  outputs: readonly ProcessingOutput[],
): Promise<StepReturnType> {
  const account = requireAccount(client).address;
  const check = await checkProcessing(client, { deployment, kind, lotIds, outputs, account });
  if (!check.allowed) throw new ProcessingRefusedError(check.reason, check.message);
  const inputs = check.inputs.map((lot) => lot.lotId);
  const [product, ...byProducts] = check.outputs;
  const address = processingAddress(deployment);
  const commodity = check.inputs[0]!.commodity;
  const action = `${kind === "process" ? "refine" : kind} lot${inputs.length === 1 ? "" : "s"} ${inputs.join(", ")}`;
  const { receipt } =
    kind === "split"
      ? await writeAndWait(client, { address, abi: lotProcessingAbiWithErrors, functionName: "split", args: [inputs[0]!, check.outputs], context: { commodity, action } })
      : kind === "blend"
        ? await writeAndWait(client, { address, abi: lotProcessingAbiWithErrors, functionName: "blend", args: [inputs, product!], context: { commodity, action } })
        : await writeAndWait(client, { address, abi: lotProcessingAbiWithErrors, functionName: "process", args: [inputs, product!, byProducts], context: { commodity, action } });
  const [done] = parseEventLogs({ abi: lotProcessingAbiWithErrors, eventName: "LotsProcessed", logs: receipt.logs });
  if (done === undefined) throw new ProcessingRefusedError("no-step", `The transaction recorded no processing step (transaction ${receipt.transactionHash})`);
  const produced = parseEventLogs({ abi: lotProcessingAbiWithErrors, eventName: "OutputProduced", logs: receipt.logs });
  const [loss] = parseEventLogs({ abi: lotProcessingAbiWithErrors, eventName: "ProcessingLoss", logs: receipt.logs });
  return {
    stepId: done.args.stepId,
    consumed: check.consumed!,
    outputs: produced.map((event, i) => {
      const of = check.outputs[i]!.commodity as Commodity;
      return { lotId: event.args.lotId, quantity: Quantity.fromBase(of, event.args.quantity), toHolders: Quantity.fromBase(of, event.args.toHolders) };
    }),
    ...(loss === undefined ? {} : { loss: Quantity.fromBase(commodity, loss.args.loss) }),
    hash: receipt.transactionHash,
    receipt,
  };
}
