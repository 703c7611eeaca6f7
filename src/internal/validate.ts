/**
 * Argument checks shared by the actions. Each returns the value in the form the contract takes, or throws an
 * `InvalidArgumentError` naming the argument and what was expected, before anything is sent.
 */
import { getAddress, hexToBytes, isAddress, isHex, stringToHex, zeroAddress, type Address, type Hex } from "viem";
import { INVESTOR_CLASSES, indexOfName, isCountryCode } from "../domain.ts";
import { InvalidArgumentError } from "../errors/base.ts";
import { COMMODITIES, Quantity, type Commodity } from "../units/index.ts";

const UINT128_MAX = (1n << 128n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const UINT40_MAX = (1n << 40n) - 1n;

/** A lot id: a positive integer. Accepts bigint, safe integer or decimal string. */
export function toLotId(value: unknown, argument = "lotId"): bigint {
  const id = toBigIntOrUndefined(value);
  if (id === undefined || id <= 0n || id > UINT128_MAX) throw new InvalidArgumentError(argument, "a positive integer lot id", value);
  return id;
}

/** A non-zero address, returned checksummed. */
export function toAddress(value: unknown, argument: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InvalidArgumentError(argument, "a 0x-prefixed 20-byte hex address", value);
  }
  if (value.toLowerCase() === zeroAddress) throw new InvalidArgumentError(argument, "a non-zero address", value);
  return getAddress(value);
}

/** An address that may be the zero address (the "from" of a mint, the "to" of a burn), returned checksummed. */
export function toAddressOrZero(value: unknown, argument: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InvalidArgumentError(argument, "a 0x-prefixed 20-byte hex address", value);
  }
  return getAddress(value);
}

/**
 * An amount of units of a lot of `commodity`, in base units. A `Quantity` must be of the same commodity;
 * a bigint is taken as base units. Zero is refused unless `allowZero`.
 */
export function toAmount(value: unknown, commodity: Commodity, argument = "amount", allowZero = false): bigint {
  let base: bigint | undefined;
  if (value instanceof Quantity) {
    if (value.commodity !== commodity) {
      throw new InvalidArgumentError(argument, `a quantity of ${COMMODITIES[commodity].name}`, value.format());
    }
    base = value.base;
  } else {
    base = toBigIntOrUndefined(value);
  }
  // A Quantity too large for the chain is named as the user wrote it, not dumped as an object.
  if (value instanceof Quantity && value.base > UINT128_MAX) {
    throw new InvalidArgumentError(argument, `at most 2^128 - 1 ${COMMODITIES[commodity].baseUnit} (the most a lot can hold)`, value.format());
  }
  if (base === undefined || base < 0n || base > UINT128_MAX) {
    throw new InvalidArgumentError(argument, `a non-negative whole number of ${COMMODITIES[commodity].baseUnit} or a Quantity`, value);
  }
  if (base === 0n && !allowZero) throw new InvalidArgumentError(argument, "an amount greater than zero", value);
  return base;
}

/** A short text stored on chain as `bytes32` (at most 32 bytes of UTF-8, not empty). */
export function toShortString(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidArgumentError(argument, "a non-empty text", value);
  if (new TextEncoder().encode(value).length > 32) throw new InvalidArgumentError(argument, "at most 32 bytes of text", value);
  return stringToHex(value, { size: 32 });
}

/**
 * Decodes a `bytes32` short string written by `toShortString`: drops the zero *bytes* of the right padding, never
 * a zero hex digit inside the last character ("0" is 0x30, "P" 0x50, " " 0x20), so every text reads back as written.
 * This is the one decoder for every text the platform stores (origin, location, destination, sale reference, reasons).
 */
export function fromShortString(value: Hex): string {
  const bytes = hexToBytes(value);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/** A 32-byte hash, 0x-prefixed, not all zeros. */
export function toHash(value: unknown, argument: string): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length !== 66) {
    throw new InvalidArgumentError(argument, "a 0x-prefixed 32-byte hex hash", value);
  }
  if (/^0x0{64}$/.test(value)) throw new InvalidArgumentError(argument, "a non-zero hash", value);
  return value.toLowerCase() as Hex;
}

/** Bytes passed to an ERC-1155 receiver hook: 0x-prefixed hex of whole bytes; "0x" when absent. */
export function toData(value: unknown, argument = "data"): Hex {
  if (value === undefined) return "0x";
  if (typeof value !== "string" || !isHex(value, { strict: true }) || value.length % 2 !== 0) {
    throw new InvalidArgumentError(argument, "0x-prefixed hex bytes", value);
  }
  return value as Hex;
}

/** An integer within [min, max]. */
export function toIntInRange(value: unknown, argument: string, min: number, max: number, expected?: string): number {
  const n = typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(argument, expected ?? `an integer from ${min} to ${max}`, value);
  }
  return n;
}

/** A `true` or `false`, nothing else (a CLI must not pass the text "false" through as truthy). */
export function toBoolean(value: unknown, argument: string): boolean {
  if (typeof value !== "boolean") throw new InvalidArgumentError(argument, "true or false", value);
  return value;
}

/** An ISO 3166-1 numeric country code: an integer from 1 to 999 that ISO assigns to a country (999 is not one). */
export function toCountry(value: unknown, argument = "country"): number {
  const code = toIntInRange(value, argument, 1, 999, "an ISO 3166-1 numeric country code from 1 to 999");
  if (!isCountryCode(code)) throw new InvalidArgumentError(argument, "an ISO 3166-1 numeric country code that names a country", value);
  return code;
}

/**
 * An investor class by name ("retail", "accredited", "institutional"; any case, underscores for dashes), returned as
 * its on-chain value. "none" is accepted only where it means "no minimum" (`allowNone`).
 */
export function toInvestorClass(value: unknown, argument = "investorClass", allowNone = false): number {
  const names = allowNone ? INVESTOR_CLASSES : INVESTOR_CLASSES.slice(1);
  const index = typeof value === "string" ? indexOfName(INVESTOR_CLASSES, value) : undefined;
  if (index === undefined || (index === 0 && !allowNone)) throw new InvalidArgumentError(argument, `one of ${names.join(", ")}`, value);
  return index;
}

/** An investor id: a positive integer that fits in uint64. Accepts bigint, safe integer or decimal string. */
export function toInvestorId(value: unknown, argument = "investorId", allowZero = false): bigint {
  const id = toBigIntOrUndefined(value);
  if (id === undefined || id < (allowZero ? 0n : 1n) || id > UINT64_MAX) {
    throw new InvalidArgumentError(argument, allowZero ? "zero or a positive integer investor id" : "a positive integer investor id", value);
  }
  return id;
}

/** A date as whole Unix seconds (rounded down), after 1970 and within `maxSeconds` (uint40 by default). */
export function toTimestamp(value: unknown, argument: string, maxSeconds: bigint = UINT40_MAX): bigint {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()) || value.getTime() < 1000) {
    throw new InvalidArgumentError(argument, "a valid date", value);
  }
  const seconds = BigInt(Math.floor(value.getTime() / 1000));
  if (seconds > maxSeconds) throw new InvalidArgumentError(argument, `a date before ${new Date(Number(maxSeconds) * 1000).toISOString()}`, value);
  return seconds;
}

/** Free text for an event (e.g. the legal ground of a forced transfer): not blank, at most `maxBytes` of UTF-8. */
export function toText(value: unknown, argument: string, maxBytes: number): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidArgumentError(argument, "a non-empty text", value);
  if (new TextEncoder().encode(value).length > maxBytes) throw new InvalidArgumentError(argument, `at most ${maxBytes} bytes of text`, value);
  return value;
}

function toBigIntOrUndefined(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}
