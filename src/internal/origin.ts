/**
 * Where a lot comes from, read from its registration: the country (ISO 3166-1) and its origin id, which by the
 * platform's convention names the province, the district and the concession:
 * `<country alpha-2>-<ISO 3166-2 subdivision>-<district>-<concession>`, e.g. `PK-BA-CHAGAI-EL-0042` (Balochistan,
 * Chagai district, concession EL-0042), for the subdivisions this module names (Pakistan's provinces and territories).
 * An origin id written otherwise is the concession id as it stands.
 */
import { countryDisplay, countryLabel } from "../domain.ts";

/** A lot's origin, as the passport shows it. */
export interface LotOrigin {
  /** ISO 3166-1 numeric code, its label ("PK-586") and how people read it ("Pakistan (PK-586)"). */
  country: number;
  countryLabel: string;
  countryName: string;
  /** The ISO 3166-2 subdivision code ("PK-BA") and the district ("CHAGAI"), when the origin id carries them. */
  province: string | null;
  district: string | null;
  /** How people read them: "Balochistan", "Chagai". */
  provinceName: string | null;
  districtName: string | null;
  /** The mine or concession id: what follows the district, or the whole origin id. */
  concession: string;
  /** The origin id as registered. */
  originId: string;
  /** Where it is, as people read it: "Chagai, Balochistan, Pakistan", or the country alone. */
  place: string;
}

/**
 * Where the origin is, as people read it: "Chagai, Balochistan, Pakistan", or the country alone.
 *
 * @example
 * lotOrigin(586, "PK-BA-CHAGAI-EL-0042").place // "Chagai, Balochistan, Pakistan"
 */
function originPlace(origin: Omit<LotOrigin, "place">): string {
  const country = origin.countryName.replace(/ \([A-Z]{2}-\d{3}\)$/, "");
  return [origin.districtName, origin.provinceName, country].filter((part) => part !== null).join(", ");
}

/** ISO 3166-2:PK: Pakistan's provinces and territories, by code (add a country's subdivisions here to read its ids). */
const SUBDIVISIONS: Record<string, string> = {
  "PK-BA": "Balochistan",
  "PK-GB": "Gilgit-Baltistan",
  "PK-IS": "Islamabad",
  "PK-JK": "Azad Jammu and Kashmir",
  "PK-KP": "Khyber Pakhtunkhwa",
  "PK-PB": "Punjab",
  "PK-SD": "Sindh",
};

/** "CHAGAI" -> "Chagai", "DERA_GHAZI_KHAN" -> "Dera Ghazi Khan". */
const titleCase = (id: string): string => id.toLowerCase().split(/[_\s]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");

/**
 * The origin of a lot registered from `countryCode` with `originId`.
 *
 * @example
 * lotOrigin(586, "PK-BA-CHAGAI-EL-0042") // { province: "PK-BA", provinceName: "Balochistan", district: "CHAGAI", districtName: "Chagai", concession: "EL-0042", ... }
 * lotOrigin(604, "PE-ANTAMINA-01")       // { province: null, district: null, concession: "PE-ANTAMINA-01", ... }
 */
export function lotOrigin(countryCode: number, originId: string): LotOrigin {
  const label = countryLabel(countryCode);
  const alpha2 = /^([A-Z]{2})-\d{3}$/.exec(label)?.[1];
  const parts = /^([A-Za-z]{2})-([A-Za-z0-9]{1,3})-([^-]+)-(.+)$/.exec(originId.trim());
  // Read as province and district only when the second part is a subdivision of the lot's own country that the
  // table names: "BO-AU-TIPUANI-07" is a concession id whose "AU" is the mineral, not a Bolivian department.
  const subdivision = parts === null ? undefined : `${parts[1]!.toUpperCase()}-${parts[2]!.toUpperCase()}`;
  const carries = alpha2 !== undefined && parts !== null && parts[1]!.toUpperCase() === alpha2 && subdivision! in SUBDIVISIONS;
  const province = carries ? subdivision! : null;
  const origin = {
    country: countryCode,
    countryLabel: label,
    countryName: countryDisplay(countryCode),
    province,
    district: carries ? parts[3]! : null,
    provinceName: province === null ? null : SUBDIVISIONS[province]!,
    districtName: carries ? titleCase(parts[3]!) : null,
    concession: carries ? parts[4]! : originId,
    originId,
  };
  return { ...origin, place: originPlace(origin) };
}
