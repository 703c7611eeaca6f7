import type { Address, Client, Hash, Hex } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import { countryLabel, type BasisName, type DocTypeName, type FormName, type InvestorClassName, type LotStateName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readInvestors, readLedger, type Ledger } from "../../internal/ledger.ts";
import type { OnProgress } from "../../internal/logs.ts";
import { bpsToPercent, countryName, sharesBps } from "../../internal/shares.ts";
import { toLotId } from "../../internal/validate.ts";
import { groupThousands, ratioToDecimal } from "../../units/decimal.ts";
import { COMMODITIES, Quantity, type Commodity, type QuantityJson } from "../../units/index.ts";
import { getLotRules } from "../compliance/getLotRules.ts";
import { getLot, type LotView } from "../lots/getLot.ts";
import { getAllDocuments, getLotHistory } from "../lots/history.ts";
import { DEFAULT_MAX_PRICE_AGE_SECONDS, describePrice, getPrices, valueAt, type PriceView, type Valuation } from "../valuation/getPrices.ts";

export interface GetLotReportParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Seconds after which a price is stale and not used (default 25 hours). */
  maxPriceAgeSeconds?: number;
  /** Called as the scans of the chain's logs advance (for a progress bar). */
  onProgress?: OnProgress;
}

/** One line of a cap table: who holds how much, and under which investor record (no personal data). */
export interface CapTableLine {
  holder: Address;
  /** The investor the wallet belongs to, "0" when it has none. */
  investorId: string;
  /** ISO 3166-1 numeric code, its label ("PE-604") and its English name ("Peru"). */
  country: number;
  countryLabel: string;
  countryName: string;
  investorClass: InvestorClassName;
  balance: QuantityJson;
  /** Share of the outstanding units, two decimals; the shares of a cap table add up to exactly 100.00. */
  sharePercent: string;
  /** Units frozen by compliance (ERC-7943 partial freeze). */
  frozen: QuantityJson;
  /** Whether the whole account is frozen. */
  accountFrozen: boolean;
  /** What the units are worth at the mineral's price, or why they are not valued. */
  value: ValuationJson;
}

/** A valuation as JSON: `cents` only when valued at a fresh price. */
export type ValuationJson = { status: Valuation["status"]; cents?: string; text: string };

/** A price as JSON. */
export type PriceJson =
  | { status: "fresh" | "stale"; feed: Address; description: string; answer: string; decimals: number; roundId: string; updatedAt: string; ageSeconds: number; maxAgeSeconds: number; quote: string; text: string }
  | { status: "missing"; quote: string; text: string };

export const valuationJson = (v: Valuation): ValuationJson => (v.status === "valued" ? { status: v.status, cents: v.cents.toString(), text: v.text } : { ...v });

export function priceJson(p: PriceView): PriceJson {
  if (p.status === "missing") return { status: "missing", quote: p.quote, text: describePrice(p) };
  return {
    status: p.status,
    feed: p.feed,
    description: p.description,
    answer: p.answer.toString(),
    decimals: p.decimals,
    roundId: p.roundId.toString(),
    updatedAt: p.updatedAt.toISOString(),
    ageSeconds: p.ageSeconds,
    maxAgeSeconds: p.maxAgeSeconds,
    quote: p.quote,
    text: describePrice(p),
  };
}

/** Everything an auditor reads about one lot, as plain JSON (integers as decimal strings, no floats). */
export interface LotReport {
  lotId: string;
  commodity: string;
  symbol: string;
  form: FormName;
  basis: BasisName;
  basisLabel: string;
  state: LotStateName;
  countryCode: number;
  originId: string;
  externalRef: Hex;
  location: string;
  custodian: Address;
  pendingCustodian: Address | null;
  metadataURI: string;
  registeredAt: string;
  updatedAt: string;
  figures: {
    wetMassGrams: string;
    /** Wet mass in metric tonnes, 6 decimals (exact to the gram). */
    wetMassTonnes: string;
    /** Wet mass as people write it: "10,000 wmt" (wet metric tonnes, no trailing zeros). */
    wetMass: string;
    moisturePercent: string;
    gradePercent: string;
    payablePercent: string;
  };
  marketUnit: string;
  priceQuote: string;
  /** True after a recall from transit, until the custodian attests the lot again. */
  awaitingAttestation: boolean;
  quantities: {
    contained: QuantityJson;
    payable: QuantityJson;
    attested: QuantityJson;
    minted: QuantityJson;
    burned: QuantityJson;
    outstanding: QuantityJson;
    mintable: QuantityJson;
  };
  /** Units minted against the attested quantity, as a percentage (two decimals, rounded down). */
  mintedOfAttestedPercent: string;
  holders: CapTableLine[];
  /** The lot's compliance rules and hold. */
  rules: {
    minClass: InvestorClassName;
    restrictCountries: boolean;
    allowedCountries: { code: number; label: string; name: string }[];
    maxHolders: number;
    holders: number;
    minHolding: QuantityJson;
    lockupEnd: string | null;
    onHold: boolean;
    holdReason: string | null;
  };
  valuation: {
    price: PriceJson;
    /** The lot's payable quantity at the price (rounded down to the cent). */
    payable: ValuationJson;
    /** The units outstanding at the price (rounded down to the cent). */
    outstanding: ValuationJson;
  };
  /** The lot's primary offering: null until the platform has an offerings contract (issue 7). */
  offering: null;
  /** Sale proceeds paid and unclaimed: null until the platform has a proceeds contract (issue 7). */
  proceeds: null;
  documents: { index: number; docType: DocTypeName; sha256: Hex; uri: string; issuer: Address; issuedAt: string }[];
  timeline: { event: string; from?: LotStateName; to?: LotStateName; block: string; timestamp: string; actor: Address; transactionHash: Hash }[];
}

/** The parts of a lot report the platform report repeats for every lot (no rules, documents or timeline). */
export type LotSummary = Omit<LotReport, "rules" | "documents" | "timeline">;

export type GetLotReportReturnType = LotReport;
export type GetLotReportErrorType = MineralsError;

/** The facts of a lot in JSON form, without holders, documents or timeline. */
export function lotFacts(lot: LotView): Omit<LotReport, "holders" | "documents" | "timeline" | "rules" | "valuation" | "offering" | "proceeds" | "mintedOfAttestedPercent"> {
  const info = COMMODITIES[lot.commodity];
  return {
    lotId: lot.lotId.toString(),
    commodity: info.name,
    symbol: info.symbol,
    form: lot.form,
    basis: lot.basis,
    basisLabel: info.basisLabel,
    state: lot.state,
    countryCode: lot.countryCode,
    originId: lot.originId,
    externalRef: lot.externalRef,
    location: lot.location,
    custodian: lot.custodian,
    pendingCustodian: lot.pendingCustodian ?? null,
    metadataURI: lot.uri,
    registeredAt: lot.registeredAt.toISOString(),
    updatedAt: lot.updatedAt.toISOString(),
    figures: {
      wetMassGrams: lot.wetMassGrams.toString(),
      wetMassTonnes: ratioToDecimal(lot.wetMassGrams, 1_000_000n, 6, "exact"),
      wetMass: `${groupThousands(ratioToDecimal(lot.wetMassGrams, 1_000_000n, 6, "exact").replace(/\.?0+$/, ""))} wmt`,
      moisturePercent: ratioToDecimal(BigInt(lot.moistureBps), 100n, 2, "exact"),
      gradePercent: ratioToDecimal(lot.gradePpb, 10_000_000n, 7, "exact").replace(/\.?0+$/, ""),
      payablePercent: ratioToDecimal(BigInt(lot.payableBps), 100n, 2, "exact"),
    },
    marketUnit: info.marketUnit,
    priceQuote: info.priceQuote,
    awaitingAttestation: lot.awaitingAttestation,
    quantities: {
      contained: lot.contained.toJSON(),
      payable: lot.payable.toJSON(),
      attested: lot.attested.toJSON(),
      minted: lot.minted.toJSON(),
      burned: lot.burned.toJSON(),
      outstanding: lot.outstanding.toJSON(),
      mintable: lot.mintable.toJSON(),
    },
  };
}

/**
 * A lot's summary: facts, cap table (with investor records, shares summing to 100.00 %) and valuation, from
 * data already read in batches.
 */
export function lotSummary(
  lot: LotView,
  ledger: Ledger,
  investors: Map<Address, { investorId: bigint; country: number; investorClass: InvestorClassName; accountFrozen: boolean }>,
  price: PriceView,
): LotSummary {
  const positions = [...(ledger.get(lot.lotId) ?? new Map<Address, { balance: bigint; frozen: bigint }>()).entries()]
    .filter(([, p]) => p.balance > 0n)
    .sort(([ha, a], [hb, b]) => (a.balance === b.balance ? ha.localeCompare(hb) : a.balance > b.balance ? -1 : 1));
  const shares = sharesBps(positions.map(([, p]) => p.balance));
  const q = (base: bigint) => Quantity.fromBase(lot.commodity, base);
  return {
    ...lotFacts(lot),
    mintedOfAttestedPercent: lot.attested.base === 0n ? "0.00" : ratioToDecimal(lot.minted.base * 100n, lot.attested.base, 2, "down"),
    holders: positions.map(([holder, p], i) => {
      const record = investors.get(holder);
      const country = record?.country ?? 0;
      const label = countryLabel(country);
      return {
        holder,
        investorId: (record?.investorId ?? 0n).toString(),
        country,
        countryLabel: label,
        countryName: countryName(country, label),
        investorClass: record?.investorClass ?? "none",
        balance: q(p.balance).toJSON(),
        sharePercent: bpsToPercent(shares[i]!),
        frozen: q(p.frozen).toJSON(),
        accountFrozen: record?.accountFrozen ?? false,
        value: valuationJson(valueAt(q(p.balance), price)),
      };
    }),
    valuation: {
      price: priceJson(price),
      payable: valuationJson(valueAt(lot.payable, price)),
      outstanding: valuationJson(valueAt(lot.outstanding, price)),
    },
    offering: null,
    proceeds: null,
  };
}

/**
 * The full report of one lot: facts and figures in the commodity's market unit, supply against the attested
 * quantity, the cap table with investor records and values, the rules and hold, the valuation at the mineral's
 * feed price (rounded down to the cent; a stale or missing price is shown as such, never used), documents with
 * full hashes, and the timeline with time, actor and transaction of every step. The unit movements are read in
 * one scan of bounded block ranges, the lot's registry events filtered at the node by its id.
 *
 * @example
 * const report = await getLotReport(client, { deployment, lotId: 1n })
 * report.quantities.payable.market // "2352.670" (t)
 * report.valuation.outstanding.text // "USD 22,938,532.50"
 */
export async function getLotReport(client: Client, parameters: GetLotReportParameters): Promise<GetLotReportReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  const lot = await getLot(client, { deployment, lotId });
  const [ledger, prices, rules, documents, timeline] = await Promise.all([
    readLedger(client, { deployment, lotId, ...progress }),
    getPrices(client, { deployment, maxAgeSeconds: parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS }),
    getLotRules(client, { deployment, lotId }),
    getAllDocuments(client, { deployment, lotId }),
    getLotHistory(client, { deployment, lotId }),
  ]);
  let investors;
  try {
    investors = await readInvestors(client, deployment, [...(ledger.get(lotId)?.keys() ?? [])]);
  } catch (error) {
    throw decodeError(error, { action: `read the investors of lot ${lotId}` });
  }
  const summary = lotSummary(lot, ledger, investors, prices[lot.commodity as Commodity]);
  return {
    ...summary,
    rules: {
      minClass: rules.minClass,
      restrictCountries: rules.restrictCountries,
      allowedCountries: rules.allowedCountries.map((code) => ({ code, label: countryLabel(code), name: countryName(code, countryLabel(code)) })),
      maxHolders: rules.maxHolders,
      holders: rules.holders,
      minHolding: rules.minHolding.toJSON(),
      lockupEnd: rules.lockupEnd ? rules.lockupEnd.toISOString() : null,
      onHold: rules.onHold,
      holdReason: rules.holdReason ?? null,
    },
    documents: documents.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString() })),
    timeline: timeline.map((e) => ({
      event: e.event,
      ...(e.from ? { from: e.from } : {}),
      ...(e.to ? { to: e.to } : {}),
      block: e.blockNumber.toString(),
      timestamp: e.timestamp.toISOString(),
      actor: e.actor,
      transactionHash: e.transactionHash,
    })),
  };
}
