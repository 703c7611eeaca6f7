import type { Address, Client, Hash } from "viem";
import { lotOfferingsAbi, lotTokenAbi, proceedsVaultAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readAll } from "../../internal/batch.ts";
import { readLots } from "../../internal/ledger.ts";
import { scanLogs, type DecodedLog, type OnProgress } from "../../internal/logs.ts";
import type { RawOfferingTerms } from "../../internal/offeringLedger.ts";
import { OFFERING_STATES, type OfferingStateName } from "../../internal/offerings.ts";
import { countryName } from "../../internal/shares.ts";
import { toAddress } from "../../internal/validate.ts";
import { COMMODITIES, Quantity, formatUsdCents, type QuantityJson } from "../../units/index.ts";
import { getInvestor } from "../investors/getInvestor.ts";
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
  const investor = await getInvestor(client, { deployment, wallet });
  try {
    const moves: { lotId: bigint; direction: "in" | "out"; counterparty: Address; amount: bigint; block: bigint; hash: Hash; order: number }[] = [];
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
    const redeemedLots = new Set<bigint>();
    const vault = deployment.contracts.ProceedsVault;
    if (vault !== undefined) {
      await scanLogs(client, {
        address: vault,
        abi: proceedsVaultAbi,
        eventNames: ["UnitsRedeemed"],
        indexed: { topicIndex: 2, value: wallet },
        fromBlock: deployment.block.number,
        label: "redemptions",
        ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
        onLogs: (logs: DecodedLog[]) => logs.forEach((log) => redeemedLots.add((log.args as { lotId: bigint }).lotId)),
      });
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
    const commodityOf = new Map(lots.map((l) => [l.lotId, l.commodity]));
    const holdings = held.map(([lotId, base], i) => {
      const lot = lots[i]!;
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
    const offerings: InvestorOfferingLine[] = offeringIds.map((offeringId, i) => {
      const terms = offeringResults[4 * i] as RawOfferingTerms;
      const status = offeringResults[4 * i + 1] as { state: number };
      const sub = offeringResults[4 * i + 2] as { requested: bigint; paid: bigint; claimed: boolean };
      const [units, payment, refund] = offeringResults[4 * i + 3] as readonly [bigint, bigint, bigint];
      const commodity = commodityOf.get(terms.lotId)!;
      const q = (base: bigint) => Quantity.fromBase(commodity, base).toJSON();
      const state = OFFERING_STATES[status.state] ?? "open";
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
    const proceeds: InvestorProceedsLine[] = proceedsLots.flatMap((lotId, i) => {
      const view = proceedsResults[3 * i] as { proceeds: { deposited: bigint; finalAt: number } };
      const position = proceedsResults[3 * i + 1] as { units: bigint; paid: bigint };
      const claimable = proceedsResults[3 * i + 2] as bigint;
      if (view.proceeds.deposited === 0n && position.units === 0n) return [];
      const commodity = commodityOf.get(lotId)!;
      return [
        {
          lotId: lotId.toString(),
          commodity: COMMODITIES[commodity].name,
          redeemed: Quantity.fromBase(commodity, position.units).toJSON(),
          paid: moneyJson(position.paid),
          claimable: moneyJson(claimable),
          final: view.proceeds.finalAt !== 0,
        },
      ];
    });
    const cents = holdings.reduce((t, h) => t + BigInt(h.value.cents ?? "0"), 0n);
    const cash = deployment.contracts.TestStablecoin === undefined ? null : moneyJson((await getMoneyBalance(client, { deployment, owner: wallet })).base);
    const history = await Promise.all(
      moves.map(async (m) => {
        let commodity = commodityOf.get(m.lotId);
        if (commodity === undefined) {
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
