import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toAmount, toLotId, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface DispatchLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The custodian that will receive the lot (must hold the CUSTODIAN role). */
  toCustodian: Address;
  /** Where the lot is going, at most 32 bytes of text. */
  destination: string;
}

export interface ConfirmArrivalParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The warehouse the lot arrived at, at most 32 bytes of text. */
  location: string;
  /**
   * The payable quantity the receiving custodian counted on arrival: a `Quantity` of the lot's commodity, or base
   * units. Not above the payable quantity, not below the units minted so far. It replaces the previous custodian's
   * attestation and caps minting from now on.
   */
  quantity: Quantity | bigint;
}

export interface RecallLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Why the lot is recalled, at most 32 bytes of text (e.g. "receiver lost its key"). */
  reason: string;
}

export interface RedirectLotParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The custodian that must now confirm the arrival (must hold the CUSTODIAN role). */
  toCustodian: Address;
  /** Where the lot is now going, at most 32 bytes of text. */
  destination: string;
  /** Why the lot is redirected, at most 32 bytes of text. */
  reason: string;
}

export interface MoveLotReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export interface ConfirmArrivalReturnType extends MoveLotReturnType {
  /** The quantity the receiving custodian attested. */
  attested: Quantity;
}

export type MoveLotErrorType = MineralsError;

/**
 * The lot's custodian releases it into transit towards another custodian (warehoused → in-transit).
 *
 * @example
 * await dispatchLot(custodianClient, { deployment, lotId: 1n, toCustodian: "0x…", destination: "Port Qasim" })
 */
export async function dispatchLot(client: Client, parameters: DispatchLotParameters): Promise<MoveLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const toCustodian = toAddress(parameters.toCustodian, "toCustodian");
  const destination = toShortString(parameters.destination, "destination");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "dispatchLot",
    args: [lotId, toCustodian, destination],
    context: { action: `dispatch lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}

/**
 * The custodian a lot was dispatched to confirms its arrival, becomes its custodian and attests the payable quantity
 * it counted, all in one transaction (in-transit → warehoused). Minting is then capped by this attestation, not by
 * the previous custodian's: a loss in transit shrinks what may still be minted.
 *
 * @example
 * await confirmArrival(receivingCustodianClient, {
 *   deployment, lotId: 1n, location: "Port Qasim bonded warehouse 2", quantity: Quantity.parse(Commodity.Copper, "2,300 t"),
 * })
 */
export async function confirmArrival(client: Client, parameters: ConfirmArrivalParameters): Promise<ConfirmArrivalReturnType> {
  const lotId = toLotId(parameters.lotId);
  const location = toShortString(parameters.location, "location");
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const attested = toAmount(parameters.quantity, lot.commodity, "quantity");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "confirmArrival",
    args: [lotId, location, attested],
    context: { commodity: lot.commodity, action: `confirm arrival of lot ${lotId}` },
  });
  return { attested: Quantity.fromBase(lot.commodity, attested), hash: receipt.transactionHash, receipt };
}

/**
 * The issuer recalls a lot in transit whose receiving custodian never confirmed it (lost key, refusal, role revoked):
 * the lot is warehoused again with the custodian that dispatched it (in-transit → warehoused), and nothing more may be
 * minted until that custodian attests again with `attestCustody`. ISSUER role.
 *
 * @example
 * await recallLot(issuerClient, { deployment, lotId: 1n, reason: "receiver lost its key" })
 */
export async function recallLot(client: Client, parameters: RecallLotParameters): Promise<MoveLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const reason = toShortString(parameters.reason, "reason");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "recallLot",
    args: [lotId, reason],
    context: { action: `recall lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}

/**
 * The issuer sends a lot in transit to another receiving custodian, which confirms (and attests) it on arrival; the
 * lot stays in transit. ISSUER role.
 *
 * @example
 * await redirectLot(issuerClient, { deployment, lotId: 1n, toCustodian: "0x…", destination: "Karachi Port West Wharf", reason: "berth closed at Port Qasim" })
 */
export async function redirectLot(client: Client, parameters: RedirectLotParameters): Promise<MoveLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const toCustodian = toAddress(parameters.toCustodian, "toCustodian");
  const destination = toShortString(parameters.destination, "destination");
  const reason = toShortString(parameters.reason, "reason");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "redirectLot",
    args: [lotId, toCustodian, destination, reason],
    context: { action: `redirect lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
