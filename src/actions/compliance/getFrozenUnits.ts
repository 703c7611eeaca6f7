import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress, toLotId } from "../../internal/validate.ts";
import { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetFrozenUnitsParameters {
  deployment: Deployment;
  account: Address;
  lotId: bigint | number | string;
}

/** The frozen units, in the lot's commodity (may exceed the balance). */
export type GetFrozenUnitsReturnType = Quantity;
export type GetFrozenUnitsErrorType = MineralsError;

/**
 * How many of an account's units of a lot are frozen (ERC-7943 `getFrozenTokens`).
 *
 * @example
 * (await getFrozenUnits(client, { deployment, account: "0x…", lotId: 3n })).format() // "40.000 t Cu"
 */
export async function getFrozenUnits(client: Client, parameters: GetFrozenUnitsParameters): Promise<GetFrozenUnitsReturnType> {
  const account = toAddress(parameters.account, "account");
  const lotId = toLotId(parameters.lotId);
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  try {
    const frozen = await readContract(client, {
      address: parameters.deployment.contracts.LotToken,
      abi: lotTokenAbi,
      functionName: "getFrozenTokens",
      args: [account, lotId],
    });
    return Quantity.fromBase(lot.commodity, frozen);
  } catch (error) {
    throw decodeError(error, { action: `read the frozen units of lot ${lotId} held by ${account}` });
  }
}
