/**
 * The demo story's data, in one place: the producer country and its lots, the investors and their countries, what
 * they are funded with and ask for, the prices of the day. The acts (acts.ts), `minerals demo`, the presenter mode
 * of `minerals serve --present` and their narration all read it from here, so the story moves to another country's
 * lots by editing this file alone.
 */
import { countryDisplay, type FormName, type InvestorClassName } from "../../../src/domain.ts";
import type { MineralName } from "../../../src/deployment/manifest.ts";
import { Commodity } from "../../../src/units/index.ts";

/** A demo lot: its physical figures in the units the trade uses. */
export interface DemoLot {
  commodity: Commodity;
  form: FormName;
  origin: string;
  ref: string;
  wetMass: string;
  moisture: string;
  grade: string;
  payable: string;
  location: string;
}

/** ISO 3166-1 numeric code of the producer country: Bolivia (068), a producer of all five minerals. */
export const COUNTRY = 68;

/** The producer's lots, in the order the story registers them (copper, gold, tungsten, antimony, rare earths). */
export const DEMO_LOTS: readonly DemoLot[] = [
  { commodity: Commodity.Copper, form: "concentrate", origin: "BO-CU-CORO-0042", ref: "WR-ARICA-2026-00042", wetMass: "10000 wmt", moisture: "8", grade: "26.5", payable: "96.5", location: "Arica bonded warehouse 3" },
  { commodity: Commodity.Gold, form: "dore", origin: "BO-AU-TIPUANI-07", ref: "DORE-BARS-TP07-1-4", wetMass: "25 kg", moisture: "0", grade: "91.25", payable: "99.5", location: "El Alto vault 1" },
  { commodity: Commodity.Tungsten, form: "concentrate", origin: "BO-W-CHOJLLA-03", ref: "BAGS-CHJ-2026-0310-0410", wetMass: "100 wmt", moisture: "1", grade: "65", payable: "100", location: "Oruro warehouse 2" },
  { commodity: Commodity.Antimony, form: "regulus", origin: "BO-SB-VINTO-11", ref: "WR-VINTO-2026-118", wetMass: "50 t", moisture: "0", grade: "99.65", payable: "100", location: "Vinto smelter yard" },
  { commodity: Commodity.RareEarths, form: "concentrate", origin: "BO-REE-CERRO-01", ref: "WR-POTOSI-2026-0007", wetMass: "200 wmt", moisture: "5", grade: "60", payable: "90", location: "Potosi warehouse 5" },
];

/** Where the tungsten lot travels in act 2, and where its bags are handed over in act 6. */
export const PORT = { name: "Port of Arica", warehouse: "Arica port warehouse 1", origin: "Oruro" } as const;

/** The story's investors by letter: their country (ISO numeric and a short name for the printed lines), class and funds. */
export interface DemoInvestor {
  /** "A" to "F": the party `investorA` ... `investorF`. */
  letter: "A" | "B" | "C" | "D" | "E" | "F";
  country: number;
  /** How the story names the country in its lines ("USA" rather than "United States of America"). */
  countryName: string;
  investorClass: InvestorClassName;
  /** Test stablecoin the investor starts with. */
  funds: string;
  /** Onboarded by a statement the compliance officer signed off chain, rather than registered by the officer. */
  bySignedStatement?: true;
}

export const DEMO_INVESTORS: readonly DemoInvestor[] = [
  { letter: "A", country: 152, countryName: "Chile", investorClass: "accredited", funds: "8,000,000 USD" },
  { letter: "B", country: 840, countryName: "USA", investorClass: "institutional", funds: "8,000,000 USD" },
  { letter: "C", country: 586, countryName: "Pakistan", investorClass: "accredited", funds: "1,000,000 USD" },
  { letter: "D", country: 604, countryName: "Peru", investorClass: "retail", funds: "1,000,000 USD" },
  { letter: "F", country: 392, countryName: "Japan", investorClass: "institutional", funds: "3,000,000 USD" },
  { letter: "E", country: 276, countryName: "Germany", investorClass: "accredited", funds: "5,000,000 USD", bySignedStatement: true },
];

/** Act 3: the copper offering's terms and who asks for what (C and D are refused by the lot's rules). */
export const COPPER_OFFERING = {
  price: "9,750 USD",
  days: 7,
  minTicket: "10 t",
  maxTicket: "800 t",
  softCap: "500 t",
  hardCap: "1500 t",
  minClass: "accredited" as InvestorClassName,
  /** The countries allowed to hold the lot: the producer's and five investors' (not C's). */
  countries: [COUNTRY, 152, 840, 276, 392, 604],
  maxHolders: 10,
  minHolding: "1 t",
  requests: [["A", "800 t", "approve"], ["B", "700 t", "permit"], ["E", "400 t", "permit"], ["F", "300 t", "approve"]] as const,
  /** B reduces its request to this before the close. */
  reduceB: "600 t",
  refused: ["C", "D"] as const,
};

/** Act 4: the gold offering, which misses its soft cap. Tickets in kg of fine gold, which are whole mg. */
export const GOLD_OFFERING = {
  price: "3,350 USD",
  days: 3,
  minTicket: "0.5 kg",
  maxTicket: "10 kg",
  softCap: "15 kg",
  hardCap: "22 kg",
  requests: [["A", "5 kg"], ["E", "3 kg"], ["D", "0.6 kg"]] as const,
};

/** Act 5: delivery-versus-payment trades: seller, buyer, mineral, amount and price. "issuer" is the issuer's treasury. */
export const TRADES = [
  { seller: "A", buyer: "B", mineral: Commodity.Copper, amount: "100 t", price: "1,010,000 USD" },
  { seller: "issuer", buyer: "A", mineral: Commodity.Tungsten, amount: "500 mtu", price: "172,500 USD" },
  { seller: "issuer", buyer: "F", mineral: Commodity.Tungsten, amount: "200 mtu", price: "69,000 USD" },
] as const;

/** Act 6: physical delivery of tungsten at the port. */
export const DELIVERY = {
  minimum: "100 mtu",
  belowMinimum: { investor: "F", amount: "50 mtu", ref: "DI-F-2026-0001" },
  confirmed: { investor: "A", amount: "300 mtu", ref: "DI-A-2026-0001", handover: "HANDOVER-ARICA-0001" },
  rejected: { investor: "F", amount: "200 mtu", ref: "DI-F-2026-0002", reason: "export permit pending" },
} as const;

/** Act 7: the sale of the copper lot to a refinery, in two payments. */
export const SALE = {
  saleRef: "SALE-CU-0042-REFINERY",
  provisional: { amount: "20,919,941.64 USD", why: "provisional: 90% of 2,352.670 t at 9,880 USD on the provisional invoice" },
  final: { amount: "2,281,212.37 USD", why: "final, after the umpire assay" },
};

/** Prices the local feeds publish in act 8, USD per market unit: the market on the day of the books. */
export const TODAY_PRICES: readonly [MineralName, string][] = [["copper", "9900.00"], ["gold", "3400.00"], ["tungsten", "610.00"], ["antimony", "51500.00"], ["rare earths", "12.75"]];

/** The producer country's English name, for narration ("Bolivia"), from its ISO code. */
export function producerCountry(): string {
  return countryDisplay(COUNTRY).replace(/ \(.*\)$/, "");
}
