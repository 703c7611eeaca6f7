/**
 * Terminal rendering of reports, with cli-table3 (a maintained table renderer that handles column widths and
 * wrapping), and CSV rendering for spreadsheets.
 */
import Table from "cli-table3";
import type { LotReport, LotSummary } from "../../src/actions/reports/lotReport.ts";
import type { PlatformReport } from "../../src/actions/reports/platformReport.ts";
import type { InvestorReport } from "../../src/actions/reports/investorReport.ts";
import { externalRefHash } from "../../src/actions/lots/registerLot.ts";
import { COMMODITIES, Money, Quantity, formatPrice, parseCommodity, type QuantityJson } from "../../src/units/index.ts";

export const short = (address: string | null): string => (address ? `${address.slice(0, 6)}..${address.slice(-4)}` : "-");

/** A QuantityJson in its market unit with thousands separators, e.g. "2,352.670 t Cu". */
export function market(q: QuantityJson): string {
  return Quantity.fromBase(parseCommodity(q.commodity), BigInt(q.base)).format();
}

/** What a terminal table of reports looks like: no colours, compact. */
export const STYLE = { head: [] as string[], border: [] as string[], compact: true };

/** An address as a person reads it in a table: a platform account by its name, anything else shortened. */
export const who = (address: string, label: string | null | undefined): string => (label ? `${label} (${short(address)})` : short(address));

/** A transaction hash, shortened for a terminal table (JSON, CSV and HTML keep it whole). */
export const tx = (hash: string): string => `${hash.slice(0, 10)}..${hash.slice(-4)}`;

/** A time without the milliseconds a chain does not have. */
export const time = (iso: string): string => iso.replace(".000Z", "Z");

/** What the reader of a lot report may already know about it: the external reference text behind its hash. */
export interface KnownLotFacts {
  /** The external reference (warehouse receipt, bar serials) whose keccak-256 the lot records. */
  externalRef?: string;
}

/** The external reference: the text when it is known and matches the hash on chain, else the hash and what it is. */
function externalReference(report: LotSummary, known: KnownLotFacts): string {
  if (known.externalRef !== undefined) {
    const matches = externalRefHash(known.externalRef).toLowerCase() === report.externalRef.toLowerCase();
    return matches
      ? `${known.externalRef} (its keccak-256 ${tx(report.externalRef)} is what the chain records)`
      : `${tx(report.externalRef)}: "${known.externalRef}" does NOT match the reference the chain records`;
  }
  return `${tx(report.externalRef)} (keccak-256 of the reference, which stays off chain; \`minerals lot show --lot ${report.lotId} --ref <text>\` checks one)`;
}

/** Prints one lot: facts, quantities, valuation, cap table, rules, documents and the timeline. */
export function printLot(report: LotReport | LotSummary, known: KnownLotFacts = {}): void {
  const info = COMMODITIES[parseCommodity(report.commodity)];
  console.log(`\nLot ${report.lotId}: ${info.name} (${info.symbol}) ${report.form}, ${report.state}`);
  const facts = new Table({ style: STYLE });
  facts.push(
    { origin: `${report.originId}: ${report.origin.place} (${report.origin.countryLabel})` },
    { custodian: `${short(report.custodian)} at ${report.location}${report.pendingCustodian ? ` (in transit to ${short(report.pendingCustodian)})` : ""}` },
    { "external ref": externalReference(report, known) },
    { "wet mass": report.figures.wetMass },
    { moisture: `${report.figures.moisturePercent} %` },
    { grade: `${report.figures.gradePercent} % ${info.basisLabel} (dry)` },
    { payable: `${report.figures.payablePercent} %` },
    { contained: market(report.quantities.contained) },
    { "payable qty": market(report.quantities.payable) },
    { attested: `${market(report.quantities.attested)}${report.awaitingAttestation ? " (recalled: awaiting the custodian's new attestation)" : ""}` },
    { "minted / burned": `${market(report.quantities.minted)} / ${market(report.quantities.burned)}` },
    { outstanding: market(report.quantities.outstanding) },
    { "minted of attested": `${report.mintedOfAttestedPercent} %` },
    { price: report.valuation.price.text },
    { "value of the payable metal": report.valuation.payable.text },
    { "value of the units outstanding": report.valuation.outstanding.text },
    ...("byProducts" in report && report.byProducts.length > 0
      ? [{ "by-products": report.byProducts.map((b) => `${b.commodity} at ${b.grade}: ${market(b.contained)} contained, ${b.value.status === "valued" ? `worth ${b.value.text}` : b.value.text}`).join("\n") }]
      : []),
    { offering: report.offering.length === 0 ? "none: no offering of this lot" : report.offering.map((o) => `#${o.offeringId} ${o.outcome}`).join("\n") },
    {
      proceeds: report.proceeds
        ? `deposited ${report.proceeds.deposited.text}${report.proceeds.final ? " (final)" : " (provisional so far)"}; paid to holders ${report.proceeds.paid.text}; unclaimed ${report.proceeds.unclaimed.text}; dust swept ${report.proceeds.swept.text}`
        : "none: no sale proceeds deposited for this lot",
    },
    { "last traded price": report.trading.lastTradeText },
    { "traded volume": report.trading.volumeText },
  );
  console.log(facts.toString());
  // One offering per block of facts: a dozen columns side by side do not fit a terminal.
  for (const o of report.offering) {
    const offering = new Table({ style: STYLE });
    offering.push(
      { [`offering ${o.offeringId}`]: o.state },
      { price: formatPrice(Money.fromBase(BigInt(o.price.base)), parseCommodity(report.commodity)) },
      { window: `${time(o.window.start)} to ${time(o.window.end)}` },
      { "soft / hard cap": `${market(o.softCap)} / ${market(o.hardCap)}` },
      { requested: market(o.totalRequested) },
      { "minted / delivered": `${market(o.minted)} / ${market(o.delivered)}` },
      { "subscribers (not claimed)": `${o.subscribers} (${o.unclaimed})` },
      { "paid in": o.paidIn.text },
      { "refunded / to claim": `${o.refundsPaid.text} / ${o.refundsClaimable.text}` },
      { "to the treasury: released / withdrawn": `${o.proceedsReleased.text} / ${o.proceedsWithdrawn.text}` },
      { "in escrow": o.escrow.text },
    );
    console.log(offering.toString());
  }
  if (report.proceeds && report.proceeds.deposits.length > 0) {
    const deposits = new Table({ head: ["proceeds deposited", "payment", "amount", "by", "transaction"], style: STYLE });
    for (const d of report.proceeds.deposits) deposits.push([d.timestamp ? time(d.timestamp) : `block ${d.block}`, d.kind, d.amount.text, short(d.by), tx(d.transactionHash)]);
    console.log(deposits.toString());
  }
  if (report.trading.overTime.length > 0) {
    const trades = new Table({ head: ["traded", "trades", "units", "money", `price per ${info.marketUnit}`], style: STYLE, colAligns: ["left", "right", "right", "right", "right"] });
    for (const p of report.trading.overTime) trades.push([time(p.timestamp), p.trades, market(p.volume), p.value.text, p.price.text]);
    console.log(trades.toString());
  }
  if (report.holders.length > 0) {
    const holders = new Table({
      head: ["holder", "investor", "country", "class", `units (${info.marketUnit})`, "share", "frozen"],
      style: STYLE,
      colAligns: ["left", "right", "left", "left", "right", "right", "right"],
    });
    for (const h of report.holders) {
      // A platform account holds units for others (until they claim, redeem or take delivery): it has no investor record.
      const record = h.label ? ["-", "platform account", "-"] : [h.investorId, `${h.countryName} (${h.countryLabel})`, h.investorClass];
      holders.push([who(h.holder, h.label), ...record, market(h.balance), `${h.sharePercent} %`, `${market(h.frozen)}${h.accountFrozen ? " (account frozen)" : ""}`]);
    }
    console.log(holders.toString());
  } else console.log("cap table: no holders");
  if (!("rules" in report)) return;
  const r = report.rules;
  console.log(
    `rules: min class ${r.minClass}; countries ${r.restrictCountries ? r.allowedCountries.map((c) => c.name).join(", ") || "none allowed" : "any"}; holders ${r.holders}/${r.maxHolders || "no limit"}; min holding ${market(r.minHolding)}; lock-up ${r.lockupEnd ?? "none"}; ${r.onHold ? `ON HOLD (${r.holdReason ?? "no reason given"})` : "no hold"}`,
  );
  if (report.documents.length > 0) {
    const docs = new Table({ head: ["#", "document", "sha256 (the document stays off chain)", "uri", "issued"], style: STYLE });
    for (const d of report.documents) docs.push([d.index, d.docType, d.sha256, d.uri, d.issuedAt.slice(0, 10)]);
    console.log(docs.toString());
  }
  const timeline = new Table({ head: ["time", "step", "by", "transaction"], style: STYLE });
  for (const e of report.timeline) timeline.push([time(e.timestamp), e.to ? `${e.event}: ${e.from} -> ${e.to}` : e.event, who(e.actor, e.actorLabel), tx(e.transactionHash)]);
  console.log(timeline.toString());
}

/** Prints an investor wallet's portfolio and history. */
export function printInvestor(report: InvestorReport): void {
  console.log(`\nInvestor ${report.investorId} wallet ${report.wallet}: ${report.countryName} (${report.countryLabel}), ${report.investorClass}${report.accountFrozen ? ", ACCOUNT FROZEN" : ""}`);
  console.log(`cash: ${report.cash ? `${report.cash.text} of the payment stablecoin` : "no payment stablecoin in this deployment"}`);
  const holdings = new Table({ head: ["lot", "commodity", "state", "units", "value"], style: STYLE, colAligns: ["right", "left", "left", "right", "right"] });
  for (const h of report.holdings) holdings.push([h.lotId, h.commodity, h.state, market(h.balance), h.value.text]);
  console.log(report.holdings.length > 0 ? holdings.toString() : "holdings: none");
  console.log(`value of the holdings: ${report.totalValue.text} (${report.totalValue.basis}); refunds to claim from offerings: ${report.refundsClaimable.text}; sale proceeds to claim: ${report.proceedsClaimable.text}`);
  for (const p of report.proceeds) {
    console.log(`proceeds of lot ${p.lotId} (${p.commodity}${p.final ? ", final" : ", provisional"}): redeemed ${market(p.redeemed)}, paid ${p.paid.text}, to claim ${p.claimable.text}`);
  }
  if (report.offerings.length > 0) {
    const offerings = new Table({
      head: ["offering", "lot", "state", "requested", "paid", "allocated", "to claim: units", "to claim: refund"],
      style: STYLE,
      colAligns: ["right", "right", "left", "right", "right", "right", "right", "right"],
    });
    for (const o of report.offerings) {
      offerings.push([o.offeringId, o.lotId, o.claimed ? `${o.state}, claimed` : o.state, market(o.requested), o.paid.text, market(o.allocated), market(o.claimable.units), o.claimable.refund.text]);
    }
    console.log(offerings.toString());
  } else console.log("offerings: none subscribed");
  const history = new Table({ head: ["block", "lot", "", "counterparty", "units", "transaction"], style: STYLE });
  for (const m of report.history) history.push([m.block, m.lotId, m.direction, who(m.counterparty, m.counterpartyLabel), market(m.amount), tx(m.transactionHash)]);
  if (report.history.length > 0) console.log(history.toString());
}

/** Prints every lot and the totals per commodity. */
export function printPlatform(report: PlatformReport): void {
  const lots = new Table({
    head: ["lot", "commodity", "form", "state", "payable", "attested", "outstanding", "holders", "last traded price", "traded volume"],
    style: STYLE,
    colAligns: ["right", "left", "left", "left", "right", "right", "right", "right", "right", "right"],
  });
  for (const l of report.lots) {
    const t = l.trading;
    lots.push([
      l.lotId,
      l.commodity,
      l.form,
      l.state,
      market(l.quantities.payable),
      market(l.quantities.attested),
      market(l.quantities.outstanding),
      l.holders.length,
      t.lastTrade?.priceText ?? "-",
      t.trades === 0 ? "-" : `${market(t.volume)} for ${t.value.text} (${t.trades})`,
    ]);
  }
  const traded = report.lots.find((l) => l.trading.since !== null)?.trading.since;
  console.log(`Chain ${report.chainId}: ${report.lots.length} lot(s)${traded ? `; traded volume since ${time(traded)}` : ""}`);
  console.log(lots.toString());
  const totals = new Table({ head: ["mineral", "lots", "by state", "contained", "payable", "payable in custody", "price", "value in custody"], style: STYLE });
  for (const t of report.totals) {
    totals.push([t.commodity, t.lots, Object.entries(t.byState).map(([s, n]) => `${s} ${n}`).join(", "), market(t.contained), market(t.payable), market(t.inCustody), t.price.text, t.value.text]);
  }
  console.log(totals.toString());
  console.log(`total value: ${report.totalValue.text}, the ${report.totalValue.basis}${report.totalValue.unvalued.length ? `; not valued (no fresh price): ${report.totalValue.unvalued.join(", ")}` : ""}`);
  const origins = new Table({ head: ["origin", "mineral", "lots", "contained"], style: STYLE });
  for (const o of report.byOrigin) origins.push([`${o.place} (${o.countryLabel})`, o.commodity, o.lots, market(o.contained)]);
  if (report.byOrigin.length > 0) console.log(origins.toString());
  console.log(
    `investors holding units: ${report.investors.holding}; by country: ${report.investors.byCountry.map((c) => `${c.countryName} ${c.investors}`).join(", ") || "-"}; by class: ${report.investors.byClass.map((c) => `${c.investorClass} ${c.investors}`).join(", ") || "-"}`,
  );
  const f = report.funds;
  console.log(
    `offerings: ${f.offerings.open} open, ${f.offerings.succeeded} succeeded, ${f.offerings.failed} failed; paid in ${f.paidIn.text}; raised ${f.raised.text} (withdrawn by treasuries ${f.withdrawn.text}); refunded ${f.refunded.text}, refunds to claim ${f.refundsClaimable.text}; held in escrow ${f.escrow.text}`,
  );
  console.log(
    `sale proceeds (${f.proceeds.lots} lot(s)): deposited ${f.proceeds.deposited.text}; paid to holders ${f.proceeds.paid.text}; unclaimed ${f.proceeds.unclaimed.text}; dust swept ${f.proceeds.swept.text}`,
  );
}

const csvCell = (value: unknown): string => {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvRows = (rows: unknown[][]): string => rows.map((r) => r.map(csvCell).join(",")).join("\n");

/** CSV of one lot: its facts as field,value rows, then its cap table, its offerings, its trades over time and its proceeds deposits. */
export function lotCsv(report: LotReport): string {
  const facts: unknown[][] = [
    ["field", "value"],
    ["lotId", report.lotId],
    ["commodity", report.commodity],
    ["form", report.form],
    ["state", report.state],
    ["countryCode", report.countryCode],
    ["originId", report.originId],
    ["externalRef", report.externalRef],
    ["custodian", report.custodian],
    ["location", report.location],
    ["wetMass", report.figures.wetMass],
    ["marketUnit", report.marketUnit],
    ["payableBase", report.quantities.payable.base],
    ["attestedBase", report.quantities.attested.base],
    ["mintedBase", report.quantities.minted.base],
    ["outstandingBase", report.quantities.outstanding.base],
    ["price", report.valuation.price.text],
    ["valuePayableCents", report.valuation.payable.cents ?? report.valuation.payable.text],
    ["valueOutstandingCents", report.valuation.outstanding.cents ?? report.valuation.outstanding.text],
    ["proceedsDepositedBase", report.proceeds?.deposited.base ?? "0"],
    ["proceedsFinal", report.proceeds?.final ?? false],
    ["proceedsPaidBase", report.proceeds?.paid.base ?? "0"],
    ["proceedsUnclaimedBase", report.proceeds?.unclaimed.base ?? "0"],
    ["proceedsSweptBase", report.proceeds?.swept.base ?? "0"],
    ["tradesSince", report.trading.since ?? ""],
    ["trades", report.trading.trades],
    ["tradedVolumeBase", report.trading.volume.base],
    ["tradedValueBase", report.trading.value.base],
    ["lastTradeOfferId", report.trading.lastTrade?.offerId ?? ""],
    ["lastPricePerMarketUnitBase", report.trading.lastTrade?.price.base ?? ""],
    ["lastTradeVolumeBase", report.trading.lastTrade?.amount.base ?? ""],
    ["lastTradeValueBase", report.trading.lastTrade?.total.base ?? ""],
  ];
  const cap: unknown[][] = [
    ["holder", "investorId", "country", "countryName", "investorClass", "unitsBase", "unitsMarket", "sharePercent", "frozenBase", "accountFrozen", "valueCents", "platformAccount"],
    ...report.holders.map((h) => [h.holder, h.investorId, h.country, h.countryName, h.investorClass, h.balance.base, h.balance.market, h.sharePercent, h.frozen.base, h.accountFrozen, h.value.cents ?? h.value.text, h.label ?? ""]),
  ];
  const offerings: unknown[][] = [
    ["offeringId", "state", "priceBase", "start", "end", "softCapBase", "hardCapBase", "requestedBase", "mintedBase", "deliveredBase", "subscribers", "unclaimed", "paidInBase", "refundsPaidBase", "refundsClaimableBase", "proceedsReleasedBase", "proceedsWithdrawnBase", "escrowBase"],
    ...report.offering.map((o) => [o.offeringId, o.state, o.price.base, o.window.start, o.window.end, o.softCap.base, o.hardCap.base, o.totalRequested.base, o.minted.base, o.delivered.base, o.subscribers, o.unclaimed, o.paidIn.base, o.refundsPaid.base, o.refundsClaimable.base, o.proceedsReleased.base, o.proceedsWithdrawn.base, o.escrow.base]),
  ];
  const trades: unknown[][] = [
    ["tradedAt", "trades", "volumeBase", "valueBase", "pricePerMarketUnitBase"],
    ...report.trading.overTime.map((p) => [p.timestamp, p.trades, p.volume.base, p.value.base, p.price.base]),
  ];
  const proceeds: unknown[][] = [
    ["proceedsDeposit", "kind", "amountBase", "by", "block", "timestamp", "transactionHash"],
    ...(report.proceeds?.deposits ?? []).map((d, i) => [i + 1, d.kind, d.amount.base, d.by, d.block, d.timestamp ?? "", d.transactionHash]),
  ];
  return `${csvRows(facts)}\n\n${csvRows(cap)}\n\n${csvRows(offerings)}\n\n${csvRows(trades)}\n\n${csvRows(proceeds)}`;
}

/** CSV of an investor's holdings, then its offerings. */
export function investorCsv(report: InvestorReport): string {
  const holdings = csvRows([
    ["wallet", "investorId", "lotId", "commodity", "state", "unitsBase", "unitsMarket", "valueCents"],
    ...report.holdings.map((h) => [report.wallet, report.investorId, h.lotId, h.commodity, h.state, h.balance.base, h.balance.market, h.value.cents ?? h.value.text]),
  ]);
  const proceeds = report.proceeds.length === 0
    ? ""
    : `\n\n${csvRows([["proceedsLotId", "commodity", "final", "redeemedBase", "paidBase", "claimableBase"], ...report.proceeds.map((p) => [p.lotId, p.commodity, p.final, p.redeemed.base, p.paid.base, p.claimable.base])])}`;
  if (report.offerings.length === 0) return `${holdings}${proceeds}`;
  const offerings = csvRows([
    ["offeringId", "lotId", "commodity", "state", "requestedBase", "paidBase", "allocatedBase", "claimed", "claimableUnitsBase", "claimableRefundBase"],
    ...report.offerings.map((o) => [o.offeringId, o.lotId, o.commodity, o.state, o.requested.base, o.paid.base, o.allocated.base, o.claimed, o.claimable.units.base, o.claimable.refund.base]),
  ]);
  return `${holdings}\n\n${offerings}${proceeds}`;
}

/** CSV of every lot, one row each, quantities in base units and in market units. */
export function platformCsv(report: PlatformReport): string {
  const header = ["lotId", "commodity", "form", "state", "countryCode", "originId", "custodian", "location", "marketUnit", "payableBase", "payableMarket", "attestedBase", "outstandingBase", "outstandingMarket", "holders", "valueCents", "offerings", "raisedBase", "trades", "tradedVolumeBase", "tradedValueBase", "lastPricePerMarketUnitBase"];
  const escape = (value: unknown) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = report.lots.map((l) =>
    [l.lotId, l.commodity, l.form, l.state, l.countryCode, l.originId, l.custodian, l.location, l.marketUnit, l.quantities.payable.base, l.quantities.payable.market, l.quantities.attested.base, l.quantities.outstanding.base, l.quantities.outstanding.market, l.holders.length, l.valuation.payable.cents ?? l.valuation.payable.text, l.offering.length, l.offering.reduce((t, o) => t + BigInt(o.proceedsReleased.base), 0n), l.trading.trades, l.trading.volume.base, l.trading.value.base, l.trading.lastTrade?.price.base ?? ""].map(escape).join(","),
  );
  return [header.join(","), ...rows].join("\n");
}
