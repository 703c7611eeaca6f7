/**
 * Names for the contracts' enums and roles, in the order the Solidity code declares them
 * (`contracts/lots/LotTypes.sol`, `contracts/compliance/ComplianceTypes.sol`). The numeric values are what goes on
 * chain; the names are what people read.
 */
import countries from "i18n-iso-countries/index.js";
import { keccak256, toHex, type Hex } from "viem";

/** Physical forms (`Form` in Solidity), by on-chain value. */
export const FORMS = ["dore", "bar", "concentrate", "cathode", "apt", "regulus", "trioxide", "oxide"] as const;
export type FormName = (typeof FORMS)[number];

/** Bases (`Basis`): what grades and base units are measured on. */
export const BASES = ["element", "oxide"] as const;
export type BasisName = (typeof BASES)[number];

/** Lifecycle states (`LotState`), by on-chain value. */
export const LOT_STATES = ["none", "registered", "assayed", "warehoused", "in-transit", "settling", "retired"] as const;
export type LotStateName = (typeof LOT_STATES)[number];

/** Document kinds (`DocType`), by on-chain value. */
export const DOC_TYPES = [
  "assay-certificate",
  "weight-certificate",
  "export-permit",
  "warehouse-receipt",
  "bill-of-lading",
  "insurance",
  "due-diligence-report",
  "other",
] as const;
export type DocTypeName = (typeof DOC_TYPES)[number];

/** The registry's roles, by the name the SDK and CLI use. */
export const ROLES = {
  admin: "0x0000000000000000000000000000000000000000000000000000000000000000",
  issuer: keccak256(toHex("ISSUER_ROLE")),
  assayer: keccak256(toHex("ASSAYER_ROLE")),
  custodian: keccak256(toHex("CUSTODIAN_ROLE")),
  compliance: keccak256(toHex("COMPLIANCE_ROLE")),
  treasury: keccak256(toHex("TREASURY_ROLE")),
  pauser: keccak256(toHex("PAUSER_ROLE")),
} as const satisfies Record<string, Hex>;
export type RoleName = keyof typeof ROLES;

/** The role name for a role hash, or the hash itself when it is not one of ours. */
export function roleName(role: Hex): string {
  const found = Object.entries(ROLES).find(([, hash]) => hash.toLowerCase() === role.toLowerCase());
  return found ? found[0].toUpperCase() : role;
}

/** The value of `name` in `names`, or undefined. Accepts underscores for dashes and any case. */
export function indexOfName<T extends readonly string[]>(names: T, name: string): number | undefined {
  const wanted = name.trim().toLowerCase().replaceAll("_", "-");
  const index = names.indexOf(wanted);
  return index < 0 ? undefined : index;
}

/** Investor classes (`InvestorClass`), lowest to highest. "none" marks a wallet that is not (or no longer) verified. */
export const INVESTOR_CLASSES = ["none", "retail", "accredited", "institutional"] as const;
export type InvestorClassName = (typeof INVESTOR_CLASSES)[number];

/**
 * Why a movement of units would be refused (`Reason`), by on-chain value; "ok" means it would not.
 * `checkTransfer` and `TransferRefusedError` carry these names.
 */
export const REASONS = [
  "ok",
  "paused",
  "lot-on-hold",
  "sender-not-verified",
  "sender-kyc-expired",
  "sender-frozen",
  "receiver-not-verified",
  "receiver-kyc-expired",
  "receiver-frozen",
  "country-not-allowed",
  "class-too-low",
  "holder-limit",
  "below-minimum-holding",
  "sender-below-minimum-holding",
  "locked-up",
  "insufficient-unfrozen-balance",
] as const;
export type ReasonName = (typeof REASONS)[number];

/**
 * An ISO 3166-1 numeric country code as people read it: its alpha-2 code and the number, e.g. `"PK-586"`.
 * A number ISO 3166-1 does not assign is returned bare (`"999"`, `"0"` for a wallet that was never registered).
 *
 * @example
 * countryLabel(586) // "PK-586"
 * countryLabel(4)   // "AF-004"
 */
export function countryLabel(code: number): string {
  if (!Number.isInteger(code) || code < 1 || code > 999) return String(code);
  const numeric = String(code).padStart(3, "0");
  const alpha2 = countries.numericToAlpha2(numeric);
  return alpha2 === undefined ? String(code) : `${alpha2}-${numeric}`;
}
