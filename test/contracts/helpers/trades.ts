import type { NetworkConnection } from "hardhat/types/network";

import { solidityEnum } from "../../../src/domain.ts";
import { OFFER_STATE_MEMBERS, TAKE_STATUS_MEMBERS } from "../../../src/generated/enums.ts";
import { deployComplianceFixture } from "./compliance.ts";

// The trades contract on the real registry and token: `holder` (the seller) holds units of `lot` and has approved
// the trades contract; `investor` (the buyer) holds test dollars and has approved them to the trades contract.

/** Why a take would fail (`contracts/interfaces/ILotTrades.sol` `TakeStatus`), generated from the contracts. */
export const TakeStatus = solidityEnum(TAKE_STATUS_MEMBERS);
/** Where an offer stands (`OfferState`). */
export const OfferState = solidityEnum(OFFER_STATE_MEMBERS);

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
/** 100 units at USD 9,000.00 in all (6 decimals). */
export const UNITS = 100n;
export const PRICE = 9_000_000_000n;
export const FUNDS = 1_000_000_000_000n;
export const DAY = 86_400n;

export async function deployTradesFixture(connection: NetworkConnection) {
  const f = await deployComplianceFixture(connection);
  const { ethers } = connection;
  const trades = await ethers.deployContract("LotTrades", [await f.token.getAddress()]);
  const usd = await ethers.deployContract("TestStablecoin");
  const tradesAddress = await trades.getAddress();
  await f.token.connect(f.holder).setApprovalForAll(tradesAddress, true);
  await usd.mint(f.investor.address, FUNDS);
  await usd.connect(f.investor).approve(tradesAddress, FUNDS);
  return { ...f, trades, usd, tradesAddress, usdAddress: await usd.getAddress(), seller: f.holder, buyer: f.investor };
}

export type TradesFixture = Awaited<ReturnType<typeof deployTradesFixture>>;

export interface OfferInput {
  lotId?: bigint;
  amount?: bigint;
  paymentToken?: string;
  price?: bigint;
  buyer?: string;
  expiry?: bigint;
}

/** The offer the tests make unless told otherwise: `UNITS` of the fixture's lot for `PRICE` tUSD, to anyone, for a day. */
export async function offerArgs(f: TradesFixture, input: OfferInput = {}) {
  const now = BigInt(await f.connection.networkHelpers.time.latest());
  return [
    input.lotId ?? f.lot,
    input.amount ?? UNITS,
    input.paymentToken ?? f.usdAddress,
    input.price ?? PRICE,
    input.buyer ?? ZERO_ADDRESS,
    input.expiry ?? now + DAY,
  ] as const;
}

/** Makes an offer as the seller and returns its id. */
export async function makeOffer(f: TradesFixture, input: OfferInput = {}): Promise<bigint> {
  await f.trades.connect(f.seller).createOffer(...(await offerArgs(f, input)));
  return f.trades.offerCount();
}
