import type { Address, Client, Hash, Hex } from "viem";
import { readContract } from "viem/actions";
import { lotProcessingAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { countryLabel, type BasisName, type DocTypeName, type FormName, type InvestorClassName, type LotStateName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readInvestors, readLedger, type Ledger } from "../../internal/ledger.ts";
import { indexLotFacts, type IndexParameter, type LotFacts } from "../../internal/indexSource.ts";
import { IndexError } from "../../errors/indexer.ts";
import type { OnProgress } from "../../internal/logs.ts";
import { readOfferings, type OfferingFigures } from "../../internal/offeringLedger.ts";
import { pricePerMarketUnit, type OfferingStateName } from "../../internal/offerings.ts";
import { readProceeds, type ProceedsFigures } from "../../internal/proceedsLedger.ts";
import { readTradeFigures, type TradeFigures } from "../../internal/tradeLedger.ts";
import { bpsToPercent, countryName, sharesBps } from "../../internal/shares.ts";
import { toLotId, toTimestamp } from "../../internal/validate.ts";
import { groupThousands, ratioToDecimal } from "../../units/decimal.ts";
import { COMMODITIES, Money, Quantity, formatPrice, type Commodity, type QuantityJson } from "../../units/index.ts";
import { getLotRules } from "../compliance/getLotRules.ts";
import { getLot, type LotView } from "../lots/getLot.ts";
import { getAllDocuments, getLotHistory, type LotHistoryEntry } from "../lots/history.ts";
import { DEFAULT_MAX_PRICE_AGE_SECONDS, describePrice, getPrices, valueInState, type PriceView, type Valuation } from "../valuation/getPrices.ts";
import { platformAccountLabel } from "../../deployment/accounts.ts";
import { lotOrigin, type LotOrigin } from "../../internal/origin.ts";

export interface GetLotReportParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Seconds after which a price is stale and not used (default 25 hours). */
  maxPriceAgeSeconds?: number;
  /** The start of the period the traded volume covers, on the chain's clock (default: every trade since the deployment). */
  tradesSince?: Date;
  /** Called as the scans of the chain's logs advance (for a progress bar). */
  onProgress?: OnProgress;
  /** Read the report's facts from this index (`minerals index`) instead of scanning the node's logs. */
  index?: IndexParameter;
}

/** One line of a cap table: who holds how much, and under which investor record (no personal data). */
export interface CapTableLine {
  holder: Address;
  /** What the holder is when it is one of the platform's own accounts ("offering escrow", "proceeds vault", ...), else null. */
  label: string | null;
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
  /** What the units are worth at the mineral's price, or why they are not valued (also: the lot is sold or retired). */
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

/** An amount of the payment stablecoin as JSON: USD decimal text, base units (6 decimals) and "1,250.50 USD". */
export type MoneyJson = { usd: string; base: string; text: string };

export const moneyJson = (base: bigint): MoneyJson => {
  const money = Money.fromBase(base);
  return { ...money.toJSON(), text: money.format() };
};

/** One primary offering of a lot: its terms, its outcome, and where every unit and every dollar paid in went. */
export interface OfferingReportLine {
  offeringId: string;
  state: OfferingStateName;
  /** One sentence: how the offering stands or ended. */
  outcome: string;
  paymentToken: Address;
  treasury: Address;
  /** The price per market unit of the lot's commodity (rounded down to the token's base unit), and the contract's
   * exact price: `priceAmount` payment base units per `priceUnit` units. */
  price: MoneyJson;
  priceQuote: string;
  priceAmount: string;
  priceUnit: string;
  window: { start: string; end: string };
  minTicket: QuantityJson;
  maxTicket: QuantityJson;
  softCap: QuantityJson;
  hardCap: QuantityJson;
  totalRequested: QuantityJson;
  /** Units minted at a successful close, handed to investors, refused at a claim (refunded), taken back by the issuer. */
  minted: QuantityJson;
  delivered: QuantityJson;
  refused: QuantityJson;
  returned: QuantityJson;
  /** Investors with a request above zero, and those of them who have not claimed. */
  subscribers: number;
  unclaimed: number;
  /** Payments escrowed by subscriptions. */
  paidIn: MoneyJson;
  /** Refunds paid (reductions, cancellations and claims) and still to be claimed after close. */
  refundsPaid: MoneyJson;
  refundsClaimable: MoneyJson;
  /** Units the investors who have not claimed will receive at their claim (rounded down, as the contract does). */
  unitsClaimable: QuantityJson;
  /** Payment for delivered units, released to the treasury, and what it has withdrawn of it. */
  proceedsReleased: MoneyJson;
  proceedsWithdrawn: MoneyJson;
  /** Payment the offerings contract still holds for this offering. */
  escrow: MoneyJson;
}

/** An offering's figures in a report's JSON form, quantities in the lot's commodity. */
export function offeringLine(o: OfferingFigures, commodity: Commodity): OfferingReportLine {
  const q = (base: bigint) => Quantity.fromBase(commodity, base);
  const t = o.terms;
  const requested = q(o.totalRequested).format();
  const outcome =
    o.state === "open"
      ? `open: ${requested} requested so far (soft cap ${q(t.softCap).format()}, hard cap ${q(t.hardCap).format()})`
      : o.state === "failed"
        ? `failed: ${requested} requested against a soft cap of ${q(t.softCap).format()}; every payment is refunded`
        : `succeeded: ${requested} requested, ${q(o.unitsMinted).format()} allocated${o.totalRequested > o.unitsMinted ? " pro rata" : ""}`;
  return {
    offeringId: o.offeringId.toString(),
    state: o.state,
    outcome,
    paymentToken: t.paymentToken,
    treasury: t.treasury,
    price: moneyJson(pricePerMarketUnit(commodity, t.priceAmount, t.priceUnit)),
    priceQuote: COMMODITIES[commodity].priceQuote,
    priceAmount: t.priceAmount.toString(),
    priceUnit: t.priceUnit.toString(),
    window: { start: new Date(Number(t.start) * 1000).toISOString(), end: new Date(Number(t.end) * 1000).toISOString() },
    minTicket: q(t.minTicket).toJSON(),
    maxTicket: q(t.maxTicket).toJSON(),
    softCap: q(t.softCap).toJSON(),
    hardCap: q(t.hardCap).toJSON(),
    totalRequested: q(o.totalRequested).toJSON(),
    minted: q(o.unitsMinted).toJSON(),
    delivered: q(o.unitsDelivered).toJSON(),
    refused: q(o.unitsRefused).toJSON(),
    returned: q(o.unitsReturned).toJSON(),
    subscribers: o.subscribers,
    unclaimed: o.unclaimed,
    paidIn: moneyJson(o.paidIn),
    refundsPaid: moneyJson(o.refundsPaid),
    refundsClaimable: moneyJson(o.refundsClaimable),
    unitsClaimable: q(o.unitsClaimable).toJSON(),
    proceedsReleased: moneyJson(o.proceedsReleased),
    proceedsWithdrawn: moneyJson(o.proceedsWithdrawn),
    escrow: moneyJson(o.escrow),
  };
}

/** A lot's sale proceeds: what the treasury deposited (provisional, then final), paid to holders, unclaimed, swept. */
export interface ProceedsReport {
  paymentToken: Address | null;
  /** The units every payment is divided among (outstanding when the distribution started), those redeemed since,
   * and those still outstanding. */
  entitledSupply: QuantityJson;
  redeemed: QuantityJson;
  outstanding: QuantityJson;
  /** Holders who redeemed units. */
  redeemers: number;
  /** Every deposit; its time is null in the platform report, which reads no block times. */
  deposits: { amount: MoneyJson; kind: "provisional" | "final"; by: Address; block: string; timestamp: string | null; transactionHash: Hash }[];
  deposited: MoneyJson;
  paid: MoneyJson;
  /** Deposited, less paid to holders and dust swept: still owed to holders, plus dust not yet swept. */
  unclaimed: MoneyJson;
  swept: MoneyJson;
  /** Rounding dust no unit can claim, which the treasury may sweep after the final payment. */
  sweepable: MoneyJson;
  final: boolean;
  finalAt: string | null;
  retirableAt: string | null;
  /** Cumulative deposits and payments to holders over time (claims grouped into at most 48 points); empty in the
   * platform report, which reads no block times. */
  overTime: { timestamp: string; deposited: MoneyJson; paid: MoneyJson }[];
}

/** A lot's proceeds figures in a report's JSON form. */
export function proceedsReport(p: ProceedsFigures, commodity: Commodity): ProceedsReport {
  const q = (base: bigint) => Quantity.fromBase(commodity, base).toJSON();
  return {
    paymentToken: p.paymentToken ?? null,
    entitledSupply: q(p.entitledSupply),
    redeemed: q(p.redeemedUnits),
    outstanding: q(p.outstanding),
    redeemers: p.redeemers,
    deposits: p.deposits.map((d) => ({
      amount: moneyJson(d.amount),
      kind: d.isFinal ? "final" : "provisional",
      by: d.by,
      block: d.blockNumber.toString(),
      timestamp: d.timestamp ? d.timestamp.toISOString() : null,
      transactionHash: d.transactionHash,
    })),
    deposited: moneyJson(p.deposited),
    paid: moneyJson(p.paid),
    unclaimed: moneyJson(p.deposited - p.paid - p.swept),
    swept: moneyJson(p.swept),
    sweepable: moneyJson(p.sweepable),
    final: p.finalAt !== undefined,
    finalAt: p.finalAt ? p.finalAt.toISOString() : null,
    retirableAt: p.retirableAt ? p.retirableAt.toISOString() : null,
    overTime: p.overTime.map((o) => ({ timestamp: o.timestamp.toISOString(), deposited: moneyJson(o.deposited), paid: moneyJson(o.paid) })),
  };
}

/**
 * A lot's secondary trades (delivery versus payment) in a report: the last traded price, and the trades and volume
 * over the report's period, exact to the base unit; prices per market unit are rounded down to the payment token's
 * base unit. Counted in the deployment's test stablecoin when it has one (`otherTokenTrades` says how many trades
 * were paid in another token and left out).
 */
export interface TradingReport {
  paymentToken: Address | null;
  /** The start of the period the volume covers, or null for every trade since the deployment. */
  since: string | null;
  trades: number;
  volume: QuantityJson;
  value: MoneyJson;
  /** The last trade (even before `since`), or null when the lot never traded. Its time is null in the platform
   * report, which reads no block times. */
  lastTrade: {
    offerId: string;
    /** The price per market unit, and the same as "9,000.00 USD per tonne". */
    price: MoneyJson;
    priceText: string;
    amount: QuantityJson;
    total: MoneyJson;
    seller: Address;
    buyer: Address;
    block: string;
    timestamp: string | null;
    transactionHash: Hash;
  } | null;
  /** The period's trades over time (one point per block, at most 48 over many blocks), each with its volume-weighted
   * price per market unit; empty in the platform report. */
  overTime: { timestamp: string; trades: number; volume: QuantityJson; value: MoneyJson; price: MoneyJson }[];
  otherTokenTrades: number;
  /** The last trade as people read it: "9,000.00 USD per tonne: offer 3, 10.000 t Cu for 90,000.00 USD, 2026-07-01T10:00:00Z", or that there was none. */
  lastTradeText: string;
  /** The period's trades: "2 trades since 2026-06-01T00:00:00Z: 15.000 t Cu for 135,000.00 USD", or "no trades". */
  volumeText: string;
}

/** A lot's trade figures in a report's JSON form (no trades when `t` is undefined: the deployment has no trades contract). */
export function tradingReport(t: TradeFigures | undefined, commodity: Commodity): TradingReport {
  const q = (base: bigint) => Quantity.fromBase(commodity, base);
  const since = t?.since?.toISOString() ?? null;
  const last = t?.last;
  const trades = t?.trades ?? 0;
  const volume = q(t?.amount ?? 0n);
  const value = Money.fromBase(t?.value ?? 0n);
  const priceText = last ? formatPrice(Money.fromBase(last.pricePerMarketUnit), commodity) : "";
  const at = (date: Date) => date.toISOString().replace(".000Z", "Z");
  const lastTradeText = last
    ? `${priceText}: offer ${last.offerId}, ${q(last.amount).format()} for ${Money.fromBase(last.price).format()}, ${last.timestamp ? at(last.timestamp) : `block ${last.blockNumber}`}`
    : "none: no trade of this lot yet";
  const period = t?.since ? ` since ${at(t.since)}` : "";
  const other = t?.otherTokenTrades ? ` (${t.otherTokenTrades} paid in another token, not counted)` : "";
  const volumeText = `${trades === 0 ? `no trades${period}` : `${trades} trade${trades === 1 ? "" : "s"}${period}: ${volume.format()} for ${value.format()}`}${other}`;
  return {
    paymentToken: t?.paymentToken ?? null,
    since,
    trades,
    volume: volume.toJSON(),
    value: moneyJson(value.base),
    lastTrade: last
      ? {
          offerId: last.offerId.toString(),
          price: moneyJson(last.pricePerMarketUnit),
          priceText,
          amount: q(last.amount).toJSON(),
          total: moneyJson(last.price),
          seller: last.seller,
          buyer: last.buyer,
          block: last.blockNumber.toString(),
          timestamp: last.timestamp ? last.timestamp.toISOString() : null,
          transactionHash: last.transactionHash,
        }
      : null,
    overTime: (t?.overTime ?? []).map((p) => ({
      timestamp: p.timestamp.toISOString(),
      trades: p.trades,
      volume: q(p.amount).toJSON(),
      value: moneyJson(p.value),
      price: moneyJson(p.pricePerMarketUnit),
    })),
    otherTokenTrades: t?.otherTokenTrades ?? 0,
    lastTradeText,
    volumeText,
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
  /** The origin id read by the platform's convention: province, district and concession ("Chagai, Balochistan, Pakistan"). */
  origin: LotOrigin;
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
    /** Wet mass as people write it: "10,000 wmt" (wet metric tonnes, no trailing zeros), or under a tonne in kg ("25 kg"). */
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
    /** The lot's payable metal at the price (rounded down to the cent), while the lot's metal exists: a settling lot's
     * is sold (status "sold") and a retired lot's is gone (status "retired"). */
    payable: ValuationJson;
    /** The units outstanding at the price (rounded down to the cent), on the same terms. */
    outstanding: ValuationJson;
  };
  /** Every primary offering of the lot, oldest first (none when there was none, or no offerings contract). */
  offering: OfferingReportLine[];
  /** Sale proceeds deposited, paid and unclaimed; null when the lot has no distribution (or no proceeds vault). */
  proceeds: ProceedsReport | null;
  /** Secondary trades: the last traded price and the volume over the report's period. */
  trading: TradingReport;
  /**
   * The by-products the lot was assayed for (the gold in a copper-gold concentrate), each with its grade, the metal
   * it contains and that metal's value at the by-product's own feed price (rounded down to the cent, on the same
   * terms as the lot's own metal: not once the lot is sold, retired or processed). None without a processing contract.
   */
  byProducts: { commodity: string; gradePpb: string; grade: string; contained: QuantityJson; price: PriceJson; value: ValuationJson }[];
  documents: { index: number; docType: DocTypeName; sha256: Hex; uri: string; issuer: Address; issuedAt: string }[];
  /**
   * Every step of the lot's life, oldest first, once each: an event that changed the lot's state carries the change
   * (`from`, `to`) instead of a second entry for its `LotStateChanged`. `actorLabel` names a platform account.
   */
  timeline: { event: string; from?: LotStateName; to?: LotStateName; block: string; timestamp: string; actor: Address; actorLabel: string | null; transactionHash: Hash }[];
}

/** The parts of a lot report the platform report repeats for every lot (no rules, documents or timeline). */
export type LotSummary = Omit<LotReport, "rules" | "documents" | "timeline" | "byProducts">;

export type GetLotReportReturnType = LotReport;
export type GetLotReportErrorType = MineralsError;

/** The facts of a lot in JSON form, without holders, documents or timeline. */
export function lotFacts(lot: LotView): Omit<LotReport, "holders" | "documents" | "timeline" | "rules" | "valuation" | "offering" | "proceeds" | "trading" | "mintedOfAttestedPercent" | "byProducts"> {
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
    origin: lotOrigin(lot.countryCode, lot.originId),
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
      wetMass:
        lot.wetMassGrams < 1_000_000n
          ? `${groupThousands(ratioToDecimal(lot.wetMassGrams, 1_000n, 3, "exact").replace(/\.?0+$/, ""))} kg`
          : `${groupThousands(ratioToDecimal(lot.wetMassGrams, 1_000_000n, 6, "exact").replace(/\.?0+$/, ""))} wmt`,
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
  offerings: readonly OfferingFigures[] = [],
  proceeds: ReadonlyMap<bigint, ProceedsFigures> = new Map(),
  deployment?: Pick<Deployment, "contracts">,
  trading: ReadonlyMap<bigint, TradeFigures> = new Map(),
): LotSummary {
  const lotProceeds = proceeds.get(lot.lotId);
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
        label: deployment ? (platformAccountLabel(deployment, holder) ?? null) : null,
        investorId: (record?.investorId ?? 0n).toString(),
        country,
        countryLabel: label,
        countryName: countryName(country, label),
        investorClass: record?.investorClass ?? "none",
        balance: q(p.balance).toJSON(),
        sharePercent: bpsToPercent(shares[i]!),
        frozen: q(p.frozen).toJSON(),
        accountFrozen: record?.accountFrozen ?? false,
        value: valuationJson(valueInState(q(p.balance), price, lot.state)),
      };
    }),
    valuation: {
      price: priceJson(price),
      payable: valuationJson(valueInState(lot.payable, price, lot.state)),
      outstanding: valuationJson(valueInState(lot.outstanding, price, lot.state)),
    },
    offering: offerings.filter((o) => o.terms.lotId === lot.lotId).map((o) => offeringLine(o, lot.commodity)),
    proceeds: lotProceeds ? proceedsReport(lotProceeds, lot.commodity) : null,
    trading: tradingReport(trading.get(lot.lotId), lot.commodity),
  };
}

/**
 * The full report of one lot: facts and figures in the commodity's market unit, supply against the attested
 * quantity, the cap table with investor records and values, the rules and hold, the valuation at the mineral's
 * feed price (rounded down to the cent; a stale or missing price is shown as such, never used), every primary
 * offering of the lot (outcome, caps, units minted and delivered, refunds paid and still to claim, proceeds released
 * and withdrawn, escrow), its secondary trades (the last traded price, the trades and volume since `tradesSince`, and
 * the trades over time), documents with full hashes, and the timeline with time, actor and transaction of every
 * step. The unit movements are read in one scan of bounded block ranges, the lot's registry events filtered at the
 * node by its id, its offerings' events by the indexed lot id and then offering ids, their status in one batch, its
 * trades by the indexed lot id of its offers and then their ids.
 *
 * @example
 * const report = await getLotReport(client, { deployment, lotId: 1n })
 * report.quantities.payable.market // "2352.670" (t)
 * report.valuation.outstanding.text // "22,938,532.50 USD"
 * report.offering[0]?.outcome // "succeeded: 14.000 t Cu requested, 10.000 t Cu allocated pro rata"
 * report.trading.lastTrade?.priceText // "9,000.00 USD per tonne"
 */
export async function getLotReport(client: Client, parameters: GetLotReportParameters): Promise<GetLotReportReturnType> {
  const lotId = toLotId(parameters.lotId);
  const tradesSince = parameters.tradesSince === undefined ? undefined : new Date(Number(toTimestamp(parameters.tradesSince, "tradesSince")) * 1000);
  // By-products are one view call of the processing contract, read from the node with or without an index.
  const [{ lot, ledger, investors, offerings, proceeds, trading, prices, rules, documents, timeline }, byProducts] = await Promise.all([
    parameters.index === undefined ? readLotFacts(client, parameters, lotId, tradesSince) : lotFactsFromIndex(parameters.index, parameters, lotId, tradesSince),
    readByProducts(client, parameters.deployment, lotId),
  ]);
  const { deployment } = parameters;
  const summary = lotSummary(lot, ledger, investors, prices[lot.commodity as Commodity], offerings, proceeds, deployment, trading);
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
    byProducts: byProducts.map((b) => {
      const price = prices[b.contained.commodity];
      return {
        commodity: COMMODITIES[b.contained.commodity].name,
        gradePpb: b.gradePpb.toString(),
        grade: `${ratioToDecimal(b.gradePpb, 1000n, 3, "exact").replace(/\.?0+$/, "")} g/t`,
        contained: b.contained.toJSON(),
        price: priceJson(price),
        value: valuationJson(valueInState(b.contained, price, lot.state)),
      };
    }),
    documents: documents.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString() })),
    timeline: mergeStateChanges(timeline).map((e) => timelineEntry(e, deployment)),
  };
}

/** The by-products a lot was assayed for, from the processing contract (none when the deployment has none). */
async function readByProducts(client: Client, deployment: Deployment, lotId: bigint): Promise<{ gradePpb: bigint; contained: Quantity }[]> {
  const processing = deployment.contracts.LotProcessing;
  if (processing === undefined) return [];
  const [commodities, grades, contained] = await readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "byProductsOf", args: [lotId] }).catch((error: unknown) => {
    throw decodeError(error, { action: `read the by-products of lot ${lotId}` });
  });
  return commodities.map((commodity, k) => ({ gradePpb: BigInt(grades[k]!), contained: Quantity.fromBase(commodity as Commodity, contained[k]!) }));
}

/** A step of a lot's history as a report's timeline shows it: times and numbers as text, a platform account named. */
export function timelineEntry(e: LotHistoryEntry, deployment: Pick<Deployment, "contracts">): LotReport["timeline"][number] {
  return {
    event: e.event,
    ...(e.from ? { from: e.from } : {}),
    ...(e.to ? { to: e.to } : {}),
    block: e.blockNumber.toString(),
    timestamp: e.timestamp.toISOString(),
    actor: e.actor,
    actorLabel: platformAccountLabel(deployment, e.actor) ?? null,
    transactionHash: e.transactionHash,
  };
}

/**
 * A lot's history with each state change folded into the step that made it: `LotAssayed` carries "registered ->
 * assayed" rather than a second `LotStateChanged` entry of the same transaction. A state change with no other step
 * event left in its transaction stays an entry of its own, in place.
 */
export function mergeStateChanges(history: readonly LotHistoryEntry[]): LotHistoryEntry[] {
  const pending = new Map<string, LotHistoryEntry[]>();
  const steps = new Map<string, number>();
  for (const e of history) {
    if (e.event === "LotStateChanged") pending.set(e.transactionHash, [...(pending.get(e.transactionHash) ?? []), e]);
    else steps.set(e.transactionHash, (steps.get(e.transactionHash) ?? 0) + 1);
  }
  const merged: LotHistoryEntry[] = [];
  for (const e of history) {
    const changes = pending.get(e.transactionHash) ?? [];
    if (e.event === "LotStateChanged") {
      // Kept when more changes than steps happened in its transaction (each step takes one).
      if (changes.length > (steps.get(e.transactionHash) ?? 0) && changes.indexOf(e) >= (steps.get(e.transactionHash) ?? 0)) merged.push(e);
      continue;
    }
    const index = (steps.get(`${e.transactionHash}:taken`) ?? 0);
    steps.set(`${e.transactionHash}:taken`, index + 1);
    const change = changes[index];
    merged.push(change ? { ...e, ...(change.from ? { from: change.from } : {}), ...(change.to ? { to: change.to } : {}) } : e);
  }
  return merged;
}

/** A lot report's facts from the node: the lot's events scanned in bounded ranges, its state read in batches. */
async function readLotFacts(client: Client, parameters: GetLotReportParameters, lotId: bigint, tradesSince: Date | undefined): Promise<LotFacts> {
  const { deployment } = parameters;
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  const lot = await getLot(client, { deployment, lotId });
  const [ledger, offerings, proceeds, trading, prices, rules, documents, timeline] = await Promise.all([
    readLedger(client, { deployment, lotId, ...progress }),
    readOfferings(client, { deployment, lotId, ...progress }),
    readProceeds(client, { deployment, lotId, withTimes: true, ...progress }),
    readTradeFigures(client, { deployment, lots: [lot], lotId, since: tradesSince, withTimes: true, ...progress }).catch((error: unknown) => {
      throw decodeError(error, { action: `read the trades of lot ${lotId}` });
    }),
    getPrices(client, { deployment, maxAgeSeconds: parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS }),
    getLotRules(client, { deployment, lotId }),
    getAllDocuments(client, { deployment, lotId }),
    // The lifecycle steps only: minted and burned totals are in the figures, and a sold lot burns once per redemption.
    getLotHistory(client, { deployment, lotId, unitAccounting: false }),
  ]);
  let investors;
  try {
    investors = await readInvestors(client, deployment, [...(ledger.get(lotId)?.keys() ?? [])]);
  } catch (error) {
    throw decodeError(error, { action: `read the investors of lot ${lotId}` });
  }
  return { lot, ledger, investors, offerings, proceeds, trading, prices, rules, documents, timeline };
}

/** A lot report's facts from the index, in one request. */
async function lotFactsFromIndex(index: IndexParameter, parameters: GetLotReportParameters, lotId: bigint, tradesSince: Date | undefined): Promise<LotFacts> {
  const facts = await indexLotFacts(index, parameters.deployment, lotId, parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS, tradesSince);
  if (facts === undefined) throw new IndexError(`Lot ${lotId} is not in the index: it does not exist, or the index has not reached the block that registered it.`);
  return facts;
}
