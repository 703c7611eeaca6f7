/**
 * Turns the compliance refusals of a movement of units (`ComplianceViolation`, `ERC7943InsufficientUnfrozenBalance`)
 * into a `TransferRefusedError` whose message is `refusalSentence`'s, given the facts `readRefusalFacts` reads from
 * the chain. Every action that moves units (transfer, batch transfer, mint, burn, forced transfer) runs its write
 * through `explainingRefusals`.
 */
import { getAddress, type Address, type Client } from "viem";
import type { Deployment } from "../deployment/manifest.ts";
import type { ReasonName } from "../domain.ts";
import { ContractRevertError, TransferRefusedError } from "../errors/base.ts";
import { describeRefusal, reasonName, refusalSentence } from "../errors/refusal.ts";
import { readRefusalFacts } from "./facts.ts";

/** What the action knows of the movement: the receiver (zero for a burn) and a description of the attempt. */
export interface MovementContext {
  to: Address;
  action: string;
}

/** Runs `write`; a compliance refusal it throws becomes a `TransferRefusedError` with the explained sentence. */
export async function explainingRefusals<T>(client: Client, deployment: Deployment, movement: MovementContext, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw await toTransferRefused(client, deployment, error, movement);
  }
}

async function toTransferRefused(client: Client, deployment: Deployment, error: unknown, movement: MovementContext): Promise<unknown> {
  if (!(error instanceof ContractRevertError)) return error;
  let refusal: { reason: ReasonName; from: Address; to: Address; lotId: bigint; amount: bigint };
  if (error.errorName === "ComplianceViolation") {
    const [reason, from, to, lotId, amount] = error.args;
    const name = reasonName(reason);
    if (name === undefined) return error;
    refusal = { reason: name, from: getAddress(String(from)), to: getAddress(String(to)), lotId: BigInt(lotId as bigint), amount: BigInt(amount as bigint) };
  } else if (error.errorName === "ERC7943InsufficientUnfrozenBalance") {
    const [account, lotId, amount] = error.args;
    refusal = {
      reason: "insufficient-unfrozen-balance",
      from: getAddress(String(account)),
      to: movement.to,
      lotId: BigInt(lotId as bigint),
      amount: BigInt(amount as bigint),
    };
  } else {
    return error;
  }
  let message: string;
  try {
    message = refusalSentence(await readRefusalFacts(client, deployment, refusal));
  } catch {
    // The refusal stands even if the chain cannot be read again to explain it in figures.
    message = describeRefusal(refusal.reason, refusal.from, refusal.to, refusal.lotId);
  }
  const parties = { reason: refusal.reason, from: refusal.from, to: refusal.to, lotId: refusal.lotId };
  return new TransferRefusedError(error.errorName, error.args, message, parties, {
    cause: error.cause,
    details: error.details,
    metaMessages: [`Attempted: ${movement.action}`, `Reason: ${refusal.reason}`],
  });
}
