import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { readContract } from "viem/actions";
import { deliveryEscrowAbiWithErrors, lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import { InvalidArgumentError, type ContractRevertErrorType, type DeploymentErrorType, type InvalidArgumentErrorType, type TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { DeliveryRefusedError, type DeliveryRefusedErrorType } from "../../errors/delivery.ts";
import { short } from "../../errors/format.ts";
import { deliveryAddress, toReference, toRequestId } from "../../internal/delivery.ts";
import { pendingRequest } from "../../internal/deliveryRequest.ts";
import { toAddress } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import type { Quantity } from "../../units/index.ts";
import { checkTransfer } from "../compliance/checkTransfer.ts";

export interface ReleaseDeliveryParameters {
  deployment: Deployment;
  requestId: bigint | number | string;
  /** The wallet to receive the units (for example the holder's recovery wallet); not zero, not the escrow. */
  to: Address;
  /** The compliance officer's reason: a short text or a 32-byte hash (no personal data). */
  reason: string;
}

export interface ReleaseDeliveryReturnType {
  requestId: bigint;
  lotId: bigint;
  /** The request's holder. */
  holder: Address;
  /** The wallet the units went to. */
  to: Address;
  /** The units released. */
  amount: Quantity;
  hash: Hash;
  receipt: TransactionReceipt;
}

/**
 * `DeliveryRefusedError` before anything is sent: "not-compliance", "unknown-request", "not-pending", or the compliance reason `to`
 * cannot receive the units (e.g. "receiver-not-verified").
 */
export type ReleaseDeliveryErrorType =
  | InvalidArgumentErrorType
  | DeliveryRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Releases a pending delivery request's units to a wallet the compliance officer names (COMPLIANCE_ROLE): the remedy
 * when the holder was frozen or lost its wallet, so it can neither receive its units back nor cancel. The units move
 * by the token's ordinary transfer, so the receiver's rules apply; the request is settled as "released" with the
 * reason. Refused before anything is sent when the caller is not a compliance officer, the request is not pending, or
 * `to` could not receive the units.
 *
 * @example
 * await releaseDelivery(client, { deployment, requestId: 1n, to: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", reason: "holder frozen" })
 */
export async function releaseDelivery(client: Client, parameters: ReleaseDeliveryParameters): Promise<ReleaseDeliveryReturnType> {
  const { deployment } = parameters;
  const requestId = toRequestId(parameters.requestId);
  const to = toAddress(parameters.to, "to");
  const reason = toReference(parameters.reason, "reason");
  const caller = requireAccount(client).address;
  const escrow = deliveryAddress(deployment);
  if (to.toLowerCase() === escrow.toLowerCase()) throw new InvalidArgumentError("to", "a wallet other than the delivery escrow", to);
  const action = `release delivery request ${requestId}`;
  let officer: boolean;
  try {
    officer = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.compliance, caller] });
  } catch (error) {
    throw decodeError(error, { action });
  }
  if (!officer) throw new DeliveryRefusedError("not-compliance", `Cannot ${action}: only a compliance officer may, not ${short(caller)}`);
  const request = await pendingRequest(client, deployment, requestId, action);
  const out = await checkTransfer(client, { deployment, from: escrow, to, lotId: request.lotId, amount: request.amount.base });
  if (!out.allowed) throw new DeliveryRefusedError(out.reason, `Cannot ${action}: ${out.message}`);
  const { receipt } = await writeAndWait(client, {
    address: escrow,
    abi: deliveryEscrowAbiWithErrors,
    functionName: "releaseDelivery",
    args: [requestId, to, reason],
    context: { commodity: request.commodity, action },
  });
  return { requestId, lotId: request.lotId, holder: request.holder, to, amount: request.amount, hash: receipt.transactionHash, receipt };
}
