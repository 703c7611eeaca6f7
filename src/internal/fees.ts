/**
 * The fees a locally signed transaction offers, read from the chain at most once per `FEE_MAX_AGE_MS` per client
 * instead of twice per transaction (viem's own preparation reads the latest block and the priority fee each time).
 * The fee cap is twice the base fee plus the priority fee, as ethers offers: the base fee can rise by at most 12.5 %
 * a block, so a cap read up to six full blocks ago still covers it; what is paid is the block's base fee plus the
 * priority fee, never the cap. A chain with its own fee rules (`chain.fees`) is asked each time through viem.
 */
import type { Client } from "viem";
import { estimateFeesPerGas, estimateMaxPriorityFeePerGas, getBlock, getGasPrice } from "viem/actions";

/** What a transaction offers to pay for gas: EIP-1559 caps, or a legacy gas price on a chain without a base fee. */
export type Fees = { type: "eip1559"; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { type: "legacy"; gasPrice: bigint };

/** How long a client reuses the fees it read: one Ethereum slot. */
export const FEE_MAX_AGE_MS = 12_000;

const cache = new Map<string, { fees: Fees; at: number }>();
const CACHE_LIMIT = 1024;

/**
 * The fees for the next transaction of `client`: the ones read less than `FEE_MAX_AGE_MS` ago, or fresh ones.
 *
 * @example
 * const fees = await feesFor(client) // { type: "eip1559", maxFeePerGas: 2_875_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
 */
export async function feesFor(client: Client): Promise<Fees> {
  if (client.chain?.fees) {
    const viemFees = await estimateFeesPerGas(client);
    return "gasPrice" in viemFees && viemFees.gasPrice !== undefined
      ? { type: "legacy", gasPrice: viemFees.gasPrice }
      : { type: "eip1559", maxFeePerGas: viemFees.maxFeePerGas!, maxPriorityFeePerGas: viemFees.maxPriorityFeePerGas! };
  }
  const cached = cache.get(client.uid);
  if (cached && Date.now() - cached.at < FEE_MAX_AGE_MS) return cached.fees;
  // Both at once; the priority fee is ignored on a chain whose blocks carry no base fee.
  const tip = estimateMaxPriorityFeePerGas(client);
  tip.catch(() => {});
  const block = await getBlock(client, { blockTag: "latest" });
  let fees: Fees;
  if (typeof block.baseFeePerGas === "bigint") {
    const priority = await tip;
    fees = { type: "eip1559", maxFeePerGas: block.baseFeePerGas * 2n + priority, maxPriorityFeePerGas: priority };
  } else {
    fees = { type: "legacy", gasPrice: await getGasPrice(client) };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(client.uid, { fees, at: Date.now() });
  return fees;
}

/** Forgets the fees `client` read, so its next transaction reads them again (after the node refused one). */
export function forgetFees(client: Client): void {
  cache.delete(client.uid);
}
