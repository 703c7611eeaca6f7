/**
 * `npm run mutations`: shows that every claim of docs/threat-model.md names a test that fails when the claim is false.
 * It works on a copy of the repository in a temporary directory (its node_modules linked, not copied), so the
 * worktree is never written: a run that is killed, even by SIGKILL, leaves no mutated file behind. It builds the copy
 * first (contracts, the SDK's generated sources, the CLI), so no test runs against a stale build. For each mutation of
 * scripts/mutation/mutations.ts it checks that the snippet to change occurs exactly once, writes the mutated file in the
 * copy, runs the one test the mutation names (`hardhat test <runner> --grep <title> <files>`, which compiles what
 * changed), restores the file for the next mutation and classifies the outcome:
 *
 * - killed: the test failed, as it must;
 * - survived: the test passed with the mitigation gone, so it does not show the claim;
 * - no test matched: the title ran nothing (0 passing, 0 failing), so the mutation shows nothing;
 * - stale: the snippet no longer occurs exactly once (the code moved on: update the mutation);
 * - error: the runner failed without a failing test (a mutation that does not compile, a crash).
 *
 * It prints one line per mutation and a summary, and exits non-zero unless every mutation was killed.
 *
 *   npm run mutations                                   # all of them (each compiles: expect well over an hour)
 *   npm run mutations -- --only mint-beyond-attestation,offer-never-expires
 *   npm run mutations -- --baseline                     # the named tests, unmutated: each must pass
 *   npm run mutations -- --list
 *
 * Each run's full output is kept in a log file per mutation, in a temporary directory named at the start; the copy is
 * made in that directory and removed at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";

import { MUTATIONS, ROOT, occurrences, type Mutation, type MutationTest } from "./mutations.ts";

type Outcome = "killed" | "survived" | "no test matched" | "stale" | "error" | "passed" | "failed";

interface Result {
  mutation: Mutation;
  outcome: Outcome;
  seconds: number;
  /** The first line of the failure (why the test was killed), or what went wrong. */
  detail: string;
  log?: string;
}

/** The copy of the repository the mutations are applied to and the tests run in (see `makeCopy`). */
let WORK = ROOT;
/** A restore action for whatever a mutation changed in the copy, run once, whether the test finished or not. */
let pendingRestore: (() => void) | undefined;
let child: ChildProcess | undefined;

function restoreNow(): void {
  const restore = pendingRestore;
  pendingRestore = undefined;
  restore?.();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    child?.kill("SIGTERM");
    pendingRestore = undefined;
    if (WORK !== ROOT) rmSync(WORK, { recursive: true, force: true });
    console.error(`\nstopped by ${signal}: the worktree was never changed (the mutations ran in a copy, now removed)`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** A regular expression that matches `title` literally (mocha and the Solidity runner both read --grep as one). */
function escapeRegExp(title: string): string {
  return title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Runs a command from the copy's root with CI=true, appending its output to `log`; resolves with its exit code. */
function run(command: string, args: string[], log: string): Promise<number> {
  return new Promise((resolve, reject) => {
    writeFileSync(log, `$ ${command} ${args.map((a) => JSON.stringify(a)).join(" ")}\n`, { flag: "a" });
    const spawned = spawn(command, args, { cwd: WORK, env: { ...process.env, CI: "true", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    child = spawned;
    const append = (chunk: Buffer) => writeFileSync(log, chunk, { flag: "a" });
    spawned.stdout.on("data", append);
    spawned.stderr.on("data", append);
    spawned.on("error", reject);
    spawned.on("close", (code, signal) => {
      child = undefined;
      // Stopped from outside (another process, the machine short of memory): say so, as a shell would (128 + n).
      if (signal) writeFileSync(log, `\n[stopped by ${signal}]\n`, { flag: "a" });
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

/** The test counts the runner printed ("N passing", "N failing"), and the first failure's message. */
function readOutcome(output: string): { passing: number; failing: number; firstFailure: string } {
  const count = (word: string) => [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, "gm"))].reduce((sum, m) => sum + Number(m[1]), 0);
  const failing = count("failing");
  let firstFailure = "";
  if (failing > 0) {
    // Mocha: "  1) suite", the title lines, the last ending in ":", then the message.
    const lines = output.slice(output.search(/^\s*\d+ failing\b/m)).split("\n");
    const first = lines.findIndex((l) => /^\s*1\) /.test(l));
    const titleEnd = first < 0 ? -1 : lines.findIndex((l, i) => i >= first && l.trimEnd().endsWith(":"));
    const message = titleEnd < 0 ? undefined : lines.slice(titleEnd + 1).find((l) => l.trim() !== "");
    firstFailure = (message ?? lines.find((l) => /Error|Panic|revert|Violated|expected/.test(l)) ?? "").trim();
  }
  return { passing: count("passing"), failing, firstFailure };
}

function hardhatArgs(test: MutationTest): string[] {
  return ["test", test.runner, "--grep", escapeRegExp(test.grep), ...test.files];
}

/** An installed command, run from the copy (whose node_modules is the repository's). */
const bin = (name: string) => path.join(WORK, "node_modules/.bin", name);

/** What the copy leaves out: git's data, installed packages (linked instead) and what tests and reports write. */
const NOT_COPIED = new Set([".git", "node_modules", "coverage", "test-artifacts", "reports"]);

/**
 * Copies the repository (its sources, and the compiled artifacts, generated ABIs and built CLI, so that little needs
 * compiling again) into `dir/repo`, links its node_modules, and returns the copy's root.
 */
function makeCopy(dir: string): string {
  const copy = path.join(dir, "repo");
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => path.dirname(source) !== ROOT || !NOT_COPIED.has(path.basename(source)),
  });
  symlinkSync(realpathSync(path.join(ROOT, "node_modules")), path.join(copy, "node_modules"), "dir");
  return copy;
}

/** A directory a mutation rebuilds (the SDK's generated sources, the built CLI), saved first and put back after. */
interface Saved {
  dir: string;
  copy: string;
  existed: boolean;
}

function save(dir: string, logDir: string): Saved {
  const saved = { dir: path.join(WORK, dir), copy: path.join(logDir, `saved-${path.basename(dir)}`), existed: existsSync(path.join(WORK, dir)) };
  rmSync(saved.copy, { recursive: true, force: true });
  if (saved.existed) cpSync(saved.dir, saved.copy, { recursive: true });
  return saved;
}

function putBack(saved: Saved): void {
  rmSync(saved.dir, { recursive: true, force: true });
  if (saved.existed) cpSync(saved.copy, saved.dir, { recursive: true });
  rmSync(saved.copy, { recursive: true, force: true });
}

/** Applies one mutation, runs its test and restores the file (and whatever was rebuilt from it). */
async function runMutation(mutation: Mutation, logDir: string): Promise<Result> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const log = path.join(logDir, `${mutation.id}.log`);
  const file = path.join(WORK, mutation.file);
  const original = readFileSync(file, "utf8");
  const found = occurrences(original, mutation.from);
  if (found !== 1) {
    return { mutation, outcome: "stale", seconds: seconds(), detail: `its snippet occurs ${found} times in ${mutation.file}, not once` };
  }
  // A contract reaches the SDK (and the CLI built from it) only through the bytecode generated into src/generated/.
  const regenerate = mutation.file.endsWith(".sol") && mutation.through !== undefined;
  const rebuild = mutation.through === "cli";
  const saved: Saved[] = [];
  pendingRestore = () => {
    writeFileSync(file, original);
    for (const s of saved.splice(0)) putBack(s);
  };
  try {
    if (regenerate) saved.push(save("src/generated", logDir));
    if (rebuild) saved.push(save("dist", logDir));
    writeFileSync(file, original.replace(mutation.from, () => mutation.to));
    const steps: { command: string; args: string[]; failure: string }[] = [];
    if (regenerate) {
      steps.push({ command: bin("hardhat"), args: ["build", "--quiet"], failure: "the mutated contracts did not compile" });
      steps.push({ command: bin("tsx"), args: ["scripts/codegen/abis.ts"], failure: "the SDK's sources were not generated" });
    }
    if (rebuild) steps.push({ command: bin("tsc"), args: ["-p", "tsconfig.build.json"], failure: "the mutated CLI did not build" });
    for (const { command, args, failure } of steps) {
      if ((await run(command, args, log)) !== 0) return { mutation, outcome: "error", seconds: seconds(), detail: failure, log };
    }
    const code = await run(bin("hardhat"), hardhatArgs(mutation.test), log);
    const { passing, failing, firstFailure } = readOutcome(readFileSync(log, "utf8"));
    if (passing === 0 && failing === 0) {
      if (code === 0) return { mutation, outcome: "no test matched", seconds: seconds(), detail: "0 passing, 0 failing", log };
      const why = code > 128 ? `stopped by a signal (exit ${code}) before any test ran: run it again` : `exit ${code} with no test run (does it compile?)`;
      return { mutation, outcome: "error", seconds: seconds(), detail: why, log };
    }
    if (code === 0) return { mutation, outcome: "survived", seconds: seconds(), detail: `${passing} passing`, log };
    if (failing > 0) return { mutation, outcome: "killed", seconds: seconds(), detail: firstFailure, log };
    return { mutation, outcome: "error", seconds: seconds(), detail: `exit ${code} with ${passing} passing and no failing test`, log };
  } finally {
    restoreNow();
  }
}

/** Runs one mutation's named test on the unmutated code: it must pass, or a kill would prove nothing. */
async function runBaseline(mutation: Mutation, logDir: string): Promise<Result> {
  const started = Date.now();
  const log = path.join(logDir, `${mutation.id}.baseline.log`);
  const code = await run(bin("hardhat"), hardhatArgs(mutation.test), log);
  const { passing, failing, firstFailure } = readOutcome(readFileSync(log, "utf8"));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (passing === 0 && failing === 0) return { mutation, outcome: "no test matched", seconds, detail: `exit ${code}, 0 passing, 0 failing`, log };
  if (code === 0 && failing === 0) return { mutation, outcome: "passed", seconds, detail: `${passing} passing`, log };
  return { mutation, outcome: "failed", seconds, detail: firstFailure || `exit ${code}`, log };
}

function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m === 0 ? `${seconds} s` : `${m} min ${String(seconds % 60).padStart(2, "0")} s`;
}

function parseIds(value: string): string[] {
  const ids = value.split(",").map((id) => id.trim()).filter((id) => id !== "");
  const known = new Set(MUTATIONS.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (ids.length === 0) throw new InvalidArgumentError("expected mutation ids separated by commas (see --list)");
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown mutation ${unknown.map((id) => `"${id}"`).join(", ")} (see --list)`);
  return ids;
}

async function main(): Promise<number> {
  const program = new Command("mutations")
    .description("Revert each mitigation of docs/threat-model.md once and check that the test it names fails.")
    .option("--only <ids>", "only these mutations, by id, separated by commas", parseIds)
    .option("--baseline", "run each named test on the unmutated code instead: every one must pass")
    .option("--list", "list the mutations (id, claim, test) and exit")
    .showHelpAfterError();
  program.parse();
  const options = program.opts<{ only?: string[]; baseline?: boolean; list?: boolean }>();

  const selected = options.only ? MUTATIONS.filter((m) => options.only!.includes(m.id)) : MUTATIONS;
  const width = Math.max(...selected.map((m) => m.id.length));
  if (options.list) {
    for (const m of selected) console.log(`${m.id.padEnd(width)}  ${m.claim}\n${" ".repeat(width)}  ${m.test.runner}: ${m.test.grep}`);
    return 0;
  }

  const logDir = mkdtempSync(path.join(os.tmpdir(), "minerals-mutations-"));
  const started = Date.now();
  WORK = makeCopy(logDir);
  console.log(`${selected.length} mutation(s)${options.baseline ? ", baseline (unmutated)" : ""}, in a copy of the repository; logs in ${logDir}`);
  // The copy's compiled contracts, generated SDK sources and built CLI are made from its sources first, so that no
  // test runs against a stale build left in the worktree.
  const buildLog = path.join(logDir, "build.log");
  for (const [command, args] of [
    [bin("hardhat"), ["build", "--quiet"]],
    [bin("tsx"), ["scripts/codegen/abis.ts"]],
    [bin("tsc"), ["-p", "tsconfig.build.json"]],
  ] as const) {
    if ((await run(command, [...args], buildLog)) !== 0) {
      rmSync(WORK, { recursive: true, force: true });
      console.error(`the unmutated copy did not build: see ${buildLog}`);
      return 1;
    }
  }
  const results: Result[] = [];
  // The source and SDK mutations first: with the contracts as compiled, their tests start without compiling.
  const ordered = [...selected].sort((a, b) => Number(a.file.endsWith(".sol")) - Number(b.file.endsWith(".sol")));
  try {
    for (const mutation of ordered) {
      const result = options.baseline ? await runBaseline(mutation, logDir) : await runMutation(mutation, logDir);
      results.push(result);
      const where = result.outcome === "killed" || result.outcome === "passed" ? "" : result.log ? `  (log: ${result.log})` : "";
      console.log(`${result.outcome.padEnd(15)} ${mutation.id.padEnd(width)}  ${String(result.seconds).padStart(4)} s  ${mutation.test.grep}`);
      if (result.detail !== "") console.log(`${" ".repeat(16)}${result.detail.slice(0, 160)}${where}`);
    }
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }

  const good: Outcome = options.baseline ? "passed" : "killed";
  const tally = new Map<Outcome, number>();
  for (const r of results) tally.set(r.outcome, (tally.get(r.outcome) ?? 0) + 1);
  const summary = [...tally].map(([outcome, n]) => `${n} ${outcome}`).join(", ");
  console.log(`\n${summary} of ${results.length}, in ${formatDuration(Math.round((Date.now() - started) / 1000))}`);
  const bad = results.filter((r) => r.outcome !== good);
  if (bad.length > 0) console.log(`not ${good}: ${bad.map((r) => r.mutation.id).join(", ")}`);
  return bad.length === 0 ? 0 : 1;
}

process.exitCode = await main();
