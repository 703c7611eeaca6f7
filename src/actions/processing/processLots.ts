import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ProcessingOutput } from "../../internal/processing.ts";
import { runStep, type StepErrorType, type StepReturnType } from "./runStep.ts";

export interface ProcessLotsParameters {
  deployment: Deployment;
  /** One to eight warehoused lots of one mineral. */
  lotIds: readonly (bigint | number | string)[];
  /** The refined product: the lots' mineral in a later form (cathode, bars, APT, regulus, trioxide, oxide), at most
   * what they held (the refinery attests the recovery; the rest is the recorded loss). */
  product: ProcessingOutput;
  /** By-products recovered, each another mineral, at most what the lots contained of it as assayed. */
  byProducts?: readonly ProcessingOutput[];
}

export type ProcessLotsReturnType = StepReturnType;
export type ProcessLotsErrorType = StepErrorType;

/**
 * Refines warehoused lots into a product and its by-products, each a new lot recording its parents, the metal
 * consumed and the loss. The lots are consumed whole; their holders convert into their share of every output
 * (`convertUnits`). REFINER role. Checked with `checkProcessing` before anything is sent.
 *
 * @example
 * const { outputs, loss } = await processLots(client, { deployment, lotIds: [1n], product: cathode, byProducts: [goldBars] })
 */
export async function processLots(client: Client, parameters: ProcessLotsParameters): Promise<ProcessLotsReturnType> {
  return runStep(client, parameters.deployment, "process", parameters.lotIds, [parameters.product, ...(parameters.byProducts ?? [])]);
}
