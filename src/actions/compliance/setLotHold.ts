import { zeroHash, type Client, type Hash, type TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { toBoolean, toLotId, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface SetLotHoldParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** true places a hold (every movement but forced transfers stops), false lifts it. */
  onHold: boolean;
  /** Why (pledge, legal hold, due-diligence flag), at most 32 bytes of text; required to place a hold. */
  reason: string;
}

export interface SetLotHoldReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SetLotHoldErrorType = MineralsError;

/**
 * Places a hold on a lot or lifts it, without changing its lifecycle state. COMPLIANCE role.
 *
 * @example
 * await setLotHold(officerClient, { deployment, lotId: 3n, onHold: true, reason: "OECD DD red flag review" })
 */
export async function setLotHold(client: Client, parameters: SetLotHoldParameters): Promise<SetLotHoldReturnType> {
  const lotId = toLotId(parameters.lotId);
  const onHold = toBoolean(parameters.onHold, "onHold");
  if (typeof parameters.reason !== "string") throw new InvalidArgumentError("reason", "a text of at most 32 bytes", parameters.reason);
  const reason = !onHold && parameters.reason.trim() === "" ? zeroHash : toShortString(parameters.reason, "reason");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "setLotHold",
    args: [lotId, onHold, reason],
    context: { action: `${onHold ? "place a hold on" : "lift the hold on"} lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
