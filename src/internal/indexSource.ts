/**
 * Reading the facts a report computes from out of the index (`indexer/`, served by Ponder) instead of the node:
 * one HTTP request per report, whose rows are turned here into the very shapes the node reads produce (`LotView`,
 * the ledger, `OfferingFigures`, `ProceedsFigures`, the trades, prices, rules, documents, the timeline, the provenance
 * graph), so that each report computes from the same facts whichever source gave them. Browser-safe (fetch only).
 */
import { decodeEventLog, getAddress, type Address, type Hash, type Hex } from "viem";
import { lotRegistryAbi } from "../abis.ts";
import { toLotView, type LotView, type RawLot } from "../actions/lots/getLot.ts";
import type { LotHistoryEntry, LotDocumentView } from "../actions/lots/history.ts";
import { historyEntries } from "../actions/lots/history.ts";
import type { LotRulesView } from "../actions/compliance/getLotRules.ts";
import type { LotPlace, RawStep } from "../actions/processing/getProvenance.ts";
import { fedCommodities, priceViews, type GetPricesReturnType } from "../actions/valuation/getPrices.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { DOC_TYPES, INVESTOR_CLASSES } from "../domain.ts";
import { IndexError } from "../errors/indexer.ts";
import { Quantity, type Commodity } from "../units/index.ts";
import type { InvestorRecord, Ledger, LotEvent } from "./ledger.ts";
import { offeringFigures, type OfferingFigures, type RawOfferingTerms } from "./offeringLedger.ts";
import { proceedsFigures, type ProceedsDeposit, type ProceedsFigures } from "./proceedsLedger.ts";
import { tradeFigures, type BlockWindow, type TradeFigures, type TradeRecord } from "./tradeLedger.ts";
import { fromShortString } from "./validate.ts";

/** Where an index is served (`minerals index` prints it), and optionally the `fetch` to reach it with. */
export interface MineralsIndex {
  url: string;
  fetch?: typeof fetch;
  /** Milliseconds to wait for an answer (default 30,000). */
  timeoutMs?: number;
}

/** An index, by its URL or with options. */
export type IndexParameter = string | MineralsIndex;

type Row = Record<string, unknown>;
type Head = { chainId: number; blockNumber: string; timestamp: string; registry?: string; ready?: boolean };

const big = (value: unknown): bigint => BigInt(value as string | number);
const num = (value: unknown): number => Number(value);
const addr = (value: unknown): Address => getAddress(value as string);

/** Reads `path` from the index, or throws an `IndexError` that says what went wrong and what to do. */
async function get<T>(index: IndexParameter, path: string): Promise<T> {
  const { url, fetch: fetchFn = globalThis.fetch, timeoutMs = 30_000 } = typeof index === "string" ? { url: index } : index;
  const base = url.replace(/\/+$/, "");
  let response: Response;
  try {
    response = await fetchFn(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new IndexError(`The index at ${base} does not answer: start it with \`minerals index\` or check --index.`, { cause: error, details: String((error as Error)?.message ?? error) });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new IndexError(`The index at ${base} refused ${path} (HTTP ${response.status}).`, { details: text.slice(0, 300) });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new IndexError(`The index at ${base} answered ${path} with something other than JSON: is it the minerals index?`, { cause: error, details: text.slice(0, 300) });
  }
}

/** Refuses an index that follows another chain or deployment than the manifest's, or that is still reading history. */
function checkHead(index: IndexParameter, head: Head, deployment: Deployment): void {
  const url = typeof index === "string" ? index : index.url;
  if (head.ready === false) {
    throw new IndexError(`The index at ${url} is still reading the chain's history (block ${head.blockNumber} so far): try again when it is ready, or read the node without --index.`);
  }
  if (head.chainId !== deployment.chainId) {
    throw new IndexError(`The index at ${url} follows chain ${head.chainId}, not the manifest's chain ${deployment.chainId}.`);
  }
  if (head.registry !== undefined && head.registry.toLowerCase() !== deployment.contracts.LotRegistry.toLowerCase()) {
    throw new IndexError(`The index at ${url} follows the deployment with LotRegistry ${head.registry}, not the manifest's ${deployment.contracts.LotRegistry}: run \`minerals index\` for this manifest.`);
  }
}

/** The chain's clock as the index last saw it: the time of the block it is indexed to. */
const headTime = (head: Head): Date => new Date(Number(head.timestamp) * 1000);

function lotOf(row: Row): LotView {
  const raw = {
    commodity: num(row.commodity),
    form: num(row.form),
    basis: num(row.basis),
    state: num(row.state),
    countryCode: num(row.countryCode),
    moistureBps: num(row.moistureBps),
    payableBps: num(row.payableBps),
    gradePpb: num(row.gradePpb),
    registeredAt: num(row.registeredAt),
    updatedAt: num(row.updatedAt),
    custodian: addr(row.custodian),
    pendingCustodian: addr(row.pendingCustodian),
    originId: row.originId as Hex,
    externalRef: row.externalRef as Hex,
    location: row.location as Hex,
    wetMassGrams: big(row.wetMassGrams),
    containedQuantity: big(row.containedQuantity),
    payableQuantity: big(row.payableQuantity),
    attestedQuantity: big(row.attestedQuantity),
    mintedQuantity: big(row.mintedQuantity),
    burnedQuantity: big(row.burnedQuantity),
    deliveredQuantity: big(row.deliveredQuantity),
    reservedQuantity: big(row.reservedQuantity),
  } satisfies RawLot;
  return toLotView(big(row.lotId), raw, big(row.mintable), row.awaitingAttestation === true, row.uri as string);
}

function ledgerOf(rows: readonly Row[]): Ledger {
  const ledger: Ledger = new Map();
  for (const row of rows) {
    const lotId = big(row.lotId);
    let lot = ledger.get(lotId);
    if (!lot) ledger.set(lotId, (lot = new Map()));
    lot.set(addr(row.holder), { balance: big(row.balance), frozen: big(row.frozen) });
  }
  return ledger;
}

function investorsOf(rows: readonly Row[]): Map<Address, InvestorRecord> {
  return new Map(
    rows.map((r) => [
      addr(r.wallet),
      { investorId: big(r.investorId), country: num(r.country), investorClass: INVESTOR_CLASSES[num(r.investorClass)] ?? "none", accountFrozen: r.frozen === true },
    ]),
  );
}

/** Investor records for `wallets`, with the empty record (as the token answers) for a wallet the index never saw. */
function investorsFor(rows: readonly Row[], wallets: Iterable<Address>): Map<Address, InvestorRecord> {
  const known = investorsOf(rows);
  for (const wallet of wallets) if (!known.has(wallet)) known.set(wallet, { investorId: 0n, country: 0, investorClass: "none", accountFrozen: false });
  return known;
}

const termsOf = (o: Row): RawOfferingTerms => ({
  lotId: big(o.lotId),
  paymentToken: addr(o.paymentToken),
  treasury: addr(o.treasury),
  priceAmount: big(o.priceAmount),
  priceUnit: big(o.priceUnit),
  start: big(o.start),
  end: big(o.end),
  minTicket: big(o.minTicket),
  maxTicket: big(o.maxTicket),
  softCap: big(o.softCap),
  hardCap: big(o.hardCap),
});

const statusOf = (o: Row) => ({
  state: num(o.state),
  unclaimed: big(o.unclaimed),
  totalRequested: big(o.totalRequested),
  unitsMinted: big(o.unitsMinted),
  unitsDelivered: big(o.unitsDelivered),
  unitsRefused: big(o.unitsRefused),
  unitsReturned: big(o.unitsReturned),
  proceedsReleased: big(o.proceedsReleased),
  proceedsWithdrawn: big(o.proceedsWithdrawn),
});

function offeringsOf(offerings: readonly Row[], subscriptions: readonly Row[]): OfferingFigures[] {
  return offerings.map((o) => {
    const id = big(o.offeringId);
    const subs = subscriptions
      .filter((s) => big(s.offeringId) === id)
      .map((s) => ({ requested: big(s.requested), paid: big(s.paid), claimed: s.claimed === true }));
    return offeringFigures(id, termsOf(o), statusOf(o), subs, { paidIn: big(o.paidIn), refundsPaid: big(o.refundsPaid) });
  });
}

const proceedsView = (p: Row) => ({
  proceeds: {
    paymentToken: addr(p.paymentToken),
    finalAt: num(p.finalAt),
    treasury: addr(p.treasury),
    entitledSupply: big(p.entitledSupply),
    accPerUnit: big(p.accPerUnit),
    deposited: big(p.deposited),
    paid: big(p.paid),
    swept: big(p.swept),
    redeemedUnits: big(p.redeemedUnits),
  },
  retirableAt: big(p.retirableAt),
  sweepable: big(p.sweepable),
  outstanding: big(p.outstanding),
});

async function proceedsOf(
  lots: readonly Row[],
  deposits: readonly Row[],
  claims: readonly Row[],
  redeemers: readonly Row[],
  withTimes: boolean,
): Promise<Map<bigint, ProceedsFigures>> {
  const times = new Map<bigint, Date>();
  for (const row of [...deposits, ...claims]) times.set(big(row.blockNumber), new Date(num(row.timestamp) * 1000));
  const timeOf = async (blockNumber: bigint): Promise<Date> => {
    const time = times.get(blockNumber);
    if (time === undefined) throw new IndexError(`The index has no time for block ${blockNumber}.`);
    return time;
  };
  const result = new Map<bigint, ProceedsFigures>();
  for (const p of lots) {
    const lotId = big(p.lotId);
    const lotDeposits: ProceedsDeposit[] = deposits
      .filter((d) => big(d.lotId) === lotId)
      .map((d) => ({ amount: big(d.amount), isFinal: d.isFinal === true, by: addr(d.by), blockNumber: big(d.blockNumber), transactionHash: d.transactionHash as Hash }));
    const lotClaims = claims.map((c) => ({ blockNumber: big(c.blockNumber), amount: big(c.amount) }));
    const count = num(redeemers.find((r) => big(r.lotId) === lotId)?.count ?? 0);
    result.set(lotId, await proceedsFigures(lotId, proceedsView(p), lotDeposits, withTimes ? lotClaims : [], count, withTimes, timeOf));
  }
  return result;
}

/** Settled trades by lot, oldest first, and the time of each of their blocks. */
function tradesOf(rows: readonly Row[]): { byLot: Map<bigint, (TradeRecord & { timestamp: bigint })[]>; times: Map<bigint, Date> } {
  const byLot = new Map<bigint, (TradeRecord & { timestamp: bigint })[]>();
  const times = new Map<bigint, Date>();
  const sorted = [...rows].sort((x, y) => (big(x.blockNumber) === big(y.blockNumber) ? num(x.logIndex) - num(y.logIndex) : big(x.blockNumber) < big(y.blockNumber) ? -1 : 1));
  for (const r of sorted) {
    const lotId = big(r.lotId);
    const list = byLot.get(lotId) ?? [];
    list.push({
      offerId: big(r.offerId),
      lotId,
      seller: addr(r.seller),
      buyer: addr(r.buyer),
      amount: big(r.amount),
      price: big(r.price),
      paymentToken: addr(r.paymentToken),
      blockNumber: big(r.blockNumber),
      logIndex: num(r.logIndex),
      transactionHash: r.transactionHash as Hash,
      timestamp: big(r.timestamp),
    });
    byLot.set(lotId, list);
    times.set(big(r.blockNumber), new Date(num(r.timestamp) * 1000));
  }
  return { byLot, times };
}

/**
 * The window of blocks a period covers, from the trades' own times: a trade is in it when its block's time is at or
 * after `since`, which is what the node's window (the first block at or after `since`, found by bisection) decides,
 * block times never decreasing. Up to the block the index has reached.
 */
function windowOf(trades: readonly { blockNumber: bigint; timestamp: bigint }[], since: Date | undefined, head: Head, deployment: Deployment): BlockWindow {
  const toBlock = big(head.blockNumber);
  if (since === undefined) return { fromBlock: deployment.block.number, toBlock };
  const target = BigInt(Math.ceil(since.getTime() / 1000));
  const first = trades.find((t) => t.timestamp >= target);
  return { fromBlock: first ? first.blockNumber : toBlock + 1n, toBlock };
}

/** The trade figures of `lots` since `since`, in the deployment's test stablecoin when it has one, as `readTradeFigures` gives them. */
async function tradingOf(
  rows: readonly Row[],
  lots: readonly { lotId: bigint; commodity: Commodity }[],
  since: Date | undefined,
  withTimes: boolean,
  head: Head,
  deployment: Deployment,
): Promise<Map<bigint, TradeFigures>> {
  const figures = new Map<bigint, TradeFigures>();
  const { byLot, times } = tradesOf(rows);
  const timeOf = async (blockNumber: bigint): Promise<Date> => {
    const time = times.get(blockNumber);
    if (time === undefined) throw new IndexError(`The index has no time for block ${blockNumber}.`);
    return time;
  };
  for (const { lotId, commodity } of lots) {
    const trades = byLot.get(lotId) ?? [];
    const window = windowOf(trades, since, head, deployment);
    figures.set(lotId, await tradeFigures(timeOf, { lotId, commodity, trades, window, since, paymentToken: deployment.contracts.TestStablecoin, withTimes }));
  }
  return figures;
}

function pricesOf(rows: readonly Row[], deployment: Deployment, head: Head, maxAgeSeconds: number): GetPricesReturnType {
  const fed = fedCommodities(deployment);
  const byFeed = new Map(rows.map((r) => [(r.feed as string).toLowerCase(), r]));
  const rounds = fed.map(({ feed }) => {
    const r = byFeed.get(feed.toLowerCase());
    return r
      ? { roundId: big(r.roundId), answer: big(r.answer), updatedAt: big(r.updatedAt), decimals: num(r.decimals), description: r.description as string }
      : { roundId: 0n, answer: 0n, updatedAt: 0n, decimals: 0, description: "" };
  });
  return priceViews(fed, rounds, headTime(head), maxAgeSeconds);
}

function lotEventsOf(rows: readonly Row[]): LotEvent[] {
  return rows.map((r) => {
    const decoded = decodeEventLog({ abi: lotRegistryAbi, topics: r.topics as [Hex, ...Hex[]], data: r.data as Hex });
    return {
      event: decoded.eventName,
      args: decoded.args as unknown as Record<string, unknown>,
      blockNumber: big(r.blockNumber),
      transactionHash: r.transactionHash as Hash,
      timestamp: new Date(num(r.timestamp) * 1000),
      actor: addr(r.actor),
    };
  });
}

function documentsOf(rows: readonly Row[]): LotDocumentView[] {
  return rows.map((d) => ({
    index: num(d.index),
    docType: DOC_TYPES[num(d.docType)] ?? "other",
    sha256: d.sha256 as Hex,
    uri: d.uri as string,
    issuer: addr(d.issuer),
    issuedAt: new Date(num(d.issuedAt) * 1000),
  }));
}

function rulesOf(row: Row | null, countries: readonly Row[], commodity: Commodity): LotRulesView {
  const r = row ?? { minClass: 0, restrictCountries: false, onHold: false, maxHolders: 0, holders: 0, lockupEnd: 0, minHolding: 0, holdReason: "0x" };
  const reason = r.holdReason as Hex;
  const text = /^0x0*$/.test(reason) ? "" : fromShortString(reason);
  return {
    minClass: INVESTOR_CLASSES[num(r.minClass)] ?? "none",
    restrictCountries: r.restrictCountries === true,
    allowedCountries: countries.map((c) => num(c.country)),
    onHold: r.onHold === true,
    holdReason: r.onHold === true && text !== "" ? text : undefined,
    maxHolders: num(r.maxHolders),
    holders: num(r.holders),
    lockupEnd: num(r.lockupEnd) === 0 ? undefined : new Date(num(r.lockupEnd) * 1000),
    minHolding: Quantity.fromBase(commodity, big(r.minHolding)),
  };
}

/** Every lot the index holds (or those of `ids`), in id order. */
export async function indexLots(index: IndexParameter, deployment: Deployment, ids?: readonly bigint[]): Promise<LotView[]> {
  const answer = await get<{ head: Head; lots: Row[] }>(index, `/minerals/lots${ids ? `?ids=${ids.join(",")}` : ""}`);
  checkHead(index, answer.head, deployment);
  return answer.lots.map(lotOf);
}

/** A lot's registry events from the index (without `UnitsAccounted` when `unitAccounting` is false). */
export async function indexLotEvents(index: IndexParameter, lotId: bigint, unitAccounting: boolean): Promise<LotEvent[]> {
  const answer = await get<{ events: Row[] }>(index, `/minerals/lots/${lotId}/events?unitAccounting=${unitAccounting}`);
  return lotEventsOf(answer.events);
}

/** Every document of a lot, from the index. */
export async function indexDocuments(index: IndexParameter, lotId: bigint): Promise<LotDocumentView[]> {
  const answer = await get<{ documents: Row[] }>(index, `/minerals/lots/${lotId}/documents`);
  return documentsOf(answer.documents);
}

/** What the platform report computes from. */
export interface PlatformFacts {
  chainId: number;
  lots: LotView[];
  ledger: Ledger;
  investors: Map<Address, InvestorRecord>;
  offerings: OfferingFigures[];
  proceeds: Map<bigint, ProceedsFigures>;
  trading: Map<bigint, TradeFigures>;
  prices: GetPricesReturnType;
}

/** The platform report's facts from the index, in one request. */
export async function indexPlatformFacts(index: IndexParameter, deployment: Deployment, maxAgeSeconds: number, tradesSince: Date | undefined): Promise<PlatformFacts> {
  const a = await get<{ head: Head; lots: Row[]; positions: Row[]; investors: Row[]; offerings: Row[]; subscriptions: Row[]; proceeds: Row[]; deposits: Row[]; redeemers: Row[]; trades: Row[]; prices: Row[] }>(
    index,
    "/minerals/report/platform",
  );
  checkHead(index, a.head, deployment);
  const ledger = ledgerOf(a.positions);
  const wallets = new Set<Address>();
  for (const holders of ledger.values()) for (const [holder, p] of holders) if (p.balance > 0n) wallets.add(holder);
  const lots = a.lots.map(lotOf);
  return {
    chainId: a.head.chainId,
    lots,
    ledger,
    investors: investorsFor(a.investors, wallets),
    offerings: offeringsOf(a.offerings, a.subscriptions),
    proceeds: await proceedsOf(a.proceeds, a.deposits, [], a.redeemers, false),
    // As the node's platform report: no block times.
    trading: await tradingOf(a.trades, lots, tradesSince, false, a.head, deployment),
    prices: pricesOf(a.prices, deployment, a.head, maxAgeSeconds),
  };
}

/** What a lot report computes from. */
export interface LotFacts {
  lot: LotView;
  ledger: Ledger;
  investors: Map<Address, InvestorRecord>;
  offerings: OfferingFigures[];
  proceeds: Map<bigint, ProceedsFigures>;
  trading: Map<bigint, TradeFigures>;
  prices: GetPricesReturnType;
  rules: LotRulesView;
  documents: LotDocumentView[];
  timeline: LotHistoryEntry[];
}

/** A lot report's facts from the index, in one request. */
export async function indexLotFacts(index: IndexParameter, deployment: Deployment, lotId: bigint, maxAgeSeconds: number, tradesSince: Date | undefined): Promise<LotFacts | undefined> {
  const a = await get<{
    head: Head; lot: Row | null; positions: Row[]; investors: Row[]; offerings: Row[]; subscriptions: Row[]; proceeds: Row[]; deposits: Row[]; claims: Row[];
    redeemers: Row[]; trades: Row[]; prices: Row[]; rules: Row | null; allowedCountries: Row[]; documents: Row[]; events: Row[];
  }>(index, `/minerals/report/lot/${lotId}`);
  checkHead(index, a.head, deployment);
  if (a.lot === null) return undefined;
  const lot = lotOf(a.lot);
  const ledger = ledgerOf(a.positions);
  return {
    lot,
    ledger,
    investors: investorsFor(a.investors, ledger.get(lotId)?.keys() ?? []),
    offerings: offeringsOf(a.offerings, a.subscriptions),
    proceeds: await proceedsOf(a.proceeds, a.deposits, a.claims, a.redeemers, true),
    trading: await tradingOf(a.trades, [lot], tradesSince, true, a.head, deployment),
    prices: pricesOf(a.prices, deployment, a.head, maxAgeSeconds),
    rules: rulesOf(a.rules, a.allowedCountries, lot.commodity),
    documents: documentsOf(a.documents),
    timeline: historyEntries(lotEventsOf(a.events)),
  };
}

/** What an investor report computes from, besides the investor's record. */
export interface InvestorFacts {
  record: { investorId: bigint; country: number; investorClass: number; kycExpiry: number; frozen: boolean };
  /** Every movement into or out of the wallet, oldest first. */
  moves: { lotId: bigint; direction: "in" | "out"; counterparty: Address; amount: bigint; block: bigint; hash: Hash }[];
  /** Lots with units in the wallet now, by id. */
  balances: Map<bigint, bigint>;
  /** Units of each lot compliance froze in the wallet (ERC-7943 partial freeze), by id. */
  frozen: Map<bigint, bigint>;
  offerings: { offeringId: bigint; terms: RawOfferingTerms; state: number; totalRequested: bigint; unitsMinted: bigint; sub: { requested: bigint; paid: bigint; claimed: boolean } }[];
  /**
   * Every lot of sale proceeds the wallet has a position in or holds units of, with the vault's figures, its position,
   * and whether it redeemed units itself or was given a released position.
   */
  proceeds: { lotId: bigint; deposited: bigint; finalAt: number; accPerUnit: bigint; position: { units: bigint; paid: bigint }; redeemed: boolean; released: boolean }[];
  lots: LotView[];
  prices: GetPricesReturnType;
}

/** An investor report's facts from the index, in one request. */
export async function indexInvestorFacts(index: IndexParameter, deployment: Deployment, wallet: Address, maxAgeSeconds: number): Promise<InvestorFacts> {
  const a = await get<{ head: Head; investor: Row | null; transfers: Row[]; subscriptions: Row[]; offerings: Row[]; balances: Row[]; proceedsPositions: Row[]; proceeds: Row[]; lots: Row[]; prices: Row[] }>(
    index,
    `/minerals/report/investor/${wallet.toLowerCase()}`,
  );
  checkHead(index, a.head, deployment);
  const me = wallet.toLowerCase();
  const suffix = (id: unknown) => Number(String(id).split("-").at(-1));
  const moves = [...a.transfers]
    .sort((x, y) => (big(x.blockNumber) === big(y.blockNumber) ? num(x.logIndex) - num(y.logIndex) || suffix(x.id) - suffix(y.id) : big(x.blockNumber) < big(y.blockNumber) ? -1 : 1))
    .flatMap((t) => {
      const from = (t.from as string).toLowerCase();
      const to = (t.to as string).toLowerCase();
      if (from === to) return [];
      const direction: "in" | "out" = to === me ? "in" : "out";
      return [{ lotId: big(t.lotId), direction, counterparty: addr(direction === "in" ? t.from : t.to), amount: big(t.amount), block: big(t.blockNumber), hash: t.transactionHash as Hash }];
    });
  const balances = new Map(a.balances.filter((b) => big(b.balance) > 0n).map((b) => [big(b.lotId), big(b.balance)] as const));
  const frozen = new Map(a.balances.filter((b) => big(b.frozen) > 0n).map((b) => [big(b.lotId), big(b.frozen)] as const));
  const offeringRows = new Map(a.offerings.map((o) => [big(o.offeringId), o]));
  const offerings = a.subscriptions.map((s) => {
    const o = offeringRows.get(big(s.offeringId))!;
    return {
      offeringId: big(s.offeringId),
      terms: termsOf(o),
      state: num(o.state),
      totalRequested: big(o.totalRequested),
      unitsMinted: big(o.unitsMinted),
      sub: { requested: big(s.requested), paid: big(s.paid), claimed: s.claimed === true },
    };
  });
  const positions = new Map(a.proceedsPositions.map((p) => [big(p.lotId), p]));
  const proceeds = a.proceeds.map((p) => {
    const position = positions.get(big(p.lotId));
    return {
      lotId: big(p.lotId),
      deposited: big(p.deposited),
      finalAt: num(p.finalAt),
      accPerUnit: big(p.accPerUnit),
      position: position ? { units: big(position.units), paid: big(position.paid) } : { units: 0n, paid: 0n },
      redeemed: position?.redeemed === true,
      released: position?.released === true,
    };
  });
  const r = a.investor;
  return {
    record: r
      ? { investorId: big(r.investorId), country: num(r.country), investorClass: num(r.investorClass), kycExpiry: num(r.kycExpiry), frozen: r.frozen === true }
      : { investorId: 0n, country: 0, investorClass: 0, kycExpiry: 0, frozen: false },
    moves,
    balances,
    frozen,
    offerings,
    proceeds,
    lots: a.lots.map(lotOf),
    prices: pricesOf(a.prices, deployment, a.head, maxAgeSeconds),
  };
}

/** Balances and frozen units of some positions (of lot `lotId`, or of every lot), for `minerals index verify`. */
export async function indexPositions(index: IndexParameter, deployment: Deployment, options: { lotId?: bigint; limit?: number } = {}) {
  const query = [options.lotId !== undefined ? `lotId=${options.lotId}` : "", `limit=${options.limit ?? 1000}`].filter(Boolean).join("&");
  const a = await get<{ head: Head; positions: Row[] }>(index, `/minerals/positions?${query}`);
  checkHead(index, a.head, deployment);
  return {
    blockNumber: big(a.head.blockNumber),
    positions: a.positions.map((p) => ({ lotId: big(p.lotId), holder: addr(p.holder), balance: big(p.balance), frozen: big(p.frozen) })),
  };
}

/** The block the index has reached, and its time. */
export async function indexHead(index: IndexParameter): Promise<{ chainId: number; blockNumber: bigint; timestamp: Date }> {
  const head = await get<Head>(index, "/minerals/head");
  return { chainId: head.chainId, blockNumber: big(head.blockNumber), timestamp: headTime(head) };
}

/** A lot's provenance graph from the index: every connected lot's record and place, and every step, in one request. */
export async function indexProvenance(
  index: IndexParameter,
  deployment: Deployment,
  lotId: bigint,
): Promise<{ lots: Map<bigint, LotView>; places: Map<bigint, LotPlace>; steps: Map<bigint, RawStep> }> {
  const a = await get<{ head: Head; lots: Row[]; provenance: Row[]; steps: Row[] }>(index, `/minerals/provenance/${lotId}`);
  checkHead(index, a.head, deployment);
  return {
    lots: new Map(a.lots.map((row) => [big(row.lotId), lotOf(row)])),
    places: new Map(
      a.provenance.map((p) => [
        big(p.lotId),
        {
          producedBy: big(p.producedBy),
          conversion: { stepId: big(p.consumedBy), consumed: big(p.consumed), outstanding: big(p.outstanding), converted: big(p.converted), shares: (p.shares as string[]).map(BigInt) },
          byProducts: (p.byProducts as { commodity: number; gradePpb: string; contained: string }[]).map((b) => ({ commodity: b.commodity as Commodity, gradePpb: BigInt(b.gradePpb), contained: BigInt(b.contained) })),
        },
      ]),
    ),
    steps: new Map(
      a.steps.map((s) => [big(s.stepId), { kind: num(s.kind), at: big(s.at), by: addr(s.by), inputs: (s.inputs as string[]).map(BigInt), outputs: (s.outputs as string[]).map(BigInt) }]),
    ),
  };
}

/** A lot's settled trades from the index, with the block it has reached and that block's time. */
export async function indexLotTrades(
  index: IndexParameter,
  deployment: Deployment,
  lotId: bigint,
): Promise<{ lot: LotView | undefined; until: Date; figures: (since: Date | undefined, paymentToken: Address | undefined) => Promise<TradeFigures> }> {
  const a = await get<{ head: Head; lot: Row | null; trades: Row[] }>(index, `/minerals/lots/${lotId}/trades`);
  checkHead(index, a.head, deployment);
  const lot = a.lot === null ? undefined : lotOf(a.lot);
  const { byLot, times } = tradesOf(a.trades);
  const trades = byLot.get(lotId) ?? [];
  const timeOf = async (blockNumber: bigint): Promise<Date> => times.get(blockNumber) ?? Promise.reject(new IndexError(`The index has no time for block ${blockNumber}.`));
  return {
    lot,
    until: headTime(a.head),
    figures: (since, paymentToken) => tradeFigures(timeOf, { lotId, commodity: lot!.commodity, trades, window: windowOf(trades, since, a.head, deployment), since, paymentToken, withTimes: true }),
  };
}

/** Units of output lots held by the processing contract for refused holders (of lot `lotId`, or of every lot), for `minerals index verify`. */
export async function indexHeldUnits(index: IndexParameter, deployment: Deployment, lotId?: bigint) {
  const a = await get<{ head: Head; held: Row[] }>(index, `/minerals/held${lotId !== undefined ? `?lotId=${lotId}` : ""}`);
  checkHead(index, a.head, deployment);
  return { blockNumber: big(a.head.blockNumber), held: a.held.map((h) => ({ lotId: big(h.lotId), holder: addr(h.holder), units: big(h.units) })) };
}
