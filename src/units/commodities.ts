/**
 * The five commodities, numbered like the Solidity `Commodity` enum, and what their quantities mean.
 *
 * @module
 */

import { solidityEnum } from "../domain.ts";
import { COMMODITY_MEMBERS } from "../generated/enums.ts";

/**
 * The commodities a lot can hold. The numbers are the Solidity `Commodity` enum's (`contracts/lots/LotTypes.sol`),
 * generated from the compiled contracts, so a value can be passed to the contracts as is.
 *
 * @example
 * ```ts
 * Commodity.Copper; // 1
 * ```
 */
export const Commodity = solidityEnum(COMMODITY_MEMBERS);

/**
 * One of the {@link Commodity} numbers (`0 | 1 | 2 | 3 | 4`).
 *
 * @example
 * ```ts
 * const c: Commodity = Commodity.Tungsten;
 * ```
 */
export type Commodity = (typeof Commodity)[keyof typeof Commodity];

/**
 * The integer unit a commodity's quantities are counted in, on chain and in {@link Quantity.base}.
 *
 * @example
 * ```ts
 * const unit: BaseUnit = COMMODITIES[Commodity.Gold].baseUnit; // "mg"
 * ```
 */
export type BaseUnit = "mg" | "kg";

/**
 * The unit a commodity is usually quoted and traded in.
 *
 * @example
 * ```ts
 * const unit: MarketUnit = COMMODITIES[Commodity.Tungsten].marketUnit; // "mtu"
 * ```
 */
export type MarketUnit = "ozt" | "t" | "mtu" | "kg";

import type { MassUnit } from "./quantity.ts";

/**
 * What is known about one commodity.
 *
 * @example
 * ```ts
 * const info: CommodityInfo = COMMODITIES[Commodity.Copper];
 * info.symbol;     // "Cu"
 * info.basisLabel; // "Cu"
 * ```
 */
export type CommodityInfo = {
  /** The {@link Commodity} number. */
  readonly commodity: Commodity;
  /** Chemical symbol, or "REE" for rare earths. */
  readonly symbol: string;
  /** Lower-case English name, as used in `toJSON()`. */
  readonly name: string;
  /** The integer unit of quantities: milligram of fine gold, or kilogram of the basis for all others. */
  readonly baseUnit: BaseUnit;
  /** What the quantity measures: fine gold, payable copper, WO3, contained antimony, total rare earth oxides. */
  readonly basisLabel: string;
  /** The unit prices are quoted in. */
  readonly marketUnit: MarketUnit;
  /**
   * Decimals of the market unit at which base → market string → base round-trips exactly with half-even
   * rounding (one step of the last decimal is at most one base unit).
   */
  readonly marketDecimals: number;
  /**
   * Decimals of the market unit a person reads (`Quantity.format()`): the market's own precision, e.g. fine troy
   * ounces to 3 decimals (a thousandth of an ounce is 31 mg). Exact figures stay in `base` and JSON.
   */
  readonly displayDecimals: number;
  /** How prices are quoted, for labels. */
  readonly priceQuote: string;
  /**
   * The units an amount of this commodity may be written in: its market's units and its base unit. Anything else
   * (troy ounces of copper, mtu of gold) is refused by `Quantity.parse` rather than converted.
   */
  readonly inputUnits: readonly MassUnit[];
};

/**
 * Metadata for every commodity, indexed by its {@link Commodity} number.
 *
 * @example
 * ```ts
 * COMMODITIES[Commodity.Gold].marketUnit;       // "ozt"
 * COMMODITIES[Commodity.RareEarths].priceQuote; // "USD per kg TREO"
 * ```
 */
export const COMMODITIES: { readonly [C in Commodity]: CommodityInfo } = {
  [Commodity.Gold]: {
    commodity: Commodity.Gold,
    symbol: "Au",
    name: "gold",
    baseUnit: "mg",
    basisLabel: "fine Au",
    marketUnit: "ozt",
    marketDecimals: 6,
    displayDecimals: 3,
    priceQuote: "USD per fine troy oz",
    inputUnits: ["ozt", "g", "kg", "mg"],
  },
  [Commodity.Copper]: {
    commodity: Commodity.Copper,
    symbol: "Cu",
    name: "copper",
    baseUnit: "kg",
    basisLabel: "Cu",
    marketUnit: "t",
    marketDecimals: 3,
    displayDecimals: 3,
    priceQuote: "USD per tonne",
    inputUnits: ["t", "kg"],
  },
  [Commodity.Tungsten]: {
    commodity: Commodity.Tungsten,
    symbol: "W",
    name: "tungsten",
    baseUnit: "kg",
    basisLabel: "WO3",
    marketUnit: "mtu",
    marketDecimals: 1,
    displayDecimals: 1,
    priceQuote: "USD per mtu WO3",
    inputUnits: ["mtu", "t", "kg"],
  },
  [Commodity.Antimony]: {
    commodity: Commodity.Antimony,
    symbol: "Sb",
    name: "antimony",
    baseUnit: "kg",
    basisLabel: "Sb",
    marketUnit: "t",
    marketDecimals: 3,
    displayDecimals: 3,
    priceQuote: "USD per tonne",
    inputUnits: ["t", "kg"],
  },
  [Commodity.RareEarths]: {
    commodity: Commodity.RareEarths,
    symbol: "REE",
    name: "rare earths",
    baseUnit: "kg",
    basisLabel: "TREO",
    marketUnit: "kg",
    marketDecimals: 0,
    displayDecimals: 0,
    priceQuote: "USD per kg TREO",
    inputUnits: ["kg", "t"],
  },
};

/**
 * Every commodity number, in enum order.
 *
 * @example
 * ```ts
 * ALL_COMMODITIES.map((c) => COMMODITIES[c].symbol); // ["Au", "Cu", "W", "Sb", "REE"]
 * ```
 */
export const ALL_COMMODITIES: readonly Commodity[] = [
  Commodity.Gold,
  Commodity.Copper,
  Commodity.Tungsten,
  Commodity.Antimony,
  Commodity.RareEarths,
];

const COMMODITY_ALIASES: Readonly<Record<string, Commodity>> = {
  gold: Commodity.Gold,
  au: Commodity.Gold,
  copper: Commodity.Copper,
  cu: Commodity.Copper,
  tungsten: Commodity.Tungsten,
  w: Commodity.Tungsten,
  antimony: Commodity.Antimony,
  sb: Commodity.Antimony,
  "rare-earths": Commodity.RareEarths,
  rareearths: Commodity.RareEarths,
  "rare earths": Commodity.RareEarths,
  "rare_earths": Commodity.RareEarths,
  ree: Commodity.RareEarths,
};

/**
 * Checks that a value is a {@link Commodity} number (0..4).
 *
 * @example
 * ```ts
 * isCommodity(2); // true
 * isCommodity(7); // false
 * ```
 */
export function isCommodity(value: unknown): value is Commodity {
  return typeof value === "number" && (ALL_COMMODITIES as readonly number[]).includes(value);
}

/**
 * Throws a `TypeError` unless the value is a {@link Commodity} number.
 *
 * @example
 * ```ts
 * assertCommodity(Commodity.Gold); // ok
 * assertCommodity(5);              // throws TypeError
 * ```
 */
export function assertCommodity(value: unknown): asserts value is Commodity {
  if (!isCommodity(value)) {
    throw new TypeError(`Invalid commodity ${String(value)}: expected one of 0 (gold), 1 (copper), 2 (tungsten), 3 (antimony), 4 (rare earths)`);
  }
}

/**
 * Reads a commodity from its name or symbol, case-insensitively: "gold"/"au", "copper"/"cu", "tungsten"/"w",
 * "antimony"/"sb", "rare-earths"/"rareearths"/"ree" (also "rare earths", "rare_earths").
 *
 * @throws Error naming the accepted values when the text is not one of them.
 * @example
 * ```ts
 * parseCommodity("Cu");          // Commodity.Copper (1)
 * parseCommodity("rare-earths"); // Commodity.RareEarths (4)
 * parseCommodity("silver");      // throws Error
 * ```
 */
export function parseCommodity(s: string): Commodity {
  const key = String(s).trim().toLowerCase();
  const commodity = Object.hasOwn(COMMODITY_ALIASES, key) ? COMMODITY_ALIASES[key] : undefined;
  if (commodity === undefined) {
    throw new Error(
      `Unknown commodity ${JSON.stringify(s)}: expected one of gold/au, copper/cu, tungsten/w, antimony/sb, rare-earths/rareearths/ree (case-insensitive)`,
    );
  }
  return commodity;
}

/**
 * The metadata of a commodity, with a run-time check of the number.
 *
 * @example
 * ```ts
 * commodityInfo(Commodity.Antimony).basisLabel; // "Sb"
 * ```
 */
export function commodityInfo(commodity: Commodity): CommodityInfo {
  assertCommodity(commodity);
  return COMMODITIES[commodity];
}
