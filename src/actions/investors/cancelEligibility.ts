import { parseEventLogs, type Client, type Hash, type Hex, type TransactionReceipt } from "viem";
import { investorRegistrarAbi, investorRegistrarAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { writeAndWait } from "../../internal/write.ts";
import type { Eligibility } from "./signEligibility.ts";
import { toEligibility } from "./submitEligibility.ts";

export interface CancelEligibilityParameters {
  deployment: Deployment;
  /** The statement to cancel, as `signEligibility` returned it (the signature is not needed). */
  eligibility: Eligibility;
}

export interface CancelEligibilityReturnType {
  /** The statement's EIP-712 digest, refused from now on. */
  digest: Hex;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type CancelEligibilityErrorType = MineralsError;

/**
 * Cancels an eligibility statement that was not used: submitting it is refused from now on, while other statements
 * for the same wallet stay valid. COMPLIANCE role.
 *
 * @example
 * const { eligibility } = await signEligibility(officerClient, { deployment, wallet, country: 586, investorClass: "retail", kycExpiry, deadline })
 * await cancelEligibility(officerClient, { deployment, eligibility })
 */
export async function cancelEligibility(client: Client, parameters: CancelEligibilityParameters): Promise<CancelEligibilityReturnType> {
  const eligibility = toEligibility(parameters.eligibility);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.InvestorRegistrar,
    abi: investorRegistrarAbiWithErrors,
    functionName: "cancelEligibility",
    args: [eligibility],
    context: { action: `cancel the eligibility statement for ${eligibility.wallet}` },
  });
  const [cancelled] = parseEventLogs({ abi: investorRegistrarAbi, logs: receipt.logs, eventName: "EligibilityCancelled" });
  return { digest: cancelled!.args.digest, hash: receipt.transactionHash, receipt };
}
