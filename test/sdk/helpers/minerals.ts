/**
 * One realistic lot of each of the five minerals, with every figure the SDK must produce worked out by hand
 * (not by the SDK): contained and payable quantities in base units and in market units, and the cap table after
 * the transfers the lifecycle suite makes.
 */
import { Commodity, type BasisName, type FormName, type MassUnit, type Rounding } from "../../../src/index.ts";

/** A transfer written the way a trader would type it, and what it must come to. */
export interface TransferSpec {
  /** The amount as text for `Quantity.parse` (market unit unless a suffix says otherwise). */
  text: string;
  rounding?: Rounding;
  /** The exact base units it must parse to. */
  base: bigint;
  /** `Quantity.toMarket()` of it. */
  market: string;
}

export interface MineralLot {
  title: string;
  commodity: Commodity;
  form: FormName;
  basis: BasisName;
  countryCode: number;
  originId: string;
  location: string;
  figures: { wetMassGrams: bigint; moistureBps: number; gradePpb: bigint; payableBps: number };
  contained: { base: bigint; market: string };
  payable: { base: bigint; market: string; formatted: string };
  /** The payable quantity in a unit other than the market unit (default decimals). */
  payableIn: { unit: MassUnit; text: string };
  /** Investor A receives the whole payable quantity, then sends `toB` to investor B. */
  toB: TransferSpec;
  /** Cap table after that transfer, in basis points rounded down. */
  shareBps: { a: number; b: number };
  /** What investor A sends to investor C in the portfolio-wide batch transfer. */
  toC: TransferSpec;
  /** Where the custodian dispatches the lot, and the warehouse the other custodian confirms it in. */
  destination: string;
  arrival: string;
  saleRef: string;
}

export const MINERAL_LOTS: readonly MineralLot[] = [
  {
    // 125 kg of doré at 88.5% Au: 125,000 g x 0.885 = 110,625 g fine = 110,625,000 mg;
    // 99.9% payable = 110,514,375 mg = 110,514.375 g / 31.1034768 g = 3,553.119663 ozt (half-even, 6 dp).
    title: "gold doré",
    commodity: Commodity.Gold,
    form: "dore",
    basis: "element",
    countryCode: 288, // Ghana
    originId: "GH-AHAFO-SOUTH-01",
    location: "Accra refinery vault 2",
    figures: { wetMassGrams: 125_000n, moistureBps: 0, gradePpb: 885_000_000n, payableBps: 9990 },
    contained: { base: 110_625_000n, market: "3556.676339" },
    payable: { base: 110_514_375n, market: "3553.119663", formatted: "3,553.120 ozt fine Au" },
    payableIn: { unit: "g", text: "110514.375" },
    // 1,000 ozt = 31,103,476.8 mg, rounded half-even to 31,103,477 mg = 1,000.000006 ozt.
    toB: { text: "1,000 ozt", rounding: "half-even", base: 31_103_477n, market: "1000.000006" },
    // 79,410,898 / 110,514,375 = 71.8556...%; 31,103,477 / 110,514,375 = 28.1443...%
    shareBps: { a: 7185, b: 2814 },
    toC: { text: "500 g", base: 500_000n, market: "16.075373" },
    destination: "Zurich refinery",
    arrival: "Zurich refinery vault 1",
    saleRef: "LBMA-SPOT-2026-0311",
  },
  {
    // 10,000 wmt x 92% dry = 9,200 dmt x 26.5% Cu = 2,438 t = 2,438,000 kg; x 96.5% = 2,352,670 kg.
    title: "copper concentrate",
    commodity: Commodity.Copper,
    form: "concentrate",
    basis: "element",
    countryCode: 604, // Peru
    originId: "PE-ANTAMINA-01",
    location: "Callao bonded warehouse 3",
    figures: { wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 },
    contained: { base: 2_438_000n, market: "2438.000" },
    payable: { base: 2_352_670n, market: "2352.670", formatted: "2,352.670 t Cu" },
    payableIn: { unit: "kg", text: "2352670" },
    toB: { text: "1,000 t", base: 1_000_000n, market: "1000.000" },
    // 1,352,670 / 2,352,670 = 57.495...%; 1,000,000 / 2,352,670 = 42.504...%
    shareBps: { a: 5749, b: 4250 },
    toC: { text: "250 t", base: 250_000n, market: "250.000" },
    destination: "Port of Matarani",
    arrival: "Matarani warehouse 2",
    saleRef: "OFFTAKE-2026-117",
  },
  {
    // 100 wmt x 99.5% dry = 99.5 dmt x 65% WO3 = 64.675 t WO3 = 64,675 kg = 6,467.5 mtu; 100% payable.
    title: "tungsten concentrate",
    commodity: Commodity.Tungsten,
    form: "concentrate",
    basis: "oxide",
    countryCode: 646, // Rwanda
    originId: "RW-NYAKABINGO-01",
    location: "Kigali bonded warehouse 1",
    figures: { wetMassGrams: 100_000_000n, moistureBps: 50, gradePpb: 650_000_000n, payableBps: 10_000 },
    contained: { base: 64_675n, market: "6467.5" },
    payable: { base: 64_675n, market: "6467.5", formatted: "6,467.5 mtu WO3" },
    payableIn: { unit: "t", text: "64.675" },
    toB: { text: "2,500 mtu", base: 25_000n, market: "2500.0" },
    // 39,675 / 64,675 = 61.345...%; 25,000 / 64,675 = 38.654...%
    shareBps: { a: 6134, b: 3865 },
    toC: { text: "100 mtu", base: 1_000n, market: "100.0" },
    destination: "Port of Dar es Salaam",
    arrival: "Dar es Salaam warehouse 4",
    saleRef: "APT-CONVERTER-2026-09",
  },
  {
    // 25 t of regulus (dry) at 99.65% Sb = 24,912.5 kg, rounded down to 24,912 kg;
    // 98.5% payable = 24,538.32 kg, rounded down to 24,538 kg.
    title: "antimony regulus",
    commodity: Commodity.Antimony,
    form: "regulus",
    basis: "element",
    countryCode: 762, // Tajikistan
    originId: "TJ-ANZOB-01",
    location: "Dushanbe bonded warehouse",
    figures: { wetMassGrams: 25_000_000n, moistureBps: 0, gradePpb: 996_500_000n, payableBps: 9850 },
    contained: { base: 24_912n, market: "24.912" },
    payable: { base: 24_538n, market: "24.538", formatted: "24.538 t Sb" },
    payableIn: { unit: "kg", text: "24538" },
    toB: { text: "12.5 t", base: 12_500n, market: "12.500" },
    // 12,038 / 24,538 = 49.058...%; 12,500 / 24,538 = 50.941...%
    shareBps: { a: 4905, b: 5094 },
    toC: { text: "1.5 t", base: 1_500n, market: "1.500" },
    destination: "Port of Rotterdam",
    arrival: "Rotterdam metals warehouse 9",
    saleRef: "SB-OFFTAKE-2026-42",
  },
  {
    // 500 wmt x 94% dry = 470 dmt x 58.5% TREO = 274,950 kg; 95% payable = 261,202.5, rounded down to 261,202 kg.
    title: "rare earth concentrate",
    commodity: Commodity.RareEarths,
    form: "concentrate",
    basis: "oxide",
    countryCode: 454, // Malawi
    originId: "MW-SONGWE-HILL-01",
    location: "Blantyre bonded warehouse 2",
    figures: { wetMassGrams: 500_000_000n, moistureBps: 600, gradePpb: 585_000_000n, payableBps: 9500 },
    contained: { base: 274_950n, market: "274950" },
    payable: { base: 261_202n, market: "261202", formatted: "261,202 kg TREO" },
    payableIn: { unit: "t", text: "261.202" },
    toB: { text: "50,000 kg", base: 50_000n, market: "50000" },
    // 211,202 / 261,202 = 80.857...%; 50,000 / 261,202 = 19.142...%
    shareBps: { a: 8085, b: 1914 },
    toC: { text: "10,000", base: 10_000n, market: "10000" },
    destination: "Port of Nacala",
    arrival: "Nacala export warehouse 1",
    saleRef: "REE-SEPARATOR-2026-03",
  },
];
