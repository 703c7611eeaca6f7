import type { Address, Client, Hash, Hex, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type MineralsError, type TransferRefusedError } from "../../errors/base.ts";
import { lotCommodities, lotCommodity } from "../../internal/commodities.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
import { toAddress, toAmount, toData, toLotId } from "../../internal/validate.ts";
import { requireAccount, startEstimate, writeAndWait } from "../../internal/write.ts";
import { Quantity, type Commodity } from "../../units/index.ts";

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
 * The `safeTransferFrom` call that moves `amount` of lot `lotId` from `from` to `to`: what `transferUnits` sends and
 * `pipelineTransfers` proves and sends, one by one.
 *
 * @example
 * const call = transferCall(deployment, { from, to, lotId: 1n, amount: 10n, data: "0x" })
 */
export function transferCall(deployment: Deployment, t: { from: Address; to: Address; lotId: bigint; amount: bigint; data: Hex }) {
  return { address: deployment.contracts.LotToken, abi: lotTokenAbiWithErrors, functionName: "safeTransferFrom", args: [t.from, t.to, t.lotId, t.amount, t.data] } as const;
}

/**
 * How a transfer is named in its refusals and errors, the same words for `transferUnits` and `pipelineTransfers`.
 *
 * @example
 * transferAction(Commodity.Copper, 10_000n, 1n) // "transfer 10.000 t Cu of lot 1"
 */
export function transferAction(commodity: Commodity, amount: bigint, lotId: bigint): string {
  return `transfer ${Quantity.fromBase(commodity, amount).format()} of lot ${lotId}`;
}

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
  const transfer = (amount: bigint) => transferCall(parameters.deployment, { from, to, lotId, amount, data });
  // The proof is the gas estimate: it runs the transfer with every rule of the token, and its refusal is explained
  // like a simulation's, so no separate simulation runs the same rules on the same state again. It starts with the
  // amount as given while the lot's commodity is read (what the amount is checked against and the messages are
  // written in); nothing is sent before that check.
  const given = parameters.amount instanceof Quantity ? parameters.amount.base : typeof parameters.amount === "bigint" ? parameters.amount : undefined;
  const estimate = given === undefined ? undefined : startEstimate(client, transfer(given));
  const commodity = await lotCommodity(client, parameters.deployment, lotId);
  const amount = toAmount(parameters.amount, commodity);
  const action = transferAction(commodity, amount, lotId);
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, { ...transfer(amount), context: { commodity, action }, simulate: false, estimate: amount === given ? estimate : undefined }),
  );
  return { transferred: Quantity.fromBase(commodity, amount), hash: receipt.transactionHash, receipt };
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
  // The lots are read in one batch; the first problem is still reported in the order of the items (a malformed or
  // repeated lot id, a lot that does not exist, an amount that does not fit its lot), as a read per item would.
  const ids: bigint[] = [];
  let malformed: unknown;
  for (const [i, item] of parameters.items.entries()) {
    try {
      const lotId = toLotId(item?.lotId, `items[${i}].lotId`);
      if (ids.includes(lotId)) throw new InvalidArgumentError(`items[${i}].lotId`, "each lot at most once", item.lotId);
      ids.push(lotId);
    } catch (error) {
      malformed = error;
      break;
    }
  }
  const commodities = await lotCommodities(client, parameters.deployment, ids);
  const amounts = ids.map((_, i) => {
    const commodity = commodities[i]!;
    if (commodity instanceof Error) throw commodity;
    return toAmount(parameters.items[i]!.amount, commodity, `items[${i}].amount`);
  });
  if (malformed !== undefined) throw malformed;
  const action = `transfer units of lots ${ids.join(", ")}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "safeBatchTransferFrom",
      args: [from, to, ids, amounts, data],
      context: { action },
      simulate: false,
    }),
  );
  return { hash: receipt.transactionHash, receipt };
}
