/**
 * Exact amounts of money in a 6-decimal USD-stable token (the test stablecoin, USDC and the like): base units held
 * as a bigint, parsed from and formatted to USD text without floating point and without rounding.
 *
 * @module
 */
import { divRound, formatFixed, groupThousands, parseDecimal, pow10 } from "./decimal.ts";

/** Decimals of the platform's USD-stable payment token. */
export const USD_DECIMALS = 6;

const USD_TEXT = /^(?:USD\s*|US\$\s*|\$\s*)?([0-9][0-9,_]*(?:\.[0-9]+)?)(?:\s*USD)?$/i;

/**
 * An immutable amount of US dollars in base units of a 6-decimal stablecoin (1 USD = 1,000,000 base units).
 * Held and compared exactly; written for people to the cent (`format()`), and exactly in JSON (`toJSON()`).
 *
 * @example
 * ```ts
 * Money.parseUsd("1,250.5 USD").base;   // 1250500000n
 * Money.fromBase(1250500000n).format(); // "1,250.50 USD"
 * Money.fromBase(4191937776000n).format(); // "4,191,937.78 USD" (exact in toJSON(): "4191937.776")
 * ```
 */
export class Money {
  private constructor(
    /** The amount in base units (6 decimals). */
    readonly base: bigint,
  ) {}

  /** An amount from base units. @throws RangeError when negative. */
  static fromBase(base: bigint): Money {
    if (typeof base !== "bigint" || base < 0n) throw new RangeError(`Invalid amount of money ${String(base)}: expected a non-negative bigint of base units`);
    return new Money(base);
  }

  /**
   * Parses "1000 USD", "USD 1,000.25", "$1000" or "1000" exactly.
   *
   * @throws SyntaxError when the text is not an amount of USD or has more than 6 decimals (a cent fraction finer
   * than the token can hold is refused rather than rounded).
   */
  static parseUsd(text: string): Money {
    const match = typeof text === "string" ? USD_TEXT.exec(text.trim()) : null;
    if (match === null) throw new SyntaxError(`Invalid amount ${JSON.stringify(text)}: expected US dollars such as "1000 USD" or "1,250.50 USD"`);
    const { digits, decimals } = parseDecimal(match[1] ?? "");
    if (decimals > USD_DECIMALS) throw new SyntaxError(`Invalid amount ${JSON.stringify(text)}: at most ${USD_DECIMALS} decimals (1 base unit = 0.000001 USD)`);
    return new Money(digits * pow10(USD_DECIMALS - decimals));
  }

  /**
   * The amount as a person reads it, the one money format of the project: "1,250.50 USD", to the cent (half-even;
   * a non-zero amount under half a cent reads "under 0.01 USD", never "0.00 USD"). The exact amount is in
   * `base` and `toJSON()`.
   */
  format(): string {
    return formatUsd(this.base);
  }

  /** The exact decimal text without the currency, e.g. "1250.50" or "0.000001" (for JSON). */
  toDecimalString(): string {
    return trimCents(formatFixed(this.base, USD_DECIMALS));
  }

  /** Whether the amount is a whole number of cents (so `format()` shows it exactly). */
  isWholeCents(): boolean {
    return this.base % CENT === 0n;
  }

  toJSON(): { usd: string; base: string } {
    return { usd: this.toDecimalString(), base: this.base.toString() };
  }

  toString(): string {
    return this.format();
  }
}

/** Drops trailing zeros beyond the cents: "1250.500000" -> "1250.50", "0.123400" -> "0.1234". */
function trimCents(fixed: string): string {
  return fixed.replace(/(\.\d\d\d*?)0+$/, "$1");
}

/** Base units in one cent. */
const CENT = 10_000n;

/**
 * Formats base units of a 6-decimal stablecoin as USD to the cent (half-even), the one money format a person reads:
 * "9,000.00 USD". A non-zero amount below half a cent reads "under 0.01 USD".
 *
 * @example
 * ```ts
 * formatUsd(9000000000n);   // "9,000.00 USD"
 * formatUsd(4191937776n);   // "4,191.94 USD"
 * formatUsd(1n);            // "under 0.01 USD"
 * ```
 */
export function formatUsd(base: bigint): string {
  if (typeof base !== "bigint" || base < 0n) throw new RangeError(`Invalid amount of money ${String(base)}: expected a non-negative bigint of base units`);
  return formatUsdCents(divRound(base, CENT, "half-even"), base > 0n);
}

/**
 * US cents as "1,234,567.89 USD" (the same format as {@link formatUsd}).
 *
 * @param nonZero whether the amount the cents were rounded from is above zero: then 0 cents reads "under 0.01 USD".
 * @example
 * ```ts
 * formatUsdCents(123456789n); // "1,234,567.89 USD"
 * ```
 */
export function formatUsdCents(cents: bigint, nonZero = false): string {
  if (cents === 0n && nonZero) return "under 0.01 USD";
  return `${groupThousands(formatFixed(cents, 2))} USD`;
}
