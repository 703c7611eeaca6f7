import type { Address, Client } from "viem";
import { getBlock, readContract } from "viem/actions";
import { lotOfferingsAbiWithErrors, lotRegistryAbi, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { OFFERING_STATES, type OfferingStateName, offeringsAddress, pricePerMarketUnit, toOfferingId } from "../../internal/offerings.ts";
import { toAddress } from "../../internal/validate.ts";
import { Money, Quantity, type Commodity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetOfferingParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** Whose position to read as well; defaults to the client's account when it has one. */
  investor?: Address;
}

/** One investor's position in an offering. */
export interface OfferingPosition {
  investor: Address;
  /** Units requested, and the payment escrowed for them. */
  requested: Quantity;
  paid: Money;
  claimed: boolean;
  /** What its claim would deliver: units, their cost and the refund. While the offering is open, as if it closed now
   * (its hard cap is reserved, so this is what the close delivers unless requests change). */
  allocation: Quantity;
  payment: Money;
  refund: Money;
  /** The investor behind the wallet, its request across all its linked wallets (the maximum ticket bounds it), and
   * whether the offering holds one of the lot's holder slots for it until it claims. */
  investorId: bigint;
  investorRequested: Quantity;
  slotHeld: boolean;
  /** Whether compliance froze the wallet: a frozen investor can neither reduce, cancel, claim nor take a refund
   * (compliance may release its claim to a wallet it names). */
  frozen: boolean;
}

export interface GetOfferingReturnType {
  offeringId: bigint;
  lotId: bigint;
  commodity: Commodity;
  paymentToken: Address;
  treasury: Address;
  /** The price per market unit of the commodity (e.g. per t Cu, per ozt Au), rounded down to a cent's fraction. */
  price: Money;
  /** The contract's exact price: `priceAmount` payment base units per `priceUnit` base units of the lot. */
  priceAmount: bigint;
  priceUnit: bigint;
  start: Date;
  end: Date;
  /** When anyone (not only an issuer) may close it: the end plus the grace period. */
  closableByAnyoneAt: Date;
  minTicket: Quantity;
  maxTicket: Quantity;
  softCap: Quantity;
  hardCap: Quantity;
  state: OfferingStateName;
  /** Investors with a request who have not claimed yet. */
  unclaimed: number;
  /** Holder slots of the lot the offering holds for its subscribers until they claim. */
  slotsHeld: number;
  /** A lower bound of the smallest request accepted; with the lot's minimum holding it bounds oversubscription. */
  smallestRequest: Quantity;
  totalRequested: Quantity;
  unitsMinted: Quantity;
  unitsDelivered: Quantity;
  unitsRefused: Quantity;
  /** Units an issuer moved out of the offering (refused units, rounding dust once every investor claimed). */
  unitsReturned: Quantity;
  /** What `withdrawOfferingUnits` would move out now: refused units, and the rounding dust once all claimed. */
  withdrawableUnits: Quantity;
  proceedsReleased: Money;
  proceedsWithdrawn: Money;
  /** What `withdrawOfferingProceeds` would pay the treasury now: payments for delivered units not yet paid out. */
  withdrawableProceeds: Money;
  /** The chain's time when read. */
  now: Date;
  position?: OfferingPosition;
}

/** `ContractRevertError` "UnknownOffering" when no offering has the id. */
export type GetOfferingErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Reads an offering: its terms (price per market unit in USD, tickets and caps as quantities), where it stands,
 * its totals and, for an investor, its position and what its claim would deliver.
 *
 * @example
 * const offering = await getOffering(client, { deployment, offeringId: 1n, investor })
 * console.log(offering.state, offering.price.format(), offering.position?.allocation.format())
 */
export async function getOffering(client: Client, parameters: GetOfferingParameters): Promise<GetOfferingReturnType> {
  const offeringId = toOfferingId(parameters.offeringId);
  const { deployment } = parameters;
  const investor = parameters.investor !== undefined ? toAddress(parameters.investor, "investor") : client.account?.address;
  const address = offeringsAddress(deployment);
  try {
    const terms = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "termsOf", args: [offeringId] });
    const status = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "statusOf", args: [offeringId] });
    const grace = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "GRACE_PERIOD" });
    const now = (await getBlock(client)).timestamp;
    const lot = await getLot(client, { deployment, lotId: terms.lotId });
    const q = (base: bigint) => Quantity.fromBase(lot.commodity, base);
    let position: OfferingPosition | undefined;
    if (investor !== undefined) {
      const sub = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "subscriptionOf", args: [offeringId, investor] });
      const [units, payment, refund] = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "allocationOf", args: [offeringId, investor] });
      const record = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getInvestor", args: [investor] });
      const investorId = sub.requested === 0n ? record.investorId : sub.investorId;
      const [investorRequested, slotHeld] = await readContract(client, { address, abi: lotOfferingsAbiWithErrors, functionName: "investorRequestOf", args: [offeringId, investorId] });
      position = {
        investor,
        requested: q(sub.requested),
        paid: Money.fromBase(sub.paid),
        claimed: sub.claimed,
        allocation: q(units),
        payment: Money.fromBase(payment),
        refund: Money.fromBase(refund),
        investorId,
        investorRequested: q(investorRequested),
        slotHeld,
        frozen: record.frozen,
      };
    }
    return {
      offeringId,
      lotId: terms.lotId,
      commodity: lot.commodity,
      paymentToken: terms.paymentToken,
      treasury: terms.treasury,
      price: Money.fromBase(pricePerMarketUnit(lot.commodity, terms.priceAmount, terms.priceUnit)),
      priceAmount: terms.priceAmount,
      priceUnit: terms.priceUnit,
      start: new Date(Number(terms.start) * 1000),
      end: new Date(Number(terms.end) * 1000),
      closableByAnyoneAt: new Date(Number(terms.end + grace) * 1000),
      minTicket: q(terms.minTicket),
      maxTicket: q(terms.maxTicket),
      softCap: q(terms.softCap),
      hardCap: q(terms.hardCap),
      state: OFFERING_STATES[status.state] ?? "open",
      unclaimed: Number(status.unclaimed),
      slotsHeld: Number(status.slotsHeld),
      smallestRequest: q(status.smallestRequest),
      totalRequested: q(status.totalRequested),
      unitsMinted: q(status.unitsMinted),
      unitsDelivered: q(status.unitsDelivered),
      unitsRefused: q(status.unitsRefused),
      unitsReturned: q(status.unitsReturned),
      // As the contract's withdrawUnits counts them: all undelivered units once every investor claimed, else the refused.
      withdrawableUnits: q(status.state !== 1 ? 0n : (status.unclaimed === 0n ? status.unitsMinted - status.unitsDelivered : status.unitsRefused) - status.unitsReturned),
      proceedsReleased: Money.fromBase(status.proceedsReleased),
      proceedsWithdrawn: Money.fromBase(status.proceedsWithdrawn),
      withdrawableProceeds: Money.fromBase(status.proceedsReleased - status.proceedsWithdrawn),
      now: new Date(Number(now) * 1000),
      ...(position ? { position } : {}),
    };
  } catch (error) {
    throw decodeError(error, { action: `read offering ${offeringId}` });
  }
}

/** Whether `account` holds ISSUER_ROLE (an issuer may close an offering at its end, others after the grace period). */
export async function isIssuer(client: Client, deployment: Deployment, account: Address): Promise<boolean> {
  return readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.issuer, account] });
}
