import type { Address, Client } from "viem";
import { getBlock } from "viem/actions";
import { lotTokenAbi, lotTradesAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readAll } from "../../internal/batch.ts";
import { scanLogs, type OnProgress } from "../../internal/logs.ts";
import { pricePerMarketUnit } from "../../internal/offerings.ts";
import { compareUnitPrices } from "../../internal/tradeLedger.ts";
import { tradesAddress } from "../../internal/trades.ts";
import { toAddress, toLotId } from "../../internal/validate.ts";
import { Money } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";
import { TAKE_SENTENCES } from "./checkTake.ts";
import { toOfferView, type GetOfferReturnType, type RawOffer } from "./getOffer.ts";

export interface ListOffersParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Only the offers paid in this ERC-20; every offer when omitted. */
  paymentToken?: Address;
  /** Called as the scan of the trades contract's logs advances (for a progress bar). */
  onProgress?: OnProgress;
}

/** Why an open offer could not be taken now by any buyer: the seller's side of `checkTake`. */
export type OfferUnavailableReason = "seller-lacks-units" | "seller-approval-missing";

/** An open offer of the lot, with its price per market unit and whether its seller can still settle it. */
export interface ListedOffer extends GetOfferReturnType {
  /** The price per market unit of the lot's commodity, rounded down to the payment token's base unit. */
  pricePerMarketUnit: Money;
  /** False when the take would fail now whoever the buyer: the seller no longer holds the units or its approval. */
  available: boolean;
  /** Why not, with `checkTake`'s reason and sentence; null when available. */
  reason: OfferUnavailableReason | null;
  message: string | null;
}

/** The lot's open offers, best price first (see `listOffers`). */
export type ListOffersReturnType = ListedOffer[];

/** `ContractRevertError` "UnknownLot" when the lot does not exist. */
export type ListOffersErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * The open delivery-versus-payment offers of a lot, best price first: the lowest price per market unit of the lot's
 * commodity first, compared exactly whatever the amounts (offers at the same price in the order they were made).
 * Offers taken, cancelled or expired (on the chain's clock) are left out. An offer its seller can no longer settle,
 * because it no longer holds the units or withdrew the trades contract's approval, stays in the list marked
 * `available: false` with the reason, in `checkTake`'s words. Whether a given buyer may take an offer (its money, its
 * approval, the lot's rules) is `checkTake`'s to say.
 *
 * Reads: the lot's `OfferCreated` events (filtered at the node by the indexed lot id, in bounded block ranges), then
 * the offers and their sellers' balances and approvals in batches.
 *
 * @example
 * const offers = await listOffers(client, { deployment, lotId: 1n })
 * for (const o of offers) console.log(o.offerId, formatPrice(o.pricePerMarketUnit, o.commodity), o.amount.format(), o.available ? "" : o.message)
 */
export async function listOffers(client: Client, parameters: ListOffersParameters): Promise<ListOffersReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const paymentToken = parameters.paymentToken === undefined ? undefined : toAddress(parameters.paymentToken, "paymentToken");
  const trades = tradesAddress(deployment);
  const { commodity } = await getLot(client, { deployment, lotId });
  try {
    const ids: bigint[] = [];
    await scanLogs(client, {
      address: trades,
      abi: lotTradesAbi,
      eventNames: ["OfferCreated"],
      indexed: { topicIndex: 3, value: lotId },
      fromBlock: deployment.block.number,
      label: `offers of lot ${lotId}`,
      ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
      onLogs: (logs) => {
        for (const log of logs) ids.push(log.args.offerId as bigint);
      },
    });
    const now = (await getBlock(client, { blockTag: "latest" })).timestamp;
    const raw = (await readAll(client, deployment, ids.map((id) => ({ address: trades, abi: lotTradesAbi, functionName: "getOffer", args: [id] })))) as RawOffer[];
    const open = ids
      .map((offerId, i) => ({ offerId, raw: raw[i]! }))
      .filter(({ raw: o }) => o.state === 1 && BigInt(o.expiry) > now)
      .filter(({ raw: o }) => paymentToken === undefined || o.paymentToken.toLowerCase() === paymentToken.toLowerCase());
    const sellers = [...new Set(open.map(({ raw: o }) => o.seller))];
    const token = deployment.contracts.LotToken;
    const reads = (await readAll(
      client,
      deployment,
      sellers.flatMap((seller) => [
        { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [seller, lotId] },
        { address: token, abi: lotTokenAbi, functionName: "isApprovedForAll", args: [seller, trades] },
      ]),
    )) as (bigint | boolean)[];
    const seller = new Map(sellers.map((s, i) => [s, { balance: reads[2 * i] as bigint, approved: reads[2 * i + 1] as boolean }]));
    return open
      .sort((a, b) => compareUnitPrices(a.raw, b.raw) || (a.offerId < b.offerId ? -1 : 1))
      .map(({ offerId, raw: o }) => {
        const offer = toOfferView(offerId, o, commodity);
        const s = seller.get(o.seller)!;
        // The order of the contract's checkTake: the units first, then the approval.
        const reason: OfferUnavailableReason | null = s.balance < o.amount ? "seller-lacks-units" : !s.approved ? "seller-approval-missing" : null;
        return {
          ...offer,
          pricePerMarketUnit: Money.fromBase(pricePerMarketUnit(commodity, o.price, o.amount)),
          available: reason === null,
          reason,
          message: reason === null ? null : TAKE_SENTENCES[reason](offer, o.seller),
        };
      });
  } catch (error) {
    throw decodeError(error, { action: `list the offers of lot ${lotId}` });
  }
}
