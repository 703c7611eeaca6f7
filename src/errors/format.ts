/**
 * How the SDK's messages print the values they name. Pure: nothing here reads the chain.
 */
import { getAddress } from "viem";

/** An address as the SDK's messages print it, checksummed and shortened: `0xAbCd..1234`. Anything else as text. */
export const short = (value: unknown): string => {
  const text = String(value);
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return text;
  const checksummed = getAddress(text);
  return `${checksummed.slice(0, 6)}..${checksummed.slice(-4)}`;
};

/** A time in seconds since 1970 as an ISO 8601 instant: "2026-10-01T00:00:00.000Z". */
export const isoDate = (seconds: unknown): string => new Date(Number(seconds) * 1000).toISOString();

/** A time in seconds as a day, the way KYC expiries are spoken of: "2026-10-01". */
export const isoDay = (seconds: unknown): string => isoDate(seconds).slice(0, 10);
