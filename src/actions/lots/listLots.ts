import type { Client } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { getLot, type LotView } from "./getLot.ts";

export interface ListLotsParameters {
  deployment: Deployment;
}

export type ListLotsReturnType = LotView[];
export type ListLotsErrorType = MineralsError;

/**
 * Reads every registered lot, in id order.
 *
 * @example
 * for (const lot of await listLots(client, { deployment })) console.log(lot.lotId, lot.state)
 */
export async function listLots(client: Client, parameters: ListLotsParameters): Promise<ListLotsReturnType> {
  let count: bigint;
  try {
    count = await readContract(client, {
      address: parameters.deployment.contracts.LotRegistry,
      abi: lotRegistryAbi,
      functionName: "lotCount",
    });
  } catch (error) {
    throw decodeError(error, { action: "count lots" });
  }
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  return Promise.all(ids.map((lotId) => getLot(client, { deployment: parameters.deployment, lotId })));
}
