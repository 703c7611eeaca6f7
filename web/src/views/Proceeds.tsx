/**
 * A lot's sale proceeds (each payment, provisional or final, paid, unclaimed, the retirement date) and what the acting
 * party can do: open settlement (issuer), deposit proceeds (treasury), redeem and claim (holders). Every rule is the
 * SDK's: `checkDeposit` and `checkClaim` give the sentence before signing, the actions refuse in the CLI's words.
 */
import { useState } from "react";
import { Money, type GetProceedsReturnType, type ProceedsPayment } from "../../../src/index.ts";
import { Action } from "../Action.tsx";
import type { Actor } from "../shared.ts";
import type { Reader } from "../chain.ts";
import { when } from "../format.ts";

/** A lot's proceeds and each payment deposited for it, both read through the SDK. */
export async function readProceeds(reader: Reader, lotId: bigint): Promise<{ proceeds: GetProceedsReturnType; payments: ProceedsPayment[] }> {
  const proceeds = await reader.getProceeds({ lotId });
  if (proceeds.deposited.base === 0n) return { proceeds, payments: [] };
  return { proceeds, payments: await reader.listProceedsPayments({ lotId }) };
}

export function LotProceeds({ proceeds: p, payments }: { proceeds: GetProceedsReturnType; payments: ProceedsPayment[] }) {
  const unclaimed = Money.fromBase(p.deposited.base - p.paid.base - p.swept.base);
  return (
    <div data-testid="proceeds">
      <table className="facts">
        <tbody>
          <tr><th>Deposited</th><td data-testid="proceeds-deposited">{p.deposited.format()}{p.final ? " (final)" : p.deposited.base > 0n ? " (provisional, final payment to come)" : ""}</td></tr>
          <tr><th>Paid to holders</th><td data-testid="proceeds-paid">{p.paid.format()}</td></tr>
          <tr><th>Unclaimed</th><td data-testid="proceeds-unclaimed">{unclaimed.format()}</td></tr>
          <tr><th>Units redeemed · outstanding</th><td>{p.redeemed.format()} · {p.outstanding.format()}</td></tr>
          <tr><th>Retirement</th><td>{p.retirableAt ? `may retire with units outstanding from ${when(p.retirableAt)}` : "after the final payment and its notice period"}</td></tr>
        </tbody>
      </table>
      {payments.length > 0 && (
        <table data-testid="proceeds-payments">
          <thead>
            <tr><th>Payment</th><th>Amount</th><th>Kind</th><th>When</th><th>Block</th></tr>
          </thead>
          <tbody>
            {payments.map((payment, index) => (
              <tr key={payment.blockNumber.toString() + index}>
                <td>{index + 1}</td><td>{payment.amount.format()}</td><td>{payment.final ? "final" : "provisional"}</td><td>{when(payment.timestamp)}</td><td>{payment.blockNumber.toString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Record the sale of a warehoused lot (issuer): minting and trading stop and settlement begins, with the one treasury
 * that deposits its proceeds named there and then (by default the acting issuer, which is the demo's treasury).
 */
export function OpenSettlementAction({ actor, lotId, tick }: { actor: Actor; lotId: bigint; tick: string }) {
  const [saleRef, setSaleRef] = useState("OFFTAKE-2026-117");
  const [treasury, setTreasury] = useState<string>(actor.address);
  return (
    <Action
      id="settle"
      title={`Open settlement of lot ${lotId} (the lot is sold)`}
      button="Open settlement"
      checkKey={`${tick}:${actor.address}:${lotId}:${saleRef}:${treasury}`}
      check={undefined}
      send={async () => {
        await actor.sdk.startSettlement({ lotId, saleRef: saleRef.trim(), treasury: treasury.trim() as `0x${string}` });
        return `Lot ${lotId} is settling (sale ${saleRef.trim()}): its units are redeemed for proceeds from now on, deposited by ${treasury.trim()}`;
      }}
    >
      <label>
        Sale reference <input data-testid="settle-ref" value={saleRef} onChange={(e) => setSaleRef(e.target.value)} size={24} />
      </label>{" "}
      <label>
        Treasury <input data-testid="settle-treasury" value={treasury} onChange={(e) => setTreasury(e.target.value)} size={44} />
      </label>
    </Action>
  );
}

/** Deposit a payment of sale proceeds (treasury), checked by the SDK's `checkDeposit`. */
export function DepositProceedsAction({ actor, lotId, tick }: { actor: Actor; lotId: bigint; tick: string }) {
  const [amount, setAmount] = useState("");
  const [final, setFinal] = useState(false);
  const text = amount.trim();
  return (
    <Action
      id="deposit"
      title="Deposit sale proceeds"
      button={final ? "Deposit the final payment" : "Deposit a provisional payment"}
      checkKey={`${tick}:${actor.address}:${lotId}:${text}`}
      check={text ? () => actor.sdk.checkDeposit({ lotId, amount: Money.parseUsd(text), account: actor.address }) : undefined}
      send={async () => {
        const r = await actor.sdk.depositProceeds({ lotId, amount: Money.parseUsd(text), final });
        return `Deposited ${r.deposited.format()} of proceeds for lot ${lotId}${r.final ? " (final payment)" : ""}: ${r.total.format()} in total`;
      }}
    >
      <label>
        Amount (USD) <input data-testid="deposit-amount" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="1,000,000" size={16} />
      </label>{" "}
      <label>
        <input type="checkbox" data-testid="deposit-final" checked={final} onChange={(e) => setFinal(e.target.checked)} /> final payment (after the umpire assay)
      </label>
    </Action>
  );
}

/** Redeem the units in the acting wallet and claim its share of the proceeds, checked by the SDK's `checkClaim`. */
export function ClaimProceedsAction({ actor, lotId, tick, id = "claim-proceeds" }: { actor: Actor; lotId: bigint; tick: string; id?: string }) {
  return (
    <Action
      id={id}
      title="Redeem units and claim proceeds"
      button="Redeem and claim"
      checkKey={`${tick}:${actor.address}:${lotId}`}
      check={() => actor.sdk.checkClaim({ lotId, holder: actor.address })}
      send={async () => {
        const r = await actor.sdk.claimProceeds({ lotId });
        return `Lot ${lotId}: redeemed ${r.redeemed.format()}, paid ${r.paid.format()}${r.paid.base === 0n ? " (nothing deposited yet: the redeemed units keep their share)" : ""}`;
      }}
    />
  );
}
