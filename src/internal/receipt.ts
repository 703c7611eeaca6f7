/**
 * Waiting for a transaction's receipt the way a real network needs: a set number of confirmations, a bounded
 * wait, and a transaction that was dropped, replaced or cancelled reported as such instead of waited on for ever.
 * The policy travels on the client (`client.extend(receiptPolicy({ confirmations: 3 }))`), so every action that
 * writes follows it without a parameter of its own.
 */
import { HttpRequestError, TimeoutError, WaitForTransactionReceiptTimeoutError, type Client, type Hash, type TransactionReceipt } from "viem";
import { getBlockNumber, waitForTransactionReceipt } from "viem/actions";
import { InvalidArgumentError, TransactionError } from "../errors/base.ts";

/** How long to wait for a transaction and how deep it must be buried. */
export interface ReceiptPolicy {
  /** Blocks that must include and follow the transaction's block (1 = mined). */
  confirmations: number;
  /** Milliseconds to wait for the receipt before reporting the transaction as not mined. */
  timeout: number;
}

/** One confirmation; three minutes, long enough for a congested public testnet, short enough to notice a drop. */
export const DEFAULT_RECEIPT_POLICY: ReceiptPolicy = { confirmations: 1, timeout: 180_000 };

/**
 * A client decorator that sets the receipt policy of every action sent through the client.
 *
 * @example
 * const client = createWalletClient({ account, chain, transport: http(rpc) }).extend(receiptPolicy({ confirmations: 3 }))
 */
export function receiptPolicy(policy: Partial<ReceiptPolicy>) {
  const confirmations = policy.confirmations ?? DEFAULT_RECEIPT_POLICY.confirmations;
  const timeout = policy.timeout ?? DEFAULT_RECEIPT_POLICY.timeout;
  if (!Number.isSafeInteger(confirmations) || confirmations < 1) throw new InvalidArgumentError("confirmations", "a whole number of at least 1", confirmations);
  if (!Number.isSafeInteger(timeout) || timeout < 1) throw new InvalidArgumentError("timeout", "a positive number of milliseconds", timeout);
  return (_client: Client) => ({ receiptPolicy: { confirmations, timeout } satisfies ReceiptPolicy });
}

/** The policy a client carries, or the default one. */
export function policyOf(client: Client): ReceiptPolicy {
  return (client as Client & { receiptPolicy?: ReceiptPolicy }).receiptPolicy ?? DEFAULT_RECEIPT_POLICY;
}

/**
 * Waits for a transaction's receipt under the client's receipt policy.
 *
 * @throws TransactionError when another transaction of the same sender and nonce replaced or cancelled it, or when
 * it is not mined (with the confirmations asked for) within the policy's timeout; the message names the hash.
 * @example
 * const receipt = await waitForReceipt(client, hash)
 */
export async function waitForReceipt(client: Client, hash: Hash): Promise<TransactionReceipt> {
  const { confirmations, timeout } = policyOf(client);
  let replaced: { reason: string; hash: Hash } | undefined;
  // viem's wait swallows the errors of its polling, so a node that stopped would be waited on for the whole
  // timeout: a probe beside it ends the wait as soon as the chain stops answering.
  const lost = new AbortController();
  const probe = watchChain(client, lost);
  try {
    const receipt = await waitForTransactionReceipt(client, {
      hash,
      confirmations,
      timeout,
      signal: lost.signal,
      onReplaced: (replacement) => {
        replaced = { reason: replacement.reason, hash: replacement.transaction.hash };
      },
    });
    // A repriced transaction (same call, higher fee) did what was asked; a replaced or cancelled one did not.
    if (replaced && replaced.reason !== "repriced") {
      throw new TransactionError(`Transaction ${hash} was ${replaced.reason} by ${replaced.hash} (same sender and nonce): what it asked for was not done.`);
    }
    return receipt;
  } catch (error) {
    if (error instanceof WaitForTransactionReceiptTimeoutError) {
      throw new TransactionError(
        `Transaction ${hash} was not ${confirmations > 1 ? `confirmed by ${confirmations} blocks` : "mined"} within ${timeout / 1000} s: it may have been dropped (fee too low, nonce gap) or the chain is not producing blocks.`,
        { cause: error },
      );
    }
    if (lost.signal.aborted) {
      throw new TransactionError(`Lost the chain while waiting for transaction ${hash}: it was sent and may still be mined.`, { cause: lost.signal.reason });
    }
    throw error;
  } finally {
    probe.stop();
  }
}

/** Probes for a lost chain: asks its block number every `client.pollingInterval` (at least 1 s) and aborts on two network failures in a row. */
function watchChain(client: Client, lost: AbortController): { stop: () => void } {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await getBlockNumber(client, { cacheTime: 0 });
      failures = 0;
    } catch (error) {
      if (error instanceof HttpRequestError || error instanceof TimeoutError) failures += 1;
      if (failures >= 2) return lost.abort(error);
    }
    if (!stopped) timer = setTimeout(tick, Math.max(client.pollingInterval, 1_000));
  };
  timer = setTimeout(tick, Math.max(client.pollingInterval, 1_000));
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
