import type { Client, Hash, TransactionReceipt } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { toIntInRange, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { deriveQuantities, type Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface RecordAssayParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Moisture in basis points of wet mass (800 = 8%). */
  moistureBps: number;
  /** Grade of the basis, dry, in parts per billion. */
  gradePpb: bigint;
  /** Payable share in basis points. */
  payableBps: number;
}

export interface RecordAssayReturnType {
  contained: Quantity;
  payable: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RecordAssayErrorType = MineralsError;

/**
 * Records the independent assay of a registered lot (registered → assayed) and recomputes its contained and
 * payable quantities. Only an account with the ASSAYER role.
 *
 * @example
 * const { payable } = await recordAssay(client, { deployment, lotId: 1n, moistureBps: 790, gradePpb: 266_000_000n, payableBps: 9650 })
 */
export async function recordAssay(client: Client, parameters: RecordAssayParameters): Promise<RecordAssayReturnType> {
  const lotId = toLotId(parameters.lotId);
  const moistureBps = toIntInRange(parameters.moistureBps, "moistureBps", 0, 9_999, "moisture in basis points, 0 to 9,999");
  const payableBps = toIntInRange(parameters.payableBps, "payableBps", 1, 10_000, "a payable share in basis points, 1 to 10,000");
  if (typeof parameters.gradePpb !== "bigint" || parameters.gradePpb <= 0n || parameters.gradePpb > 1_000_000_000n) {
    throw new InvalidArgumentError("gradePpb", "a grade in parts per billion, 1 to 1,000,000,000", parameters.gradePpb);
  }
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const preview = deriveQuantities(lot.commodity, { wetMassGrams: lot.wetMassGrams, moistureBps, gradePpb: parameters.gradePpb, payableBps });
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "recordAssay",
    args: [lotId, moistureBps, Number(parameters.gradePpb), payableBps],
    context: { commodity: lot.commodity, action: `record the assay of lot ${lotId}` },
  });
  return { ...preview, hash: receipt.transactionHash, receipt };
}
