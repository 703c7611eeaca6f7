import type { Client, Hash, TransactionReceipt } from "viem";
import { encodeFunctionData } from "viem";
import { readContract } from "viem/actions";
import { proceedsVaultAbiWithErrors, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { toBoolean } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money } from "../../units/index.ts";
import { checkDeposit, toMoneyBase } from "./checkDeposit.ts";

export interface DepositProceedsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The amount: `Money` (USD) or base units of the lot's payment token. Zero only with `final` (a final payment
   * that adds nothing, e.g. after an umpire assay that lowered the price to what was paid). */
  amount: Money | bigint;
  /** Whether this is the final payment: the deposit and the declaration go in one transaction, and no deposit may
   * follow. Default false. */
  final?: boolean;
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
 * Deposits sale proceeds of a settling lot into the proceeds vault, in the payment token fixed when its settlement
 * opened, by the one treasury account named then, approving the vault for the amount first when its allowance is
 * short. With `final`, the treasury declares the final payment in the same transaction (`multicall`). Refused with a
 * `ProceedsRefusedError` and `checkDeposit`'s sentence before anything is sent.
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
  const operation = amount === 0n && final ? "finalize" : "deposit";
  const check = await checkDeposit(client, { deployment, lotId: parameters.lotId, operation, amount, account: account.address });
  if (!check.allowed) throw new ProceedsRefusedError(check.reason, check.message);
  const { proceeds } = check;
  const money = Money.fromBase(amount);
  const action = amount === 0n ? `declare lot ${proceeds.lotId}'s final payment` : `deposit ${money.format()} of proceeds for lot ${proceeds.lotId}${final ? " as its final payment" : ""}`;
  const paymentToken = proceeds.paymentToken!;

  if (amount !== 0n) {
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
  }
  const deposit = encodeFunctionData({ abi: proceedsVaultAbiWithErrors, functionName: "deposit", args: [proceeds.lotId, amount] });
  const finalize = encodeFunctionData({ abi: proceedsVaultAbiWithErrors, functionName: "finalize", args: [proceeds.lotId] });
  const { receipt } = await writeAndWait(client, {
    address: proceeds.vault,
    abi: proceedsVaultAbiWithErrors,
    functionName: "multicall",
    args: [amount === 0n ? [finalize] : final ? [deposit, finalize] : [deposit]],
    context: { commodity: proceeds.commodity, action },
  });
  return { deposited: money, total: Money.fromBase(proceeds.deposited.base + amount), final, hash: receipt.transactionHash, receipt };
}
