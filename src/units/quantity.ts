/**
 * Immutable, unit-aware quantities of a commodity, held as an exact integer count of the commodity's base unit
 * (milligram of fine gold, kilogram of the basis for the others) and converted with exact rational arithmetic.
 *
 * @module
 */

import { COMMODITIES, Commodity as CommodityId, assertCommodity } from "./commodities.ts";
import type { Commodity, CommodityInfo } from "./commodities.ts";
import { assertRounding, divRound, formatFixed, groupThousands, parseDecimal, pow10 } from "./decimal.ts";
import type { Rounding, ScaledDecimal } from "./decimal.ts";

export type { Rounding } from "./decimal.ts";

/**
 * A unit of mass a quantity can be read or written in.
 *
 * - `mg`, `g`, `kg`, `t` (metric tonne, 1,000 kg);
 * - `ozt`: troy ounce, exactly 31.1034768 g;
 * - `mtu`: metric tonne unit of WO3, 10 kg of WO3 — only valid for tungsten.
 *
 * @example
 * ```ts
 * const unit: MassUnit = "ozt";
 * ```
 */
export type MassUnit = "mg" | "g" | "kg" | "t" | "ozt" | "mtu";

/**
 * Every {@link MassUnit}.
 *
 * @example
 * ```ts
 * MASS_UNITS.includes("mtu"); // true
 * ```
 */
export const MASS_UNITS: readonly MassUnit[] = ["mg", "g", "kg", "t", "ozt", "mtu"];

/**
 * The exact size of a unit in milligrams, as the fraction `numerator / denominator`.
 *
 * @example
 * ```ts
 * const ozt: MilligramRatio = UNIT_MILLIGRAMS.ozt; // { numerator: 311034768n, denominator: 10000n }
 * ```
 */
export type MilligramRatio = { readonly numerator: bigint; readonly denominator: bigint };

/**
 * The exact size of every {@link MassUnit} in milligrams. A troy ounce is 31,103.4768 mg by definition.
 *
 * @example
 * ```ts
 * UNIT_MILLIGRAMS.t; // { numerator: 1_000_000_000n, denominator: 1n }
 * ```
 */
export const UNIT_MILLIGRAMS: { readonly [U in MassUnit]: MilligramRatio } = {
  mg: { numerator: 1n, denominator: 1n },
  g: { numerator: 1_000n, denominator: 1n },
  kg: { numerator: 1_000_000n, denominator: 1n },
  t: { numerator: 1_000_000_000n, denominator: 1n },
  ozt: { numerator: 311_034_768n, denominator: 10_000n },
  mtu: { numerator: 10_000_000n, denominator: 1n },
};

/**
 * Checks that a value is a {@link MassUnit} (exact spelling).
 *
 * @example
 * ```ts
 * isMassUnit("kg"); // true
 * isMassUnit("oz"); // false
 * ```
 */
export function isMassUnit(value: unknown): value is MassUnit {
  return (MASS_UNITS as readonly unknown[]).includes(value);
}

/**
 * Reads a {@link MassUnit} case-insensitively ("KG" → "kg", "Ozt" → "ozt").
 *
 * @throws Error naming the accepted units; a plain "oz" is refused because it could be an avoirdupois ounce.
 * @example
 * ```ts
 * parseMassUnit("MTU"); // "mtu"
 * parseMassUnit("lb");  // throws Error
 * ```
 */
export function parseMassUnit(text: string): MassUnit {
  const unit = String(text).trim().toLowerCase();
  if (isMassUnit(unit)) return unit;
  const hint = unit === "oz" ? ' (write "ozt" for troy ounces)' : "";
  throw new Error(`Unknown unit ${JSON.stringify(text)}${hint}: expected one of ${MASS_UNITS.join(", ")}`);
}

/**
 * Throws unless `unit` can measure `commodity`: `mtu` (a unit of WO3) is only valid for tungsten.
 *
 * @example
 * ```ts
 * assertUnitAllowed(Commodity.Tungsten, "mtu"); // ok
 * assertUnitAllowed(Commodity.Copper, "mtu");   // throws Error
 * ```
 */
export function assertUnitAllowed(commodity: Commodity, unit: MassUnit): void {
  assertCommodity(commodity);
  if (!isMassUnit(unit)) {
    throw new TypeError(`Invalid unit ${JSON.stringify(unit)}: expected one of ${MASS_UNITS.join(", ")}`);
  }
  if (unit === "mtu" && commodity !== CommodityId.Tungsten) {
    throw new Error(`Unit "mtu" (metric tonne unit of WO3) is only valid for tungsten, not ${COMMODITIES[commodity].name}`);
  }
}

/**
 * Throws unless amounts of `commodity` may be written in `unit` ({@link CommodityInfo.inputUnits}): a market does
 * not quote copper in troy ounces nor gold in mtu, so such an amount is refused, naming the units it accepts.
 *
 * @example
 * ```ts
 * assertInputUnit(Commodity.Copper, "t");   // ok
 * assertInputUnit(Commodity.Copper, "ozt"); // throws Error: ... copper is written in t or kg
 * ```
 */
export function assertInputUnit(commodity: Commodity, unit: MassUnit): void {
  assertCommodity(commodity);
  if (!isMassUnit(unit)) assertUnitAllowed(commodity, unit);
  const info = COMMODITIES[commodity];
  if (!info.inputUnits.includes(unit)) {
    const accepted = info.inputUnits;
    const why = unit === "mtu" ? " (the metric tonne unit of WO3 is only valid for tungsten)" : "";
    throw new Error(
      `Unit "${unit}" is not used for ${info.name}${why}: write an amount of ${info.name} in ${accepted.slice(0, -1).join(", ")} or ${accepted.at(-1)}`,
    );
  }
}

/** The size of one base unit of the commodity, in milligrams (an integer: 1 or 1,000,000). */
function baseUnitMilligrams(info: CommodityInfo): bigint {
  return UNIT_MILLIGRAMS[info.baseUnit].numerator;
}

/**
 * The number of decimals used for `unit` when none is given.
 *
 * For the commodity's market unit it is {@link CommodityInfo.marketDecimals}. For any other unit it is the
 * smallest number of decimals at which one step of the last digit is at most one base unit, which is exactly
 * the condition for base → string → base to round-trip with half-even rounding (the rounding error is then
 * below half a base unit, or zero). Gold (base mg): mg 0, g 3, kg 6, t 9, ozt 6 (market; 5 would suffice).
 * Kilogram-based commodities: mg 0, g 0, kg 0, t 3, ozt 0, mtu 1.
 *
 * @example
 * ```ts
 * defaultDecimals(Commodity.Gold, "kg");   // 6
 * defaultDecimals(Commodity.Copper, "t");  // 3
 * defaultDecimals(Commodity.Copper, "kg"); // 0
 * ```
 */
export function defaultDecimals(commodity: Commodity, unit: MassUnit): number {
  assertUnitAllowed(commodity, unit);
  const info = COMMODITIES[commodity];
  if (unit === info.marketUnit) return info.marketDecimals;
  const { numerator, denominator } = UNIT_MILLIGRAMS[unit];
  const baseMg = baseUnitMilligrams(info);
  let decimals = 0;
  while (numerator > baseMg * denominator * pow10(decimals)) decimals += 1;
  return decimals;
}

/**
 * Converts an exact decimal amount of `unit` to base units of `commodity`.
 *
 * @throws RangeError when `rounding` is `"exact"` and the amount is not a whole number of base units.
 * @example
 * ```ts
 * toBaseUnits(Commodity.Copper, { digits: 23526700n, decimals: 4 }, "t", "exact"); // 2352670n
 * ```
 */
export function toBaseUnits(commodity: Commodity, amount: ScaledDecimal, unit: MassUnit, rounding: Rounding): bigint {
  assertUnitAllowed(commodity, unit);
  const { numerator, denominator } = UNIT_MILLIGRAMS[unit];
  const baseMg = baseUnitMilligrams(COMMODITIES[commodity]);
  return divRound(amount.digits * numerator, denominator * pow10(amount.decimals) * baseMg, rounding);
}

/**
 * Converts a count of base units of `commodity` to `unit`, scaled by `10^decimals` and rounded.
 *
 * @throws RangeError when `rounding` is `"exact"` and the value needs more than `decimals` digits.
 * @example
 * ```ts
 * fromBaseUnits(Commodity.Tungsten, 65_000n, "mtu", 1, "exact"); // 65000n (6,500.0 mtu)
 * ```
 */
export function fromBaseUnits(commodity: Commodity, base: bigint, unit: MassUnit, decimals: number, rounding: Rounding): bigint {
  assertUnitAllowed(commodity, unit);
  const { numerator, denominator } = UNIT_MILLIGRAMS[unit];
  const baseMg = baseUnitMilligrams(COMMODITIES[commodity]);
  return divRound(base * baseMg * denominator * pow10(decimals), numerator, rounding);
}

/**
 * Options for {@link Quantity.to} and {@link Quantity.format}.
 *
 * @example
 * ```ts
 * const options: ToOptions = { decimals: 2, rounding: "down" };
 * ```
 */
export type ToOptions = {
  /** Fraction digits to write; defaults to {@link defaultDecimals}. */
  readonly decimals?: number;
  /** How to round the last digit; defaults to `"half-even"`. */
  readonly rounding?: Rounding;
};

/** `"12.5 t"` → `{ number: "12.5", unit: "t" }`; `"12.5"` → `{ number: "12.5" }`. */
function splitUnitSuffix(text: string): { number: string; unit?: string } {
  const trimmed = text.trim();
  const match = /^(.*?)\s*([A-Za-z]+)$/.exec(trimmed);
  if (match === null || !/\d$/.test(match[1] ?? "")) return { number: trimmed };
  return { number: match[1] ?? "", unit: match[2] ?? "" };
}

/** Picks the unit of a parsed text: the explicit argument, else the suffix, else the market unit. */
function resolveParseUnit(info: CommodityInfo, text: string, suffix: string | undefined, unit: MassUnit | undefined): MassUnit {
  const fromSuffix = suffix === undefined ? undefined : parseMassUnit(suffix);
  if (unit !== undefined && fromSuffix !== undefined && unit !== fromSuffix) {
    throw new Error(`Conflicting units for ${JSON.stringify(text)}: the text says "${fromSuffix}" but "${unit}" was passed`);
  }
  return unit ?? fromSuffix ?? info.marketUnit;
}

/**
 * An immutable quantity of one commodity, held as an exact integer number of the commodity's base unit
 * (`mg` of fine gold; `kg` of Cu, WO3, contained Sb or TREO). Never negative.
 *
 * @example
 * ```ts
 * const cu = Quantity.parse(Commodity.Copper, "2,352.670 t");
 * cu.base;       // 2352670n (kg)
 * cu.format();   // "2,352.670 t Cu"
 * cu.to("kg");   // "2352670"
 * ```
 */
export class Quantity {
  /** The commodity measured. */
  readonly commodity: Commodity;
  /** The integer count of base units (mg for gold, kg otherwise). */
  readonly base: bigint;

  private constructor(commodity: Commodity, base: bigint) {
    this.commodity = commodity;
    this.base = base;
    Object.freeze(this);
  }

  /**
   * A quantity from an integer count of base units (as stored on chain).
   *
   * @throws RangeError when `base` is negative; TypeError when it is not a bigint or the commodity is invalid.
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Gold, 31_103_477n).toMarket(); // "1000.000006"
   * ```
   */
  static fromBase(commodity: Commodity, base: bigint): Quantity {
    assertCommodity(commodity);
    if (typeof base !== "bigint") throw new TypeError(`Invalid base quantity ${String(base)}: expected a bigint`);
    if (base < 0n) throw new RangeError(`Invalid base quantity ${base}: a quantity cannot be negative`);
    return new Quantity(commodity, base);
  }

  /**
   * A zero quantity.
   *
   * @example
   * ```ts
   * Quantity.zero(Commodity.Antimony).isZero(); // true
   * ```
   */
  static zero(commodity: Commodity): Quantity {
    return Quantity.fromBase(commodity, 0n);
  }

  /**
   * Parses a decimal amount such as `"2,352.670"`, `"578.712345"` or `"1_000"`, optionally followed by a unit
   * (`"12.5 t"`, `"578.71ozt"`, `"35 mtu"`). The unit is, in order: the `unit` argument, the suffix in the text,
   * the commodity's market unit. Thousands separators must separate groups of three digits. Exponents, signs
   * and negative amounts are refused.
   *
   * @param rounding How to round to a whole base unit. The default `"exact"` throws a RangeError when the amount
   * is not a whole number of base units (e.g. most ounce figures of gold): pass `"half-even"` to accept them.
   * @throws SyntaxError / Error with a message saying what was expected (also for a unit the commodity's market does
   * not use, naming the units it accepts: {@link CommodityInfo.inputUnits}); RangeError for inexact amounts.
   * @example
   * ```ts
   * Quantity.parse(Commodity.Copper, "2,352.670").base;                        // 2352670n
   * Quantity.parse(Commodity.Tungsten, "35 mtu").base;                         // 350n
   * Quantity.parse(Commodity.Gold, "578.71ozt", undefined, "half-even").base;  // 17999893n
   * Quantity.parse(Commodity.Gold, "1000 ozt");                                // throws RangeError (31,103,476.8 mg)
   * ```
   */
  static parse(commodity: Commodity, text: string, unit?: MassUnit, rounding: Rounding = "exact"): Quantity {
    assertCommodity(commodity);
    assertRounding(rounding);
    if (unit !== undefined) assertInputUnit(commodity, unit);
    if (typeof text !== "string") throw new TypeError(`Invalid quantity ${String(text)}: expected a string such as "12.5 t"`);
    const info = COMMODITIES[commodity];
    const { number, unit: suffix } = splitUnitSuffix(text);
    const resolved = resolveParseUnit(info, text, suffix, unit);
    assertInputUnit(commodity, resolved);
    const amount = parseQuantityNumber(text, number);
    return new Quantity(commodity, toBaseUnitsFor(info, text, amount, resolved, rounding));
  }

  /**
   * The amount in `unit` as a plain decimal string (no separators, no unit), with `decimals` fraction digits
   * (default {@link defaultDecimals}) rounded with `rounding` (default `"half-even"`).
   *
   * @throws Error for `mtu` outside tungsten; RangeError for `"exact"` when more digits would be needed.
   * @example
   * ```ts
   * const au = Quantity.fromBase(Commodity.Gold, 31_103_477n);
   * au.to("ozt");                                   // "1000.000006"
   * au.to("g");                                     // "31103.477"
   * au.to("ozt", { decimals: 2, rounding: "down" }); // "1000.00"
   * ```
   */
  to(unit: MassUnit, options: ToOptions = {}): string {
    const decimals = options.decimals ?? defaultDecimals(this.commodity, unit);
    const rounding = options.rounding ?? "half-even";
    const scaled = fromBaseUnits(this.commodity, this.base, unit, decimals, rounding);
    return formatFixed(scaled, decimals);
  }

  /**
   * The amount in the commodity's market unit with its market decimals, half-even.
   *
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Copper, 2_352_670n).toMarket(); // "2352.670"
   * ```
   */
  toMarket(): string {
    return this.to(COMMODITIES[this.commodity].marketUnit);
  }

  /**
   * A human-readable string with thousands separators, the unit and the basis label. In the market unit (the
   * default) it has the market's own precision ({@link CommodityInfo.displayDecimals}: fine troy ounces to 3
   * decimals), half-even; in another unit, enough decimals to be exact to the base unit. The exact amount is
   * `base` (and `toJSON()`).
   *
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Copper, 2_352_670n).format();       // "2,352.670 t Cu"
   * Quantity.fromBase(Commodity.Tungsten, 253_500n).format();       // "25,350.0 mtu WO3"
   * Quantity.fromBase(Commodity.RareEarths, 1_234n).format();       // "1,234 kg TREO"
   * Quantity.fromBase(Commodity.Gold, 3_110_347n).format();         // "100.000 ozt fine Au" (99.99997814 ozt)
   * Quantity.fromBase(Commodity.Gold, 2_352_670_000n).format("kg"); // "2,352.670000 kg fine Au"
   * ```
   */
  format(unit?: MassUnit, options: ToOptions = {}): string {
    const info = COMMODITIES[this.commodity];
    const target = unit ?? info.marketUnit;
    const decimals = options.decimals ?? (target === info.marketUnit ? info.displayDecimals : undefined);
    return `${groupThousands(this.to(target, { ...options, ...(decimals === undefined ? {} : { decimals }) }))} ${target} ${info.basisLabel}`;
  }

  /**
   * The sum of two quantities of the same commodity.
   *
   * @throws Error when the commodities differ.
   * @example
   * ```ts
   * a.add(b).base === a.base + b.base; // true
   * ```
   */
  add(other: Quantity): Quantity {
    this.assertSameCommodity(other, "add");
    return new Quantity(this.commodity, this.base + other.base);
  }

  /**
   * The difference of two quantities of the same commodity.
   *
   * @throws RangeError when the result would be negative; Error when the commodities differ.
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Copper, 5n).sub(Quantity.fromBase(Commodity.Copper, 2n)).base; // 3n
   * ```
   */
  sub(other: Quantity): Quantity {
    this.assertSameCommodity(other, "subtract");
    if (other.base > this.base) {
      throw new RangeError(`Cannot subtract ${other.format()} from ${this.format()}: the result would be negative`);
    }
    return new Quantity(this.commodity, this.base - other.base);
  }

  /**
   * Multiplies by a share in basis points (10,000 = 100%), rounding to a whole base unit (default `"down"`,
   * like Solidity).
   *
   * @throws RangeError when `bps` is negative or not an integer, or for `"exact"` when the result is inexact.
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Copper, 2_438_000n).mulBps(9650).base; // 2352670n
   * ```
   */
  mulBps(bps: bigint | number, rounding: Rounding = "down"): Quantity {
    const factor = toBpsBigint(bps);
    return new Quantity(this.commodity, divRound(this.base * factor, 10_000n, rounding));
  }

  /**
   * Compares with another quantity of the same commodity: -1, 0 or 1.
   *
   * @throws Error when the commodities differ.
   * @example
   * ```ts
   * [b, a].sort((x, y) => x.cmp(y));
   * ```
   */
  cmp(other: Quantity): -1 | 0 | 1 {
    this.assertSameCommodity(other, "compare");
    if (this.base === other.base) return 0;
    return this.base < other.base ? -1 : 1;
  }

  /**
   * Whether both quantities are of the same commodity and amount.
   *
   * @example
   * ```ts
   * Quantity.parse(Commodity.Copper, "1 t").eq(Quantity.fromBase(Commodity.Copper, 1000n)); // true
   * ```
   */
  eq(other: Quantity): boolean {
    return this.commodity === other.commodity && this.base === other.base;
  }

  /**
   * Whether the quantity is zero.
   *
   * @example
   * ```ts
   * Quantity.zero(Commodity.Gold).isZero(); // true
   * ```
   */
  isZero(): boolean {
    return this.base === 0n;
  }

  /**
   * A JSON-safe form (bigints as strings).
   *
   * @example
   * ```ts
   * Quantity.fromBase(Commodity.Copper, 2_352_670n).toJSON();
   * // { commodity: "copper", base: "2352670", baseUnit: "kg", market: "2352.670", marketUnit: "t" }
   * ```
   */
  toJSON(): QuantityJson {
    const info = COMMODITIES[this.commodity];
    return { commodity: info.name, base: this.base.toString(), baseUnit: info.baseUnit, market: this.toMarket(), marketUnit: info.marketUnit };
  }

  /**
   * Same as {@link Quantity.format}.
   *
   * @example
   * ```ts
   * `${Quantity.fromBase(Commodity.RareEarths, 1234n)}`; // "1,234 kg TREO"
   * ```
   */
  toString(): string {
    return this.format();
  }

  private assertSameCommodity(other: Quantity, verb: string): void {
    if (!(other instanceof Quantity)) throw new TypeError(`Cannot ${verb} ${String(other)}: expected a Quantity`);
    if (other.commodity !== this.commodity) {
      const names = `${COMMODITIES[this.commodity].name} and ${COMMODITIES[other.commodity].name}`;
      throw new Error(`Cannot ${verb} quantities of different commodities (${names})`);
    }
  }
}

/**
 * Formats quantities of one commodity that are compared in one sentence ("holds X, fewer than the Y asked for"):
 * each in the market's display precision, with more decimals (up to exact) only where two different quantities
 * would otherwise read the same ("1,000.000 ozt, fewer than 1,000.000 ozt").
 *
 * @example
 * ```ts
 * formatDistinct([Quantity.fromBase(Commodity.Gold, 31_103_477n), Quantity.fromBase(Commodity.Gold, 31_103_478n)]);
 * // ["1,000.000006 ozt fine Au", "1,000.000039 ozt fine Au"]
 * ```
 */
export function formatDistinct(quantities: readonly Quantity[]): string[] {
  const first = quantities[0];
  if (first === undefined) return [];
  const info = COMMODITIES[first.commodity];
  for (let decimals = info.displayDecimals; ; decimals++) {
    const texts = quantities.map((q) => q.format(info.marketUnit, { decimals }));
    const clash = quantities.some((a, i) => quantities.some((b, j) => a.base !== b.base && texts[i] === texts[j]));
    if (!clash || decimals >= info.marketDecimals) return texts;
  }
}

/**
 * The JSON form of a {@link Quantity}.
 *
 * @example
 * ```ts
 * const json: QuantityJson = { commodity: "gold", base: "31103477", baseUnit: "mg", market: "1000.000006", marketUnit: "ozt" };
 * ```
 */
export type QuantityJson = {
  readonly commodity: string;
  readonly base: string;
  readonly baseUnit: CommodityInfo["baseUnit"];
  readonly market: string;
  readonly marketUnit: CommodityInfo["marketUnit"];
};

/** Parses the numeric part of a quantity text, rephrasing errors to mention the whole text and units. */
function parseQuantityNumber(text: string, number: string): ScaledDecimal {
  try {
    return parseDecimal(number);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(`Invalid quantity ${JSON.stringify(text)}: ${reason}, optionally followed by a unit (${MASS_UNITS.join(", ")})`);
  }
}

/** {@link toBaseUnits} with an error message that names the text, the unit and the base unit. */
function toBaseUnitsFor(info: CommodityInfo, text: string, amount: ScaledDecimal, unit: MassUnit, rounding: Rounding): bigint {
  try {
    return toBaseUnits(info.commodity, amount, unit, rounding);
  } catch (error) {
    if (!(error instanceof RangeError) || rounding !== "exact") throw error;
    throw new RangeError(
      `${JSON.stringify(text)} (${unit}) is not a whole number of ${info.baseUnit} of ${info.name}; pass a rounding mode ("down", "up" or "half-even") to round it`,
    );
  }
}

/** Validates a basis-point factor and returns it as a bigint. */
function toBpsBigint(bps: bigint | number): bigint {
  if (typeof bps === "number" && !Number.isSafeInteger(bps)) {
    throw new RangeError(`Invalid basis points ${bps}: expected a non-negative integer`);
  }
  if (typeof bps !== "number" && typeof bps !== "bigint") throw new TypeError(`Invalid basis points ${String(bps)}: expected a bigint or integer`);
  const factor = BigInt(bps);
  if (factor < 0n) throw new RangeError(`Invalid basis points ${bps}: expected a non-negative integer`);
  return factor;
}
