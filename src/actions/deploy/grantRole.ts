import type { Address, Client, Hash } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES, type RoleName } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface GrantRoleParameters {
  deployment: Deployment;
  role: Exclude<RoleName, "admin">;
  account: Address;
}

export type GrantRoleReturnType = { hash: Hash };
export type GrantRoleErrorType = MineralsError;

function roleHash(role: string) {
  if (!Object.hasOwn(ROLES, role) || role === "admin") {
    throw new InvalidArgumentError("role", `one of ${Object.keys(ROLES).filter((r) => r !== "admin").join(", ")}`, role);
  }
  return ROLES[role as RoleName];
}

/**
 * Grants a registry role. Only the default admin.
 *
 * @example
 * await grantRole(adminClient, { deployment, role: "assayer", account: "0x…" })
 */
export async function grantRole(client: Client, parameters: GrantRoleParameters): Promise<GrantRoleReturnType> {
  const role = roleHash(parameters.role);
  const account = toAddress(parameters.account, "account");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "grantRole",
    args: [role, account],
    context: { action: `grant the ${parameters.role} role to ${account}` },
  });
  return { hash: receipt.transactionHash };
}

/**
 * Whether an account holds a registry role.
 *
 * @example
 * await hasRole(client, { deployment, role: "issuer", account })
 */
export async function hasRole(client: Client, parameters: GrantRoleParameters): Promise<boolean> {
  const role = roleHash(parameters.role);
  const account = toAddress(parameters.account, "account");
  try {
    return await readContract(client, {
      address: parameters.deployment.contracts.LotRegistry,
      abi: lotRegistryAbi,
      functionName: "hasRole",
      args: [role, account],
    });
  } catch (error) {
    throw decodeError(error, { action: "read a role" });
  }
}
