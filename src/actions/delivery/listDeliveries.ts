import type { Address, Client } from "viem";
import { deliveryEscrowAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { deliveryAddress } from "../../internal/delivery.ts";
import { scanLogs } from "../../internal/logs.ts";
import { toAddress } from "../../internal/validate.ts";
import { getDelivery, type GetDeliveryReturnType } from "./getDelivery.ts";

export interface ListDeliveriesParameters {
  deployment: Deployment;
  /** Only this holder's requests (found from the indexed `DeliveryRequested` events); every request when omitted. */
  holder?: Address;
}

export type ListDeliveriesReturnType = GetDeliveryReturnType[];
export type ListDeliveriesErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Lists delivery requests, oldest first, each as `getDelivery` reads it now: found from the escrow's
 * `DeliveryRequested` events since the deployment, filtered by holder when one is given.
 *
 * @example
 * const mine = await listDeliveries(client, { deployment, holder })
 * for (const r of mine) console.log(r.requestId, r.status, r.amount.format())
 */
export async function listDeliveries(client: Client, parameters: ListDeliveriesParameters): Promise<ListDeliveriesReturnType> {
  const { deployment } = parameters;
  const holder = parameters.holder === undefined ? undefined : toAddress(parameters.holder, "holder");
  const ids: bigint[] = [];
  try {
    await scanLogs(client, {
      address: deliveryAddress(deployment),
      abi: deliveryEscrowAbiWithErrors,
      eventNames: ["DeliveryRequested"],
      ...(holder ? { indexed: { topicIndex: 3 as const, value: holder } } : {}),
      fromBlock: deployment.block.number,
      label: "delivery requests",
      onLogs: (logs) => {
        for (const log of logs) ids.push(log.args.requestId as bigint);
      },
    });
  } catch (error) {
    throw decodeError(error, { action: "list delivery requests" });
  }
  const requests: GetDeliveryReturnType[] = [];
  for (const requestId of ids) requests.push(await getDelivery(client, { deployment, requestId }));
  return requests;
}
