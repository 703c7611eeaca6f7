import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type MineralsError, type TransferRefusedError } from "../../errors/base.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
import { toAddress, toAmount, toLotId, toText } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface ForcedTransferParameters {
  deployment: Deployment;
  /** The account units are taken from (frozen, removed or lost wallets included). */
  from: Address;
  /** The receiver: it must still be a verified investor the lot's rules allow. */
  to: Address;
  lotId: bigint | number | string;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /** The legal ground (court order, lost-wallet recovery, ...), recorded in the `ForcedTransferReason` event. */
  reason: string;
}

export interface ForcedTransferReturnType {
  transferred: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `TransferRefusedError` when the receiver may not hold the lot. */
export type ForcedTransferErrorType = TransferRefusedError | MineralsError;

/**
 * Moves units without the sender's consent (ERC-7943 `forcedTransfer`, with the reason recorded): for a regulator's
 * order or to recover a lost or compromised wallet. Ignores the sender's side (frozen account, frozen units, which
 * are unfrozen as needed, removal), the pause and holds, but never the receiver's eligibility, country, class,
 * holder limit or minimum holding. COMPLIANCE role.
 *
 * @example
 * await forcedTransfer(officerClient, { deployment, from: lostWallet, to: newWallet, lotId: 3n, amount: 100_000n, reason: "lost-wallet recovery, ticket 2026-114" })
 */
export async function forcedTransfer(client: Client, parameters: ForcedTransferParameters): Promise<ForcedTransferReturnType> {
  const from = toAddress(parameters.from, "from");
  const to = toAddress(parameters.to, "to");
  if (from === to) throw new InvalidArgumentError("to", "an account other than from", parameters.to);
  const lotId = toLotId(parameters.lotId);
  const reason = toText(parameters.reason, "reason", 1024);
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const transferred = Quantity.fromBase(lot.commodity, amount);
  const action = `force the transfer of ${transferred.format()} of lot ${lotId} from ${from}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "forcedTransferWithReason",
      args: [from, to, lotId, amount, reason],
      context: { commodity: lot.commodity, action },
    }),
  );
  return { transferred, hash: receipt.transactionHash, receipt };
}
