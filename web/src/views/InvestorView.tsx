/**
 * An investor: its record, holdings with value, what it can claim from offerings and from sold lots' proceeds, its
 * pending delivery requests, its subscriptions and history.
 */
import type { Reader } from "../chain.ts";
import { useLive, type Actor } from "../shared.ts";
import { qty, same, short, when } from "../format.ts";
import { OfferingActions } from "./Offering.tsx";
import { ClaimProceedsAction } from "./Proceeds.tsx";

export function InvestorView({ reader, actor, wallet, tick }: { reader: Reader; actor: Actor | undefined; wallet: `0x${string}`; tick: string }) {
  const { data, error } = useLive(
    async () => {
      const sold = (await reader.listLots()).filter((lot) => lot.state === "settling" || lot.state === "retired");
      const proceeds = await Promise.all(sold.map((lot) => reader.getProceeds({ lotId: lot.lotId, holder: wallet })));
      return {
        report: await reader.getInvestorReport({ wallet }),
        offerings: await reader.listOfferings({ investor: wallet }),
        proceeds: proceeds.filter(({ position: p }) => p!.inWallet.base > 0n || p!.redeemed.base > 0n),
        deliveries: (await reader.listDeliveries({ holder: wallet })).filter((request) => request.status === "pending"),
      };
    },
    `${tick}:${wallet}`,
  );
  if (!data) return <p className={error ? "refused" : "muted"}>{error ?? `Reading ${wallet}…`}</p>;
  const { report: r, offerings, proceeds, deliveries } = data;
  const mine = offerings.filter((o) => o.position && o.position.requested.base > 0n);
  const claimable = mine.filter((o) => o.state !== "open" && !o.position!.claimed);
  const acting = actor && same(actor.address, wallet) ? actor : undefined;
  return (
    <section data-testid="investor">
      <p><a href="#/">← platform</a></p>
      <h1>Investor {short(r.wallet)}</h1>
      <p>
        {r.investorId === "0" ? "Not registered" : `Investor ${r.investorId}: ${r.investorClass}, ${r.countryName} (${r.countryLabel})`}
        {r.kycExpiry && ` · KYC valid until ${r.kycExpiry.slice(0, 10)}`}
        {r.accountFrozen && " · account frozen"}
      </p>
      <div className="cards">
        <div className="card">
          <div className="muted">Cash (payment stablecoin)</div>
          <div className="big" data-testid="investor-cash">{r.cash ? r.cash.text : "none in this deployment"}</div>
        </div>
        <div className="card">
          <div className="muted">Value of holdings</div>
          <div className="big" data-testid="investor-value">{r.totalValue.text}</div>
          <div className="muted">{r.totalValue.basis}</div>
        </div>
        <div className="card">
          <div className="muted">To claim</div>
          <div className="big" data-testid="investor-to-claim">{r.refundsClaimable.text}</div>
          <div className="muted">refunds from offerings; sale proceeds {r.proceedsClaimable.text}</div>
        </div>
      </div>

      <h2>Holdings</h2>
      <table data-testid="holdings">
        <thead>
          <tr><th>Lot</th><th>Mineral</th><th>State</th><th>Origin</th><th>Balance</th><th>Value</th></tr>
        </thead>
        <tbody>
          {r.holdings.map((h) => (
            <tr key={h.lotId} data-testid={`holding-${h.lotId}`}>
              <td><a href={`#/lot/${h.lotId}`}>Lot {h.lotId}</a></td><td>{h.commodity}</td><td>{h.state}</td><td>{h.originId}</td>
              <td className="balance">{qty(h.balance)}</td><td>{h.value.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>To claim</h2>
      {claimable.length === 0 && <p className="muted" data-testid="nothing-to-claim">Nothing to claim from offerings.</p>}
      {claimable.map((o) => (
        <div key={o.offeringId.toString()} className="card wide" data-testid={`claimable-${o.offeringId}`}>
          Offering {o.offeringId.toString()} (lot {o.lotId.toString()}, {o.state}): {o.position!.allocation.format()} and a refund of {o.position!.refund.format()}
          {acting && <OfferingActions key={acting.address} offering={o} actor={acting} tick={tick} />}
        </div>
      ))}

      <h2>Sale proceeds</h2>
      {proceeds.length === 0 && <p className="muted" data-testid="no-proceeds">No units of a sold lot.</p>}
      {proceeds.map((p) => (
        <div key={p.lotId.toString()} className="card wide" data-testid={`proceeds-${p.lotId}`}>
          <a href={`#/lot/${p.lotId}`}>Lot {p.lotId.toString()}</a> ({p.state}): {p.position!.inWallet.format()} to redeem, {p.position!.redeemed.format()} redeemed, paid{" "}
          {p.position!.paid.format()}; claimable now <span data-testid={`proceeds-claimable-${p.lotId}`}>{p.position!.claimable.format()}</span>
          {p.final ? "" : " (final payment to come)"}
          {acting && <ClaimProceedsAction key={acting.address} actor={acting} lotId={p.lotId} tick={tick} id={`claim-proceeds-${p.lotId}`} />}
        </div>
      ))}

      <h2>Pending delivery requests</h2>
      {deliveries.length === 0 ? (
        <p className="muted" data-testid="no-pending-deliveries">None.</p>
      ) : (
        <table data-testid="pending-deliveries">
          <thead>
            <tr><th>Request</th><th>Lot</th><th>Amount</th><th>Instructions</th><th>Requested</th></tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.requestId.toString()} data-testid={`pending-delivery-${d.requestId}`}>
                <td>{d.requestId.toString()}</td><td><a href={`#/lot/${d.lotId}`}>Lot {d.lotId.toString()}</a></td><td>{d.amount.format()}</td><td>{d.instructionsRef}</td><td>{when(d.requestedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {mine.length > 0 && (
        <>
          <h2>Subscriptions</h2>
          <table>
            <thead>
              <tr><th>Offering</th><th>Lot</th><th>State</th><th>Requested</th><th>Paid</th><th>Allocated</th><th>Claimed</th></tr>
            </thead>
            <tbody>
              {mine.map((o) => (
                <tr key={o.offeringId.toString()}>
                  <td>{o.offeringId.toString()}</td><td><a href={`#/lot/${o.lotId}`}>Lot {o.lotId.toString()}</a></td><td>{o.state}</td>
                  <td>{o.position!.requested.format()}</td><td>{o.position!.paid.format()}</td>
                  <td>{o.state === "open" ? "at the close" : o.position!.allocation.format()}</td><td>{o.position!.claimed ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>History</h2>
      <table>
        <thead>
          <tr><th>Block</th><th>Lot</th><th>Direction</th><th>Counterparty</th><th>Amount</th></tr>
        </thead>
        <tbody>
          {r.history.map((h) => (
            <tr key={`${h.transactionHash}-${h.lotId}-${h.direction}`}>
              <td>{h.block}</td><td>Lot {h.lotId}</td><td>{h.direction}</td><td>{h.counterpartyLabel ?? short(h.counterparty)}</td><td>{qty(h.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
