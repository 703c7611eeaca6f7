import { isHex, type Client, type Hash, type Hex, type TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { investorIdOf } from "../../internal/compliance.ts";
import { toAddress, toCountry, toIntInRange, toInvestorClass, toInvestorId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { toSequence, type Eligibility } from "./signEligibility.ts";

export interface SubmitEligibilityParameters {
  deployment: Deployment;
  /**
   * The statement as `signEligibility` returned it. Numbers given as decimal strings (after a JSON round trip) and
   * the class given by name are accepted.
   */
  eligibility: Eligibility;
  /** The compliance officer's signature of it. */
  signature: Hex;
}

export interface SubmitEligibilityReturnType {
  /** The investor the wallet now belongs to (new, or the one it was linked to). */
  investorId: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SubmitEligibilityErrorType = MineralsError;

const UINT256_MAX = (1n << 256n) - 1n;

/**
 * Submits an eligibility statement a compliance officer signed (`signEligibility`): registers the wallet as a new
 * investor, links it to an existing one, or updates its investor. Anyone may submit it, typically the investor.
 * Refused when the deadline has passed, the signer lacks the COMPLIANCE role, the statement was already used or
 * cancelled, or the registry decided about the wallet or its investor after the statement was issued or under a
 * sequence number at or above the statement's.
 *
 * @example
 * const { investorId } = await submitEligibility(investorClient, { deployment, eligibility, signature })
 */
export async function submitEligibility(client: Client, parameters: SubmitEligibilityParameters): Promise<SubmitEligibilityReturnType> {
  const eligibility = toEligibility(parameters.eligibility);
  const signature = parameters.signature;
  if (typeof signature !== "string" || !isHex(signature, { strict: true }) || signature.length !== 132) {
    throw new InvalidArgumentError("signature", "a 0x-prefixed 65-byte signature", signature);
  }
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "submitEligibility",
    args: [eligibility, signature],
    context: { action: `submit the eligibility of ${eligibility.wallet}` },
  });
  return { investorId: investorIdOf(receipt, eligibility.wallet), hash: receipt.transactionHash, receipt };
}

/**
 * Checks a statement field by field and returns it with on-chain values, naming the first bad field
 * (`eligibility.country`, ...). Numbers given as decimal strings and the class given by name are accepted.
 */
export function toEligibility(value: Eligibility): Eligibility {
  const e = value as unknown as Record<string, unknown> | undefined;
  if (typeof e !== "object" || e === null) throw new InvalidArgumentError("eligibility", "a signed eligibility statement", e);
  const wallet = toAddress(e.wallet, "eligibility.wallet");
  const investorId = toInvestorId(e.investorId, "eligibility.investorId", true);
  const country = toCountry(typeof e.country === "string" ? Number(e.country) : e.country, "eligibility.country");
  const investorClass =
    typeof e.investorClass === "string" && !/^\d+$/.test(e.investorClass)
      ? toInvestorClass(e.investorClass, "eligibility.investorClass")
      : toIntInRange(Number(e.investorClass), "eligibility.investorClass", 1, INVESTOR_CLASSES.length - 1, "an investor class value from 1 to 3");
  const kycExpiry = toIntInRange(
    typeof e.kycExpiry === "string" ? Number(e.kycExpiry) : e.kycExpiry,
    "eligibility.kycExpiry",
    1,
    2 ** 40 - 1,
    "a KYC expiry in Unix seconds",
  );
  const issuedAt = toIntInRange(
    typeof e.issuedAt === "string" ? Number(e.issuedAt) : e.issuedAt,
    "eligibility.issuedAt",
    0,
    2 ** 40 - 1,
    "an issue time in Unix seconds",
  );
  const sequence = toSequence(e.sequence, "eligibility.sequence");
  const deadline = toUint256(e.deadline, "eligibility.deadline");
  return { wallet, investorId, country, investorClass, kycExpiry, issuedAt, sequence, deadline };
}

function toUint256(value: unknown, argument: string): bigint {
  const n = typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : typeof value === "string" && /^\d+$/.test(value) ? BigInt(value) : undefined;
  if (n === undefined || n < 0n || n > UINT256_MAX) throw new InvalidArgumentError(argument, "a non-negative integer", value);
  return n;
}
