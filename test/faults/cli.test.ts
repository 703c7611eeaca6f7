/**
 * Faults, run as a user meets them: the built `minerals` CLI against a real `hardhat node`, with a JSON-RPC proxy in
 * between that goes dark after the Nth transaction (the node stopped), swallows receipts (a transaction never
 * mined), or lets time pass after the Nth transaction (the next step reverts). Each run must exit non-zero, say what
 * happened, list the steps that were done (checked against the node itself) and say how to continue.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { minerals, rpcCall, startHardhatNode, type CliResult, type LocalNode } from "../helpers/localChain.ts";
import { startRpcProxy, type RpcProxy } from "../helpers/rpcProxy.ts";

/** The steps a failed run printed as done: `[step, hash]` per line `  N. step  0xhash (block B)`. */
function doneSteps(stderr: string): [string, string][] {
  return [...stderr.matchAll(/^ {2}\d+\. (.+?) {2}(0x[0-9a-f]{64}) \(block \d+\)$/gm)].map((m) => [m[1]!, m[2]!]);
}

describe("faults: the node stops, a step reverts, a receipt never comes (CLI against a hardhat node)", function () {
  this.timeout(240_000);

  let node: LocalNode;
  let deployments: string;
  const proxies: RpcProxy[] = [];

  const cli = (rpc: string, ...args: string[]): Promise<CliResult> => minerals([...args, "--rpc", rpc, "--deployments", deployments]);
  async function ok(...args: string[]): Promise<string> {
    const result = await cli(node.rpc, ...args);
    expect(result.code, `minerals ${args.join(" ")}\n${result.stderr}`).to.equal(0);
    return result.stdout;
  }
  async function proxy(options: Parameters<typeof startRpcProxy>[1]): Promise<RpcProxy> {
    const started = await startRpcProxy(node.rpc, options);
    proxies.push(started);
    return started;
  }
  const blockNumber = async (): Promise<bigint> => BigInt(await rpcCall<string>(node.rpc, "eth_blockNumber"));
  const receiptOnNode = (hash: string) => rpcCall<{ status: string } | null>(node.rpc, "eth_getTransactionReceipt", [hash]);

  before(async function () {
    node = await startHardhatNode();
    deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-faults-"));
  });

  after(async function () {
    for (const p of proxies) await p.close();
    await node?.stop();
    await rm(deployments, { recursive: true, force: true });
  });

  it("the demo, when the node stops after its 6th transaction, exits non-zero naming the unreachable node, the 5 steps done and how to continue", async function () {
    const gate = await proxy({ dieAfterSends: 6 });
    const before = await blockNumber();
    const result = await cli(gate.url, "demo", "--html-dir", path.join(deployments, "html"));
    expect(result.code).to.not.equal(0);
    // Noticed within seconds, not after the receipt timeout (three minutes by default).
    expect(result.ms).to.be.below(60_000);
    // Progress lines ("… act 1 of 8: ...", for a step over a second) come first; then the error and what was done.
    const lines = result.stderr.trim().split("\n").filter((line) => !line.startsWith("… "));
    expect(lines[0]).to.equal(`error: The chain at ${gate.url} stopped answering (fetch failed): the node stopped or cannot be reached.`);
    expect(lines[1]).to.equal("Done before the failure (5 transactions mined):");
    const done = doneSteps(result.stderr);
    expect(done).to.have.lengthOf(5);
    // What the run says was done is what the node holds: each listed hash mined and successful.
    for (const [, hash] of done) expect((await receiptOnNode(hash))?.status).to.equal("0x1");
    expect(result.stderr).to.match(/^Sent but not confirmed: .+ {2}0x[0-9a-f]{64}: it may still be mined\.$/m);
    expect(lines.at(-1)).to.equal(
      `To continue: once the chain answers, look up that transaction (eth_getTransactionReceipt); if not mined, run again: minerals demo --html-dir ${path.join(deployments, "html")} --rpc ${gate.url} --deployments ${deployments}`,
    );
    expect(await blockNumber()).to.equal(before + 6n);
  });

  it("deploy, when the node stops after its 3rd transaction, lists the contracts deployed, writes no manifest, and runs again once the node answers", async function () {
    const gate = await proxy({ dieAfterSends: 3 });
    const manifests = await readdir(deployments);
    const result = await cli(gate.url, "deploy");
    expect(result.code).to.not.equal(0);
    // A progress line ("… deploying ...", for a step over a second) may come first.
    expect(result.stderr.split("\n").filter((line) => !line.startsWith("… "))[0]).to.match(/^error: The chain at .* stopped answering/);
    expect(doneSteps(result.stderr).map(([step]) => step)).to.deep.equal(["deploy LotRegistry", "deploy LotToken"]);
    expect(result.stderr).to.match(/^Sent but not confirmed: LotRegistry\.bindToken {2}0x[0-9a-f]{64}: it may still be mined\.$/m);
    expect(await readdir(deployments)).to.deep.equal(manifests);
    // Continuing as told: the same command, against the node that answers.
    expect(JSON.parse(await ok("deploy", "--json")).chainId).to.equal(31337);
  });

  it("a command that sent nothing before the node stopped says so and prints no step log", async function () {
    const gate = await proxy({ dieAfterSends: 0 });
    await gate.close();
    const result = await cli(gate.url, "report");
    expect(result.code).to.not.equal(0);
    expect(result.stderr.trim()).to.equal(`error: Cannot reach a chain at ${gate.url}. Start one with \`npx hardhat node\`, or pass --rpc <url>.`);
  });

  it("a receipt that never comes is reported after --tx-timeout, with the transaction still pending named", async function () {
    const blind = await proxy({ swallowReceipts: true });
    const result = await cli(blind.url, "stablecoin", "mint", "--to", "4", "--amount", "1 USD", "--tx-timeout", "2");
    expect(result.code).to.not.equal(0);
    expect(result.ms).to.be.below(30_000);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).to.match(/^error: Transaction 0x[0-9a-f]{64} was not mined within 2 s: it may have been dropped/);
    expect(lines[1]).to.equal("Done before the failure: nothing (no transaction was mined).");
    expect(lines[2]).to.match(/^Sent but not confirmed: TestStablecoin\.mint {2}0x[0-9a-f]{64}: it may still be mined\.$/);
  });

  it("a transaction a node does not mine (automine off) is reported after --tx-timeout, and the step log's advice holds once it is mined", async function () {
    await rpcCall(node.rpc, "evm_setAutomine", [false]);
    let result: CliResult;
    try {
      result = await cli(node.rpc, "stablecoin", "mint", "--to", "5", "--amount", "7 USD", "--tx-timeout", "2");
    } finally {
      await rpcCall(node.rpc, "evm_setAutomine", [true]);
    }
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.match(/^error: Transaction (0x[0-9a-f]{64}) was not mined within 2 s/);
    const hash = /^Sent but not confirmed: TestStablecoin\.mint {2}(0x[0-9a-f]{64})/m.exec(result.stderr)?.[1];
    expect(hash).to.be.a("string");
    expect(await receiptOnNode(hash!)).to.equal(null);
    await rpcCall(node.rpc, "evm_mine");
    expect((await receiptOnNode(hash!))?.status).to.equal("0x1");
  });

  it("subscribe, when its subscription reverts after the approval was mined, names the failed step and the approval already done", async function () {
    await ok("roles", "grant", "--role", "treasury", "--to", "7");
    await ok("investor", "register", "--account", "6", "--wallet", "4", "--country", "152", "--class", "institutional", "--kyc-expiry", "2099-12-31");
    await ok(
      "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042",
      "--ref", "WR-FAULTS-0001", "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5",
      "--custodian", "2", "--location", "Callao bonded warehouse 3",
    );
    await ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Callao bonded warehouse 3");
    await ok("stablecoin", "mint", "--to", "4", "--amount", "100,000 USD");
    await ok("offering", "create", "--lot", "1", "--price", "9,750 USD", "--treasury", "7", "--min", "1 t", "--max", "8 t", "--soft-cap", "5 t", "--hard-cap", "10 t", "--ends-in", "1d");
    // The subscription window closes between the approval and the subscription.
    const clock = await proxy({
      afterSend: {
        count: 1,
        run: async () => {
          await rpcCall(node.rpc, "evm_increaseTime", [2 * 86_400]);
          await rpcCall(node.rpc, "evm_mine");
        },
      },
    });
    const result = await cli(clock.url, "offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "2 t");
    expect(result.code).to.not.equal(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).to.match(/^error: Cannot subscribe 2\.000 t Cu to offering 1: The subscription window of offering 1 closed at \d{4}-/);
    expect(lines[1]).to.equal("Done before the failure (1 transaction mined):");
    expect(doneSteps(result.stderr).map(([step]) => step)).to.deep.equal(["TestStablecoin.approve"]);
    expect(lines.at(-1)).to.match(/^To continue: once what the error names is resolved, run again: minerals offering subscribe --account 4 --offering 1 --amount '2 t' --rpc /);
    const shown = JSON.parse(await ok("offering", "show", "--json", "--offering", "1", "--investor", "4"));
    expect(shown.position.requested.base).to.equal("0");
  });
});
