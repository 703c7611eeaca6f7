import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { investorRegistrarAbi, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES, countryLabel, type InvestorClassName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress } from "../../internal/validate.ts";

export interface GetInvestorParameters {
  deployment: Deployment;
  wallet: Address;
}

/** What the registry knows of a wallet, as the SDK presents it. No personal data is kept on chain. */
export interface InvestorView {
  wallet: Address;
  /** The investor the wallet belongs to; 0n for a wallet never registered. */
  investorId: bigint;
  /** ISO 3166-1 numeric country; 0 for a wallet never registered. */
  country: number;
  /** The country as people read it, e.g. "PK-586" (the bare number when ISO 3166-1 does not assign it). */
  countryLabel: string;
  /** "none" for a wallet never registered or removed. */
  investorClass: InvestorClassName;
  /** The first moment the KYC is no longer valid; undefined when there is none. */
  kycExpiry: Date | undefined;
  /** Whether the whole account is frozen. */
  frozen: boolean;
  /** ERC-7943 `canSend`: verified, KYC valid and not frozen, now. */
  canSend: boolean;
  /** ERC-7943 `canReceive`. */
  canReceive: boolean;
  /** Every wallet of the same investor, this one included, in the order they were linked. */
  linkedWallets: Address[];
}

export type GetInvestorReturnType = InvestorView;
export type GetInvestorErrorType = MineralsError;

/**
 * Reads a wallet's investor record, whether it may send and receive now, and the investor's linked wallets.
 *
 * @example
 * const investor = await getInvestor(client, { deployment, wallet: "0x…" })
 * console.log(investor.countryLabel, investor.investorClass, investor.kycExpiry?.toISOString()) // "PK-586" "accredited" "2027-06-30T00:00:00.000Z"
 */
export async function getInvestor(client: Client, parameters: GetInvestorParameters): Promise<GetInvestorReturnType> {
  const wallet = toAddress(parameters.wallet, "wallet");
  const address = parameters.deployment.contracts.LotToken;
  try {
    const [record, canSend, canReceive] = await Promise.all([
      readContract(client, { address, abi: lotTokenAbi, functionName: "getInvestor", args: [wallet] }),
      readContract(client, { address, abi: lotTokenAbi, functionName: "canSend", args: [wallet] }),
      readContract(client, { address, abi: lotTokenAbi, functionName: "canReceive", args: [wallet] }),
    ]);
    const linkedWallets =
      record.investorId === 0n
        ? []
        : [
            ...(await readContract(client, {
              address: parameters.deployment.contracts.InvestorRegistrar,
              abi: investorRegistrarAbi,
              functionName: "walletsOf",
              args: [record.investorId],
            })),
          ];
    return {
      wallet,
      investorId: record.investorId,
      country: record.country,
      countryLabel: countryLabel(record.country),
      investorClass: INVESTOR_CLASSES[record.investorClass] ?? "none",
      kycExpiry: record.kycExpiry === 0 ? undefined : new Date(record.kycExpiry * 1000),
      frozen: record.frozen,
      canSend,
      canReceive,
      linkedWallets,
    };
  } catch (error) {
    throw decodeError(error, { action: `read the investor record of ${wallet}` });
  }
}
