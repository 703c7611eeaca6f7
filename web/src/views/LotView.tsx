/**
 * A lot: its facts in the mineral's market unit, value, rules, offering progress against soft and hard caps, sale
 * proceeds and physical delivery (each with the acting party's actions), cap table, a transfer, documents and timeline.
 */
import { useState } from "react";
import { isAddress, type Address } from "viem";
import { Quantity, formatPrice, parseCommodity } from "../../../src/index.ts";
import { Action } from "../Action.tsx";
import type { Reader } from "../chain.ts";
import { useLive, type Actor } from "../shared.ts";
import { qty, short, when } from "../format.ts";
import { DeliveryRequests, RequestDeliveryAction, SetMinimumDeliveryAction } from "./Delivery.tsx";
import { LotLiquidity } from "./Liquidity.tsx";
import { OfferingActions, OfferingProgress } from "./Offering.tsx";
import { ClaimProceedsAction, DepositProceedsAction, LotProceeds, OpenSettlementAction, readProceeds } from "./Proceeds.tsx";
import { ProvenanceGraph } from "./ProvenanceGraph.tsx";

export function LotView({ reader, actor, lotId, tick }: { reader: Reader; actor: Actor | undefined; lotId: bigint; tick: string }) {
  const { data, error } = useLive(
    async () => ({
      report: await reader.getLotReport({ lotId }),
      offerings: await reader.listOfferings({ lotId, ...(actor ? { investor: actor.address } : {}) }),
      deliveries: (await reader.listDeliveries({})).filter((request) => request.lotId === lotId),
      sale: await readProceeds(reader, lotId),
      held: actor ? ((await reader.getBalances({ owner: actor.address })).find((h) => h.lotId === lotId)?.balance.base ?? 0n) : 0n,
      heldBy: actor?.address,
    }),
    `${tick}:${lotId}:${actor?.address}`,
  );
  // The last lot read stays shown while a new block is read, but not under another lot's address: its actions would act on the wrong mineral.
  if (!data || data.report.lotId !== lotId.toString()) return <p className={error ? "refused" : "muted"}>{error ?? `Reading lot ${lotId}…`}</p>;
  const { report: r, offerings, deliveries, sale, held, heldBy } = data;
  // What the acting party may do here: its roles, and whether it holds units of this lot (read for this party, not
  // the one acting before the switch, whose figures stay shown until the new ones are read).
  const holds = held > 0n && heldBy === actor?.address;
  const commodity = parseCommodity(r.commodity);
  const sold = r.state === "settling" || r.state === "retired";
  const q = r.quantities;
  return (
    <section data-testid="lot">
      <p><a href="#/">← platform</a></p>
      <h1>
        Lot {r.lotId}: {r.commodity} {r.form} <span className={`state state-${r.state}`}>{r.state}</span>
        {r.rules.onHold && <span className="state state-hold">on hold: {r.rules.holdReason}</span>}
      </h1>
      <div className="columns">
        <table className="facts">
          <tbody>
            <tr><th>Origin</th><td data-testid="origin">{r.originId}: {r.origin.place} ({r.origin.countryLabel})</td></tr>
            <tr><th>Custody</th><td>{r.location} · {short(r.custodian)}</td></tr>
            <tr><th>Wet mass</th><td>{r.figures.wetMass}</td></tr>
            <tr><th>Moisture · grade · payable</th><td>{r.figures.moisturePercent}% · {r.figures.gradePercent}% ({r.basisLabel}) · {r.figures.payablePercent}%</td></tr>
            <tr><th>Contained</th><td>{qty(q.contained)}</td></tr>
            <tr><th>Payable</th><td data-testid="payable">{qty(q.payable)}</td></tr>
            <tr><th>Attested · minted</th><td>{qty(q.attested)} · {qty(q.minted)} ({r.mintedOfAttestedPercent}%)</td></tr>
            <tr><th>Outstanding</th><td data-testid="outstanding">{qty(q.outstanding)}</td></tr>
            <tr><th>Price</th><td>{r.valuation.price.text}</td></tr>
            <tr><th>Value of the payable metal</th><td data-testid="lot-value">{r.valuation.payable.text}</td></tr>
            {r.byProducts.map((b) => (
              <tr key={b.commodity}><th>By-product: {b.commodity} at {b.grade}</th><td data-testid="by-product">{qty(b.contained)} contained · {b.value.text}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="facts">
          <tbody>
            <tr><th>Minimum class</th><td>{r.rules.minClass}</td></tr>
            <tr><th>Countries</th><td>{r.rules.restrictCountries ? r.rules.allowedCountries.map((c) => c.name).join(", ") : "any"}</td></tr>
            <tr><th>Holders</th><td>{r.rules.holders}{r.rules.maxHolders > 0 ? ` of at most ${r.rules.maxHolders}` : ""}</td></tr>
            <tr><th>Minimum holding</th><td>{qty(r.rules.minHolding)}</td></tr>
            <tr><th>Lock-up until</th><td>{r.rules.lockupEnd ? when(r.rules.lockupEnd) : "none"}</td></tr>
          </tbody>
        </table>
      </div>

      {offerings.map((o) => (
        <div key={o.offeringId.toString()} className="card wide" data-testid={`offering-${o.offeringId}`}>
          <h2>
            Offering {o.offeringId.toString()} at {formatPrice(o.price, o.commodity)}{" "}
            <span className={`state state-${o.state}`} data-testid={`offering-state-${o.offeringId}`}>{o.state}</span>
          </h2>
          <OfferingProgress offering={o} />
          {o.position && o.position.requested.base > 0n && (
            <p data-testid={`position-${o.offeringId}`}>
              {actor?.label}: requested {o.position.requested.format()}, paid {o.position.paid.format()}
              {o.state !== "open" && `, allocated ${o.position.allocation.format()}, refund ${o.position.refund.format()}${o.position.claimed ? " (claimed)" : ""}`}
            </p>
          )}
          {actor && <OfferingActions key={actor.address} offering={o} actor={actor} tick={tick} />}
        </div>
      ))}

      <LotLiquidity reader={reader} actor={actor} lotId={lotId} commodity={r.commodity} trading={r.trading} holds={holds} tick={tick} />

      <h2>Sale proceeds</h2>
      {sold ? <LotProceeds proceeds={sale.proceeds} payments={sale.payments} /> : <p className="muted" data-testid="not-sold">Lot {r.lotId} is not sold: proceeds are paid once it is settling.</p>}
      {actor && (
        <div className="actions" key={`proceeds-${lotId}-${actor.address}`}>
          {r.state === "warehoused" && actor.can.issuer && <OpenSettlementAction actor={actor} lotId={lotId} tick={tick} />}
          {sold && actor.can.treasury && <DepositProceedsAction actor={actor} lotId={lotId} tick={tick} />}
          {sold && (holds || actor.can.investor) && <ClaimProceedsAction actor={actor} lotId={lotId} tick={tick} />}
        </div>
      )}

      <h2>Physical delivery</h2>
      <DeliveryRequests requests={deliveries} actor={actor} custodian={r.custodian} tick={tick} />
      {actor && (holds || (actor.can.issuer && !sold)) && (
        <div className="actions" key={`delivery-${lotId}-${actor.address}`}>
          {holds && <RequestDeliveryAction actor={actor} lotId={lotId} commodity={commodity} tick={tick} />}
          {actor.can.issuer && !sold && <SetMinimumDeliveryAction actor={actor} lotId={lotId} commodity={commodity} tick={tick} />}
        </div>
      )}

      <h2>Cap table</h2>
      <table data-testid="cap-table">
        <thead>
          <tr><th>Holder</th><th>Investor</th><th>Balance</th><th>Share</th><th>Frozen</th><th>Value</th></tr>
        </thead>
        <tbody>
          {r.holders.map((h) => (
            <tr key={h.holder}>
              <td><a href={`#/investor/${h.holder}`}>{h.label ?? short(h.holder)}</a>{h.label && <span className="muted"> {short(h.holder)}</span>}</td>
              <td>{h.label ? "platform account (holds units for others)" : h.investorId === "0" ? "not in the investor registry" : `${h.investorClass}, ${h.countryName}`}</td>
              <td>{qty(h.balance)}</td>
              <td>{h.sharePercent}%</td>
              <td>{h.accountFrozen ? "account frozen" : qty(h.frozen)}</td>
              <td>{h.value.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {actor && holds && <TransferAction key={actor.address} actor={actor} lotId={lotId} commodity={r.commodity} tick={tick} />}

      <ProvenanceGraph reader={reader} lotId={lotId} tick={tick} />

      <h2>Documents</h2>
      <table>
        <thead>
          <tr><th>Type</th><th>SHA-256</th><th>URI</th><th>Issued</th><th>By</th></tr>
        </thead>
        <tbody>
          {r.documents.map((d) => (
            <tr key={d.index}><td>{d.docType}</td><td className="mono">{d.sha256.slice(0, 18)}…</td><td>{d.uri}</td><td>{when(d.issuedAt)}</td><td>{short(d.issuer)}</td></tr>
          ))}
        </tbody>
      </table>

      <h2>Timeline</h2>
      <table>
        <thead>
          <tr><th>When</th><th>Step</th><th>State</th><th>By</th><th>Block</th></tr>
        </thead>
        <tbody>
          {r.timeline.map((e) => (
            <tr key={`${e.transactionHash}-${e.event}`}>
              <td>{when(e.timestamp)}</td><td>{e.event}</td><td>{e.from && e.to ? `${e.from} → ${e.to}` : (e.to ?? "")}</td><td>{e.actorLabel ?? short(e.actor)}</td><td>{e.block}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Transfer units of the lot, checked by the SDK's `checkTransfer` (ERC-7943 `canTransfer` and its reason). */
function TransferAction({ actor, lotId, commodity, tick }: { actor: Actor; lotId: bigint; commodity: string; tick: string }) {
  const [to, setTo] = useState("");
  const [amount, setAmount] = useState("1");
  const c = parseCommodity(commodity);
  const ready = isAddress(to);
  return (
    <Action
      id="transfer"
      title={`Transfer units of lot ${lotId}`}
      button="Transfer"
      checkKey={`${tick}:${actor.address}:${to}:${amount}`}
      check={ready ? () => actor.sdk.checkTransfer({ from: actor.address, to: to as Address, lotId, amount: Quantity.parse(c, amount.trim()) }) : undefined}
      send={async () => {
        const r = await actor.sdk.transferUnits({ lotId, to: to as Address, amount: Quantity.parse(c, amount.trim()) });
        return `Transferred ${r.transferred.format()} of lot ${lotId} to ${to}`;
      }}
    >
      <label>
        To <input data-testid="transfer-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="0x…" size={44} />
      </label>{" "}
      <label>
        Units <input data-testid="transfer-amount" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
      </label>
    </Action>
  );
}
