/**
 * The README runs as written: every `npx minerals ...` line of its `sh` blocks (and the shell lines between them,
 * such as the `printf` that creates the document to record), in order from top to bottom, against one fresh
 * `hardhat node`; then its `ts` SDK example, saved and run with `npx tsx` as the README says. The node is the one the
 * README starts on 127.0.0.1:8545, started here on a free port instead, which MINERALS_RPC (and the README's
 * `--rpc` URLs, rewritten) point the lines at; manifests and files go to a temporary directory.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "chai";
import { freePort, waitForRpc } from "../../scripts/dev/localNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const exec = promisify(execFile);
/** The node the README names. */
const README_RPC = "http://127.0.0.1:8545";

/** The code blocks of a Markdown text in a language, in order, as lists of lines. */
export function codeBlocks(markdown: string, language: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split("\n")) {
    if (current === undefined) {
      if (line.trim() === `\`\`\`${language}`) current = [];
    } else if (line.trim() === "```") {
      blocks.push(current);
      current = undefined;
    } else {
      current.push(line);
    }
  }
  return blocks;
}

/** The commands of a shell block: `\` continuations joined, blank and comment-only lines dropped. */
export function shellCommands(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let pending = "";
  for (const line of lines) {
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    const command = `${pending}${pending ? line.trim() : line}`.trim();
    pending = "";
    if (command !== "" && !command.startsWith("#")) commands.push(command);
  }
  return commands;
}

/**
 * The README lines this test runs: every `npx minerals` command, and the shell lines that prepare files for them
 * (`printf`). Not run: the `hardhat node` itself (this test starts one), npm's install, test and bench lines,
 * `npx minerals serve`, which runs until stopped (test/web/serve.test.ts and test/web/page.test.ts run it), and the
 * index's lines (`npx minerals index`, which runs until stopped, and the reads `--index` sends to it), which
 * test/indexer/index.test.ts runs against a running index.
 */
function runnable(command: string): boolean {
  if (/(^|&&\s*)npx minerals serve\b/.test(command)) return false;
  if (/(^|&&\s*)(\S+=\S+\s+)*npx minerals index\b/.test(command) || /--index\b|MINERALS_INDEX=/.test(command)) return false;
  return /(^|&&\s*)npx minerals /.test(command) || command.startsWith("printf ");
}

describe("README runs as written (e2e)", function () {
  this.timeout(300_000);

  let node: ChildProcess | undefined;
  let rpc: string;
  let workdir: string;
  let env: NodeJS.ProcessEnv;
  let readme: string;

  before(async function () {
    readme = await readFile(path.join(root, "README.md"), "utf8");
    const port = await freePort();
    rpc = `http://127.0.0.1:${port}`;
    workdir = await mkdtemp(path.join(os.tmpdir(), "minerals-readme-"));
    env = { ...process.env, CI: "true", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: path.join(workdir, "deployments"), MINERALS_PRIVATE_KEY: "" };
    node = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env, stdio: "ignore" });
    await waitForRpc(rpc, node);
  });

  after(async function () {
    if (node && node.exitCode === null && node.signalCode === null) {
      const exited = new Promise((resolve) => node!.once("exit", resolve));
      node.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (node.exitCode === null && node.signalCode === null) node.kill("SIGKILL");
    }
    await rm(workdir, { recursive: true, force: true });
  });

  it("finds the README's step-by-step commands", function () {
    const commands = codeBlocks(readme, "sh").flatMap(shellCommands).filter(runnable);
    expect(commands.length).to.be.above(20);
    expect(commands).to.include("npx minerals deploy        # roles: issuer 0, assayer 1, custodians 2 and 3, compliance 6, pauser 7 (see --help)");
  });

  it("every npx minerals line of the sh blocks succeeds, in order, against one fresh node", async function () {
    // `npx minerals` is this checkout's CLI (as `npx` finds it from the project directory), run from the temp dir.
    const prelude = `npx() { if [ "$1" = minerals ]; then shift; "${process.execPath}" "${mineralsBin}" "$@"; else command npx "$@"; fi; }`;
    for (const command of codeBlocks(readme, "sh").flatMap(shellCommands).filter(runnable)) {
      const line = command.replaceAll(README_RPC, rpc);
      try {
        await exec("bash", ["-c", `${prelude}\nset -e\n${line}`], { cwd: workdir, env });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        expect.fail(`README line failed: ${command}\n${e.stderr ?? ""}${e.stdout ?? ""}`);
      }
    }
  });

  it("the ts SDK example, saved and run with npx tsx, succeeds against the same node", async function () {
    const [example] = codeBlocks(readme, "ts");
    expect(example, "the README's ts block").to.not.equal(undefined);
    // Saved in the project directory, as the README says (its imports are "./src/index.ts"), under a unique name.
    const file = path.join(root, `example.readme-test-${process.pid}.ts`);
    await writeFile(file, `${example!.join("\n")}\n`);
    try {
      const { stdout } = await exec("npx", ["tsx", path.basename(file)], { cwd: root, env });
      expect(stdout).to.match(/payable 729\.771695 ozt fine Au/).and.to.contain("receiver-not-verified");
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      if (e.stderr !== undefined) expect.fail(`README ts example failed:\n${e.stderr}${e.stdout ?? ""}`);
      throw error;
    } finally {
      await rm(file, { force: true });
    }
  });
});
