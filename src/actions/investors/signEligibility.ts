import type { Address, Client, Hex } from "viem";
import { getBlock, getChainId, readContract, signTypedData } from "viem/actions";
import { investorRegistrarAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { InvestorClassName } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { requireAfterChainTime } from "../../internal/compliance.ts";
import { toAddress, toCountry, toInvestorClass, toInvestorId, toTimestamp } from "../../internal/validate.ts";
import { requireAccount } from "../../internal/write.ts";

/**
 * An eligibility statement exactly as it is signed (EIP-712 `Eligibility`) and submitted: on-chain values, so that
 * what the officer signed and what the investor submits cannot differ.
 */
export interface Eligibility {
  wallet: Address;
  /** 0n registers a new investor; otherwise the investor the wallet is (or becomes) linked to. */
  investorId: bigint;
  /** ISO 3166-1 numeric country. */
  country: number;
  /** `InvestorClass` value: 1 retail, 2 accredited, 3 institutional. */
  investorClass: number;
  /** KYC expiry, in Unix seconds. */
  kycExpiry: number;
  /**
   * When it was issued: the timestamp of the newest block the officer had seen, in Unix seconds. The registry refuses
   * it once it decided anything about the wallet or its investor in a later block, and it is used at most once.
   */
  issuedAt: number;
  /**
   * Its place in the order of decisions about the wallet and its investor: it must exceed every decision already
   * taken about them, so of two statements, even issued in the same second, the higher-numbered one wins.
   */
  sequence: bigint;
  /** The last second at which the statement may be submitted, in Unix seconds. */
  deadline: bigint;
}

/** The EIP-712 type of an eligibility statement (`InvestorRegistry.ELIGIBILITY_TYPEHASH`). */
export const ELIGIBILITY_TYPES = {
  Eligibility: [
    { name: "wallet", type: "address" },
    { name: "investorId", type: "uint64" },
    { name: "country", type: "uint16" },
    { name: "investorClass", type: "uint8" },
    { name: "kycExpiry", type: "uint40" },
    { name: "issuedAt", type: "uint40" },
    { name: "sequence", type: "uint64" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The EIP-712 domain eligibility statements are signed under: the investor registrar on its chain. */
export function eligibilityDomain(deployment: Deployment, chainId: number) {
  return {
    name: "Mineral Lots Investor Registrar",
    version: "1",
    chainId,
    verifyingContract: deployment.contracts.InvestorRegistrar,
  } as const;
}

export interface SignEligibilityParameters {
  deployment: Deployment;
  /** The investor's wallet the statement makes eligible. */
  wallet: Address;
  /** Omitted (or 0n): a new investor. Otherwise the investor to link the wallet to, or to update. */
  investorId?: bigint | number | string;
  /** ISO 3166-1 numeric country. */
  country: number;
  investorClass: InvestorClassName;
  /** The first moment the KYC is no longer valid; after the chain's current time. */
  kycExpiry: Date;
  /** The last moment the statement may be submitted (whole seconds; not in the chain's past). */
  deadline: Date;
  /**
   * The statement's sequence number; default: the registrar's next one for the wallet and investor
   * (`nextSequence`). A correction of a statement signed but not yet submitted takes a higher number, so that it
   * wins whichever is submitted first.
   */
  sequence?: bigint | number;
}

export interface SignEligibilityReturnType {
  eligibility: Eligibility;
  /** The compliance officer's EIP-712 signature, 65 bytes. */
  signature: Hex;
}

export type SignEligibilityErrorType = MineralsError;

/**
 * Signs an eligibility statement off chain (EIP-712), as a compliance officer, for the investor to submit with
 * `submitEligibility` (the investor pays the gas). The client's account must hold the COMPLIANCE role when the
 * statement is submitted. It is issued at the chain's latest block with the next sequence number of the wallet and its
 * investor: any later decision about them (removal, update, link, unlink, freeze, a higher-numbered statement) makes it
 * unusable, and `cancelEligibility` withdraws it. To correct a statement not yet submitted, sign the correction with a
 * higher `sequence`.
 *
 * @example
 * const { eligibility, signature } = await signEligibility(officerClient, {
 *   deployment, wallet: investor, country: 586, investorClass: "accredited",
 *   kycExpiry: new Date("2027-06-30T00:00:00Z"), deadline: new Date(Date.now() + 7 * 86_400_000),
 * })
 * await submitEligibility(investorClient, { deployment, eligibility, signature })
 */
export async function signEligibility(client: Client, parameters: SignEligibilityParameters): Promise<SignEligibilityReturnType> {
  const account = requireAccount(client);
  const wallet = toAddress(parameters.wallet, "wallet");
  const investorId = parameters.investorId === undefined ? 0n : toInvestorId(parameters.investorId, "investorId", true);
  const country = toCountry(parameters.country);
  const investorClass = toInvestorClass(parameters.investorClass);
  const kycExpiry = toTimestamp(parameters.kycExpiry, "kycExpiry");
  const deadline = toTimestamp(parameters.deadline, "deadline", (1n << 256n) - 1n);
  await requireAfterChainTime(client, kycExpiry, "kycExpiry", parameters.kycExpiry);
  await requireAfterChainTime(client, deadline, "deadline", parameters.deadline);
  const given = parameters.sequence === undefined ? undefined : toSequence(parameters.sequence);
  try {
    const [latest, chainId, next] = await Promise.all([
      getBlock(client, { blockTag: "latest" }),
      getChainId(client),
      readContract(client, { address: parameters.deployment.contracts.InvestorRegistrar, abi: investorRegistrarAbi, functionName: "nextSequence", args: [wallet, investorId] }),
    ]);
    if (given !== undefined && given < next) {
      throw new InvalidArgumentError("sequence", `at least ${next}, the next sequence number of ${wallet} (a lower one is already superseded)`, parameters.sequence);
    }
    const issuedAt = Number(latest.timestamp);
    const eligibility: Eligibility = { wallet, investorId, country, investorClass, kycExpiry: Number(kycExpiry), issuedAt, sequence: given ?? next, deadline };
    const signature = await signTypedData(client, {
      account,
      domain: eligibilityDomain(parameters.deployment, chainId),
      types: ELIGIBILITY_TYPES,
      primaryType: "Eligibility",
      message: eligibility,
    });
    return { eligibility, signature };
  } catch (error) {
    throw decodeError(error, { action: `sign the eligibility of ${wallet}` });
  }
}

/** A statement's sequence number: a positive integer below 2^64. */
export function toSequence(value: unknown, argument = "sequence"): bigint {
  const n =
    typeof value === "bigint" ? value : typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : typeof value === "string" && /^\d+$/.test(value) ? BigInt(value) : undefined;
  if (n === undefined || n < 1n || n >= 1n << 64n) throw new InvalidArgumentError(argument, "a positive sequence number below 2^64", value);
  return n;
}
