import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { readLedger } from "../../internal/ledger.ts";
import { lotRegistryAbi, lotTokenAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress, toLotId } from "../../internal/validate.ts";
import { Quantity, type Commodity } from "../../units/index.ts";
import { getLot } from "./getLot.ts";

export interface GetBalancesParameters {
  deployment: Deployment;
  /** The account whose holdings to read. */
  owner: Address;
}

/** One line of a portfolio: a lot the owner holds units of. */
export interface Holding {
  lotId: bigint;
  commodity: Commodity;
  balance: Quantity;
}

export type GetBalancesReturnType = Holding[];
export type GetBalancesErrorType = MineralsError;

/**
 * The non-zero balances of an account across all lots, with one `balanceOfBatch` call.
 *
 * @example
 * const holdings = await getBalances(client, { deployment, owner: investor })
 * holdings.map((h) => `${h.lotId}: ${h.balance.format()}`)
 */
export async function getBalances(client: Client, parameters: GetBalancesParameters): Promise<GetBalancesReturnType> {
  const owner = toAddress(parameters.owner, "owner");
  const { LotRegistry, LotToken } = parameters.deployment.contracts;
  try {
    const count = await readContract(client, { address: LotRegistry, abi: lotRegistryAbi, functionName: "lotCount" });
    if (count === 0n) return [];
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    const balances = await readContract(client, {
      address: LotToken,
      abi: lotTokenAbi,
      functionName: "balanceOfBatch",
      args: [ids.map(() => owner), ids],
    });
    const held = ids.map((lotId, i) => ({ lotId, base: balances[i] ?? 0n })).filter((h) => h.base > 0n);
    const lots = await Promise.all(
      held.map((h) => readContract(client, { address: LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [h.lotId] })),
    );
    return held.map((h, i) => {
      const commodity = lots[i]!.commodity as Commodity;
      return { lotId: h.lotId, commodity, balance: Quantity.fromBase(commodity, h.base) };
    });
  } catch (error) {
    throw decodeError(error, { action: `read the balances of ${owner}` });
  }
}

export interface GetHoldersParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
}

/** One line of a cap table. */
export interface Holder {
  holder: Address;
  balance: Quantity;
  /** Share of the lot's outstanding units, in basis points, rounded down. */
  shareBps: number;
}

export type GetHoldersReturnType = Holder[];
export type GetHoldersErrorType = MineralsError;

/**
 * The cap table of a lot: every account holding units now, largest first, folded from one scan of the token's
 * transfer events since the deployment block, read in bounded block ranges (every movement of units emits one, so
 * the balances are exact).
 *
 * @example
 * const holders = await getHolders(client, { deployment, lotId: 1n })
 */
export async function getHolders(client: Client, parameters: GetHoldersParameters): Promise<GetHoldersReturnType> {
  const lotId = toLotId(parameters.lotId);
  const { deployment } = parameters;
  const lot = await getLot(client, { deployment, lotId });
  try {
    const positions = (await readLedger(client, { deployment, lotId })).get(lotId) ?? new Map();
    const total = lot.outstanding.base;
    return [...positions.entries()]
      .map(([holder, p]) => ({ holder, base: p.balance }))
      .filter((h) => h.base > 0n)
      .sort((a, b) => (a.base === b.base ? a.holder.localeCompare(b.holder) : a.base > b.base ? -1 : 1))
      .map((h) => ({
        holder: h.holder,
        balance: Quantity.fromBase(lot.commodity, h.base),
        shareBps: total === 0n ? 0 : Number((h.base * 10_000n) / total),
      }));
  } catch (error) {
    throw decodeError(error, { action: `read the holders of lot ${lotId}` });
  }
}
