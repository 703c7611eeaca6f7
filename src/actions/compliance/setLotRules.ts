import type { Client, Hash, TransactionReceipt } from "viem";
import { lotTokenAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { InvestorClassName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { toAmount, toBoolean, toIntInRange, toInvestorClass, toLotId, toTimestamp } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";
import type { Quantity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface SetLotRulesParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** The lowest investor class that may receive units; omitted: any verified investor. */
  minClass?: InvestorClassName;
  /** Whether only the countries of the lot's allowed list (`setAllowedCountries`) may receive units; omitted: no. */
  restrictCountries?: boolean;
  /** The most investors that may hold units at once (linked wallets count once); omitted or 0: no limit. */
  maxHolders?: number;
  /** Transfers and burns are refused before this moment (minting is not); omitted: no lock-up. */
  lockupEnd?: Date;
  /** The smallest non-zero position a wallet may hold (a `Quantity` of the lot's commodity, or base units); omitted: none. */
  minHolding?: Quantity | bigint;
}

export interface SetLotRulesReturnType {
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SetLotRulesErrorType = MineralsError;

/**
 * Sets all of a lot's rules at once; a rule left out is lifted. The holder count is kept, and a holder limit below
 * the current number of holders is refused. COMPLIANCE role.
 *
 * @example
 * await setLotRules(officerClient, {
 *   deployment, lotId: 3n, minClass: "accredited", restrictCountries: true, maxHolders: 50,
 *   lockupEnd: new Date("2027-01-01T00:00:00Z"), minHolding: Quantity.parse(Commodity.Copper, "10 t"),
 * })
 */
export async function setLotRules(client: Client, parameters: SetLotRulesParameters): Promise<SetLotRulesReturnType> {
  const lotId = toLotId(parameters.lotId);
  const minClass = parameters.minClass === undefined ? 0 : toInvestorClass(parameters.minClass, "minClass", true);
  const restrictCountries = parameters.restrictCountries === undefined ? false : toBoolean(parameters.restrictCountries, "restrictCountries");
  const maxHolders = parameters.maxHolders === undefined ? 0 : toIntInRange(parameters.maxHolders, "maxHolders", 0, 2 ** 32 - 1);
  const lockupEnd = parameters.lockupEnd === undefined ? 0 : Number(toTimestamp(parameters.lockupEnd, "lockupEnd"));
  const lot = await getLot(client, { deployment: parameters.deployment, lotId });
  const minHolding = parameters.minHolding === undefined ? 0n : toAmount(parameters.minHolding, lot.commodity, "minHolding", true);
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotToken,
    abi: lotTokenAbiWithErrors,
    functionName: "setLotRules",
    args: [lotId, minClass, restrictCountries, maxHolders, lockupEnd, minHolding],
    context: { commodity: lot.commodity, action: `set the rules of lot ${lotId}` },
  });
  return { hash: receipt.transactionHash, receipt };
}
