import { getAddress, isAddress, type Address, type Client, type Hash } from "viem";
import { getBlock, getBlockNumber } from "viem/actions";
import { lotProcessingAbi } from "../../abis.ts";
import { platformAccountLabel } from "../../deployment/accounts.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { DOC_TYPES, withArticle, type DocTypeName } from "../../domain.ts";
import { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { atBlock } from "../../internal/atBlock.ts";
import { readInvestors, readLedger } from "../../internal/ledger.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "../../internal/logs.ts";
import { readOfferings } from "../../internal/offeringLedger.ts";
import { lotOrigin, type LotOrigin } from "../../internal/origin.ts";
import { toLotId } from "../../internal/validate.ts";
import { provenanceGraph, type ProvenanceGraph, type ProvenanceGraphLot, type ProvenanceGraphStep } from "../../reports/provenanceGraph.ts";
import { ratioToDecimal } from "../../units/decimal.ts";
import { COMMODITIES, Quantity, type Commodity, type QuantityJson } from "../../units/index.ts";
import { getAllDocuments, getLotHistory, type LotHistoryEntry } from "../lots/history.ts";
import { getProvenance } from "../processing/getProvenance.ts";
import { lotFacts, lotSummary, mergeStateChanges, timelineEntry, type CapTableLine, type OfferingReportLine } from "./lotReport.ts";

/** What a passport file says it is: `verifyPassport` refuses a file without it. */
export const PASSPORT_FORMAT = "minerals-lot-passport/1";

export interface GetPassportParameters {
  deployment: Deployment;
  /** Any lot: the passport follows it back to the mine and forward to its latest products. */
  lotId: bigint | number | string;
  /**
   * The block to read the chain at (default: the latest, read once at the start, so that every part of the passport
   * is of one block). A passport made at block N is made again, exactly, by reading at block N.
   */
  blockNumber?: bigint;
  /** Called as the scans of the chain's logs advance (for a progress bar). */
  onProgress?: OnProgress;
}

/** One step of a lot's history (as a lot report's timeline shows it), with what it recorded. */
export interface PassportHistoryEntry extends TimelineEntry {
  /** What the step recorded, in one sentence. */
  text: string;
  /** The event's arguments as the chain records them (numbers in base units, as decimal text). */
  args: Record<string, string>;
}

type TimelineEntry = ReturnType<typeof timelineEntry>;

/** A document recorded against a lot: its hash (the document itself stays off chain), who recorded it and when. */
export interface PassportDocument {
  index: number;
  docType: DocTypeName;
  sha256: Hash;
  uri: string;
  /** The date the document bears, as its recorder gave it. */
  issuedAt: string;
  /** The account that recorded it (an issuer, assayer or custodian) and when, in which transaction (null only where
   * the node gave no `DocumentAdded` event for it). */
  recordedBy: Address;
  recordedAt: string | null;
  transactionHash: Hash | null;
}

/** A lot of the passport: its facts, origin, processing, holders, offerings, documents and history. */
export type PassportLot = Omit<ProvenanceGraphLot, "quantities"> & ReturnType<typeof lotFacts> & PassportLotRecord;

/** What a passport adds to a lot's facts and its place in the graph. */
export interface PassportLotRecord {
  origin: LotOrigin;
  /** For a consumed lot: the metal consumed, the units then held by investors, how many have converted, and that as a
   * percentage (two decimals, rounded down; null when no investor held units). */
  conversion: { consumed: QuantityJson; outstanding: QuantityJson; converted: QuantityJson; convertedPercent: string | null } | null;
  /** By-products an assayer recorded in it (gold in copper-gold concentrate): grade and what it contains. */
  byProducts: { commodity: string; gradePpb: string; grade: string; contained: QuantityJson }[];
  /** Who holds its units at the passport's block (a platform account holds units for others). */
  holders: Omit<CapTableLine, "value">[];
  offerings: OfferingReportLine[];
  documents: PassportDocument[];
  history: PassportHistoryEntry[];
}

/** A processing step of the passport, with the transaction that made it. */
export interface PassportStep extends ProvenanceGraphStep {
  byLabel: string | null;
  transactionHash: Hash | null;
}

/** A lot's passport: its whole history from the mine to its latest products, as of one block. */
export interface Passport extends ProvenanceGraph {
  passport: typeof PASSPORT_FORMAT;
  /** The chain, contracts and block it was read at. */
  asOf: { chainId: number; registry: Address; processing: Address | null; block: string; blockHash: Hash; time: string };
  steps: PassportStep[];
  lots: PassportLot[];
}

export type GetPassportReturnType = Passport;
export type GetPassportErrorType = MineralsError;

/**
 * A lot's passport: from the lots registered at the mine, through every split, blend and refining step, to its latest
 * products, for the lot and every lot of its provenance graph: origin (country, province, district, concession), every
 * assay, custody move and attestation, every document (sha256, who recorded it, when, uri), each step with what each
 * input gave each output and a refining step's mass balance, offerings, who holds the units, and how far the holders of
 * a processed lot converted. Everything is read at one block, which the passport names, so that anyone can make it
 * again from the chain and compare (`verifyPassport`).
 *
 * @example
 * const passport = await getPassport(client, { deployment, lotId: 9n })
 * passport.origins // ["1", "2"]: the lots from the mine that lot 9 was refined from
 * passport.lots.find((l) => l.lotId === "1")!.documents[0]!.sha256
 */
export async function getPassport(client: Client, parameters: GetPassportParameters): Promise<GetPassportReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  let head: bigint;
  try {
    head = await getBlockNumber(client, { cacheTime: 0 });
  } catch (error) {
    throw decodeError(error, { action: "read the chain's latest block" });
  }
  const blockNumber = parameters.blockNumber ?? head;
  if (blockNumber > head) throw new MineralsError(`The chain is at block ${head}: it has no block ${blockNumber} yet to read lot ${lotId}'s passport at`);
  const block = await getBlock(client, { blockNumber }).catch((error: unknown) => {
    throw decodeError(error, { action: `read block ${blockNumber}` });
  });
  const then = atBlock(client, blockNumber);
  const provenance = await getProvenance(then, { deployment, lotId });
  const graph = provenanceGraph(provenance);
  const ids = provenance.lots.map((l) => l.lot.lotId);
  let ledger, offerings, histories, documents, byProductAssays;
  try {
    [ledger, offerings, histories, documents, byProductAssays] = await Promise.all([
      readLedger(then, { deployment, ...progress }),
      readOfferings(then, { deployment, ...progress }),
      Promise.all(ids.map((id) => getLotHistory(then, { deployment, lotId: id, unitAccounting: false }))),
      Promise.all(ids.map((id) => getAllDocuments(then, { deployment, lotId: id }))),
      readByProductAssays(then, deployment, ids),
    ]);
  } catch (error) {
    throw decodeError(error, { action: `read the passport of lot ${lotId}` });
  }
  const holders = [...new Set(ids.flatMap((id) => [...(ledger.get(id)?.keys() ?? [])]))];
  const investors = await readInvestors(then, deployment, holders).catch((error: unknown) => {
    throw decodeError(error, { action: `read the investors holding lots of lot ${lotId}'s passport` });
  });
  const label = (address: Address) => platformAccountLabel(deployment, address) ?? null;

  const lots: PassportLot[] = provenance.lots.map(({ lot, conversion, byProducts }, i) => {
    // A passport values nothing: the cap table and offerings are what it takes of the lot report.
    const noPrice = { commodity: lot.commodity, status: "missing", quote: COMMODITIES[lot.commodity].priceQuote, reason: "a passport values nothing" } as const;
    const summary = lotSummary(lot, ledger, investors, noPrice, offerings, new Map(), deployment);
    const recorded = histories[i]!.filter((e) => e.event === "DocumentAdded");
    const history = [...mergeStateChanges(histories[i]!), ...(byProductAssays.get(lot.lotId) ?? [])]
      .sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0))
      .map((e) => historyEntry(e, lot.commodity, deployment));
    return {
      ...graph.lots[i]!,
      ...lotFacts(lot),
      origin: lotOrigin(lot.countryCode, lot.originId),
      conversion: conversion
        ? {
            consumed: conversion.consumed.toJSON(),
            outstanding: conversion.outstanding.toJSON(),
            converted: conversion.converted.toJSON(),
            convertedPercent: conversion.outstanding.base === 0n ? null : ratioToDecimal(conversion.converted.base * 100n, conversion.outstanding.base, 2, "down"),
          }
        : null,
      byProducts: byProducts.map((b) => ({
        commodity: COMMODITIES[b.commodity].name,
        gradePpb: b.gradePpb.toString(),
        grade: gradeText(b.gradePpb),
        contained: b.contained.toJSON(),
      })),
      holders: summary.holders.map(({ value: _value, ...line }) => line),
      offerings: summary.offering,
      documents: documents[i]!.map((d) => {
        const entry = recorded.find((e) => BigInt(String(e.args.index)) === BigInt(d.index));
        return {
          index: d.index,
          docType: d.docType,
          sha256: d.sha256,
          uri: d.uri,
          issuedAt: d.issuedAt.toISOString(),
          recordedBy: d.issuer,
          recordedAt: entry?.timestamp.toISOString() ?? null,
          transactionHash: entry?.transactionHash ?? null,
        };
      }),
      history,
    };
  });
  const steps: PassportStep[] = graph.steps.map((step) => {
    const consumedIn = lots.find((l) => l.lotId === step.inputs[0])?.history.find((e) => e.event === "LotConsumed");
    return { ...step, byLabel: label(step.by), transactionHash: consumedIn?.transactionHash ?? null };
  });
  return {
    passport: PASSPORT_FORMAT,
    lotId: graph.lotId,
    asOf: {
      chainId: deployment.chainId,
      registry: deployment.contracts.LotRegistry,
      processing: deployment.contracts.LotProcessing ?? null,
      block: blockNumber.toString(),
      blockHash: block.hash!,
      time: new Date(Number(block.timestamp) * 1000).toISOString(),
    },
    origins: graph.origins,
    products: graph.products,
    steps,
    edges: graph.edges,
    lots,
  };
}

/** Every by-product assay of `lotIds` (`ByProductRecorded`, filtered at the node by the indexed lot ids), by lot. */
async function readByProductAssays(client: Client, deployment: Deployment, lotIds: readonly bigint[]): Promise<Map<bigint, LotHistoryEntry[]>> {
  const byLot = new Map<bigint, LotHistoryEntry[]>();
  const processing = deployment.contracts.LotProcessing;
  if (processing === undefined || lotIds.length === 0) return byLot;
  const logs: DecodedLog[] = [];
  await scanLogs(client, {
    address: processing,
    abi: lotProcessingAbi,
    eventNames: ["ByProductRecorded"],
    indexed: { topicIndex: 1, value: lotIds },
    fromBlock: deployment.block.number,
    label: "by-product assays",
    onLogs: (batch) => logs.push(...batch),
  });
  const times = new Map<bigint, Date>();
  for (const log of logs) {
    if (!times.has(log.blockNumber)) times.set(log.blockNumber, new Date(Number((await getBlock(client, { blockNumber: log.blockNumber })).timestamp) * 1000));
    const args = log.args as { lotId: bigint; by: Address };
    byLot.set(args.lotId, [
      ...(byLot.get(args.lotId) ?? []),
      { event: log.eventName, blockNumber: log.blockNumber, timestamp: times.get(log.blockNumber)!, transactionHash: log.transactionHash as Hash, actor: args.by, args: log.args },
    ]);
  }
  return byLot;
}

/** A grade in parts per billion as a metal's grade is written: "2.5 g/t" (grams per tonne). */
const gradeText = (ppb: bigint): string => `${ratioToDecimal(ppb, 1000n, 3, "exact").replace(/\.?0+$/, "")} g/t`;
const percent = (value: unknown, per: bigint, decimals: number): string => `${ratioToDecimal(BigInt(String(value)), per, decimals, "exact").replace(/\.?0+$/, "")} %`;
const shortAddress = (address: unknown): string => {
  const text = String(address);
  return isAddress(text) ? `${getAddress(text).slice(0, 6)}..${getAddress(text).slice(-4)}` : text;
};

/** A history entry of the passport: its arguments as text and one sentence saying what it recorded. */
function historyEntry(e: LotHistoryEntry, commodity: Commodity, deployment: Deployment): PassportHistoryEntry {
  const a = e.args;
  const q = (value: unknown) => Quantity.fromBase(commodity, BigInt(String(value))).format();
  const who = (address: unknown) => platformAccountLabel(deployment, address as Address) ?? shortAddress(address);
  const texts: Record<string, () => string> = {
    LotRegistered: () => `registered from ${a.originId}, custodian ${who(a.custodian)}`,
    LotAssayed: () =>
      `assayed by ${who(a.assayer)}: moisture ${percent(a.moistureBps, 100n, 2)}, grade ${percent(a.gradePpb, 10_000_000n, 7)}, payable ${percent(a.payableBps, 100n, 2)}; contained ${q(a.containedQuantity)}, payable ${q(a.payableQuantity)}`,
    CustodyAttested: () => `${who(a.custodian)} attests ${q(a.attestedQuantity)} at ${a.location}`,
    LotDispatched: () => `dispatched by ${who(a.fromCustodian)} to ${who(a.toCustodian)}, destination ${a.destination}`,
    LotArrived: () => `arrived at ${a.location}, received by ${who(a.custodian)}`,
    LotRecalled: () => `recalled to ${who(a.custodian)} (it never reached ${who(a.pendingCustodian)}): ${a.reason}`,
    LotRedirected: () => `redirected from ${who(a.fromCustodian)} to ${who(a.toCustodian)}, destination ${a.destination}: ${a.reason}`,
    LotWithdrawn: () => `withdrawn: ${a.reason}`,
    SettlementStarted: () => `sold (${a.saleRef}); proceeds through treasury ${who(a.treasury)}`,
    LotRetired: () => "retired: every unit burned",
    DocumentAdded: () => `${withArticle(DOC_TYPES[Number(a.docType)] ?? "document")} recorded as document ${a.index}${a.uri ? `: ${a.uri}` : " (no uri)"}`,
    MintReservationChanged: () => `offerings reserve ${q(a.reservedQuantity)} of mint capacity`,
    DeliveryRecorded: () => `${q(a.amount)} delivered out of the warehouse; attested now ${q(a.attestedQuantity)}`,
    LotConsumed: () => `consumed whole by a processing step: ${q(a.attestedQuantity)}, of which investors held ${q(a.outstanding)} in units`,
    ProductRegistered: () => `registered as the product of a processing step, holding ${q(a.quantity)}`,
    ByProductRecorded: () => {
      const byProduct = Number(a.byProduct) as Commodity;
      return `by-product assayed by ${who(a.by)}: ${COMMODITIES[byProduct].name} at ${gradeText(BigInt(String(a.gradePpb)))}, ${Quantity.fromBase(byProduct, BigInt(String(a.contained))).format()} contained`;
    },
    LotStateChanged: () => `${e.from} → ${e.to}`,
  };
  const text = texts[e.event]?.() ?? Object.entries(a).map(([k, v]) => `${k} ${String(v)}`).join(", ");
  return {
    ...timelineEntry(e, deployment),
    text,
    args: Object.fromEntries(Object.entries(a).filter(([k]) => k !== "lotId").map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : String(v)])),
  };
}
