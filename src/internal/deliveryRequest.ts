/**
 * What confirmDelivery, rejectDelivery and cancelDelivery share: the request read before anything is sent and the
 * refusals they explain in one sentence.
 */
import type { Address, Client } from "viem";
import type { Deployment } from "../deployment/manifest.ts";
import { ContractRevertError } from "../errors/base.ts";
import { DeliveryRefusedError } from "../errors/delivery.ts";
import { short } from "../errors/format.ts";
import { getLot } from "../actions/lots/getLot.ts";
import { getDelivery, type GetDeliveryReturnType } from "../actions/delivery/getDelivery.ts";

/**
 * The request, refused unless it exists and is pending (and, for a custodian's decision, unless `custodian` holds the
 * lot).
 */
export async function pendingRequest(
  client: Client,
  deployment: Deployment,
  requestId: bigint,
  action: string,
  custodian?: Address,
): Promise<GetDeliveryReturnType> {
  let request: GetDeliveryReturnType;
  try {
    request = await getDelivery(client, { deployment, requestId });
  } catch (error) {
    if (error instanceof ContractRevertError && error.errorName === "UnknownRequest") {
      throw new DeliveryRefusedError("unknown-request", `Cannot ${action}: no delivery request has id ${requestId}`, { cause: error });
    }
    throw error;
  }
  if (request.status !== "pending") throw new DeliveryRefusedError("not-pending", `Cannot ${action}: it is already ${request.status}`);
  if (custodian !== undefined) {
    const lot = await getLot(client, { deployment, lotId: request.lotId });
    if (lot.custodian.toLowerCase() !== custodian.toLowerCase()) {
      throw new DeliveryRefusedError("not-lot-custodian", `Cannot ${action}: only lot ${request.lotId}'s custodian ${short(lot.custodian)} may, not ${short(custodian)}`);
    }
  }
  return request;
}
