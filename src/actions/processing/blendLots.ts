import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ProcessingOutput } from "../../internal/processing.ts";
import { runStep, type StepErrorType, type StepReturnType } from "./runStep.ts";

export interface BlendLotsParameters {
  deployment: Deployment;
  /** Two to eight warehoused lots of one mineral and form. */
  lotIds: readonly (bigint | number | string)[];
  /** The blend, of the lots' own material, holding exactly what they held together. */
  output: ProcessingOutput;
}

export type BlendLotsReturnType = StepReturnType;
export type BlendLotsErrorType = StepErrorType;

/**
 * Blends warehoused lots of one mineral and form into one new lot that records each as a parent and what it consumed
 * of each. The lots are consumed whole; each one's holders convert into its share of the blend (`convertUnits`).
 * ISSUER role. Checked with `checkProcessing` before anything is sent.
 *
 * @example
 * const { outputs: [blend] } = await blendLots(client, { deployment, lotIds: [4n, 5n], output })
 */
export async function blendLots(client: Client, parameters: BlendLotsParameters): Promise<BlendLotsReturnType> {
  return runStep(client, parameters.deployment, "blend", parameters.lotIds, [parameters.output]);
}
