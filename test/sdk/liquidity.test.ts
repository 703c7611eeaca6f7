/**
 * Liquidity through the SDK, against a real in-process chain: `listOffers` lists a lot's open delivery-versus-payment
 * offers best price first (per market unit, whatever the amounts), leaves out the taken, cancelled and expired ones,
 * and marks, with the reason, an offer whose seller moved its units away or withdrew its approval; `getTradeStats`
 * gives the last traded price and the volume in units and money over a period, exact to the base unit.
 *
 * Fixture: a warehoused copper lot; investor A holds 100 t and investor D 50 t; investors B and C have 1,000,000 USD
 * of test stablecoin each.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { lotTokenAbi } from "../../src/abis.ts";
import { Commodity, Money, Quantity, formatPrice } from "../../src/index.ts";
import { advanceTime, chainTime, deployPlatformOn, expectInvalidArgument, rejection, shortAddress, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();

interface Fixture {
  platform: Platform;
  copper: bigint;
}

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);

async function liquidityFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: t("100") });
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorD, amount: t("50") });
  for (const buyer of ["investorB", "investorC"] as const) {
    await platform.as.admin.mintTestStablecoin({ to: platform.address[buyer], amount: usd("1,000,000 USD") });
  }
  return { platform, copper };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(liquidityFixture);

type Seller = "investorA" | "investorB" | "investorD";

async function offer(f: Fixture, seller: Seller, amount: string, price: string, seconds = 86_400): Promise<bigint> {
  const expiry = new Date((await chainTime(f.platform)).getTime() + seconds * 1000);
  return (await f.platform.as[seller].offerUnits({ lotId: f.copper, amount: t(amount), price: usd(price), expiry })).offerId;
}

/** The price per tonne of `price` USD base units for `kg` kilograms, rounded down to the base unit (independently of the SDK). */
const perTonneDown = (priceBase: bigint, kg: bigint): bigint => (priceBase * 1000n) / kg;

describe("SDK liquidity: open offers best price first, last traded price and volume", function () {
  it("lists open offers by price per tonne, whatever their amounts, older first at the same price; taken, cancelled and expired offers are left out", async function () {
    const f = await load();
    const at9000 = await offer(f, "investorA", "10", "90,000 USD"); // 9,000.00 per t
    const at8500 = await offer(f, "investorA", "2", "17,000 USD"); // 8,500.00 per t
    const alsoAt9000 = await offer(f, "investorD", "5", "45,000 USD"); // 9,000.00 per t, made later
    const justAbove9500 = await offer(f, "investorD", "1", "9,500.000001 USD"); // 9,500.000001 per t
    const third = await offer(f, "investorA", "3", "26,000 USD"); // 8,666.666666... per t
    const cancelled = await offer(f, "investorA", "1", "1,000 USD");
    const taken = await offer(f, "investorA", "4", "35,000 USD");
    const expiring = await offer(f, "investorA", "1", "2,000 USD", 60);
    await f.platform.as.investorA.cancelOffer({ offerId: cancelled });
    await f.platform.as.investorB.takeOffer({ offerId: taken });
    await advanceTime(f.platform, 120);

    const offers = await f.platform.as.outsider.listOffers({ lotId: f.copper });
    expect(offers.map((o) => o.offerId)).to.deep.equal([at8500, third, at9000, alsoAt9000, justAbove9500]);
    expect(offers.map((o) => formatPrice(o.pricePerMarketUnit, o.commodity))).to.deep.equal([
      "8,500.00 USD per tonne",
      "8,666.67 USD per tonne",
      "9,000.00 USD per tonne",
      "9,000.00 USD per tonne",
      "9,500.00 USD per tonne",
    ]);
    expect(offers[1]!.pricePerMarketUnit.base).to.equal(8_666_666_666n); // 26,000 / 3, rounded down to the base unit
    expect(offers[4]!.pricePerMarketUnit.base).to.equal(9_500_000_001n);
    expect(offers.every((o) => o.state === "open" && o.available && o.reason === null && o.message === null)).to.equal(true);
    expect(offers.map((o) => o.offerId)).to.not.include.members([cancelled, taken, expiring]);
    expect(offers[0]!.amount.format()).to.equal("2.000 t Cu");
    expect(offers[0]!.price.format()).to.equal("17,000.00 USD");
  });

  it("marks, with checkTake's reason and sentence, an offer whose seller moved its units away or withdrew its approval, and keeps it in price order", async function () {
    const f = await load();
    const { as, address } = f.platform;
    const dFive = await offer(f, "investorD", "5", "45,000 USD"); // 9,000 per t
    const dOne = await offer(f, "investorD", "1", "8,000 USD"); // 8,000 per t
    const bought = await offer(f, "investorA", "4", "36,000 USD");
    await as.investorB.takeOffer({ offerId: bought });
    const bFour = await offer(f, "investorB", "4", "34,000 USD"); // 8,500 per t
    await as.investorD.transferUnits({ lotId: f.copper, to: address.investorC, amount: t("47") }); // D keeps 3 t
    const revoke = await as.investorB.writeContract({ address: f.platform.deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "setApprovalForAll", args: [f.platform.deployment.contracts.LotTrades!, false] });
    await as.investorB.waitForTransactionReceipt({ hash: revoke });

    const offers = await as.outsider.listOffers({ lotId: f.copper });
    expect(offers.map((o) => [o.offerId, o.available, o.reason])).to.deep.equal([
      [dOne, true, null],
      [bFour, false, "seller-approval-missing"],
      [dFive, false, "seller-lacks-units"],
    ]);
    expect(offers[1]!.message).to.equal(`The seller ${shortAddress(address.investorB)} withdrew its approval of the trades contract, so offer ${bFour} cannot settle`);
    expect(offers[2]!.message).to.equal(`The seller ${shortAddress(address.investorD)} no longer holds the 5.000 t Cu of lot ${f.copper} it offered`);
    // The same words as checkTake gives any buyer.
    expect((await as.investorC.checkTake({ offerId: dFive })).message).to.equal(offers[2]!.message);
  });

  it("gives the last traded price and the volume in units and money exact to the base unit, over a period on the chain's clock", async function () {
    const f = await load();
    const { as } = f.platform;
    const none = await as.outsider.getTradeStats({ lotId: f.copper });
    expect([none.trades, none.volume.base, none.value.base, none.last, none.overTime]).to.deep.equal([0, 0n, 0n, undefined, []]);

    // 1.234 t for 11,111.111111 USD; 10 days later 0.567 t for 5,000.000003 USD and 2.5 t for 23,456.78 USD.
    const first = await offer(f, "investorA", "1.234", "11,111.111111 USD");
    await as.investorB.takeOffer({ offerId: first });
    await advanceTime(f.platform, 10 * 86_400);
    const periodStart = await chainTime(f.platform);
    const second = await offer(f, "investorA", "0.567", "5,000.000003 USD");
    await as.investorC.takeOffer({ offerId: second });
    const third = await offer(f, "investorD", "2.5", "23,456.78 USD");
    await as.investorB.takeOffer({ offerId: third, payWith: "permit" });
    const open = await offer(f, "investorA", "1", "1 USD"); // open, never taken: not a trade
    expect(open).to.be.a("bigint");

    const all = await as.outsider.getTradeStats({ lotId: f.copper });
    expect(all.trades).to.equal(3);
    expect(all.volume.base).to.equal(1_234n + 567n + 2_500n);
    expect(all.volume.format()).to.equal("4.301 t Cu");
    expect(all.value.base).to.equal(11_111_111_111n + 5_000_000_003n + 23_456_780_000n);
    expect(all.since).to.equal(undefined);
    expect(all.last?.offerId).to.equal(third);
    expect(all.last?.price.base).to.equal(23_456_780_000n);
    expect(all.last?.amount.base).to.equal(2_500n);
    expect(all.last?.pricePerMarketUnit.base).to.equal(perTonneDown(23_456_780_000n, 2_500n)); // 9,382.712 USD per t
    expect(formatPrice(all.last!.pricePerMarketUnit, Commodity.Copper)).to.equal("9,382.71 USD per tonne");
    expect(all.last?.buyer).to.equal(f.platform.address.investorB);
    expect(all.last?.seller).to.equal(f.platform.address.investorD);
    expect(all.overTime.map((p) => [p.trades, p.volume.base, p.value.base])).to.deep.equal([
      [1, 1_234n, 11_111_111_111n],
      [1, 567n, 5_000_000_003n],
      [1, 2_500n, 23_456_780_000n],
    ]);
    expect(all.overTime[0]!.pricePerMarketUnit.base).to.equal(perTonneDown(11_111_111_111n, 1_234n));
    expect(all.overTime[2]!.timestamp.getTime()).to.equal(all.last!.timestamp.getTime());
    expect(all.overTime[1]!.timestamp.getTime() - all.overTime[0]!.timestamp.getTime()).to.be.at.least(10 * 86_400_000);

    const recent = await as.outsider.getTradeStats({ lotId: f.copper, since: periodStart });
    expect(recent.since?.getTime()).to.equal(periodStart.getTime());
    expect([recent.trades, recent.volume.base, recent.value.base]).to.deep.equal([2, 567n + 2_500n, 5_000_000_003n + 23_456_780_000n]);
    expect(recent.overTime).to.have.lengthOf(2);

    // A period after the last trade: no volume, but the last traded price still stands.
    await advanceTime(f.platform, 3600);
    const later = await as.outsider.getTradeStats({ lotId: f.copper, since: await chainTime(f.platform) });
    expect([later.trades, later.volume.base, later.value.base, later.overTime.length]).to.deep.equal([0, 0n, 0n, 0]);
    expect(later.last?.offerId).to.equal(third);
  });

  it("refuses an unknown lot, a bad lot id and a bad period with a clear error, and a lot with no offers lists none", async function () {
    const f = await load();
    const unknown = await rejection(f.platform.as.outsider.listOffers({ lotId: 999n }));
    expect((unknown as Error & { shortMessage: string }).shortMessage).to.equal("Cannot read lot 999: Lot 999 does not exist");
    const unknownStats = await rejection(f.platform.as.outsider.getTradeStats({ lotId: 999n }));
    expect((unknownStats as Error & { shortMessage: string }).shortMessage).to.equal("Cannot read lot 999: Lot 999 does not exist");
    await expectInvalidArgument(f.platform.as.outsider.listOffers({ lotId: 0n }), "lotId");
    await expectInvalidArgument(f.platform.as.outsider.listOffers({ lotId: f.copper, paymentToken: "0x12" as `0x${string}` }), "paymentToken");
    await expectInvalidArgument(f.platform.as.outsider.getTradeStats({ lotId: f.copper, since: new Date(Number.NaN) }), "since");
    expect(await f.platform.as.outsider.listOffers({ lotId: f.copper })).to.deep.equal([]);
  });
});
