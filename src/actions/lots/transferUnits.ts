import type { Address, Client, Hash, Hex, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type MineralsError, type TransferRefusedError } from "../../errors/base.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
import { toAddress, toAmount, toData, toLotId } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface TransferUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  to: Address;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /** Whose units to move; defaults to the client's account. Others need its operator approval. */
  from?: Address;
  data?: Hex;
}

export interface TransferUnitsReturnType {
  transferred: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `TransferRefusedError` when the compliance rules refuse the transfer (its message says why, with the figures). */
export type TransferUnitsErrorType = TransferRefusedError | MineralsError;

/**
 * Transfers units of one lot (`safeTransferFrom`). Both wallets must be verified investors and the lot's rules must
 * allow the movement; `checkTransfer` tells beforehand, and a refusal throws a `TransferRefusedError` that says why.
 *
 * @example
 * await transferUnits(client, { deployment, lotId: 1n, to: investor, amount: Quantity.parse(Commodity.Gold, "100 ozt", undefined, "down") })
 */
export async function transferUnits(client: Client, parameters: TransferUnitsParameters): Promise<TransferUnitsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const to = toAddress(parameters.to, "to");
  const data = toData(parameters.data);
  const from = parameters.from === undefined ? requireAccount(client).address : toAddress(parameters.from, "from");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const action = `transfer ${Quantity.fromBase(lot.commodity, amount).format()} of lot ${lotId}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "safeTransferFrom",
      args: [from, to, lotId, amount, data],
      context: { commodity: lot.commodity, action },
    }),
  );
  return { transferred: Quantity.fromBase(lot.commodity, amount), hash: receipt.transactionHash, receipt };
}

export interface BatchTransferUnitsParameters {
  deployment: Deployment;
  to: Address;
  /** One entry per lot: its id and an amount (a `Quantity` of its commodity, or base units). */
  items: readonly { lotId: bigint | number | string; amount: Quantity | bigint }[];
  from?: Address;
  data?: Hex;
}

export type BatchTransferUnitsReturnType = { hash: Hash; receipt: TransactionReceipt };
export type BatchTransferUnitsErrorType = TransferRefusedError | MineralsError;

/**
 * Transfers units of several lots in one transaction (`safeBatchTransferFrom`). The compliance rules apply to each
 * lot; a refusal throws a `TransferRefusedError` naming the lot and saying why.
 *
 * @example
 * await batchTransferUnits(client, { deployment, to: investor, items: [{ lotId: 1n, amount: 10n }, { lotId: 2n, amount: 5n }] })
 */
export async function batchTransferUnits(client: Client, parameters: BatchTransferUnitsParameters): Promise<BatchTransferUnitsReturnType> {
  const to = toAddress(parameters.to, "to");
  const data = toData(parameters.data);
  const from = parameters.from === undefined ? requireAccount(client).address : toAddress(parameters.from, "from");
  if (!Array.isArray(parameters.items) || parameters.items.length === 0) {
    throw new InvalidArgumentError("items", "at least one { lotId, amount }", parameters.items);
  }
  const ids: bigint[] = [];
  const amounts: bigint[] = [];
  for (const [i, item] of parameters.items.entries()) {
    const lotId = toLotId(item?.lotId, `items[${i}].lotId`);
    if (ids.includes(lotId)) throw new InvalidArgumentError(`items[${i}].lotId`, "each lot at most once", item.lotId);
    const lot = await getLot(client, { deployment: parameters.deployment, lotId });
    ids.push(lotId);
    amounts.push(toAmount(item.amount, lot.commodity, `items[${i}].amount`));
  }
  const action = `transfer units of lots ${ids.join(", ")}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "safeBatchTransferFrom",
      args: [from, to, ids, amounts, data],
      context: { action },
    }),
  );
  return { hash: receipt.transactionHash, receipt };
}
