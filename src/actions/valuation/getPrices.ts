import type { Address, Client } from "viem";
import { getBlock } from "viem/actions";
import { mockPriceFeedAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readAll } from "../../internal/batch.ts";
import { toIntInRange } from "../../internal/validate.ts";
import { divRound } from "../../units/decimal.ts";
import { COMMODITIES, Commodity, Quantity, formatUsdCents, valueInCents } from "../../units/index.ts";

/** A day and an hour: the heartbeat of Chainlink's daily commodity feeds, with an hour's grace. */
export const DEFAULT_MAX_PRICE_AGE_SECONDS = 25 * 60 * 60;

export interface GetPricesParameters {
  deployment: Deployment;
  /** Seconds after its last update past which a price is stale and not used (default 25 hours). */
  maxAgeSeconds?: number;
  /** The moment to judge staleness at (default: the latest block's time, the chain's own clock). */
  now?: Date;
}

/**
 * The price of one mineral, as its feed reports it. Only a `fresh` price is ever used to value anything: a
 * `stale` price is shown with its age, and a `missing` one says why.
 */
export type PriceView =
  | {
      commodity: Commodity;
      status: "fresh" | "stale";
      feed: Address;
      description: string;
      /** The answer scaled by `10^decimals`, in USD per market unit. */
      answer: bigint;
      decimals: number;
      roundId: bigint;
      updatedAt: Date;
      ageSeconds: number;
      maxAgeSeconds: number;
      /** How the price is quoted, e.g. "USD per fine troy oz". */
      quote: string;
    }
  | { commodity: Commodity; status: "missing"; quote: string; reason: string };

export type GetPricesReturnType = Record<Commodity, PriceView>;
export type GetPricesErrorType = MineralsError;

/**
 * The price of every mineral from the deployment's feeds, each marked fresh, stale or missing, in one batch of
 * reads.
 *
 * @example
 * const prices = await getPrices(client, { deployment, maxAgeSeconds: 3600 })
 * prices[Commodity.Gold].status // "fresh"
 */
export async function getPrices(client: Client, parameters: GetPricesParameters): Promise<GetPricesReturnType> {
  const { deployment } = parameters;
  const maxAgeSeconds = toIntInRange(parameters.maxAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS, "maxAgeSeconds", 0, Number.MAX_SAFE_INTEGER, "a whole number of seconds");
  const fed = fedCommodities(deployment);
  try {
    const reads = fed.flatMap(({ feed }) => [
      { address: feed, abi: mockPriceFeedAbi, functionName: "latestRoundData" },
      { address: feed, abi: mockPriceFeedAbi, functionName: "decimals" },
      { address: feed, abi: mockPriceFeedAbi, functionName: "description" },
    ]);
    const [results, now] = await Promise.all([
      readAll(client, deployment, reads),
      parameters.now ? Promise.resolve(parameters.now) : getBlock(client).then((b) => new Date(Number(b.timestamp) * 1000)),
    ]);
    const rounds = fed.map((_, i) => {
      const [roundId, answer, , updatedAt] = results[3 * i] as readonly [bigint, bigint, bigint, bigint, bigint];
      return { roundId, answer, updatedAt, decimals: Number(results[3 * i + 1]), description: results[3 * i + 2] as string };
    });
    return priceViews(fed, rounds, now, maxAgeSeconds);
  } catch (error) {
    throw decodeError(error, { action: "read the price feeds" });
  }
}

/** A feed's latest round, decimals and description, as a price source read them (the feed itself, or the index). */
export interface FeedRound {
  roundId: bigint;
  answer: bigint;
  updatedAt: bigint;
  decimals: number;
  description: string;
}

/**
 * Every mineral's price from the feeds' rounds (`rounds[i]` is `fed[i]`'s), judged stale at `now`; a mineral without
 * a feed, or whose feed has no valid answer, is "missing".
 */
export function priceViews(fed: readonly { commodity: Commodity; feed: Address }[], rounds: readonly FeedRound[], now: Date, maxAgeSeconds: number): GetPricesReturnType {
  const commodities = Object.values(Commodity) as Commodity[];
  const prices = {} as Record<Commodity, PriceView>;
  for (const commodity of commodities) {
    const quote = COMMODITIES[commodity].priceQuote;
    prices[commodity] = { commodity, status: "missing", quote, reason: `no price feed for ${COMMODITIES[commodity].name}` };
  }
  fed.forEach(({ commodity, feed }, i) => {
    const { roundId, answer, updatedAt, decimals, description } = rounds[i]!;
    const quote = COMMODITIES[commodity].priceQuote;
    if (answer <= 0n || updatedAt === 0n) {
      prices[commodity] = { commodity, status: "missing", quote, reason: `the ${COMMODITIES[commodity].name} feed has no valid answer` };
      return;
    }
    const ageSeconds = Math.max(0, Math.floor(now.getTime() / 1000) - Number(updatedAt));
    prices[commodity] = {
      commodity,
      status: ageSeconds > maxAgeSeconds ? "stale" : "fresh",
      feed,
      description,
      answer,
      decimals,
      roundId,
      updatedAt: new Date(Number(updatedAt) * 1000),
      ageSeconds,
      maxAgeSeconds,
      quote,
    };
  });
  return prices;
}

/** The feeds a deployment has, by commodity. */
export function fedCommodities(deployment: Deployment): { commodity: Commodity; feed: Address }[] {
  return (Object.values(Commodity) as Commodity[]).flatMap((commodity) => {
    const feed = deployment.priceFeeds?.[COMMODITIES[commodity].name as keyof NonNullable<Deployment["priceFeeds"]>];
    return feed ? [{ commodity, feed }] : [];
  });
}

/**
 * What a quantity is worth, or why it is not valued: the price is stale or missing, or the metal is no longer the
 * platform's to value (`sold`: the lot is settling and its holders are paid from the sale proceeds; `retired`: the
 * lot is retired and nothing of it remains; `processed`: a processing step consumed it and its metal is valued in the
 * step's outputs).
 */
export type Valuation =
  | { status: "valued"; cents: bigint; text: string }
  | { status: "stale" | "missing" | "sold" | "retired" | "processed"; text: string };

/**
 * Values the units or metal of a lot in a given state: like {@link valueAt}, but a settling lot's metal is sold (its
 * holders are owed sale proceeds, reported as such) and a retired lot's is gone, so neither is valued at the feed
 * price, and a processed lot's metal is in the lots its step produced, valued there: only metal that still exists
 * counts, once.
 *
 * @example
 * valueInState(lot.payable, prices[lot.commodity], "retired") // { status: "retired", text: "retired: nothing of the lot remains to value" }
 */
export function valueInState(quantity: Quantity, price: PriceView, state: string): Valuation {
  if (state === "settling") return { status: "sold", text: "sold: valued by its sale proceeds, not at the feed price" };
  if (state === "retired") return { status: "retired", text: "retired: nothing of the lot remains to value" };
  if (state === "processed") return { status: "processed", text: "processed: its metal is valued in the lots its processing step produced" };
  return valueAt(quantity, price);
}

/**
 * Values a quantity at a price: exact, **rounded down to the cent**, and only at a fresh price. A stale or
 * missing price gives a readable reason instead of a number.
 *
 * @example
 * valueAt(lot.outstanding, prices[lot.commodity]) // { status: "valued", cents: 1234567n, text: "12,345.67 USD" }
 */
export function valueAt(quantity: Quantity, price: PriceView): Valuation {
  if (price.status === "missing") return { status: "missing", text: `no price (${price.reason})` };
  if (price.status === "stale") {
    const hours = (price.ageSeconds / 3600).toFixed(1);
    return {
      status: "stale",
      text: `stale price (last updated ${price.updatedAt.toISOString()}, ${hours} h ago; limit ${price.maxAgeSeconds / 3600} h): not valued`,
    };
  }
  const cents = valueInCents(quantity.commodity, quantity.base, price.answer, price.decimals);
  return { status: "valued", cents, text: formatUsdCents(cents) };
}

/** A price as a short text: "3,350.00 USD per fine troy oz, updated 2026-01-01T00:00:00.000Z" or why there is none. */
export function describePrice(price: PriceView): string {
  if (price.status === "missing") return `no price (${price.reason})`;
  return `${priceText(price)}${price.status === "stale" ? " (STALE)" : ""}, updated ${price.updatedAt.toISOString()}`;
}

/**
 * A feed's answer as a price a person reads: "3,350.00 USD per fine troy oz" (to the cent, as every amount of money;
 * the feed's exact answer is in the report's JSON).
 */
export function priceText(price: { answer: bigint; decimals: number; quote: string }): string {
  const cents = divRound(price.answer * 100n, 10n ** BigInt(price.decimals), "half-even");
  return `${formatUsdCents(cents, price.answer > 0n)}${price.quote.replace(/^USD/, "")}`;
}
