import { zeroAddress, type Address, type Client, type Hash, type TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError, TransferRefusedError } from "../../errors/base.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
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

/** `TransferRefusedError` when the compliance rules refuse the burn (pause, hold, lock-up, frozen units, ...). */
export type BurnUnitsErrorType = TransferRefusedError | MineralsError;

/**
 * Burns units of a lot held by the client's account (or by `from`, if it approved the account as operator). The
 * sender's rules apply (verified, not frozen, not locked up, unfrozen units); a refusal throws a `TransferRefusedError`.
 *
 * @example
 * await burnUnits(client, { deployment, lotId: 1n, amount: 1_000n })
 */
export async function burnUnits(client: Client, parameters: BurnUnitsParameters): Promise<BurnUnitsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const from = parameters.from === undefined ? requireAccount(client).address : toAddress(parameters.from, "from");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const action = `burn ${Quantity.fromBase(lot.commodity, amount).format()} of lot ${lotId}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to: zeroAddress, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "burn",
      args: [from, lotId, amount],
      context: { commodity: lot.commodity, action },
    }),
  );
  return { burned: Quantity.fromBase(lot.commodity, amount), hash: receipt.transactionHash, receipt };
}
