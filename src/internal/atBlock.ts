/**
 * The chain as it was at one block: a read-only client whose every read of "the latest block" reads that block, so a
 * report made of many reads describes one moment even while new blocks arrive, and can be made again later, exactly.
 */
import { createClient, custom, numberToHex, type Client, type Hex } from "viem";
import { MineralsError } from "../errors/base.ts";

/** Block tags that name a moving block: each is read as the pinned one. */
const MOVING_TAGS = new Set(["latest", "pending", "safe", "finalized"]);

/** Where each state-reading method takes its block parameter. */
const BLOCK_PARAMETER: Readonly<Record<string, number>> = {
  eth_call: 1,
  eth_getBalance: 1,
  eth_getCode: 1,
  eth_getTransactionCount: 1,
  eth_getStorageAt: 2,
  eth_getBlockByNumber: 0,
  eth_getBlockTransactionCountByNumber: 0,
};

/** Methods that would send, sign or simulate a transaction: a view of the past refuses them. */
const WRITES = /^(eth_send|eth_sign|personal_sign|eth_estimateGas|eth_signTypedData|wallet_)/;

/**
 * A read-only client over `client`'s transport that reads the chain as it was at `blockNumber`: `eth_blockNumber`
 * answers that block, calls and block reads that name no block or a moving tag ("latest") read that block, and a log
 * request ends at it at the latest. Reads of an older state need a node that keeps it (Hardhat's, anvil, an archive
 * node); anything that would send or sign is refused.
 *
 * @example
 * const then = atBlock(client, 1_234n)
 * await getLot(then, { deployment, lotId: 7n }) // lot 7 as it was at block 1,234
 */
export function atBlock(client: Client, blockNumber: bigint): Client {
  const pinned = numberToHex(blockNumber);
  const pin = (block: unknown): unknown => (block === undefined || (typeof block === "string" && MOVING_TAGS.has(block)) ? pinned : block);
  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    if (method === "eth_blockNumber") return pinned;
    if (WRITES.test(method)) throw new MineralsError(`A view of the chain at block ${blockNumber} only reads: ${method} is refused`);
    const list = Array.isArray(params) ? [...(params as unknown[])] : params;
    const at = BLOCK_PARAMETER[method];
    if (at !== undefined && Array.isArray(list)) {
      while (list.length < at) list.push(undefined);
      list[at] = pin(list[at]);
    }
    if (method === "eth_getLogs" && Array.isArray(list) && typeof list[0] === "object" && list[0] !== null) {
      const filter = { ...(list[0] as Record<string, unknown>) };
      if (!("blockHash" in filter)) {
        const end = filter.toBlock;
        filter.toBlock = typeof end === "string" && !MOVING_TAGS.has(end) && BigInt(end) < blockNumber ? end : pinned;
        filter.fromBlock = pin(filter.fromBlock) as Hex;
      }
      list[0] = filter;
    }
    return client.request({ method, params: list } as never);
  };
  return createClient({
    ...(client.chain ? { chain: client.chain } : {}),
    // Every read already goes through `client`'s transport and its retry policy: none more here.
    transport: custom({ request }, { retryCount: 0 }),
    cacheTime: 0,
    name: `${client.name} at block ${blockNumber}`,
  });
}
