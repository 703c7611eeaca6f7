import { MineralsError, type MineralsErrorOptions } from "./base.ts";

/**
 * An offering action would fail, found before anything was sent (the window is closed, the ticket is below the
 * minimum, the investor is not eligible, nothing to claim, ...). `shortMessage` says why in one sentence; `reason`
 * names it as `checkSubscribe` does.
 */
export class OfferingRefusedError extends MineralsError {
  override name = "OfferingRefusedError";
  readonly reason: string;

  constructor(reason: string, shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.reason = reason;
  }
}
export type OfferingRefusedErrorType = OfferingRefusedError & { name: "OfferingRefusedError" };
