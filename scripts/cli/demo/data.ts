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
  /** The concession, as `<ISO 3166-2 province>-<district>-...`: reports group origin by province and district. */
  origin: string;
  ref: string;
  wetMass: string;
  moisture: string;
  grade: string;
  payable: string;
  location: string;
  /** By-products the assayer records in the lot (the gold in copper-gold concentrate): mineral and dry grade. */
  byProducts?: readonly { mineral: Commodity; grade: string }[];
}

/**
 * ISO 3166-1 numeric code of the producer country: Pakistan (586), which exports antimony, copper, gold, tungsten
 * and rare earths under its critical minerals agreement with the United States, to a US refiner now and to its own
 * refinery later. The lots, concession ids and figures below are illustrative.
 */
export const COUNTRY = 586;

/** The producer's lots, in the order the story registers them (copper, gold, tungsten, antimony, rare earths). */
export const DEMO_LOTS: readonly DemoLot[] = [
  {
    commodity: Commodity.Copper, form: "concentrate", origin: "PK-BA-CHAGAI-CU-0042", ref: "PK-EXP-CU-2026-0042", wetMass: "10000 wmt", moisture: "8", grade: "26.5", payable: "96.5",
    location: "Chagai mine site yard", byProducts: [{ mineral: Commodity.Gold, grade: "2.5 g/t" }],
  },
  { commodity: Commodity.Gold, form: "dore", origin: "PK-GB-GHIZER-AU-0007", ref: "PK-DORE-GZ-2026-07", wetMass: "25 kg", moisture: "0", grade: "91.25", payable: "99.5", location: "Karachi bonded vault 1" },
  { commodity: Commodity.Tungsten, form: "concentrate", origin: "PK-GB-NAGAR-W-0003", ref: "PK-W-BAGS-2026-0310", wetMass: "100 wmt", moisture: "1", grade: "65", payable: "100", location: "Gilgit warehouse 2" },
  { commodity: Commodity.Antimony, form: "concentrate", origin: "PK-KP-CHITRAL-SB-0011", ref: "PK-SB-CHT-2026-0118", wetMass: "200 wmt", moisture: "2", grade: "55", payable: "95", location: "Chitral mine yard" },
  { commodity: Commodity.RareEarths, form: "concentrate", origin: "PK-BA-KHARAN-REE-0001", ref: "PK-REE-KHR-2026-0007", wetMass: "200 wmt", moisture: "5", grade: "60", payable: "90", location: "Quetta warehouse 5" },
];

/** Where the tungsten lot travels in act 2, and where its bags are handed over for delivery. */
export const PORT = { name: "Port Qasim", warehouse: "Port Qasim bonded warehouse 2", origin: "Gilgit" } as const;

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

/**
 * Investors from Pakistan and abroad, retail to institutional. D's wallet is registered from a jurisdiction under
 * comprehensive sanctions (North Korea, 408), which no lot's list of countries admits.
 */
export const DEMO_INVESTORS: readonly DemoInvestor[] = [
  { letter: "A", country: 586, countryName: "Pakistan", investorClass: "institutional", funds: "8,000,000 USD" },
  { letter: "B", country: 840, countryName: "USA", investorClass: "institutional", funds: "8,000,000 USD" },
  { letter: "C", country: 586, countryName: "Pakistan", investorClass: "retail", funds: "1,000,000 USD" },
  { letter: "D", country: 408, countryName: "North Korea", investorClass: "accredited", funds: "1,000,000 USD" },
  { letter: "F", country: 392, countryName: "Japan", investorClass: "institutional", funds: "3,000,000 USD" },
  { letter: "E", country: 784, countryName: "UAE", investorClass: "accredited", funds: "5,000,000 USD", bySignedStatement: true },
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
  /** The countries allowed to hold the lot: Pakistan and the countries of its foreign investors, none under sanctions. */
  countries: [COUNTRY, 840, 784, 392],
  maxHolders: 10,
  minHolding: "1 t",
  requests: [["A", "800 t", "approve"], ["B", "700 t", "permit"], ["E", "400 t", "permit"], ["F", "300 t", "approve"]] as const,
  /** B reduces its request to this before the close. */
  reduceB: "600 t",
  /** C is a retail investor, below the lot's minimum class; D's jurisdiction is under sanctions. */
  refused: ["C", "D"] as const,
};

/** Act 4: the gold offering, which misses its soft cap. Tickets in kg of fine gold, which are whole mg. Open to any
 * verified investor: a Pakistani retail investor takes part. */
export const GOLD_OFFERING = {
  price: "3,350 USD",
  days: 3,
  minTicket: "0.5 kg",
  maxTicket: "10 kg",
  softCap: "15 kg",
  hardCap: "22 kg",
  requests: [["A", "5 kg"], ["E", "3 kg"], ["C", "0.6 kg"]] as const,
};

/** Act 5: delivery-versus-payment trades: seller, buyer, mineral, amount and price. "issuer" is the issuer's treasury. */
export const TRADES = [
  { seller: "A", buyer: "B", mineral: Commodity.Copper, amount: "100 t", price: "1,010,000 USD" },
  { seller: "issuer", buyer: "A", mineral: Commodity.Tungsten, amount: "500 mtu", price: "172,500 USD" },
  { seller: "issuer", buyer: "F", mineral: Commodity.Tungsten, amount: "200 mtu", price: "69,000 USD" },
] as const;

/** Act 5: the compliance officer freezes an investor's account for a due-diligence review; its trade waits for it. */
export const REVIEW = { investor: "F", reason: "due-diligence review" } as const;

/**
 * Act 6: the copper export is split into two vessels at the port: the first is sold to the US refiner (act 8), the
 * second goes to the refinery at home, which refines it into cathode and recovers the gold it carried as bars.
 */
export const PROCESSING = {
  vessels: [
    { quantity: "1411.602 t", ref: "VESSEL-PQ-2026-041", location: "Port Qasim berth 4" },
    { quantity: "941.068 t", ref: "VESSEL-PQ-2026-042", location: "Karachi refinery hub" },
  ],
  cathode: { quantity: "908.130 t", ref: "CATHODE-PK-2026-0001", purity: "99.99" },
  goldBars: { quantity: "8.5 kg", ref: "AU-BARS-PK-2026-0001", purity: "99.99" },
} as const;

/** Act 7: physical delivery of tungsten at the port. */
export const DELIVERY = {
  minimum: "100 mtu",
  belowMinimum: { investor: "F", amount: "50 mtu", ref: "DI-F-2026-0001" },
  confirmed: { investor: "A", amount: "300 mtu", ref: "DI-A-2026-0001", handover: "HANDOVER-PQ-0001" },
  rejected: { investor: "F", amount: "200 mtu", ref: "DI-F-2026-0002", reason: "export permit pending" },
} as const;

/** Act 8: the first vessel is sold to the US refiner, in two payments. */
export const SALE = {
  saleRef: "SALE-PK-US-REFINER-0041",
  provisional: { amount: "12,551,964.98 USD", why: "provisional: 90% of 1,411.602 t at 9,880 USD on the provisional invoice" },
  final: { amount: "1,408,778.80 USD", why: "final, at 9,890 USD per t after the umpire assay" },
};

/** Prices the local feeds publish at the end, USD per market unit: the market on the day of the books. */
export const TODAY_PRICES: readonly [MineralName, string][] = [["copper", "9900.00"], ["gold", "3400.00"], ["tungsten", "610.00"], ["antimony", "51500.00"], ["rare earths", "12.75"]];

/** The producer country's English name, for narration ("Pakistan"), from its ISO code. */
export function producerCountry(): string {
  return countryDisplay(COUNTRY).replace(/ \(.*\)$/, "");
}
