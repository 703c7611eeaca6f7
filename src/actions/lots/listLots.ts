import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readLotCount, readLots } from "../../internal/ledger.ts";
import type { LotView } from "./getLot.ts";
import { indexLots, type IndexParameter } from "../../internal/indexSource.ts";

export interface ListLotsParameters {
  deployment: Deployment;
  /** Read the lots from this index (`minerals index`) instead of the node. */
  index?: IndexParameter;
}

export type ListLotsReturnType = LotView[];
export type ListLotsErrorType = MineralsError;

/**
 * Reads every registered lot, in id order, in one batch of reads (through the deployment's Multicall3).
 *
 * @example
 * for (const lot of await listLots(client, { deployment })) console.log(lot.lotId, lot.state)
 */
export async function listLots(client: Client, parameters: ListLotsParameters): Promise<ListLotsReturnType> {
  if (parameters.index !== undefined) return indexLots(parameters.index, parameters.deployment);
  try {
    const count = await readLotCount(client, parameters.deployment);
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    return await readLots(client, parameters.deployment, ids);
  } catch (error) {
    throw decodeError(error, { action: "read the lots" });
  }
}
