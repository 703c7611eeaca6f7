/**
 * The README and the guides run as written: every `npx minerals ...` line of their `sh` blocks (and the shell lines
 * that prepare files for them, `mkdir -p scratch` and `printf`), in order from top to bottom, each document against
 * its own fresh `hardhat node`, from the repository's root as the guides say; then each document's `ts` blocks, saved
 * under `scratch/` and run with `npx tsx`. A line starting with `!` must be refused (exit non-zero). The node is the
 * one the guides start on 127.0.0.1:8545, started here on a free port instead, which MINERALS_RPC (and `--rpc` URLs,
 * rewritten) point the lines at; manifests go to a temporary directory, and `scratch/` is rewritten to one.
 *
 * Also: no command leaves a file in the repository's worktree; every `minerals` command the prose of a document
 * mentions is one its `sh` blocks run; the quick start says what `npm test` needs and how long it takes, and names
 * the packages whose install scripts npm warns about, which are still exactly the ones package-lock.json lists.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
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
/** The node the guides name. */
const GUIDE_RPC = "http://127.0.0.1:8545";
/** The documents whose commands run, in the order a newcomer reads them. */
const DOCUMENTS = [
  "README.md",
  "docs/guides/issuer-and-custodians.md",
  "docs/guides/compliance.md",
  "docs/guides/investor.md",
  "docs/guides/integrator.md",
  "docs/guides/processing.md",
];

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

/** A second-level markdown section (`## ...`): from its heading to the next `## ` heading. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  return markdown.slice(start, markdown.indexOf("\n## ", start + heading.length));
}

/**
 * The lines this test runs: every `npx minerals` command (refusals written `! npx minerals ...`), and the shell lines
 * that prepare files for them (`mkdir -p scratch`, `printf`). Not run: `hardhat node` (this test starts one), npm's
 * install, test and bench lines, `npx minerals serve`, which runs until stopped (test/web/ runs it), and the index's
 * lines (`npx minerals index`, which runs until stopped, and the reads `--index` sends to it), which
 * test/indexer/index.test.ts runs against a running index.
 */
function runnable(command: string): boolean {
  if (/(^|&&\s*|!\s*)npx minerals serve\b/.test(command)) return false;
  if (/(^|&&\s*|!\s*)(\S+=\S+\s+)*npx minerals index\b/.test(command) || /--index\b|MINERALS_INDEX=/.test(command)) return false;
  return /(^|&&\s*|^!\s*)npx minerals /.test(command) || command.startsWith("printf ") || command.startsWith("mkdir -p scratch");
}

/** The `minerals` commands (group and subcommand) a text's prose names in inline code, e.g. `minerals lot retire`. */
function proseCommands(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  return [...prose.matchAll(/`(?:npx )?minerals ([a-z-]+)(?: ([a-z-]+))?[^`]*`/g)].map((m) => [m[1], m[2]].filter(Boolean).join(" "));
}

/** The `minerals` command (group and subcommand) a shell line runs. */
function commandOf(line: string): string | undefined {
  const match = /npx minerals ([a-z-]+)(?: ([a-z-]+))?/.exec(line);
  return match ? [match[1], match[2]].filter(Boolean).join(" ") : undefined;
}

/** `git status` of the worktree, untracked files included: what the commands must leave unchanged. */
async function worktree(): Promise<string> {
  return (await exec("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root })).stdout;
}

describe("README and guides run as written (e2e)", function () {
  this.timeout(900_000);

  let texts: Map<string, string>;

  before(async function () {
    texts = new Map(await Promise.all(DOCUMENTS.map(async (doc) => [doc, await readFile(path.join(root, doc), "utf8")] as const)));
  });

  it("runs every guide under docs/guides, and each has commands", async function () {
    const guides = (await readdir(path.join(root, "docs/guides"))).filter((f) => f.endsWith(".md")).map((f) => `docs/guides/${f}`);
    expect(DOCUMENTS).to.include.members(guides);
    for (const doc of DOCUMENTS.slice(1)) expect(codeBlocks(texts.get(doc)!, "sh").flatMap(shellCommands).filter(runnable).length, doc).to.be.above(1);
    expect(codeBlocks(texts.get("docs/guides/issuer-and-custodians.md")!, "sh").flatMap(shellCommands)).to.include(
      "npx minerals deploy        # roles: issuer 0, assayer 1, custodians 2 and 3, compliance 6, pauser 7 (see --help)",
    );
  });

  it("every minerals command the prose mentions is one the sh blocks run", function () {
    const run = new Set([...texts.values()].flatMap((text) => codeBlocks(text, "sh").flatMap(shellCommands).filter(runnable).map(commandOf)));
    // `serve` runs until stopped (test/web/serve.test.ts, page.test.ts and presenter.test.ts run it); `demo` runs in
    // the quick start as `npm run demo` (test/e2e/cli.test.ts runs it against a node, test/web/presenter.test.ts in process).
    const elsewhere = (command: string) => /^(serve|demo)\b/.test(command);
    for (const [doc, text] of texts) {
      const missing = proseCommands(text).filter((command) => !elsewhere(command) && ![...run].some((ran) => ran === command || ran?.startsWith(`${command} `)));
      expect(missing, `${doc}: commands named in the prose but never run`).to.deep.equal([]);
    }
  });

  it("the quick start says what npm test needs and how long it takes, and explains npm's install-script warnings", async function () {
    const quickStart = sectionOf(texts.get("README.md")!, "## Quick start");
    expect(quickStart).to.include("npm ci && npm run demo").and.include("npm test");
    expect(quickStart).to.match(/about [a-z]+ minutes/).and.match(/Chromium/).and.include("/usr/bin/chromium");
    expect(quickStart).to.match(/five packages/);
    const lock = JSON.parse(await readFile(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
    // Where each is installed, below the top node_modules: esbuild once for tsx, and under Ponder's Vite 5 twice.
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([name]) => name.replace(/^node_modules\//, ""));
    expect(withScripts.sort()).to.deep.equal(["@foundry-rs/anvil", "@foundry-rs/cast", "esbuild", "ponder/node_modules/esbuild", "vite-node/node_modules/esbuild"]);
    for (const name of new Set(withScripts.map((n) => n.replace(/^.*node_modules\//, "")))) expect(quickStart, name).to.include(`\`${name}\``);
  });

  it("the quick start's faster way to run many commands works: minerals on the PATH through a link to bin/minerals.mjs (what npm link makes), or node with its path, from any directory", async function () {
    const quickStart = sectionOf(texts.get("README.md")!, "## Quick start");
    expect(quickStart).to.include("`npm link`").and.include('`alias minerals="node $PWD/bin/minerals.mjs"`').and.include("npm run bench:cli");
    const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
    expect(pkg.bin).to.deep.equal({ minerals: "bin/minerals.mjs" });
    const linked = await mkdtemp(path.join(os.tmpdir(), "minerals-link-"));
    try {
      await symlink(mineralsBin, path.join(linked, "minerals"));
      const env = { ...process.env, PATH: `${linked}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };
      expect((await exec("minerals", ["--version"], { cwd: os.tmpdir(), env })).stdout.trim()).to.equal(pkg.version);
      expect((await exec(process.execPath, [mineralsBin, "--version"], { cwd: os.tmpdir() })).stdout.trim()).to.equal(pkg.version);
    } finally {
      await rm(linked, { recursive: true, force: true });
    }
  });

  it("every npx minerals line of the sh blocks succeeds (or, written `! ...`, is refused), in order, each document on a fresh node, leaving the worktree as it was", async function () {
    const before = await worktree();
    const failures: string[] = [];
    // Each document on its own node, the documents side by side (most of the time goes into waiting on the node).
    await Promise.all(
      DOCUMENTS.map(async (doc) => {
        const commands = codeBlocks(texts.get(doc)!, "sh").flatMap(shellCommands).filter(runnable);
        const examples = codeBlocks(texts.get(doc)!, "ts");
        if (commands.length === 0 && examples.length === 0) return;
        const failure = await runDocument(doc, commands, examples);
        if (failure) failures.push(failure);
      }),
    );
    expect(failures).to.deep.equal([]);
    expect(await worktree(), "files the commands left in the repository").to.equal(before);
  });
});

/** Runs one document's commands and ts examples against a fresh node; returns what failed, or undefined. */
async function runDocument(doc: string, commands: string[], examples: string[][]): Promise<string | undefined> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const workdir = await mkdtemp(path.join(os.tmpdir(), "minerals-guide-"));
  const env = { ...process.env, CI: "true", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: path.join(workdir, "deployments"), MINERALS_PRIVATE_KEY: "", MINERALS_MNEMONIC: "" };
  const node: ChildProcess = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env, stdio: "ignore" });
  try {
    await waitForRpc(rpc, node);
    // `npx minerals` is this checkout's CLI (as `npx` finds it from the project directory).
    const prelude = `npx() { if [ "$1" = minerals ]; then shift; "${process.execPath}" "${mineralsBin}" "$@"; else command npx "$@"; fi; }`;
    for (const command of commands) {
      const line = command.replaceAll(GUIDE_RPC, rpc).replace(/\bmkdir -p scratch\b/g, `mkdir -p ${workdir}/scratch`).replace(/(^|[\s>])scratch\//g, `$1${workdir}/scratch/`);
      try {
        await exec("bash", ["-c", `${prelude}\nset -e\n${line}`], { cwd: root, env });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return `${doc}: ${command}\n${e.stderr ?? ""}${e.stdout ?? ""}`;
      }
    }
    for (const [i, example] of examples.entries()) {
      // Saved under scratch/ in the project directory, as the guide says (its imports are "../src/node.ts").
      const dir = path.join(root, "scratch");
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `example.readme-test-${process.pid}-${path.basename(doc, ".md")}-${i}.ts`);
      await writeFile(file, `${example.join("\n")}\n`);
      try {
        const { stdout } = await exec("npx", ["tsx", file], { cwd: root, env });
        if (doc.endsWith("integrator.md")) {
          expect(stdout).to.match(/payable 729\.772 ozt fine Au \(22698437 mg\)/).and.to.contain("receiver-not-verified");
        }
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message?: string };
        return `${doc}: ts example ${i + 1}\n${e.stderr ?? e.message ?? ""}${e.stdout ?? ""}`;
      } finally {
        await rm(file, { force: true });
      }
    }
    return undefined;
  } finally {
    if (node.exitCode === null && node.signalCode === null) {
      const exited = new Promise((resolve) => node.once("exit", resolve));
      node.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (node.exitCode === null && node.signalCode === null) node.kill("SIGKILL");
    }
    await rm(workdir, { recursive: true, force: true });
  }
}
