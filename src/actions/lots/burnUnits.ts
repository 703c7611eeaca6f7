import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toAmount, toLotId } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface BurnUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /** Whose units to burn; defaults to the client's account. Others need its operator approval. */
  from?: Address;
}

export interface BurnUnitsReturnType {
  burned: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type BurnUnitsErrorType = MineralsError;

/**
 * Burns units of a lot held by the client's account (or by `from`, if it approved the account as operator).
 *
 * @example
 * await burnUnits(client, { deployment, lotId: 1n, amount: 1_000n })
 */
export async function burnUnits(client: Client, parameters: BurnUnitsParameters): Promise<BurnUnitsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const from = parameters.from === undefined ? requireAccount(client).address : toAddress(parameters.from, "from");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "burn",
    args: [from, lotId, amount],
    context: { commodity: lot.commodity, action: `burn ${Quantity.fromBase(lot.commodity, amount).format()} of lot ${lotId}` },
  });
  return { burned: Quantity.fromBase(lot.commodity, amount), hash: receipt.transactionHash, receipt };
}
