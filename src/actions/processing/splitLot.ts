import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ProcessingOutput } from "../../internal/processing.ts";
import { runStep, type StepErrorType, type StepReturnType } from "./runStep.ts";

export interface SplitLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The shipments, two to eight, of the lot's own material; their quantities add up exactly to what it holds. */
  outputs: readonly ProcessingOutput[];
}

export type SplitLotReturnType = StepReturnType;
export type SplitLotErrorType = StepErrorType;

/**
 * Splits a warehoused lot into shipments (one export into several vessels), each a new warehoused lot recording the
 * lot as its parent. The lot is consumed whole: it becomes processed and its holders convert their units into their
 * share of every shipment (`convertUnits`). ISSUER role. Checked with `checkProcessing` before anything is sent.
 *
 * @example
 * const { outputs } = await splitLot(client, { deployment, lotId: 1n, outputs: [vessel1, vessel2] })
 */
export async function splitLot(client: Client, parameters: SplitLotParameters): Promise<SplitLotReturnType> {
  return runStep(client, parameters.deployment, "split", [parameters.lotId], parameters.outputs);
}
