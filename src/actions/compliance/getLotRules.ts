import type { Client } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import { INVESTOR_CLASSES, type InvestorClassName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { readAllowedCountries, readHoldReason, readLotRules } from "../../internal/compliance.ts";
import { toLotId } from "../../internal/validate.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetLotRulesParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

/** A lot's compliance rules and holder count, as the SDK presents them. */
export interface LotRulesView {
  /** The lowest class that may receive units ("none": any verified investor). */
  minClass: InvestorClassName;
  /** Whether only `allowedCountries` may receive units. */
  restrictCountries: boolean;
  /** The lot's allowed list now (ISO 3166-1 numeric, ascending), from its `CountryAllowed` events. */
  allowedCountries: number[];
  onHold: boolean;
  /** The reason given when the current hold was placed; undefined when not on hold or none was given. */
  holdReason: string | undefined;
  /** The most investors that may hold units at once; 0 = no limit. */
  maxHolders: number;
  /** The number of investors holding units now (linked wallets count once). */
  holders: number;
  /** Transfers and burns are refused before this moment; undefined = no lock-up. */
  lockupEnd: Date | undefined;
  /** The smallest non-zero position a wallet may hold; zero = no minimum. */
  minHolding: Quantity;
}

export type GetLotRulesReturnType = LotRulesView;
export type GetLotRulesErrorType = MineralsError;

/**
 * Reads a lot's rules, its allowed countries, its hold and its holder count.
 *
 * @example
 * const rules = await getLotRules(client, { deployment, lotId: 3n })
 * console.log(rules.minClass, rules.allowedCountries, `${rules.holders}/${rules.maxHolders}`, rules.minHolding.format())
 */
export async function getLotRules(client: Client, parameters: GetLotRulesParameters): Promise<GetLotRulesReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const lot = await getLot(client, { deployment, lotId });
  try {
    const [rules, allowedCountries, holdReason] = await Promise.all([
      readLotRules(client, deployment, lotId),
      readAllowedCountries(client, deployment, lotId),
      readHoldReason(client, deployment, lotId),
    ]);
    return {
      minClass: INVESTOR_CLASSES[rules.minClass] ?? "none",
      restrictCountries: rules.restrictCountries,
      allowedCountries,
      onHold: rules.onHold,
      holdReason: rules.onHold ? holdReason : undefined,
      maxHolders: rules.maxHolders,
      holders: rules.holders,
      lockupEnd: rules.lockupEnd === 0 ? undefined : new Date(rules.lockupEnd * 1000),
      minHolding: Quantity.fromBase(lot.commodity, rules.minHolding),
    };
  } catch (error) {
    throw decodeError(error, { action: `read the rules of lot ${lotId}` });
  }
}
