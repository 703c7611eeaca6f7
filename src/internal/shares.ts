/**
 * Shares of a whole, as percentages with two decimals that add up to exactly 100.00 (largest remainder method).
 */
import { formatFixed } from "../units/decimal.ts";

/**
 * Each amount's share of their sum in basis points (hundredths of a percent), rounded by the largest remainder
 * method so the shares add up to exactly 10,000: every share is first rounded down, then the basis points left
 * over go one each to the largest remainders (ties to the earlier amount).
 *
 * @example
 * sharesBps([1n, 1n, 1n]) // [3334, 3333, 3333]
 */
export function sharesBps(amounts: readonly bigint[]): number[] {
  const total = amounts.reduce((a, b) => a + b, 0n);
  if (total === 0n) return amounts.map(() => 0);
  const floors = amounts.map((a) => (a * 10_000n) / total);
  const remainders = amounts.map((a, i) => ({ i, r: a * 10_000n - floors[i]! * total }));
  let left = 10_000n - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

/** Basis points as a percentage with two decimals: 3334 as "33.34". */
export const bpsToPercent = (bps: number): string => formatFixed(BigInt(bps), 2);

/** An ISO 3166-1 numeric country code's English name ("Pakistan"), or "unknown country 999". */
export function countryName(code: number, label: string): string {
  const alpha2 = label.split("-")[0];
  if (!alpha2 || !/^[A-Z]{2}$/.test(alpha2)) return code === 0 ? "not registered" : `unknown country ${code}`;
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(alpha2) ?? alpha2;
  } catch {
    return alpha2;
  }
}
