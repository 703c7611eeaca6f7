import type { Client, Hash, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { countryLabel } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { toBoolean, toCountry, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface SetAllowedCountriesParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** ISO 3166-1 numeric country codes, e.g. [586, 840] (Pakistan, United States); at least one, at most 250. */
  countries: readonly number[];
  /** true adds them to the lot's allowed list, false removes them. */
  allowed: boolean;
}

export interface SetAllowedCountriesReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SetAllowedCountriesErrorType = MineralsError;

/**
 * Adds countries to, or removes them from, a lot's allowed list. The list applies while the lot's rules say
 * `restrictCountries` (`setLotRules`). COMPLIANCE role.
 *
 * @example
 * await setAllowedCountries(officerClient, { deployment, lotId: 3n, countries: [586, 840, 784, 392], allowed: true }) // Pakistan, US, UAE, Japan
 */
export async function setAllowedCountries(client: Client, parameters: SetAllowedCountriesParameters): Promise<SetAllowedCountriesReturnType> {
  const lotId = toLotId(parameters.lotId);
  if (!Array.isArray(parameters.countries) || parameters.countries.length === 0 || parameters.countries.length > 250) {
    throw new InvalidArgumentError("countries", "a list of 1 to 250 ISO 3166-1 numeric country codes", parameters.countries);
  }
  const countries = parameters.countries.map((country, i) => toCountry(country, `countries[${i}]`));
  const allowed = toBoolean(parameters.allowed, "allowed");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "setAllowedCountries",
    args: [lotId, countries, allowed],
    context: { action: `${allowed ? "allow" : "disallow"} ${countries.map(countryLabel).join(", ")} for lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
