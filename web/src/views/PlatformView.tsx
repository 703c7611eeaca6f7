/** The platform: what it is, totals and value per mineral, every lot with its value, origins, investors, offerings. */
import { formatPrice } from "../../../src/index.ts";
import type { Reader } from "../chain.ts";
import { qty } from "../format.ts";
import { useLive } from "../shared.ts";
import { OfferingProgress } from "./Offering.tsx";

export function PlatformView({ reader, tick }: { reader: Reader; tick: string }) {
  const { data, error } = useLive(async () => ({ report: await reader.getPlatformReport(), offerings: await reader.listOfferings() }), tick);
  if (!data) return <p className={error ? "refused" : "muted"}>{error ?? "Reading the platform…"}</p>;
  const { report, offerings } = data;
  return (
    <section data-testid="platform">
      <h1>The platform</h1>
      <p className="intro" data-testid="intro">
        Each physical lot of gold, copper, tungsten, antimony or rare earths a producer exports is registered here with its origin, assay, custody and
        documents, and becomes its own token whose units investors hold, trade, redeem for sale proceeds or take delivery of. Every figure on this page
        is read from the chain through the project's SDK and re-read on every block. Choose a party under <em>Act as</em> to see what it may do: each
        action shows the SDK's check, in one sentence, before anything is signed.
      </p>
      <div className="cards">
        <div className="card">
          <div className="muted">Value of the metal in custody</div>
          <div className="big" data-testid="total-value">{report.totalValue.text}</div>
          <div className="muted" data-testid="total-value-basis">{report.totalValue.basis}</div>
          {report.totalValue.unvalued.length > 0 && <div className="muted">not valued, no fresh price: {report.totalValue.unvalued.join(", ")}</div>}
        </div>
        <div className="card">
          <div className="muted">Lots</div>
          <div className="big">{report.lots.length}</div>
        </div>
        <div className="card">
          <div className="muted">Investors holding units</div>
          <div className="big">{report.investors.holding}</div>
        </div>
        <div className="card">
          <div className="muted">Offerings open</div>
          <div className="big">{offerings.filter((o) => o.state === "open").length}</div>
        </div>
      </div>

      <h2>By mineral</h2>
      <table>
        <thead>
          <tr><th>Mineral</th><th>Lots</th><th>Payable (all lots)</th><th>Payable in custody</th><th>Units outstanding</th><th>Price</th><th>Value in custody</th></tr>
        </thead>
        <tbody>
          {report.totals.map((t) => (
            <tr key={t.commodity}>
              <td>{t.commodity}</td>
              <td>{t.lots}</td>
              <td>{qty(t.payable)}</td>
              <td>{qty(t.inCustody)}</td>
              <td>{qty(t.outstanding)}</td>
              <td>{t.price.text}</td>
              <td>{t.value.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Lots</h2>
      <table data-testid="lots">
        <thead>
          <tr><th>Lot</th><th>Mineral</th><th>Form</th><th>State</th><th>Origin</th><th>Payable</th><th>Outstanding</th><th>Value of the payable metal</th></tr>
        </thead>
        <tbody>
          {report.lots.map((lot) => (
            <tr key={lot.lotId}>
              <td><a href={`#/lot/${lot.lotId}`}>Lot {lot.lotId}</a></td>
              <td>{lot.commodity}</td>
              <td>{lot.form}</td>
              <td><span className={`state state-${lot.state}`}>{lot.state}</span></td>
              <td>{lot.originId}</td>
              <td>{qty(lot.quantities.payable)}</td>
              <td>{qty(lot.quantities.outstanding)}</td>
              <td>{lot.valuation.payable.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {offerings.length > 0 && (
        <>
          <h2>Offerings</h2>
          {offerings.map((o) => (
            <div key={o.offeringId.toString()} className="card wide">
              <a href={`#/lot/${o.lotId}`}>Offering {o.offeringId.toString()} · lot {o.lotId.toString()}</a> at {formatPrice(o.price, o.commodity)} ·{" "}
              <span className={`state state-${o.state}`}>{o.state}</span>
              <OfferingProgress offering={o} />
            </div>
          ))}
        </>
      )}

      <div className="columns">
        <div>
          <h2>Origins</h2>
          <table>
            <thead>
              <tr><th>District, province</th><th>Mineral</th><th>Lots</th><th>Contained</th></tr>
            </thead>
            <tbody>
              {report.byOrigin.map((o) => (
                <tr key={`${o.country}-${o.province ?? ""}-${o.district ?? ""}-${o.commodity}`}>
                  <td>{o.place}</td>
                  <td>{o.commodity}</td>
                  <td>{o.lots}</td>
                  <td>{qty(o.contained)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Investors</h2>
          <table>
            <thead>
              <tr><th>Country</th><th>Investors</th></tr>
            </thead>
            <tbody>
              {report.investors.byCountry.map((c) => (
                <tr key={c.country}><td>{c.countryName} ({c.countryLabel})</td><td>{c.investors}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
