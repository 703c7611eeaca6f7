import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toBoolean } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface FreezeAccountParameters {
  deployment: Deployment;
  account: Address;
  /** true freezes the whole account (it can neither send nor receive any lot), false unfreezes it. */
  frozen: boolean;
}

export interface FreezeAccountReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type FreezeAccountErrorType = MineralsError;

/**
 * Freezes or unfreezes a whole account. Its units stay where they are and can still be moved by `forcedTransfer`.
 * COMPLIANCE role.
 *
 * @example
 * await freezeAccount(officerClient, { deployment, account: "0x…", frozen: true })
 */
export async function freezeAccount(client: Client, parameters: FreezeAccountParameters): Promise<FreezeAccountReturnType> {
  const account = toAddress(parameters.account, "account");
  const frozen = toBoolean(parameters.frozen, "frozen");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "setAccountFrozen",
    args: [account, frozen],
    context: { action: `${frozen ? "freeze" : "unfreeze"} ${account}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
