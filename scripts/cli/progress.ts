/**
 * Progress on anything that takes more than a second: a command names what it is doing (`progress.step(label)`)
 * and prints its lines through `progress.log`; when a second passes with nothing printed, the current step is shown
 * on stderr: on a terminal as one line that counts the seconds and is cleared by the next output, elsewhere (a log,
 * a pipe) as one line per step, "… label", so that a slow run is never silent.
 */
export interface Progress {
  /** Names the step now running (shown only if it runs a second without printing). */
  step: (label: string) => void;
  /** Prints a line to stdout, clearing a progress line first. */
  log: (line: string) => void;
  /** Stops the ticker and clears its line. */
  stop: () => void;
}

/** `quiet` keeps the lines off stdout (`--json` prints one document there); progress still goes to stderr. */
export function startProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream; interactive?: boolean; afterMs?: number } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? stream.isTTY === true;
  const after = options.afterMs ?? 1_000;
  let label: string | undefined;
  let since = Date.now();
  let quietSince = Date.now();
  let shown = false;
  let announced: string | undefined;
  const clear = () => {
    if (shown && interactive) stream.write("\r\x1b[2K");
    shown = false;
  };
  const timer = setInterval(() => {
    if (label === undefined || Date.now() - quietSince < after) return;
    if (interactive) {
      stream.write(`\r\x1b[2K… ${label} (${((Date.now() - since) / 1000).toFixed(0)} s)`);
      shown = true;
    } else if (announced !== label) {
      stream.write(`… ${label}\n`);
      announced = label;
    }
  }, 200);
  timer.unref();
  return {
    step(next) {
      label = next;
      since = Date.now();
      quietSince = Date.now();
      announced = undefined;
    },
    log(line) {
      clear();
      if (!options.quiet) console.log(line);
      quietSince = Date.now();
    },
    stop() {
      clearInterval(timer);
      clear();
      label = undefined;
    },
  };
}
