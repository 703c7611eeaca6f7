/**
 * A platform whose reports have money to show, shared by the report tests: copper lot `copper` with two offerings
 * over the same window, both closed: #1 (soft 5 t, hard 10 t) oversubscribed 14 t (A 8 t, B 6 t; D subscribed 3 t
 * and cancelled), so allocated pro rata; A claimed, B not; the proceeds withdrawn to the treasury. #2 (soft 5 t)
 * failed with A's 2 t, unclaimed. Copper lot `other` has #3, still open, with D's 2 t. Copper lot `bare` has no
 * offering. Price USD 9,750 per t (9.75 USD per kg unit). Copper lot `sold` (A 600 t, B 300 t, D 100 t) is settling:
 * the treasury deposited USD 14,000,000.000001 (provisional), A claimed, then USD 1,000,000 (final), B claimed;
 * D has not claimed. Call it through `loadFixture` with a fixed connection.
 */
import type { NetworkConnection } from "hardhat/types/network";

import { lotOfferingsAbi } from "../../../src/abis.ts";
import { Commodity, Money, Quantity } from "../../../src/index.ts";
import { deployPlatformOn, warehousedCopperLot, type Platform } from "./platform.ts";

export const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const HOUR = 3600;
const DAY = 86_400;

export interface MoneyFixture {
  platform: Platform;
  copper: bigint;
  other: bigint;
  bare: bigint;
  sold: bigint;
}

export async function moneyFixture(connection: NetworkConnection): Promise<MoneyFixture> {
  const platform = await deployPlatformOn(connection);
  const { as, address } = platform;
  const copper = await warehousedCopperLot(platform);
  const other = await warehousedCopperLot(platform);
  const bare = await warehousedCopperLot(platform);
  const sold = await warehousedCopperLot(platform);
  await as.admin.grantRole({ role: "treasury", account: address.spareWallet });
  for (const investor of ["investorA", "investorB", "investorD"] as const) {
    await as.admin.mintTestStablecoin({ to: address[investor], amount: Money.parseUsd("1,000,000 USD") });
  }
  const now = await connection.networkHelpers.time.latest();
  const window = { start: new Date((now + HOUR) * 1000), end: new Date((now + HOUR + DAY) * 1000) };
  const terms = { price: "9,750 USD", treasury: address.spareWallet, minTicket: t("1"), maxTicket: t("8"), softCap: t("5"), hardCap: t("10") };
  await as.issuer.createOffering({ lotId: copper, ...terms, ...window });
  await as.issuer.createOffering({ lotId: copper, ...terms, ...window });
  await as.issuer.createOffering({ lotId: other, ...terms, start: window.start, end: new Date(window.end.getTime() + 10 * DAY * 1000) });
  await connection.networkHelpers.time.increaseTo(now + HOUR);

  await as.investorA.subscribe({ offeringId: 1n, amount: t("8") });
  await as.investorB.subscribe({ offeringId: 1n, amount: t("6") });
  await as.investorD.subscribe({ offeringId: 1n, amount: t("3") });
  await as.investorD.cancelSubscription({ offeringId: 1n });
  await as.investorA.subscribe({ offeringId: 2n, amount: t("2") });
  await as.investorD.subscribe({ offeringId: 3n, amount: t("2") });

  await connection.networkHelpers.time.increaseTo(now + HOUR + DAY);
  await as.issuer.closeOffering({ offeringId: 1n });
  await as.issuer.closeOffering({ offeringId: 2n });
  await as.investorA.claimOffering({ offeringId: 1n });
  const hash = await as.outsider.writeContract({ address: platform.deployment.contracts.LotOfferings!, abi: lotOfferingsAbi, functionName: "withdrawProceeds", args: [1n] });
  await as.outsider.waitForTransactionReceipt({ hash });

  await as.issuer.mintUnits({ lotId: sold, to: address.investorA, amount: t("600") });
  await as.issuer.mintUnits({ lotId: sold, to: address.investorB, amount: t("300") });
  await as.issuer.mintUnits({ lotId: sold, to: address.investorD, amount: t("100") });
  await as.admin.mintTestStablecoin({ to: address.spareWallet, amount: Money.parseUsd("20,000,000 USD") });
  await as.issuer.startSettlement({ lotId: sold, saleRef: "OFFTAKE-2026-CU-77", treasury: address.spareWallet });
  await as.spareWallet.depositProceeds({ lotId: sold, amount: Money.parseUsd("14,000,000.000001 USD") });
  await as.investorA.claimProceeds({ lotId: sold });
  await connection.networkHelpers.time.increase(DAY);
  await as.spareWallet.depositProceeds({ lotId: sold, amount: Money.parseUsd("1,000,000 USD"), final: true });
  await as.investorB.claimProceeds({ lotId: sold });
  return { platform, copper, other, bare, sold };
}
