import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import {
  TransactionError,
  type ContractRevertErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { reasonName, refusalSentence } from "../../errors/refusal.ts";
import { readRefusalFacts } from "../../internal/facts.ts";
import { toAddress, toAmount, toLotId } from "../../internal/validate.ts";
import type { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface CheckTransferParameters {
  deployment: Deployment;
  from: Address;
  to: Address;
  lotId: bigint | number | string;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
}

export interface CheckTransferReturnType {
  /** Whether the transfer would go through now (ERC-7943 `canTransfer`). */
  allowed: boolean;
  /** Why not, by name; "ok" when allowed. */
  reason: ReasonName;
  /**
   * One plain sentence with the concrete context, e.g. "0x12..ab cannot receive lot 3: country PK-586 is not in the
   * lot's allowed list", or "0x12..ab may transfer 10.000 t Cu of lot 3 to 0x34..cd".
   */
  message: string;
}

/** A malformed argument (nothing was read), a lot that does not exist, or a chain that could not be read. */
export type CheckTransferErrorType = InvalidArgumentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Asks the token whether a transfer would be allowed now and, if not, why (`transferStatus`), before anything is
 * sent. The same rules run inside every movement of units, so the answer and a transaction cannot disagree.
 *
 * @example
 * const check = await checkTransfer(client, { deployment, from: issuer, to: investor, lotId: 3n, amount: Quantity.parse(Commodity.Copper, "10 t") })
 * if (!check.allowed) console.error(check.message) // "0x12..ab cannot receive lot 3: KYC expired 2026-10-01"
 */
export async function checkTransfer(client: Client, parameters: CheckTransferParameters): Promise<CheckTransferReturnType> {
  const from = toAddress(parameters.from, "from");
  const to = toAddress(parameters.to, "to");
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const lot = await getLot(client, { deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  let status: number;
  try {
    status = await readContract(client, {
      address: deployment.contracts.LotToken,
      abi: lotTokenAbi,
      functionName: "transferStatus",
      args: [from, to, lotId, amount],
    });
  } catch (error) {
    throw decodeError(error, { action: `check a transfer of lot ${lotId}` });
  }
  const reason = reasonName(status);
  if (reason === undefined) throw new TransactionError(`The token answered with reason ${status}, which this SDK does not know; update the SDK`);
  let message: string;
  try {
    message = refusalSentence(await readRefusalFacts(client, deployment, { reason, from, to, lotId, amount, commodity: lot.commodity }));
  } catch (error) {
    throw decodeError(error, { action: `explain why lot ${lotId} cannot move` });
  }
  return { allowed: reason === "ok", reason, message };
}
