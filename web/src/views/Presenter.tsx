/**
 * The presenter's panel (`minerals serve --present`): the demo's acts, the narration of the next one, "Next" to play
 * it on the chain (the server runs the act through the SDK, the same code `minerals demo` runs), and what it changed:
 * what happened, who paid and who holds what, each change marked. "Back to the start" begins again on a fresh chain.
 */
import { useState } from "react";

/** The demo's books as the server sends them (demo/ledger.ts `Books`). */
export interface Books {
  lots: { lotId: string; unit: string }[];
  rows: { address: string; label: string; usd: { base: string; text: string }; units: Record<string, { base: string; text: string }> }[];
}

export interface ActOutline {
  number: number;
  id: string;
  title: string;
  narration: string;
}

export interface PlayedAct extends ActOutline {
  lines: string[];
  before: Books;
  after: Books;
  focus: string;
  seconds: number;
}

/** The server's presenter state (scripts/cli/presenter.ts `PresenterState`). */
export interface PresenterState {
  chainId: number;
  acts: ActOutline[];
  next: number;
  played: PlayedAct[];
  busy: boolean;
  error: string | null;
  deployed: boolean;
}

/** Asks the server to play the next act, or to go back to the start; returns its new state, or throws its sentence. */
async function post(path: "next" | "reset"): Promise<PresenterState> {
  const response = await fetch(`./present/${path}`, { method: "POST" });
  const body = (await response.json()) as { state: PresenterState; error?: string };
  if (!response.ok) throw Object.assign(new Error(body.error ?? `the server answered ${response.status}`), { state: body.state });
  return body.state;
}

export function PresenterPanel({ state, onChange }: { state: PresenterState; onChange: (state: PresenterState) => void }) {
  const [playing, setPlaying] = useState<number | undefined>();
  const [failure, setFailure] = useState<string>();
  const next = state.acts[state.next];
  const last = state.played.at(-1);
  const act = async (path: "next" | "reset") => {
    setFailure(undefined);
    setPlaying(path === "next" ? state.next : -1);
    try {
      const updated = await post(path);
      onChange(updated);
      const played = updated.played.at(-1);
      window.location.hash = path === "next" && played ? played.focus : "#/";
    } catch (error) {
      setFailure((error as Error).message);
      const updated = (error as { state?: PresenterState }).state;
      if (updated) onChange(updated);
    } finally {
      setPlaying(undefined);
    }
  };
  return (
    <section className="presenter" data-testid="presenter">
      <div className="presenter-head">
        <h2>
          The story, act by act <span className="muted">· {state.played.length} of {state.acts.length} played</span>
        </h2>
        <div className="presenter-buttons">
          <button type="button" data-testid="present-next" disabled={playing !== undefined || next === undefined || state.error !== null} onClick={() => act("next")}>
            {playing !== undefined && playing >= 0 ? `Playing act ${playing + 1}…` : next ? `Next: act ${next.number}` : "The story is told"}
          </button>
          <button type="button" className="secondary" data-testid="present-reset" disabled={playing !== undefined || state.played.length === 0} onClick={() => act("reset")}>
            Back to the start
          </button>
        </div>
      </div>
      <ol className="acts" data-testid="present-acts">
        {state.acts.map((a, i) => (
          <li key={a.id} className={i < state.next ? "played" : i === state.next ? "next" : ""} data-testid={`present-act-${a.number}`}>
            {a.title}
          </li>
        ))}
      </ol>
      {next && (
        <div className="narration" data-testid="present-narration">
          <strong>
            Act {next.number}: {next.title}
          </strong>
          <p>{next.narration}</p>
        </div>
      )}
      {(failure ?? state.error) && <p className="refused" data-testid="present-error">{failure ?? state.error}</p>}
      {last && <PlayedActView act={last} />}
    </section>
  );
}

/** What an act did: its lines, then the books after it, each cell that changed marked with what it was. */
function PlayedActView({ act }: { act: PlayedAct }) {
  const before = new Map(act.before.rows.map((row) => [row.address, row]));
  return (
    <div className="played" data-testid="present-played">
      <h3 data-testid="present-played-title">
        Act {act.number} played: {act.title} <span className="muted">({act.seconds.toFixed(1)} s on the chain)</span>
      </h3>
      <ul className="lines" data-testid="present-lines">
        {act.lines.map((line, i) => (
          <li key={i} className={/refused|rejects/.test(line) ? "refused" : ""}>
            {line}
          </li>
        ))}
      </ul>
      {act.after.rows.length > 0 && (
        <>
          <h4>Who holds what after act {act.number}, by the demo's books (checked against the chain in the last act)</h4>
          <table data-testid="present-books">
            <thead>
              <tr>
                <th>Account</th>
                <th>Stablecoin</th>
                {act.after.lots.map((lot) => (
                  <th key={lot.lotId}>
                    Lot {lot.lotId} ({lot.unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {act.after.rows.map((row) => {
                const was = before.get(row.address);
                const changed = (now: string, then: string | undefined) => (then === undefined ? now !== "0" : now !== then);
                return (
                  <tr key={row.address} data-testid={`present-books-${row.label.split(" ")[0]}`}>
                    <td>{row.label}</td>
                    <td className={changed(row.usd.base, was?.usd.base) ? "changed" : ""} title={was && changed(row.usd.base, was.usd.base) ? `was ${was.usd.text}` : undefined}>
                      {row.usd.text}
                    </td>
                    {act.after.lots.map((lot) => {
                      const now = row.units[lot.lotId]!;
                      const then = was?.units[lot.lotId];
                      return (
                        <td key={lot.lotId} className={changed(now.base, then?.base) ? "changed" : ""} title={then && changed(now.base, then.base) ? `was ${then.text}` : undefined}>
                          {now.base === "0" ? "-" : now.text}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
