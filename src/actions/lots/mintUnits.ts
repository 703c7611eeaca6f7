import type { Address, Client, Hash, Hex, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError, TransferRefusedError } from "../../errors/base.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
import { toAddress, toAmount, toData, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface MintUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  to: Address;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /** Data passed to the receiver's `onERC1155Received`. */
  data?: Hex;
}

export interface MintUnitsReturnType {
  minted: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `TransferRefusedError` when the receiver may not hold the lot (e.g. not a verified investor). */
export type MintUnitsErrorType = TransferRefusedError | MineralsError;

/**
 * Mints units of a warehoused lot, never beyond its attested quantity. ISSUER role. The receiver must be a verified
 * investor allowed to hold the lot (`registerInvestor`); otherwise a `TransferRefusedError` says why.
 *
 * @example
 * await mintUnits(client, { deployment, lotId: 1n, to: issuerTreasury, amount: Quantity.parse(Commodity.Copper, "2352.670 t") })
 */
export async function mintUnits(client: Client, parameters: MintUnitsParameters): Promise<MintUnitsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const to = toAddress(parameters.to, "to");
  const data = toData(parameters.data);
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const action = `mint ${Quantity.fromBase(lot.commodity, amount).format()} of lot ${lotId}`;
  const { receipt } = await explainingRefusals(client, parameters.deployment, { to, action }, () =>
    writeAndWait(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "mint",
      args: [to, lotId, amount, data],
      context: { commodity: lot.commodity, action },
    }),
  );
  return { minted: Quantity.fromBase(lot.commodity, amount), hash: receipt.transactionHash, receipt };
}
