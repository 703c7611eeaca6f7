import type { Client, Hash, TransactionReceipt } from "viem";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { deliveryAddress } from "../../internal/delivery.ts";
import { toAmount, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface SetMinimumDeliveryParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The smallest quantity one request may lock: a `Quantity` of the lot's commodity or base units; 0 stops offering delivery. */
  minimum: Quantity | bigint;
}

export interface SetMinimumDeliveryReturnType {
  lotId: bigint;
  minimum: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `ContractRevertError` "AccessControlUnauthorizedAccount" when the caller is not an issuer. */
export type SetMinimumDeliveryErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Sets a lot's minimum delivery quantity (ISSUER_ROLE): holders of at least this much may request physical
 * delivery; 0 stops offering delivery of the lot (pending requests stay as they are).
 *
 * @example
 * await setMinimumDelivery(client, { deployment, lotId: 3n, minimum: Quantity.parse(Commodity.Tungsten, "10 mtu") })
 */
export async function setMinimumDelivery(client: Client, parameters: SetMinimumDeliveryParameters): Promise<SetMinimumDeliveryReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const escrow = deliveryAddress(deployment);
  const { commodity } = await getLot(client, { deployment, lotId });
  const units = toAmount(parameters.minimum, commodity, "minimum", true);
  const minimum = Quantity.fromBase(commodity, units);
  const { receipt } = await writeAndWait(client, {
    address: escrow,
    abi: deliveryEscrowAbiWithErrors,
    functionName: "setMinimumDelivery",
    args: [lotId, units],
    context: { commodity, action: `set the minimum delivery of lot ${lotId} to ${minimum.format()}` },
  });
  return { lotId, minimum, hash: receipt.transactionHash, receipt };
}
