import type { Address, Client } from "viem";
import { getChainId } from "viem/actions";
import type { Deployment } from "../../deployment/manifest.ts";
import { countryLabel, LOT_STATES, type InvestorClassName, type LotStateName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readInvestors, readLedger, readLotCount, readLots } from "../../internal/ledger.ts";
import type { OnProgress } from "../../internal/logs.ts";
import { readOfferings } from "../../internal/offeringLedger.ts";
import { readProceeds, type ProceedsFigures } from "../../internal/proceedsLedger.ts";
import { readTradeFigures } from "../../internal/tradeLedger.ts";
import { toTimestamp } from "../../internal/validate.ts";
import { countryName } from "../../internal/shares.ts";
import { lotOrigin, type LotOrigin } from "../../internal/origin.ts";
import { indexPlatformFacts, type IndexParameter, type PlatformFacts } from "../../internal/indexSource.ts";
import { COMMODITIES, Commodity, Quantity, formatUsdCents, type QuantityJson } from "../../units/index.ts";
import { DEFAULT_MAX_PRICE_AGE_SECONDS, getPrices, valueAt } from "../valuation/getPrices.ts";
import { lotSummary, moneyJson, priceJson, valuationJson, type LotSummary, type MoneyJson, type PriceJson, type ValuationJson } from "./lotReport.ts";

export interface GetPlatformReportParameters {
  deployment: Deployment;
  /** Seconds after which a price is stale and not used (default 25 hours). */
  maxPriceAgeSeconds?: number;
  /** The start of the period each lot's traded volume covers, on the chain's clock (default: every trade since the deployment). */
  tradesSince?: Date;
  /** Called as the scan of the token's logs advances (for a progress bar). */
  onProgress?: OnProgress;
  /** Read the report's facts from this index (`minerals index`) instead of scanning the node's logs. */
  index?: IndexParameter;
}

/** The platform at a glance. */
export interface PlatformReport {
  chainId: number;
  contracts: Deployment["contracts"];
  /** Every lot: facts, cap table and valuation (documents and timelines are in each lot's own report). */
  lots: LotSummary[];
  /** Per mineral, in commodity order: lots by state, quantities, price and value. */
  totals: {
    commodity: string;
    lots: number;
    byState: Partial<Record<LotStateName, number>>;
    contained: QuantityJson;
    payable: QuantityJson;
    attested: QuantityJson;
    outstanding: QuantityJson;
    /** The payable metal that still exists: lots registered, assayed, warehoused or in transit (not sold, not retired,
     * not processed: a processed lot's metal is in its step's outputs). */
    inCustody: QuantityJson;
    price: PriceJson;
    /** `inCustody` at the price, rounded down to the cent: the metal that exists, never a sold or retired lot. */
    value: ValuationJson;
  }[];
  /**
   * Contained quantity per origin (country, province and district, read from the origin id by the platform's
   * convention) and mineral. A processed lot is left out: its metal is counted in the lots its step produced, which
   * carry its origin.
   */
  byOrigin: {
    country: number;
    countryLabel: string;
    countryName: string;
    province: string | null;
    provinceName: string | null;
    district: string | null;
    districtName: string | null;
    /** "Chagai, Balochistan, Pakistan", or the country alone. */
    place: string;
    commodity: string;
    lots: number;
    contained: QuantityJson;
  }[];
  /** Investors holding units, counted once each, by country and by class. */
  investors: {
    holding: number;
    byCountry: { country: number; countryLabel: string; countryName: string; investors: number }[];
    byClass: { investorClass: InvestorClassName; investors: number }[];
  };
  /**
   * Value of the payable metal in custody (lots neither sold nor retired) at fresh prices, rounded down to the cent;
   * `basis` says so in words, `unvalued` lists the minerals left out for want of a fresh price.
   */
  totalValue: { cents: string; text: string; basis: string; unvalued: string[] };
  /** Money of the primary offerings, over every offering of every lot, and the sale proceeds over every lot. */
  funds: {
    /** Offerings by state. */
    offerings: { open: number; succeeded: number; failed: number };
    /** Escrowed by subscriptions. */
    paidIn: MoneyJson;
    /** Raised: the payment for units delivered to investors, released to the treasuries. */
    raised: MoneyJson;
    /** What the treasuries have withdrawn of it. */
    withdrawn: MoneyJson;
    /** Refunded to investors, and refunds still to be claimed after close. */
    refunded: MoneyJson;
    refundsClaimable: MoneyJson;
    /** Held in escrow by the offerings contract: open subscriptions, unclaimed refunds and proceeds not withdrawn. */
    escrow: MoneyJson;
    /** Sale proceeds over every lot with a distribution: deposited by treasuries, paid to holders, dust swept, and
     * unclaimed (deposited less paid and swept). */
    proceeds: { lots: number; deposited: MoneyJson; paid: MoneyJson; swept: MoneyJson; unclaimed: MoneyJson };
  };
}

export type GetPlatformReportReturnType = PlatformReport;

/** What the platform's total value values, in words, for every report that shows it. */
export const VALUE_BASIS = "payable metal in custody (lots neither sold, retired nor processed into other lots) at fresh feed prices, rounded down to the cent";
export type GetPlatformReportErrorType = MineralsError;

/**
 * The platform report: every lot with its cap table, value, last traded price and traded volume, totals and values
 * per mineral, contained metal by origin country, investors by country and class, and the funds of the primary
 * offerings (paid in, raised, withdrawn, refunded, refunds to claim, held in escrow). Reads at scale: the lots, investor records and offerings'
 * status in batches (Multicall3), the token's, the offerings and the trades contracts' logs once each in bounded block ranges,
 * so the number of requests grows with the number of block ranges, not with the number of lots, holders or
 * subscribers.
 *
 * @example
 * const { totals, byOrigin, totalValue, funds } = await getPlatformReport(client, { deployment })
 * funds.raised.text // "55,711.50 USD"
 */
export async function getPlatformReport(client: Client, parameters: GetPlatformReportParameters): Promise<GetPlatformReportReturnType> {
  const { deployment } = parameters;
  const tradesSince = parameters.tradesSince === undefined ? undefined : new Date(Number(toTimestamp(parameters.tradesSince, "tradesSince")) * 1000);
  try {
    const { chainId, lots, ledger, investors, offerings, proceeds, trading, prices } =
      parameters.index === undefined
        ? await readPlatformFacts(client, parameters, tradesSince)
        : await indexPlatformFacts(parameters.index, deployment, parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS, tradesSince);
    const wallets = new Set<Address>();
    for (const holders of ledger.values()) for (const [holder, p] of holders) if (p.balance > 0n) wallets.add(holder);

    const totals = (Object.values(Commodity) as Commodity[]).flatMap((commodity) => {
      const mine = lots.filter((l) => l.commodity === commodity);
      if (mine.length === 0) return [];
      const sum = (pick: (l: (typeof mine)[number]) => Quantity) => mine.reduce((t, l) => t.add(pick(l)), Quantity.zero(commodity));
      const byState: Partial<Record<LotStateName, number>> = {};
      for (const state of LOT_STATES) {
        const n = mine.filter((l) => l.state === state).length;
        if (n > 0) byState[state] = n;
      }
      const inCustody = mine.filter((l) => l.state !== "settling" && l.state !== "retired" && l.state !== "processed").reduce((t, l) => t.add(l.payable), Quantity.zero(commodity));
      return [
        {
          commodity: COMMODITIES[commodity].name,
          lots: mine.length,
          byState,
          contained: sum((l) => l.contained).toJSON(),
          payable: sum((l) => l.payable).toJSON(),
          attested: sum((l) => l.attested).toJSON(),
          outstanding: sum((l) => l.outstanding).toJSON(),
          inCustody: inCustody.toJSON(),
          price: priceJson(prices[commodity]),
          value: valuationJson(valueAt(inCustody, prices[commodity])),
        },
      ];
    });

    const origins = new Map<string, { origin: LotOrigin; commodity: Commodity; lots: number; contained: Quantity }>();
    for (const lot of lots.filter((l) => l.state !== "processed")) {
      const origin = lotOrigin(lot.countryCode, lot.originId);
      const key = `${origin.country}/${origin.province ?? ""}/${origin.district ?? ""}/${lot.commodity}`;
      const o = origins.get(key) ?? { origin, commodity: lot.commodity, lots: 0, contained: Quantity.zero(lot.commodity) };
      origins.set(key, { ...o, lots: o.lots + 1, contained: o.contained.add(lot.contained) });
    }

    const seen = new Set<string>();
    const byCountry = new Map<number, number>();
    const byClass = new Map<InvestorClassName, number>();
    for (const wallet of wallets) {
      const r = investors.get(wallet)!;
      const key = r.investorId === 0n ? wallet : r.investorId.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + 1);
      byClass.set(r.investorClass, (byClass.get(r.investorClass) ?? 0) + 1);
    }

    const sum = (pick: (o: (typeof offerings)[number]) => bigint) => offerings.reduce((t, o) => t + pick(o), 0n);
    const sale = (pick: (p: ProceedsFigures) => bigint) => [...proceeds.values()].reduce((t, p) => t + pick(p), 0n);
    const valued = totals.filter((t) => t.value.status === "valued");
    const cents = valued.reduce((a, t) => a + BigInt(t.value.cents!), 0n);
    return {
      chainId,
      contracts: deployment.contracts,
      lots: lots.map((lot) => lotSummary(lot, ledger, investors, prices[lot.commodity], offerings, proceeds, deployment, trading)),
      totals,
      byOrigin: [...origins.values()]
        .sort((a, b) => a.origin.country - b.origin.country || a.origin.place.localeCompare(b.origin.place) || a.commodity - b.commodity)
        .map(({ origin: o, ...g }) => ({
          country: o.country,
          countryLabel: o.countryLabel,
          countryName: countryName(o.country, o.countryLabel),
          province: o.province,
          provinceName: o.provinceName,
          district: o.district,
          districtName: o.districtName,
          place: o.place,
          commodity: COMMODITIES[g.commodity].name,
          lots: g.lots,
          contained: g.contained.toJSON(),
        })),
      investors: {
        holding: seen.size,
        byCountry: [...byCountry.entries()]
          .sort(([a], [b]) => a - b)
          .map(([country, n]) => ({ country, countryLabel: countryLabel(country), countryName: countryName(country, countryLabel(country)), investors: n })),
        byClass: [...byClass.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([investorClass, n]) => ({ investorClass, investors: n })),
      },
      totalValue: {
        cents: cents.toString(),
        text: formatUsdCents(cents),
        basis: VALUE_BASIS,
        unvalued: totals.filter((t) => t.value.status !== "valued" && BigInt(t.inCustody.base) > 0n).map((t) => t.commodity),
      },
      funds: {
        offerings: {
          open: offerings.filter((o) => o.state === "open").length,
          succeeded: offerings.filter((o) => o.state === "succeeded").length,
          failed: offerings.filter((o) => o.state === "failed").length,
        },
        paidIn: moneyJson(sum((o) => o.paidIn)),
        raised: moneyJson(sum((o) => o.proceedsReleased)),
        withdrawn: moneyJson(sum((o) => o.proceedsWithdrawn)),
        refunded: moneyJson(sum((o) => o.refundsPaid)),
        refundsClaimable: moneyJson(sum((o) => o.refundsClaimable)),
        escrow: moneyJson(sum((o) => o.escrow)),
        proceeds: {
          lots: proceeds.size,
          deposited: moneyJson(sale((p) => p.deposited)),
          paid: moneyJson(sale((p) => p.paid)),
          swept: moneyJson(sale((p) => p.swept)),
          unclaimed: moneyJson(sale((p) => p.deposited - p.paid - p.swept)),
        },
      },
    };
  } catch (error) {
    throw decodeError(error, { action: "read the platform report" });
  }
}

/** The platform report's facts from the node: each contract's logs scanned once, state read in batches. */
async function readPlatformFacts(client: Client, parameters: GetPlatformReportParameters, tradesSince: Date | undefined): Promise<PlatformFacts> {
  const { deployment } = parameters;
  const count = await readLotCount(client, deployment);
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  const [[lots, trading], ledger, offerings, proceeds, prices, chainId] = await Promise.all([
    readLots(client, deployment, ids).then(async (lots) => [lots, await readTradeFigures(client, { deployment, lots, since: tradesSince, withTimes: false, ...progress })] as const),
    readLedger(client, { deployment, ...progress }),
    readOfferings(client, { deployment, ...progress }),
    readProceeds(client, { deployment, ...progress }),
    getPrices(client, { deployment, maxAgeSeconds: parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS }),
    getChainId(client),
  ]);
  const wallets = new Set<Address>();
  for (const holders of ledger.values()) for (const [holder, p] of holders) if (p.balance > 0n) wallets.add(holder);
  const investors = await readInvestors(client, deployment, [...wallets]);
  return { chainId, lots, ledger, investors, offerings, proceeds, trading, prices };
}
