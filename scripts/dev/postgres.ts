/**
 * A Postgres server for the index's tests and benchmark: Debian's postgresql package (`apt-get install -y
 * postgresql`, which .ci/run does), a new cluster in a temporary directory on a free loopback port, stopped and
 * removed after. Postgres refuses to run as root, so as root the cluster belongs to, and runs as, the `postgres`
 * user the package creates.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./localNode.ts";

/** A Postgres server of our own (Debian's postgresql package), on a free port, in a temporary directory. */
export interface TestPostgres {
  url: string;
  /** Runs one SQL statement with psql and returns its unaligned output. */
  query: (sql: string) => string;
  stop: () => Promise<void>;
}

/** Where Debian's postgresql package puts its programs (the newest version installed). */
export function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "initdb"))) : [];
  if (versions.length === 0) throw new Error("PostgreSQL is not installed: `apt-get install -y postgresql` (.ci/run does it)");
  return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0]!, "bin");
}

/**
 * Starts a Postgres cluster in a temporary directory on a free loopback port (trust authentication, loopback only).
 * Postgres refuses to run as root, so as root the cluster belongs to, and runs as, the `postgres` user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "minerals-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const [cmd, full] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    const result = spawnSync(cmd, full, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  run("initdb", ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"]);
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  const query = (sql: string): string => {
    const result = spawnSync(path.join(bin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-Atc", sql], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    query,
    stop: async () => {
      try {
        run("pg_ctl", ["-D", data, "-w", "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

