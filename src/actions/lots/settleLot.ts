import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi, lotRegistryAbiWithErrors, proceedsVaultAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import { ContractRevertError, InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { paymentTokenOf } from "../../internal/trades.ts";
import { toAddress, toLotId, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { getLot } from "./getLot.ts";

export interface StartSettlementParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The sale contract or offtake reference, at most 32 bytes of text. */
  saleRef: string;
  /** The one treasury account that will deposit the sale proceeds, declare the final payment and sweep the dust; it
   * must hold the TREASURY role. */
  treasury: Address;
  /** The stablecoin the proceeds are paid in; defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
}

export interface RetireLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

export interface WithdrawLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Why the lot is withdrawn, at most 32 bytes of text (e.g. "assayer licence revoked"). */
  reason: string;
}

export interface SettleLotReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SettleLotErrorType = MineralsError;

/**
 * Records the sale of a warehoused lot: minting and trading stop and settlement begins (warehoused → settling), with
 * the stablecoin its proceeds are paid in and the one treasury account that may deposit them fixed there and then (the
 * proceeds vault opens the lot's distribution). ISSUER role. The treasury's role is checked before anything is sent.
 *
 * @example
 * await startSettlement(client, { deployment, lotId: 1n, saleRef: "OFFTAKE-2026-117", treasury: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" })
 */
export async function startSettlement(client: Client, parameters: StartSettlementParameters): Promise<SettleLotReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const saleRef = toShortString(parameters.saleRef, "saleRef");
  if (parameters.treasury === undefined) throw new InvalidArgumentError("treasury", "the address of the treasury account that will deposit the lot's sale proceeds", undefined);
  const treasury = toAddress(parameters.treasury, "treasury");
  const paymentToken = paymentTokenOf(deployment, parameters.paymentToken);
  let isTreasury: boolean;
  try {
    isTreasury = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.treasury, treasury] });
  } catch (error) {
    throw decodeError(error, { action: `check the treasury of lot ${lotId}` });
  }
  if (!isTreasury) throw new InvalidArgumentError("treasury", "an account holding the TREASURY role", `${short(treasury)} (no TREASURY role)`);
  const { receipt } = await writeAndWait(client, {
    address: deployment.contracts.LotRegistry,
    abi: lotRegistryAbiWithErrors,
    functionName: "startSettlement",
    args: [lotId, saleRef, paymentToken, treasury],
    context: { action: `start settlement of lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}

/**
 * Retires a settling lot once all of its units are burned (settling → retired), or, with a proceeds vault, with units
 * still outstanding once the notice period after its final sale payment has passed (they stay redeemable and
 * claimable). ISSUER role. A refusal for units outstanding says which of the two it waits for.
 *
 * @example
 * await retireLot(client, { deployment, lotId: 1n })
 */
export async function retireLot(client: Client, parameters: RetireLotParameters): Promise<SettleLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const lot = await getLot(client, { deployment, lotId });
  try {
    const { receipt } = await writeAndWait(client, {
      address: deployment.contracts.LotRegistry,
      abi: lotRegistryAbi,
      functionName: "retireLot",
      args: [lotId],
      context: { commodity: lot.commodity, action: `retire lot ${lotId}` },
    });
    return { hash: receipt.transactionHash, receipt };
  } catch (error) {
    const vault = deployment.contracts.ProceedsVault;
    if (!(error instanceof ContractRevertError) || error.errorName !== "UnitsOutstanding" || vault === undefined) throw error;
    const { retirableAt } = await readContract(client, { address: vault, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [lotId] });
    const why =
      retirableAt === 0n
        ? "its final sale payment is not declared yet (once it is and the notice period has passed, the lot may retire with its units still redeemable)"
        : `the notice period after its final sale payment ends at ${new Date(Number(retirableAt) * 1000).toISOString()} (its units stay redeemable and claimable after it)`;
    throw new ContractRevertError(error.errorName, error.args, `${error.shortMessage}: ${why}`, { cause: error });
  }
}

/**
 * Withdraws a registered, assayed or warehoused lot with no units outstanding straight to retired, e.g. a lot whose
 * assayer or custodian is gone. A lot in transit is recalled first (`recallLot`); a settling lot is retired with
 * `retireLot`. ISSUER role.
 *
 * @example
 * await withdrawLot(client, { deployment, lotId: 4n, reason: "assayer licence revoked" })
 */
export async function withdrawLot(client: Client, parameters: WithdrawLotParameters): Promise<SettleLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const reason = toShortString(parameters.reason, "reason");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "withdrawLot",
    args: [lotId, reason],
    context: { commodity: lot.commodity, action: `withdraw lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
