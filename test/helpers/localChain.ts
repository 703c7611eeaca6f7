/**
 * For tests that run the built `minerals` CLI as a user would: a `hardhat node` on a free loopback port (started
 * once, stopped after), the CLI run as a separate process, and raw JSON-RPC calls to read the chain's state.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { freePort, waitForRpc } from "../../scripts/dev/localNode.ts";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const execFileAsync = promisify(execFile);

/** A running `hardhat node`. */
export interface LocalNode {
  rpc: string;
  stop: () => Promise<void>;
}

/** Starts a `hardhat node` on a free loopback port and waits until it answers. */
export async function startHardhatNode(): Promise<LocalNode> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const node: ChildProcess = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, CI: "true" },
    stdio: "ignore",
  });
  await waitForRpc(rpc, node);
  const stop = async () => {
    if (node.exitCode !== null || node.signalCode !== null) return;
    const exited = new Promise((resolve) => node.once("exit", resolve));
    node.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (node.exitCode === null && node.signalCode === null) node.kill("SIGKILL");
  };
  return { rpc, stop };
}

/** A running anvil, with what it printed so far (for a failure's message). */
export interface AnvilNode extends LocalNode {
  log: () => string;
}

/** Starts Foundry's anvil on a free loopback port with `args` and waits until it listens. */
export async function startAnvil(args: readonly string[]): Promise<AnvilNode> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const anvil: ChildProcess = spawn(path.join(root, "node_modules/.bin/anvil"), ["--host", "127.0.0.1", "--port", String(port), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  anvil.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  anvil.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!log.includes("Listening on")) {
    if (anvil.exitCode !== null) throw new Error(`anvil exited with ${anvil.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      anvil.kill("SIGTERM");
      throw new Error(`anvil did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (anvil.exitCode !== null || anvil.signalCode !== null) return;
    const exited = new Promise((r) => anvil.once("exit", r));
    anvil.kill("SIGTERM");
    await exited;
  };
  return { rpc, stop, log: () => log };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the process ran. */
  ms: number;
}

/** Runs `node bin/minerals.mjs ...args` (no key in the environment: a local node's accounts sign). */
export async function minerals(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [mineralsBin, ...args], {
      cwd: root,
      env: { ...process.env, CI: "true", MINERALS_PRIVATE_KEY: "", MINERALS_MNEMONIC: "", MINERALS_RPC: "", MINERALS_NETWORK: "", ...env },
      timeout: 170_000,
    });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "", ms: Date.now() - started };
  }
}

/** One JSON-RPC call; throws the node's error, if any. */
export async function rpcCall<T = unknown>(rpc: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpc, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}
