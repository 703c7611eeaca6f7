/**
 * Nonces kept locally: a client reads its local account's pending nonce from the node before its first
 * transaction, then counts on its own, so a transaction costs no nonce request. It holds while the client is the
 * only writer of that key; when it is not (a transaction sent from the same key elsewhere), the node refuses the
 * next one as "nonce too low" (or, on a chain that mines at once, "too high"), the client reads the nonce again and
 * sends once more. Any other failure after a nonce was taken forgets the count, so the next transaction reads it.
 * An account with a viem nonce manager (`privateKeyToAccount(key, { nonceManager })`) keeps using that manager.
 */
import { BaseError, NonceTooHighError, NonceTooLowError, type Address, type Client } from "viem";
import { getTransactionCount } from "viem/actions";

interface Count {
  /** The node's pending nonce when the count began. */
  start: Promise<number>;
  /** Nonces handed out since. */
  taken: number;
}

const counts = new Map<string, Count>();
const LIMIT = 4096;
const keyOf = (client: Client, address: Address) => `${client.uid}:${address.toLowerCase()}`;

function countOf(client: Client, address: Address): Count {
  const key = keyOf(client, address);
  let count = counts.get(key);
  if (!count) {
    count = { start: getTransactionCount(client, { address, blockTag: "pending" }), taken: 0 };
    // A failed read is forgotten, so the next transaction reads again.
    count.start.catch(() => counts.get(key) === count && counts.delete(key));
    if (counts.size >= LIMIT) counts.delete(counts.keys().next().value!);
    counts.set(key, count);
  }
  return count;
}

/**
 * Starts reading the nonce of `address` if this client has no count yet, without taking one: called beside the gas
 * estimate, so the first transaction's nonce read runs alongside it.
 */
export async function primeNonce(client: Client, address: Address): Promise<void> {
  await countOf(client, address).start;
}

/**
 * The next nonce of `address` on `client`, counted locally after the first read. Take it only once the transaction
 * is ready to sign: a nonce taken and not sent leaves a gap, which `forgetNonce` closes.
 *
 * @example
 * const nonce = await takeNonce(client, account.address) // 7, then 8, 9, ... without a request
 */
export async function takeNonce(client: Client, address: Address): Promise<number> {
  const count = countOf(client, address);
  const offset = count.taken++;
  return (await count.start) + offset;
}

/** Forgets the count of `address` on `client`: its next transaction reads the nonce from the node again. */
export function forgetNonce(client: Client, address: Address): void {
  counts.delete(keyOf(client, address));
}

/** Whether the node refused a transaction because its nonce was not the account's next one (someone else sent). */
export function isStaleNonce(error: unknown): boolean {
  if (error instanceof BaseError && error.walk((e) => e instanceof NonceTooLowError || e instanceof NonceTooHighError)) return true;
  const text = error instanceof BaseError ? `${error.details} ${error.shortMessage}` : String(error);
  return /nonce too (low|high)|replacement transaction underpriced/i.test(text);
}
