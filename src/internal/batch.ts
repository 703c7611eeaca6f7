/**
 * Batched contract reads for reports: through the deployment's Multicall3 in as few `eth_call`s as the calldata
 * budget allows, or one call at a time when the deployment has no Multicall3.
 */
import type { Abi, Address, Client } from "viem";
import { multicall, readContract } from "viem/actions";
import type { Deployment } from "../deployment/manifest.ts";

/** One read: a contract function and its arguments. */
export interface Read {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

/**
 * Calldata bytes per Multicall3 request. A getLot answer is about 700 bytes, an investor record about 200, so a
 * 64 KiB batch of calls answers in well under a megabyte, far below viem's 10 MiB response limit; and its gas stays
 * under the 50 million a node such as geth allows one `eth_call` (a 256 KiB batch, 7,000 investor records, was
 * refused by anvil at 10,000 holders).
 */
export const MULTICALL_BATCH_BYTES = 64 * 1024;

/**
 * Makes every read and returns each result, in order; the first failing read throws (as `readContract` would).
 *
 * @example
 * const [count] = await readAll(client, deployment, [{ address, abi: lotRegistryAbi, functionName: "lotCount" }])
 */
export async function readAll(client: Client, deployment: Deployment, reads: readonly Read[]): Promise<unknown[]> {
  if (reads.length === 0) return [];
  if (deployment.multicall3) {
    return multicall(client, {
      contracts: reads as never,
      multicallAddress: deployment.multicall3,
      allowFailure: false,
      batchSize: MULTICALL_BATCH_BYTES,
    }) as Promise<unknown[]>;
  }
  const results: unknown[] = [];
  for (const read of reads) results.push(await readContract(client, read as never));
  return results;
}
