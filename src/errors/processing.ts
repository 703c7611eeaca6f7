import { MineralsError, type MineralsErrorOptions } from "./base.ts";

/**
 * A processing action would fail, found before anything was sent (not an issuer or a refiner, an input not warehoused
 * or on offer, outputs that do not balance, a recovery above 100 %, a lot no step consumed, nothing held, ...).
 * `shortMessage` says why in one sentence; `reason` names it as `checkProcessing` or `checkConversion` does.
 */
export class ProcessingRefusedError extends MineralsError {
  override name = "ProcessingRefusedError";
  readonly reason: string;

  constructor(reason: string, shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.reason = reason;
  }
}
export type ProcessingRefusedErrorType = ProcessingRefusedError & { name: "ProcessingRefusedError" };
