/**
 * The `minerals` program as a user meets it before any chain is involved: `--version`, `--help` marking the options
 * a command cannot run without, and `MINERALS_RPC` / `MINERALS_DEPLOYMENTS` as the defaults of `--rpc` and
 * `--deployments` in every command.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "chai";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mineralsBin = path.join(root, "bin/minerals.mjs");

/** The environment of this process without the variables that would change the CLI's defaults. */
function withoutMineralsEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["MINERALS_RPC", "MINERALS_DEPLOYMENTS", "MINERALS_PRIVATE_KEY"]) delete env[name];
  return env;
}

async function minerals(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [mineralsBin, ...args], {
      cwd: root,
      env: { ...withoutMineralsEnv(), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("minerals program", function () {
  this.timeout(60_000);

  it("runs from the JavaScript built at install, never loading tsx", async function () {
    // A module-resolution hook that refuses any import of tsx, registered before the CLI starts.
    const dir = await mkdtemp(path.join(os.tmpdir(), "minerals-no-tsx-"));
    try {
      await writeFile(
        path.join(dir, "hooks.mjs"),
        'export async function resolve(specifier, context, next) { if (/^tsx(\\/|$)/.test(specifier)) throw new Error(`tsx loaded at run time: ${specifier}`); return next(specifier, context); }\n',
      );
      await writeFile(path.join(dir, "register.mjs"), 'import { register } from "node:module"; register("./hooks.mjs", import.meta.url);\n');
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", path.join(dir, "register.mjs"), mineralsBin, "lot", "--help"], {
        cwd: root,
        env: withoutMineralsEnv(),
      });
      expect(stdout).to.contain("register");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("--version prints the package version", async function () {
    const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
    const result = await minerals(["--version"]);
    expect(result.code).to.equal(0);
    expect(result.stdout.trim()).to.equal(version);
  });

  it("--help marks every required option as required, and no optional one", async function () {
    const result = await minerals(["lot", "mint", "--help"]);
    expect(result.code).to.equal(0);
    const line = (flag: string) => result.stdout.split("\n").find((l) => l.trimStart().startsWith(flag)) ?? "";
    for (const flag of ["--lot", "--to", "--amount"]) expect(line(flag), flag).to.contain("(required)");
    for (const flag of ["--rounding", "--rpc", "--account", "--deployments", "--json"]) expect(line(flag), flag).to.not.contain("(required)");
    // Help wraps at the terminal width, and the default --deployments path is as long as the checkout's path.
    expect(result.stdout.replace(/\s+/g, " ")).to.contain("env: MINERALS_RPC").and.to.contain("env: MINERALS_DEPLOYMENTS");
  });

  const commands: string[][] = [
    ["deploy"],
    ["report"],
    ["lot", "show", "--lot", "1"],
    ["transfer", "--lot", "1", "--to", "4", "--amount", "1 t"],
    ["investor", "show", "--wallet", "4"],
    ["rules", "show", "--lot", "1"],
    ["demo"],
  ];
  for (const args of commands) {
    it(`MINERALS_RPC is the default of --rpc for minerals ${args.join(" ")}${args[0] === "demo" ? " (instead of the in-process chain)" : ""}`, async function () {
      const result = await minerals(args, { MINERALS_RPC: "http://127.0.0.1:9" });
      expect(result.code).to.not.equal(0);
      expect(result.stderr).to.match(/Cannot reach a chain at http:\/\/127\.0\.0\.1:9\b/);
    });
  }

  it("an explicit --rpc wins over MINERALS_RPC", async function () {
    const result = await minerals(["report", "--rpc", "http://127.0.0.1:7"], { MINERALS_RPC: "http://127.0.0.1:9" });
    expect(result.stderr).to.match(/Cannot reach a chain at http:\/\/127\.0\.0\.1:7\b/);
  });
});
