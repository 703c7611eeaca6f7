import type { Address, Client } from "viem";
import { zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { lotTradesAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { OFFER_STATES, type OfferStateName, toOfferId, tradesAddress } from "../../internal/trades.ts";
import { Money, Quantity, type Commodity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetOfferParameters {
  deployment: Deployment;
  offerId: bigint | number | string;
}

export interface GetOfferReturnType {
  offerId: bigint;
  seller: Address;
  /** The only buyer who may take it, or undefined for anyone. */
  buyer: Address | undefined;
  lotId: bigint;
  commodity: Commodity;
  /** The units offered, in the lot's commodity. */
  amount: Quantity;
  paymentToken: Address;
  /** The total price, in the payment token's base units read as USD with 6 decimals. */
  price: Money;
  /** When the offer can no longer be taken. */
  expiry: Date;
  state: OfferStateName;
}

/** `ContractRevertError` "UnknownOffer" when no offer has the id. */
export type GetOfferErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Reads an offer of the trades contract, with its quantity in the lot's commodity and its price in USD.
 *
 * @example
 * const offer = await getOffer(client, { deployment, offerId: 1n })
 * console.log(`${offer.amount.format()} for ${offer.price.format()}`) // "0.100 t Cu for 900.00 USD"
 */
export async function getOffer(client: Client, parameters: GetOfferParameters): Promise<GetOfferReturnType> {
  const offerId = toOfferId(parameters.offerId);
  const { deployment } = parameters;
  const address = tradesAddress(deployment);
  let offer;
  try {
    offer = await readContract(client, { address, abi: lotTradesAbiWithErrors, functionName: "getOffer", args: [offerId] });
  } catch (error) {
    throw decodeError(error, { action: `read offer ${offerId}` });
  }
  const { commodity } = await getLot(client, { deployment, lotId: offer.lotId });
  return toOfferView(offerId, offer, commodity);
}

/** An offer as the trades contract's `getOffer` returns it. */
export interface RawOffer {
  seller: Address;
  expiry: number;
  state: number;
  buyer: Address;
  paymentToken: Address;
  lotId: bigint;
  amount: bigint;
  price: bigint;
}

/** An offer read from the contract, with its quantity in the lot's commodity and its price in USD. */
export function toOfferView(offerId: bigint, offer: RawOffer, commodity: Commodity): GetOfferReturnType {
  return {
    offerId,
    seller: offer.seller,
    buyer: offer.buyer === zeroAddress ? undefined : offer.buyer,
    lotId: offer.lotId,
    commodity,
    amount: Quantity.fromBase(commodity, offer.amount),
    paymentToken: offer.paymentToken,
    price: Money.fromBase(offer.price),
    expiry: new Date(offer.expiry * 1000),
    state: OFFER_STATES[offer.state] as OfferStateName,
  };
}
