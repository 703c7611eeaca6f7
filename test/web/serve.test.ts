/**
 * `minerals serve` as a user runs it (the built CLI, bin/minerals.mjs): by default Hardhat's in-process chain with
 * the demo state, and with --rpc a running `hardhat node` and its manifest; in both it prints the address, serves
 * the built page, the manifest at /deployment.json and the chain's JSON-RPC at POST /rpc, and stops on SIGTERM.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { expect } from "chai";

import { parseDeployment } from "../../src/index.ts";
import { freePort, waitForRpc } from "../../scripts/dev/localNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const exec = promisify(execFile);

/** Starts `minerals serve ...args` and resolves with the address it prints. */
async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [mineralsBin, "serve", "--port", "0", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`minerals serve printed no address in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving the minerals page at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`minerals serve exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

async function stop(child: ChildProcess | undefined): Promise<number | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000))]);
  if (code === "timeout") {
    child.kill("SIGKILL");
    throw new Error("minerals serve did not stop on SIGTERM");
  }
  return code;
}

const rpcCall = async (url: string, method: string, params: unknown[] = []) => {
  const response = await fetch(new URL("rpc", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }) });
  return (await response.json()) as { id: number; result?: unknown; error?: { code: number; message: string } };
};

describe("minerals serve (e2e, the built CLI)", function () {
  this.timeout(240_000);

  describe("on Hardhat's in-process chain with the demo state", function () {
    let serving: { child: ChildProcess; url: string } | undefined;

    before(async function () {
      serving = await startServe([], { ...process.env, CI: "true" });
    });
    after(async function () {
      await stop(serving?.child);
    });

    it("serves the built page at the address it prints", async function () {
      const response = await fetch(serving!.url);
      expect(response.headers.get("content-type")).to.match(/^text\/html/);
      const html = await response.text();
      expect(html).to.include('<div id="root"></div>');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).to.be.a("string");
      expect((await fetch(new URL(script!, serving!.url))).headers.get("content-type")).to.match(/^text\/javascript/);
    });

    it("serves the demo deployment's manifest and answers JSON-RPC for its chain at /rpc", async function () {
      const deployment = parseDeployment(await (await fetch(new URL("deployment.json", serving!.url))).text());
      expect(deployment.chainId).to.equal(31337);
      expect(deployment.contracts.LotOfferings).to.be.a("string");
      expect(await rpcCall(serving!.url, "eth_chainId")).to.deep.equal({ jsonrpc: "2.0", id: 7, result: "0x7a69" });
      const code = await rpcCall(serving!.url, "eth_getCode", [deployment.contracts.LotToken, "latest"]);
      expect(code.result).to.match(/^0x[0-9a-f]{100,}$/);
    });

    it("answers an unknown JSON-RPC method with the node's error, not a failed request", async function () {
      const answer = await rpcCall(serving!.url, "no_suchMethod");
      expect(answer.error?.code).to.be.a("number");
      expect(answer.result).to.equal(undefined);
    });

    it("refuses to serve a file outside the page, and answers 404 for one that does not exist", async function () {
      expect((await fetch(new URL("missing.js", serving!.url))).status).to.equal(404);
      expect((await fetch(new URL("assets/..%2f..%2fpackage.json", serving!.url))).status).to.be.oneOf([403, 404]);
    });

    it("stops on SIGTERM with exit code 0", async function () {
      expect(await stop(serving!.child)).to.equal(0);
    });
  });

  describe("with --rpc, against a hardhat node", function () {
    let node: ChildProcess | undefined;
    let serving: { child: ChildProcess; url: string } | undefined;
    let rpc: string;
    let deployments: string;
    let env: NodeJS.ProcessEnv;

    before(async function () {
      const port = await freePort();
      rpc = `http://127.0.0.1:${port}`;
      deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-serve-"));
      env = { ...process.env, CI: "true", MINERALS_DEPLOYMENTS: deployments, MINERALS_PRIVATE_KEY: "" };
      node = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env, stdio: "ignore" });
      await waitForRpc(rpc, node);
    });
    after(async function () {
      await stop(serving?.child);
      await stop(node);
      await rm(deployments, { recursive: true, force: true });
    });

    it("refuses in one line when the node has no manifest yet", async function () {
      const failed = await exec(process.execPath, [mineralsBin, "serve", "--port", "0", "--rpc", rpc], { cwd: root, env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).to.equal(1);
      expect(failed?.stderr).to.match(/^error: No deployment for chain 31337: .* does not exist\. Run `minerals deploy` first\.\n$/);
    });

    it("refuses a port that is not a number", async function () {
      const failed = await exec(process.execPath, [mineralsBin, "serve", "--port", "web"], { cwd: root, env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.stderr).to.equal('error: Invalid --port: a port number from 0 to 65535, not "web"\n');
    });

    it("serves the node's manifest and proxies /rpc to the node", async function () {
      await exec(process.execPath, [mineralsBin, "deploy", "--rpc", rpc], { cwd: root, env });
      serving = await startServe(["--rpc", rpc], env);
      const served = await (await fetch(new URL("deployment.json", serving.url))).text();
      const written = await readFile(path.join(deployments, "31337.json"), "utf8");
      expect(parseDeployment(served)).to.deep.equal(parseDeployment(written));
      const viaProxy = await rpcCall(serving.url, "eth_blockNumber");
      const direct = (await (await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "eth_blockNumber", params: [] }) })).json()) as { result: string };
      expect(viaProxy.result).to.equal(direct.result);
    });
  });
});
