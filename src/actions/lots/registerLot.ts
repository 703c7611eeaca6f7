import { keccak256, parseEventLogs, stringToHex, type Address, type Client, type Hash, type Hex, type TransactionReceipt } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { FORMS, indexOfName, type FormName } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { toAddress, toCountry, toIntInRange, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { COMMODITIES, deriveQuantities, isCommodity, type Commodity, type Quantity } from "../../units/index.ts";

export interface RegisterLotParameters {
  deployment: Deployment;
  commodity: Commodity;
  /** Physical form; must be one the commodity is traded in (e.g. gold: "dore" or "bar"). */
  form: FormName;
  /** ISO 3166-1 numeric code of the country of origin, e.g. 586 for Pakistan. */
  countryCode: number;
  /**
   * Mine or concession id, at most 32 bytes of text. By the platform's convention
   * `<country alpha-2>-<ISO 3166-2 province>-<district>-<concession>` (`PK-BA-CHAGAI-CU-0042`), which reports read as
   * "Chagai, Balochistan, Pakistan" and group by province and district.
   */
  originId: string;
  /**
   * The external reference (warehouse receipt, bar serials, bag tags): a 0x-prefixed 32-byte hash is used as is,
   * any other text is hashed with keccak256 so that only its hash goes on chain.
   */
  externalRef: string;
  /** Wet mass in grams. */
  wetMassGrams: bigint;
  /** Moisture in basis points of wet mass (800 = 8%). */
  moistureBps: number;
  /** Grade of the basis, dry, in parts per billion (265_000_000n = 26.5%). */
  gradePpb: bigint;
  /** Payable share in basis points (9650 = 96.5%). */
  payableBps: number;
  /** The custodian holding the lot (must hold the CUSTODIAN role). */
  custodian: Address;
  /** Warehouse or site, at most 32 bytes of text. */
  location: string;
}

export interface RegisterLotReturnType {
  lotId: bigint;
  /** The declared contained and payable quantities, as the registry derived them. */
  contained: Quantity;
  payable: Quantity;
  externalRef: Hex;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type RegisterLotErrorType = MineralsError;

/** The on-chain external reference for a text or hash: a 32-byte hash is kept, any other text is keccak256-hashed. */
export function externalRefHash(reference: string): Hex {
  if (/^0x[0-9a-fA-F]{64}$/.test(reference)) return reference.toLowerCase() as Hex;
  if (reference.trim() === "") throw new InvalidArgumentError("externalRef", "a reference text or a 32-byte hash", reference);
  return keccak256(stringToHex(reference));
}

/**
 * Registers a physical lot. Only an account with the ISSUER role. Validates every figure before sending.
 *
 * @example
 * const { lotId, payable } = await registerLot(client, {
 *   deployment, commodity: Commodity.Copper, form: "concentrate", countryCode: 586, originId: "PK-BA-CHAGAI-CU-0042",
 *   externalRef: "PK-EXP-CU-2026-0042", wetMassGrams: 10_000_000_000n, moistureBps: 800,
 *   gradePpb: 265_000_000n, payableBps: 9650, custodian, location: "Chagai mine site yard",
 * })
 * payable.format() // "2,352.670 t Cu"
 */
export async function registerLot(client: Client, parameters: RegisterLotParameters): Promise<RegisterLotReturnType> {
  const { deployment } = parameters;
  if (!isCommodity(parameters.commodity)) {
    throw new InvalidArgumentError("commodity", "one of gold, copper, tungsten, antimony, rare-earths", parameters.commodity);
  }
  const form = indexOfName(FORMS, String(parameters.form));
  if (form === undefined) throw new InvalidArgumentError("form", `one of ${FORMS.join(", ")}`, parameters.form);
  const countryCode = toCountry(parameters.countryCode, "countryCode");
  const moistureBps = toIntInRange(parameters.moistureBps, "moistureBps", 0, 9_999, "moisture in basis points, 0 to 9,999");
  const payableBps = toIntInRange(parameters.payableBps, "payableBps", 1, 10_000, "a payable share in basis points, 1 to 10,000");
  if (typeof parameters.gradePpb !== "bigint" || parameters.gradePpb <= 0n || parameters.gradePpb > 1_000_000_000n) {
    throw new InvalidArgumentError("gradePpb", "a grade in parts per billion, 1 to 1,000,000,000", parameters.gradePpb);
  }
  if (typeof parameters.wetMassGrams !== "bigint" || parameters.wetMassGrams <= 0n || parameters.wetMassGrams > 10n ** 15n) {
    throw new InvalidArgumentError("wetMassGrams", "a wet mass in grams, 1 to 10^15", parameters.wetMassGrams);
  }
  const preview = deriveQuantities(parameters.commodity, {
    wetMassGrams: parameters.wetMassGrams,
    moistureBps,
    gradePpb: parameters.gradePpb,
    payableBps,
  });
  if (preview.payable.isZero()) {
    throw new InvalidArgumentError("wetMassGrams", "figures whose payable quantity is at least one base unit", parameters.wetMassGrams);
  }
  const registration = {
    commodity: parameters.commodity,
    form,
    basis: parameters.commodity === 2 || parameters.commodity === 4 ? 1 : 0,
    countryCode,
    originId: toShortString(parameters.originId, "originId"),
    externalRef: externalRefHash(parameters.externalRef),
    wetMassGrams: parameters.wetMassGrams,
    moistureBps,
    gradePpb: Number(parameters.gradePpb),
    payableBps,
    custodian: toAddress(parameters.custodian, "custodian"),
    location: toShortString(parameters.location, "location"),
  } as const;

  const { receipt } = await writeAndWait(client, {
    address: deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "registerLot",
    args: [registration],
    context: { commodity: parameters.commodity, action: `register the ${COMMODITIES[parameters.commodity].name} lot` },
  });
  const [event] = parseEventLogs({ abi: lotRegistryAbi, logs: receipt.logs, eventName: "LotRegistered" });
  if (!event) throw new InvalidArgumentError("deployment", "a LotRegistry that emits LotRegistered", deployment.contracts.LotRegistry);
  return {
    lotId: event.args.lotId,
    contained: preview.contained,
    payable: preview.payable,
    externalRef: registration.externalRef,
    hash: receipt.transactionHash,
    receipt,
  };
}
