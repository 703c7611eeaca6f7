import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES, countryLabel, withArticle, type InvestorClassName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { investorIdOf, requireAfterChainTime } from "../../internal/compliance.ts";
import { toAddress, toCountry, toInvestorClass, toTimestamp } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface RegisterInvestorParameters {
  deployment: Deployment;
  /** The wallet to register as a new investor. */
  wallet: Address;
  /** ISO 3166-1 numeric country of the investor, e.g. 586 for Pakistan. */
  country: number;
  /** "retail", "accredited" or "institutional". */
  investorClass: InvestorClassName;
  /** The first moment the investor's KYC is no longer valid; after the chain's current time. */
  kycExpiry: Date;
}

export interface RegisterInvestorReturnType {
  /** The new investor's id; wallets linked later share it. */
  investorId: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RegisterInvestorErrorType = MineralsError;

/**
 * Registers a wallet as a new investor: country, class and KYC expiry, no personal data. COMPLIANCE role. A wallet
 * must be registered before it can receive units (a mint included).
 *
 * @example
 * const { investorId } = await registerInvestor(officerClient, {
 *   deployment, wallet: "0x…", country: 586, investorClass: "accredited", kycExpiry: new Date("2027-06-30T00:00:00Z"),
 * })
 */
export async function registerInvestor(client: Client, parameters: RegisterInvestorParameters): Promise<RegisterInvestorReturnType> {
  const wallet = toAddress(parameters.wallet, "wallet");
  const country = toCountry(parameters.country);
  const investorClass = toInvestorClass(parameters.investorClass);
  const kycExpiry = toTimestamp(parameters.kycExpiry, "kycExpiry");
  await requireAfterChainTime(client, kycExpiry, "kycExpiry", parameters.kycExpiry);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "registerInvestor",
    args: [wallet, country, investorClass, Number(kycExpiry)],
    context: { action: `register ${wallet} as ${withArticle(INVESTOR_CLASSES[investorClass]!)} investor of ${countryLabel(country)}` },
  });
  return { investorId: investorIdOf(receipt, wallet), hash: receipt.transactionHash, receipt };
}
