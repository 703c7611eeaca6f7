import type { Address, Client, Hash, TransactionReceipt } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAddress, toLotId, toShortString } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

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
}

export interface MoveLotReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type MoveLotErrorType = MineralsError;

/**
 * The lot's custodian releases it into transit towards another custodian (warehoused → in-transit).
 *
 * @example
 * await dispatchLot(custodianClient, { deployment, lotId: 1n, toCustodian: "0x…", destination: "Port of Matarani" })
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
 * The custodian a lot was dispatched to confirms its arrival and becomes its custodian (in-transit → warehoused).
 *
 * @example
 * await confirmArrival(receivingCustodianClient, { deployment, lotId: 1n, location: "Matarani warehouse 2" })
 */
export async function confirmArrival(client: Client, parameters: ConfirmArrivalParameters): Promise<MoveLotReturnType> {
  const lotId = toLotId(parameters.lotId);
  const location = toShortString(parameters.location, "location");
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "confirmArrival",
    args: [lotId, location],
    context: { action: `confirm arrival of lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
