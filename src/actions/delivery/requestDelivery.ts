import type { Client, Hash, TransactionReceipt } from "viem";
import { encodeAbiParameters, parseEventLogs } from "viem";
import { deliveryEscrowAbi, lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { DeliveryRefusedError, type DeliveryRefusedErrorType } from "../../errors/delivery.ts";
import { deliveryAddress, toReference } from "../../internal/delivery.ts";
import { toLotId } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { checkDelivery } from "./checkDelivery.ts";

export interface RequestDeliveryParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The units to deliver: a `Quantity` of the lot's commodity in market units (e.g. "20 mtu"), or base units. */
  amount: Quantity | bigint;
  /**
   * A reference of the off-chain delivery instructions: a 0x-prefixed 32-byte hash (e.g. the sha256 of the
   * instructions document) or a short text of at most 32 bytes. Never personal data.
   */
  instructionsRef: string;
}

export interface RequestDeliveryReturnType {
  requestId: bigint;
  amount: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `DeliveryRefusedError` (as `checkDelivery` names the reason) before anything is sent. */
export type RequestDeliveryErrorType =
  | InvalidArgumentErrorType
  | DeliveryRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Requests physical delivery of a lot's units: sends them to the delivery escrow with the instructions reference,
 * in one transaction and with no approval. The units stay locked until the lot's custodian confirms (they are
 * burned) or rejects (they come back), or the holder cancels. Checked with `checkDelivery` before anything is sent.
 *
 * @example
 * const { requestId } = await requestDelivery(client, { deployment, lotId: 3n, amount: Quantity.parse(Commodity.Tungsten, "20 mtu"), instructionsRef: "DLV-2025-0001" })
 */
export async function requestDelivery(client: Client, parameters: RequestDeliveryParameters): Promise<RequestDeliveryReturnType> {
  const { deployment } = parameters;
  const holder = requireAccount(client).address;
  const lotId = toLotId(parameters.lotId);
  const instructionsRef = toReference(parameters.instructionsRef, "instructionsRef");
  const escrow = deliveryAddress(deployment);
  const check = await checkDelivery(client, { deployment, lotId, amount: parameters.amount, holder });
  if (!check.allowed) throw new DeliveryRefusedError(check.reason, check.message);
  const { amount } = check;
  const units = amount.base;
  const { receipt } = await writeAndWait(client, {
    address: deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "safeTransferFrom",
    args: [holder, escrow, lotId, units, encodeAbiParameters([{ type: "bytes32" }], [instructionsRef])],
    context: { commodity: amount.commodity, action: `request delivery of ${amount.format()} of lot ${lotId}` },
  });
  const [event] = parseEventLogs({ abi: deliveryEscrowAbi, eventName: "DeliveryRequested", logs: receipt.logs });
  if (event === undefined) throw new DeliveryRefusedError("no-request", `The transfer to the escrow recorded no delivery request (transaction ${receipt.transactionHash})`);
  return { requestId: event.args.requestId, amount, hash: receipt.transactionHash, receipt };
}
