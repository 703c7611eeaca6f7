/**
 * `minerals serve`: the live demo page (built from web/ into dist/web by `npm run build`) on 127.0.0.1, with the
 * chain's JSON-RPC proxied at POST /rpc (so the browser talks to one origin, no CORS) and the manifest the page
 * binds the SDK to at /deployment.json. Without --rpc the chain is Hardhat's in-process one with the demo's state
 * built in it (`buildDemoState`); with --rpc it is that node, and its manifest.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, Option } from "commander";
import type { EIP1193Provider } from "viem";
import { defaultDeploymentsDir } from "../../src/deployment/files.ts";
import { serializeDeployment, type Deployment } from "../../src/deployment/manifest.ts";
import { MineralsError } from "../../src/errors/base.ts";
import { connect, loadPlatform, parseFlag, run, toJson, type Connection } from "./context.ts";
import { buildDemoState, type DemoState } from "./demoState.ts";
import { indexOption, optionalIndexUrl } from "./indexer.ts";
import { Presenter } from "./presenter.ts";

export interface ServeOptions {
  /** A node's JSON-RPC URL; without it, Hardhat's in-process chain with the demo state. */
  rpc?: string | undefined;
  /** Presenter mode: a fresh in-process chain on which the page plays the demo's acts one by one (no --rpc). */
  present?: boolean;
  /** The port on 127.0.0.1 (0: any free port). */
  port?: number;
  /** The manifest to use with --rpc (default: <deployments>/<chainId>.json). */
  manifest?: string | undefined;
  deployments?: string;
  /** The built page (default: dist/web of this package). */
  webDir?: string;
  /** An index (`minerals index`) proxied at /index/, which the page reads its reports, lists and histories from. */
  index?: string | undefined;
}

/** A running `minerals serve`. */
export interface Serving {
  url: string;
  chainId: number;
  deployment: Deployment;
  /** The demo state's parties and ids, when the server built it (no --rpc, no --present). */
  demo?: DemoState;
  /** The presenter's story, in presenter mode (--present). */
  presenter?: Presenter;
  /** The chain the page talks to (in presenter mode, the presenter's current one: "Back to the start" replaces it). */
  connection: Connection;
  close: () => Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** dist/web of this package, found by walking up from this file (source or built) to bin/minerals.mjs. */
export function defaultWebDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "bin", "minerals.mjs"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new MineralsError("cannot find the package root of minerals (bin/minerals.mjs)");
    dir = parent;
  }
  return path.join(dir, "dist", "web");
}

interface RpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** One JSON-RPC request answered by an EIP-1193 provider, its error passed on with code, message and revert data. */
async function answer(provider: EIP1193Provider, request: RpcRequest): Promise<unknown> {
  const id = request.id ?? null;
  if (typeof request.method !== "string") return { jsonrpc: "2.0", id, error: { code: -32600, message: "Invalid request" } };
  try {
    const result = await provider.request({ method: request.method, params: request.params } as Parameters<EIP1193Provider["request"]>[0]);
    return { jsonrpc: "2.0", id, result: result ?? null };
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; data?: unknown };
    return {
      jsonrpc: "2.0",
      id,
      error: { code: typeof e.code === "number" ? e.code : -32603, message: typeof e.message === "string" ? e.message : String(error), ...(e.data !== undefined ? { data: e.data } : {}) },
    };
  }
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the server: connects (or starts the in-process chain and builds the demo state), checks the manifest
 * against the chain, and listens on 127.0.0.1.
 *
 * @example
 * const serving = await startServe({ port: 0 })
 * console.log(serving.url) // http://127.0.0.1:40123/
 * await serving.close()
 */
export async function startServe(options: ServeOptions = {}): Promise<Serving> {
  const webDir = options.webDir ?? defaultWebDir();
  if (!existsSync(path.join(webDir, "index.html"))) throw new MineralsError(`The page is not built (no ${path.join(webDir, "index.html")}): run \`npm run build\`.`);
  if (options.present && options.rpc !== undefined) throw new MineralsError("--present plays the demo on its own in-process chain: it does not take --rpc.");
  if (options.index !== undefined && options.rpc === undefined) {
    throw new MineralsError("--index needs --rpc: an index follows a node, and the in-process chain (the demo state, or --present) is this process's own.");
  }
  const presenter = options.present ? await Presenter.start() : undefined;
  const fixed = presenter ? undefined : await connect({ rpc: options.rpc, inProcess: options.rpc === undefined });
  const current = (): Connection => presenter?.connection ?? fixed!;
  let deployment: Deployment | undefined;
  let demo: DemoState | undefined;
  try {
    if (fixed?.inProcess) {
      demo = await buildDemoState(fixed);
      deployment = demo.deployment;
    } else if (fixed) {
      ({ deployment } = await loadPlatform(fixed, options.deployments ?? defaultDeploymentsDir(), options.manifest));
    }
  } catch (error) {
    await fixed?.close();
    throw error;
  }
  const manifest = (): string | undefined => {
    const d = presenter ? presenter.deployment : deployment;
    return d ? serializeDeployment(d) : undefined;
  };
  const parties = (): string | undefined => (presenter ? JSON.stringify(presenter.parties) : demo ? JSON.stringify(demo.parties) : undefined);

  const forward = async (text: string): Promise<{ status: number; text: string }> => {
    const connection = current();
    if (connection.provider) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { status: 200, text: JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }) };
      }
      const provider = connection.provider;
      const result = Array.isArray(parsed) ? await Promise.all(parsed.map((r) => answer(provider, r as RpcRequest))) : await answer(provider, parsed as RpcRequest);
      return { status: 200, text: JSON.stringify(result) };
    }
    const response = await fetch(options.rpc!, { method: "POST", headers: { "content-type": "application/json" }, body: text });
    return { status: response.status, text: await response.text() };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const send = (status: number, type: string, content: string | Buffer) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(content);
    };
    if (url.pathname === "/rpc") {
      if (request.method !== "POST") return send(405, "text/plain", "POST JSON-RPC requests here");
      const { status, text } = await forward(await body(request));
      return send(status, "application/json", text);
    }
    if (url.pathname === "/deployment.json") {
      const text = manifest();
      // Presenter mode before act 1: nothing deployed yet (204, so the page's load logs no error).
      if (!text) {
        response.writeHead(204, { "cache-control": "no-store" });
        return void response.end();
      }
      return send(200, "application/json", text);
    }
    if (url.pathname === "/parties.json") {
      const text = parties();
      return text ? send(200, "application/json", text) : send(404, "application/json", "null");
    }
    if (url.pathname === "/present" || url.pathname.startsWith("/present/")) {
      // Not in presenter mode: GET /present says so with null (the page asks at load), anything else is not found.
      if (!presenter) return url.pathname === "/present" ? send(200, "application/json", "null") : send(404, "application/json", JSON.stringify({ error: "not in presenter mode: start with `minerals serve --present`" }));
      if (url.pathname === "/present") return send(200, "application/json", toJson(presenter.state()));
      if (request.method !== "POST") return send(405, "text/plain", "POST here");
      try {
        if (url.pathname === "/present/next") return send(200, "application/json", toJson({ played: await presenter.next(), state: presenter.state() }));
        if (url.pathname === "/present/reset") {
          await presenter.reset();
          return send(200, "application/json", toJson({ state: presenter.state() }));
        }
      } catch (error) {
        const message = error instanceof MineralsError ? error.shortMessage : error instanceof Error ? error.message.split("\n")[0] : String(error);
        return send(409, "application/json", toJson({ error: message, state: presenter.state() }));
      }
      return send(404, "text/plain", "not found");
    }
    // The page reads its reports from the index through this origin when there is one (`index.json` says so).
    if (url.pathname === "/index.json") return send(200, "application/json", JSON.stringify({ index: options.index ? "./index" : null }));
    if (url.pathname.startsWith("/index/")) {
      if (!options.index) return send(404, "text/plain", "no index: start the server with --index URL");
      const upstream = await fetch(`${options.index.replace(/\/+$/, "")}${url.pathname.slice("/index".length)}${url.search}`);
      return send(upstream.status, upstream.headers.get("content-type") ?? "application/json", Buffer.from(await upstream.arrayBuffer()));
    }
    const relative = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const file = path.resolve(webDir, relative);
    if (!file.startsWith(webDir + path.sep)) return send(403, "text/plain", "forbidden");
    try {
      send(200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", await readFile(file));
    } catch {
      send(404, "text/plain", "not found");
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`minerals serve: ${(error as Error).message}`);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_PORT, "127.0.0.1", () => resolve());
    });
  } catch (error) {
    await (presenter ?? fixed)!.close();
    throw new MineralsError(`Cannot listen on 127.0.0.1:${options.port ?? DEFAULT_PORT}: ${(error as Error).message}`);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    chainId: current().chainId,
    get deployment(): Deployment {
      const d = presenter ? presenter.deployment : deployment;
      if (!d) throw new MineralsError("nothing is deployed yet: the presenter plays act 1 first");
      return d;
    },
    ...(demo ? { demo } : {}),
    ...(presenter ? { presenter } : {}),
    get connection(): Connection {
      return current();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (presenter ?? fixed)!.close();
    },
  };
}

export const DEFAULT_PORT = 5173;

export function serveCommand(): Command {
  return new Command("serve")
    .description("serve the live demo page on 127.0.0.1: Hardhat's in-process chain with the demo state, or --rpc a node")
    .addOption(new Option("--rpc <url>", "JSON-RPC URL of a running node, proxied at /rpc (default: Hardhat's in-process chain with the demo state)").env("MINERALS_RPC"))
    .option("--port <n>", "port on 127.0.0.1 (0: any free port)", String(DEFAULT_PORT))
    .addOption(new Option("--manifest <file>", "the deployment manifest to use with --rpc (default: <deployments>/<chainId>.json)").env("MINERALS_MANIFEST"))
    .addOption(new Option("--deployments <dir>", "directory of deployment manifests").default(defaultDeploymentsDir()).env("MINERALS_DEPLOYMENTS"))
    .option("--present", "presenter mode: the page walks an audience through the demo's story act by act, each played on a fresh in-process chain when you click Next")
    .addOption(indexOption())
    .action((options, command: Command) =>
      run(async () => {
        const port = parseFlag("--port", () => {
          if (!/^\d+$/.test(options.port) || Number(options.port) > 65_535) throw new Error(`a port number from 0 to 65535, not "${options.port}"`);
          return Number(options.port);
        });
        // In presenter mode the chain is the presenter's own: MINERALS_RPC does not apply, a --rpc typed is refused.
        const rpc = options.present && command.getOptionValueSource("rpc") === "env" ? undefined : options.rpc;
        // Nor does MINERALS_INDEX without a node to follow; an --index typed there is refused.
        const index = rpc === undefined && command.getOptionValueSource("index") === "env" ? undefined : optionalIndexUrl(options.index);
        const serving = await startServe({ rpc, present: options.present === true, port, manifest: options.manifest, deployments: options.deployments, index });
        const source = serving.presenter ? "presenter mode: Hardhat in-process chain, the demo's acts one by one" : serving.connection.inProcess ? "Hardhat in-process chain with the demo state" : rpc;
        console.log(`Serving the minerals page at ${serving.url} (chain ${serving.chainId}, ${source}${index ? `; reports from the index at ${index}` : ""}). Press Ctrl+C to stop.`);
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await serving.close();
      }),
    );
}
