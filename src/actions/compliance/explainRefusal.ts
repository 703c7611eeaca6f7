import type { Address, Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import { REASONS, type ReasonName } from "../../domain.ts";
import {
  InvalidArgumentError,
  type ContractRevertErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { isReasonName, refusalSentence } from "../../errors/refusal.ts";
import { readLotCommodity, readRefusalFacts } from "../../internal/facts.ts";
import { toAddressOrZero, toAmount, toLotId } from "../../internal/validate.ts";
import type { Quantity } from "../../units/index.ts";

export interface ExplainRefusalParameters {
  deployment: Deployment;
  /** The reason the chain gave (`transferStatus`, `ComplianceViolation`), by name. */
  reason: ReasonName;
  /** The sender; the zero address for a mint. */
  from: Address;
  /** The receiver; the zero address for a burn. */
  to: Address;
  lotId: bigint | number | string;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
}

/** One plain sentence, e.g. "0x12..ab cannot receive lot 3: KYC expired 2026-10-01". */
export type ExplainRefusalReturnType = string;
/** A malformed argument (nothing was read), a lot that does not exist, or a chain that could not be read. */
export type ExplainRefusalErrorType = InvalidArgumentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Turns a compliance reason into one plain sentence with the concrete context, read from the chain as it is now:
 * the facts the reason needs (investor records of the parties, the lot's rules, balances, frozen units, the hold
 * reason) and the lot's commodity (quantities in market units). The sentence is `refusalSentence`'s, given those
 * facts; `checkTransfer` and every `TransferRefusedError` use the same two steps.
 *
 * @example
 * await explainRefusal(client, { deployment, reason: "receiver-kyc-expired", from: issuer, to: investor, lotId: 3n, amount: 10_000n })
 * // "0x12..ab cannot receive lot 3: KYC expired 2026-10-01"
 */
export async function explainRefusal(client: Client, parameters: ExplainRefusalParameters): Promise<ExplainRefusalReturnType> {
  const { deployment, reason } = parameters;
  if (!isReasonName(reason)) throw new InvalidArgumentError("reason", `one of ${REASONS.join(", ")}`, reason);
  const from = toAddressOrZero(parameters.from, "from");
  const to = toAddressOrZero(parameters.to, "to");
  const lotId = toLotId(parameters.lotId);
  let commodity;
  try {
    commodity = await readLotCommodity(client, deployment, lotId);
  } catch (error) {
    throw decodeError(error, { action: `read lot ${lotId}` });
  }
  const amount = toAmount(parameters.amount, commodity, "amount", true);
  try {
    return refusalSentence(await readRefusalFacts(client, deployment, { reason, from, to, lotId, amount, commodity }));
  } catch (error) {
    throw decodeError(error, { action: `explain why lot ${lotId} cannot move` });
  }
}
