import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ReasonName } from "../../domain.ts";
import { TransactionError, type ContractRevertErrorType, type DeploymentErrorType, type InvalidArgumentErrorType, type TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { reasonName, refusalSentence } from "../../errors/refusal.ts";
import { readRefusalFacts } from "../../internal/facts.ts";
import { REFUSED_FOR_GOOD, allocationDown, offeringsAddress, paymentUp } from "../../internal/offerings.ts";
import { toAddress, toAmount } from "../../internal/validate.ts";
import { Money, Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";
import { getOffering, isIssuer, type GetOfferingReturnType } from "./getOffering.ts";

/** What the check is for: each action refuses in its own ways. */
export type OfferingOperation =
  | "subscribe"
  | "reduce"
  | "cancel"
  | "claim"
  | "refund-instead"
  | "close"
  | "cancel-offering"
  | "withdraw-proceeds"
  | "withdraw-units";

export interface CheckSubscribeParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** Default "subscribe". */
  operation?: OfferingOperation;
  /** For "subscribe": the units to add to the investor's request; for "reduce": its new request. */
  amount?: Quantity | bigint;
  /** The investor (for "close", the account closing); defaults to the client's account. */
  investor?: Address;
}

/** Why an offering action would be refused; compliance refusals use the token's reason names (`REASONS`). */
export type OfferingRefusalName =
  | "ok"
  | "offering-closed"
  | "window-not-open"
  | "window-closed"
  | "below-minimum-ticket"
  | "above-maximum-ticket"
  | "insufficient-balance"
  | "no-subscription"
  | "not-a-reduction"
  | "not-closed"
  | "nothing-to-claim"
  | "already-claimed"
  | "not-closable-yet"
  | "offering-failed"
  | "not-issuer"
  | "nothing-to-withdraw"
  | "no-holder-slot"
  | "allocation-below-minimum-holding"
  | "allocation-deliverable"
  | "refusal-passing"
  | "investor-frozen";

export interface CheckSubscribeReturnType {
  allowed: boolean;
  /** An offering reason or, when the lot's rules refuse the investor, the compliance reason (as `checkTransfer`). For a
   * claim the token refuses, `refusedForGood` says whether only `refundInstead` settles it. */
  reason: OfferingRefusalName | Exclude<ReasonName, "ok">;
  refusedForGood?: boolean;
  /** One plain sentence, with `checkTransfer`'s wording for a compliance refusal. */
  message: string;
  offering: GetOfferingReturnType;
  /** For "subscribe": the payment the transaction would escrow. */
  payment?: Money;
}

export type CheckSubscribeErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Asks whether an investor could subscribe to, reduce, cancel or claim from an offering now (or take a refund instead),
 * or close or cancel it, and if not, why, in one sentence, before anything is sent: not eligible for the lot (with
 * `checkTransfer`'s sentence), no holder slot left, window not open yet or closed, below the minimum ticket or above
 * the maximum (across the investor's linked wallets), a request too small to share above the lot's minimum holding,
 * not enough stablecoin, no subscription, a frozen investor (which can neither reduce, cancel, claim nor take a refund), not closed yet, nothing to claim, already claimed, the units refused now
 * (saying whether it passes or only a refund instead settles it), not closable yet; and whether the treasury's
 * proceeds ("withdraw-proceeds", anyone may send them) or the units no investor will receive ("withdraw-units", an
 * issuer) can be withdrawn.
 *
 * @example
 * const check = await checkSubscribe(client, { deployment, offeringId: 1n, amount: Quantity.parse(Commodity.Copper, "5 t") })
 * if (!check.allowed) console.error(check.message) // "Offering 1 asks at least 1.000 t Cu per investor; 0x12..ab would request 0.500 t Cu"
 */
export async function checkSubscribe(client: Client, parameters: CheckSubscribeParameters): Promise<CheckSubscribeReturnType> {
  const { deployment } = parameters;
  const operation = parameters.operation ?? "subscribe";
  const account = parameters.investor ?? client.account?.address;
  const investor = toAddress(account, "investor");
  const offering = await getOffering(client, { deployment, offeringId: parameters.offeringId, investor });
  const id = offering.offeringId;
  const position = offering.position!;
  const now = offering.now.getTime();
  const refuse = (reason: CheckSubscribeReturnType["reason"], message: string): CheckSubscribeReturnType => ({ allowed: false, reason, message, offering });
  const ok = (message: string, payment?: Money): CheckSubscribeReturnType => ({ allowed: true, reason: "ok", message, offering, ...(payment ? { payment } : {}) });

  if (operation === "cancel-offering") {
    if (offering.state !== "open") return refuse("offering-closed", `Offering ${id} is already closed (${offering.state})`);
    if (!(await isIssuer(client, deployment, investor))) return refuse("not-issuer", `${short(investor)} is not an issuer: only an issuer may cancel an offering`);
    return ok(`${short(investor)} may cancel offering ${id}: its ${offering.unclaimed} subscriber${offering.unclaimed === 1 ? "" : "s"} will claim full refunds`);
  }
  if (operation === "close") {
    if (offering.state !== "open") return refuse("offering-closed", `Offering ${id} is already closed (${offering.state})`);
    const issuer = await isIssuer(client, deployment, investor);
    const closableAt = issuer ? offering.end : offering.closableByAnyoneAt;
    if (now < closableAt.getTime()) {
      return refuse("not-closable-yet", `Offering ${id} cannot be closed by ${short(investor)} before ${closableAt.toISOString()}${issuer ? "" : " (its end plus the grace period; an issuer may close it at its end)"}`);
    }
    return ok(`${short(investor)} may close offering ${id}`);
  }
  if (operation === "withdraw-proceeds") {
    if (offering.state === "open") return refuse("not-closed", `Offering ${id} is not closed yet: its proceeds are paid out as investors claim`);
    if (offering.withdrawableProceeds.base === 0n) {
      return refuse("nothing-to-withdraw", `Offering ${id} holds no proceeds for its treasury now (${offering.proceedsWithdrawn.format()} paid out of ${offering.proceedsReleased.format()} released)`);
    }
    return ok(`Offering ${id} may pay ${offering.withdrawableProceeds.format()} to its treasury ${short(offering.treasury)}`);
  }
  if (operation === "withdraw-units") {
    if (offering.state === "open") return refuse("not-closed", `Offering ${id} is not closed yet: no unit can be withdrawn`);
    if (offering.state === "failed" || offering.state === "cancelled") return refuse("offering-failed", `Offering ${id} ${offering.state === "failed" ? "failed" : "was cancelled"}: it minted no units, so none can be withdrawn`);
    if (!(await isIssuer(client, deployment, investor))) return refuse("not-issuer", `${short(investor)} is not an issuer: only an issuer may withdraw the units no investor will receive`);
    if (offering.withdrawableUnits.base === 0n) {
      const waiting = offering.unclaimed === 0 ? "" : ` (${offering.unclaimed} investor${offering.unclaimed === 1 ? " has" : "s have"} not claimed yet; the rounding dust can be withdrawn once all have)`;
      return refuse("nothing-to-withdraw", `Offering ${id} holds no units that no investor will receive${waiting}`);
    }
    return ok(`${short(investor)} may withdraw ${offering.withdrawableUnits.format()} from offering ${id}`);
  }
  if (operation === "claim" || operation === "refund-instead") {
    if (offering.state === "open") return refuse("not-closed", `Offering ${id} is not closed yet: claims open once it closes`);
    if (position.requested.base === 0n) return refuse("nothing-to-claim", `${short(investor)} has nothing to claim from offering ${id}: it holds no subscription`);
    if (position.claimed) return refuse("already-claimed", `${short(investor)} already claimed from offering ${id}`);
    if (position.frozen) return refuse("investor-frozen", frozenSentence(investor, id, operation === "claim" ? "claim" : "take a refund instead"));
    const units = position.allocation.base;
    const reason = units === 0n ? "ok" : await receiverStatus(client, deployment, investor, offering.lotId, units, id);
    // The offering's holder slot admits the investor: a holder limit does not refuse its claim.
    const refused = reason !== "ok" && reason !== "holder-limit";
    if (operation === "refund-instead") {
      if (!refused) return refuse("allocation-deliverable", `${short(investor)}'s allocation of ${position.allocation.format()} in offering ${id} can be delivered: claim it instead of a refund`);
      if (!(REFUSED_FOR_GOOD as readonly string[]).includes(reason)) {
        // The sentence the claim would get (a KYC lapse names its date), so a refusal that waits on time says which.
        const sentence = await refusalMessage(client, deployment, investor, offering.lotId, units, id, reason);
        return refuse("refusal-passing", `${sentence}; that passes, so ${short(investor)} claims its allocation once it does: a refund instead is only for a refusal for good`);
      }
      return ok(`${short(investor)} may take back all ${position.paid.format()} it paid instead of its ${position.allocation.format()} (${reason})`);
    }
    if (refused) {
      const sentence = await refusalMessage(client, deployment, investor, offering.lotId, units, id, reason);
      const forGood = (REFUSED_FOR_GOOD as readonly string[]).includes(reason);
      const what = forGood
        ? `; this refusal is for good, so ${short(investor)} may take a refund of all ${position.paid.format()} instead (refund-instead)`
        : `; the allocation stays ${short(investor)}'s and can be claimed once that passes`;
      return { ...refuse(reason, `${sentence}${what}`), refusedForGood: forGood };
    }
    return ok(`${short(investor)} may claim ${position.allocation.format()} and a refund of ${position.refund.format()} from offering ${id}`);
  }

  if (offering.state !== "open") return refuse("offering-closed", `Offering ${id} is closed (${offering.state})`);
  if (now >= offering.end.getTime()) return refuse("window-closed", `The subscription window of offering ${id} closed at ${offering.end.toISOString()}`);
  if (operation === "cancel" || operation === "reduce") {
    if (position.requested.base === 0n) return refuse("no-subscription", `${short(investor)} has no subscription in offering ${id}`);
    if (position.frozen) return refuse("investor-frozen", frozenSentence(investor, id, operation));
    if (operation === "cancel") return ok(`${short(investor)} may cancel its subscription of ${position.requested.format()} and take back ${position.paid.format()}`);
    const next = toAmount(parameters.amount, offering.commodity, "amount", true);
    if (next >= position.requested.base) {
      return refuse("not-a-reduction", `${Quantity.fromBase(offering.commodity, next).format()} is not less than the ${position.requested.format()} ${short(investor)} requested in offering ${id}`);
    }
    if (next !== 0n && next < offering.minTicket.base) {
      return refuse("below-minimum-ticket", `Offering ${id} asks at least ${offering.minTicket.format()} per investor; ${Quantity.fromBase(offering.commodity, next).format()} is below it (cancel to leave)`);
    }
    if (next !== 0n) {
      const bound = await minimumAllocationRefusal(client, deployment, offering, next, offering.totalRequested.base - (position.requested.base - next));
      if (bound !== undefined) return refuse("allocation-below-minimum-holding", bound);
    }
    return ok(`${short(investor)} may reduce its subscription in offering ${id} to ${Quantity.fromBase(offering.commodity, next).format()}`);
  }

  // subscribe
  const units = toAmount(parameters.amount, offering.commodity);
  if (now < offering.start.getTime()) return refuse("window-not-open", `The subscription window of offering ${id} opens at ${offering.start.toISOString()}`);
  const requested = position.requested.base + units;
  const asked = Quantity.fromBase(offering.commodity, requested);
  if (requested < offering.minTicket.base) {
    return refuse("below-minimum-ticket", `Offering ${id} asks at least ${offering.minTicket.format()} per investor; ${short(investor)} would request ${asked.format()}`);
  }
  const investorTotal = position.investorRequested.base + units;
  if (investorTotal > offering.maxTicket.base) {
    const linked = investorTotal !== requested ? ` with its linked wallets' requests (${position.investorRequested.format()} already)` : "";
    return refuse("above-maximum-ticket", `Offering ${id} takes at most ${offering.maxTicket.format()} per investor; ${short(investor)} would request ${Quantity.fromBase(offering.commodity, investorTotal).format()}${linked}`);
  }
  const reason = await receiverStatus(client, deployment, investor, offering.lotId, requested, id);
  // The holder limit is decided by the holder slot the subscription takes, below.
  if (reason !== "ok" && reason !== "holder-limit") {
    return refuse(reason, await refusalMessage(client, deployment, investor, offering.lotId, requested, id, reason));
  }
  if (!position.slotHeld) {
    const slot = await holderSlotRefusal(client, deployment, investor, offering.lotId, id);
    if (slot !== undefined) return refuse("no-holder-slot", slot);
  }
  const smallest = offering.smallestRequest.base === 0n || requested < offering.smallestRequest.base ? requested : offering.smallestRequest.base;
  const bound = await minimumAllocationRefusal(client, deployment, offering, smallest, offering.totalRequested.base + units);
  if (bound !== undefined) return refuse("allocation-below-minimum-holding", bound);
  let balance: bigint;
  try {
    balance = await readContract(client, { address: offering.paymentToken, abi: testStablecoinAbi, functionName: "balanceOf", args: [investor] });
  } catch (error) {
    throw decodeError(error, { action: `check a subscription to offering ${id}` });
  }
  const payment = paymentUp(requested, offering.priceAmount, offering.priceUnit) - position.paid.base;
  if (balance < payment) {
    return refuse("insufficient-balance", `${short(investor)} holds ${Money.fromBase(balance).format()}, less than the ${Money.fromBase(payment).format()} that ${Quantity.fromBase(offering.commodity, units).format()} of offering ${id} costs`);
  }
  return ok(`${short(investor)} may subscribe ${Quantity.fromBase(offering.commodity, units).format()} to offering ${id} for ${Money.fromBase(payment).format()}`, Money.fromBase(payment));
}

function frozenSentence(investor: Address, id: bigint, what: string): string {
  return `${short(investor)} is frozen, so it cannot ${what} in offering ${id}: the freeze binds the money it escrowed; compliance may release its claim to a wallet it names (offering release)`;
}

/** The token's reason why `investor` could not receive `units` of the lot from the offering now. */
async function receiverStatus(client: Client, deployment: Deployment, investor: Address, lotId: bigint, units: bigint, id: bigint): Promise<ReasonName> {
  let status: number;
  try {
    status = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "platformTransferStatus", args: [investor, lotId, units] });
  } catch (error) {
    throw decodeError(error, { action: `check ${short(investor)} in offering ${id}` });
  }
  const reason = reasonName(status);
  if (reason === undefined) throw new TransactionError(`The token answered with reason ${status}, which this SDK does not know; update the SDK`);
  return reason;
}

/** `checkTransfer`'s sentence for a refusal of `units` from the offering to `investor`. */
async function refusalMessage(
  client: Client,
  deployment: Deployment,
  investor: Address,
  lotId: bigint,
  units: bigint,
  id: bigint,
  reason: Exclude<ReasonName, "ok">,
): Promise<string> {
  try {
    const lot = await getLotCommodity(client, deployment, lotId);
    return refusalSentence(await readRefusalFacts(client, deployment, { reason, from: offeringsAddress(deployment), to: investor, lotId, amount: units, commodity: lot }));
  } catch (error) {
    throw decodeError(error, { action: `explain why ${short(investor)} may not receive units of offering ${id}` });
  }
}

/** Why no holder slot is left for a subscriber that holds none, or undefined when one is (or none is needed). */
async function holderSlotRefusal(client: Client, deployment: Deployment, investor: Address, lotId: bigint, id: bigint): Promise<string | undefined> {
  try {
    const token = deployment.contracts.LotToken;
    const rules = await readContract(client, { address: token, abi: lotTokenAbi, functionName: "getLotRules", args: [lotId] });
    if (rules.maxHolders === 0 || rules.holders + rules.reservedHolders + 1 <= rules.maxHolders) return undefined;
    const holds = (await readContract(client, { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [investor, lotId] })) !== 0n;
    if (holds) return undefined;
    return `Lot ${lotId} admits at most ${rules.maxHolders} holders: ${rules.holders} hold units and offering subscribers hold the other ${rules.reservedHolders} slot${rules.reservedHolders === 1 ? "" : "s"}, so ${short(investor)} cannot subscribe to offering ${id}`;
  } catch (error) {
    throw decodeError(error, { action: `check the holder slots of lot ${lotId}` });
  }
}

/**
 * Why `total` requested would share the hard cap so thinly that the smallest request (`smallest`) falls below the
 * lot's minimum holding, or undefined when it would not.
 */
async function minimumAllocationRefusal(
  client: Client,
  deployment: Deployment,
  offering: GetOfferingReturnType,
  smallest: bigint,
  total: bigint,
): Promise<string | undefined> {
  const hardCap = offering.hardCap.base;
  if (total <= hardCap || smallest === 0n) return undefined;
  let minHolding: bigint;
  try {
    minHolding = (await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getLotRules", args: [offering.lotId] })).minHolding;
  } catch (error) {
    throw decodeError(error, { action: `read the rules of lot ${offering.lotId}` });
  }
  if (minHolding === 0n || allocationDown(smallest, hardCap, total) >= minHolding) return undefined;
  const q = (base: bigint) => Quantity.fromBase(offering.commodity, base).format();
  return `Offering ${offering.offeringId} cannot take ${q(total)} in all: the smallest request (${q(smallest)}), shared pro rata over the ${q(hardCap)} on offer, would be allocated less than the lot's minimum holding of ${q(minHolding)}`;
}

async function getLotCommodity(client: Client, deployment: Deployment, lotId: bigint) {
  return (await getLot(client, { deployment, lotId })).commodity;
}
