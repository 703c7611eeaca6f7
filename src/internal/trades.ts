/**
 * What the trade actions share: where the trades contract and the payment token are, and the names of the
 * contract's enums (generated from the Solidity `TakeStatus` and `OfferState`).
 */
import type { Address } from "viem";
import { kebabNames } from "../domain.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { DeploymentError, InvalidArgumentError } from "../errors/base.ts";
import { OFFER_STATE_MEMBERS, TAKE_STATUS_MEMBERS } from "../generated/enums.ts";
import { toAddress } from "./validate.ts";

/** Why a take would fail (`TakeStatus`), by on-chain value; "ok" means it would not. */
export const TAKE_STATUSES = kebabNames(TAKE_STATUS_MEMBERS);
export type TakeStatusName = (typeof TAKE_STATUSES)[number];

/** Where an offer stands (`OfferState`), by on-chain value. */
export const OFFER_STATES = kebabNames(OFFER_STATE_MEMBERS);
export type OfferStateName = Exclude<(typeof OFFER_STATES)[number], "none">;

/** The trades contract of a deployment, or a DeploymentError saying to redeploy. */
export function tradesAddress(deployment: Deployment): Address {
  const address = deployment.contracts.LotTrades;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${deployment.chainId} has no LotTrades contract: run \`minerals deploy\` again.`);
  }
  return address;
}

/** The payment token given, or the deployment's test stablecoin. */
export function paymentTokenOf(deployment: Deployment, paymentToken: unknown): Address {
  if (paymentToken !== undefined) return toAddress(paymentToken, "paymentToken");
  const stablecoin = deployment.contracts.TestStablecoin;
  if (stablecoin === undefined) throw new InvalidArgumentError("paymentToken", "a payment token address (this deployment has no test stablecoin)", paymentToken);
  return stablecoin;
}

/** An offer id: a positive integer. */
export function toOfferId(value: unknown, argument = "offerId"): bigint {
  let id: bigint | undefined;
  try {
    id = typeof value === "bigint" ? value : typeof value === "number" || typeof value === "string" ? BigInt(value) : undefined;
  } catch {
    id = undefined;
  }
  if (id === undefined || id < 1n) throw new InvalidArgumentError(argument, "a positive offer id", value);
  return id;
}
