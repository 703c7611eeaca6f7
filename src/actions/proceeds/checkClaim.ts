import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import { TransactionError, type ContractRevertErrorType, type DeploymentErrorType, type InvalidArgumentErrorType, type TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { reasonName, refusalSentence } from "../../errors/refusal.ts";
import { readRefusalFacts } from "../../internal/facts.ts";
import { toAddress } from "../../internal/validate.ts";
import { getProceeds, type GetProceedsReturnType } from "./getProceeds.ts";

export interface CheckClaimParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The holder; defaults to the client's account. */
  holder?: Address;
}

/** Why a claim would be refused: a proceeds reason, or the token's compliance reason for the redemption. */
export type ClaimRefusalName = "ok" | "nothing-to-claim" | "lot-not-settling" | "claimant-frozen" | "position-frozen" | Exclude<ReasonName, "ok">;

export interface CheckClaimReturnType {
  allowed: boolean;
  reason: ClaimRefusalName;
  /** One plain sentence, with `checkTransfer`'s wording when the lot's rules refuse the redemption. */
  message: string;
  /** Whether the claim first redeems units still in the holder's wallet. */
  redeems: boolean;
  proceeds: GetProceedsReturnType & { position: NonNullable<GetProceedsReturnType["position"]> };
}

export type CheckClaimErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Asks whether a holder could claim its share of a lot's proceeds now (redeeming the units in its wallet first), and
 * if not, why, in one sentence, before anything is sent: nothing to claim, the lot not settling or retired, its
 * account frozen (a freeze binds its position as it binds units), units frozen for it withholding its share, or the
 * lot's rules refusing the redemption (the lot is on hold, transfers are paused, ...).
 *
 * @example
 * const check = await checkClaim(client, { deployment, lotId: 1n })
 * if (!check.allowed) console.error(check.message)
 */
export async function checkClaim(client: Client, parameters: CheckClaimParameters): Promise<CheckClaimReturnType> {
  const { deployment } = parameters;
  const holder = toAddress(parameters.holder ?? client.account?.address, "holder");
  const read = await getProceeds(client, { deployment, lotId: parameters.lotId, holder });
  const proceeds = { ...read, position: read.position! };
  const { position, lotId } = proceeds;
  const redeems = position.inWallet.base !== 0n;
  const refuse = (reason: ClaimRefusalName, message: string): CheckClaimReturnType => ({ allowed: false, reason, message, redeems, proceeds });

  if (position.frozen) {
    return refuse("claimant-frozen", `${short(holder)}'s account is frozen: it can neither redeem nor claim the proceeds of lot ${lotId} until the freeze is lifted (compliance may release its position to another wallet)`);
  }

  if (redeems) {
    if (proceeds.state !== "settling" && proceeds.state !== "retired") {
      return refuse("lot-not-settling", `Lot ${lotId} is ${proceeds.state}: its units are redeemed for proceeds only once it is settling`);
    }
    let status: number;
    try {
      status = await readContract(client, {
        address: deployment.contracts.LotToken,
        abi: lotTokenAbi,
        functionName: "transferStatus",
        args: [holder, proceeds.vault, lotId, position.inWallet.base],
      });
    } catch (error) {
      throw decodeError(error, { action: `check a redemption of lot ${lotId}` });
    }
    const reason = reasonName(status);
    if (reason === undefined) throw new TransactionError(`The token answered with reason ${status}, which this SDK does not know; update the SDK`);
    if (reason !== "ok") {
      let message: string;
      try {
        message = refusalSentence(
          await readRefusalFacts(client, deployment, { reason, from: holder, to: proceeds.vault, lotId, amount: position.inWallet.base, commodity: proceeds.commodity }),
        );
      } catch (error) {
        throw decodeError(error, { action: `explain why ${short(holder)} may not redeem` });
      }
      return refuse(reason, message);
    }
    return {
      allowed: true,
      reason: "ok",
      message: `${short(holder)} may redeem ${position.inWallet.format()} of lot ${lotId} and claim ${position.claimable.format()}`,
      redeems,
      proceeds,
    };
  }
  if (position.claimable.base === 0n) {
    const withheld = position.frozenUnits.base > position.inWallet.base;
    if (withheld && position.redeemed.base !== 0n) {
      return refuse("position-frozen", `${position.frozenUnits.format()} of lot ${lotId} are frozen for ${short(holder)}: they withhold the share of its redeemed units, so nothing is claimable now`);
    }
    const why = position.redeemed.base === 0n ? "it holds no units of the lot and redeemed none" : `it was paid ${position.paid.format()} for its ${position.redeemed.format()} and nothing more has been deposited`;
    return refuse("nothing-to-claim", `${short(holder)} has nothing to claim from lot ${lotId}: ${why}`);
  }
  return { allowed: true, reason: "ok", message: `${short(holder)} may claim ${position.claimable.format()} from lot ${lotId}`, redeems, proceeds };
}
