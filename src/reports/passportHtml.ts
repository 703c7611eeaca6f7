/**
 * A lot passport as one self-contained HTML page: the provenance graph drawn (ECharts, inlined, animation off), then
 * every step with its mass balance, and every lot of the graph with its origin, history, documents and holders.
 */
import type { Passport, PassportLot } from "../actions/reports/passport.ts";
import { esc, facts, market, offeringsTable, page, table, type Chart } from "./html.ts";
import { provenanceChartHeight, provenanceChartOption, stepNodeName } from "./provenanceGraph.ts";

const lotList = (ids: readonly string[]): string => (ids.length === 0 ? "none" : ids.map((id) => `lot ${id}`).join(", "));

function lotSection(lot: PassportLot): string {
  const o = lot.origin;
  const where = `${o.place} (${[o.province, o.countryLabel].filter(Boolean).join(", ")}), concession ${o.concession}`;
  const conversion = lot.conversion
    ? `${market(lot.conversion.consumed)} consumed by step ${lot.consumedBy}; of ${market(lot.conversion.outstanding)} of units then held by investors, ${market(lot.conversion.converted)} converted${lot.conversion.convertedPercent === null ? "" : ` (${lot.conversion.convertedPercent} %)`}`
    : "not processed";
  return `<section class="lot" id="lot-${esc(lot.lotId)}" data-lot="${esc(lot.lotId)}">
<h2>Lot ${esc(lot.lotId)}: ${esc(lot.commodity)} ${esc(lot.form)} (${esc(lot.state)})</h2>${facts([
    ["origin", `${where} (origin id ${o.originId})`],
    ["produced by", lot.producedBy === null ? "registered from the mine" : `step ${lot.producedBy}`],
    ["processing", conversion],
    ["custodian", `${lot.custodian} at ${lot.location}${lot.pendingCustodian ? ` (in transit to ${lot.pendingCustodian})` : ""}`],
    ["external reference", `${lot.externalRef} (keccak-256 of the warehouse receipt or batch number, which stays off chain)`],
    ["wet mass / moisture / grade / payable", `${lot.figures.wetMass} / ${lot.figures.moisturePercent} % / ${lot.figures.gradePercent} % ${lot.basisLabel} / ${lot.figures.payablePercent} %`],
    ["contained / payable / attested", `${market(lot.quantities.contained)} / ${market(lot.quantities.payable)} / ${market(lot.quantities.attested)}`],
    ["minted / burned / outstanding", `${market(lot.quantities.minted)} / ${market(lot.quantities.burned)} / ${market(lot.quantities.outstanding)}`],
    ["by-products assayed", lot.byProducts.length === 0 ? "none" : lot.byProducts.map((b) => `${b.commodity} at ${b.grade}: ${market(b.contained)}`).join("; ")],
  ])}
<h3>History</h3>${table(
    ["time", "step", "what it recorded", "by", "transaction"],
    lot.history.map((e) => [e.timestamp, e.to ? `${e.event}: ${e.from} → ${e.to}` : e.event, e.text, e.actorLabel ? `${e.actorLabel} ${e.actor}` : e.actor, e.transactionHash]),
  )}
<h3>Documents</h3>${table(
    ["#", "type", "sha256", "uri", "recorded by", "recorded at", "issued"],
    lot.documents.map((d) => [d.index, d.docType, d.sha256, d.uri, d.recordedBy, d.recordedAt ?? "-", d.issuedAt.slice(0, 10)]),
  )}
<h3>Holders</h3>${table(
    ["holder", "investor", "country", "class", "units", "share"],
    lot.holders.map((h) => (h.label ? [`${h.label} ${h.holder}`, "-", "platform account", "-", market(h.balance), `${h.sharePercent} %`] : [h.holder, h.investorId, `${h.countryName} (${h.countryLabel})`, h.investorClass, market(h.balance), `${h.sharePercent} %`])),
    [4, 5],
  )}
<h3>Offerings</h3>${offeringsTable(lot.offerings)}
</section>`;
}

/**
 * A lot passport as a self-contained HTML page, with its provenance graph drawn.
 *
 * @example
 * await writeFile("passport-9.html", passportHtml(await getPassport(client, { deployment, lotId: 9n })))
 */
export function passportHtml(passport: Passport): string {
  const lot = passport.lots.find((l) => l.lotId === passport.lotId)!;
  const graph: Chart = { id: "passport-graph", title: "Provenance", option: provenanceChartOption(passport) };
  const lots = new Map(passport.lots.map((l) => [l.lotId, l]));
  const body = `<h1>Passport of lot ${esc(passport.lotId)}: ${esc(lot.commodity)} ${esc(lot.form)}</h1>
<p class="sub">As the chain recorded it at block ${esc(passport.asOf.block)} (${esc(passport.asOf.time)}, hash ${esc(passport.asOf.blockHash)}) on chain ${esc(passport.asOf.chainId)}, lot registry ${esc(passport.asOf.registry)}. Anyone can make it again from the chain and compare: <code>minerals passport verify passport-${esc(passport.lotId)}.json --documents DIR</code>.</p>
<p>From the mine: ${esc(passport.origins.map((id) => `lot ${id} (${lots.get(id)?.origin.originId}, ${lots.get(id)?.origin.countryName})`).join("; "))}. Latest products: ${esc(lotList(passport.products))}.</p>
<h2>Provenance</h2>
<div class="chart" id="${graph.id}" data-chart="${graph.id}" style="height:${provenanceChartHeight(passport)}px"></div>
<h2>Steps</h2>${table(
    ["step", "when", "by", "consumed", "produced", "mass balance", "transaction"],
    passport.steps.map((s) => [
      stepNodeName(s),
      s.at,
      s.byLabel ? `${s.byLabel} ${s.by}` : s.by,
      s.inputs.map((id) => `lot ${id}${lots.get(id)?.consumed ? `: ${market(lots.get(id)!.consumed!)}` : ""}`).join("; "),
      lotList(s.outputs),
      s.massBalance ? `consumed ${market(s.massBalance.consumed)}, produced ${market(s.massBalance.produced)}, loss ${market(s.massBalance.loss)}` : "exact: a split or a blend yields what it consumes",
      s.transactionHash ?? "-",
    ]),
  )}
<h3>What each input gave each output</h3>${table(
    ["step", "from", "to", "quantity"],
    passport.edges.map((e) => [e.stepId, `lot ${e.from}`, `lot ${e.to}`, market(e.quantity)]),
    [3],
  )}
${passport.lots.map(lotSection).join("\n")}`;
  return page(`Passport of lot ${passport.lotId}`, body, [graph]);
}
