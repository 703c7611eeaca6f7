/**
 * What the trade figures read of the chain, at scale: the trades contract's `OfferCreated` and `OfferTaken` events in
 * bounded block ranges (for one lot, the offers filtered at the node by the indexed lot id and then the takes by the
 * indexed offer ids), folded per lot into the trades that happened; then a lot's figures over a period (trades,
 * volume in units and money, the last traded price) and its trades over time in at most `MAX_TRADE_POINTS` points,
 * each one block time read.
 */
import type { Address, Client, Hash } from "viem";
import { getBlock, getBlockNumber } from "viem/actions";
import { lotTradesAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import type { Commodity } from "../units/index.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "./logs.ts";
import { pricePerMarketUnit } from "./offerings.ts";

/** Trades are grouped into at most this many points of the "trades over time" series (one block time read each). */
export const MAX_TRADE_POINTS = 48;

/** Above this many offers of one lot, the takes are read unfiltered and sorted out here (a node caps topic lists). */
const MAX_FILTERED_OFFERS = 500;

/** One taken offer: who bought how many units from whom, for how much, and where on chain. */
export interface TradeRecord {
  offerId: bigint;
  lotId: bigint;
  seller: Address;
  buyer: Address;
  /** Units delivered, in base units of the lot's commodity. */
  amount: bigint;
  /** The price paid, in base units of the payment token. */
  price: bigint;
  /** The ERC-20 the price was paid in (from the offer's `OfferCreated`). */
  paymentToken: Address;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
}

/**
 * Every trade of every lot (or of lot `lotId`), by lot id, oldest first. Taking an offer emits `OfferTaken`, and only
 * that, so the list is every settled trade; a take that reverted left no event.
 */
export async function readTrades(
  client: Client,
  parameters: { deployment: Deployment; lotId?: bigint; toBlock?: bigint; onProgress?: OnProgress },
): Promise<Map<bigint, TradeRecord[]>> {
  const { deployment, lotId } = parameters;
  const result = new Map<bigint, TradeRecord[]>();
  const address = deployment.contracts.LotTrades;
  if (address === undefined) return result;
  const tokens = new Map<bigint, Address>();
  const progress = parameters.onProgress ? { onProgress: parameters.onProgress } : {};
  const range = { fromBlock: deployment.block.number, ...(parameters.toBlock !== undefined ? { toBlock: parameters.toBlock } : {}) };
  const fold = (logs: DecodedLog[]) => {
    for (const log of logs) {
      const a = log.args as { offerId: bigint; lotId: bigint; seller: Address; buyer: Address; amount: bigint; price: bigint; paymentToken: Address };
      if (log.eventName === "OfferCreated") {
        tokens.set(a.offerId, a.paymentToken);
        continue;
      }
      const paymentToken = tokens.get(a.offerId);
      // An offer is created before it is taken, so an unknown id here belongs to another lot's filtered-out offers.
      if (paymentToken === undefined || (lotId !== undefined && a.lotId !== lotId)) continue;
      const list = result.get(a.lotId) ?? [];
      list.push({
        offerId: a.offerId,
        lotId: a.lotId,
        seller: a.seller,
        buyer: a.buyer,
        amount: a.amount,
        price: a.price,
        paymentToken,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        transactionHash: log.transactionHash as Hash,
      });
      result.set(a.lotId, list);
    }
  };
  if (lotId === undefined) {
    await scanLogs(client, { address, abi: lotTradesAbi, eventNames: ["OfferCreated", "OfferTaken"], ...range, label: "trades", ...progress, onLogs: fold });
    return result;
  }
  await scanLogs(client, {
    address,
    abi: lotTradesAbi,
    eventNames: ["OfferCreated"],
    indexed: { topicIndex: 3, value: lotId },
    ...range,
    label: `offers of lot ${lotId}`,
    ...progress,
    onLogs: fold,
  });
  if (tokens.size === 0) return result;
  await scanLogs(client, {
    address,
    abi: lotTradesAbi,
    eventNames: ["OfferTaken"],
    ...(tokens.size <= MAX_FILTERED_OFFERS ? { indexed: { topicIndex: 1 as const, value: [...tokens.keys()] } } : {}),
    ...range,
    label: `trades of lot ${lotId}`,
    ...progress,
    onLogs: fold,
  });
  return result;
}

/** -1, 0 or 1 as `priceA / amountA` is below, equal to or above `priceB / amountB`, exactly (no rounding). */
export function compareUnitPrices(a: { amount: bigint; price: bigint }, b: { amount: bigint; price: bigint }): -1 | 0 | 1 {
  const left = a.price * b.amount;
  const right = b.price * a.amount;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** One point of the trades over time: the trades of a group of blocks, at the time of its last block. */
export interface TradePointFigures {
  timestamp: Date;
  trades: number;
  amount: bigint;
  value: bigint;
  /** The volume-weighted price per market unit of the point's trades, rounded down. */
  pricePerMarketUnit: bigint;
}

/** A lot's trades over a period, in one payment token. */
export interface TradeFigures {
  lotId: bigint;
  paymentToken: Address | undefined;
  /** The start of the period asked for (undefined: since the deployment). */
  since: Date | undefined;
  /** Trades in the period, units delivered and money paid, exact. */
  trades: number;
  amount: bigint;
  value: bigint;
  /** The last trade at or before the period's end (also when it came before the period's start). */
  last: (TradeRecord & { pricePerMarketUnit: bigint; timestamp: Date | undefined }) | undefined;
  /** The period's trades over time, oldest first (only with `withTimes`). */
  overTime: TradePointFigures[];
  /** Trades of the lot paid in another token than `paymentToken`: not in these figures. */
  otherTokenTrades: number;
}

/** The first and last block a period covers (inclusive); `fromBlock` beyond `toBlock` when it covers none. */
export interface BlockWindow {
  fromBlock: bigint;
  toBlock: bigint;
}

/** The time of a block, as a source of trades knows it (the node reads the block; the index stored it). */
export type BlockTime = (blockNumber: bigint) => Promise<Date>;

/** Block times read from the node, each block once. */
export function nodeBlockTime(client: Client): BlockTime {
  const times = new Map<bigint, Date>();
  return async (blockNumber) => {
    let time = times.get(blockNumber);
    if (time === undefined) times.set(blockNumber, (time = new Date(Number((await getBlock(client, { blockNumber })).timestamp) * 1000)));
    return time;
  };
}

/**
 * A lot's figures over a window of blocks, from its trades (as `readTrades` gives them), whichever source read them:
 * in `paymentToken` only when one is given. `withTimes` also takes the time of the last trade and of at most
 * `MAX_TRADE_POINTS` points from `timeOf`.
 */
export async function tradeFigures(
  timeOf: BlockTime,
  parameters: {
    lotId: bigint;
    commodity: Commodity;
    trades: readonly TradeRecord[];
    window: BlockWindow;
    since: Date | undefined;
    paymentToken: Address | undefined;
    withTimes: boolean;
  },
): Promise<TradeFigures> {
  const { commodity, window, paymentToken } = parameters;
  const sameToken = (t: TradeRecord) => paymentToken === undefined || t.paymentToken.toLowerCase() === paymentToken.toLowerCase();
  const upToEnd = parameters.trades.filter((t) => t.blockNumber <= window.toBlock);
  const inToken = upToEnd.filter(sameToken);
  const inPeriod = inToken.filter((t) => t.blockNumber >= window.fromBlock);
  const lastTrade = inToken.at(-1);
  const last = lastTrade && {
    ...lastTrade,
    pricePerMarketUnit: pricePerMarketUnit(commodity, lastTrade.price, lastTrade.amount),
    timestamp: parameters.withTimes ? await timeOf(lastTrade.blockNumber) : undefined,
  };
  const overTime: TradePointFigures[] = [];
  if (parameters.withTimes && inPeriod.length > 0) {
    // One point per block while there are few; else the blocks from the first trade to the last in equal groups.
    const blocks = [...new Set(inPeriod.map((t) => t.blockNumber))];
    const first = blocks[0]!;
    const width = blocks.length <= MAX_TRADE_POINTS ? 1n : (blocks.at(-1)! - first) / BigInt(MAX_TRADE_POINTS) + 1n;
    const groups = new Map<bigint, TradeRecord[]>();
    for (const t of inPeriod) {
      const key = (t.blockNumber - first) / width;
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    for (const group of groups.values()) {
      const amount = group.reduce((s, t) => s + t.amount, 0n);
      const value = group.reduce((s, t) => s + t.price, 0n);
      overTime.push({ timestamp: await timeOf(group.at(-1)!.blockNumber), trades: group.length, amount, value, pricePerMarketUnit: pricePerMarketUnit(commodity, value, amount) });
    }
  }
  return {
    lotId: parameters.lotId,
    paymentToken,
    since: parameters.since,
    trades: inPeriod.length,
    amount: inPeriod.reduce((s, t) => s + t.amount, 0n),
    value: inPeriod.reduce((s, t) => s + t.price, 0n),
    last,
    overTime,
    otherTokenTrades: upToEnd.length - inToken.length,
  };
}

/**
 * The window of blocks from the first block at or after `since` (the deployment's block when undefined) to `toBlock`.
 * Block times never decrease, so the first block is found by bisection: about log2(blocks) block reads.
 */
export async function blockWindow(client: Client, parameters: { deployment: Deployment; since: Date | undefined; toBlock: bigint }): Promise<BlockWindow> {
  const { deployment, since, toBlock } = parameters;
  let low = deployment.block.number;
  if (since === undefined) return { fromBlock: low, toBlock };
  const target = BigInt(Math.ceil(since.getTime() / 1000));
  let high = toBlock + 1n; // the answer when no block is late enough
  while (low < high) {
    const middle = (low + high) / 2n;
    if ((await getBlock(client, { blockNumber: middle })).timestamp >= target) high = middle;
    else low = middle + 1n;
  }
  return { fromBlock: low, toBlock };
}

/**
 * The trade figures of every lot of `lots` (or of the one lot asked for) since `since`, in the deployment's test
 * stablecoin when it has one: one scan of the trades contract's logs up to the latest block, the period's first block
 * found by bisection. `withTimes` reads the time of each lot's last trade and trade points (a lot report does; the
 * platform report reads no block times).
 */
export async function readTradeFigures(
  client: Client,
  parameters: {
    deployment: Deployment;
    lots: readonly { lotId: bigint; commodity: Commodity }[];
    /** Only this lot's trades are read. */
    lotId?: bigint;
    since: Date | undefined;
    withTimes: boolean;
    onProgress?: OnProgress;
  },
): Promise<Map<bigint, TradeFigures>> {
  const { deployment, since } = parameters;
  const toBlock = await getBlockNumber(client, { cacheTime: 0 });
  const [trades, window] = await Promise.all([
    readTrades(client, {
      deployment,
      toBlock,
      ...(parameters.lotId !== undefined ? { lotId: parameters.lotId } : {}),
      ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    }),
    blockWindow(client, { deployment, since, toBlock }),
  ]);
  const figures = new Map<bigint, TradeFigures>();
  const timeOf = nodeBlockTime(client);
  for (const { lotId, commodity } of parameters.lots) {
    figures.set(
      lotId,
      await tradeFigures(timeOf, { lotId, commodity, trades: trades.get(lotId) ?? [], window, since, paymentToken: deployment.contracts.TestStablecoin, withTimes: parameters.withTimes }),
    );
  }
  return figures;
}
