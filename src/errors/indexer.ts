import { MineralsError } from "./base.ts";

/**
 * The index could not answer: it is not running at that address, it follows another chain or deployment, or it
 * answered something the SDK does not understand. `shortMessage` says which, and what to do.
 */
export class IndexError extends MineralsError {
  override name = "IndexError";
}
export type IndexErrorType = IndexError & { name: "IndexError" };
