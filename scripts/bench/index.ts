/**
 * `npm run bench:index`: the index (indexer/, Ponder) against the node's log scans, at scale. On Foundry's anvil,
 * builds a platform with at least 100,000 unit transfers: a lot with 10,000 holders, one with 1,000, 200 lots of 100
 * holders, and a busy lot whose units go round the node's accounts. Then prints:
 *
 * - events indexed per second, from the deployment block to the chain's head, on embedded PGlite and on Postgres;
 * - each report's latency and the bytes it received, from the index and from the node's log scan, at 1,000 and
 *   10,000 holders and at 200 lots;
 * - the index's size on disk (PGlite's directory, Postgres's tables and indexes);
 * - the page's first paint, and its first paint of the platform's lots, served from the index and from the node.
 *
 * Figures are printed, never asserted. `BENCH_SCALE=0.1` divides every count by ten for a quick run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createWalletClient, encodeFunctionData, http, publicActions, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { investorRegistrarAbi, lotTokenAbi } from "../../src/abis.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { mineralsActions } from "../../src/client.ts";
import type { Deployment } from "../../src/deployment/manifest.ts";
import { Commodity } from "../../src/units/index.ts";
import { startIndexer, waitForIndex, type RunningIndexer } from "../cli/indexer.ts";
import { startServe } from "../cli/serve.ts";
import { freePort } from "../dev/localNode.ts";
import { startPostgres } from "../dev/postgres.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const scale = Number(process.env.BENCH_SCALE ?? "1");
const n = (count: number) => Math.max(1, Math.round(count * scale));
const HOLDERS_BIG = n(10_000);
const HOLDERS_MID = n(1_000);
const SMALL_LOTS = Math.max(2, n(200));
const HOLDERS_SMALL = Math.max(2, n(100));
const TRANSFERS = n(100_000);
const log = (line: string) => process.stderr.write(`${line}\n`);

// ------------------------------------------------------------------ the chain

const port = await freePort();
const rpc = `http://127.0.0.1:${port}`;
// Its own process group: the npm launcher and the anvil binary it starts are stopped together.
const anvil: ChildProcess = spawn(path.join(root, "node_modules/.bin/anvil"), ["--port", String(port), "--accounts", "20", "--balance", "1000000", "--gas-limit", "2000000000", "--silent"], {
  stdio: "ignore",
  detached: true,
});
const killAnvil = (signal: NodeJS.Signals) => {
  try {
    process.kill(-anvil.pid!, signal);
  } catch {
    // already stopped
  }
};
const children: { stop: () => Promise<void> }[] = [];
const stopAll = async () => {
  for (const c of children.reverse()) await c.stop().catch(() => {});
  killAnvil("SIGTERM");
};
process.on("exit", () => killAnvil("SIGKILL"));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().finally(() => process.exit(1)));
process.on("uncaughtException", (error) => {
  console.error(error);
  void stopAll().finally(() => process.exit(1));
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  void stopAll().finally(() => process.exit(1));
});

async function call<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}
for (let i = 0; ; i++) {
  try {
    await call("eth_chainId");
    break;
  } catch {
    if (i > 200) throw new Error("anvil did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const accounts = await call<Address[]>("eth_accounts");
const [issuer, assayer, custodian, officer] = accounts as [Address, Address, Address, Address];
// A short polling interval: anvil mines each transaction at once, and viem would otherwise wait 4 s for each receipt.
const wallet = (account: Address) => createWalletClient({ chain: foundry, transport: http(rpc, { retryCount: 0 }), account, pollingInterval: 20 }).extend(publicActions);
const started = Date.now();
const deployment: Deployment = await deployPlatform(wallet(issuer), { roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian], compliance: [officer], treasury: [issuer] } });
const sdk = (a: Address) => wallet(a).extend(mineralsActions(deployment));

async function newLot(ref: string, payable: bigint): Promise<bigint> {
  const { lotId, payable: attested } = await sdk(issuer).registerLot({
    commodity: Commodity.Copper, form: "concentrate", countryCode: 586, originId: "PK-CU-BENCH", externalRef: ref as Hex,
    wetMassGrams: payable * 5_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650, custodian, location: "Karachi bonded 1",
  });
  await sdk(assayer).recordAssay({ lotId, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
  await sdk(custodian).attestCustody({ lotId, quantity: attested, location: "Karachi bonded 1" });
  await sdk(issuer).mintUnits({ lotId, to: issuer, amount: attested.base });
  return lotId;
}
const ref = (i: number) => `0x${(i + 1).toString(16).padStart(64, "0")}`;

/**
 * Sends `txs` (from unlocked accounts, nonces counted here) in JSON-RPC batches of 1,000 with mining off, mines
 * a block after each batch, and fails if any transaction of those blocks reverted.
 */
const nonces = new Map<Address, number>();
async function sendAll(label: string, txs: { from: Address; to: Address; data: Hex; gas: bigint }[]): Promise<void> {
  await call("evm_setAutomine", [false]);
  for (let i = 0; i < txs.length; i += 1_000) {
    const batch = txs.slice(i, i + 1_000);
    const body = [];
    for (const [j, tx] of batch.entries()) {
      if (!nonces.has(tx.from)) nonces.set(tx.from, Number(BigInt(await call<string>("eth_getTransactionCount", [tx.from, "pending"]))));
      const nonce = nonces.get(tx.from)!;
      nonces.set(tx.from, nonce + 1);
      body.push({ jsonrpc: "2.0", id: j, method: "eth_sendTransaction", params: [{ from: tx.from, to: tx.to, data: tx.data, gas: `0x${tx.gas.toString(16)}`, nonce: `0x${nonce.toString(16)}` }] });
    }
    const answers = (await (await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as { error?: { message: string } }[];
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`${label}: ${failed.error!.message}`);
    await call("evm_mine");
    const receipts = await call<{ status: string; transactionHash: Hex; blockNumber: Hex }[]>("eth_getBlockReceipts", ["latest"]);
    const reverted = receipts.filter((r) => r.status !== "0x1");
    if (reverted.length > 0) {
      const tx = await call<{ from: Address; to: Address; input: Hex }>("eth_getTransactionByHash", [reverted[0]!.transactionHash]);
      const why = await call("eth_call", [{ from: tx.from, to: tx.to, data: tx.input }, reverted[0]!.blockNumber]).catch((e: Error) => e.message);
      throw new Error(`${label}: ${reverted.length} transactions reverted; the first: ${String(why)}`);
    }
    log(`${label}: ${Math.min(i + 1_000, txs.length)}/${txs.length}`);
  }
  await call("evm_setAutomine", [true]);
}

const holders = Array.from({ length: HOLDERS_BIG }, () => privateKeyToAccount(generatePrivateKey()).address);
const kycExpiry = Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600;
const register = (w: Address, i: number) => ({
  from: officer, to: deployment.contracts.InvestorRegistrar, gas: 250_000n,
  data: encodeFunctionData({ abi: investorRegistrarAbi, functionName: "registerInvestor", args: [w, [586, 840, 156, 276, 392][i % 5]!, 1 + (i % 3), kycExpiry] }),
});
const transfer = (from: Address, to: Address, lotId: bigint, amount: bigint) => ({
  from, to: deployment.contracts.LotToken, gas: 200_000n,
  data: encodeFunctionData({ abi: lotTokenAbi, functionName: "safeTransferFrom", args: [from, to, lotId, amount, "0x"] }),
});

await sendAll("registering investors", [issuer, ...accounts.slice(4), ...holders].map(register));
const big = await newLot(ref(0), 2_352_670n);
const mid = await newLot(ref(1), 2_352_670n);
const busy = await newLot(ref(2), 5_000_000n);
const small: bigint[] = [];
for (let i = 0; i < SMALL_LOTS; i++) {
  small.push(await newLot(ref(10 + i), 235_267n));
  if ((i + 1) % 20 === 0) log(`lots: ${i + 1}/${SMALL_LOTS}`);
}
let transfers = 0;
const seedTxs = [
  ...holders.map((h, i) => transfer(issuer, h, big, 10n + BigInt(i % 90))),
  ...holders.slice(0, HOLDERS_MID).map((h, i) => transfer(issuer, h, mid, 100n + BigInt(i % 900))),
  ...small.flatMap((lotId) => holders.slice(0, HOLDERS_SMALL).map((h, i) => transfer(issuer, h, lotId, 50n + BigInt(i)))),
  ...accounts.slice(4).map((a) => transfer(issuer, a, busy, 100_000n)),
];
transfers += seedTxs.length;
await sendAll("seeding holders", seedTxs);
const rounds = Math.max(0, TRANSFERS - transfers);
const dev = accounts.slice(4);
await sendAll(
  "busy transfers",
  Array.from({ length: rounds }, (_, i) => transfer(dev[i % dev.length]!, dev[(i * 7 + 3) % dev.length]!, busy, 1n + BigInt(i % 50))),
);
transfers += rounds;
// Blocks past Ponder's finality depth (30 on a chain it does not know): every transfer above is indexed as history
// (backfill), which is what "events indexed per second" measures; new blocks are then followed one by one.
for (let i = 0; i < 40; i++) await call("evm_mine");
const head = BigInt(await call<string>("eth_blockNumber"));
log(`chain built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${transfers} transfers, head block ${head}`);

/** Every log of the platform's contracts from the deployment block, counted in ranges of 20 blocks. */
let events = 0;
const addresses = [...Object.values(deployment.contracts), ...Object.values(deployment.priceFeeds ?? {})];
for (let from = deployment.block.number; from <= head; from += 20n) {
  const logs = await call<unknown[]>("eth_getLogs", [{ address: addresses, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${(from + 19n).toString(16)}` }]);
  events += logs.length;
}

// ------------------------------------------------------------------ indexing

const du = (dir: string) => Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Where an index spent its time, from Ponder's own Prometheus metrics (`/metrics`), in seconds. */
interface Breakdown {
  /** In the handlers, all events (including their reads of the contracts' views). */
  handlers: number;
  /** Waiting for the node: `eth_call` (the views), blocks, logs. */
  ethCall: number;
  ethCalls: number;
  blocks: number;
  logs: number;
}
async function breakdown(url: string): Promise<Breakdown> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (pattern: RegExp) =>
    text
      .split("\n")
      .filter((line) => pattern.test(line))
      .reduce((t, line) => t + Number(line.split(" ").at(-1)), 0) / 1000;
  return {
    handlers: sum(/^ponder_indexing_function_duration_sum\{/),
    ethCall: sum(/^ponder_rpc_request_duration_sum\{method="eth_call"/),
    ethCalls: sum(/^ponder_rpc_request_duration_count\{method="eth_call"/) * 1000,
    blocks: sum(/^ponder_rpc_request_duration_sum\{method="eth_getBlockByNumber"/),
    logs: sum(/^ponder_rpc_request_duration_sum\{method="eth_getLogs"/),
  };
}

async function indexFromScratch(label: string, options: { directory?: string; databaseUrl?: string }): Promise<{ indexer: RunningIndexer; seconds: number; startup: number; breakdown: Breakdown }> {
  const t0 = Date.now();
  // Ranges of 10 blocks: the benchmark's blocks hold up to 1,000 transfers each.
  const indexer = startIndexer({ deployment, rpc, port: await freePort(), pollingIntervalMs: 500, logsBlockRange: 10, stdio: "pipe", ...options });
  children.push(indexer);
  let output = "";
  indexer.process.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  indexer.process.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  let startup = 0;
  while (startup === 0) {
    try {
      if ((await fetch(`${indexer.url}/health`)).ok) startup = (Date.now() - t0) / 1000;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await waitForIndex(indexer.url, head, { child: indexer.process, timeoutMs: 3_600_000 });
  } catch (error) {
    log(output);
    throw error;
  }
  const seconds = (Date.now() - t0) / 1000;
  log(`${label}: ${events} events in ${seconds.toFixed(1)} s`);
  return { indexer, seconds, startup, breakdown: await breakdown(indexer.url) };
}

// One index at a time, so that neither slows the other's reads of the node.
const postgres = await startPostgres();
children.push(postgres);
const onPostgres = await indexFromScratch("Postgres", { databaseUrl: postgres.url });
const postgresBytes = Number(postgres.query("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'minerals' and c.relkind in ('r', 'm')"));
const syncBytes = Number(postgres.query("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'ponder_sync' and c.relkind in ('r', 'm')"));
await onPostgres.indexer.stop();
const pgliteDir = mkdtempSync(path.join(os.tmpdir(), "minerals-bench-pglite-"));
const pglite = await indexFromScratch("PGlite", { directory: pgliteDir });
const pgliteBytes = du(pgliteDir);

// Following the chain: 1,000 more transfers in one new block, from the block's mining to the index having it.
const followTxs = Array.from({ length: 1_000 }, (_, i) => transfer(dev[i % dev.length]!, dev[(i * 5 + 1) % dev.length]!, busy, 1n));
await call("evm_setAutomine", [false]);
const followBody = [];
for (const [j, tx] of followTxs.entries()) {
  const nonce = nonces.get(tx.from)!;
  nonces.set(tx.from, nonce + 1);
  followBody.push({ jsonrpc: "2.0", id: j, method: "eth_sendTransaction", params: [{ from: tx.from, to: tx.to, data: tx.data, gas: `0x${tx.gas.toString(16)}`, nonce: `0x${nonce.toString(16)}` }] });
}
await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(followBody) });
const followStart = Date.now();
await call("evm_mine");
await waitForIndex(pglite.indexer.url, head + 1n, { child: pglite.indexer.process });
const followMs = Date.now() - followStart;
await call("evm_setAutomine", [true]);
// ------------------------------------------------------------------ reports: latency and bytes

/** A fetch that counts the bytes of every answer it receives. */
function countingFetch(): { fetch: typeof fetch; bytes: () => number; requests: () => number } {
  let bytes = 0;
  let requests = 0;
  const counted: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    bytes += body.byteLength;
    requests += 1;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: counted, bytes: () => bytes, requests: () => requests };
}

async function measure(label: string, read: (index: { index?: { url: string; fetch: typeof fetch } }, transport: ReturnType<typeof http>) => Promise<unknown>) {
  const node = countingFetch();
  let t = Date.now();
  // A minute per answer, as a client reading a large history would allow (a range that still times out is halved).
  await read({}, http(rpc, { retryCount: 0, timeout: 60_000, fetchFn: node.fetch }));
  const nodeMs = Date.now() - t;
  const index = countingFetch();
  t = Date.now();
  await read({ index: { url: pglite.indexer.url, fetch: index.fetch } }, http(rpc, { retryCount: 0, fetchFn: countingFetch().fetch }));
  const indexMs = Date.now() - t;
  log(`${label}: node ${nodeMs} ms, index ${indexMs} ms`);
  return { label, nodeMs, nodeBytes: node.bytes(), nodeRequests: node.requests(), indexMs, indexBytes: index.bytes(), indexRequests: index.requests() };
}
const reader = (transport: ReturnType<typeof http>) => createWalletClient({ chain: foundry, transport, account: issuer, pollingInterval: 20 }).extend(publicActions).extend(mineralsActions(deployment));
const reports = [
  await measure(`lot report, ${HOLDERS_MID.toLocaleString("en-US")} holders`, (i, t) => reader(t).getLotReport({ lotId: mid, ...i })),
  await measure(`lot report, ${HOLDERS_BIG.toLocaleString("en-US")} holders`, (i, t) => reader(t).getLotReport({ lotId: big, ...i })),
  await measure(`platform report, ${small.length + 3} lots`, (i, t) => reader(t).getPlatformReport(i)),
  await measure(`investor report (holds ${small.length + 2} lots)`, (i, t) => reader(t).getInvestorReport({ wallet: holders[0]!, ...i })),
];

// ------------------------------------------------------------------ the page

const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function firstPaint(index: string | undefined): Promise<{ fcp: number; lots: number }> {
  const serving = await startServe({ rpc, port: 0, index, manifest: await writeManifest() });
  try {
    const page = await browser.newPage();
    const t0 = Date.now();
    await page.goto(serving.url);
    await page.waitForSelector("[data-testid=lots] tbody tr", { timeout: 900_000 });
    const lots = Date.now() - t0;
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
    await page.close();
    return { fcp: Math.round(fcp), lots };
  } finally {
    await serving.close();
  }
}
const manifestDirs: string[] = [];
async function writeManifest(): Promise<string> {
  const { writeDeployment } = await import("../../src/deployment/files.ts");
  const dir = mkdtempSync(path.join(os.tmpdir(), "minerals-bench-manifest-"));
  manifestDirs.push(dir);
  return writeDeployment(deployment, dir);
}
const pageIndex = await firstPaint(pglite.indexer.url);
const pageNode = await firstPaint(undefined);
await browser.close();

// ------------------------------------------------------------------ figures

const rate = (seconds: number, startup: number) => Math.round(events / (seconds - startup));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`\nChain: ${transfers.toLocaleString("en-US")} transfers, ${events.toLocaleString("en-US")} events of the platform's contracts, ${head} blocks (anvil)\n`);
console.log("| indexing from the deployment block | seconds (start-up) | events per second |");
console.log("|---|---:|---:|");
console.log(`| embedded PGlite | ${pglite.seconds.toFixed(1)} (${pglite.startup.toFixed(1)}) | ${rate(pglite.seconds, pglite.startup).toLocaleString("en-US")} |`);
console.log(`| Postgres ${postgres.query("show server_version").split(" ")[0]} | ${onPostgres.seconds.toFixed(1)} (${onPostgres.startup.toFixed(1)}) | ${rate(onPostgres.seconds, onPostgres.startup).toLocaleString("en-US")} |`);
for (const [name, b] of [["PGlite", pglite.breakdown], ["Postgres", onPostgres.breakdown]] as const) {
  console.log(
    `| ${name}, where the time went | handlers ${b.handlers.toFixed(1)} s, of which ${b.ethCalls} eth_call (contracts' views) ${b.ethCall.toFixed(1)} s; fetching blocks ${b.blocks.toFixed(1)} s and logs ${b.logs.toFixed(1)} s (concurrent) | |`,
  );
}
console.log(`| following the chain: a new block of 1,000 transfers, mined to indexed (PGlite) | ${(followMs / 1000).toFixed(1)} | ${Math.round(1_000_000 / followMs).toLocaleString("en-US")} |`);
console.log(`\nIndex size on disk: PGlite directory ${mib(pgliteBytes)}; Postgres tables and indexes ${mib(postgresBytes)} (${Math.round(postgresBytes / events)} bytes per event), plus Ponder's RPC cache ${mib(syncBytes)}\n`);
console.log("| report | node scan: ms, requests, received | index: ms, requests, received |");
console.log("|---|---:|---:|");
for (const r of reports) console.log(`| ${r.label} | ${r.nodeMs.toLocaleString("en-US")} ms, ${r.nodeRequests}, ${kib(r.nodeBytes)} | ${r.indexMs.toLocaleString("en-US")} ms, ${r.indexRequests}, ${kib(r.indexBytes)} |`);
console.log(`\nThe page (${small.length + 3} lots, ${HOLDERS_BIG.toLocaleString("en-US")} investors), headless Chromium: first contentful paint / the platform's lots on screen`);
console.log(`| served from the index | ${pageIndex.fcp} ms / ${pageIndex.lots.toLocaleString("en-US")} ms |`);
console.log(`| served from the node's log scans | ${pageNode.fcp} ms / ${pageNode.lots.toLocaleString("en-US")} ms |`);
await stopAll();
rmSync(pgliteDir, { recursive: true, force: true });
for (const dir of manifestDirs) rmSync(dir, { recursive: true, force: true });
process.exit(0);
