import type { Client, Hash, TransactionReceipt } from "viem";
import { proceedsVaultAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Money } from "../../units/index.ts";
import { checkDeposit } from "./checkDeposit.ts";

export interface SweepDustParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

export interface SweepDustReturnType {
  swept: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SweepDustErrorType = ProceedsRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Sweeps a lot's rounding dust (what no unit, redeemed or not, can ever claim) to the lot's treasury, after the final
 * payment. Only that treasury account. Refused with a `ProceedsRefusedError` before anything is sent (not the lot's
 * treasury, final payment not declared, nothing to sweep).
 *
 * @example
 * const { swept } = await sweepDust(client, { deployment, lotId: 1n })
 */
export async function sweepDust(client: Client, parameters: SweepDustParameters): Promise<SweepDustReturnType> {
  const account = requireAccount(client);
  const { deployment } = parameters;
  const check = await checkDeposit(client, { deployment, lotId: parameters.lotId, operation: "sweep", account: account.address });
  if (!check.allowed) throw new ProceedsRefusedError(check.reason, check.message);
  const { proceeds } = check;
  const { receipt } = await writeAndWait(client, {
    address: proceeds.vault,
    abi: proceedsVaultAbiWithErrors,
    functionName: "sweepDust",
    args: [proceeds.lotId],
    context: { commodity: proceeds.commodity, action: `sweep the dust of lot ${proceeds.lotId}` },
  });
  return { swept: proceeds.sweepable, hash: receipt.transactionHash, receipt };
}
