import type { Address } from "viem";
import type { ReasonName } from "../domain.ts";

/**
 * The SDK's error hierarchy, shaped like viem's `BaseError`: a one-line `shortMessage` a person can act on,
 * optional `details` and `metaMessages`, and the original error as `cause`.
 */
export interface MineralsErrorOptions {
  cause?: unknown;
  details?: string;
  metaMessages?: string[];
}

/**
 * Base class of every error the SDK throws on purpose.
 *
 * @example
 * try { await client.mintUnits({ lotId: 1n, to, amount: 10n }) }
 * catch (e) { if (e instanceof MineralsError) console.error(e.shortMessage) }
 */
export class MineralsError extends Error {
  override name = "MineralsError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[] | undefined;

  constructor(shortMessage: string, options: MineralsErrorOptions = {}) {
    const lines = [shortMessage];
    if (options.metaMessages?.length) lines.push("", ...options.metaMessages);
    if (options.details) lines.push("", `Details: ${options.details}`);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.metaMessages = options.metaMessages;
  }
}

/**
 * An argument was missing or malformed; nothing was sent to the chain.
 *
 * @example
 * new InvalidArgumentError("to", "a 0x-prefixed 20-byte address", "0x12") // "Invalid to: expected a 0x-prefixed 20-byte address, got "0x12""
 */
export class InvalidArgumentError extends MineralsError {
  override name = "InvalidArgumentError";
  readonly argument: string;

  constructor(argument: string, expected: string, received: unknown, options: MineralsErrorOptions = {}) {
    super(`Invalid ${argument}: expected ${expected}, got ${describe(received)}`, options);
    this.argument = argument;
  }
}

/** The deployment manifest is missing, malformed or points at contracts that are not on this chain. */
export class DeploymentError extends MineralsError {
  override name = "DeploymentError";
}

/**
 * The chain refused a call; `errorName` and `args` are the decoded custom error, and `shortMessage` explains it.
 */
export class ContractRevertError extends MineralsError {
  override name = "ContractRevertError";
  readonly errorName: string;
  readonly args: readonly unknown[];

  constructor(errorName: string, args: readonly unknown[], shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.errorName = errorName;
    this.args = args;
  }
}

/** The parties and lot of a movement of units the compliance rules refused. */
export interface TransferRefusal {
  /** Why, by name (`REASONS`). */
  reason: ReasonName;
  /** The sender; the zero address for a mint. */
  from: Address;
  /** The receiver; the zero address for a burn. */
  to: Address;
  lotId: bigint;
}

/**
 * The compliance rules refused a movement of units (a transfer, batch transfer, mint, burn or forced transfer): the
 * chain reverted with `ComplianceViolation` or `ERC7943InsufficientUnfrozenBalance`. `shortMessage` is one plain
 * sentence with the concrete context, e.g. "0x12..ab cannot receive lot 3: KYC expired 2026-10-01".
 *
 * @example
 * try { await client.transferUnits({ lotId: 3n, to, amount }) }
 * catch (e) { if (e instanceof TransferRefusedError && e.reason === "receiver-kyc-expired") askForNewKyc(e.to) }
 */
export class TransferRefusedError extends ContractRevertError {
  override name = "TransferRefusedError";
  readonly reason: ReasonName;
  readonly from: Address;
  readonly to: Address;
  readonly lotId: bigint;

  constructor(errorName: string, args: readonly unknown[], shortMessage: string, refusal: TransferRefusal, options: MineralsErrorOptions = {}) {
    super(errorName, args, shortMessage, options);
    this.reason = refusal.reason;
    this.from = refusal.from;
    this.to = refusal.to;
    this.lotId = refusal.lotId;
  }
}

/** A transaction was mined but failed, or the chain could not be reached. */
export class TransactionError extends MineralsError {
  override name = "TransactionError";
}

/**
 * An SDK error typed by its literal `name`, the way viem types its errors (`ErrorType<'Name'>`). Each class's
 * `name` is a `string`, so a union of classes tells a caller nothing; a union of these types is discriminated by
 * `name`: `if (error.name === "InvalidArgumentError") error.argument`.
 */
export type ErrorType<name extends string = "MineralsError"> = MineralsError & { name: name };
export type MineralsErrorType = ErrorType;
export type InvalidArgumentErrorType = InvalidArgumentError & { name: "InvalidArgumentError" };
export type DeploymentErrorType = DeploymentError & { name: "DeploymentError" };
export type ContractRevertErrorType = ContractRevertError & { name: "ContractRevertError" };
export type TransferRefusedErrorType = TransferRefusedError & { name: "TransferRefusedError" };
export type TransactionErrorType = TransactionError & { name: "TransactionError" };

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}`;
  if (value === undefined) return "nothing";
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A trade would fail, found before anything was sent (the offer expired, names another buyer, the seller no longer
 * holds the units, the lot's rules refuse the buyer, ...). `shortMessage` says why in one sentence; `reason` names it.
 */
export class TradeRefusedError extends MineralsError {
  override name = "TradeRefusedError";
  readonly reason: string;

  constructor(reason: string, shortMessage: string, options: MineralsErrorOptions = {}) {
    super(shortMessage, options);
    this.reason = reason;
  }
}
export type TradeRefusedErrorType = TradeRefusedError & { name: "TradeRefusedError" };
