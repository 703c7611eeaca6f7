import type { Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES, countryLabel, withArticle, type InvestorClassName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { requireAfterChainTime } from "../../internal/compliance.ts";
import { toCountry, toInvestorClass, toInvestorId, toTimestamp } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface UpdateInvestorParameters {
  deployment: Deployment;
  /** The investor (as `registerInvestor` or `getInvestor` gave it). */
  investorId: bigint | number | string;
  /** ISO 3166-1 numeric country, e.g. 586 for Pakistan. */
  country: number;
  investorClass: InvestorClassName;
  /** The new KYC expiry; after the chain's current time. */
  kycExpiry: Date;
}

export interface UpdateInvestorReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type UpdateInvestorErrorType = MineralsError;

/**
 * Updates an investor's country, class and KYC expiry for every one of its linked wallets (e.g. a renewed KYC).
 * COMPLIANCE role. Caution: the contract rewrites every wallet ever linked to the investor, so a wallet removed
 * with `removeInvestor` becomes verified again (check `getInvestor(...).linkedWallets` first).
 *
 * @example
 * await updateInvestor(officerClient, { deployment, investorId: 4n, country: 586, investorClass: "institutional", kycExpiry: new Date("2028-01-01") })
 */
export async function updateInvestor(client: Client, parameters: UpdateInvestorParameters): Promise<UpdateInvestorReturnType> {
  const investorId = toInvestorId(parameters.investorId);
  const country = toCountry(parameters.country);
  const investorClass = toInvestorClass(parameters.investorClass);
  const kycExpiry = toTimestamp(parameters.kycExpiry, "kycExpiry");
  await requireAfterChainTime(client, kycExpiry, "kycExpiry", parameters.kycExpiry);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "updateInvestor",
    args: [investorId, country, investorClass, Number(kycExpiry)],
    context: { action: `update investor ${investorId} to ${withArticle(INVESTOR_CLASSES[investorClass]!)} investor of ${countryLabel(country)}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
