/**
 * JSON-RPC batches: several requests to the node in one HTTP round trip, for a client whose transport is viem's
 * `http`. The batch goes to the transport's URL with its fetch options and timeout, through viem's own HTTP client
 * (`getHttpRpcClient`), the requests in the order given; a node runs a batch's requests in that order. Any other
 * transport (an EIP-1193 provider, a WebSocket) has no batch: the caller sends one request after another. A batch does
 * not pass through the transport's `fetchFn` or fetch hooks, which viem does not expose on the client.
 */
import type { Client, Hex } from "viem";
import { getHttpRpcClient } from "viem/utils";

/** One request of a batch. */
export interface RpcCall {
  method: string;
  params: readonly unknown[];
}

/** The node's answer to one request of a batch: its result, or the JSON-RPC error it gave for that request alone. */
export type RpcOutcome = { result: unknown; error?: undefined } | { result?: undefined; error: { code: number; message: string; data?: Hex | unknown } };

/** Sends a batch and returns the answers in the order of the requests; throws when the batch as a whole failed. */
export type RpcBatch = (calls: readonly RpcCall[]) => Promise<RpcOutcome[]>;

/**
 * The batch sender of `client`, or undefined when its transport is not viem's `http`.
 *
 * @example
 * const batch = rpcBatchOf(client)
 * const answers = batch ? await batch(signed.map((tx) => ({ method: "eth_sendRawTransaction", params: [tx] }))) : undefined
 */
export function rpcBatchOf(client: Client): RpcBatch | undefined {
  const transport = client.transport as { type?: string; url?: string; fetchOptions?: Omit<RequestInit, "body">; timeout?: number };
  if (transport.type !== "http" || typeof transport.url !== "string") return undefined;
  const rpc = getHttpRpcClient(transport.url, { fetchOptions: transport.fetchOptions, timeout: transport.timeout });
  return async (calls) => {
    if (calls.length === 0) return [];
    const answers: unknown = await rpc.request({ body: calls.map((call, id) => ({ jsonrpc: "2.0" as const, id, method: call.method, params: [...call.params] })) });
    // A node without batches answers the whole POST with one error object instead of an array.
    if (!Array.isArray(answers)) throw new Error(`The node at ${transport.url} did not answer a JSON-RPC batch: ${JSON.stringify(answers).slice(0, 200)}`);
    const byId = new Map((answers as { id: unknown; result?: unknown; error?: RpcOutcome["error"] }[]).map((answer) => [Number(answer.id), answer]));
    return calls.map((_, id): RpcOutcome => {
      const answer = byId.get(id);
      if (!answer) return { error: { code: -32603, message: "the node's answer to the batch left this request out" } };
      return answer.error ? { error: answer.error } : { result: answer.result };
    });
  };
}
