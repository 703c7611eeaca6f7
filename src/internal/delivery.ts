/**
 * What the delivery actions share: where the delivery escrow is, the names of its request statuses (generated from
 * the Solidity `DeliveryStatus`), request ids and the references stored as `bytes32`.
 */
import { isHex, type Address, type Hex } from "viem";
import { kebabNames } from "../domain.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { DeploymentError, InvalidArgumentError } from "../errors/base.ts";
import { DELIVERY_STATUS_MEMBERS } from "../generated/enums.ts";
import { fromShortString, toHash, toShortString } from "./validate.ts";

/** Where a delivery request stands (`DeliveryStatus`), by on-chain value. */
export const DELIVERY_STATUSES = kebabNames(DELIVERY_STATUS_MEMBERS);
export type DeliveryStatusName = Exclude<(typeof DELIVERY_STATUSES)[number], "none">;

/** The delivery escrow of a deployment, or a DeploymentError saying to redeploy. */
export function deliveryAddress(deployment: Deployment): Address {
  const address = deployment.contracts.DeliveryEscrow;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${deployment.chainId} has no DeliveryEscrow contract: run \`minerals deploy\` again.`);
  }
  return address;
}

/** A delivery request id: a positive integer. */
export function toRequestId(value: unknown, argument = "requestId"): bigint {
  let id: bigint | undefined;
  try {
    id = typeof value === "bigint" ? value : typeof value === "number" || typeof value === "string" ? BigInt(value) : undefined;
  } catch {
    id = undefined;
  }
  if (id === undefined || id < 1n) throw new InvalidArgumentError(argument, "a positive request id", value);
  return id;
}

/**
 * A reference stored as `bytes32` (delivery instructions, release note, rejection reason): a 0x-prefixed 32-byte
 * hash (e.g. the sha256 of an off-chain document) or a short text of at most 32 bytes. Never personal data.
 */
export function toReference(value: unknown, argument: string): Hex {
  if (typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value)) return toHash(value, argument);
  return toShortString(value, argument);
}

/** A stored reference as the text it was written from, or its hex when it is a hash. */
export function fromReference(value: Hex): string {
  const text = fromShortString(value);
  return isHex(value) && /^[\x20-\x7e]*$/.test(text) ? text : value;
}
