/**
 * Reports as one self-contained HTML page each: every style and script inlined (Apache ECharts, from npm, drawn
 * as SVG with animations off), so the page opens with no network and prints to PDF as it shows.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { InvestorReport } from "../actions/reports/investorReport.ts";
import type { LotReport, LotSummary } from "../actions/reports/lotReport.ts";
import type { PlatformReport } from "../actions/reports/platformReport.ts";
import { Quantity, parseCommodity, type QuantityJson } from "../units/index.ts";

let echartsSource: string | undefined;
/** The ECharts bundle, read once from node_modules. `</script` cannot occur inside it once escaped. */
function echarts(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8").replaceAll("</script", "<\\/script");
  return echartsSource;
}

export const esc = (text: unknown): string =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
export const market = (q: QuantityJson): string => Quantity.fromBase(parseCommodity(q.commodity), BigInt(q.base)).format();
/** A market-unit amount as a number, for chart geometry only (figures shown as text stay exact). */
const marketNumber = (q: QuantityJson): number => Number(q.market);

export interface Chart {
  id: string;
  title: string;
  option: Record<string, unknown>;
}

/** A cell's classes: numbers align right; an address or hash may break anywhere, words never break mid-word. */
const cellClass = (value: unknown, numeric: boolean): string => {
  const classes = [...(numeric ? ["num"] : []), ...(/^0x[0-9a-fA-F]{16,}$/.test(String(value ?? "")) ? ["hash"] : [])];
  return classes.length ? ` class="${classes.join(" ")}"` : "";
};

export const table = (head: string[], rows: unknown[][], numeric: number[] = []): string =>
  rows.length === 0
    ? `<p class="empty">None.</p>`
    : `<table><thead><tr>${head.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ""}>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c, i) => `<td${cellClass(c, numeric.includes(i))}>${esc(c)}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`;

export const facts = (pairs: [string, unknown][]): string =>
  `<dl>${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd${cellClass(v, false)}>${esc(v)}</dd>`).join("")}</dl>`;

const pie = (id: string, title: string, data: { name: string; value: number }[]): Chart => ({
  id,
  title,
  option: {
    animation: false,
    tooltip: { trigger: "item" },
    // Names in a legend below the ring and only the share beside each slice, so no label runs out of the chart's box.
    legend: { type: "scroll", bottom: 0, left: "center" },
    series: [
      {
        type: "pie",
        radius: ["30%", "55%"],
        center: ["50%", "45%"],
        avoidLabelOverlap: true,
        data,
        label: { formatter: "{d} %" },
        labelLine: { length: 6, length2: 6 },
        labelLayout: { hideOverlap: true },
      },
    ],
  },
});

const bar = (id: string, title: string, labels: string[], values: number[], unit: string): Chart => ({
  id,
  title,
  option: {
    animation: false,
    // Room above the plot for the axis name, and axis labels kept inside the chart's box.
    grid: { left: 20, right: 20, top: 40, bottom: 20, containLabel: true },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, width: 90, overflow: "break" } },
    yAxis: { type: "value", name: unit, nameTextStyle: { align: "left" } },
    series: [{ type: "bar", data: values }],
  },
});

export function page(title: string, body: string, charts: Chart[]): string {
  const chartData = JSON.stringify(charts.map((c) => ({ id: c.id, option: c.option }))).replaceAll("</", "<\\/");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.sub{color:#57606a}table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td,dd{overflow-wrap:break-word;word-break:normal}
td.hash,dd.hash{word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:11.5px}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:0}dt{color:#57606a}dd{margin:0}
.chart{width:100%;height:320px;break-inside:avoid;page-break-inside:avoid}.empty{color:#57606a;font-style:italic}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}.charts section{break-inside:avoid;min-width:0}
@media (max-width:800px){.charts{grid-template-columns:1fr}}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,dl{break-inside:auto}tr{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}}
</style></head><body>
${body}
<script>${echarts()}</script>
<script>
for (const c of ${chartData}) {
  const el = document.getElementById(c.id);
  echarts.init(el, null, { renderer: "svg" }).setOption(c.option);
}
</script>
</body></html>
`;
}

const chartSections = (charts: Chart[]): string =>
  `<div class="charts">${charts.map((c) => `<section><h3>${esc(c.title)}</h3><div class="chart" id="${c.id}" data-chart="${c.id}"></div></section>`).join("")}</div>`;

function lotCharts(report: LotSummary & { timeline?: LotReport["timeline"] }, prefix: string): Chart[] {
  const charts: Chart[] = [];
  if (report.holders.length > 0) {
    charts.push(pie(`${prefix}cap`, `Cap table of lot ${report.lotId}`, report.holders.map((h) => ({ name: h.label ?? `${h.holder.slice(0, 6)}…${h.holder.slice(-4)}`, value: Number(h.sharePercent) }))));
  }
  const steps = (report.timeline ?? []).filter((e) => e.to !== undefined);
  if (steps.length > 0) {
    charts.push({
      id: `${prefix}timeline`,
      title: `Lifecycle of lot ${report.lotId}`,
      option: {
        animation: false,
        grid: { left: 110, right: 30, top: 20, bottom: 50 },
        xAxis: { type: "time" },
        yAxis: { type: "category", data: [...new Set(steps.map((e) => e.to))] },
        series: [{ type: "line", step: "end", symbolSize: 10, data: steps.map((e) => [e.timestamp, e.to]) }],
      },
    });
  }
  if (report.offering.length > 0) {
    const unit = report.offering[0]!.softCap.marketUnit;
    const labels = report.offering.map((o) => `offering ${o.offeringId} (${o.state})`);
    const cap = (name: string, color: string, pick: (o: LotReport["offering"][number]) => QuantityJson) => ({
      name,
      type: "scatter",
      symbol: "rect",
      symbolSize: [46, 4],
      itemStyle: { color },
      data: report.offering.map((o) => marketNumber(pick(o))),
    });
    charts.push({
      id: `${prefix}offerings`,
      title: `Offering subscriptions against caps (${unit})`,
      option: {
        animation: false,
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        grid: { left: 90, right: 20, top: 40, bottom: 40 },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0 } },
        yAxis: { type: "value", name: unit },
        series: [
          { name: "requested", type: "bar", barGap: "10%", data: report.offering.map((o) => marketNumber(o.totalRequested)) },
          { name: "minted", type: "bar", data: report.offering.map((o) => marketNumber(o.minted)) },
          cap("soft cap", "#cf222e", (o) => o.softCap),
          cap("hard cap", "#1a7f37", (o) => o.hardCap),
        ],
      },
    });
  }
  const trades = report.trading.overTime;
  if (trades.length > 0) {
    const unit = report.trading.volume.marketUnit;
    charts.push({
      id: `${prefix}trades`,
      title: `Trades over time: price per ${unit} (USD) and volume (${unit})`,
      option: {
        animation: false,
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        grid: { left: 20, right: 20, top: 50, bottom: 20, containLabel: true },
        xAxis: { type: "time", axisLabel: { hideOverlap: true } },
        yAxis: [
          { type: "value", name: `USD per ${unit}`, scale: true, nameTextStyle: { align: "left" } },
          { type: "value", name: unit, nameTextStyle: { align: "right" }, splitLine: { show: false } },
        ],
        series: [
          { name: `price per ${unit}`, type: "line", yAxisIndex: 0, symbolSize: 8, data: trades.map((p) => [p.timestamp, Number(p.price.usd)]) },
          { name: "volume", type: "bar", yAxisIndex: 1, barMaxWidth: 24, itemStyle: { opacity: 0.5 }, data: trades.map((p) => [p.timestamp, marketNumber(p.volume)]) },
        ],
      },
    });
  }
  const overTime = report.proceeds?.overTime ?? [];
  if (overTime.length > 0) {
    const line = (name: string, pick: (o: (typeof overTime)[number]) => { usd: string }) => ({
      name,
      type: "line",
      step: "end",
      symbolSize: 6,
      data: overTime.map((o) => [o.timestamp, Number(pick(o).usd)]),
    });
    charts.push({
      id: `${prefix}proceeds`,
      title: "Proceeds paid over time (USD)",
      option: {
        animation: false,
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        grid: { left: 100, right: 30, top: 40, bottom: 50 },
        xAxis: { type: "time" },
        yAxis: { type: "value", name: "USD" },
        series: [line("deposited by the treasury", (o) => o.deposited), line("paid to holders", (o) => o.paid)],
      },
    });
  }
  return charts;
}

const proceedsSection = (p: LotReport["proceeds"]): string =>
  p === null
    ? `<p class="empty">No sale proceeds deposited for this lot.</p>`
    : `${facts([
        ["deposited", `${p.deposited.text}${p.final ? `, final payment made ${p.finalAt}` : ", provisional so far"}`],
        ["paid to holders", p.paid.text],
        ["unclaimed", p.unclaimed.text],
        ["dust swept / sweepable", `${p.swept.text} / ${p.sweepable.text}`],
        ["units entitled / redeemed / outstanding", `${market(p.entitledSupply)} / ${market(p.redeemed)} / ${market(p.outstanding)}`],
        ["holders who redeemed", p.redeemers],
        ["retirable with units outstanding from", p.retirableAt ?? "after the final payment and the notice period"],
      ])}${table(
        ["time", "payment", "amount", "by", "transaction"],
        p.deposits.map((d) => [d.timestamp ?? `block ${d.block}`, d.kind, d.amount.text, d.by, d.transactionHash]),
        [2],
      )}`;

const tradingSection = (t: LotReport["trading"]): string =>
  `${facts([
    ["last traded price", t.lastTradeText],
    ["traded volume", t.volumeText],
    ...(t.lastTrade ? ([["last trade", `seller ${t.lastTrade.seller}, buyer ${t.lastTrade.buyer}, transaction ${t.lastTrade.transactionHash}`]] as [string, unknown][]) : []),
  ])}${
    t.overTime.length === 0
      ? ""
      : table(
          ["traded", "trades", "units", "money", "price per market unit"],
          t.overTime.map((p) => [p.timestamp, p.trades, market(p.volume), p.value.text, p.price.text]),
          [1, 2, 3, 4],
        )
  }`;

export const offeringsTable = (offerings: LotReport["offering"]): string =>
  offerings.length === 0
    ? `<p class="empty">No offering of this lot.</p>`
    : offerings
        .map(
          (o) =>
            `<h3>Offering ${esc(o.offeringId)}: ${esc(o.outcome)}</h3>${facts([
              ["price", `${o.price.text} (${o.priceQuote})`],
              ["window", `${o.window.start} to ${o.window.end}`],
              ["tickets", `${market(o.minTicket)} to ${market(o.maxTicket)}`],
              ["soft / hard cap", `${market(o.softCap)} / ${market(o.hardCap)}`],
              ["requested", market(o.totalRequested)],
              ["minted / delivered / refused / returned", `${market(o.minted)} / ${market(o.delivered)} / ${market(o.refused)} / ${market(o.returned)}`],
              ["subscribers (not claimed)", `${o.subscribers} (${o.unclaimed})`],
              ["paid in", o.paidIn.text],
              ["refunds paid / still to claim", `${o.refundsPaid.text} / ${o.refundsClaimable.text}`],
              ["units still to claim", market(o.unitsClaimable)],
              ["proceeds released / withdrawn by the treasury", `${o.proceedsReleased.text} / ${o.proceedsWithdrawn.text} (treasury ${o.treasury})`],
              ["held in escrow", o.escrow.text],
            ])}`,
        )
        .join("");

function lotBody(report: LotReport): string {
  return `<h2>Facts</h2>${facts([
    ["mineral", `${report.commodity} (${report.symbol}) ${report.form}, basis ${report.basisLabel}`],
    ["state", report.state],
    ["origin", `${report.origin.place} (${report.origin.countryLabel}); origin id ${report.originId}`],
    ["external reference", `${report.externalRef} (keccak-256 of the warehouse receipt or bar serials, which stay off chain)`],
    ["custodian", `${report.custodian} at ${report.location}`],
    ["wet mass", report.figures.wetMass],
    ["moisture / grade / payable", `${report.figures.moisturePercent} % / ${report.figures.gradePercent} % / ${report.figures.payablePercent} %`],
    ["contained", market(report.quantities.contained)],
    ["payable", market(report.quantities.payable)],
    ["attested", market(report.quantities.attested)],
    ["minted / burned / outstanding", `${market(report.quantities.minted)} / ${market(report.quantities.burned)} / ${market(report.quantities.outstanding)}`],
    ["minted of attested", `${report.mintedOfAttestedPercent} %`],
    ["metadata", report.metadataURI],
  ])}
<h2>Valuation</h2>${facts([
    ["price", report.valuation.price.text],
    ["value of the payable metal", report.valuation.payable.text],
    ["value of the units outstanding", report.valuation.outstanding.text],
    ...report.byProducts.map((b): [string, unknown] => [`by-product: ${b.commodity} at ${b.grade}`, `${market(b.contained)} contained, ${b.value.status === "valued" ? `worth ${b.value.text} at ${b.price.text}` : b.value.text}`]),
    ["rounding", "values rounded down to the cent; a stale or missing price is never used; a sold or retired lot's metal is not valued"],
  ])}
<h2>Cap table</h2>${table(
    ["holder", "investor", "country", "class", "units", "share", "frozen", "value"],
    report.holders.map((h) =>
      h.label
        ? [`${h.label} ${h.holder}`, "-", "platform account", "-", market(h.balance), `${h.sharePercent} %`, market(h.frozen), h.value.text]
        : [h.holder, h.investorId, `${h.countryName} (${h.countryLabel})`, h.investorClass, market(h.balance), `${h.sharePercent} %`, `${market(h.frozen)}${h.accountFrozen ? " (account frozen)" : ""}`, h.value.text],
    ),
    [4, 5, 6, 7],
  )}
<h2>Rules and holds</h2>${facts([
    ["minimum class", report.rules.minClass],
    ["countries", report.rules.restrictCountries ? report.rules.allowedCountries.map((c) => c.name).join(", ") || "none allowed" : "any"],
    ["holders", `${report.rules.holders} of ${report.rules.maxHolders || "no limit"}`],
    ["minimum holding", market(report.rules.minHolding)],
    ["lock-up end", report.rules.lockupEnd ?? "none"],
    ["hold", report.rules.onHold ? `on hold: ${report.rules.holdReason ?? "no reason given"}` : "none"],
  ])}
<h2>Offering</h2>${offeringsTable(report.offering)}
<h2>Trading</h2>${tradingSection(report.trading)}
<h2>Proceeds</h2>${proceedsSection(report.proceeds)}
<h2>Documents</h2>${table(["#", "type", "sha256", "uri", "issuer", "issued"], report.documents.map((d) => [d.index, d.docType, d.sha256, d.uri, d.issuer, d.issuedAt]))}
<h2>Timeline</h2>${table(["time", "step", "by", "transaction"], report.timeline.map((e) => [e.timestamp, e.to ? `${e.event}: ${e.from} → ${e.to}` : e.event, e.actorLabel ? `${e.actorLabel} ${e.actor}` : e.actor, e.transactionHash]))}`;
}

/**
 * One lot's report as a self-contained HTML page.
 *
 * @example
 * await writeFile("lot-1.html", lotHtml(await getLotReport(client, { deployment, lotId: 1n })))
 */
export function lotHtml(report: LotReport): string {
  const charts = lotCharts(report, "lot-");
  return page(
    `Lot ${report.lotId}: ${report.commodity}`,
    `<h1>Lot ${esc(report.lotId)}: ${esc(report.commodity)} ${esc(report.form)}</h1><p class="sub">${esc(report.state)}; report of ${esc(new Date().toISOString())}</p>${chartSections(charts)}${lotBody(report)}`,
    charts,
  );
}

/**
 * The platform report as a self-contained HTML page.
 *
 * @example
 * await writeFile("platform.html", platformHtml(await getPlatformReport(client, { deployment })))
 */
export function platformHtml(report: PlatformReport): string {
  const charts: Chart[] = [];
  const valued = report.totals.filter((t) => t.value.cents !== undefined);
  if (valued.length > 0) {
    charts.push(bar("value-by-mineral", "Value of payable metal in custody by mineral (USD)", valued.map((t) => t.commodity), valued.map((t) => Number(t.value.cents) / 100), "USD"));
  }
  for (const t of report.totals) {
    const origins = report.byOrigin.filter((o) => o.commodity === t.commodity);
    if (origins.length === 0) continue;
    const unit = t.contained.marketUnit;
    charts.push(bar(`origin-${t.commodity.replace(/\W/g, "-")}`, `Contained ${t.commodity} by origin: district and province (${unit})`, origins.map((o) => (o.districtName ? `${o.districtName}, ${o.provinceName}` : o.countryName)), origins.map((o) => marketNumber(o.contained)), unit));
  }
  const f = report.funds;
  if (f.offerings.open + f.offerings.succeeded + f.offerings.failed > 0) {
    const usd = (m: { usd: string }) => Number(m.usd);
    charts.push(bar("offering-funds", "Offering funds (USD)", ["paid in", "raised", "withdrawn", "refunded", "refunds to claim", "in escrow"], [f.paidIn, f.raised, f.withdrawn, f.refunded, f.refundsClaimable, f.escrow].map(usd), "USD"));
  }
  if (f.proceeds.lots > 0) {
    charts.push(bar("sale-proceeds", "Sale proceeds (USD)", ["deposited", "paid to holders", "unclaimed", "dust swept"], [f.proceeds.deposited, f.proceeds.paid, f.proceeds.unclaimed, f.proceeds.swept].map((m) => Number(m.usd)), "USD"));
  }
  const tradedSince = report.lots.find((l) => l.trading.since !== null)?.trading.since;
  const body = `<h1>Platform report</h1><p class="sub">chain ${report.chainId}; ${report.lots.length} lot(s); report of ${esc(new Date().toISOString())}</p>
${charts.length ? chartSections(charts) : '<p class="empty">No lots yet: nothing to chart.</p>'}
<h2>By mineral</h2>${table(
    ["mineral", "lots", "by state", "contained", "payable", "payable in custody", "price", "value in custody"],
    report.totals.map((t) => [t.commodity, t.lots, Object.entries(t.byState).map(([s, n]) => `${s} ${n}`).join(", "), market(t.contained), market(t.payable), market(t.inCustody), t.price.text, t.value.text]),
    [1, 3, 4, 5, 7],
  )}
<p>Total value: <strong data-testid="total-value">${esc(report.totalValue.text)}</strong>, the ${esc(report.totalValue.basis)}${report.totalValue.unvalued.length ? ` (not valued, no fresh price: ${esc(report.totalValue.unvalued.join(", "))})` : ""}.</p>
<h2>By origin</h2>${table(["district", "province", "country", "mineral", "lots", "contained"], report.byOrigin.map((o) => [o.districtName ?? "-", o.provinceName ?? "-", `${o.countryName} (${o.countryLabel})`, o.commodity, o.lots, market(o.contained)]), [4, 5])}
<h2>Investors holding units</h2><p>${report.investors.holding} investor(s).</p>
${table(["country", "investors"], report.investors.byCountry.map((c) => [`${c.countryName} (${c.countryLabel})`, c.investors]), [1])}
${table(["class", "investors"], report.investors.byClass.map((c) => [c.investorClass, c.investors]), [1])}
<h2>Funds raised, paid out and unclaimed</h2>${facts([
    ["offerings", `${f.offerings.open} open, ${f.offerings.succeeded} succeeded, ${f.offerings.failed} failed`],
    ["paid in by subscribers", f.paidIn.text],
    ["raised (delivered units)", f.raised.text],
    ["withdrawn by treasuries", f.withdrawn.text],
    ["refunded to investors", f.refunded.text],
    ["refunds still to claim", f.refundsClaimable.text],
    ["held in escrow", f.escrow.text],
    ["sale proceeds deposited", `${f.proceeds.deposited.text} over ${f.proceeds.lots} lot(s)`],
    ["sale proceeds paid to holders", f.proceeds.paid.text],
    ["sale proceeds unclaimed", f.proceeds.unclaimed.text],
    ["rounding dust swept", f.proceeds.swept.text],
  ])}
<h2>Lots</h2>${tradedSince ? `<p class="sub">Traded volume since ${esc(tradedSince)}.</p>` : ""}${table(
    ["lot", "mineral", "state", "origin", "payable", "outstanding", "holders", "value of the payable metal", "last traded price", "traded volume"],
    report.lots.map((l) => [
      l.lotId,
      l.commodity,
      l.state,
      l.originId,
      market(l.quantities.payable),
      market(l.quantities.outstanding),
      l.holders.length,
      l.valuation.payable.text,
      l.trading.lastTrade?.priceText ?? "-",
      l.trading.trades === 0 ? "-" : `${market(l.trading.volume)} for ${l.trading.value.text} (${l.trading.trades} trade${l.trading.trades === 1 ? "" : "s"})`,
    ]),
    [0, 4, 5, 6, 7, 8, 9],
  )}`;
  return page("Platform report", body, charts);
}

/**
 * An investor wallet's report as a self-contained HTML page.
 *
 * @example
 * await writeFile("investor.html", investorHtml(await getInvestorReport(client, { deployment, wallet })))
 */
export function investorHtml(report: InvestorReport): string {
  const valued = report.holdings.filter((h) => h.value.cents !== undefined);
  const charts = valued.length ? [pie("holdings", "Holdings by value", valued.map((h) => ({ name: `lot ${h.lotId} ${h.commodity}`, value: Number(h.value.cents) / 100 })))] : [];
  const body = `<h1>Investor ${esc(report.investorId)}</h1><p class="sub">wallet ${esc(report.wallet)}; ${esc(report.countryName)} (${esc(report.countryLabel)}), ${esc(report.investorClass)}${report.accountFrozen ? "; ACCOUNT FROZEN" : ""}</p>
${chartSections(charts)}
<p>Cash: <strong>${esc(report.cash ? `${report.cash.text} of the payment stablecoin` : "no payment stablecoin in this deployment")}</strong>.</p>
<h2>Holdings</h2>${table(["lot", "mineral", "state", "units", "price", "value"], report.holdings.map((h) => [h.lotId, h.commodity, h.state, market(h.balance), h.price.text, h.value.text]), [3, 5])}
<p>Value of the holdings: <strong>${esc(report.totalValue.text)}</strong>, ${esc(report.totalValue.basis)}.</p>
<h2>Offerings</h2>${table(
    ["offering", "lot", "state", "requested", "paid", "allocated", "to claim: units", "to claim: refund"],
    report.offerings.map((o) => [o.offeringId, o.lotId, o.claimed ? `${o.state}, claimed` : o.state, market(o.requested), o.paid.text, market(o.allocated), market(o.claimable.units), o.claimable.refund.text]),
    [3, 4, 5, 6, 7],
  )}
<p>Refunds to claim from offerings: <strong>${esc(report.refundsClaimable.text)}</strong>.</p>
<h2>Sale proceeds</h2>${table(
    ["lot", "mineral", "payments", "redeemed", "paid", "to claim"],
    report.proceeds.map((p) => [p.lotId, p.commodity, p.final ? "final" : "provisional", market(p.redeemed), p.paid.text, p.claimable.text]),
    [3, 4, 5],
  )}
<p>Sale proceeds to claim: <strong>${esc(report.proceedsClaimable.text)}</strong>.</p>
<h2>History</h2>${table(["block", "lot", "direction", "counterparty", "units", "transaction"], report.history.map((m) => [m.block, m.lotId, m.direction, m.counterpartyLabel ? `${m.counterpartyLabel} ${m.counterparty}` : m.counterparty, market(m.amount), m.transactionHash]))}`;
  return page(`Investor ${report.investorId}`, body, charts);
}
