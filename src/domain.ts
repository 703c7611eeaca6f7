/**
 * Names for the contracts' enums and roles. Every list here is derived from the compiled contracts
 * (`src/generated/`, written by `npm run build` from the solc AST), never kept by hand: the numeric values are what
 * goes on chain (a member's index in its Solidity enum), the kebab-case names are what people read.
 */
import countries from "i18n-iso-countries/index.js";
import type { Hex } from "viem";
import {
  BASIS_MEMBERS,
  DOC_TYPE_MEMBERS,
  FORM_MEMBERS,
  INVESTOR_CLASS_MEMBERS,
  LOT_STATE_MEMBERS,
  REASON_MEMBERS,
} from "./generated/enums.ts";
import { ROLE_HASHES } from "./generated/roles.ts";

/** A Solidity member name in the SDK's kebab case, as a type: `KebabCase<"SenderKycExpired">` is `"sender-kyc-expired"`. */
export type KebabCase<S extends string, Done extends string = ""> = S extends `${infer C}${infer Rest}`
  ? KebabCase<Rest, `${Done}${C extends Lowercase<C> ? C : Done extends "" ? Lowercase<C> : `-${Lowercase<C>}`}`>
  : Done;

/** A tuple of Solidity member names, each in kebab case. */
export type KebabNames<T extends readonly string[]> = { readonly [I in keyof T]: T[I] extends string ? KebabCase<T[I]> : never };

/**
 * A Solidity member name in the SDK's kebab case: a dash before every capital but the first, then lower case.
 *
 * @example
 * kebabCase("SenderKycExpired") // "sender-kyc-expired"
 */
export function kebabCase<S extends string>(name: S): KebabCase<S> {
  return name.replace(/[A-Z]/g, (capital, index: number) => (index === 0 ? capital : `-${capital}`)).toLowerCase() as KebabCase<S>;
}

/** The kebab-case names of a Solidity enum's members, in the same order (so a name's index is its on-chain value). */
export function kebabNames<const T extends readonly string[]>(members: T): KebabNames<T> {
  return members.map(kebabCase) as unknown as KebabNames<T>;
}

/** A Solidity enum as an object from member name to on-chain value, typed with the exact values. */
export type SolidityEnum<T extends readonly string[]> = {
  readonly [I in keyof T as I extends `${number}` ? T[I] & string : never]: I extends `${infer N extends number}` ? N : never;
};

/**
 * A Solidity enum as an object from member name to on-chain value, from its generated member list.
 *
 * @example
 * solidityEnum(COMMODITY_MEMBERS).Copper // 1
 */
export function solidityEnum<const T extends readonly string[]>(members: T): SolidityEnum<T> {
  return Object.freeze(Object.fromEntries(members.map((member, index) => [member, index]))) as SolidityEnum<T>;
}

/** Physical forms (`Form` in Solidity), by on-chain value. */
export const FORMS = kebabNames(FORM_MEMBERS);
export type FormName = (typeof FORMS)[number];

/** Bases (`Basis`): what grades and base units are measured on. */
export const BASES = kebabNames(BASIS_MEMBERS);
export type BasisName = (typeof BASES)[number];

/** Lifecycle states (`LotState`), by on-chain value. */
export const LOT_STATES = kebabNames(LOT_STATE_MEMBERS);
export type LotStateName = (typeof LOT_STATES)[number];

/** Document kinds (`DocType`), by on-chain value. */
export const DOC_TYPES = kebabNames(DOC_TYPE_MEMBERS);
export type DocTypeName = (typeof DOC_TYPES)[number];

/** The SDK's name of a role: `admin` for `DEFAULT_ADMIN`, the lower-case Solidity name for the others. */
type RoleKey<K> = K extends "DEFAULT_ADMIN" ? "admin" : Lowercase<K & string>;

/** The registry's roles, by the name the SDK and CLI use (`Roles.ISSUER` is `issuer`; the default admin is `admin`). */
export const ROLES = Object.freeze(
  Object.fromEntries(Object.entries(ROLE_HASHES).map(([name, hash]) => [name === "DEFAULT_ADMIN" ? "admin" : name.toLowerCase(), hash])),
) as { readonly [K in keyof typeof ROLE_HASHES as RoleKey<K>]: (typeof ROLE_HASHES)[K] };
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
export const INVESTOR_CLASSES = kebabNames(INVESTOR_CLASS_MEMBERS);
export type InvestorClassName = (typeof INVESTOR_CLASSES)[number];

/**
 * Why a movement of units would be refused (`Reason`), by on-chain value; "ok" means it would not.
 * `checkTransfer` and `TransferRefusedError` carry these names.
 */
export const REASONS = kebabNames(REASON_MEMBERS);
export type ReasonName = (typeof REASONS)[number];

/**
 * A word with its indefinite article, as English writes it: "an institutional", "an accredited", "a retail".
 *
 * @example
 * withArticle("institutional") // "an institutional"
 */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

/** Every ISO 3166-1 country by alpha-2 code, with its numeric code and English name (from the runtime's CLDR data). */
let countryIndex: { alpha2: string; alpha3: string; numeric: number; name: string }[] | undefined;
function allCountries() {
  if (countryIndex) return countryIndex;
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  countryIndex = Object.keys(countries.getAlpha2Codes()).map((alpha2) => ({
    alpha2,
    alpha3: countries.alpha2ToAlpha3(alpha2) ?? "",
    numeric: Number(countries.alpha2ToNumeric(alpha2)),
    name: names.of(alpha2) ?? alpha2,
  }));
  return countryIndex;
}

/** Whether ISO 3166-1 assigns this numeric code to a country (586 yes; 999 and 0 no). */
export function isCountryCode(code: number): boolean {
  return Number.isInteger(code) && code >= 1 && code <= 999 && countries.numericToAlpha2(String(code).padStart(3, "0")) !== undefined;
}

/**
 * A country as a person writes it, as its ISO 3166-1 numeric code: the code ("586", "068"), the alpha-2 or alpha-3
 * code ("PK", "pak") or the English name ("Pakistan", "united states"), any case.
 *
 * @throws Error saying what was expected, for a text that names no country (a code ISO does not assign, such as 999).
 * @example
 * parseCountry("PK")       // 586
 * parseCountry("Pakistan") // 586
 * parseCountry("068")      // 68
 * parseCountry("999")      // throws: 999 is not an ISO 3166-1 country code
 */
export function parseCountry(text: string): number {
  const value = String(text).trim();
  if (/^\d+$/.test(value)) {
    const code = Number(value);
    if (!isCountryCode(code)) throw new Error(`${value} is not an ISO 3166-1 numeric country code; write the code (586), the alpha-2 code (PK) or the name (Pakistan)`);
    return code;
  }
  const key = value.toLowerCase();
  const found = allCountries().find((c) => c.alpha2.toLowerCase() === key || c.alpha3.toLowerCase() === key || c.name.toLowerCase() === key);
  if (!found) throw new Error(`"${value}" is not a country: write its ISO 3166-1 numeric code (586), its alpha-2 code (PK) or its English name (Pakistan)`);
  return found.numeric;
}

/**
 * A country's English name and label as people read it: "Pakistan (PK-586)"; a code ISO does not assign reads
 * "unknown country 999", and 0 "no country".
 *
 * @example
 * countryDisplay(586) // "Pakistan (PK-586)"
 */
export function countryDisplay(code: number): string {
  if (code === 0) return "no country";
  const found = isCountryCode(code) ? allCountries().find((c) => c.numeric === code) : undefined;
  return found ? `${found.name} (${countryLabel(code)})` : `unknown country ${code}`;
}

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
