import { MineralsError, type MineralsErrorOptions } from "./base.ts";

/**
 * A delivery action would fail, found before anything was sent (delivery not offered, below the lot's minimum, the
 * lot is not warehoused, not the lot's custodian, the request was already decided, the lot's rules refuse the
 * units, ...). `shortMessage` says why in one sentence; `reason` names it as `checkDelivery` does.
 */
export class DeliveryRefusedError extends MineralsError {
  override name = "DeliveryRefusedError";
  readonly reason: string;

  constructor(reason: string, shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.reason = reason;
  }
}
export type DeliveryRefusedErrorType = DeliveryRefusedError & { name: "DeliveryRefusedError" };
