/** An offering's progress against its soft and hard caps, and what the acting party can do in it. */
import { useState } from "react";
import { Quantity, type GetOfferingReturnType } from "../../../src/index.ts";
import { Action } from "../Action.tsx";
import type { Actor } from "../shared.ts";

const percentOf = (part: bigint, whole: bigint): number => (whole === 0n ? 0 : Math.min(100, Number((part * 10_000n) / whole) / 100));

export function OfferingProgress({ offering }: { offering: GetOfferingReturnType }) {
  const requested = offering.totalRequested.base;
  const hard = offering.hardCap.base;
  return (
    <div className="progress" data-testid={`progress-${offering.offeringId}`}>
      <div className="bar">
        <div className={requested >= offering.softCap.base ? "fill reached" : "fill"} style={{ width: `${percentOf(requested, hard)}%` }} />
        <div className="marker" style={{ left: `${percentOf(offering.softCap.base, hard)}%` }} title="soft cap" />
      </div>
      <div className="muted">
        <span data-testid={`requested-${offering.offeringId}`}>{offering.totalRequested.format()}</span> requested · soft cap {offering.softCap.format()} · hard cap{" "}
        {offering.hardCap.format()} · tickets {offering.minTicket.format()} to {offering.maxTicket.format()} · window {offering.start.toISOString().slice(0, 16)} to{" "}
        {offering.end.toISOString().slice(0, 16)} UTC
        {offering.state !== "open" && ` · ${offering.unitsMinted.format()} allocated`}
      </div>
    </div>
  );
}

/**
 * What the acting party may do in an offering, each checked by the SDK's `checkSubscribe` before signing: an investor
 * subscribes (with a permit) and cancels while it is open, and claims once it is closed if it subscribed; an issuer
 * closes it at its end, anyone else only after the grace period. Actions of other parties are not shown.
 */
export function OfferingActions({ offering, actor, tick }: { offering: GetOfferingReturnType; actor: Actor; tick: string }) {
  const [amount, setAmount] = useState("2");
  const [permit, setPermit] = useState(true);
  const id = offering.offeringId;
  const key = `${tick}:${actor.address}:${id}`;
  const parsed = (): Quantity => Quantity.parse(offering.commodity, amount.trim());
  const position = offering.position;
  const subscribed = position !== undefined && position.requested.base > 0n;
  const mayClose = actor.can.issuer || offering.now.getTime() >= offering.closableByAnyoneAt.getTime();
  // Set when this party sends the close: the offering then leaves "open" (often on a block before the close's receipt
  // is confirmed), and the close stays shown with its outcome instead of vanishing with the open offering's actions.
  const [closing, setClosing] = useState(false);
  // Keyed, so that React keeps the same action (and its outcome) when the offering's actions change around it.
  const closeAction = (
    <Action
      key="close"
      id={`close-${id}`}
      title="Close the offering"
      button="Close offering"
      checkKey={key}
      check={() => actor.sdk.checkSubscribe({ offeringId: id, operation: "close", investor: actor.address })}
      send={async () => {
        setClosing(true);
        const r = await actor.sdk.closeOffering({ offeringId: id });
        return r.state === "failed"
          ? `Offering ${id} failed (${r.totalRequested.format()} requested, below its soft cap): every investor can claim a full refund`
          : `Offering ${id} succeeded: ${r.unitsMinted.format()} allocated of ${r.totalRequested.format()} requested`;
      }}
    />
  );

  if (offering.state !== "open") {
    if (!subscribed) return closing ? <div className="actions">{closeAction}</div> : null;
    return (
      <div className="actions">
        {closing && closeAction}
        <Action
          id={`claim-${id}`}
          title="Claim units and refund"
          button="Claim"
          checkKey={key}
          check={() => actor.sdk.checkSubscribe({ offeringId: id, operation: "claim", investor: actor.address })}
          send={async () => {
            const r = await actor.sdk.claimOffering({ offeringId: id });
            return `Claimed from offering ${id}: ${r.units.format()} and a refund of ${r.refund.format()}`;
          }}
        />
      </div>
    );
  }
  return (
    <div className="actions">
      {actor.can.investor && (
        <Action
          id={`subscribe-${id}`}
          title="Subscribe"
          button={permit ? "Sign permit and subscribe" : "Approve and subscribe"}
          checkKey={`${key}:${amount}`}
          check={() => actor.sdk.checkSubscribe({ offeringId: id, amount: parsed(), investor: actor.address })}
          send={async () => {
            const units = parsed();
            const r = await actor.sdk.subscribe({ offeringId: id, amount: units, payWith: permit ? "permit" : "approve" });
            return `Subscribed ${units.format()} to offering ${id}, escrowed ${r.payment.format()}`;
          }}
        >
          <label>
            Units ({offering.minTicket.format().split(" ").slice(1).join(" ")}){" "}
            <input data-testid={`amount-${id}`} value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
          </label>{" "}
          <label>
            <input type="checkbox" checked={permit} onChange={(e) => setPermit(e.target.checked)} /> pay with an EIP-2612 permit
          </label>
        </Action>
      )}
      {/* Shown to an investor with or without a subscription (the check says which): hidden once cancelled, it would take its outcome with it. */}
      {actor.can.investor && (
        <Action
          id={`cancel-${id}`}
          title={subscribed ? `Cancel your subscription of ${position.requested.format()}` : "Cancel your subscription"}
          button="Cancel subscription"
          checkKey={key}
          check={() => actor.sdk.checkSubscribe({ offeringId: id, operation: "cancel", investor: actor.address })}
          send={async () => {
            const r = await actor.sdk.cancelSubscription({ offeringId: id });
            return `Cancelled the subscription in offering ${id}, refunded ${r.refund.format()}`;
          }}
        />
      )}
      {mayClose && closeAction}
    </div>
  );
}
