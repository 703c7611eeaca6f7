/**
 * A lot's liquidity: its open delivery-versus-payment offers best price first (the SDK's `listOffers`; an offer its
 * seller can no longer settle is marked with the reason, not hidden), the last traded price and the traded volume
 * from the lot report, and a chart of the trades over time. An investor may take an offer (checked by the SDK's
 * `checkTake` first) and a holder may offer units.
 */
import { useEffect, useRef, useState } from "react";
import { COMMODITIES, Money, Quantity, TAKE_SENTENCES, formatPrice, parseCommodity, type ListedOffer, type TradingReport } from "../../../src/index.ts";
import { Action, type Check } from "../Action.tsx";
import type { Reader } from "../chain.ts";
import { same, short, when } from "../format.ts";
import { useLive, type Actor } from "../shared.ts";

export function LotLiquidity({ reader, actor, lotId, commodity, trading, holds, tick }: {
  reader: Reader;
  actor: Actor | undefined;
  lotId: bigint;
  /** The lot's commodity name, as the lot report gives it. */
  commodity: string;
  trading: TradingReport;
  /** Whether the acting party holds units of the lot (it may offer them). */
  holds: boolean;
  tick: string;
}) {
  const { data, error } = useLive(async () => ({ lotId, offers: await reader.listOffers({ lotId }) }), `${tick}:${lotId}`);
  // The last list read stays shown while a new block is read, but not under another lot.
  const offers = data?.lotId === lotId ? data.offers : undefined;
  const c = parseCommodity(commodity);
  const unit = COMMODITIES[c].marketUnit;
  return (
    <section data-testid="liquidity">
      <h2>Trading</h2>
      <table className="facts">
        <tbody>
          <tr><th>Last traded price</th><td data-testid="last-trade">{trading.lastTradeText}</td></tr>
          <tr><th>Traded volume</th><td data-testid="traded-volume">{trading.volumeText}</td></tr>
        </tbody>
      </table>
      {trading.overTime.length > 0 && <TradesChart points={trading.overTime} unit={unit} />}
      <h3>Open offers, best price first</h3>
      {!offers ? (
        <p className={error ? "refused" : "muted"}>{error ?? "Reading the offers…"}</p>
      ) : offers.length === 0 ? (
        <p className="muted" data-testid="no-offers">Lot {lotId.toString()} has no open offers.</p>
      ) : (
        <table data-testid="offers">
          <thead>
            <tr><th>Offer</th><th>Price per {unit}</th><th>Units</th><th>Total</th><th>Seller</th><th>Buyer</th><th>Expires</th><th>Can settle</th></tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr key={o.offerId.toString()} data-testid={`offer-${o.offerId}`}>
                <td>{o.offerId.toString()}</td>
                <td>{formatPrice(o.pricePerMarketUnit, c)}</td>
                <td>{o.amount.format()}</td>
                <td>{o.price.format()}</td>
                <td><a href={`#/investor/${o.seller}`}>{short(o.seller)}</a></td>
                <td>{o.buyer ? short(o.buyer) : "anyone"}</td>
                <td>{when(o.expiry)}</td>
                <td className={o.available ? "allowed" : "refused"} data-testid={`offer-status-${o.offerId}`}>{o.available ? "yes" : `no: ${o.message}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {actor && (
        <div className="actions" key={`trading-${lotId}-${actor.address}`}>
          {actor.can.investor &&
            (offers ?? []).filter((o) => o.available && !same(o.seller, actor.address)).map((o) => <TakeOfferAction key={o.offerId.toString()} actor={actor} offer={o} tick={tick} />)}
          {holds && <OfferUnitsAction actor={actor} lotId={lotId} commodity={commodity} tick={tick} />}
        </div>
      )}
    </section>
  );
}

/** The trades over time, drawn by ECharts (loaded on first use); `data-drawn` says when the chart is on the page. */
function TradesChart({ points, unit }: { points: TradingReport["overTime"]; unit: string }) {
  const element = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const key = JSON.stringify(points);
  useEffect(() => {
    let live = true;
    let dispose: (() => void) | undefined;
    setDrawn(false);
    import("./tradesChart.ts").then(({ drawTrades }) => {
      if (!live || !element.current) return;
      const chart = drawTrades(element.current, points, unit);
      dispose = () => chart.dispose();
      setDrawn(true);
    });
    return () => {
      live = false;
      dispose?.();
    };
  }, [key, unit]); // eslint-disable-line react-hooks/exhaustive-deps
  return <div ref={element} data-testid="trades-chart" data-points={points.length} data-drawn={drawn} style={{ width: "100%", maxWidth: 720, height: 300, background: "#fff" }} />;
}

/**
 * Take an offer whole, the payment authorised by a permit in the same transaction. The check is `checkTake`'s; a
 * missing approval is what the permit gives, so then the lot's rules for the buyer decide, as `takeOffer` does.
 */
function TakeOfferAction({ actor, offer, tick }: { actor: Actor; offer: ListedOffer; tick: string }) {
  const id = offer.offerId;
  const check = async (): Promise<Check> => {
    const take = await actor.sdk.checkTake({ offerId: id, buyer: actor.address });
    if (take.reason !== "buyer-lacks-allowance") return take;
    const transfer = await actor.sdk.checkTransfer({ from: offer.seller, to: actor.address, lotId: offer.lotId, amount: offer.amount });
    return transfer.allowed ? { allowed: true, message: TAKE_SENTENCES.ok(take.offer, actor.address) } : transfer;
  };
  return (
    <Action
      id={`take-${id}`}
      title={`Take offer ${id}: ${offer.amount.format()} at ${formatPrice(offer.pricePerMarketUnit, offer.commodity)}`}
      button="Take offer"
      checkKey={`${tick}:${actor.address}:${id}`}
      check={check}
      send={async () => {
        const r = await actor.sdk.takeOffer({ offerId: id, payWith: "permit" });
        return `Took offer ${r.offerId}: received ${r.received.format()}, paid ${r.paid.format()}`;
      }}
    />
  );
}

/** Offer units of the lot for a total price, standing for a day; the SDK checks the seller holds them before sending. */
function OfferUnitsAction({ actor, lotId, commodity, tick }: { actor: Actor; lotId: bigint; commodity: string; tick: string }) {
  const [amount, setAmount] = useState("");
  const [price, setPrice] = useState("");
  const c = parseCommodity(commodity);
  const units = amount.trim();
  const total = price.trim();
  return (
    <Action
      id="offer-units"
      title={`Offer units of lot ${lotId} for sale`}
      button="Offer"
      checkKey={`${tick}:${actor.address}:${lotId}:${units}:${total}`}
      check={undefined}
      send={async () => {
        const now = Number((await actor.sdk.getBlock()).timestamp);
        const r = await actor.sdk.offerUnits({ lotId, amount: Quantity.parse(c, units), price: Money.parseUsd(total), expiry: new Date((now + 86_400) * 1000) });
        return `Offer ${r.offerId}: ${r.amount.format()} of lot ${lotId} for ${r.price.format()}, for a day`;
      }}
    >
      <label>
        Units ({COMMODITIES[c].marketUnit}) <input data-testid="offer-amount" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
      </label>{" "}
      <label>
        Total price (USD) <input data-testid="offer-price" value={price} onChange={(e) => setPrice(e.target.value)} size={12} />
      </label>
    </Action>
  );
}
