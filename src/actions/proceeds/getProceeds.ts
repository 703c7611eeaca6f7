import type { Address, Client } from "viem";
import { getBlock, readContract } from "viem/actions";
import { lotTokenAbi, proceedsVaultAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import type { LotStateName } from "../../domain.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { proceedsAddress } from "../../internal/proceeds.ts";
import { toAddress, toLotId } from "../../internal/validate.ts";
import { Money, Quantity, type Commodity } from "../../units/index.ts";
import { getLot } from "../lots/getLot.ts";

export interface GetProceedsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** A holder whose position to include (units in its wallet, redeemed, paid, claimable). */
  holder?: Address;
}

/** A holder's part of a lot's proceeds. */
export interface ProceedsPosition {
  holder: Address;
  /** Units still in its wallet, which it can redeem (send to the vault). */
  inWallet: Quantity;
  /** Units it redeemed. */
  redeemed: Quantity;
  /** What it was paid so far. */
  paid: Money;
  /** What it would be paid if it redeemed its wallet's units now and claimed (zero while frozen). */
  claimable: Money;
  /** Whether its account is frozen: it can neither redeem nor claim until the freeze is lifted. */
  frozen: boolean;
  /** Units frozen for it in the lot (they may exceed its wallet: the excess binds its redeemed units). */
  frozenUnits: Quantity;
}

export interface GetProceedsReturnType {
  lotId: bigint;
  commodity: Commodity;
  state: LotStateName;
  vault: Address;
  /** Whether the issuer opened the lot's settlement (fixing its payment token and treasury). */
  open: boolean;
  /** The payment token, fixed when settlement opened; undefined before. */
  paymentToken: Address | undefined;
  /** The one treasury account that may deposit, declare the final payment and sweep; undefined before. */
  treasury: Address | undefined;
  /** The units every payment is divided among: the lot's outstanding units when settlement opened. */
  entitledSupply: Quantity;
  /** Units not yet redeemed (in wallets or escrows). */
  outstanding: Quantity;
  redeemed: Quantity;
  /** Proceeds per unit, magnified by 2^128 (`ProceedsVault.MAGNITUDE`). */
  accPerUnit: bigint;
  deposited: Money;
  paid: Money;
  swept: Money;
  /** Rounding dust nobody can claim, which the treasury may sweep after the final payment. */
  sweepable: Money;
  /** Whether the final payment was made. */
  final: boolean;
  finalAt: Date | undefined;
  /** From when the lot may be retired with units outstanding; undefined before the final payment. */
  retirableAt: Date | undefined;
  /** The chain's current time. */
  now: Date;
  position?: ProceedsPosition;
}

export type GetProceedsErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

const ZERO_TOKEN = "0x0000000000000000000000000000000000000000";
const date = (seconds: bigint): Date | undefined => (seconds === 0n ? undefined : new Date(Number(seconds) * 1000));

/**
 * Reads a lot's sale proceeds from the vault: the payment token and treasury fixed when its settlement opened, the
 * entitled supply, what was deposited, paid and swept, the sweepable dust, the final payment and the retirement date,
 * and, for a holder, its position, what it can claim now (counting the units still in its wallet) and the freezes
 * that bind it.
 *
 * @example
 * const proceeds = await getProceeds(client, { deployment, lotId: 1n, holder: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" })
 * console.log(proceeds.deposited.format(), proceeds.position?.claimable.format())
 */
export async function getProceeds(client: Client, parameters: GetProceedsParameters): Promise<GetProceedsReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const holder = parameters.holder === undefined ? undefined : toAddress(parameters.holder, "holder");
  const vault = proceedsAddress(deployment);
  const lot = await getLot(client, { deployment, lotId });
  try {
    const [view, block] = await Promise.all([
      readContract(client, { address: vault, abi: proceedsVaultAbi, functionName: "getLotProceeds", args: [lotId] }),
      getBlock(client),
    ]);
    const p = view.proceeds;
    const q = (base: bigint) => Quantity.fromBase(lot.commodity, base);
    let position: ProceedsPosition | undefined;
    if (holder !== undefined) {
      const token = deployment.contracts.LotToken;
      const [stored, claimable, inWallet, record, frozenUnits] = await Promise.all([
        readContract(client, { address: vault, abi: proceedsVaultAbi, functionName: "getPosition", args: [lotId, holder] }),
        readContract(client, { address: vault, abi: proceedsVaultAbi, functionName: "claimableOf", args: [lotId, holder] }),
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [holder, lotId] }),
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "getInvestor", args: [holder] }),
        readContract(client, { address: token, abi: lotTokenAbi, functionName: "getFrozenTokens", args: [holder, lotId] }),
      ]);
      position = {
        holder,
        inWallet: q(inWallet),
        redeemed: q(stored.units),
        paid: Money.fromBase(stored.paid),
        claimable: Money.fromBase(claimable),
        frozen: record.frozen,
        frozenUnits: q(frozenUnits),
      };
    }
    return {
      lotId,
      commodity: lot.commodity,
      state: lot.state,
      vault,
      open: p.treasury !== ZERO_TOKEN,
      paymentToken: p.paymentToken === ZERO_TOKEN ? undefined : p.paymentToken,
      treasury: p.treasury === ZERO_TOKEN ? undefined : p.treasury,
      entitledSupply: q(p.entitledSupply),
      outstanding: q(view.outstanding),
      redeemed: q(p.redeemedUnits),
      accPerUnit: p.accPerUnit,
      deposited: Money.fromBase(p.deposited),
      paid: Money.fromBase(p.paid),
      swept: Money.fromBase(p.swept),
      sweepable: Money.fromBase(view.sweepable),
      final: p.finalAt !== 0,
      finalAt: date(BigInt(p.finalAt)),
      retirableAt: date(view.retirableAt),
      now: new Date(Number(block.timestamp) * 1000),
      ...(position ? { position } : {}),
    };
  } catch (error) {
    throw decodeError(error, { action: `read the proceeds of lot ${lotId}` });
  }
}
