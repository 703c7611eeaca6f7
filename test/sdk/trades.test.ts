/**
 * Secondary trades through the SDK, against a real in-process chain: offer, take (with an approval or a permit),
 * cancel and read an offer, with quantities in the lot's commodity and prices in USD; every refusal explained in
 * one sentence before anything is sent, the chain unchanged.
 *
 * Fixture: the platform (with its trades contract and test stablecoin), a warehoused copper lot of which investor A
 * holds 100 t, and investor B funded with 1,000,000 USD of test stablecoin.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, InvalidArgumentError, Money, Quantity, TradeRefusedError, formatUsd } from "../../src/index.ts";
import {
  advanceTime,
  chainState,
  deployPlatformOn,
  expectChainUnchanged,
  expectInvalidArgument,
  rejection,
  shortAddress,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

const connection = await network.create();

interface Fixture {
  platform: Platform;
  copper: bigint;
}

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);

async function tradesFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: t("100") });
  await platform.as.admin.mintTestStablecoin({ to: platform.address.investorB, amount: usd("1,000,000 USD") });
  return { platform, copper };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(tradesFixture);

async function expiryIn(_f: Fixture, seconds: number): Promise<Date> {
  return new Date(((await connection.networkHelpers.time.latest()) + seconds) * 1000);
}

async function offer(f: Fixture, overrides: { buyer?: `0x${string}`; expiry?: Date } = {}) {
  return f.platform.as.investorA.offerUnits({
    lotId: f.copper,
    amount: t("10"),
    price: usd("90,000 USD"),
    expiry: overrides.expiry ?? (await expiryIn(f, 86_400)),
    ...(overrides.buyer ? { buyer: overrides.buyer } : {}),
  });
}

async function expectTradeRefused(promise: Promise<unknown>, reason: string, message: string): Promise<void> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(TradeRefusedError);
  expect((error as TradeRefusedError).reason).to.equal(reason);
  expect((error as TradeRefusedError).shortMessage).to.equal(message);
}

describe("SDK secondary trades (delivery versus payment)", function () {
  it("formats and parses USD exactly", function () {
    expect(formatUsd(90_000_000_000n)).to.equal("90,000.00 USD");
    expect(usd("USD 1,250.5").base).to.equal(1_250_500_000n);
    expect(Money.fromBase(1n).format()).to.equal("under 0.01 USD");
    expect(Money.fromBase(1n).toJSON()).to.deep.equal({ usd: "0.000001", base: "1" });
    expect(() => usd("0.0000001 USD")).to.throw(SyntaxError, /at most 6 decimals/);
  });

  it("offerUnits approves the trades contract, records the offer, and getOffer reads it in tonnes and USD", async function () {
    const f = await load();
    const { offerId, amount, price } = await offer(f);
    expect([offerId, amount.format(), price.format()]).to.deep.equal([1n, "10.000 t Cu", "90,000.00 USD"]);
    const read = await f.platform.as.investorB.getOffer({ offerId });
    expect(read.seller).to.equal(f.platform.address.investorA);
    expect(read.buyer).to.equal(undefined);
    expect(read.state).to.equal("open");
    expect(read.amount.format()).to.equal("10.000 t Cu");
    expect(read.price.format()).to.equal("90,000.00 USD");
  });

  it("takeOffer approves the price, then moves both legs", async function () {
    const f = await load();
    const { offerId } = await offer(f);
    const check = await f.platform.as.investorB.checkTake({ offerId });
    expect(check.reason).to.equal("buyer-lacks-allowance");
    const { received, paid } = await f.platform.as.investorB.takeOffer({ offerId });
    expect([received.format(), paid.format()]).to.deep.equal(["10.000 t Cu", "90,000.00 USD"]);
    const balances = await f.platform.as.investorB.getBalances({ owner: f.platform.address.investorB });
    expect(balances.map((b) => [b.lotId, b.balance.format()])).to.deep.include([f.copper, "10.000 t Cu"]);
    expect((await f.platform.as.investorB.getOffer({ offerId })).state).to.equal("taken");
  });

  it("takeOffer with a permit takes the offer in one transaction", async function () {
    const f = await load();
    const { offerId } = await offer(f);
    const before = await chainState(f.platform);
    await f.platform.as.investorB.takeOffer({ offerId, payWith: "permit" });
    const after = await chainState(f.platform);
    expect(after.nonces.investorB).to.equal((before.nonces.investorB ?? 0n) + 1n);
    expect((await f.platform.as.investorB.getOffer({ offerId })).state).to.equal("taken");
  });

  it("takeOffer refuses, before sending, a buyer the lot's rules refuse, with checkTransfer's sentence", async function () {
    const f = await load();
    const { offerId } = await offer(f);
    await f.platform.as.admin.mintTestStablecoin({ to: f.platform.address.outsider, amount: usd("100,000 USD") });
    const check = await f.platform.as.outsider.checkTake({ offerId });
    const transfer = await f.platform.as.outsider.checkTransfer({
      from: f.platform.address.investorA,
      to: f.platform.address.outsider,
      lotId: f.copper,
      amount: t("10"),
    });
    expect(transfer.allowed).to.equal(false);
    const before = await chainState(f.platform);
    await expectTradeRefused(f.platform.as.outsider.takeOffer({ offerId }), transfer.reason, `Cannot take offer ${offerId}: ${transfer.message}`);
    await expectChainUnchanged(f.platform, before);
    expect(check.reason).to.equal("buyer-lacks-allowance"); // the contract reports the approval first
  });

  it("takeOffer refuses, before sending, an expired offer, another buyer's offer and a buyer without the money", async function () {
    const f = await load();
    const reserved = await offer(f, { buyer: f.platform.address.investorB });
    const expiring = await offer(f, { expiry: await expiryIn(f, 60) });
    const before = await chainState(f.platform);
    await expectTradeRefused(
      f.platform.as.investorC.takeOffer({ offerId: reserved.offerId }),
      "not-named-buyer",
      `Cannot take offer ${reserved.offerId}: Offer ${reserved.offerId} is reserved for ${shortAddress(f.platform.address.investorB)}, not ${shortAddress(f.platform.address.investorC)}`,
    );
    await expectTradeRefused(
      f.platform.as.investorD.takeOffer({ offerId: expiring.offerId }),
      "buyer-lacks-balance",
      `Cannot take offer ${expiring.offerId}: ${shortAddress(f.platform.address.investorD)} does not hold the 90,000.00 USD that offer ${expiring.offerId} costs`,
    );
    await expectChainUnchanged(f.platform, before);
    await advanceTime(f.platform, 120);
    const expired = await f.platform.as.investorB.checkTake({ offerId: expiring.offerId });
    expect(expired.allowed).to.equal(false);
    expect(expired.reason).to.equal("expired");
    await expectTradeRefused(f.platform.as.investorB.takeOffer({ offerId: expiring.offerId }), "expired", `Cannot take offer ${expiring.offerId}: ${expired.message}`);
  });

  it("cancelOffer cancels for the seller and refuses anyone else before sending", async function () {
    const f = await load();
    const { offerId } = await offer(f);
    const before = await chainState(f.platform);
    await expectTradeRefused(
      f.platform.as.investorB.cancelOffer({ offerId }),
      "not-seller",
      `Cannot cancel offer ${offerId}: only its seller ${shortAddress(f.platform.address.investorA)} may, not ${shortAddress(f.platform.address.investorB)}`,
    );
    await expectChainUnchanged(f.platform, before);
    await f.platform.as.investorA.cancelOffer({ offerId });
    expect((await f.platform.as.investorA.getOffer({ offerId })).state).to.equal("cancelled");
    await expectTradeRefused(f.platform.as.investorA.cancelOffer({ offerId }), "not-open", `Cannot cancel offer ${offerId}: it is already cancelled`);
  });

  it("offerUnits refuses more units than the seller holds, a past expiry and a zero price before sending", async function () {
    const f = await load();
    const before = await chainState(f.platform);
    await expectTradeRefused(
      f.platform.as.investorA.offerUnits({ lotId: f.copper, amount: t("101"), price: usd("1 USD"), expiry: await expiryIn(f, 3600) }),
      "seller-lacks-units",
      `Cannot offer 101.000 t Cu of lot ${f.copper}: ${shortAddress(f.platform.address.investorA)} holds 100.000 t Cu of it`,
    );
    await expectInvalidArgument(
      f.platform.as.investorA.offerUnits({ lotId: f.copper, amount: t("1"), price: usd("1 USD"), expiry: await expiryIn(f, -10) }),
      "expiry",
    );
    const zero = await rejection(f.platform.as.investorA.offerUnits({ lotId: f.copper, amount: t("1"), price: 0n, expiry: await expiryIn(f, 3600) }));
    expect((zero as InvalidArgumentError).argument).to.equal("price");
    await expectInvalidArgument(f.platform.as.investorA.getOffer({ offerId: 0n }), "offerId");
    await expectChainUnchanged(f.platform, before);
  });
});
