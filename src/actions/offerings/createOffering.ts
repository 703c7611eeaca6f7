import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { getBlock, readContract } from "viem/actions";
import { lotOfferingsAbiWithErrors, lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { ROLES } from "../../domain.ts";
import {
  InvalidArgumentError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { isoDate, short } from "../../errors/format.ts";
import { offeringsAddress, priceTerms } from "../../internal/offerings.ts";
import { paymentTokenOf } from "../../internal/trades.ts";
import { toAddress, toAmount, toLotId, toTimestamp } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Money, Quantity, formatPrice } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface CreateOfferingParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The price per market unit of the lot's commodity (per t Cu, per ozt Au, ...): `Money` or text ("9,750 USD"). */
  price: Money | string;
  /** The ERC-20 investors pay in; defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
  /** Who is paid the proceeds; must hold TREASURY_ROLE. */
  treasury: Address;
  /** The subscription window: from `start` (inclusive) to `end` (exclusive); `end` must be in the future. */
  start: Date;
  end: Date;
  /** Per investor, and in total (the soft cap must be reached, the hard cap is never exceeded). */
  minTicket: Quantity | bigint;
  maxTicket: Quantity | bigint;
  softCap: Quantity | bigint;
  hardCap: Quantity | bigint;
}

export interface CreateOfferingReturnType {
  offeringId: bigint;
  /** The contract's exact price per base unit of the lot. */
  priceAmount: bigint;
  priceUnit: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
}

/**
 * `InvalidArgumentError` for terms refused before anything is sent (a treasury without the TREASURY role among them);
 * `ContractRevertError` "AccessControlUnauthorizedAccount" without ISSUER_ROLE, "InvalidOfferingTerms".
 */
export type CreateOfferingErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Creates a primary offering of a lot's units (an issuer): the price given per market unit is converted exactly to
 * the contract's `priceAmount / priceUnit` per base unit, and the hard cap is reserved out of the lot's mint capacity
 * until the close (so the lot stays in its warehouse, unsold). Tickets, caps, the lot's capacity and the treasury's
 * role are checked before anything is sent.
 *
 * @example
 * const { offeringId } = await createOffering(client, { deployment, lotId: 1n, price: "9,750 USD", treasury, start, end, minTicket: Quantity.parse(Commodity.Copper, "1 t"), maxTicket: Quantity.parse(Commodity.Copper, "8 t"), softCap: Quantity.parse(Commodity.Copper, "5 t"), hardCap: Quantity.parse(Commodity.Copper, "10 t") })
 */
export async function createOffering(client: Client, parameters: CreateOfferingParameters): Promise<CreateOfferingReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const price = parameters.price instanceof Money ? parameters.price : typeof parameters.price === "string" ? parseUsd(parameters.price) : undefined;
  if (price === undefined || price.base <= 0n) throw new InvalidArgumentError("price", "a positive price per market unit (Money or text such as \"9,750 USD\")", parameters.price);
  const paymentToken = paymentTokenOf(deployment, parameters.paymentToken);
  const treasury = toAddress(parameters.treasury, "treasury");
  const start = toTimestamp(parameters.start, "start");
  const end = toTimestamp(parameters.end, "end");
  if (end <= start) throw new InvalidArgumentError("end", "a time after start", parameters.end);
  const address = offeringsAddress(deployment);
  const lot = await getLot(client, { deployment, lotId });
  const minTicket = toAmount(parameters.minTicket, lot.commodity, "minTicket");
  const maxTicket = toAmount(parameters.maxTicket, lot.commodity, "maxTicket");
  const softCap = toAmount(parameters.softCap, lot.commodity, "softCap", true);
  const hardCap = toAmount(parameters.hardCap, lot.commodity, "hardCap");
  if (maxTicket < minTicket) throw new InvalidArgumentError("maxTicket", `at least minTicket (${Quantity.fromBase(lot.commodity, minTicket).format()})`, parameters.maxTicket);
  if (softCap > hardCap) throw new InvalidArgumentError("softCap", `at most hardCap (${Quantity.fromBase(lot.commodity, hardCap).format()})`, parameters.softCap);
  let now: bigint;
  try {
    now = (await getBlock(client)).timestamp;
  } catch (error) {
    throw decodeError(error, { action: "read the chain's time" });
  }
  if (end <= now) throw new InvalidArgumentError("end", `a time after the chain's current time (${isoDate(now)})`, parameters.end);
  // The offering reserves its hard cap out of the lot's mint capacity: a lot that cannot mint it (in transit, sold,
  // short of attested metal) takes no money.
  let mintable: bigint;
  try {
    mintable = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "mintableQuantity", args: [lotId] });
  } catch (error) {
    throw decodeError(error, { action: `read what lot ${lotId} may mint` });
  }
  if (hardCap > mintable) {
    const why = lot.state === "warehoused" ? "what its custodian attested and is not minted or reserved yet" : `nothing while it is ${lot.state}`;
    throw new InvalidArgumentError("hardCap", `at most what lot ${lotId} may mint now: ${Quantity.fromBase(lot.commodity, mintable).format()} (${why})`, parameters.hardCap);
  }
  // The proceeds go only to a treasury account: the contract refuses any other (TreasuryLacksRole), so say it first.
  let isTreasury: boolean;
  try {
    isTreasury = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES.treasury, treasury] });
  } catch (error) {
    throw decodeError(error, { action: `check the treasury of an offering of lot ${lotId}` });
  }
  if (!isTreasury) throw new InvalidArgumentError("treasury", "an account holding the TREASURY role, which is paid the offering's proceeds", `${short(treasury)} (no TREASURY role)`);
  const { priceAmount, priceUnit } = priceTerms(lot.commodity, price.base);
  const terms = { lotId, paymentToken, treasury, priceAmount, priceUnit, start, end, minTicket, maxTicket, softCap, hardCap };
  const { receipt, result } = await writeAndWait(client, {
    address,
    abi: lotOfferingsAbiWithErrors,
    functionName: "createOffering",
    args: [terms],
    context: { commodity: lot.commodity, action: `create an offering of lot ${lotId} at ${formatPrice(price, lot.commodity)}` },
  });
  return { offeringId: result as bigint, priceAmount, priceUnit, hash: receipt.transactionHash, receipt };
}

function parseUsd(text: string): Money | undefined {
  try {
    return Money.parseUsd(text);
  } catch {
    return undefined;
  }
}
