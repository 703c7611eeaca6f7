import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toInvestorId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface LinkWalletParameters {
  deployment: Deployment;
  /** The existing investor the wallet belongs to. */
  investorId: bigint | number | string;
  /** A wallet not registered yet. */
  wallet: Address;
}

export interface LinkWalletReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type LinkWalletErrorType = MineralsError;

/**
 * Links another wallet to an existing investor (at most 8 per investor). The wallet takes the investor's country,
 * class and KYC expiry, and holder limits count the investor once, however many of its wallets hold units.
 * COMPLIANCE role.
 *
 * @example
 * await linkWallet(officerClient, { deployment, investorId: 4n, wallet: "0x…" })
 */
export async function linkWallet(client: Client, parameters: LinkWalletParameters): Promise<LinkWalletReturnType> {
  const investorId = toInvestorId(parameters.investorId);
  const wallet = toAddress(parameters.wallet, "wallet");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "linkWallet",
    args: [investorId, wallet],
    context: { action: `link ${wallet} to investor ${investorId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
