/**
 * A JSON-RPC proxy in front of a node, for fault tests: it forwards every request, counts the transactions sent
 * through it, and can be told to go dark after the Nth one (every later request's connection is dropped, as when the
 * node dies), to swallow receipts (`eth_getTransactionReceipt` answers null, as for a transaction never mined), or
 * to run something on the node right after the Nth transaction (e.g. let time pass so the next step is refused).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";

const SENDS = new Set(["eth_sendTransaction", "eth_sendRawTransaction"]);

export interface RpcProxyOptions {
  /** After this many transactions have been forwarded (and their hashes returned), drop every later request. */
  dieAfterSends?: number;
  /** Answer every `eth_getTransactionReceipt` with null. */
  swallowReceipts?: boolean;
  /** Runs once, right after the Nth transaction's hash came back, before the client sees it. */
  afterSend?: { count: number; run: () => Promise<void> };
  /** Answer `web3_clientVersion` with this, as another kind of node would (e.g. "Geth/v1.14.0"). */
  clientVersion?: string;
  /** Hold the answers to these methods this long (a slow node), in milliseconds: every one, or only the first `count`. */
  delay?: { methods: string[]; ms: number; count?: number };
}

export interface RpcProxy {
  url: string;
  /** Transactions forwarded so far. */
  sends: () => number;
  close: () => Promise<void>;
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts a proxy to `target` on a free loopback port. */
export async function startRpcProxy(target: string, options: RpcProxyOptions = {}): Promise<RpcProxy> {
  let sends = 0;
  let delayed = 0;
  let dead = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (request, response) => {
    if (dead) return request.socket.destroy();
    const text = await body(request);
    const calls = JSON.parse(text) as { method: string; id: unknown } | { method: string; id: unknown }[];
    const list = Array.isArray(calls) ? calls : [calls];
    if (options.clientVersion !== undefined && list.every((c) => c.method === "web3_clientVersion")) {
      const answers = list.map((c) => ({ jsonrpc: "2.0", id: c.id, result: options.clientVersion }));
      response.setHeader("content-type", "application/json");
      return response.end(JSON.stringify(Array.isArray(calls) ? answers : answers[0]));
    }
    if (options.delay && list.some((c) => options.delay!.methods.includes(c.method)) && (options.delay.count === undefined || delayed++ < options.delay.count)) {
      await new Promise((resolve) => setTimeout(resolve, options.delay!.ms));
    }
    if (options.swallowReceipts && list.every((c) => c.method === "eth_getTransactionReceipt")) {
      const answers = list.map((c) => ({ jsonrpc: "2.0", id: c.id, result: null }));
      response.setHeader("content-type", "application/json");
      return response.end(JSON.stringify(Array.isArray(calls) ? answers : answers[0]));
    }
    const forwarded = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: text });
    const answer = await forwarded.text();
    const sent = list.filter((c) => SENDS.has(c.method)).length;
    if (sent > 0) {
      sends += sent;
      if (options.afterSend && sends === options.afterSend.count) await options.afterSend.run();
      if (options.dieAfterSends !== undefined && sends >= options.dieAfterSends) dead = true;
    }
    response.setHeader("content-type", "application/json");
    response.end(answer);
    if (dead) setImmediate(() => { for (const socket of sockets) socket.destroy(); });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    sends: () => sends,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
