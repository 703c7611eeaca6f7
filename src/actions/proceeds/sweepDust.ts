import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { proceedsVaultAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { toAddress } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Money } from "../../units/index.ts";
import { checkDeposit } from "./checkDeposit.ts";

export interface SweepDustParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Where the dust goes; defaults to the client's account (the treasury). */
  to?: Address;
}

export interface SweepDustReturnType {
  swept: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SweepDustErrorType = ProceedsRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Sweeps a lot's rounding dust (what no unit, redeemed or not, can ever claim) to the treasury, after the final
 * payment. TREASURY role. Refused with a `ProceedsRefusedError` before anything is sent (not the TREASURY role, final
 * payment not made, nothing to sweep).
 *
 * @example
 * const { swept } = await sweepDust(client, { deployment, lotId: 1n })
 */
export async function sweepDust(client: Client, parameters: SweepDustParameters): Promise<SweepDustReturnType> {
  const account = requireAccount(client);
  const { deployment } = parameters;
  const to = parameters.to === undefined ? account.address : toAddress(parameters.to, "to");
  const check = await checkDeposit(client, { deployment, lotId: parameters.lotId, operation: "sweep", account: account.address });
  if (!check.allowed) throw new ProceedsRefusedError(check.reason, check.message);
  const { proceeds } = check;
  const { receipt } = await writeAndWait(client, {
    address: proceeds.vault,
    abi: proceedsVaultAbiWithErrors,
    functionName: "sweepDust",
    args: [proceeds.lotId, to],
    context: { commodity: proceeds.commodity, action: `sweep the dust of lot ${proceeds.lotId}` },
  });
  return { swept: proceeds.sweepable, hash: receipt.transactionHash, receipt };
}
