/**
 * A lot's physical delivery: its requests and what the acting party can do: set the minimum (issuer), request delivery
 * (a holder of at least the minimum, checked by the SDK's `checkDelivery`), confirm or reject a pending request (the
 * lot's custodian). Every refusal is the SDK's, in the CLI's words.
 */
import { useState } from "react";
import { Quantity, type Commodity, type GetDeliveryReturnType } from "../../../src/index.ts";
import { Action } from "../Action.tsx";
import type { Actor } from "../shared.ts";
import { short, when } from "../format.ts";

/** A lot's delivery requests; the lot's custodian may confirm or reject the pending ones (no one else sees those actions). */
export function DeliveryRequests({ requests, actor, custodian, tick }: { requests: GetDeliveryReturnType[]; actor: Actor | undefined; custodian: string; tick: string }) {
  const decides = actor !== undefined && actor.address.toLowerCase() === custodian.toLowerCase();
  if (requests.length === 0) return <p className="muted" data-testid="no-deliveries">No delivery requests.</p>;
  return (
    <>
      <table data-testid="deliveries">
        <thead>
          <tr><th>Request</th><th>Holder</th><th>Amount</th><th>Instructions</th><th>Requested</th><th>Status</th><th>Custodian's reference</th></tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.requestId.toString()} data-testid={`delivery-${r.requestId}`}>
              <td>{r.requestId.toString()}</td><td><a href={`#/investor/${r.holder}`}>{short(r.holder)}</a></td><td>{r.amount.format()}</td><td>{r.instructionsRef}</td>
              <td>{when(r.requestedAt)}</td><td data-testid={`delivery-status-${r.requestId}`}>{r.status}</td><td>{r.outcomeRef ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {actor && decides && (
        <div className="actions">
          {requests.filter((r) => r.status === "pending").map((r) => <DecideDelivery key={`${actor.address}-${r.requestId}`} request={r} actor={actor} tick={tick} />)}
        </div>
      )}
    </>
  );
}

/** Confirm (the units are burned) or reject (they go back) a pending request: the lot's custodian. */
function DecideDelivery({ request, actor, tick }: { request: GetDeliveryReturnType; actor: Actor; tick: string }) {
  const [deliveryRef, setDeliveryRef] = useState("RELEASE-NOTE-77");
  const [reason, setReason] = useState("instructions incomplete");
  const id = request.requestId;
  return (
    <>
      <Action
        id={`confirm-${id}`}
        title={`Confirm delivery request ${id} (${request.amount.format()})`}
        button="Confirm delivery"
        checkKey={`${tick}:${actor.address}:${id}`}
        check={() => actor.sdk.checkDeliveryDecision({ requestId: id, decision: "confirm" })}
        send={async () => {
          const r = await actor.sdk.confirmDelivery({ requestId: id, deliveryRef: deliveryRef.trim() });
          return `Delivered request ${id}: ${r.amount.format()} of lot ${r.lotId} burned`;
        }}
      >
        <label>
          Delivery reference <input data-testid={`confirm-ref-${id}`} value={deliveryRef} onChange={(e) => setDeliveryRef(e.target.value)} size={20} />
        </label>
      </Action>
      <Action
        id={`reject-${id}`}
        title={`Reject delivery request ${id}`}
        button="Reject delivery"
        checkKey={`${tick}:${actor.address}:${id}`}
        check={() => actor.sdk.checkDeliveryDecision({ requestId: id, decision: "reject" })}
        send={async () => {
          const r = await actor.sdk.rejectDelivery({ requestId: id, reason: reason.trim() });
          return `Rejected request ${id}: ${r.amount.format()} of lot ${r.lotId} returned to ${short(request.holder)}`;
        }}
      >
        <label>
          Reason <input data-testid={`reject-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} size={24} />
        </label>
      </Action>
    </>
  );
}

/** Set the lot's minimum delivery (issuer); 0 stops offering delivery. */
export function SetMinimumDeliveryAction({ actor, lotId, commodity, tick }: { actor: Actor; lotId: bigint; commodity: Commodity; tick: string }) {
  const [minimum, setMinimum] = useState("");
  const text = minimum.trim();
  return (
    <Action
      id="set-minimum-delivery"
      title="Set the minimum delivery"
      button="Set minimum"
      checkKey={`${tick}:${actor.address}:${lotId}:${text}`}
      check={undefined}
      send={async () => {
        const r = await actor.sdk.setMinimumDelivery({ lotId, minimum: Quantity.parse(commodity, text) });
        return r.minimum.base === 0n ? `Lot ${lotId} no longer offers physical delivery` : `Lot ${lotId} delivers at least ${r.minimum.format()}`;
      }}
    >
      <label>
        Minimum ({Quantity.fromBase(commodity, 0n).format().split(" ").slice(1).join(" ")}){" "}
        <input data-testid="minimum-delivery" value={minimum} onChange={(e) => setMinimum(e.target.value)} size={10} />
      </label>
    </Action>
  );
}

/** Request physical delivery of units in the acting wallet, checked by the SDK's `checkDelivery`. */
export function RequestDeliveryAction({ actor, lotId, commodity, tick }: { actor: Actor; lotId: bigint; commodity: Commodity; tick: string }) {
  const [amount, setAmount] = useState("");
  const [instructionsRef, setInstructionsRef] = useState("DLV-2026-0001");
  const text = amount.trim();
  return (
    <Action
      id="request-delivery"
      title="Request physical delivery"
      button="Request delivery"
      checkKey={`${tick}:${actor.address}:${lotId}:${text}`}
      check={text ? () => actor.sdk.checkDelivery({ lotId, amount: Quantity.parse(commodity, text), holder: actor.address }) : undefined}
      send={async () => {
        const r = await actor.sdk.requestDelivery({ lotId, amount: Quantity.parse(commodity, text), instructionsRef: instructionsRef.trim() });
        return `Requested delivery ${r.requestId}: ${r.amount.format()} of lot ${lotId} locked until the custodian confirms or rejects it`;
      }}
    >
      <label>
        Units ({Quantity.fromBase(commodity, 0n).format().split(" ").slice(1).join(" ")}){" "}
        <input data-testid="delivery-amount" value={amount} onChange={(e) => setAmount(e.target.value)} size={10} />
      </label>{" "}
      <label>
        Instructions reference <input data-testid="delivery-instructions" value={instructionsRef} onChange={(e) => setInstructionsRef(e.target.value)} size={20} />
      </label>
    </Action>
  );
}
