import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { InvalidArgumentError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { toAddress } from "../../internal/validate.ts";
import { Money } from "../../units/index.ts";
import { getProceeds, type GetProceedsReturnType } from "./getProceeds.ts";

/** What the check is for: a deposit, the declaration of the final payment, or a sweep of the dust. */
export type TreasuryOperation = "deposit" | "finalize" | "sweep";

export interface CheckDepositParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** "deposit" (default) checks a deposit of `amount`; "finalize" the final payment's declaration; "sweep" a sweep. */
  operation?: TreasuryOperation;
  /** The amount to deposit: `Money` (USD) or base units of the lot's payment token. */
  amount?: Money | bigint;
  /** The depositing (or declaring, or sweeping) account; defaults to the client's account. */
  account?: Address;
}

/** Why a deposit, a final declaration or a sweep would be refused. */
export type DepositRefusalName =
  | "ok"
  | "settlement-not-open"
  | "not-lot-treasury"
  | "not-treasury"
  | "lot-not-settling"
  | "zero-amount"
  | "after-final"
  | "no-units-outstanding"
  | "insufficient-balance"
  | "final-pending"
  | "nothing-to-sweep";

export interface CheckDepositReturnType {
  allowed: boolean;
  reason: DepositRefusalName;
  /** One plain sentence. */
  message: string;
  proceeds: GetProceedsReturnType;
}

export type CheckDepositErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/** The amount as base units of the stablecoin. */
export function toMoneyBase(value: unknown, argument = "amount"): bigint {
  if (value instanceof Money) return value.base;
  if (typeof value === "bigint" && value >= 0n) return value;
  throw new InvalidArgumentError(argument, "an amount of USD (Money) or a non-negative bigint of base units", value);
}

/**
 * Asks whether an account could deposit proceeds for a lot now (or declare its final payment, or sweep its dust), and
 * if not, why, in one sentence, before anything is sent: the lot's settlement never opened, the account is not the
 * one treasury named when it opened (or lost the TREASURY role), the lot not settling, a zero amount, the final
 * payment already declared, no units outstanding, not enough of the lot's payment token; for a sweep, the final
 * payment not declared yet or nothing to sweep.
 *
 * @example
 * const check = await checkDeposit(client, { deployment, lotId: 1n, amount: Money.parseUsd("1,000,000 USD") })
 * if (!check.allowed) console.error(check.message)
 */
export async function checkDeposit(client: Client, parameters: CheckDepositParameters): Promise<CheckDepositReturnType> {
  const { deployment } = parameters;
  const operation = parameters.operation ?? "deposit";
  if (operation !== "deposit" && operation !== "finalize" && operation !== "sweep") {
    throw new InvalidArgumentError("operation", "\"deposit\", \"finalize\" or \"sweep\"", operation);
  }
  const account = toAddress(parameters.account ?? client.account?.address, "account");
  const amount = operation === "deposit" ? toMoneyBase(parameters.amount) : 0n;
  const proceeds = await getProceeds(client, { deployment, lotId: parameters.lotId });
  const lot = proceeds.lotId;
  const refuse = (reason: DepositRefusalName, message: string): CheckDepositReturnType => ({ allowed: false, reason, message, proceeds });
  const doing = operation === "deposit" ? "deposit proceeds" : operation === "finalize" ? "declare the final payment" : "sweep dust";

  if (!proceeds.open || proceeds.treasury === undefined) {
    return refuse("settlement-not-open", `Lot ${lot}'s settlement has not been opened (it is ${proceeds.state}): an issuer opens it, naming the payment token and the treasury`);
  }
  if (proceeds.treasury.toLowerCase() !== account.toLowerCase()) {
    return refuse("not-lot-treasury", `${short(account)} is not lot ${lot}'s treasury: only ${short(proceeds.treasury)}, named when its settlement opened, may ${doing}`);
  }
  let treasury: boolean;
  try {
    treasury = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.treasury, account] });
  } catch (error) {
    throw decodeError(error, { action: `check a ${operation} for lot ${lot}` });
  }
  if (!treasury) return refuse("not-treasury", `${short(account)} is lot ${lot}'s treasury but no longer holds the TREASURY role (the default admin may name another treasury)`);

  if (operation === "sweep") {
    if (!proceeds.final) return refuse("final-pending", `Lot ${lot}'s final payment has not been declared: until it is, every base unit may still be owed to holders`);
    if (proceeds.sweepable.base === 0n) return refuse("nothing-to-sweep", `Lot ${lot} has no rounding dust to sweep`);
    return { allowed: true, reason: "ok", message: `${short(account)} may sweep ${proceeds.sweepable.format()} of dust from lot ${lot}`, proceeds };
  }
  if (proceeds.state !== "settling") return refuse("lot-not-settling", `Lot ${lot} is ${proceeds.state}: proceeds are deposited and the final payment declared only while a lot is settling`);
  if (proceeds.final) return refuse("after-final", `Lot ${lot}'s final payment was declared at ${proceeds.finalAt!.toISOString()}: nothing more can be deposited`);
  if (operation === "finalize") {
    return { allowed: true, reason: "ok", message: `${short(account)} may declare lot ${lot}'s final payment (${proceeds.deposited.format()} deposited in all)`, proceeds };
  }
  if (amount === 0n) return refuse("zero-amount", `A deposit of proceeds for lot ${lot} must be more than 0.00 USD`);
  if (proceeds.entitledSupply.base === 0n) return refuse("no-units-outstanding", `Lot ${lot} had no units outstanding when its settlement opened: nobody could be paid`);
  let balance: bigint;
  try {
    balance = await readContract(client, { address: proceeds.paymentToken!, abi: testStablecoinAbi, functionName: "balanceOf", args: [account] });
  } catch (error) {
    throw decodeError(error, { action: `read the balance of ${short(account)} in ${short(proceeds.paymentToken!)}` });
  }
  if (balance < amount) {
    return refuse("insufficient-balance", `${short(account)} holds ${Money.fromBase(balance).format()}, less than the ${Money.fromBase(amount).format()} to deposit`);
  }
  return { allowed: true, reason: "ok", message: `${short(account)} may deposit ${Money.fromBase(amount).format()} for lot ${lot}`, proceeds };
}
