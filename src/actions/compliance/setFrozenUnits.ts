import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toAmount, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface SetFrozenUnitsParameters {
  deployment: Deployment;
  account: Address;
  lotId: bigint | number | string;
  /**
   * How many of the account's units of the lot are frozen from now on (a `Quantity` of the lot's commodity, or
   * base units); 0 unfreezes them all. May exceed the balance (ERC-7943).
   */
  amount: Quantity | bigint;
}

export interface SetFrozenUnitsReturnType {
  /** The frozen amount now. */
  frozen: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SetFrozenUnitsErrorType = MineralsError;

/**
 * Freezes part of an account's position in one lot (ERC-7943 `setFrozenTokens`): only the rest may move.
 * COMPLIANCE role.
 *
 * @example
 * await setFrozenUnits(officerClient, { deployment, account: "0x…", lotId: 3n, amount: Quantity.parse(Commodity.Copper, "40 t") })
 */
export async function setFrozenUnits(client: Client, parameters: SetFrozenUnitsParameters): Promise<SetFrozenUnitsReturnType> {
  const account = toAddress(parameters.account, "account");
  const lotId = toLotId(parameters.lotId);
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity, "amount", true);
  const frozen = Quantity.fromBase(lot.commodity, amount);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "setFrozenTokens",
    args: [account, lotId, amount],
    context: { commodity: lot.commodity, action: `freeze ${frozen.format()} of lot ${lotId} held by ${account}` },
  });
  return { frozen, hash: receipt.transactionHash, receipt };
}
