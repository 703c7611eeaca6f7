import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { deliveryAddress } from "../../internal/delivery.ts";
import { toAddress, toAmount, toLotId } from "../../internal/validate.ts";
import { requireAccount } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";
import { getLot } from "../lots/getLot.ts";

export interface CheckDeliveryParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The units to deliver: a `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /** The holder requesting delivery; defaults to the client's account. */
  holder?: Address;
}

/** Why the escrow itself would refuse a request ("ok" when it would not). */
export type DeliveryCheckName = "ok" | "not-offered" | "below-minimum" | "trading-stopped" | "not-warehoused";

export interface CheckDeliveryReturnType {
  /** Whether the request would go through now. */
  allowed: boolean;
  /** Why not: an escrow reason, or the compliance reason (as `checkTransfer` names it) for sending the units. */
  reason: DeliveryCheckName | ReasonName;
  /** One plain sentence. */
  message: string;
  /** The units asked for, in the lot's commodity. */
  amount: Quantity;
  /** The lot's minimum delivery (zero when delivery is not offered). */
  minimum: Quantity;
}

export type CheckDeliveryErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Whether `holder` could request physical delivery of `amount` units of a lot now and, if not, why, in one sentence,
 * before anything is sent: delivery not offered for the lot, below its minimum, the lot is settling or retired or not
 * in a warehouse, or the lot's rules refuse sending the units to the escrow (frozen, locked up, frozen units, ...,
 * with the same sentence as `checkTransfer`). A holder whose KYC lapsed may still request delivery.
 *
 * @example
 * const check = await checkDelivery(client, { deployment, lotId: 3n, amount: Quantity.parse(Commodity.Tungsten, "20 mtu") })
 * if (!check.allowed) console.error(check.message) // "Lot 3 delivers at least 10 mtu WO3; 5 mtu WO3 is below it"
 */
export async function checkDelivery(client: Client, parameters: CheckDeliveryParameters): Promise<CheckDeliveryReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const holder = parameters.holder === undefined ? requireAccount(client).address : toAddress(parameters.holder, "holder");
  const escrow = deliveryAddress(deployment);
  const lot = await getLot(client, { deployment, lotId });
  const units = toAmount(parameters.amount, lot.commodity);
  const amount = Quantity.fromBase(lot.commodity, units);
  let minimumUnits: bigint;
  try {
    minimumUnits = await readContract(client, { address: escrow, abi: deliveryEscrowAbiWithErrors, functionName: "minimumDelivery", args: [lotId] });
  } catch (error) {
    throw decodeError(error, { action: `check a delivery of lot ${lotId}` });
  }
  const minimum = Quantity.fromBase(lot.commodity, minimumUnits);
  const refuse = (reason: DeliveryCheckName | ReasonName, message: string): CheckDeliveryReturnType => ({ allowed: false, reason, message, amount, minimum });
  if (minimumUnits === 0n) return refuse("not-offered", `Physical delivery is not offered for lot ${lotId}`);
  if (units < minimumUnits) return refuse("below-minimum", `Lot ${lotId} delivers at least ${minimum.format()}; ${amount.format()} is below it`);
  if (lot.state === "settling" || lot.state === "retired") return refuse("trading-stopped", `Lot ${lotId} is ${lot.state}: no delivery can be requested`);
  if (lot.state !== "warehoused") return refuse("not-warehoused", `Lot ${lotId} is ${lot.state}, not in a custodian's warehouse: no delivery can be requested`);
  const transfer = await checkTransfer(client, { deployment, from: holder, to: escrow, lotId, amount: units });
  if (!transfer.allowed) return refuse(transfer.reason, transfer.message);
  return { allowed: true, reason: "ok", message: `${short(holder)} may request delivery of ${amount.format()} of lot ${lotId}`, amount, minimum };
}
