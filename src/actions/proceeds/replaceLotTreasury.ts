import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { proceedsVaultAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { proceedsAddress } from "../../internal/proceeds.ts";
import { toAddress, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface ReplaceLotTreasuryParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The new treasury account of the lot; it must hold the TREASURY role. */
  treasury: Address;
}

export interface ReplaceLotTreasuryReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

/** `ContractRevertError` "AccessControlUnauthorizedAccount" unless the default admin, "TreasuryLacksRole", "SettlementNotOpen". */
export type ReplaceLotTreasuryErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Names another treasury account for a settling lot whose treasury key was lost or compromised, so that its proceeds
 * can still be deposited and its final payment declared. Only the default admin (behind its transfer delay).
 *
 * @example
 * await replaceLotTreasury(client, { deployment, lotId: 1n, treasury: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" })
 */
export async function replaceLotTreasury(client: Client, parameters: ReplaceLotTreasuryParameters): Promise<ReplaceLotTreasuryReturnType> {
  const lotId = toLotId(parameters.lotId);
  const treasury = toAddress(parameters.treasury, "treasury");
  const { receipt } = await writeAndWait(client, {
    address: proceedsAddress(parameters.deployment),
    abi: proceedsVaultAbiWithErrors,
    functionName: "replaceLotTreasury",
    args: [lotId, treasury],
    context: { action: `name the treasury of lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
