/**
 * For the index's tests: a `hardhat node` with the demo's state (the CLI's `minerals demo --rpc`), the index run on
 * it as `minerals index` runs it (embedded PGlite, or a Postgres started here), the SDK bound to the node with and
 * without the index, and a field-by-field comparison of what both give.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWalletClient, http, publicActions, type Address } from "viem";
import { hardhat } from "viem/chains";
import { expect } from "chai";
import { mineralsActions, type Deployment, type PlatformReport } from "../../src/index.ts";
import { readDeployment } from "../../src/node.ts";
import { freePort } from "../../scripts/dev/localNode.ts";
import { startIndexer, waitForIndex, type RunningIndexer } from "../../scripts/cli/indexer.ts";
export { startPostgres, type TestPostgres } from "../../scripts/dev/postgres.ts";
import { minerals, rpcCall } from "../helpers/localChain.ts";

/** The demo's parties, by the node's account index (`PARTY_ORDER` in scripts/cli/demo/story.ts). */
export const PARTY = {
  issuer: 0, assayer: 1, custodian: 2, portCustodian: 3, investorA: 4, investorB: 5, officer: 6, pauser: 7, investorC: 8, investorD: 9, investorE: 10, investorF: 11, refinery: 12, stranger: 13,
} as const;

/** Runs `minerals demo` against the node at `rpc`, its manifest in a new directory; returns the deployment. */
export async function runDemo(rpc: string): Promise<{ deployment: Deployment; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "minerals-index-test-"));
  const result = await minerals(["demo", "--rpc", rpc, "--deployments", dir]);
  expect(result.code, result.stderr).to.equal(0);
  const chainId = Number(BigInt(await rpcCall<string>(rpc, "eth_chainId")));
  return { deployment: await readDeployment(chainId, dir), dir };
}

/** The SDK on the node, signing as the node's account `index`. */
export async function sdkAs(rpc: string, deployment: Deployment, index: number) {
  const accounts = await rpcCall<Address[]>(rpc, "eth_accounts");
  return createWalletClient({ chain: hardhat, transport: http(rpc, { retryCount: 0 }), account: accounts[index]! })
    .extend(publicActions)
    .extend(mineralsActions(deployment));
}

/** A running index and everything it printed. */
export interface TestIndexer extends RunningIndexer {
  output: () => string;
}

/** Starts the index on `deployment` (PGlite in `directory`, or Postgres at `databaseUrl`) on a free port. */
export async function startTestIndexer(options: { deployment: Deployment; rpc: string; directory?: string; databaseUrl?: string; schema?: string }): Promise<TestIndexer> {
  const port = await freePort();
  const indexer = startIndexer({ ...options, port, pollingIntervalMs: 200, stdio: "pipe" });
  let output = "";
  indexer.process.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  indexer.process.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { ...indexer, output: () => output };
}

/** Waits until `indexer` has indexed the node's latest block. */
export async function catchUp(indexer: TestIndexer, rpc: string): Promise<bigint> {
  const head = BigInt(await rpcCall<string>(rpc, "eth_blockNumber"));
  try {
    await waitForIndex(indexer.url, head, { child: indexer.process, timeoutMs: 180_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- index output ---\n${indexer.output().slice(-4000)}`);
  }
  return head;
}

/** Every path at which two JSON values differ, as "path: node X, index Y" (at most `limit`). */
export function differences(node: unknown, index: unknown, limit = 20, at = ""): string[] {
  if (typeof node !== "object" || typeof index !== "object" || node === null || index === null) {
    return node === index ? [] : [`${at || "(root)"}: node ${JSON.stringify(node)?.slice(0, 160)}, index ${JSON.stringify(index)?.slice(0, 160)}`];
  }
  if (Array.isArray(node) !== Array.isArray(index)) return [`${at}: node and index differ in kind`];
  const out: string[] = [];
  for (const key of new Set([...Object.keys(node), ...Object.keys(index)])) {
    out.push(...differences((node as Record<string, unknown>)[key], (index as Record<string, unknown>)[key], limit, `${at}.${key}`));
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** JSON-ready: bigints as strings, dates as ISO strings (what a report's user sees). */
export const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));

/**
 * Asserts that every report and every history, list and document read is identical, field by field, from the node
 * and from the index at `url`: the platform (every trade, and over a recent period), each lot (with its full timeline,
 * documents, trade figures over every trade and a recent period, and provenance graph), each wallet that ever held
 * units.
 */
export async function expectSameReports(rpc: string, deployment: Deployment, url: string): Promise<{ lots: number; wallets: number; platform: PlatformReport }> {
  const sdk = await sdkAs(rpc, deployment, 0);
  const both = async <T>(label: string, read: (index: { index?: string }) => Promise<T>): Promise<T> => {
    const fromNode = plain(await read({}));
    const fromIndex = plain(await read({ index: url }));
    const diff = differences(fromNode, fromIndex);
    expect(diff, `${label} differs between the node and the index:\n${diff.join("\n")}`).to.deep.equal([]);
    return fromNode as T;
  };
  // A period that starts between trades: the chain's time less a day (the demo's and the random trades spread over days).
  const now = Number((await sdk.getBlock({ blockTag: "latest" })).timestamp);
  const tradesSince = new Date((now - 86_400) * 1000);
  const platform = await both("the platform report", (i) => sdk.getPlatformReport(i));
  await both("the platform report over the last day's trades", (i) => sdk.getPlatformReport({ tradesSince, ...i }));
  await both("listLots", (i) => sdk.listLots(i));
  const wallets = new Set<string>();
  for (const lot of platform.lots) {
    await both(`the report of lot ${lot.lotId}`, (i) => sdk.getLotReport({ lotId: lot.lotId, ...i }));
    await both(`the report of lot ${lot.lotId} over the last day's trades`, (i) => sdk.getLotReport({ lotId: lot.lotId, tradesSince, ...i }));
    await both(`the full history of lot ${lot.lotId}`, (i) => sdk.getLotHistory({ lotId: lot.lotId, ...i }));
    await both(`the documents of lot ${lot.lotId}`, (i) => sdk.getAllDocuments({ lotId: lot.lotId, ...i }));
    await both(`the trade figures of lot ${lot.lotId}`, (i) => sdk.getTradeStats({ lotId: lot.lotId, ...i }));
    await both(`the trade figures of lot ${lot.lotId} over the last day`, (i) => sdk.getTradeStats({ lotId: lot.lotId, since: tradesSince, ...i }));
    await both(`the provenance of lot ${lot.lotId}`, (i) => sdk.getProvenance({ lotId: lot.lotId, ...i }));
    for (const h of lot.holders) wallets.add(h.holder);
  }
  // Every wallet that ever moved units, not only today's holders (a wallet that sold everything still has a history).
  const accounts = await rpcCall<Address[]>(rpc, "eth_accounts");
  for (const wallet of [...wallets, ...accounts.slice(0, 14)]) {
    await both(`the report of investor ${wallet}`, (i) => sdk.getInvestorReport({ wallet: wallet as Address, ...i }));
  }
  return { lots: platform.lots.length, wallets: new Set([...wallets, ...accounts.slice(0, 14)]).size, platform };
}

