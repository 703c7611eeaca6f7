import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { InvalidArgumentError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { paymentTokenOf } from "../../internal/trades.ts";
import { toAddress } from "../../internal/validate.ts";
import { Money } from "../../units/index.ts";
import { getProceeds, type GetProceedsReturnType } from "./getProceeds.ts";

export interface CheckDepositParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** "deposit" (default) checks a deposit of `amount`; "sweep" checks a sweep of the lot's dust. */
  operation?: "deposit" | "sweep";
  /** The amount to deposit: `Money` (USD) or base units of the stablecoin. */
  amount?: Money | bigint;
  /** The payment token; defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
  /** The depositing (or sweeping) account; defaults to the client's account. */
  account?: Address;
}

/** Why a deposit or a sweep would be refused. */
export type DepositRefusalName =
  | "ok"
  | "not-treasury"
  | "lot-not-settling"
  | "zero-amount"
  | "after-final"
  | "wrong-token"
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
 * Asks whether the treasury could deposit proceeds for a lot now (or sweep its dust), and if not, why, in one
 * sentence, before anything is sent: not the TREASURY role, the lot not settling, a zero amount, the final payment
 * already made, another token than the lot's, no units outstanding, not enough stablecoin; for a sweep, the final
 * payment not made yet or nothing to sweep.
 *
 * @example
 * const check = await checkDeposit(client, { deployment, lotId: 1n, amount: Money.parseUsd("1,000,000 USD") })
 * if (!check.allowed) console.error(check.message)
 */
export async function checkDeposit(client: Client, parameters: CheckDepositParameters): Promise<CheckDepositReturnType> {
  const { deployment } = parameters;
  const operation = parameters.operation ?? "deposit";
  if (operation !== "deposit" && operation !== "sweep") throw new InvalidArgumentError("operation", "\"deposit\" or \"sweep\"", operation);
  const account = toAddress(parameters.account ?? client.account?.address, "account");
  const amount = operation === "deposit" ? toMoneyBase(parameters.amount) : 0n;
  const paymentToken = operation === "deposit" ? paymentTokenOf(deployment, parameters.paymentToken) : undefined;
  const proceeds = await getProceeds(client, { deployment, lotId: parameters.lotId });
  const lot = proceeds.lotId;
  const refuse = (reason: DepositRefusalName, message: string): CheckDepositReturnType => ({ allowed: false, reason, message, proceeds });

  let treasury: boolean;
  try {
    treasury = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.treasury, account] });
  } catch (error) {
    throw decodeError(error, { action: `check a ${operation} for lot ${lot}` });
  }
  if (!treasury) return refuse("not-treasury", `${short(account)} does not hold the TREASURY role, which ${operation === "deposit" ? "deposits sale proceeds" : "sweeps rounding dust"}`);

  if (operation === "sweep") {
    if (!proceeds.final) return refuse("final-pending", `Lot ${lot}'s final payment has not been deposited: until it is, every base unit may still be owed to holders`);
    if (proceeds.sweepable.base === 0n) return refuse("nothing-to-sweep", `Lot ${lot} has no rounding dust to sweep`);
    return { allowed: true, reason: "ok", message: `${short(account)} may sweep ${proceeds.sweepable.format()} of dust from lot ${lot}`, proceeds };
  }

  if (proceeds.state !== "settling") return refuse("lot-not-settling", `Lot ${lot} is ${proceeds.state}: proceeds are deposited only while a lot is settling`);
  if (amount === 0n) return refuse("zero-amount", `A deposit of proceeds for lot ${lot} must be more than 0.00 USD`);
  if (proceeds.final) return refuse("after-final", `Lot ${lot}'s final payment was deposited at ${proceeds.finalAt!.toISOString()}: nothing more can be deposited`);
  if (proceeds.paymentToken !== undefined && proceeds.paymentToken.toLowerCase() !== paymentToken!.toLowerCase()) {
    return refuse("wrong-token", `Lot ${lot}'s proceeds are paid in ${short(proceeds.paymentToken)}, not ${short(paymentToken!)}`);
  }
  if (proceeds.entitledSupply.base === 0n && proceeds.outstanding.base === 0n) {
    return refuse("no-units-outstanding", `Lot ${lot} has no units outstanding: nobody could be paid`);
  }
  let balance: bigint;
  try {
    balance = await readContract(client, { address: paymentToken!, abi: testStablecoinAbi, functionName: "balanceOf", args: [account] });
  } catch (error) {
    throw decodeError(error, { action: `read the balance of ${short(account)} in ${short(paymentToken!)}` });
  }
  if (balance < amount) {
    return refuse("insufficient-balance", `${short(account)} holds ${Money.fromBase(balance).format()}, less than the ${Money.fromBase(amount).format()} to deposit`);
  }
  return { allowed: true, reason: "ok", message: `${short(account)} may deposit ${Money.fromBase(amount).format()} for lot ${lot}`, proceeds };
}
