/**
 * A viem transport that counts the JSON-RPC requests sent through it, by method: wrap the transport a client is
 * built on, act, and read how many requests the action cost. A JSON-RPC batch counts each request in it.
 *
 *   const counting = countingTransport(http(rpc))
 *   const client = createWalletClient({ account, chain, transport: counting.transport })
 *   counting.reset(); await transferUnits(client, ...); counting.total() // 4
 */
import type { Transport } from "viem";

export interface CountingTransport {
  transport: Transport;
  /** Requests since the last `reset`, in all. */
  total: () => number;
  /** Requests since the last `reset`, by method. */
  byMethod: () => Record<string, number>;
  reset: () => void;
}

export function countingTransport(inner: Transport): CountingTransport {
  let counts = new Map<string, number>();
  const transport = ((parameters: Parameters<Transport>[0]) => {
    const built = inner(parameters);
    const request = (async (args: { method: string }, options?: unknown) => {
      counts.set(args.method, (counts.get(args.method) ?? 0) + 1);
      return (built.request as (a: unknown, o?: unknown) => Promise<unknown>)(args, options);
    }) as typeof built.request;
    return { ...built, request };
  }) as Transport;
  return {
    transport,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    byMethod: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    reset: () => {
      counts = new Map();
    },
  };
}
