import { MineralsError, type MineralsErrorOptions } from "./base.ts";

/**
 * A proceeds action would fail, found before anything was sent (nothing to claim, the lot is not settling, the
 * account does not hold the TREASURY role, the final payment was made, another token, ...). `shortMessage` says why in
 * one sentence; `reason` names it as `checkDeposit` and `checkClaim` do.
 */
export class ProceedsRefusedError extends MineralsError {
  override name = "ProceedsRefusedError";
  readonly reason: string;

  constructor(reason: string, shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.reason = reason;
  }
}
export type ProceedsRefusedErrorType = ProceedsRefusedError & { name: "ProceedsRefusedError" };
