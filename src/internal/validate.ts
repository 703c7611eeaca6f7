/**
 * Argument checks shared by the actions. Each returns the value in the form the contract takes, or throws an
 * `InvalidArgumentError` naming the argument and what was expected, before anything is sent.
 */
import { getAddress, hexToString, isAddress, isHex, stringToHex, trim, zeroAddress, type Address, type Hex } from "viem";
import { InvalidArgumentError } from "../errors/base.ts";
import { COMMODITIES, Quantity, type Commodity } from "../units/index.ts";

const UINT128_MAX = (1n << 128n) - 1n;

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

/** Decodes a `bytes32` short string written by `toShortString`. */
export function fromShortString(value: Hex): string {
  return hexToString(trim(value, { dir: "right" }));
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

function toBigIntOrUndefined(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}
