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

/**
 * The vault's `claimableOf` from the figures it reads: what a holder may claim now, counting the units still in its
 * wallet (a claim redeems them first). Nothing for a frozen account; frozen units left in the wallet are not
 * redeemed, and the rest of a freeze binds the position they would join; what it was paid already is taken off,
 * never below zero.
 */
export function claimableDown(parameters: {
  accountFrozen: boolean;
  balance: bigint;
  frozen: bigint;
  position: { units: bigint; paid: bigint };
  accPerUnit: bigint;
}): bigint {
  const { balance, frozen, position } = parameters;
  if (parameters.accountFrozen) return 0n;
  const sendable = balance > frozen ? balance - frozen : 0n;
  const units = position.units + sendable;
  const inWallet = balance - sendable;
  const withheld = frozen <= inWallet ? 0n : frozen - inWallet < units ? frozen - inWallet : units;
  const entitled = entitlementDown(units - withheld, parameters.accPerUnit);
  return entitled > position.paid ? entitled - position.paid : 0n;
}
