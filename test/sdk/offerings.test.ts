/**
 * Primary offerings through the SDK, against a real in-process chain: create (price per t converted exactly),
 * subscribe (approve or permit), reduce, cancel, close, claim and read an offering, with quantities in the lot's
 * commodity and money in USD; every refusal explained in one sentence before anything is sent, the chain unchanged.
 *
 * Fixture: the platform (with its offerings contract and test stablecoin), a warehoused copper lot nobody holds,
 * open to accredited investors and above, `spareWallet` as treasury, investors A, B, C and D funded with
 * 1,000,000 USD each. C is retail, so the lot refuses it.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  Commodity,
  ContractRevertError,
  InvalidArgumentError,
  Money,
  OfferingRefusedError,
  Quantity,
  decodeError,
  lotOfferingsAbiWithErrors,
  priceTerms,
} from "../../src/index.ts";
import { advanceTime, chainState, deployPlatformOn, expectChainUnchanged, rejection, shortAddress, walletClient, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);
const FUNDS = usd("1,000,000 USD");
const HOUR = 3600;
const DAY = 86_400;

interface Fixture {
  platform: Platform;
  copper: bigint;
  offeringId: bigint;
  start: Date;
  end: Date;
}

async function offeringsFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  await platform.as.compliance.setLotRules({ lotId: copper, minClass: "accredited" });
  await platform.as.admin.grantRole({ role: "treasury", account: platform.address.spareWallet });
  for (const investor of ["investorA", "investorB", "investorC", "investorD"] as const) {
    await platform.as.admin.mintTestStablecoin({ to: platform.address[investor], amount: FUNDS });
  }
  const now = await connection.networkHelpers.time.latest();
  const start = new Date((now + HOUR) * 1000);
  const end = new Date((now + HOUR + DAY) * 1000);
  const { offeringId } = await platform.as.issuer.createOffering({
    lotId: copper,
    price: "9,750 USD",
    treasury: platform.address.spareWallet,
    start,
    end,
    minTicket: t("1"),
    maxTicket: t("8"),
    softCap: t("5"),
    hardCap: t("10"),
  });
  return { platform, copper, offeringId, start, end };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(offeringsFixture);
const opened = async (): Promise<Fixture> => {
  const f = await load();
  await connection.networkHelpers.time.increaseTo(Math.floor(f.start.getTime() / 1000));
  return f;
};
const toEnd = (f: Fixture) => connection.networkHelpers.time.increaseTo(Math.floor(f.end.getTime() / 1000));

async function expectOfferingRefused(f: Fixture, call: () => Promise<unknown>, reason: string, message: string): Promise<void> {
  const before = await chainState(f.platform);
  const error = await rejection(call());
  expect(error, String(error)).to.be.instanceOf(OfferingRefusedError);
  expect((error as OfferingRefusedError).reason).to.equal(reason);
  expect((error as OfferingRefusedError).shortMessage).to.equal(message);
  await expectChainUnchanged(f.platform, before);
}

describe("SDK primary offerings", function () {
  it("priceTerms converts a price per market unit exactly to the contract's price per base unit", function () {
    expect(priceTerms(Commodity.Copper, usd("9,750 USD").base)).to.deep.equal({ priceAmount: 9_750_000n, priceUnit: 1n });
    // gold: per ozt (31,103.4768 mg), counted in mg
    const gold = priceTerms(Commodity.Gold, usd("2,000 USD").base);
    expect(gold.priceAmount * 311_034_768n).to.equal(2_000_000_000n * 10_000n * gold.priceUnit);
  });

  it("a full oversubscribed offering: subscribe by approval and by permit, reduce, cancel, close, claim units and refunds", async function () {
    const f = await opened();
    const { as, address } = f.platform;
    const read = await as.investorA.getOffering({ offeringId: f.offeringId });
    expect([read.state, read.price.format(), read.priceAmount, read.priceUnit, read.hardCap.format()]).to.deep.equal(["open", "9,750.00 USD", 9_750_000n, 1n, "10.000 t Cu"]);

    const a = await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
    expect(a.payment.format()).to.equal("58,500.00 USD");
    const b = await as.investorB.subscribe({ offeringId: f.offeringId, amount: t("8"), payWith: "permit" });
    expect(b.payment.format()).to.equal("78,000.00 USD");
    const reduced = await as.investorB.reduceSubscription({ offeringId: f.offeringId, amount: t("5") });
    expect([reduced.requested.format(), reduced.refund.format()]).to.deep.equal(["5.000 t Cu", "29,250.00 USD"]);
    await as.investorD.subscribe({ offeringId: f.offeringId, amount: t("4") });
    const cancelled = await as.investorD.cancelSubscription({ offeringId: f.offeringId });
    expect(cancelled.refund.format()).to.equal("39,000.00 USD");
    await as.investorD.subscribe({ offeringId: f.offeringId, amount: t("4") });

    await toEnd(f);
    const closed = await as.issuer.closeOffering({ offeringId: f.offeringId });
    expect([closed.state, closed.totalRequested.format(), closed.unitsMinted.format()]).to.deep.equal(["succeeded", "15.000 t Cu", "10.000 t Cu"]);

    // 15 t requested for 10 t: two thirds each, rounded down to the kg.
    const claimA = await as.investorA.claimOffering({ offeringId: f.offeringId });
    expect([claimA.units.format(), claimA.refund.format()]).to.deep.equal(["4.000 t Cu", "19,500.00 USD"]);
    const claimB = await as.investorB.claimOffering({ offeringId: f.offeringId });
    expect([claimB.units.format(), claimB.refund.format()]).to.deep.equal(["3.333 t Cu", "16,253.25 USD"]);
    const claimD = await as.issuer.claimOffering({ offeringId: f.offeringId, investor: address.investorD });
    expect([claimD.units.format(), claimD.refund.format()]).to.deep.equal(["2.666 t Cu", "13,006.50 USD"]);

    const after = await as.outsider.getOffering({ offeringId: f.offeringId, investor: address.investorB });
    expect([after.state, after.unitsDelivered.format(), after.proceedsReleased.format(), after.unclaimed]).to.deep.equal(["succeeded", "9.999 t Cu", "97,490.25 USD", 0]);
    expect([after.position?.claimed, after.position?.allocation.format(), after.position?.paid.format()]).to.deep.equal([true, "3.333 t Cu", "48,750.00 USD"]);
  });

  it("after the claims the treasury is paid the proceeds to the cent and an issuer takes out the rounding dust", async function () {
    const f = await opened();
    const { as, address } = f.platform;
    await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
    await as.investorB.subscribe({ offeringId: f.offeringId, amount: t("5") });
    await as.investorD.subscribe({ offeringId: f.offeringId, amount: t("4") });
    await toEnd(f);
    await as.issuer.closeOffering({ offeringId: f.offeringId });
    await as.investorA.claimOffering({ offeringId: f.offeringId });
    // Anyone may send the treasury what the delivered units paid; the money only goes to the treasury.
    const first = await as.outsider.withdrawOfferingProceeds({ offeringId: f.offeringId });
    expect([first.amount.format(), first.treasury]).to.deep.equal(["39,000.00 USD", address.spareWallet]);
    expect((await as.outsider.getMoneyBalance({ owner: address.spareWallet })).format()).to.equal("39,000.00 USD");
    // Dust (10 t - 4 - 3.333 - 2.666 = 0.001 t) is only withdrawable once every investor claimed.
    await expectOfferingRefused(f, () => as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer }), "nothing-to-withdraw", `Offering ${f.offeringId} holds no units that no investor will receive (2 investors have not claimed yet; the rounding dust can be withdrawn once all have)`);
    await as.investorB.claimOffering({ offeringId: f.offeringId });
    await as.investorD.claimOffering({ offeringId: f.offeringId });
    const second = await as.investorB.withdrawOfferingProceeds({ offeringId: f.offeringId });
    expect(second.amount.format()).to.equal("58,490.25 USD");
    expect((await as.outsider.getMoneyBalance({ owner: address.spareWallet })).format()).to.equal("97,490.25 USD");
    expect((await as.outsider.getMoneyBalance({ owner: f.platform.deployment.contracts.LotOfferings! })).base).to.equal(0n);
    const dust = await as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer });
    expect(dust.units.format()).to.equal("0.001 t Cu");
    const after = await as.outsider.getOffering({ offeringId: f.offeringId });
    expect([after.unitsReturned.format(), after.withdrawableUnits.base, after.withdrawableProceeds.base]).to.deep.equal(["0.001 t Cu", 0n, 0n]);
  });

  describe("refusals, explained before anything is sent", function () {
    it("create refuses a treasury without the TREASURY role, naming --treasury's argument; the contract's own refusal reads as a sentence too", async function () {
      const f = await load();
      const { as, address, provider, deployment } = f.platform;
      const now = await connection.networkHelpers.time.latest();
      const terms = {
        lotId: f.copper, price: "9,750 USD", start: new Date((now + HOUR) * 1000), end: new Date((now + DAY) * 1000),
        minTicket: t("1"), maxTicket: t("8"), softCap: t("5"), hardCap: t("10"),
      };
      const before = await chainState(f.platform);
      const error = await rejection(as.issuer.createOffering({ ...terms, treasury: address.outsider }));
      expect(error, String(error)).to.be.instanceOf(InvalidArgumentError);
      expect([(error as InvalidArgumentError).argument, (error as InvalidArgumentError).shortMessage]).to.deep.equal([
        "treasury",
        `Invalid treasury: expected an account holding the TREASURY role, which is paid the offering's proceeds, got "${shortAddress(address.outsider)} (no TREASURY role)"`,
      ]);
      await expectChainUnchanged(f.platform, before);

      // Through bare viem (an integrator's own call), the contract's TreasuryLacksRole decodes to a sentence.
      const { priceAmount, priceUnit } = priceTerms(Commodity.Copper, usd("9,750 USD").base);
      const raw = await rejection(
        walletClient(provider, address.issuer).simulateContract({
          address: deployment.contracts.LotOfferings!,
          abi: lotOfferingsAbiWithErrors,
          functionName: "createOffering",
          args: [{
            lotId: f.copper, paymentToken: deployment.contracts.TestStablecoin!, treasury: address.outsider, priceAmount, priceUnit,
            start: BigInt(now + HOUR), end: BigInt(now + DAY), minTicket: t("1").base, maxTicket: t("8").base, softCap: t("5").base, hardCap: t("10").base,
          }],
        }),
      );
      const decoded = decodeError(raw, { action: "create an offering" });
      expect(decoded).to.be.instanceOf(ContractRevertError);
      expect([(decoded as ContractRevertError).errorName, decoded.shortMessage]).to.deep.equal([
        "TreasuryLacksRole",
        `Cannot create an offering: ${shortAddress(address.outsider)} does not hold the TREASURY role: an offering's and a sale's proceeds go only to a treasury account (the default admin grants the role)`,
      ]);
      await expectChainUnchanged(f.platform, before);
    });

    it("subscribe refuses an investor the lot's rules refuse, with checkTransfer's sentence", async function () {
      const f = await opened();
      await expectOfferingRefused(
        f,
        () => f.platform.as.investorC.subscribe({ offeringId: f.offeringId, amount: t("2") }),
        "class-too-low",
        `${shortAddress(f.platform.address.investorC)} cannot receive lot ${f.copper}: its investor class is retail, below the lot's minimum of accredited`,
      );
    });

    it("subscribe refuses before the window opens and after it closes", async function () {
      const f = await load();
      await expectOfferingRefused(f, () => f.platform.as.investorA.subscribe({ offeringId: f.offeringId, amount: t("2") }), "window-not-open", `The subscription window of offering ${f.offeringId} opens at ${f.start.toISOString()}`);
      await toEnd(f);
      await expectOfferingRefused(f, () => f.platform.as.investorA.subscribe({ offeringId: f.offeringId, amount: t("2") }), "window-closed", `The subscription window of offering ${f.offeringId} closed at ${f.end.toISOString()}`);
    });

    it("subscribe refuses below the minimum ticket and above the maximum", async function () {
      const f = await opened();
      const who = shortAddress(f.platform.address.investorA);
      await expectOfferingRefused(f, () => f.platform.as.investorA.subscribe({ offeringId: f.offeringId, amount: t("0.5") }), "below-minimum-ticket", `Offering ${f.offeringId} asks at least 1.000 t Cu per investor; ${who} would request 0.500 t Cu`);
      await expectOfferingRefused(f, () => f.platform.as.investorA.subscribe({ offeringId: f.offeringId, amount: t("9") }), "above-maximum-ticket", `Offering ${f.offeringId} takes at most 8.000 t Cu per investor; ${who} would request 9.000 t Cu`);
    });

    it("subscribe refuses an investor without the stablecoin to pay", async function () {
      const f = await opened();
      await expectOfferingRefused(
        f,
        () => f.platform.as.issuer.subscribe({ offeringId: f.offeringId, amount: t("1") }),
        "insufficient-balance",
        `${shortAddress(f.platform.address.issuer)} holds 0.00 USD, less than the 9,750.00 USD that 1.000 t Cu of offering ${f.offeringId} costs`,
      );
    });

    it("cancel and reduce refuse an investor with no subscription", async function () {
      const f = await opened();
      const message = `${shortAddress(f.platform.address.investorA)} has no subscription in offering ${f.offeringId}`;
      await expectOfferingRefused(f, () => f.platform.as.investorA.cancelSubscription({ offeringId: f.offeringId }), "no-subscription", message);
      await expectOfferingRefused(f, () => f.platform.as.investorA.reduceSubscription({ offeringId: f.offeringId, amount: t("1") }), "no-subscription", message);
    });

    it("close refuses before the end for an issuer and before the grace period for anyone else, and once closed", async function () {
      const f = await opened();
      await f.platform.as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
      await expectOfferingRefused(f, () => f.platform.as.issuer.closeOffering({ offeringId: f.offeringId }), "not-closable-yet", `Offering ${f.offeringId} cannot be closed by ${shortAddress(f.platform.address.issuer)} before ${f.end.toISOString()}`);
      await toEnd(f);
      const grace = new Date(f.end.getTime() + 7 * DAY * 1000);
      await expectOfferingRefused(
        f,
        () => f.platform.as.outsider.closeOffering({ offeringId: f.offeringId }),
        "not-closable-yet",
        `Offering ${f.offeringId} cannot be closed by ${shortAddress(f.platform.address.outsider)} before ${grace.toISOString()} (its end plus the grace period; an issuer may close it at its end)`,
      );
      await advanceTime(f.platform, 7 * DAY);
      const closed = await f.platform.as.outsider.closeOffering({ offeringId: f.offeringId });
      expect(closed.state).to.equal("succeeded");
      await expectOfferingRefused(f, () => f.platform.as.issuer.closeOffering({ offeringId: f.offeringId }), "offering-closed", `Offering ${f.offeringId} is already closed (succeeded)`);
    });

    it("claim refuses before the close, with nothing to claim, and a second time", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("2") });
      await expectOfferingRefused(f, () => as.investorA.claimOffering({ offeringId: f.offeringId }), "not-closed", `Offering ${f.offeringId} is not closed yet: claims open once it closes`);
      await toEnd(f);
      await as.issuer.closeOffering({ offeringId: f.offeringId });
      await expectOfferingRefused(f, () => as.investorB.claimOffering({ offeringId: f.offeringId }), "nothing-to-claim", `${shortAddress(address.investorB)} has nothing to claim from offering ${f.offeringId}: it holds no subscription`);
      // below the soft cap: refunded in full
      const claim = await as.investorA.claimOffering({ offeringId: f.offeringId });
      expect([claim.units.format(), claim.refund.format()]).to.deep.equal(["0.000 t Cu", "19,500.00 USD"]);
      await expectOfferingRefused(f, () => as.investorA.claimOffering({ offeringId: f.offeringId }), "already-claimed", `${shortAddress(address.investorA)} already claimed from offering ${f.offeringId}`);
    });

    it("withdrawing proceeds refuses while open and with nothing to pay; withdrawing units refuses while open, a non-issuer and with nothing to withdraw", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
      await expectOfferingRefused(f, () => as.outsider.withdrawOfferingProceeds({ offeringId: f.offeringId }), "not-closed", `Offering ${f.offeringId} is not closed yet: its proceeds are paid out as investors claim`);
      await expectOfferingRefused(f, () => as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer }), "not-closed", `Offering ${f.offeringId} is not closed yet: no unit can be withdrawn`);
      await toEnd(f);
      await as.issuer.closeOffering({ offeringId: f.offeringId });
      await expectOfferingRefused(f, () => as.outsider.withdrawOfferingProceeds({ offeringId: f.offeringId }), "nothing-to-withdraw", `Offering ${f.offeringId} holds no proceeds for its treasury now (0.00 USD paid out of 0.00 USD released)`);
      await as.investorA.claimOffering({ offeringId: f.offeringId });
      await expectOfferingRefused(f, () => as.investorA.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.investorA }), "not-issuer", `${shortAddress(address.investorA)} is not an issuer: only an issuer may withdraw the units no investor will receive`);
      // 6 t of 10 t: nothing to withdraw, since A received all it asked for.
      await expectOfferingRefused(f, () => as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer }), "nothing-to-withdraw", `Offering ${f.offeringId} holds no units that no investor will receive`);
    });

    it("withdrawing units refuses a failed offering and a receiver the lot's rules refuse", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("2") });
      await toEnd(f);
      await as.issuer.closeOffering({ offeringId: f.offeringId });
      await expectOfferingRefused(f, () => as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer }), "offering-failed", `Offering ${f.offeringId} failed: it minted no units, so none can be withdrawn`);

      const g = await opened();
      await g.platform.as.investorA.subscribe({ offeringId: g.offeringId, amount: t("6") });
      await g.platform.as.investorB.subscribe({ offeringId: g.offeringId, amount: t("5") });
      await toEnd(g);
      await g.platform.as.issuer.closeOffering({ offeringId: g.offeringId });
      await g.platform.as.investorA.claimOffering({ offeringId: g.offeringId });
      await g.platform.as.investorB.claimOffering({ offeringId: g.offeringId });
      const error = await rejection(g.platform.as.issuer.withdrawOfferingUnits({ offeringId: g.offeringId, to: g.platform.address.investorC }));
      expect(error).to.be.instanceOf(OfferingRefusedError);
      expect((error as OfferingRefusedError).reason).to.equal("class-too-low");
    });
  });
});
