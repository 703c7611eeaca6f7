/**
 * One action a party can take: the SDK's compliance check sentence is shown (and re-read on every block) before
 * anything is signed, and while it says no the button stays disabled; the result or a refusal (the chain moved on
 * since the check) is shown in the SDK's own words, the same as the CLI prints.
 */
import { useEffect, useState, type ReactNode } from "react";
import { errorSentence } from "./format.ts";

export interface Check {
  allowed: boolean;
  message: string;
}

export function Action(props: {
  id: string;
  title: string;
  button: string;
  /** The SDK's check for the current inputs; undefined when there is nothing to check yet. */
  check: (() => Promise<Check>) | undefined;
  /** Sends through the SDK; returns the sentence to show. */
  send: () => Promise<string>;
  /** Changes when the inputs or the chain change, so the check is read again. */
  checkKey: string;
  children?: ReactNode;
}) {
  const [check, setCheck] = useState<Check | { error: string } | undefined>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const { check: run } = props;
  useEffect(() => {
    let live = true;
    if (!run) {
      setCheck(undefined);
      return;
    }
    // Through a promise, so that input the check cannot parse (an amount finer than the mineral's base unit) is shown, not thrown.
    Promise.resolve().then(run).then(
      (result) => live && setCheck(result),
      (error: unknown) => live && setCheck({ error: errorSentence(error) }),
    );
    return () => {
      live = false;
    };
  }, [props.checkKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // A send the check refuses is not offered: nothing would happen on chain but a refusal.
  const refused = check !== undefined && ("error" in check || !check.allowed);

  const submit = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ ok: true, text: await props.send() });
    } catch (error) {
      setOutcome({ ok: false, text: errorSentence(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="action" data-testid={`action-${props.id}`}>
      <h4>{props.title}</h4>
      {props.children}
      {check && (
        <p className={"check " + ("error" in check ? "refused" : check.allowed ? "allowed" : "refused")} data-testid={`check-${props.id}`}>
          {"error" in check ? check.error : `${check.allowed ? "✓" : "✗"} ${check.message}`}
        </p>
      )}
      <button type="button" disabled={busy || refused} title={refused ? "The check above says why this cannot be sent now" : undefined} onClick={submit} data-testid={`send-${props.id}`}>
        {busy ? "Signing…" : props.button}
      </button>
      {outcome && (
        <p className={outcome.ok ? "outcome allowed" : "outcome refused"} data-testid={`outcome-${props.id}`}>
          {outcome.ok ? outcome.text : `Refused: ${outcome.text}`}
        </p>
      )}
    </div>
  );
}
