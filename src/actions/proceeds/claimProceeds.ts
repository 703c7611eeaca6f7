import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotTokenAbiWithErrors, proceedsVaultAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { ProceedsRefusedError, type ProceedsRefusedErrorType } from "../../errors/proceeds.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { checkClaim } from "./checkClaim.ts";
import { getProceeds } from "./getProceeds.ts";

export interface ClaimProceedsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

export interface ClaimProceedsReturnType {
  /** Units redeemed by this call (the wallet's whole balance of the lot); zero when none were left. */
  redeemed: Quantity;
  /** What this call paid; zero when nothing is deposited yet (the redeemed units keep their share of later payments). */
  paid: Money;
  /** The redemption's and the claim's transactions, in that order, as sent. */
  hashes: Hash[];
  receipts: TransactionReceipt[];
}

export type ClaimProceedsErrorType = ProceedsRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Claims the client's share of a lot's sale proceeds in one call: redeems the units still in its wallet (sends them
 * to the vault, which burns them and records its position), then claims what its position is owed. Refused with a
 * `ProceedsRefusedError` and `checkClaim`'s sentence before anything is sent (nothing to claim, the lot not settling,
 * the account frozen, ...).
 *
 * @example
 * const { redeemed, paid } = await claimProceeds(client, { deployment, lotId: 1n })
 */
export async function claimProceeds(client: Client, parameters: ClaimProceedsParameters): Promise<ClaimProceedsReturnType> {
  const account = requireAccount(client);
  const { deployment } = parameters;
  const check = await checkClaim(client, { deployment, lotId: parameters.lotId, holder: account.address });
  if (!check.allowed) throw new ProceedsRefusedError(check.reason, check.message);
  const { proceeds } = check;
  const { lotId, commodity, vault } = proceeds;
  const holder: Address = account.address;
  const receipts: TransactionReceipt[] = [];
  const units = proceeds.position.inWallet;
  if (check.redeems) {
    const { receipt } = await writeAndWait(client, {
      address: deployment.contracts.LotToken,
      abi: lotTokenAbiWithErrors,
      functionName: "safeTransferFrom",
      args: [holder, vault, lotId, units.base, "0x"],
      context: { commodity, action: `redeem ${units.format()} of lot ${lotId}` },
    });
    receipts.push(receipt);
  }
  const after = check.redeems ? (await getProceeds(client, { deployment, lotId, holder })).position! : proceeds.position;
  let paid = 0n;
  if (after.claimable.base !== 0n) {
    const { receipt } = await writeAndWait(client, {
      address: vault,
      abi: proceedsVaultAbiWithErrors,
      functionName: "claim",
      args: [lotId],
      context: { commodity, action: `claim the proceeds of lot ${lotId}` },
    });
    receipts.push(receipt);
    const [event] = parseEventLogs({ abi: proceedsVaultAbiWithErrors, eventName: "ProceedsClaimed", logs: receipt.logs });
    paid = event?.args.amount ?? 0n;
  }
  return {
    redeemed: check.redeems ? units : Quantity.fromBase(commodity, 0n),
    paid: Money.fromBase(paid),
    hashes: receipts.map((r) => r.transactionHash),
    receipts,
  };
}
