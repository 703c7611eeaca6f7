import type { Address, Client, Hex } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { BASES, FORMS, LOT_STATES, type BasisName, type FormName, type LotStateName } from "../../domain.ts";
import { decodeError } from "../../errors/decode.ts";
import { fromShortString, toLotId } from "../../internal/validate.ts";
import { Quantity, type Commodity } from "../../units/index.ts";

export interface GetLotParameters {
  deployment: Deployment;
  /** The lot id (= ERC-1155 token id). */
  lotId: bigint | number | string;
}

/** A lot as the SDK presents it: enums by name, texts decoded, quantities unit-aware. */
export interface LotView {
  lotId: bigint;
  commodity: Commodity;
  form: FormName;
  basis: BasisName;
  state: LotStateName;
  countryCode: number;
  originId: string;
  externalRef: Hex;
  location: string;
  custodian: Address;
  /** The custodian a lot in transit was dispatched to, or undefined. */
  pendingCustodian: Address | undefined;
  wetMassGrams: bigint;
  moistureBps: number;
  gradePpb: bigint;
  payableBps: number;
  contained: Quantity;
  payable: Quantity;
  /** What the custodian attests it holds now (a confirmed delivery lowers it by what left). */
  attested: Quantity;
  minted: Quantity;
  burned: Quantity;
  /** Metal that left the warehouse by confirmed physical delivery (its units were burned). */
  delivered: Quantity;
  /** Mint capacity an open offering holds until it closes. */
  reserved: Quantity;
  /** Units in existence: minted minus burned. */
  outstanding: Quantity;
  /** Units that may still be minted now (zero unless warehoused, and zero while awaiting an attestation). */
  mintable: Quantity;
  /** True after the issuer recalled the lot from transit, until its custodian attests it again; minting waits. */
  awaitingAttestation: boolean;
  registeredAt: Date;
  updatedAt: Date;
  /** The lot's ERC-1155 metadata URI. */
  uri: string;
}

export type GetLotReturnType = LotView;
export type GetLotErrorType = import("../../errors/base.ts").MineralsError;

/**
 * Reads one lot.
 *
 * @example
 * const lot = await getLot(client, { deployment, lotId: 1n })
 * console.log(lot.state, lot.payable.format()) // "warehoused" "2,352.670 t Cu"
 */
export async function getLot(client: Client, parameters: GetLotParameters): Promise<GetLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { LotRegistry, LotToken } = parameters.deployment.contracts;
  try {
    const [lot, mintable, awaitingAttestation, uri] = await Promise.all([
      readContract(client, { address: LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] }),
      readContract(client, { address: LotRegistry, abi: lotRegistryAbi, functionName: "mintableQuantity", args: [lotId] }),
      readContract(client, { address: LotRegistry, abi: lotRegistryAbi, functionName: "awaitingAttestation", args: [lotId] }),
      readContract(client, { address: LotToken, abi: lotTokenAbi, functionName: "uri", args: [lotId] }),
    ]);
    return toLotView(lotId, lot, mintable, awaitingAttestation, uri);
  } catch (error) {
    throw decodeError(error, { action: `read lot ${lotId}` });
  }
}

/** The raw `getLot` tuple of the registry, as viem decodes it. */
export type RawLot = Awaited<ReturnType<typeof readRawLot>>;
const readRawLot = (client: Client, address: Address, lotId: bigint) =>
  readContract(client, { address, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] });

/**
 * A lot view from the registry's raw answers, for callers that read many lots in one batch.
 *
 * @example
 * const view = toLotView(1n, raw, mintable, false, "ipfs://minerals-lots/1")
 */
export function toLotView(lotId: bigint, lot: RawLot, mintable: bigint, awaitingAttestation: boolean, uri: string): LotView {
  const commodity = lot.commodity as Commodity;
  const q = (base: bigint) => Quantity.fromBase(commodity, base);
  return {
    lotId,
    commodity,
    form: FORMS[lot.form] ?? "concentrate",
    basis: BASES[lot.basis] ?? "element",
    state: LOT_STATES[lot.state] ?? "none",
    countryCode: lot.countryCode,
    originId: fromShortString(lot.originId),
    externalRef: lot.externalRef,
    location: fromShortString(lot.location),
    custodian: lot.custodian,
    pendingCustodian: /^0x0{40}$/.test(lot.pendingCustodian) ? undefined : lot.pendingCustodian,
    wetMassGrams: lot.wetMassGrams,
    moistureBps: lot.moistureBps,
    gradePpb: BigInt(lot.gradePpb),
    payableBps: lot.payableBps,
    contained: q(lot.containedQuantity),
    payable: q(lot.payableQuantity),
    attested: q(lot.attestedQuantity),
    minted: q(lot.mintedQuantity),
    burned: q(lot.burnedQuantity),
    delivered: q(lot.deliveredQuantity),
    reserved: q(lot.reservedQuantity),
    outstanding: q(lot.mintedQuantity - lot.burnedQuantity),
    mintable: q(mintable),
    awaitingAttestation,
    registeredAt: new Date(Number(lot.registeredAt) * 1000),
    updatedAt: new Date(Number(lot.updatedAt) * 1000),
    uri,
  };
}
