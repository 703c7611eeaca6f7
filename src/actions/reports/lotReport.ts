import type { Address, Client, Hash, Hex } from "viem";
import { getChainId } from "viem/actions";
import type { Deployment } from "../../deployment/manifest.ts";
import type { BasisName, DocTypeName, FormName, LotStateName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { ratioToDecimal } from "../../units/decimal.ts";
import { COMMODITIES, Quantity, type Commodity, type QuantityJson } from "../../units/index.ts";
import { getHolders } from "../lots/balances.ts";
import { getLot, type LotView } from "../lots/getLot.ts";
import { getAllDocuments, getLotHistory } from "../lots/history.ts";
import { listLots } from "../lots/listLots.ts";

export interface GetLotReportParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
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
  holders: { holder: Address; balance: QuantityJson; sharePercent: string }[];
  documents: { index: number; docType: DocTypeName; sha256: Hex; uri: string; issuer: Address; issuedAt: string }[];
  timeline: { event: string; from?: LotStateName; to?: LotStateName; block: string; timestamp: string; transactionHash: Hash }[];
}

export type GetLotReportReturnType = LotReport;
export type GetLotReportErrorType = MineralsError;

/** The facts of a lot in JSON form, without holders, documents or timeline. */
function lotFacts(lot: LotView): Omit<LotReport, "holders" | "documents" | "timeline"> {
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
 * The full report of one lot: facts and figures in the commodity's market unit, cap table, documents, timeline.
 *
 * @example
 * const report = await getLotReport(client, { deployment, lotId: 1n })
 * report.quantities.payable.market // "2352.670" (t)
 */
export async function getLotReport(client: Client, parameters: GetLotReportParameters): Promise<GetLotReportReturnType> {
  const lot = await getLot(client, parameters);
  const [holders, documents, timeline] = await Promise.all([
    getHolders(client, parameters),
    getAllDocuments(client, parameters),
    getLotHistory(client, parameters),
  ]);
  return {
    ...lotFacts(lot),
    holders: holders.map((h) => ({
      holder: h.holder,
      balance: h.balance.toJSON(),
      sharePercent: ratioToDecimal(BigInt(h.shareBps), 100n, 2, "exact"),
    })),
    documents: documents.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString() })),
    timeline: timeline.map((e) => ({
      event: e.event,
      ...(e.from ? { from: e.from } : {}),
      ...(e.to ? { to: e.to } : {}),
      block: e.blockNumber.toString(),
      timestamp: e.timestamp.toISOString(),
      transactionHash: e.transactionHash,
    })),
  };
}

/** The platform report: every lot, and totals per commodity. */
export interface PlatformReport {
  chainId: number;
  contracts: Deployment["contracts"];
  lots: LotReport[];
  totals: { commodity: string; lots: number; payable: QuantityJson; attested: QuantityJson; outstanding: QuantityJson }[];
}

/**
 * Reports every lot, with totals per commodity.
 *
 * @example
 * const { lots, totals } = await getPlatformReport(client, { deployment })
 */
export async function getPlatformReport(client: Client, parameters: { deployment: Deployment }): Promise<PlatformReport> {
  const all = await listLots(client, parameters);
  const lots = await Promise.all(all.map((lot) => getLotReport(client, { deployment: parameters.deployment, lotId: lot.lotId })));
  const byCommodity = new Map<Commodity, { lots: number; payable: Quantity; attested: Quantity; outstanding: Quantity }>();
  for (const lot of all) {
    const t = byCommodity.get(lot.commodity) ?? {
      lots: 0,
      payable: Quantity.zero(lot.commodity),
      attested: Quantity.zero(lot.commodity),
      outstanding: Quantity.zero(lot.commodity),
    };
    byCommodity.set(lot.commodity, {
      lots: t.lots + 1,
      payable: t.payable.add(lot.payable),
      attested: t.attested.add(lot.attested),
      outstanding: t.outstanding.add(lot.outstanding),
    });
  }
  return {
    chainId: await getChainId(client),
    contracts: parameters.deployment.contracts,
    lots,
    totals: [...byCommodity.entries()]
      .sort(([a], [b]) => a - b)
      .map(([commodity, t]) => ({
        commodity: COMMODITIES[commodity].name,
        lots: t.lots,
        payable: t.payable.toJSON(),
        attested: t.attested.toJSON(),
        outstanding: t.outstanding.toJSON(),
      })),
  };
}
