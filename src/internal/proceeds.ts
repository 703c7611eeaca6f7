/**
 * What the proceeds actions share: where the proceeds vault is.
 */
import type { Address } from "viem";
import type { Deployment } from "../deployment/manifest.ts";
import { DeploymentError } from "../errors/base.ts";

/** The proceeds vault of a deployment, or a DeploymentError saying to redeploy. */
export function proceedsAddress(deployment: Deployment): Address {
  const address = deployment.contracts.ProceedsVault;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${deployment.chainId} has no ProceedsVault contract: run \`minerals deploy\` again.`);
  }
  return address;
}

/** The vault's `MAGNITUDE`: proceeds per unit are accumulated scaled by 2^128. */
export const PROCEEDS_MAGNITUDE = 2n ** 128n;

/** The vault's `_entitlementDown`: what `units` are owed at accumulator `accPerUnit`, rounded down. */
export const entitlementDown = (units: bigint, accPerUnit: bigint): bigint => (units * accPerUnit) / PROCEEDS_MAGNITUDE;
