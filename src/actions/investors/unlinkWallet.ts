import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface UnlinkWalletParameters {
  deployment: Deployment;
  /** A linked wallet that holds no units of any lot. */
  wallet: Address;
}

export interface UnlinkWalletReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type UnlinkWalletErrorType = MineralsError;

/**
 * Unlinks a wallet from its investor: it becomes unregistered and frees its slot of the investor's 8-wallet limit,
 * so a lost wallet can be replaced under the same investor (link the replacement, recover the units with
 * `forcedTransfer`, then unlink). Refused while the wallet holds units of any lot. Unlike `removeInvestor`, which
 * keeps the wallet's investor id and slot so that counts including its units stay exact. COMPLIANCE role.
 *
 * @example
 * await linkWallet(officerClient, { deployment, investorId: 3n, wallet: replacement })
 * await forcedTransfer(officerClient, { deployment, from: lost, to: replacement, lotId: 1n, amount: 500n, reason: "lost wallet" })
 * await unlinkWallet(officerClient, { deployment, wallet: lost })
 */
export async function unlinkWallet(client: Client, parameters: UnlinkWalletParameters): Promise<UnlinkWalletReturnType> {
  const wallet = toAddress(parameters.wallet, "wallet");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "unlinkWallet",
    args: [wallet],
    context: { action: `unlink ${wallet} from its investor` },
  });
  return { hash: receipt.transactionHash, receipt };
}
