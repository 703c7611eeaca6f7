/**
 * Where a lot comes from, read from its registration: the country (ISO 3166-1) and its origin id, which by the
 * platform's convention names the province, the district and the concession:
 * `<country alpha-2>-<ISO 3166-2 subdivision>-<district>-<concession>`, e.g. `PK-BA-CHAGAI-EL-0042` (Balochistan,
 * Chagai district, concession EL-0042). An origin id written otherwise is the concession id as it stands.
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
  /** The mine or concession id: what follows the district, or the whole origin id. */
  concession: string;
  /** The origin id as registered. */
  originId: string;
}

/**
 * The origin of a lot registered from `countryCode` with `originId`.
 *
 * @example
 * lotOrigin(586, "PK-BA-CHAGAI-EL-0042") // { province: "PK-BA", district: "CHAGAI", concession: "EL-0042", ... }
 * lotOrigin(604, "PE-ANTAMINA-01")       // { province: null, district: null, concession: "PE-ANTAMINA-01", ... }
 */
export function lotOrigin(countryCode: number, originId: string): LotOrigin {
  const label = countryLabel(countryCode);
  const alpha2 = /^([A-Z]{2})-\d{3}$/.exec(label)?.[1];
  const parts = /^([A-Za-z]{2})-([A-Za-z0-9]{1,3})-([^-]+)-(.+)$/.exec(originId.trim());
  const carries = alpha2 !== undefined && parts !== null && parts[1]!.toUpperCase() === alpha2;
  return {
    country: countryCode,
    countryLabel: label,
    countryName: countryDisplay(countryCode),
    province: carries ? `${alpha2}-${parts[2]!.toUpperCase()}` : null,
    district: carries ? parts[3]! : null,
    concession: carries ? parts[4]! : originId,
    originId,
  };
}
