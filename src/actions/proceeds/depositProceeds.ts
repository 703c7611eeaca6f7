import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { proceedsVaultAbiWithErrors, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { paymentTokenOf } from "../../internal/trades.ts";
import { toBoolean } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money } from "../../units/index.ts";
import { checkDeposit, toMoneyBase } from "./checkDeposit.ts";

export interface DepositProceedsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The amount: `Money` (USD) or base units of the stablecoin. */
  amount: Money | bigint;
  /** Whether this is the final payment (after umpire assay); no deposit may follow it. Default false. */
  final?: boolean;
  /** The payment token; defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
}

export interface DepositProceedsReturnType {
  deposited: Money;
  /** Everything deposited for the lot so far. */
  total: Money;
  final: boolean;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type DepositProceedsErrorType = ProceedsRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Deposits sale proceeds of a settling lot into the proceeds vault (TREASURY role), approving the vault for the amount
 * first when its allowance is short. Refused with a `ProceedsRefusedError` and `checkDeposit`'s sentence before
 * anything is sent.
 *
 * @example
 * await depositProceeds(client, { deployment, lotId: 1n, amount: Money.parseUsd("14,000,000 USD") })
 * await depositProceeds(client, { deployment, lotId: 1n, amount: Money.parseUsd("1,000,000 USD"), final: true })
 */
export async function depositProceeds(client: Client, parameters: DepositProceedsParameters): Promise<DepositProceedsReturnType> {
  const account = requireAccount(client);
  const { deployment } = parameters;
  const amount = toMoneyBase(parameters.amount);
  const final = parameters.final === undefined ? false : toBoolean(parameters.final, "final");
  const paymentToken = paymentTokenOf(deployment, parameters.paymentToken);
  const check = await checkDeposit(client, { deployment, lotId: parameters.lotId, amount, paymentToken, account: account.address });
  if (!check.allowed) throw new ProceedsRefusedError(check.reason, check.message);
  const { proceeds } = check;
  const money = Money.fromBase(amount);
  const action = `deposit ${money.format()} of proceeds for lot ${proceeds.lotId}`;

  let allowance: bigint;
  try {
    allowance = await readContract(client, { address: paymentToken, abi: testStablecoinAbi, functionName: "allowance", args: [account.address, proceeds.vault] });
  } catch (error) {
    throw decodeError(error, { action });
  }
  if (allowance < amount) {
    await writeAndWait(client, {
      address: paymentToken,
      abi: testStablecoinAbi,
      functionName: "approve",
      args: [proceeds.vault, amount],
      context: { action: `approve ${money.format()} to the proceeds vault` },
    });
  }
  const { receipt } = await writeAndWait(client, {
    address: proceeds.vault,
    abi: proceedsVaultAbiWithErrors,
    functionName: "deposit",
    args: [proceeds.lotId, paymentToken, amount, final],
    context: { commodity: proceeds.commodity, action },
  });
  return { deposited: money, total: Money.fromBase(proceeds.deposited.base + amount), final, hash: receipt.transactionHash, receipt };
}
