import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { zeroAddress } from "viem";
import { getBlock, readContract } from "viem/actions";
import { lotTokenAbi, lotTradesAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  InvalidArgumentError,
  TradeRefusedError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TradeRefusedErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { isoDate, short } from "../../errors/format.ts";
import { paymentTokenOf, tradesAddress } from "../../internal/trades.ts";
import { toAddress, toAmount, toLotId, toTimestamp } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Money, Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface OfferUnitsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The units offered: a `Quantity` of the lot's commodity, or base units. The offer is taken whole. */
  amount: Quantity | bigint;
  /** The total price: `Money` (USD, 6 decimals) or base units of the payment token. */
  price: Money | bigint;
  /** The ERC-20 the price is paid in; defaults to the deployment's test stablecoin. */
  paymentToken?: Address;
  /** The only buyer who may take the offer; anyone when omitted. */
  buyer?: Address;
  /** When the offer can no longer be taken (whole seconds); must be after the chain's current time. */
  expiry: Date;
  /**
   * Whether to approve the trades contract as the seller's ERC-1155 operator first if it is not yet (default true).
   * The units stay with the seller; the approval lets a take move them.
   */
  approve?: boolean;
}

export interface OfferUnitsReturnType {
  offerId: bigint;
  amount: Quantity;
  price: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type OfferUnitsErrorType =
  | InvalidArgumentErrorType
  | TradeRefusedErrorType
  | DeploymentErrorType
  | ContractRevertErrorType
  | TransactionErrorType;

/**
 * Offers units of a lot for a total price (delivery versus payment): the units stay with the seller until a buyer
 * takes the offer, when the price and the units change hands in one transaction. Checked before anything is sent:
 * the seller must hold the units and the expiry must be in the future.
 *
 * @example
 * const { offerId } = await offerUnits(client, { deployment, lotId: 1n, amount: Quantity.parse(Commodity.Copper, "5 t"), price: Money.parseUsd("45,000 USD"), expiry: new Date(Date.now() + 86_400_000) })
 */
export async function offerUnits(client: Client, parameters: OfferUnitsParameters): Promise<OfferUnitsReturnType> {
  const seller = requireAccount(client).address;
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const price = parameters.price instanceof Money ? parameters.price.base : parameters.price;
  if (typeof price !== "bigint" || price <= 0n) throw new InvalidArgumentError("price", "a positive amount of money", parameters.price);
  const paymentToken = paymentTokenOf(deployment, parameters.paymentToken);
  const buyer = parameters.buyer === undefined ? zeroAddress : toAddress(parameters.buyer, "buyer");
  if (buyer.toLowerCase() === seller.toLowerCase()) throw new InvalidArgumentError("buyer", "someone other than the seller", buyer);
  const expiry = toTimestamp(parameters.expiry, "expiry");
  const trades = tradesAddress(deployment);
  const lot = await getLot(client, { deployment, lotId });
  const amount = toAmount(parameters.amount, lot.commodity);
  const offered = Quantity.fromBase(lot.commodity, amount);
  const action = `offer ${offered.format()} of lot ${lotId}`;

  let balance: bigint;
  let approved: boolean;
  let now: bigint;
  try {
    balance = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [seller, lotId] });
    approved = await readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "isApprovedForAll", args: [seller, trades] });
    now = (await getBlock(client)).timestamp;
  } catch (error) {
    throw decodeError(error, { action });
  }
  if (balance < amount) {
    throw new TradeRefusedError("seller-lacks-units", `Cannot ${action}: ${short(seller)} holds ${Quantity.fromBase(lot.commodity, balance).format()} of it`);
  }
  if (expiry <= now) throw new InvalidArgumentError("expiry", `a time after the chain's current time (${isoDate(now)})`, parameters.expiry);
  if (!approved) {
    if (parameters.approve === false) {
      throw new TradeRefusedError("seller-approval-missing", `Cannot ${action}: ${short(seller)} has not approved the trades contract ${short(trades)} as its operator`);
    }
    await writeAndWait(client, {
      address: deployment.contracts.LotToken,
      abi: lotTokenAbi,
      functionName: "setApprovalForAll",
      args: [trades, true],
      context: { action: "approve the trades contract as operator" },
    });
  }
  const { receipt, result } = await writeAndWait(client, {
    address: trades,
    abi: lotTradesAbiWithErrors,
    functionName: "createOffer",
    args: [lotId, amount, paymentToken, price, buyer, Number(expiry)],
    context: { commodity: lot.commodity, action },
  });
  return { offerId: result as bigint, amount: offered, price: Money.fromBase(price), hash: receipt.transactionHash, receipt };
}
