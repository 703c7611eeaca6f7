/**
 * The lot math of the on-chain registry, reproduced exactly so the SDK can preview contained and payable
 * quantities before a registration is sent, plus exact parsers for the percentages and masses it takes.
 *
 * @module
 */

import { COMMODITIES, Commodity as CommodityId, assertCommodity } from "./commodities.ts";
import type { Commodity } from "./commodities.ts";
import { divRound, parseDecimal, pow10 } from "./decimal.ts";
import type { ScaledDecimal } from "./decimal.ts";
import { Quantity } from "./quantity.ts";

/** Largest `uint128`, the width of `wetMassGrams` and of the stored quantities on chain. */
const MAX_UINT128 = (1n << 128n) - 1n;

/**
 * One whole, in basis points.
 *
 * @example
 * ```ts
 * percentToBps("100") === BPS_DENOMINATOR; // true
 * ```
 */
export const BPS_DENOMINATOR = 10_000;

/**
 * One whole, in parts per billion.
 *
 * @example
 * ```ts
 * percentToPpb("100") === PPB_DENOMINATOR; // true
 * ```
 */
export const PPB_DENOMINATOR = 1_000_000_000n;

/**
 * The physical figures a lot is registered with (the same fields as the Solidity `LotRegistration`).
 *
 * @example
 * ```ts
 * const figures: LotFigures = { wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 };
 * ```
 */
export type LotFigures = {
  /** Wet mass of the lot in grams, 1..2^128-1. */
  readonly wetMassGrams: bigint;
  /** Moisture in basis points of the wet mass, 0..9999 (8% = 800). */
  readonly moistureBps: number;
  /** Grade of the basis on a dry basis, in parts per billion, 1..1e9 (26.5% = 265_000_000n). */
  readonly gradePpb: bigint;
  /** Payable share of the contained quantity in basis points, 1..10000 (96.5% = 9650). */
  readonly payableBps: number;
};

/**
 * The quantities derived from {@link LotFigures}, in the commodity's base unit.
 *
 * @example
 * ```ts
 * const { contained, payable }: DerivedQuantities = deriveQuantities(Commodity.Copper, figures);
 * ```
 */
export type DerivedQuantities = { readonly contained: Quantity; readonly payable: Quantity };

/**
 * Checks the figures against the ranges the registry enforces.
 *
 * @throws RangeError naming the field and its accepted range; TypeError for a wrong JavaScript type.
 * @example
 * ```ts
 * assertLotFigures({ wetMassGrams: 1n, moistureBps: 10_000, gradePpb: 1n, payableBps: 1 }); // throws RangeError
 * ```
 */
export function assertLotFigures(figures: LotFigures): void {
  assertBigintInRange("wetMassGrams", figures.wetMassGrams, 1n, MAX_UINT128);
  assertIntegerInRange("moistureBps", figures.moistureBps, 0, BPS_DENOMINATOR - 1);
  assertBigintInRange("gradePpb", figures.gradePpb, 1n, PPB_DENOMINATOR);
  assertIntegerInRange("payableBps", figures.payableBps, 1, BPS_DENOMINATOR);
}

function assertBigintInRange(field: string, value: bigint, min: bigint, max: bigint): void {
  if (typeof value !== "bigint") throw new TypeError(`Invalid ${field} ${String(value)}: expected a bigint`);
  if (value < min || value > max) throw new RangeError(`Invalid ${field} ${value}: expected ${min}..${max}`);
}

function assertIntegerInRange(field: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new TypeError(`Invalid ${field} ${String(value)}: expected an integer ${min}..${max}`);
  }
  if (value < min || value > max) throw new RangeError(`Invalid ${field} ${value}: expected ${min}..${max}`);
}

/**
 * The divisor that turns `wetMassGrams * (10000 - moistureBps) * gradePpb` into base units:
 * 1e10 for gold (grams × 1e4 × 1e9 → mg is ÷ 1e13 × 1e3) and 1e16 for the kilogram-based commodities.
 *
 * @example
 * ```ts
 * containedDivisor(Commodity.Gold);   // 10_000_000_000n
 * containedDivisor(Commodity.Copper); // 10_000_000_000_000_000n
 * ```
 */
export function containedDivisor(commodity: Commodity): bigint {
  assertCommodity(commodity);
  return COMMODITIES[commodity].baseUnit === "mg" ? pow10(10) : pow10(16);
}

/**
 * Contained quantity in base units, rounded down exactly like the registry:
 * `wetMassGrams * (10000 - moistureBps) * gradePpb / (1e10 for gold, 1e16 otherwise)`.
 *
 * @example
 * ```ts
 * containedBase(Commodity.Copper, { wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 }); // 2438000n
 * ```
 */
export function containedBase(commodity: Commodity, figures: LotFigures): bigint {
  assertLotFigures(figures);
  const dryBps = BigInt(BPS_DENOMINATOR - figures.moistureBps);
  return (figures.wetMassGrams * dryBps * figures.gradePpb) / containedDivisor(commodity);
}

/**
 * Payable quantity in base units: `contained * payableBps / 10000`, rounded down like the registry.
 *
 * @example
 * ```ts
 * payableBase(2_438_000n, 9650); // 2352670n
 * ```
 */
export function payableBase(contained: bigint, payableBps: number): bigint {
  assertBigintInRange("contained", contained, 0n, MAX_UINT128);
  assertIntegerInRange("payableBps", payableBps, 1, BPS_DENOMINATOR);
  return (contained * BigInt(payableBps)) / BigInt(BPS_DENOMINATOR);
}

/**
 * Derives the contained and payable quantities of a lot from its physical figures, with the registry's math.
 *
 * @throws RangeError / TypeError when a figure is outside the range the registry accepts.
 * @example
 * ```ts
 * const { contained, payable } = deriveQuantities(Commodity.Copper, {
 *   wetMassGrams: parseMass("10,000 wmt"),
 *   moistureBps: percentToBps("8"),
 *   gradePpb: percentToPpb("26.5"),
 *   payableBps: percentToBps("96.5"),
 * });
 * contained.format(); // "2,438.000 t Cu"
 * payable.format();   // "2,352.670 t Cu"
 * ```
 */
export function deriveQuantities(commodity: Commodity, figures: LotFigures): DerivedQuantities {
  const contained = containedBase(commodity, figures);
  const payable = payableBase(contained, figures.payableBps);
  return { contained: Quantity.fromBase(commodity, contained), payable: Quantity.fromBase(commodity, payable) };
}

/** Parses a percentage ("26.5", "8 %", "96.5%") into an exact decimal no greater than 100. */
function parsePercent(text: string, maxDecimals: number, what: string): ScaledDecimal {
  const number = String(text).trim().replace(/\s*%$/, "");
  let value: ScaledDecimal;
  try {
    value = parseDecimal(number);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`Invalid percentage ${JSON.stringify(text)}: ${reason}, optionally followed by "%"`);
  }
  if (value.decimals > maxDecimals && value.digits % pow10(value.decimals - maxDecimals) !== 0n) {
    throw new RangeError(`Invalid percentage ${JSON.stringify(text)}: at most ${maxDecimals} decimals fit in ${what}`);
  }
  if (value.digits > 100n * pow10(value.decimals)) {
    throw new RangeError(`Invalid percentage ${JSON.stringify(text)}: expected 0..100`);
  }
  return value;
}

/** `value` (a percentage) scaled to parts of `partsPerWhole`; exact by construction of the caller's check. */
function percentToParts(value: ScaledDecimal, partsPerWhole: bigint): bigint {
  return divRound(value.digits * partsPerWhole, 100n * pow10(value.decimals), "exact");
}

/**
 * Parses a percentage into basis points, exactly: at most two decimals, 0..100 (a trailing "%" is allowed).
 * Field-specific ranges (moisture below 100%, payable at least 0.01%) are checked by {@link deriveQuantities}.
 *
 * @throws SyntaxError for malformed text; RangeError above 100% or with more than two significant decimals.
 * @example
 * ```ts
 * percentToBps("8");     // 800
 * percentToBps("96.5");  // 9650
 * percentToBps("96.55"); // 9655
 * percentToBps("1.234"); // throws RangeError
 * ```
 */
export function percentToBps(text: string): number {
  return Number(percentToParts(parsePercent(text, 2, "basis points"), BigInt(BPS_DENOMINATOR)));
}

/**
 * Parses a percentage into parts per billion, exactly: at most seven decimals, 0..100 (a trailing "%" is allowed).
 *
 * @throws SyntaxError for malformed text; RangeError above 100% or with more than seven significant decimals.
 * @example
 * ```ts
 * percentToPpb("26.5");      // 265_000_000n
 * percentToPpb("0.0000001"); // 1n
 * percentToPpb("101");       // throws RangeError
 * ```
 */
export function percentToPpb(text: string): bigint {
  return percentToParts(parsePercent(text, 7, "parts per billion"), PPB_DENOMINATOR);
}

/**
 * A unit accepted by {@link parseMass}. `wmt` is a wet metric tonne (1,000,000 g), the same mass as `t`.
 *
 * @example
 * ```ts
 * const unit: WetMassUnit = "wmt";
 * ```
 */
export type WetMassUnit = "mg" | "g" | "kg" | "t" | "wmt";

const WET_MASS_MILLIGRAMS: { readonly [U in WetMassUnit]: bigint } = {
  mg: 1n,
  g: 1_000n,
  kg: 1_000_000n,
  t: 1_000_000_000n,
  wmt: 1_000_000_000n,
};

const WET_MASS_UNITS = Object.keys(WET_MASS_MILLIGRAMS) as WetMassUnit[];

function parseWetMassUnit(text: string, original: string): WetMassUnit {
  const unit = text.toLowerCase();
  if (unit === "dmt") {
    throw new Error(`Invalid mass ${JSON.stringify(original)}: "dmt" is a dry mass; give the wet mass (e.g. "wmt", "t", "kg" or "g")`);
  }
  if ((WET_MASS_UNITS as readonly string[]).includes(unit)) return unit as WetMassUnit;
  throw new Error(`Invalid mass ${JSON.stringify(original)}: unknown unit ${JSON.stringify(text)}, expected one of ${WET_MASS_UNITS.join(", ")}`);
}

/**
 * Parses a wet mass with its unit ("10000 wmt", "10,000 t", "20 kg", "20000 g") into whole grams, exactly.
 * The unit is required. "dmt" (dry metric tonnes) is refused because the registry takes the wet mass.
 *
 * @throws SyntaxError / Error for malformed text, a missing or unknown unit; RangeError when the mass is not a
 * whole number of grams.
 * @example
 * ```ts
 * parseMass("10,000 wmt"); // 10_000_000_000n
 * parseMass("20 kg");      // 20_000n
 * parseMass("0.5 g");      // throws RangeError
 * parseMass("100 dmt");    // throws Error
 * ```
 */
export function parseMass(text: string): bigint {
  const match = /^(.*?)\s*([A-Za-z]+)$/.exec(String(text).trim());
  if (match === null || match[1] === "") {
    throw new SyntaxError(`Invalid mass ${JSON.stringify(text)}: expected a number followed by a unit (${WET_MASS_UNITS.join(", ")}), e.g. "10000 wmt"`);
  }
  const unit = parseWetMassUnit(match[2] ?? "", text);
  let value: ScaledDecimal;
  try {
    value = parseDecimal(match[1] ?? "");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`Invalid mass ${JSON.stringify(text)}: ${reason}, followed by a unit`);
  }
  const numerator = value.digits * WET_MASS_MILLIGRAMS[unit];
  const denominator = pow10(value.decimals) * 1_000n;
  if (numerator % denominator !== 0n) throw new RangeError(`Invalid mass ${JSON.stringify(text)}: not a whole number of grams`);
  return numerator / denominator;
}

/**
 * Whether the commodity's grade and base unit are measured on its oxide (WO3 for tungsten, TREO for rare
 * earths), i.e. whether the Solidity `Basis` must be `Oxide` rather than `Element`.
 *
 * @example
 * ```ts
 * isOxideBasis(Commodity.Tungsten); // true
 * isOxideBasis(Commodity.Copper);   // false
 * ```
 */
export function isOxideBasis(commodity: Commodity): boolean {
  assertCommodity(commodity);
  return commodity === CommodityId.Tungsten || commodity === CommodityId.RareEarths;
}
