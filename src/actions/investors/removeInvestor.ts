import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface RemoveInvestorParameters {
  deployment: Deployment;
  /** The registered wallet to remove. */
  wallet: Address;
}

export interface RemoveInvestorReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RemoveInvestorErrorType = MineralsError;

/**
 * Removes a wallet from the registry: it can no longer send or receive units. It keeps its investor id (so holder
 * counts stay exact), and units it still holds can be recovered with `forcedTransfer`. COMPLIANCE role.
 *
 * @example
 * await removeInvestor(officerClient, { deployment, wallet: "0x…" })
 */
export async function removeInvestor(client: Client, parameters: RemoveInvestorParameters): Promise<RemoveInvestorReturnType> {
  const wallet = toAddress(parameters.wallet, "wallet");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "removeInvestor",
    args: [wallet],
    context: { action: `remove ${wallet} from the investor registry` },
  });
  return { hash: receipt.transactionHash, receipt };
}
