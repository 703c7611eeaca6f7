/**
 * Exact amounts of money in a 6-decimal USD-stable token (the test stablecoin, USDC and the like): base units held
 * as a bigint, parsed from and formatted to USD text without floating point and without rounding.
 *
 * @module
 */
import { formatFixed, groupThousands, parseDecimal, pow10 } from "./decimal.ts";

/** Decimals of the platform's USD-stable payment token. */
export const USD_DECIMALS = 6;

const USD_TEXT = /^(?:USD\s*|US\$\s*|\$\s*)?([0-9][0-9,_]*(?:\.[0-9]+)?)(?:\s*USD)?$/i;

/**
 * An immutable amount of US dollars in base units of a 6-decimal stablecoin (1 USD = 1,000,000 base units).
 *
 * @example
 * ```ts
 * Money.parseUsd("1,250.5 USD").base;   // 1250500000n
 * Money.fromBase(1250500000n).format(); // "1,250.50 USD"
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

  /** "1,250.50 USD": cents always shown, further digits only when not zero. */
  format(): string {
    return `${formatUsdNumber(this.base)} USD`;
  }

  /** The decimal text without the currency, e.g. "1250.50" (for JSON). */
  toDecimalString(): string {
    return trimCents(formatFixed(this.base, USD_DECIMALS));
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

function formatUsdNumber(base: bigint): string {
  return groupThousands(trimCents(formatFixed(base, USD_DECIMALS)));
}

/**
 * Formats base units of a 6-decimal stablecoin as USD, exactly.
 *
 * @example
 * ```ts
 * formatUsd(9000000000n); // "9,000.00 USD"
 * formatUsd(1n);          // "0.000001 USD"
 * ```
 */
export function formatUsd(base: bigint): string {
  return Money.fromBase(base).format();
}
