import type { Client, Hash, TransactionReceipt } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAmount, toLotId, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface AttestCustodyParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The payable quantity the custodian holds: a `Quantity` of the lot's commodity, or base units. */
  quantity: Quantity | bigint;
  /** Warehouse or site, at most 32 bytes of text. */
  location: string;
}

export interface AttestCustodyReturnType {
  attested: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type AttestCustodyErrorType = MineralsError;

/**
 * The lot's custodian attests the payable quantity it holds, which caps how many units may be minted. Moves an
 * assayed lot into the warehouse, or updates the attestation of a warehoused one.
 *
 * @example
 * await attestCustody(custodianClient, { deployment, lotId: 1n, quantity: lot.payable, location: "Chagai mine site yard" })
 */
export async function attestCustody(client: Client, parameters: AttestCustodyParameters): Promise<AttestCustodyReturnType> {
  const lotId = toLotId(parameters.lotId);
  const location = toShortString(parameters.location, "location");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const base = toAmount(parameters.quantity, lot.commodity, "quantity");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "attestCustody",
    args: [lotId, base, location],
    context: { commodity: lot.commodity, action: `attest custody of lot ${lotId}` },
  });
  return { attested: Quantity.fromBase(lot.commodity, base), hash: receipt.transactionHash, receipt };
}
