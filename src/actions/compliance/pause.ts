import type { Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi, lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface PauseTransfersParameters {
  deployment: Deployment;
}

export interface PauseTransfersReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type PauseTransfersErrorType = MineralsError;

/**
 * Pauses every movement of units of every lot (transfers, mints, burns); forced transfers still work. PAUSER role.
 *
 * @example
 * await pauseTransfers(pauserClient, { deployment })
 */
export async function pauseTransfers(client: Client, parameters: PauseTransfersParameters): Promise<PauseTransfersReturnType> {
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "pause",
    args: [],
    context: { action: "pause transfers" },
  });
  return { hash: receipt.transactionHash, receipt };
}

/**
 * Lifts the pause. PAUSER role.
 *
 * @example
 * await unpauseTransfers(pauserClient, { deployment })
 */
export async function unpauseTransfers(client: Client, parameters: PauseTransfersParameters): Promise<PauseTransfersReturnType> {
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "unpause",
    args: [],
    context: { action: "unpause transfers" },
  });
  return { hash: receipt.transactionHash, receipt };
}

/**
 * Whether movements of units are paused.
 *
 * @example
 * if (await isPaused(client, { deployment })) console.log("transfers are paused")
 */
export async function isPaused(client: Client, parameters: PauseTransfersParameters): Promise<boolean> {
  try {
    return await readContract(client, { address: parameters.deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "paused" });
  } catch (error) {
    throw decodeError(error, { action: "read whether transfers are paused" });
  }
}
