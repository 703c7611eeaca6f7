/**
 * `minerals deploy` (the registry and units token, with roles) and `minerals roles grant`.
 */
import { Command } from "commander";
import type { Address } from "viem";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { writeDeployment } from "../../src/deployment/manifest.ts";
import { ROLES, type RoleName } from "../../src/domain.ts";
import { InvalidArgumentError } from "../../src/errors/base.ts";
import { addressOrIndex, connect, parseFlag, run, toJson, withCommonOptions, withPlatform, type Connection } from "./context.ts";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Roles granted at deployment on a local node, unless flags say otherwise. */
export const LOCAL_ROLE_DEFAULTS = { issuer: ["0"], assayer: ["1"], custodian: ["2", "3"], compliance: ["6"], pauser: ["7"] } as const;

function roleAccounts(connection: Connection, values: readonly string[], flag: string): Address[] {
  return values.map((v) => addressOrIndex(connection, v, flag));
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
      .option("--admin-delay <seconds>", "delay before a new default admin may accept the role", "172800")
      .option("--base-uri <uri>", "prefix of lots' metadata URIs", "ipfs://minerals-lots/"),
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
        };
        const deployment = await deployPlatform(connection.client, { adminTransferDelay: delay, baseURI: options.baseUri, roles });
        const file = await writeDeployment(deployment, options.deployments);
        if (options.json) console.log(toJson({ ...deployment, roles, manifest: file }));
        else {
          console.log(`Deployed on chain ${deployment.chainId} at block ${deployment.block.number}:`);
          console.log(`  LotRegistry ${deployment.contracts.LotRegistry}`);
          console.log(`  LotToken    ${deployment.contracts.LotToken}`);
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
