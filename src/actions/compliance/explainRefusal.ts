import { zeroAddress, type Address, type Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES, REASONS, countryLabel, type ReasonName } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { decodeError, short } from "../../errors/decode.ts";
import { readHoldReason, readInvestorRecord, readLotRules } from "../../internal/compliance.ts";
import { toAddressOrZero, toAmount, toLotId } from "../../internal/validate.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

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
export type ExplainRefusalErrorType = MineralsError;

/** A date as a day, the way KYC expiries are spoken of: "2026-10-01". */
const day = (seconds: number | bigint): string => new Date(Number(seconds) * 1000).toISOString().slice(0, 10);

/**
 * Turns a compliance reason into one plain sentence with the concrete context, read from the chain as it is now:
 * the investor records of both parties, the lot's rules, its commodity (quantities in market units), balances and
 * frozen units. Used by `checkTransfer` and for the `shortMessage` of every `TransferRefusedError`.
 *
 * @example
 * await explainRefusal(client, { deployment, reason: "receiver-kyc-expired", from: issuer, to: investor, lotId: 3n, amount: 10_000n })
 * // "0x12..ab cannot receive lot 3: KYC expired 2026-10-01"
 */
export async function explainRefusal(client: Client, parameters: ExplainRefusalParameters): Promise<ExplainRefusalReturnType> {
  const { deployment } = parameters;
  const reason = parameters.reason;
  if (typeof reason !== "string" || !(REASONS as readonly string[]).includes(reason)) {
    throw new InvalidArgumentError("reason", `one of ${REASONS.join(", ")}`, reason);
  }
  const from = toAddressOrZero(parameters.from, "from");
  const to = toAddressOrZero(parameters.to, "to");
  const lotId = toLotId(parameters.lotId);
  const lot = await getLot(client, { deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity, "amount", true);
  const q = (base: bigint): string => Quantity.fromBase(lot.commodity, base).format();
  const sender = `${short(from)} cannot send lot ${lotId}`;
  const receiver = `${short(to)} cannot receive lot ${lotId}`;
  const balanceOf = (account: Address): Promise<bigint> =>
    account === zeroAddress
      ? Promise.resolve(0n)
      : readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [account, lotId] });

  try {
    switch (reason) {
      case "ok":
        return `${short(from)} may transfer ${q(amount)} of lot ${lotId} to ${short(to)}`;
      case "paused":
        return `lot ${lotId} cannot move: all transfers of units are paused`;
      case "lot-on-hold": {
        const why = await readHoldReason(client, deployment, lotId);
        return `lot ${lotId} is on hold${why ? ` (${why})` : ""}, so its units cannot move`;
      }
      case "sender-not-verified":
      case "receiver-not-verified": {
        const party = reason === "sender-not-verified" ? from : to;
        const record = await readInvestorRecord(client, deployment, party);
        const why = record.investorId === 0n ? "it is not in the investor registry" : `it was removed from the investor registry (investor ${record.investorId})`;
        return `${reason === "sender-not-verified" ? sender : receiver}: ${why}`;
      }
      case "sender-kyc-expired":
        return `${sender}: KYC expired ${day((await readInvestorRecord(client, deployment, from)).kycExpiry)}`;
      case "receiver-kyc-expired":
        return `${receiver}: KYC expired ${day((await readInvestorRecord(client, deployment, to)).kycExpiry)}`;
      case "sender-frozen":
        return `${sender}: its account is frozen`;
      case "receiver-frozen":
        return `${receiver}: its account is frozen`;
      case "country-not-allowed": {
        const record = await readInvestorRecord(client, deployment, to);
        return `${receiver}: country ${countryLabel(record.country)} is not in the lot's allowed list`;
      }
      case "class-too-low": {
        const [record, rules] = await Promise.all([readInvestorRecord(client, deployment, to), readLotRules(client, deployment, lotId)]);
        const has = INVESTOR_CLASSES[record.investorClass] ?? String(record.investorClass);
        const needs = INVESTOR_CLASSES[rules.minClass] ?? String(rules.minClass);
        return `${receiver}: its investor class is ${has}, below the lot's minimum of ${needs}`;
      }
      case "holder-limit": {
        const rules = await readLotRules(client, deployment, lotId);
        return `${receiver}: the lot is limited to ${rules.maxHolders} holders and already has ${rules.holders}, so it cannot take a new one`;
      }
      case "below-minimum-holding": {
        const [rules, held] = await Promise.all([readLotRules(client, deployment, lotId), balanceOf(to)]);
        const after = from === to ? held : held + amount;
        return `${receiver}: it would hold ${q(after)}, below the lot's minimum holding of ${q(rules.minHolding)}`;
      }
      case "sender-below-minimum-holding": {
        const [rules, held] = await Promise.all([readLotRules(client, deployment, lotId), balanceOf(from)]);
        const after = held > amount ? held - amount : 0n;
        return `${sender}: it would keep ${q(after)} of its ${q(held)}, below the lot's minimum holding of ${q(rules.minHolding)} (it may move all of it or keep at least the minimum)`;
      }
      case "locked-up": {
        const rules = await readLotRules(client, deployment, lotId);
        return `lot ${lotId} is locked up until ${new Date(Number(rules.lockupEnd) * 1000).toISOString()}`;
      }
      case "insufficient-unfrozen-balance": {
        const [held, frozen] = await Promise.all([
          balanceOf(from),
          readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getFrozenTokens", args: [from, lotId] }),
        ]);
        if (frozen === 0n) return `${sender}: it holds ${q(held)}, fewer than the ${q(amount)} asked for`;
        const unfrozen = held > frozen ? held - frozen : 0n;
        return `${sender}: ${q(frozen)} of its ${q(held)} are frozen, so at most ${q(unfrozen)} may move`;
      }
    }
  } catch (error) {
    throw decodeError(error, { action: `explain why lot ${lotId} cannot move` });
  }
}
