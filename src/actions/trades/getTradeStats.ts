import type { Address, Client, Hash } from "viem";
import { getBlock } from "viem/actions";
import type { Deployment } from "../../deployment/manifest.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import type { OnProgress } from "../../internal/logs.ts";
import { blockWindow, nodeBlockTime, readTrades, tradeFigures, type TradeFigures } from "../../internal/tradeLedger.ts";
import { toAddress, toLotId, toTimestamp } from "../../internal/validate.ts";
import { Money, Quantity, type Commodity } from "../../units/index.ts";
import { indexLotTrades, type IndexParameter } from "../../internal/indexSource.ts";
import { IndexError } from "../../errors/indexer.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetTradeStatsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The start of the period the volume covers, on the chain's clock; every trade since the deployment when omitted. */
  since?: Date;
  /** The ERC-20 whose trades are counted; defaults to the deployment's test stablecoin (every token when it has none). */
  paymentToken?: Address;
  /** Called as the scans of the chain's logs advance (for a progress bar). */
  onProgress?: OnProgress;
  /** Read the trades from this index (`minerals index`), up to the block it has reached, instead of the node's logs. */
  index?: IndexParameter;
}

/** The last trade of a lot. */
export interface LastTrade {
  offerId: bigint;
  seller: Address;
  buyer: Address;
  amount: Quantity;
  /** The total price paid. */
  price: Money;
  /** The price per market unit of the lot's commodity, rounded down to the payment token's base unit. */
  pricePerMarketUnit: Money;
  blockNumber: bigint;
  transactionHash: Hash;
  timestamp: Date;
}

/** The trades of a group of blocks, at the time of its last block. */
export interface TradePoint {
  timestamp: Date;
  trades: number;
  volume: Quantity;
  value: Money;
  /** The volume-weighted price per market unit of the point's trades, rounded down to the payment token's base unit. */
  pricePerMarketUnit: Money;
}

export interface GetTradeStatsReturnType {
  lotId: bigint;
  commodity: Commodity;
  /** The payment token counted, or undefined for every token. */
  paymentToken: Address | undefined;
  /** The period the figures cover: from `since` (undefined: since the deployment) to the chain's latest block. */
  since: Date | undefined;
  until: Date;
  /** Trades in the period, units delivered and money paid, exact to the base unit. */
  trades: number;
  volume: Quantity;
  value: Money;
  /** The last trade up to now, even when it came before `since`; undefined when the lot never traded. */
  last: LastTrade | undefined;
  /** The period's trades over time, oldest first: one point per block, or at most 48 points over many blocks. */
  overTime: TradePoint[];
  /** Trades of the lot paid in another token, not counted in these figures. */
  otherTokenTrades: number;
}

export type GetTradeStatsErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * A lot's secondary trades, from the trades contract's events: the last traded price (per market unit of the
 * commodity, and the whole trade), the number of trades and the volume in units and in money over a period, and the
 * trades over time for a chart. Exact to the base unit; only the per-market-unit prices are rounded (down).
 *
 * @example
 * const stats = await getTradeStats(client, { deployment, lotId: 1n, since: new Date(Date.now() - 30 * 86_400_000) })
 * console.log(`${stats.trades} trades, ${stats.volume.format()} for ${stats.value.format()}`) // "2 trades, 15.000 t Cu for 135,000.00 USD"
 * console.log(stats.last && formatPrice(stats.last.pricePerMarketUnit, stats.commodity)) // "9,000.00 USD per tonne"
 */
export async function getTradeStats(client: Client, parameters: GetTradeStatsParameters): Promise<GetTradeStatsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const since = parameters.since === undefined ? undefined : new Date(Number(toTimestamp(parameters.since, "since")) * 1000);
  const paymentToken = parameters.paymentToken === undefined ? deployment.contracts.TestStablecoin : toAddress(parameters.paymentToken, "paymentToken");
  if (parameters.index !== undefined) {
    const fromIndex = await indexLotTrades(parameters.index, deployment, lotId);
    if (fromIndex.lot === undefined) throw new IndexError(`Lot ${lotId} is not in the index: it does not exist, or the index has not reached the block that registered it.`);
    return statsOf(lotId, fromIndex.lot.commodity, paymentToken, since, fromIndex.until, await fromIndex.figures(since, paymentToken));
  }
  const { commodity } = await getLot(client, { deployment, lotId });
  let figures: TradeFigures;
  let until: Date;
  try {
    const head = await getBlock(client, { blockTag: "latest" });
    until = new Date(Number(head.timestamp) * 1000);
    const toBlock = head.number;
    const [trades, window] = await Promise.all([
      readTrades(client, { deployment, lotId, toBlock, ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}) }),
      blockWindow(client, { deployment, since, toBlock }),
    ]);
    figures = await tradeFigures(nodeBlockTime(client), { lotId, commodity, trades: trades.get(lotId) ?? [], window, since, paymentToken, withTimes: true });
  } catch (error) {
    throw decodeError(error, { action: `read the trades of lot ${lotId}` });
  }
  return statsOf(lotId, commodity, paymentToken, since, until, figures);
}

/** The figures in the action's terms: quantities in the lot's commodity, money in the payment token. */
function statsOf(lotId: bigint, commodity: Commodity, paymentToken: Address | undefined, since: Date | undefined, until: Date, figures: TradeFigures): GetTradeStatsReturnType {
  const q = (base: bigint) => Quantity.fromBase(commodity, base);
  const { last } = figures;
  return {
    lotId,
    commodity,
    paymentToken,
    since,
    until,
    trades: figures.trades,
    volume: q(figures.amount),
    value: Money.fromBase(figures.value),
    last: last && {
      offerId: last.offerId,
      seller: last.seller,
      buyer: last.buyer,
      amount: q(last.amount),
      price: Money.fromBase(last.price),
      pricePerMarketUnit: Money.fromBase(last.pricePerMarketUnit),
      blockNumber: last.blockNumber,
      transactionHash: last.transactionHash,
      timestamp: last.timestamp!,
    },
    overTime: figures.overTime.map((p) => ({
      timestamp: p.timestamp,
      trades: p.trades,
      volume: q(p.amount),
      value: Money.fromBase(p.value),
      pricePerMarketUnit: Money.fromBase(p.pricePerMarketUnit),
    })),
    otherTokenTrades: figures.otherTokenTrades,
  };
}
