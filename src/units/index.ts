/**
 * Unit-aware, exact quantities of critical minerals: commodity metadata, decimal helpers, the `Quantity`
 * class and the registry's lot math.
 *
 * @example
 * ```ts
 * import { Commodity, Quantity } from "./src/units/index.ts";
 * Quantity.parse(Commodity.Copper, "2,352.670 t").format(); // "2,352.670 t Cu"
 * ```
 *
 * @module
 */

export {
  ALL_COMMODITIES,
  COMMODITIES,
  Commodity,
  assertCommodity,
  commodityInfo,
  isCommodity,
  parseCommodity,
} from "./commodities.ts";
export type { BaseUnit, CommodityInfo, MarketUnit } from "./commodities.ts";

export {
  ROUNDINGS,
  assertRounding,
  divRound,
  formatFixed,
  groupThousands,
  parseDecimal,
  pow10,
  ratioToDecimal,
} from "./decimal.ts";
export type { Rounding, ScaledDecimal } from "./decimal.ts";

export {
  MASS_UNITS,
  Quantity,
  UNIT_MILLIGRAMS,
  assertInputUnit,
  assertUnitAllowed,
  defaultDecimals,
  formatDistinct,
  fromBaseUnits,
  isMassUnit,
  parseMassUnit,
  toBaseUnits,
} from "./quantity.ts";
export type { MassUnit, MilligramRatio, QuantityJson, ToOptions } from "./quantity.ts";

export {
  BPS_DENOMINATOR,
  PPB_DENOMINATOR,
  assertLotFigures,
  containedBase,
  containedDivisor,
  deriveQuantities,
  isOxideBasis,
  parseMass,
  payableBase,
  percentToBps,
  percentToPpb,
} from "./lotMath.ts";
export type { DerivedQuantities, LotFigures, WetMassUnit } from "./lotMath.ts";
export { formatAnswer, formatPrice, valueInCents } from "./valuation.ts";

export { Money, USD_DECIMALS, formatUsd, formatUsdCents } from "./money.ts";
