/**
 * `minerals index`: runs the index (`indexer/`, a Ponder app) of the manifest's deployment on the chain at --rpc,
 * with an embedded PGlite database by default or Postgres when --database-url (or DATABASE_URL) is given, and serves
 * it on 127.0.0.1 for `minerals report --index`, `minerals serve --index` and the SDK. `minerals index verify`
 * reads a sample of balances and frozen units, and every lot's supply, from the index and from the chain at the
 * block the index has reached, and says whether they agree.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, Option } from "commander";
import { readContract } from "viem/actions";
import { lotProcessingAbi, lotRegistryAbi, lotTokenAbi } from "../../src/abis.ts";
import { LOT_STATES } from "../../src/domain.ts";
import { serializeDeployment, type Deployment } from "../../src/deployment/manifest.ts";
import { IndexError } from "../../src/errors/indexer.ts";
import { MineralsError } from "../../src/errors/base.ts";
import { indexHead, indexHeldUnits, indexLots, indexPositions } from "../../src/internal/indexSource.ts";
import { toIntInRange } from "../../src/internal/validate.ts";
import { connect, loadPlatform, parseFlag, run, toJson, withCommonOptions, withPlatform, type CommonOptions } from "./context.ts";

/** The default port of the index's HTTP server. */
export const DEFAULT_INDEX_PORT = 42069;

/** The package root (where indexer/ and bin/minerals.mjs are), found by walking up from this file, source or built. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "indexer", "ponder.config.ts"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new MineralsError("cannot find the package root of minerals (indexer/ponder.config.ts)");
    dir = parent;
  }
  return dir;
}

/** The installed `ponder` package's directory (its `exports` do not include package.json, so walk up from its entry). */
function ponderDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("ponder")));
  while (!existsSync(path.join(dir, "package.json")) || !existsSync(path.join(dir, "dist", "esm", "bin", "ponder.js"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new MineralsError("cannot find the ponder package: run `npm ci`");
    dir = parent;
  }
  return dir;
}

export interface StartIndexerOptions {
  deployment: Deployment;
  rpc: string;
  /** Port on 127.0.0.1 (default 42069). */
  port?: number;
  /** Postgres connection string; without one, an embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** PGlite's directory (default: indexer/.ponder/pglite-<chain id>-<deployment block hash prefix>). */
  directory?: string | undefined;
  /** The Postgres schema the index's tables live in (default "minerals"). */
  schema?: string;
  /** Milliseconds between polls of the chain for new blocks (default 1,000). */
  pollingIntervalMs?: number;
  /** Blocks per `eth_getLogs` (default: found by Ponder from the node's refusals; 1,000 on a local chain). */
  logsBlockRange?: number;
  /** Where Ponder's log lines go (default: this process's stdout and stderr). */
  stdio?: "inherit" | "ignore" | "pipe";
}

/** A running index. */
export interface RunningIndexer {
  url: string;
  process: ChildProcess;
  /** Stops the index (SIGTERM, then SIGKILL after 10 s); resolves when it exited. */
  stop: () => Promise<void>;
}

/**
 * Starts the index as a child process (`ponder start`, telemetry off) on the deployment in `options`. The manifest is
 * handed to it as a file; the index serves HTTP at the returned URL as soon as it is up, and `/ready` once it has
 * read the chain's history.
 */
export function startIndexer(options: StartIndexerOptions): RunningIndexer {
  const root = packageRoot();
  const port = options.port ?? DEFAULT_INDEX_PORT;
  const manifestDir = mkdtempSync(path.join(tmpdir(), "minerals-index-"));
  const manifest = path.join(manifestDir, `${options.deployment.chainId}.json`);
  writeFileSync(manifest, serializeDeployment(options.deployment));
  const ponderBin = path.join(ponderDir(), "dist", "esm", "bin", "ponder.js");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    MINERALS_MANIFEST: manifest,
    MINERALS_RPC: options.rpc,
    MINERALS_INDEX_POLLING_MS: String(options.pollingIntervalMs ?? 1_000),
  };
  if (options.logsBlockRange) env.MINERALS_INDEX_LOGS_RANGE = String(options.logsBlockRange);
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.directory) env.MINERALS_INDEX_DIR = path.resolve(options.directory);
  const child = spawn(
    process.execPath,
    [ponderBin, "start", "--root", path.join(root, "indexer"), "--schema", options.schema ?? "minerals", "--port", String(port), "--hostname", "127.0.0.1", "--log-format", "pretty"],
    { env, stdio: options.stdio ?? "inherit" },
  );
  child.once("exit", () => rmSync(manifestDir, { recursive: true, force: true }));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url: `http://127.0.0.1:${port}`, process: child, stop };
}

/**
 * Waits until the index at `url` has indexed block `blockNumber` (at most `timeoutMs`, default 5 minutes); fails
 * at once if `child` exited.
 */
export async function waitForIndex(url: string, blockNumber: bigint, options: { timeoutMs?: number; child?: ChildProcess } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let last: unknown;
  while (Date.now() < deadline) {
    if (options.child && options.child.exitCode !== null) throw new IndexError(`The index exited with code ${options.child.exitCode} before it reached block ${blockNumber}.`);
    try {
      const ready = await fetch(`${url}/ready`);
      if (ready.ok && (await indexHead(url)).blockNumber >= blockNumber) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new IndexError(`The index at ${url} did not reach block ${blockNumber} in time.`, { cause: last });
}

interface IndexOptions extends CommonOptions {
  port: string;
  databaseUrl?: string;
  dir?: string;
  schema: string;
  pollingInterval: string;
}

interface VerifyOptions extends CommonOptions {
  index?: string;
  sample: string;
}

/** One difference `minerals index verify` found between the index and the chain. */
export interface IndexDifference {
  what: string;
  index: string;
  chain: string;
}

/**
 * Recomputes from the chain, at the block the index has reached, a sample of the index's balances and frozen units
 * (up to `sample` positions, spread over every lot), every lot's state and supply (minted less burned, against the sum
 * of its holders' balances in the index), and the units the processing contract holds for refused holders (up to
 * `sample`), and returns what differs.
 */
export async function verifyIndex(
  client: Parameters<typeof readContract>[0],
  deployment: Deployment,
  index: string,
  sample: number,
): Promise<{ blockNumber: bigint; positions: number; lots: number; held: number; differences: IndexDifference[] }> {
  const all = await indexPositions(index, deployment, { limit: 100_000 });
  const blockNumber = all.blockNumber;
  const step = Math.max(1, Math.floor(all.positions.length / Math.max(1, sample)));
  const chosen = all.positions.filter((_, i) => i % step === 0).slice(0, sample);
  const differences: IndexDifference[] = [];
  const token = deployment.contracts.LotToken;
  for (const p of chosen) {
    const [balance, frozen] = await Promise.all([
      readContract(client, { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [p.holder, p.lotId], blockNumber }),
      readContract(client, { address: token, abi: lotTokenAbi, functionName: "getFrozenTokens", args: [p.holder, p.lotId], blockNumber }),
    ]);
    if (balance !== p.balance) differences.push({ what: `balance of ${p.holder} in lot ${p.lotId}`, index: p.balance.toString(), chain: balance.toString() });
    if (frozen !== p.frozen) differences.push({ what: `frozen units of ${p.holder} in lot ${p.lotId}`, index: p.frozen.toString(), chain: frozen.toString() });
  }
  const lots = await indexLots(index, deployment);
  const count = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "lotCount", blockNumber });
  if (count !== BigInt(lots.length)) differences.push({ what: "number of lots", index: String(lots.length), chain: count.toString() });
  const held = new Map<bigint, bigint>();
  for (const p of all.positions) held.set(p.lotId, (held.get(p.lotId) ?? 0n) + p.balance);
  for (const lot of lots) {
    const [supply, record] = await Promise.all([
      readContract(client, { address: token, abi: lotTokenAbi, functionName: "totalSupply", args: [lot.lotId], blockNumber }),
      readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [lot.lotId], blockNumber }),
    ]);
    const state = LOT_STATES[record.state] ?? String(record.state);
    if (state !== lot.state) differences.push({ what: `state of lot ${lot.lotId}`, index: lot.state, chain: state });
    if (supply !== lot.outstanding.base) differences.push({ what: `units outstanding of lot ${lot.lotId}`, index: lot.outstanding.base.toString(), chain: supply.toString() });
    if (all.positions.length < 100_000 && (held.get(lot.lotId) ?? 0n) !== supply) {
      differences.push({ what: `sum of the holders' balances in lot ${lot.lotId}`, index: (held.get(lot.lotId) ?? 0n).toString(), chain: supply.toString() });
    }
  }
  const processing = deployment.contracts.LotProcessing;
  const { held: heldRows } = processing === undefined ? { held: [] } : await indexHeldUnits(index, deployment);
  const heldChosen = heldRows.slice(0, sample);
  for (const h of heldChosen) {
    const units = await readContract(client, { address: processing!, abi: lotProcessingAbi, functionName: "heldOf", args: [h.lotId, h.holder], blockNumber });
    if (units !== h.units) differences.push({ what: `units of lot ${h.lotId} held for ${h.holder}`, index: h.units.toString(), chain: units.toString() });
  }
  return { blockNumber, positions: chosen.length, lots: lots.length, held: heldChosen.length, differences };
}

const indexUrl = (value: string | undefined): string =>
  parseFlag("--index", () => {
    const text = value ?? `http://127.0.0.1:${DEFAULT_INDEX_PORT}`;
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`expected an http(s) URL, got ${text}`);
    return text.replace(/\/+$/, "");
  });

export function indexCommand(): Command {
  const command = withCommonOptions(
    new Command("index")
      .description("run the index of the platform's contracts (Ponder; embedded PGlite, or Postgres with --database-url) for reports and the page at scale")
      .addOption(new Option("--port <port>", "port of the index's HTTP server on 127.0.0.1").default(String(DEFAULT_INDEX_PORT)))
      .addOption(new Option("--database-url <url>", "Postgres connection string (production); without it an embedded PGlite database").env("DATABASE_URL"))
      .option("--dir <dir>", "PGlite's directory (default: indexer/.ponder/pglite-<chainId>-<deployment block>)")
      .addOption(new Option("--schema <name>", "the database schema of the index's tables").default("minerals"))
      .addOption(new Option("--polling-interval <ms>", "milliseconds between polls of the chain for new blocks").default("1000"))
      .enablePositionalOptions(),
  ).action((options: IndexOptions) =>
    run(async () => {
      const port = parseFlag("--port", () => toIntInRange(Number(options.port), "--port", 1, 65_535, "a port number"));
      const polling = parseFlag("--polling-interval", () => toIntInRange(Number(options.pollingInterval), "--polling-interval", 100, 3_600_000, "milliseconds from 100"));
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,44}$/.test(options.schema)) throw new MineralsError(`Invalid --schema: expected a name of letters, digits and _ (at most 45), got ${options.schema}`);
      const connection = await connect(options);
      let deployment: Deployment;
      try {
        ({ deployment } = await loadPlatform(connection, options.deployments, options.manifest));
      } finally {
        await connection.close();
      }
      const indexer = startIndexer({
        deployment,
        rpc: connection.rpc,
        port,
        databaseUrl: options.databaseUrl,
        directory: options.dir,
        schema: options.schema,
        pollingIntervalMs: polling,
      });
      console.error(
        `minerals index: chain ${deployment.chainId} from block ${deployment.block.number}, ${options.databaseUrl ? "Postgres" : "embedded PGlite"}; serving ${indexer.url} (read it with --index ${indexer.url})`,
      );
      const stop = () => void indexer.stop();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const code = await new Promise<number | null>((resolve) => indexer.process.once("exit", (c) => resolve(c)));
      if (code !== 0 && code !== null) process.exitCode = code;
    }),
  );
  command.addCommand(
    withCommonOptions(
      new Command("verify")
        .description("recompute a sample of the index's balances and frozen units, every lot's state and supply, and units held for refused holders from the chain, and say whether the index agrees")
        .addOption(new Option("--index <url>", `the index (default http://127.0.0.1:${DEFAULT_INDEX_PORT})`).env("MINERALS_INDEX"))
        .addOption(new Option("--sample <n>", "how many balances to check").default("200")),
    ).action((options: VerifyOptions) =>
      run(async () => {
        const index = indexUrl(options.index);
        const sample = parseFlag("--sample", () => toIntInRange(Number(options.sample), "--sample", 1, 100_000, "a whole number from 1 to 100000"));
        await withPlatform(options, async ({ deployment, connection }) => {
          const result = await verifyIndex(connection.client, deployment, index, sample);
          if (options.json) console.log(toJson({ ...result, agrees: result.differences.length === 0 }));
          else if (result.differences.length === 0) {
            console.log(
              `the index agrees with the chain at block ${result.blockNumber}: ${result.positions} balances and frozen units, ${result.lots} lots' state and supply, ${result.held} held units checked`,
            );
          } else {
            console.log(`the index DISAGREES with the chain at block ${result.blockNumber}:`);
            for (const d of result.differences) console.log(`  ${d.what}: index ${d.index}, chain ${d.chain}`);
          }
          if (result.differences.length > 0) process.exitCode = 1;
        });
      }),
    ),
  );
  return command;
}

/** `--index` for commands that read through an index (`MINERALS_INDEX` sets its default). */
export const indexOption = () => new Option("--index <url>", "read histories and reports from this index (`minerals index`) instead of scanning the node").env("MINERALS_INDEX");

/** The --index flag's URL, checked, or undefined without one. */
export const optionalIndexUrl = (value: string | undefined): string | undefined => (value === undefined ? undefined : indexUrl(value));

