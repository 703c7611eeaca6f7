import type { Address, Client, Hash } from "viem";
import { lotOfferingsAbi, lotTokenAbi, proceedsVaultAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readAll } from "../../internal/batch.ts";
import { readLots } from "../../internal/ledger.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "../../internal/logs.ts";
import type { RawOfferingTerms } from "../../internal/offeringLedger.ts";
import { OFFERING_STATES, allocationOf, type OfferingStateName } from "../../internal/offerings.ts";
import { claimableDown } from "../../internal/proceeds.ts";
import { indexInvestorFacts, type IndexParameter } from "../../internal/indexSource.ts";
import type { LotView } from "../lots/getLot.ts";
import type { GetPricesReturnType } from "../valuation/getPrices.ts";
import { countryLabel, INVESTOR_CLASSES } from "../../domain.ts";
import { countryName } from "../../internal/shares.ts";
import { toAddress } from "../../internal/validate.ts";
import { COMMODITIES, Quantity, formatUsdCents, type QuantityJson } from "../../units/index.ts";
import { getInvestor, type GetInvestorReturnType } from "../investors/getInvestor.ts";
import { getMoneyBalance } from "../trades/getMoneyBalance.ts";
import { platformAccountLabel } from "../../deployment/accounts.ts";
import { DEFAULT_MAX_PRICE_AGE_SECONDS, getPrices, valueInState } from "../valuation/getPrices.ts";
import { moneyJson, priceJson, valuationJson, type MoneyJson, type PriceJson, type ValuationJson } from "./lotReport.ts";

export interface GetInvestorReportParameters {
  deployment: Deployment;
  wallet: Address;
  /** Seconds after which a price is stale and not used (default 25 hours). */
  maxPriceAgeSeconds?: number;
  onProgress?: OnProgress;
  /** Read the report's facts from this index (`minerals index`) instead of scanning the node's logs. */
  index?: IndexParameter;
}

/** One investor wallet's portfolio. */
export interface InvestorReport {
  wallet: Address;
  investorId: string;
  country: number;
  countryLabel: string;
  countryName: string;
  investorClass: string;
  kycExpiry: string | null;
  accountFrozen: boolean;
  holdings: { lotId: string; commodity: string; state: string; originId: string; balance: QuantityJson; price: PriceJson; value: ValuationJson }[];
  /**
   * Value of the holdings at fresh prices, rounded down to the cent: units of lots whose metal is in custody (a sold
   * lot's units are owed sale proceeds instead, under `proceeds`); `basis` says so in words.
   */
  totalValue: { cents: string; text: string; basis: string };
  /** The payment stablecoin the wallet holds (the deployment's test stablecoin), or null when there is none to read. */
  cash: MoneyJson | null;
  /** Every offering the wallet subscribed to, oldest first: its request, payment, allocation and what it can claim. */
  offerings: InvestorOfferingLine[];
  /** What the wallet can claim from closed offerings, in all: the refunds (units are per lot, in each line). */
  refundsClaimable: MoneyJson;
  /** Sale proceeds per lot with a distribution the wallet holds or redeemed units of: redeemed, paid, claimable. */
  proceeds: InvestorProceedsLine[];
  /** Sale proceeds the wallet can claim now, over every lot (counting units still in its wallet, which a claim
   * redeems first). */
  proceedsClaimable: MoneyJson;
  /** Every movement of units into or out of the wallet, oldest first; `counterpartyLabel` names a platform account
   * ("offering escrow", "proceeds vault", ...) and the zero address ("mint", "burn"), else null. */
  history: { lotId: string; direction: "in" | "out"; counterparty: Address; counterpartyLabel: string | null; amount: QuantityJson; block: string; transactionHash: Hash }[];
}

/** One offering an investor subscribed to. */
export interface InvestorOfferingLine {
  offeringId: string;
  lotId: string;
  commodity: string;
  state: OfferingStateName;
  /** Units requested (zero once cancelled) and the payment escrowed for them. */
  requested: QuantityJson;
  paid: MoneyJson;
  /** Units allocated (rounded down; while open, as if it closed now), what they cost and the refund of the rest. */
  allocated: QuantityJson;
  payment: MoneyJson;
  refund: MoneyJson;
  claimed: boolean;
  /** What a claim gives now: after close and before the claim, the allocation and the refund; otherwise nothing. */
  claimable: { units: QuantityJson; refund: MoneyJson };
}

/** An investor's sale proceeds in one lot. */
export interface InvestorProceedsLine {
  lotId: string;
  commodity: string;
  /** Units it sent to the vault, and what it was paid for them. */
  redeemed: QuantityJson;
  paid: MoneyJson;
  /** What it would be paid now if it redeemed the units still in its wallet and claimed. */
  claimable: MoneyJson;
  /** Whether the lot's final payment was made. */
  final: boolean;
}

export type GetInvestorReportReturnType = InvestorReport;
export type GetInvestorReportErrorType = MineralsError;

/**
 * An investor wallet's report: its investor record, holdings across lots with their value, every offering it
 * subscribed to (request, payment, allocation, and the units and refund it can still claim), and the history of
 * its unit movements (scans of the token's logs filtered at the node by the indexed sender and receiver, of the
 * offerings contract's `Subscribed` by the indexed investor; the offerings' state read in one batch).
 *
 * @example
 * const report = await getInvestorReport(client, { deployment, wallet: "0x…" })
 * report.totalValue.text // "1,234,567.89 USD"
 * report.refundsClaimable.text // "19,500.00 USD"
 */
export async function getInvestorReport(client: Client, parameters: GetInvestorReportParameters): Promise<GetInvestorReportReturnType> {
  const wallet = toAddress(parameters.wallet, "wallet");
  const { deployment } = parameters;
  const facts = parameters.index === undefined ? await readInvestorFacts(client, parameters, wallet) : await investorFactsFromIndex(parameters.index, parameters, wallet);
  const { investor, moves, balances, lots, prices } = facts;
  try {
    const held = [...balances.entries()].filter(([, b]) => b > 0n).sort(([a], [b]) => (a < b ? -1 : 1));
    const commodityOf = new Map(lots.map((l) => [l.lotId, l.commodity]));
    const lotOf = new Map(lots.map((l) => [l.lotId, l]));
    const holdings = held.map(([lotId, base]) => {
      const lot = lotOf.get(lotId)!;
      const balance = Quantity.fromBase(lot.commodity, base);
      return {
        lotId: lotId.toString(),
        commodity: COMMODITIES[lot.commodity].name,
        state: lot.state,
        originId: lot.originId,
        balance: balance.toJSON(),
        price: priceJson(prices[lot.commodity]),
        value: valuationJson(valueInState(balance, prices[lot.commodity], lot.state)),
      };
    });
    const offerings: InvestorOfferingLine[] = facts.offerings.map(({ offeringId, terms, state: stateIndex, sub, allocation }) => {
      const [units, payment, refund] = allocation;
      const commodity = commodityOf.get(terms.lotId)!;
      const q = (base: bigint) => Quantity.fromBase(commodity, base).toJSON();
      const state = OFFERING_STATES[stateIndex] ?? "open";
      const canClaim = state !== "open" && !sub.claimed && sub.requested > 0n;
      return {
        offeringId: offeringId.toString(),
        lotId: terms.lotId.toString(),
        commodity: COMMODITIES[commodity].name,
        state,
        requested: q(sub.requested),
        paid: moneyJson(sub.paid),
        allocated: q(units),
        payment: moneyJson(payment),
        refund: moneyJson(refund),
        claimed: sub.claimed,
        claimable: { units: q(canClaim ? units : 0n), refund: moneyJson(canClaim ? refund : 0n) },
      };
    });
    const proceeds: InvestorProceedsLine[] = facts.proceeds.flatMap(({ lotId, deposited, finalAt, position, claimable }) => {
      if (deposited === 0n && position.units === 0n) return [];
      const commodity = commodityOf.get(lotId)!;
      return [
        {
          lotId: lotId.toString(),
          commodity: COMMODITIES[commodity].name,
          redeemed: Quantity.fromBase(commodity, position.units).toJSON(),
          paid: moneyJson(position.paid),
          claimable: moneyJson(claimable),
          final: finalAt !== 0,
        },
      ];
    });
    const cents = holdings.reduce((t, h) => t + BigInt(h.value.cents ?? "0"), 0n);
    // The wallet's stablecoin is not the index's: it is read from the node whichever source gave the facts.
    const cash = deployment.contracts.TestStablecoin === undefined ? null : moneyJson((await getMoneyBalance(client, { deployment, owner: wallet })).base);
    const history = await Promise.all(
      moves.map(async (m) => {
        let commodity = commodityOf.get(m.lotId);
        if (commodity === undefined) {
          // Only the node read leaves out the lots the wallet neither holds nor subscribed to nor redeemed.
          commodity = (await readLots(client, deployment, [m.lotId]))[0]!.commodity;
          commodityOf.set(m.lotId, commodity);
        }
        return {
          lotId: m.lotId.toString(),
          direction: m.direction,
          counterparty: m.counterparty,
          counterpartyLabel: platformAccountLabel(deployment, m.counterparty, m.direction === "in" ? "from" : "to") ?? null,
          amount: Quantity.fromBase(commodity, m.amount).toJSON(),
          block: m.block.toString(),
          transactionHash: m.hash,
        };
      }),
    );
    return {
      wallet,
      investorId: investor.investorId.toString(),
      country: investor.country,
      countryLabel: investor.countryLabel,
      countryName: countryName(investor.country, investor.countryLabel),
      investorClass: investor.investorClass,
      kycExpiry: investor.kycExpiry ? investor.kycExpiry.toISOString() : null,
      accountFrozen: investor.frozen,
      holdings,
      totalValue: { cents: cents.toString(), text: formatUsdCents(cents), basis: "units of lots in custody at fresh feed prices, rounded down to the cent" },
      cash,
      offerings,
      refundsClaimable: moneyJson(offerings.reduce((t, o) => t + BigInt(o.claimable.refund.base), 0n)),
      proceeds,
      proceedsClaimable: moneyJson(proceeds.reduce((t, p) => t + BigInt(p.claimable.base), 0n)),
      history,
    };
  } catch (error) {
    throw decodeError(error, { action: `read the report of investor wallet ${wallet}` });
  }
}

/** What an investor report computes from, whichever source read it. */
interface ReportFacts {
  investor: Pick<GetInvestorReturnType, "investorId" | "country" | "countryLabel" | "investorClass" | "kycExpiry" | "frozen">;
  /** Every movement into or out of the wallet, oldest first. */
  moves: { lotId: bigint; direction: "in" | "out"; counterparty: Address; amount: bigint; block: bigint; hash: Hash }[];
  /** Units in the wallet now, by lot. */
  balances: Map<bigint, bigint>;
  /** Every offering the wallet subscribed to, oldest first, with `allocationOf`'s units, payment and refund. */
  offerings: { offeringId: bigint; terms: RawOfferingTerms; state: number; sub: { requested: bigint; paid: bigint; claimed: boolean }; allocation: readonly [bigint, bigint, bigint] }[];
  /** The lots of sale proceeds the wallet redeemed or holds units of: the vault's deposits and final time, its position, `claimableOf`. */
  proceeds: { lotId: bigint; deposited: bigint; finalAt: number; position: { units: bigint; paid: bigint }; claimable: bigint }[];
  /** The lots held, subscribed to or redeemed (and, from the index, every lot of the history). */
  lots: LotView[];
  prices: GetPricesReturnType;
}

/**
 * An investor report's facts from the node: the token's logs filtered by the indexed sender and receiver, the
 * offerings contract's `Subscribed` by the indexed investor, the vault's `UnitsRedeemed` by the indexed holder; the
 * offerings' and proceeds' state read in batches.
 */
async function readInvestorFacts(client: Client, parameters: GetInvestorReportParameters, wallet: Address): Promise<ReportFacts> {
  const { deployment } = parameters;
  const investor = await getInvestor(client, { deployment, wallet });
  try {
    const moves: (ReportFacts["moves"][number] & { order: number })[] = [];
    const balances = new Map<bigint, bigint>();
    for (const [topicIndex, direction] of [[2, "out"], [3, "in"]] as const) {
      await scanLogs(client, {
        address: deployment.contracts.LotToken,
        abi: lotTokenAbi,
        eventNames: ["TransferSingle", "TransferBatch"],
        indexed: { topicIndex, value: wallet },
        fromBlock: deployment.block.number,
        label: `transfers ${direction}`,
        ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
        onLogs: (logs: DecodedLog[]) => {
          for (const log of logs) {
            const a = log.args as { id?: bigint; value?: bigint; ids?: readonly bigint[]; values?: readonly bigint[]; from: Address; to: Address };
            const pairs = a.ids ? a.ids.map((id, i) => [id, a.values![i]!] as const) : [[a.id!, a.value!] as const];
            for (const [lotId, amount] of pairs) {
              if (a.from === a.to) continue;
              balances.set(lotId, (balances.get(lotId) ?? 0n) + (direction === "in" ? amount : -amount));
              moves.push({
                lotId,
                direction,
                counterparty: direction === "in" ? a.from : a.to,
                amount,
                block: log.blockNumber,
                hash: log.transactionHash as Hash,
                order: Number(log.logIndex),
              });
            }
          }
        },
      });
    }
    const offeringIds: bigint[] = [];
    const offeringsAt = deployment.contracts.LotOfferings;
    if (offeringsAt !== undefined) {
      await scanLogs(client, {
        address: offeringsAt,
        abi: lotOfferingsAbi,
        eventNames: ["Subscribed"],
        indexed: { topicIndex: 2, value: wallet },
        fromBlock: deployment.block.number,
        label: "subscriptions",
        ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
        onLogs: (logs: DecodedLog[]) => {
          for (const log of logs) {
            const id = (log.args as { offeringId: bigint }).offeringId;
            if (!offeringIds.includes(id)) offeringIds.push(id);
          }
        },
      });
    }
    offeringIds.sort((a, b) => (a < b ? -1 : 1));
    // The lots of sale proceeds the wallet has a position in: those it redeemed units of, and those whose position
    // compliance released to it from a lost wallet.
    const redeemedLots = new Set<bigint>();
    const vault = deployment.contracts.ProceedsVault;
    if (vault !== undefined) {
      for (const [eventName, topicIndex, label] of [["UnitsRedeemed", 2, "redemptions"], ["PositionReleased", 3, "released positions"]] as const) {
        await scanLogs(client, {
          address: vault,
          abi: proceedsVaultAbi,
          eventNames: [eventName],
          indexed: { topicIndex, value: wallet },
          fromBlock: deployment.block.number,
          label,
          ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
          onLogs: (logs: DecodedLog[]) => logs.forEach((log) => redeemedLots.add((log.args as { lotId: bigint }).lotId)),
        });
      }
    }
    const offeringReads = offeringIds.flatMap((id) =>
      (["termsOf", "statusOf", "subscriptionOf", "allocationOf"] as const).map((functionName) => ({
        address: offeringsAt!,
        abi: lotOfferingsAbi,
        functionName,
        args: functionName === "termsOf" || functionName === "statusOf" ? [id] : [id, wallet],
      })),
    );
    const offeringResults = await readAll(client, deployment, offeringReads);
    const proceedsLots = vault === undefined ? [] : [...new Set([...redeemedLots, ...[...balances.entries()].filter(([, b]) => b > 0n).map(([id]) => id)])].sort((a, b) => (a < b ? -1 : 1));
    const proceedsResults = await readAll(
      client,
      deployment,
      proceedsLots.flatMap((lotId) => [
        { address: vault!, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [lotId] },
        { address: vault!, abi: proceedsVaultAbi, functionName: "getPosition", args: [lotId, wallet] },
        { address: vault!, abi: proceedsVaultAbi, functionName: "claimableOf", args: [lotId, wallet] },
      ]),
    );
    moves.sort((x, y) => (x.block === y.block ? x.order - y.order : x.block < y.block ? -1 : 1));
    const held = [...balances.entries()].filter(([, b]) => b > 0n).sort(([a], [b]) => (a < b ? -1 : 1));
    const offeringLots = [...offeringIds.map((_, i) => (offeringResults[4 * i] as RawOfferingTerms).lotId), ...redeemedLots].filter((id) => !balances.has(id) || balances.get(id)! <= 0n);
    const [lots, prices] = await Promise.all([
      readLots(client, deployment, [...held.map(([id]) => id), ...new Set(offeringLots)]),
      getPrices(client, { deployment, maxAgeSeconds: parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS }),
    ]);
    return {
      investor,
      moves: moves.map(({ order: _, ...m }) => m),
      balances,
      offerings: offeringIds.map((offeringId, i) => ({
        offeringId,
        terms: offeringResults[4 * i] as RawOfferingTerms,
        state: (offeringResults[4 * i + 1] as { state: number }).state,
        sub: offeringResults[4 * i + 2] as { requested: bigint; paid: bigint; claimed: boolean },
        allocation: offeringResults[4 * i + 3] as readonly [bigint, bigint, bigint],
      })),
      proceeds: proceedsLots.map((lotId, i) => {
        const view = proceedsResults[3 * i] as { proceeds: { deposited: bigint; finalAt: number } };
        return {
          lotId,
          deposited: view.proceeds.deposited,
          finalAt: view.proceeds.finalAt,
          position: proceedsResults[3 * i + 1] as { units: bigint; paid: bigint },
          claimable: proceedsResults[3 * i + 2] as bigint,
        };
      }),
      lots,
      prices,
    };
  } catch (error) {
    throw decodeError(error, { action: `read the report of investor wallet ${wallet}` });
  }
}

/**
 * An investor report's facts from the index, in one request. What the contracts compute per wallet on demand
 * (`allocationOf`, `claimableOf`) is computed here from the indexed figures by the contracts' own rounding.
 */
async function investorFactsFromIndex(index: IndexParameter, parameters: GetInvestorReportParameters, wallet: Address): Promise<ReportFacts> {
  const f = await indexInvestorFacts(index, parameters.deployment, wallet, parameters.maxPriceAgeSeconds ?? DEFAULT_MAX_PRICE_AGE_SECONDS);
  const label = countryLabel(f.record.country);
  return {
    investor: {
      investorId: f.record.investorId,
      country: f.record.country,
      countryLabel: label,
      investorClass: INVESTOR_CLASSES[f.record.investorClass] ?? "none",
      kycExpiry: f.record.kycExpiry === 0 ? undefined : new Date(f.record.kycExpiry * 1000),
      frozen: f.record.frozen,
    },
    moves: f.moves,
    balances: f.balances,
    offerings: f.offerings.map((o) => ({ offeringId: o.offeringId, terms: o.terms, state: o.state, sub: o.sub, allocation: allocationOf(o.terms, o, o.sub) })),
    // As the node read: the lots it redeemed units of, was released a position in, or holds units of.
    proceeds: f.proceeds
      .filter((p) => p.redeemed || p.released || (f.balances.get(p.lotId) ?? 0n) > 0n)
      .sort((a, b) => (a.lotId < b.lotId ? -1 : 1))
      .map((p) => ({
        lotId: p.lotId,
        deposited: p.deposited,
        finalAt: p.finalAt,
        position: p.position,
        claimable: claimableDown({
          accountFrozen: f.record.frozen,
          balance: f.balances.get(p.lotId) ?? 0n,
          frozen: f.frozen.get(p.lotId) ?? 0n,
          position: p.position,
          accPerUnit: p.accPerUnit,
        }),
      })),
    lots: f.lots,
    prices: f.prices,
  };
}
