/**
 * Valuing a quantity at a feed price, exactly: integers only, one rounding, stated.
 *
 * @module
 */
import { COMMODITIES, type Commodity } from "./commodities.ts";
import { formatFixed, pow10 } from "./decimal.ts";
import type { Money } from "./money.ts";
import { fromBaseUnits } from "./quantity.ts";

/**
 * The value, in US cents, of `base` units of `commodity` at `answer` (a feed answer scaled by `10^decimals`, in
 * USD per market unit). Computed in one division and **rounded down to the cent**:
 * `floor(base × baseUnitMg × answer × 100 / (marketUnitMg × 10^decimals))`.
 *
 * @example
 * ```ts
 * // 100 fine troy oz of gold (3,110,347.68 mg is not whole: take 3,110,348 mg) at USD 3,350.00000000
 * valueInCents(Commodity.Gold, 3_110_348n, 335_000_000_000n, 8); // 33500003n (USD 335,000.03)
 * ```
 */
export function valueInCents(commodity: Commodity, base: bigint, answer: bigint, decimals: number): bigint {
  if (answer <= 0n) throw new RangeError(`A price must be positive, got ${answer}`);
  // floor(floor(a / b) / c) = floor(a / (b c)) for positive integers, so the two steps round once.
  const scaled = fromBaseUnits(commodity, base * answer * 100n, COMMODITIES[commodity].marketUnit, 0, "down");
  return scaled / pow10(decimals);
}

/**
 * A feed answer as a plain decimal string, e.g. 335000000000n with 8 decimals as "3350.00000000".
 *
 * @example
 * ```ts
 * formatAnswer(335_000_000_000n, 8); // "3350.00000000"
 * ```
 */
export function formatAnswer(answer: bigint, decimals: number): string {
  return formatFixed(answer, decimals);
}

/**
 * A price per market unit as a person reads it, in the market's own words: "9,750.00 USD per tonne",
 * "3,350.00 USD per fine troy oz", "600.00 USD per mtu WO3".
 *
 * @example
 * ```ts
 * formatPrice(Money.parseUsd("9,750 USD"), Commodity.Copper); // "9,750.00 USD per tonne"
 * ```
 */
export function formatPrice(price: Money, commodity: Commodity): string {
  return `${price.format()}${COMMODITIES[commodity].priceQuote.replace(/^USD/, "")}`;
}
