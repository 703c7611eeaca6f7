/** The platform: totals and value per mineral, every lot by mineral with its value, origins, investors, offerings. */
import { useLive } from "../App.tsx";
import type { Reader } from "../chain.ts";
import { qty } from "../format.ts";
import { OfferingProgress } from "./Offering.tsx";

export function PlatformView({ reader, tick }: { reader: Reader; tick: string }) {
  const { data, error } = useLive(async () => ({ report: await reader.getPlatformReport(), offerings: await reader.listOfferings() }), tick);
  if (!data) return <p className={error ? "refused" : "muted"}>{error ?? "Reading the platform…"}</p>;
  const { report, offerings } = data;
  return (
    <section data-testid="platform">
      <h1>The platform</h1>
      <div className="cards">
        <div className="card">
          <div className="muted">Value of all lots</div>
          <div className="big" data-testid="total-value">{report.totalValue.text}</div>
          {report.totalValue.unvalued.length > 0 && <div className="muted">not valued: {report.totalValue.unvalued.join(", ")}</div>}
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
          <tr><th>Mineral</th><th>Lots</th><th>Payable</th><th>Units outstanding</th><th>Price</th><th>Value</th></tr>
        </thead>
        <tbody>
          {report.totals.map((t) => (
            <tr key={t.commodity}>
              <td>{t.commodity}</td>
              <td>{t.lots}</td>
              <td>{qty(t.payable)}</td>
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
          <tr><th>Lot</th><th>Mineral</th><th>Form</th><th>State</th><th>Origin</th><th>Payable</th><th>Outstanding</th><th>Value</th></tr>
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
              <td>{lot.valuation.outstanding.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {offerings.length > 0 && (
        <>
          <h2>Offerings</h2>
          {offerings.map((o) => (
            <div key={o.offeringId.toString()} className="card wide">
              <a href={`#/lot/${o.lotId}`}>Offering {o.offeringId.toString()} · lot {o.lotId.toString()}</a> at {o.price.format()} per market unit ·{" "}
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
              <tr><th>Country</th><th>Mineral</th><th>Lots</th><th>Contained</th></tr>
            </thead>
            <tbody>
              {report.byOrigin.map((o) => (
                <tr key={`${o.country}-${o.commodity}`}>
                  <td>{o.countryName} ({o.countryLabel})</td>
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
