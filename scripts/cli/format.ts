/**
 * Terminal rendering of reports, with cli-table3 (a maintained table renderer that handles column widths and
 * wrapping), and CSV rendering for spreadsheets.
 */
import Table from "cli-table3";
import type { LotReport, PlatformReport } from "../../src/actions/reports/lotReport.ts";
import { COMMODITIES, Quantity, parseCommodity, type QuantityJson } from "../../src/units/index.ts";

const short = (address: string | null): string => (address ? `${address.slice(0, 6)}..${address.slice(-4)}` : "-");

/** A QuantityJson in its market unit with thousands separators, e.g. "2,352.670 t Cu". */
export function market(q: QuantityJson): string {
  return Quantity.fromBase(parseCommodity(q.commodity), BigInt(q.base)).format();
}

/** Prints one lot: facts, quantities, holders, documents and the timeline. */
export function printLot(report: LotReport): void {
  const info = COMMODITIES[parseCommodity(report.commodity)];
  console.log(`\nLot ${report.lotId}: ${info.name} (${info.symbol}) ${report.form}, ${report.state}`);
  const facts = new Table({ style: { head: [], border: [], compact: true } });
  facts.push(
    { origin: `${report.originId}, country ${String(report.countryCode).padStart(3, "0")}` },
    { custodian: `${short(report.custodian)} at ${report.location}${report.pendingCustodian ? ` (in transit to ${short(report.pendingCustodian)})` : ""}` },
    { "external ref": `${report.externalRef.slice(0, 18)}...` },
    { "wet mass": `${report.figures.wetMassTonnes} t` },
    { moisture: `${report.figures.moisturePercent} %` },
    { grade: `${report.figures.gradePercent} % ${info.basisLabel} (dry)` },
    { payable: `${report.figures.payablePercent} %` },
    { contained: market(report.quantities.contained) },
    { "payable qty": market(report.quantities.payable) },
    { attested: `${market(report.quantities.attested)}${report.awaitingAttestation ? " (recalled: awaiting the custodian's new attestation)" : ""}` },
    { "minted / burned": `${market(report.quantities.minted)} / ${market(report.quantities.burned)}` },
    { outstanding: market(report.quantities.outstanding) },
    { "priced in": info.priceQuote },
  );
  console.log(facts.toString());
  if (report.holders.length > 0) {
    const holders = new Table({ head: ["holder", `units (${info.marketUnit})`, "share"], style: { head: [], border: [], compact: true }, colAligns: ["left", "right", "right"] });
    for (const h of report.holders) holders.push([h.holder, market(h.balance), `${h.sharePercent} %`]);
    console.log(holders.toString());
  }
  if (report.documents.length > 0) {
    const docs = new Table({ head: ["#", "document", "sha256", "issued"], style: { head: [], border: [], compact: true } });
    for (const d of report.documents) docs.push([d.index, d.docType, `${d.sha256.slice(0, 18)}...`, d.issuedAt.slice(0, 10)]);
    console.log(docs.toString());
  }
  const steps = report.timeline.filter((e) => e.event === "LotStateChanged").map((e) => e.to);
  if (steps.length > 0) console.log(`timeline: ${steps.join(" -> ")}`);
}

/** Prints every lot and the totals per commodity. */
export function printPlatform(report: PlatformReport): void {
  const lots = new Table({
    head: ["lot", "commodity", "form", "state", "payable", "attested", "outstanding", "holders"],
    style: { head: [], border: [], compact: true },
    colAligns: ["right", "left", "left", "left", "right", "right", "right", "right"],
  });
  for (const l of report.lots) {
    lots.push([l.lotId, l.commodity, l.form, l.state, market(l.quantities.payable), market(l.quantities.attested), market(l.quantities.outstanding), l.holders.length]);
  }
  console.log(`Chain ${report.chainId}: ${report.lots.length} lot(s)`);
  console.log(lots.toString());
}

/** CSV of every lot, one row each, quantities in base units and in market units. */
export function platformCsv(report: PlatformReport): string {
  const header = ["lotId", "commodity", "form", "state", "countryCode", "originId", "custodian", "location", "marketUnit", "payableBase", "payableMarket", "attestedBase", "outstandingBase", "outstandingMarket", "holders"];
  const escape = (value: unknown) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = report.lots.map((l) =>
    [l.lotId, l.commodity, l.form, l.state, l.countryCode, l.originId, l.custodian, l.location, l.marketUnit, l.quantities.payable.base, l.quantities.payable.market, l.quantities.attested.base, l.quantities.outstanding.base, l.quantities.outstanding.market, l.holders.length].map(escape).join(","),
  );
  return [header.join(","), ...rows].join("\n");
}
