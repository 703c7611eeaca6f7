/**
 * The commodity of the lots a movement of units names: what its amounts are checked against and its messages are
 * written in. Read alone (one `eth_call` of the registry's `getLot`) for one lot, and in one batch through the
 * deployment's Multicall3 for several; a lot that does not exist is refused as `getLot` refuses it.
 */
import type { Client } from "viem";
import { multicall } from "viem/actions";
import { lotRegistryAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { decodeError } from "../errors/decode.ts";
import type { Commodity } from "../units/index.ts";
import { MULTICALL_BATCH_BYTES } from "./batch.ts";
import { readLotCommodity } from "./facts.ts";

/**
 * The commodity of lot `lotId`.
 *
 * @throws ContractRevertError "Cannot read lot 9: Lot 9 does not exist" for a lot that was never registered.
 * @example
 * const commodity = await lotCommodity(client, deployment, 1n) // Commodity.Copper
 */
export async function lotCommodity(client: Client, deployment: Deployment, lotId: bigint): Promise<Commodity> {
  try {
    return await readLotCommodity(client, deployment, lotId);
  } catch (error) {
    throw decodeError(error, { action: `read lot ${lotId}` });
  }
}

/**
 * The commodity of each lot of `lotIds`, in order, each a `Commodity` or the typed error reading that lot raised (so
 * the caller reports the first problem in the order of its own arguments); one `eth_call` through the deployment's
 * Multicall3, or one read per lot without one.
 *
 * @example
 * const [copper, gold] = await lotCommodities(client, deployment, [1n, 2n])
 */
export async function lotCommodities(client: Client, deployment: Deployment, lotIds: readonly bigint[]): Promise<(Commodity | Error)[]> {
  const decode = (lotId: bigint, error: unknown): Error => decodeError(error, { action: `read lot ${lotId}` });
  if (lotIds.length === 1 || !deployment.multicall3) {
    return Promise.all(lotIds.map((lotId) => readLotCommodity(client, deployment, lotId).catch((error: unknown) => decode(lotId, error))));
  }
  let results;
  try {
    results = await multicall(client, {
      contracts: lotIds.map((lotId) => ({ address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] }) as const),
      multicallAddress: deployment.multicall3,
      batchSize: MULTICALL_BATCH_BYTES,
    });
  } catch (error) {
    // The batch itself failed (not one lot): every lot gets the same error.
    return lotIds.map((lotId) => decode(lotId, error));
  }
  return results.map((result, i) => (result.status === "success" ? (result.result.commodity as Commodity) : decode(lotIds[i]!, result.error)));
}

