/**
 * `minerals deploy` (the registry and units token, with roles) and `minerals roles grant`.
 */
import { Command } from "commander";
import type { Address } from "viem";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { startProgress } from "./progress.ts";
import { access, rename } from "node:fs/promises";
import path from "node:path";
import { manifestPath, readDeployment, writeDeployment } from "../../src/deployment/files.ts";
import { verifyDeployment, type Deployment } from "../../src/deployment/manifest.ts";
import { ROLES, type RoleName } from "../../src/domain.ts";
import { DeploymentError, InvalidArgumentError } from "../../src/errors/base.ts";
import { addressOrIndex, connect, parseFlag, run, toJson, withCommonOptions, withPlatform, type Connection } from "./context.ts";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Roles granted at deployment on a local node, unless flags say otherwise. */
export const LOCAL_ROLE_DEFAULTS = { issuer: ["0"], assayer: ["1"], custodian: ["2", "3"], compliance: ["6"], pauser: ["7"], refiner: ["12"] } as const;

function roleAccounts(connection: Connection, values: readonly string[], flag: string): Address[] {
  return values.map((v) => addressOrIndex(connection, v, flag));
}

/** Where a new deployment's manifest went, and what became of the one it found there. */
export interface SavedManifest {
  file: string;
  /** The manifest that was there before: `kept` (renamed to `keptAs`), `replaced` (with --force) or `stale`. */
  previous?: { outcome: "kept" | "replaced" | "stale" | "unreadable"; block?: bigint; keptAs?: string };
  /** One sentence for the user about the previous manifest, if there was one. */
  note?: string;
}

/**
 * Writes the manifest of a new deployment without silently losing one whose contracts are still live on the chain:
 * that one is kept, renamed with its deployment block (`31337.block-12.json`), unless `force` says to replace it.
 * A manifest whose contracts are gone (the node restarted) or that cannot be read is replaced, with a note.
 */
export async function saveManifest(connection: Connection, deployment: Deployment, dir: string, force = false): Promise<SavedManifest> {
  const file = manifestPath(deployment.chainId, dir);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  let saved: SavedManifest = { file };
  if (exists) {
    let previous: Deployment | undefined;
    let live = false;
    try {
      previous = await readDeployment(deployment.chainId, dir);
      await verifyDeployment(connection.client, previous);
      live = true;
    } catch (error) {
      if (!(error instanceof DeploymentError)) throw error;
    }
    if (!previous) {
      saved = { file, previous: { outcome: "unreadable" }, note: `Replaced ${file}, which was not a readable manifest.` };
    } else if (!live) {
      saved = {
        file,
        previous: { outcome: "stale", block: previous.block.number },
        note: `Replaced the previous manifest: its contracts (deployed at block ${previous.block.number}) are no longer on chain ${deployment.chainId}, as after a node restart.`,
      };
    } else if (force) {
      saved = {
        file,
        previous: { outcome: "replaced", block: previous.block.number },
        note: `Replaced the previous manifest (--force), although its contracts deployed at block ${previous.block.number} are still live.`,
      };
    } else {
      const keptAs = path.join(path.dirname(file), `${deployment.chainId}.block-${previous.block.number}.json`);
      await rename(file, keptAs);
      saved = {
        file,
        previous: { outcome: "kept", block: previous.block.number, keptAs },
        note: `Kept the previous manifest, whose contracts deployed at block ${previous.block.number} are still live, as ${keptAs} (--force replaces it instead).`,
      };
    }
  }
  await writeDeployment(deployment, dir);
  return saved;
}

export function deployCommand(): Command {
  return withCommonOptions(
    new Command("deploy")
      .description("deploy the lot registry and units token, grant roles, and write deployments/<chainId>.json")
      .option("--issuer <address|index>", `ISSUER role (repeatable; default account ${LOCAL_ROLE_DEFAULTS.issuer.join(", ")})`, collect)
      .option("--assayer <address|index>", `ASSAYER role (repeatable; default account ${LOCAL_ROLE_DEFAULTS.assayer.join(", ")})`, collect)
      .option("--custodian <address|index>", `CUSTODIAN role (repeatable; default accounts ${LOCAL_ROLE_DEFAULTS.custodian.join(", ")})`, collect)
      .option("--compliance <address|index>", `COMPLIANCE role (repeatable; default account ${LOCAL_ROLE_DEFAULTS.compliance.join(", ")})`, collect)
      .option("--pauser <address|index>", `PAUSER role (repeatable; default account ${LOCAL_ROLE_DEFAULTS.pauser.join(", ")})`, collect)
      .option("--refiner <address|index>", `REFINER role, the refinery (repeatable; default account ${LOCAL_ROLE_DEFAULTS.refiner.join(", ")})`, collect)
      .option("--admin-delay <seconds>", "delay before a new default admin may accept the role", "172800")
      .option("--base-uri <uri>", "prefix of lots' metadata URIs", "ipfs://minerals-lots/")
      .option("--force", "replace the chain's manifest even if its contracts are still live (by default it is kept, renamed with its block number)"),
  ).action((options) =>
    run(async () => {
      const delay = parseFlag("--admin-delay", () => {
        if (!/^\d+$/.test(options.adminDelay)) throw new Error(`expected whole seconds, got "${options.adminDelay}"`);
        return Number(options.adminDelay);
      });
      const connection = await connect(options);
      try {
        const roles = {
          issuer: roleAccounts(connection, options.issuer ?? LOCAL_ROLE_DEFAULTS.issuer, "--issuer"),
          assayer: roleAccounts(connection, options.assayer ?? LOCAL_ROLE_DEFAULTS.assayer, "--assayer"),
          custodian: roleAccounts(connection, options.custodian ?? LOCAL_ROLE_DEFAULTS.custodian, "--custodian"),
          compliance: roleAccounts(connection, options.compliance ?? LOCAL_ROLE_DEFAULTS.compliance, "--compliance"),
          pauser: roleAccounts(connection, options.pauser ?? LOCAL_ROLE_DEFAULTS.pauser, "--pauser"),
          refiner: roleAccounts(connection, options.refiner ?? LOCAL_ROLE_DEFAULTS.refiner, "--refiner"),
        };
        // A dozen transactions: on a busy node, more than a second, so it says what it is doing.
        const progress = startProgress({ quiet: true });
        progress.step("deploying the platform's contracts and granting their roles");
        let deployment;
        try {
          deployment = await deployPlatform(connection.client, { adminTransferDelay: delay, baseURI: options.baseUri, roles });
        } finally {
          progress.stop();
        }
        const saved = await saveManifest(connection, deployment, options.deployments, options.force === true);
        const file = saved.file;
        if (options.json) console.log(toJson({ ...deployment, roles, manifest: file, ...(saved.previous ? { previousManifest: saved.previous } : {}) }));
        else {
          if (saved.note) console.log(saved.note);
          console.log(`Deployed on chain ${deployment.chainId} at block ${deployment.block.number}:`);
          console.log(`  LotRegistry ${deployment.contracts.LotRegistry}`);
          console.log(`  LotToken    ${deployment.contracts.LotToken}`);
          console.log(`  InvestorRegistrar ${deployment.contracts.InvestorRegistrar}`);
          for (const [role, accounts] of Object.entries(roles)) console.log(`  ${role.padEnd(10)} ${accounts.join(", ")}`);
          console.log(`Manifest: ${file}`);
        }
      } finally {
        await connection.close();
      }
    }),
  );
}

export function rolesCommand(): Command {
  const roles = new Command("roles").description("grant registry roles (default admin only)");
  withCommonOptions(
    roles
      .command("grant")
      .description("grant a role (default admin only)")
      .requiredOption("--role <role>", Object.keys(ROLES).filter((r) => r !== "admin").join(" | "))
      .requiredOption("--to <address|index>", "the account"),
  ).action((options) =>
    run(async () => {
      if (!Object.hasOwn(ROLES, options.role) || options.role === "admin") {
        throw new InvalidArgumentError("--role", Object.keys(ROLES).filter((r) => r !== "admin").join(", "), options.role);
      }
      await withPlatform(options, async ({ sdk, connection }) => {
        const account = addressOrIndex(connection, options.to, "--to");
        const r = await sdk.grantRole({ role: options.role as Exclude<RoleName, "admin">, account });
        console.log(options.json ? toJson({ role: options.role, account, transaction: r.hash }) : `Granted ${options.role} to ${account}`);
      });
    }),
  );
  return roles;
}
