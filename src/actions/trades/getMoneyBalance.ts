import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { paymentTokenOf } from "../../internal/trades.ts";
import { toAddress } from "../../internal/validate.ts";
import { Money } from "../../units/index.ts";

export interface GetMoneyBalanceParameters {
  deployment: Deployment;
  owner: Address;
  /** The ERC-20 (6 decimals, USD); defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
}

export type GetMoneyBalanceReturnType = Money;

export type GetMoneyBalanceErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * What a wallet (or a platform contract) holds of the payment token, as `Money` in USD to the base unit.
 *
 * @example
 * const balance = await getMoneyBalance(client, { deployment, owner: investor })
 * console.log(balance.format()) // "1,000,000.00 USD"
 */
export async function getMoneyBalance(client: Client, parameters: GetMoneyBalanceParameters): Promise<GetMoneyBalanceReturnType> {
  const owner = toAddress(parameters.owner, "owner");
  const token = paymentTokenOf(parameters.deployment, parameters.paymentToken);
  try {
    return Money.fromBase(await readContract(client, { address: token, abi: testStablecoinAbi, functionName: "balanceOf", args: [owner] }));
  } catch (error) {
    throw decodeError(error, { action: `read the payment token balance of ${short(owner)}` });
  }
}
