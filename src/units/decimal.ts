/**
 * Exact decimal helpers on `bigint`: rounding division, rational → decimal string, decimal string → rational,
 * and thousands grouping. No floating point is used anywhere.
 *
 * @module
 */

/**
 * How to round a value that does not fit the requested precision.
 *
 * - `"down"`: toward zero (truncate), the same as Solidity integer division.
 * - `"up"`: away from zero (ceiling for the non-negative values handled here).
 * - `"half-even"`: to the nearest, ties to the even neighbour (banker's rounding).
 * - `"exact"`: no rounding at all; a `RangeError` is thrown when the value is not exactly representable.
 *
 * @example
 * ```ts
 * const rounding: Rounding = "half-even";
 * ```
 */
export type Rounding = "down" | "up" | "half-even" | "exact";

/** Every {@link Rounding} mode, in a stable order. @example `ROUNDINGS.includes("up") // true` */
export const ROUNDINGS: readonly Rounding[] = ["down", "up", "half-even", "exact"];

/**
 * Checks at run time that a value is one of the {@link Rounding} modes.
 *
 * @example
 * ```ts
 * assertRounding("half-even"); // ok
 * assertRounding("nearest");   // throws TypeError
 * ```
 */
export function assertRounding(rounding: unknown): asserts rounding is Rounding {
  if (!(ROUNDINGS as readonly unknown[]).includes(rounding)) {
    throw new TypeError(`Invalid rounding ${JSON.stringify(rounding)}: expected one of ${ROUNDINGS.map((r) => `"${r}"`).join(", ")}`);
  }
}

/**
 * `10n ** BigInt(exponent)` with a check that the exponent is a non-negative safe integer.
 *
 * @example
 * ```ts
 * pow10(3); // 1000n
 * ```
 */
export function pow10(exponent: number): bigint {
  if (!Number.isSafeInteger(exponent) || exponent < 0) {
    throw new RangeError(`Invalid number of decimals ${exponent}: expected a non-negative integer`);
  }
  return 10n ** BigInt(exponent);
}

/**
 * Divides two non-negative bigints and rounds the quotient with the given mode.
 *
 * @throws RangeError when `numerator < 0`, `denominator <= 0`, or `rounding` is `"exact"` and the division
 * leaves a remainder.
 * @example
 * ```ts
 * divRound(7n, 2n, "down");      // 3n
 * divRound(7n, 2n, "up");        // 4n
 * divRound(5n, 2n, "half-even"); // 2n
 * divRound(7n, 2n, "half-even"); // 4n
 * divRound(7n, 2n, "exact");     // throws RangeError
 * ```
 */
export function divRound(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  assertRounding(rounding);
  if (denominator <= 0n) throw new RangeError(`Division by a non-positive denominator ${denominator}`);
  if (numerator < 0n) throw new RangeError(`Cannot round a negative value (${numerator}/${denominator})`);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  switch (rounding) {
    case "down":
      return quotient;
    case "up":
      return quotient + 1n;
    case "half-even":
      return roundHalfEven(quotient, remainder, denominator);
    case "exact":
      throw new RangeError(`${numerator}/${denominator} is not exactly representable; pass a rounding mode ("down", "up" or "half-even")`);
  }
}

/** Rounds `quotient + remainder/denominator` (0 < remainder < denominator) to the nearest, ties to even. */
function roundHalfEven(quotient: bigint, remainder: bigint, denominator: bigint): bigint {
  const twice = remainder * 2n;
  if (twice < denominator) return quotient;
  if (twice > denominator) return quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/**
 * Writes a scaled integer (`value / 10^decimals`) as a plain decimal string with exactly `decimals` fraction
 * digits and no separators.
 *
 * @example
 * ```ts
 * formatFixed(2352670n, 3); // "2352.670"
 * formatFixed(5n, 3);       // "0.005"
 * formatFixed(42n, 0);      // "42"
 * ```
 */
export function formatFixed(value: bigint, decimals: number): string {
  if (value < 0n) throw new RangeError(`Cannot format a negative value ${value}`);
  const scale = pow10(decimals);
  const integer = (value / scale).toString();
  if (decimals === 0) return integer;
  const fraction = (value % scale).toString().padStart(decimals, "0");
  return `${integer}.${fraction}`;
}

/**
 * Writes the exact rational `numerator / denominator` as a decimal string with `decimals` fraction digits,
 * rounded with `rounding`.
 *
 * @throws RangeError when `rounding` is `"exact"` and the value needs more than `decimals` digits.
 * @example
 * ```ts
 * ratioToDecimal(1n, 3n, 4, "half-even"); // "0.3333"
 * ratioToDecimal(2n, 3n, 2, "down");      // "0.66"
 * ratioToDecimal(1n, 8n, 3, "exact");     // "0.125"
 * ratioToDecimal(1n, 8n, 2, "exact");     // throws RangeError
 * ```
 */
export function ratioToDecimal(numerator: bigint, denominator: bigint, decimals: number, rounding: Rounding): string {
  return formatFixed(divRound(numerator * pow10(decimals), denominator, rounding), decimals);
}

/**
 * Inserts a thousands separator into a non-negative bigint or into the integer part of a plain decimal string.
 *
 * @example
 * ```ts
 * groupThousands(1234567n);          // "1,234,567"
 * groupThousands("75640.123456");    // "75,640.123456"
 * groupThousands("2352.670", "_");   // "2_352.670"
 * ```
 */
export function groupThousands(value: bigint | string, separator = ","): string {
  const text = typeof value === "bigint" ? value.toString() : value;
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new SyntaxError(`Cannot group ${JSON.stringify(text)}: expected a non-negative plain decimal like "1234.5"`);
  }
  const [integer = "", fraction] = text.split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, separator);
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A non-negative decimal number held exactly as `digits / 10^decimals`.
 *
 * @example
 * ```ts
 * const d: ScaledDecimal = { digits: 2352670n, decimals: 3 }; // 2352.670
 * ```
 */
export type ScaledDecimal = { readonly digits: bigint; readonly decimals: number };

const DECIMAL_EXPECTED =
  'expected a non-negative decimal number such as "1234.5", "2,352.670" or "1_000_000" (thousands separators "," or "_" between groups of three digits; no sign, exponent or spaces)';

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const UNDERSCORE_GROUPED = /^\d{1,3}(?:_\d{3})+$/;

/**
 * Parses a non-negative decimal string exactly. Thousands separators (`","` or `"_"`, not mixed) are accepted
 * in the integer part only, and only between groups of three digits, so a European decimal comma such as
 * `"1,5"` is rejected rather than read as fifteen.
 *
 * @throws SyntaxError with a message saying what was expected for empty, negative, signed, exponent, multiple
 * dots or otherwise malformed input.
 * @example
 * ```ts
 * parseDecimal("2,352.670"); // { digits: 2352670n, decimals: 3 }
 * parseDecimal("578.712345"); // { digits: 578712345n, decimals: 6 }
 * parseDecimal("-5");         // throws SyntaxError
 * ```
 */
export function parseDecimal(text: string): ScaledDecimal {
  if (typeof text !== "string") throw new TypeError(`Invalid number ${String(text)}: ${DECIMAL_EXPECTED}`);
  const trimmed = text.trim();
  if (trimmed === "") throw new SyntaxError(`Empty number: ${DECIMAL_EXPECTED}`);
  if (trimmed.startsWith("-")) throw new SyntaxError(`Negative number ${JSON.stringify(text)} is not allowed: ${DECIMAL_EXPECTED}`);
  const [integerPart = "", fractionPart, ...rest] = trimmed.split(".");
  if (rest.length > 0) throw new SyntaxError(`Invalid number ${JSON.stringify(text)} (more than one "."): ${DECIMAL_EXPECTED}`);
  const integer = stripThousands(integerPart, text);
  const plain = fractionPart === undefined ? integer : `${integer}.${fractionPart}`;
  const match = PLAIN_DECIMAL.exec(plain);
  if (match === null) throw new SyntaxError(`Invalid number ${JSON.stringify(text)}: ${DECIMAL_EXPECTED}`);
  const fraction = match[2] ?? "";
  return { digits: BigInt(`${match[1] ?? ""}${fraction}`), decimals: fraction.length };
}

/** Removes well-formed thousands separators from an integer part; malformed grouping is a SyntaxError. */
function stripThousands(integerPart: string, original: string): string {
  if (!/[,_]/.test(integerPart)) return integerPart;
  if (COMMA_GROUPED.test(integerPart) || UNDERSCORE_GROUPED.test(integerPart)) return integerPart.replace(/[,_]/g, "");
  throw new SyntaxError(`Invalid thousands grouping in ${JSON.stringify(original)}: ${DECIMAL_EXPECTED}`);
}
