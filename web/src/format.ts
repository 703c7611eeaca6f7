/** Display helpers: quantities as the SDK formats them (market units), addresses shortened, dates in UTC. */
import type { Address } from "viem";
import { MineralsError, Quantity, parseCommodity, type QuantityJson } from "../../src/index.ts";

export const qty = (q: QuantityJson): string => Quantity.fromBase(parseCommodity(q.commodity), BigInt(q.base)).format();
export const short = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;
export const when = (iso: string | Date): string => new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";
export const same = (a: Address | string | undefined, b: Address | string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The sentence the CLI prints for an error (`error: <this>`): the SDK error's short message, else the first line. */
export function errorSentence(error: unknown): string {
  if (error instanceof MineralsError) return error.shortMessage;
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
