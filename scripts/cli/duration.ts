/**
 * Durations as a person types them, for every option that takes one (`--ends-in`, `--expires-in`,
 * `--max-price-age`, `minerals chain advance`): "90s", "30m", "12h", "7d", "2w", combinations such as "1d12h", or a
 * bare number of seconds. An error echoes what was given.
 */
import { MineralsError } from "../../src/errors/base.ts";

const SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;
const PART = /(\d+)\s*(s|m|h|d|w)/gy;

/**
 * The number of seconds of a duration text, or an error naming the flag and echoing the text.
 *
 * @example
 * parseDuration("1d12h", "--ends-in") // 129600
 * parseDuration("90000", "--max-price-age") // 90000
 * parseDuration("soon", "--ends-in") // throws "Invalid --ends-in: expected a duration such as ..., got "soon""
 */
export function parseDuration(value: string, flag: string, options: { min?: number } = {}): number {
  const seconds = durationSeconds(String(value));
  if (seconds === undefined) throw new MineralsError(`Invalid ${flag}: expected a duration such as "90s", "30m", "12h", "7d", "1d12h" or a number of seconds, got "${value}"`);
  if (seconds < (options.min ?? 0)) throw new MineralsError(`Invalid ${flag}: expected a duration of at least ${formatDuration(options.min ?? 0)}, got "${value}"`);
  return seconds;
}

/** The seconds of a duration text, or undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  const compact = trimmed.replace(/\s+/g, "");
  for (let match = PART.exec(compact); match; match = PART.exec(compact)) {
    total += Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS];
    consumed = PART.lastIndex;
  }
  if (consumed === 0 || consumed !== compact.length || !Number.isSafeInteger(total)) return undefined;
  return total;
}

/** Seconds as a person reads them, and as `parseDuration` reads them back: "7d", "1d12h", "1m30s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}
