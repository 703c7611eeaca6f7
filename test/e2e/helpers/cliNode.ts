/**
 * What an end-to-end test of the `minerals` CLI needs: a `hardhat node` on a free loopback port (started and stopped
 * by the test), a fresh deployments directory, the built CLI run as a separate process against them, and the chain
 * facts a refusal must leave unchanged (block number and nonces).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "chai";
import { freePort, waitForRpc } from "../../../scripts/dev/localNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const execFileAsync = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The chain facts a refused command must not change: the block number and the nonce of each account. */
export interface ChainFacts {
  blockNumber: bigint;
  nonces: bigint[];
}

export interface CliNode {
  rpc: string;
  /** The directory of deployment manifests the commands read and write. */
  deployments: string;
  /** Runs `minerals <args> --rpc <node> --deployments <dir>` and returns its exit code and output. */
  minerals: (...args: string[]) => Promise<CliResult>;
  /** The same, with more environment variables (a key, say). */
  mineralsWith: (env: NodeJS.ProcessEnv, ...args: string[]) => Promise<CliResult>;
  /** Runs a command that must succeed and returns its stdout. */
  ok: (...args: string[]) => Promise<string>;
  rpcCall: (method: string, params?: unknown[]) => Promise<unknown>;
  /** The block number and the nonces of the node's accounts 0 to 9. */
  chainFacts: () => Promise<ChainFacts>;
  /**
   * Runs a command that must be refused before anything is sent: exit code 1, nothing on stdout, one line on stderr
   * (`error: <sentence>`, or matching the pattern), the block number and the nonces unchanged.
   */
  refused: (sentence: string | RegExp, ...args: string[]) => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts a `hardhat node` on a free port with an empty deployments directory; `stop` ends it and removes the directory. */
export async function startCliNode(prefix: string): Promise<CliNode> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const deployments = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  const node: ChildProcess = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, CI: "true" },
    stdio: "ignore",
  });
  await waitForRpc(rpc, node);

  async function minerals(...args: string[]): Promise<CliResult> {
    return mineralsWith({}, ...args);
  }

  async function mineralsWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
    try {
      // A test may point one command elsewhere (a proxy) by passing its own --rpc.
      const target = args.includes("--rpc") ? [] : ["--rpc", rpc];
      const { stdout, stderr } = await execFileAsync(process.execPath, [mineralsBin, ...args, ...target, "--deployments", deployments], {
        cwd: root,
        env: { ...process.env, CI: "true", MINERALS_PRIVATE_KEY: "", MINERALS_MNEMONIC: "", ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  async function ok(...args: string[]): Promise<string> {
    const result = await minerals(...args);
    expect(result.code, `minerals ${args.join(" ")}\n${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  async function rpcCall(method: string, params: unknown[] = []): Promise<unknown> {
    const response = await fetch(rpc, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return ((await response.json()) as { result: unknown }).result;
  }

  async function chainFacts(): Promise<ChainFacts> {
    const accounts = ((await rpcCall("eth_accounts")) as string[]).slice(0, 10);
    const nonces = await Promise.all(accounts.map(async (a) => BigInt((await rpcCall("eth_getTransactionCount", [a, "latest"])) as string)));
    return { blockNumber: BigInt((await rpcCall("eth_blockNumber")) as string), nonces };
  }

  async function refused(sentence: string | RegExp, ...args: string[]): Promise<void> {
    const before = await chainFacts();
    const result = await minerals(...args);
    expect(result.code, `minerals ${args.join(" ")}\n${result.stdout}`).to.equal(1);
    expect(result.stdout).to.equal("");
    expect(result.stderr.trim().split("\n"), result.stderr).to.have.lengthOf(1);
    if (typeof sentence === "string") expect(result.stderr.trim()).to.equal(`error: ${sentence}`);
    else expect(result.stderr.trim(), result.stderr).to.match(sentence);
    expect(await chainFacts()).to.deep.equal(before);
  }

  async function stop(): Promise<void> {
    if (node.exitCode === null && node.signalCode === null) {
      const exited = new Promise((resolve) => node.once("exit", resolve));
      node.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (node.exitCode === null && node.signalCode === null) node.kill("SIGKILL");
    }
    await rm(deployments, { recursive: true, force: true });
  }

  return { rpc, deployments, minerals, mineralsWith, ok, rpcCall, chainFacts, refused, stop };
}
