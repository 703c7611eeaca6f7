import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { DELIVERY_STATUSES, type DeliveryStatusName, deliveryAddress, fromReference, toRequestId } from "../../internal/delivery.ts";
import { Quantity, type Commodity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetDeliveryParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
}

export interface GetDeliveryReturnType {
  requestId: bigint;
  holder: Address;
  lotId: bigint;
  commodity: Commodity;
  /** The units locked, in the lot's commodity. */
  amount: Quantity;
  /** The reference of the off-chain delivery instructions (its text, or its hex when it is a hash). */
  instructionsRef: string;
  status: DeliveryStatusName;
  /** The custodian's delivery reference (delivered) or reason (rejected); undefined otherwise. */
  outcomeRef: string | undefined;
  requestedAt: Date;
  /** When it was confirmed, rejected or cancelled; undefined while pending. */
  decidedAt: Date | undefined;
}

/** `ContractRevertError` "UnknownRequest" when no request has the id. */
export type GetDeliveryErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Reads a delivery request of the escrow, with its quantity in the lot's commodity.
 *
 * @example
 * const request = await getDelivery(client, { deployment, requestId: 1n })
 * console.log(request.status, request.amount.format()) // "pending" "20.000 mtu WO3"
 */
export async function getDelivery(client: Client, parameters: GetDeliveryParameters): Promise<GetDeliveryReturnType> {
  const requestId = toRequestId(parameters.requestId);
  const { deployment } = parameters;
  let request;
  try {
    request = await readContract(client, { address: deliveryAddress(deployment), abi: deliveryEscrowAbiWithErrors, functionName: "getRequest", args: [requestId] });
  } catch (error) {
    throw decodeError(error, { action: `read delivery request ${requestId}` });
  }
  const { commodity } = await getLot(client, { deployment, lotId: request.lotId });
  return {
    requestId,
    holder: request.holder,
    lotId: request.lotId,
    commodity,
    amount: Quantity.fromBase(commodity, request.amount),
    instructionsRef: fromReference(request.instructionsRef),
    status: DELIVERY_STATUSES[request.status] as DeliveryStatusName,
    outcomeRef: /^0x0{64}$/.test(request.outcomeRef) ? undefined : fromReference(request.outcomeRef),
    requestedAt: new Date(request.requestedAt * 1000),
    decidedAt: request.decidedAt === 0 ? undefined : new Date(request.decidedAt * 1000),
  };
}
