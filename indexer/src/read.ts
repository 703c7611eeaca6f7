/**
 * Reads of the contracts' own views at the block of the event being indexed (Ponder caches them and re-reads them
 * after a reorganisation), so a figure a contract computes is stored as the contract computes it.
 */
import type { Context } from "ponder:registry";
import type { Abi, Address } from "viem";
import { deployment } from "../ponder.config.ts";

type Call = { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] };

/**
 * Reads `calls` at `blockNumber` in one request through the deployment's Multicall3 (one by one without it, or with
 * `oneByOne`, for a block the Multicall3 may not exist in yet).
 */
export async function readAt(context: Context, blockNumber: bigint, oneByOne: boolean, calls: readonly Call[]): Promise<unknown[]> {
  const client = context.client as unknown as {
    multicall: (p: { contracts: readonly Call[]; allowFailure: false; multicallAddress: Address; blockNumber: bigint }) => Promise<unknown[]>;
    readContract: (p: Call & { blockNumber: bigint }) => Promise<unknown>;
  };
  if (deployment.multicall3 && calls.length > 1 && !oneByOne) {
    return client.multicall({ contracts: calls, allowFailure: false, multicallAddress: deployment.multicall3, blockNumber });
  }
  return Promise.all(calls.map((call) => client.readContract({ ...call, blockNumber })));
}

/** The lower-case form every address is stored in, so that lookups never depend on checksum case. */
export const lower = (address: string): `0x${string}` => address.toLowerCase() as `0x${string}`;
