import type { Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotProcessingAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type ContractRevertErrorType, type DeploymentErrorType, type InvalidArgumentErrorType, type TransactionErrorType } from "../../errors/base.ts";
import { processingAddress } from "../../internal/processing.ts";
import { toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { COMMODITIES, Quantity, isCommodity, type Commodity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface RecordByProductParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The by-product's mineral (another than the lot's own), e.g. gold in copper-gold concentrate. */
  byProduct: Commodity;
  /** Its grade on the lot's dry basis, in parts per billion (2_500n = 2.5 g/t). */
  gradePpb: bigint;
}

export interface RecordByProductReturnType {
  /** What the lot contains of the by-product, as the contract derives it from the lot's dry mass. */
  contained: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RecordByProductErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Records the grade of a by-product in a lot that is registered, assayed or warehoused (gold in copper-gold
 * concentrate): reports value it, and refining may recover up to what the lot contains of it. ASSAYER role; a second
 * record of the same by-product replaces the first.
 *
 * @example
 * const { contained } = await recordByProduct(client, { deployment, lotId: 1n, byProduct: Commodity.Gold, gradePpb: 2_500n })
 * contained.format() // "739.467 ozt fine Au"
 */
export async function recordByProduct(client: Client, parameters: RecordByProductParameters): Promise<RecordByProductReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  if (!isCommodity(parameters.byProduct)) throw new InvalidArgumentError("byProduct", `one of ${Object.values(COMMODITIES).map((c) => c.name).join(", ")}`, parameters.byProduct);
  if (typeof parameters.gradePpb !== "bigint" || parameters.gradePpb < 1n || parameters.gradePpb > 1_000_000_000n) {
    throw new InvalidArgumentError("gradePpb", "parts per billion, from 1 to 1,000,000,000 (bigint)", parameters.gradePpb);
  }
  const lot = await getLot(client, { deployment, lotId });
  if (lot.commodity === parameters.byProduct) throw new InvalidArgumentError("byProduct", `a mineral other than the lot's own (${COMMODITIES[lot.commodity].name})`, COMMODITIES[parameters.byProduct].name);
  const { receipt } = await writeAndWait(client, {
    address: processingAddress(deployment),
    abi: lotProcessingAbiWithErrors,
    functionName: "recordByProduct",
    args: [lotId, parameters.byProduct, Number(parameters.gradePpb)],
    context: { commodity: parameters.byProduct, action: `record the ${COMMODITIES[parameters.byProduct].name} in lot ${lotId}` },
  });
  const [event] = parseEventLogs({ abi: lotProcessingAbiWithErrors, eventName: "ByProductRecorded", logs: receipt.logs });
  return { contained: Quantity.fromBase(parameters.byProduct, event?.args.contained ?? 0n), hash: receipt.transactionHash, receipt };
}
