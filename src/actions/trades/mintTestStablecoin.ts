import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  DeploymentError,
  InvalidArgumentError,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { toAddress } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Money } from "../../units/index.ts";

export interface MintTestStablecoinParameters {
  deployment: Deployment;
  to: Address;
  /** `Money` (USD) or base units (6 decimals). */
  amount: Money | bigint;
}

export interface MintTestStablecoinReturnType {
  minted: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type MintTestStablecoinErrorType = InvalidArgumentErrorType | DeploymentErrorType | TransactionErrorType;

/**
 * Mints the local chain's test stablecoin to a wallet, so an investor can pay for offers on a local chain. Only a
 * deployment with a `TestStablecoin` (local chains) has one.
 *
 * @example
 * await mintTestStablecoin(client, { deployment, to: investor, amount: Money.parseUsd("1,000 USD") })
 */
export async function mintTestStablecoin(client: Client, parameters: MintTestStablecoinParameters): Promise<MintTestStablecoinReturnType> {
  const to = toAddress(parameters.to, "to");
  const amount = parameters.amount instanceof Money ? parameters.amount.base : parameters.amount;
  if (typeof amount !== "bigint" || amount <= 0n) throw new InvalidArgumentError("amount", "a positive amount of money", parameters.amount);
  const address = parameters.deployment.contracts.TestStablecoin;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${parameters.deployment.chainId} has no test stablecoin (it is deployed on local chains only).`);
  }
  const minted = Money.fromBase(amount);
  const { receipt } = await writeAndWait(client, {
    address,
    abi: testStablecoinAbi,
    functionName: "mint",
    args: [to, amount],
    context: { action: `mint ${minted.format()} of test stablecoin` },
  });
  return { minted, hash: receipt.transactionHash, receipt };
}
