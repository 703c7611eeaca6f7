/**
 * `npm run bench:cli`: the start-up time of the built `minerals` CLI beside `node -e 0`, measured in the same run
 * (the median of several runs each): `minerals --help` (no chain), and `minerals lot show --lot 1` against a
 * `hardhat node` this script starts on a free port, deploys to, registers one lot on, and stops; the same command
 * started three ways: `node bin/minerals.mjs`, `minerals` on the PATH (a link to `bin/minerals.mjs`, which is what
 * `npm link` puts in npm's global bin), and `npx minerals`, whose own start-up (npm's) comes on top.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, waitForRpc } from "../dev/localNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const exec = promisify(execFile);

/** Median wall-clock milliseconds of `RUNS` runs of a command (after one warm-up run). */
async function median(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  await exec(file, args, { env, cwd: root });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await exec(file, args, { env, cwd: root });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const port = await freePort();
const rpc = `http://127.0.0.1:${port}`;
const deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-bench-"));
const env = { ...process.env, CI: "true", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: deployments, MINERALS_PRIVATE_KEY: "" };
const node = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env, stdio: "ignore" });
try {
  await waitForRpc(rpc, node);
  const minerals = (...args: string[]) => exec(process.execPath, [mineralsBin, ...args], { env });
  await minerals("deploy");
  await minerals(
    "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042",
    "--ref", "WR-BENCH-1", "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5",
    "--custodian", "2", "--location", "Callao bonded warehouse 3",
  );
  // What `npm link` makes: a `minerals` on the PATH that links to bin/minerals.mjs (here in a directory of our own,
  // so npm's global prefix is left alone).
  const linked = path.join(deployments, "bin");
  await mkdir(linked);
  await symlink(mineralsBin, path.join(linked, "minerals"));
  const onPath = { ...env, PATH: `${linked}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };
  const show = ["lot", "show", "--lot", "1"];
  const rows: [string, number][] = [
    ["node -e 0", await median(process.execPath, ["-e", "0"], env)],
    ["minerals --help", await median(process.execPath, [mineralsBin, "--help"], env)],
    ["node bin/minerals.mjs lot show --lot 1", await median(process.execPath, [mineralsBin, ...show], env)],
    ["minerals lot show --lot 1 (npm link)", await median("minerals", show, onPath)],
    ["npx minerals lot show --lot 1", await median("npx", ["minerals", ...show], onPath)],
  ];
  console.log(`CLI start-up, median of ${RUNS} runs (Node ${process.versions.node}, hardhat node at ${rpc}):`);
  for (const [label, ms] of rows) console.log(`  ${label.padEnd(40)} ${(ms / 1000).toFixed(3)} s`);
  const [direct, link, npx] = [rows[2]![1], rows[3]![1], rows[4]![1]];
  console.log(`  npx adds ${((npx - direct) / 1000).toFixed(3)} s to a command (${(npx / direct).toFixed(1)}x); \`minerals\` on the PATH ${((link - direct) / 1000).toFixed(3)} s`);
} finally {
  node.kill("SIGTERM");
  await rm(deployments, { recursive: true, force: true });
}
