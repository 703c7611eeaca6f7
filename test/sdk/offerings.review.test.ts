/**
 * What the outside review of the participation contracts changed in offerings, through the SDK against a real
 * in-process chain: an issuer cancels an offering and every subscriber takes back every cent; holder slots and the
 * minimum holding are decided at subscription (refused with a sentence before anything is sent); a claim the lot's
 * rules refuse for good becomes a full refund at the investor's choice (and only then); a frozen investor can
 * neither move nor claim its escrowed money, and compliance releases its claim to a wallet it names.
 *
 * Fixture: as test/sdk/offerings.test.ts (a warehoused copper lot open to accredited investors, 9,750 USD per t,
 * tickets of 1 to 8 t, soft cap 5 t, hard cap 10 t; A, B and D funded with 1,000,000 USD each).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, InvalidArgumentError, Money, OfferingRefusedError, Quantity } from "../../src/index.ts";
import { chainState, deployPlatformOn, expectChainUnchanged, rejection, shortAddress, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);
const HOUR = 3600;
const DAY = 86_400;

interface Fixture {
  platform: Platform;
  copper: bigint;
  offeringId: bigint;
  end: Date;
}

async function offeringsFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  await platform.as.compliance.setLotRules({ lotId: copper, minClass: "accredited" });
  await platform.as.admin.grantRole({ role: "treasury", account: platform.address.spareWallet });
  for (const investor of ["investorA", "investorB", "investorD"] as const) {
    await platform.as.admin.mintTestStablecoin({ to: platform.address[investor], amount: usd("1,000,000 USD") });
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
  await connection.networkHelpers.time.increaseTo(Math.floor(start.getTime() / 1000));
  return { platform, copper, offeringId, end };
}
const opened = (): Promise<Fixture> => connection.networkHelpers.loadFixture(offeringsFixture);
const closed = async (f: Fixture): Promise<void> => {
  await connection.networkHelpers.time.increaseTo(Math.floor(f.end.getTime() / 1000));
  await f.platform.as.issuer.closeOffering({ offeringId: f.offeringId });
};

async function expectOfferingRefused(f: Fixture, call: () => Promise<unknown>, reason: string, message: string | RegExp): Promise<OfferingRefusedError> {
  const before = await chainState(f.platform);
  const error = await rejection(call());
  expect(error, String(error)).to.be.instanceOf(OfferingRefusedError);
  const refused = error as OfferingRefusedError;
  expect(refused.reason).to.equal(reason);
  if (typeof message === "string") expect(refused.shortMessage).to.equal(message);
  else expect(refused.shortMessage).to.match(message);
  await expectChainUnchanged(f.platform, before);
  return refused;
}

describe("SDK offerings after the review", function () {
  describe("cancelOffering", function () {
    it("an issuer cancels an open offering with a reason; every subscriber claims back all it paid and the lot's capacity returns", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      const capacity = (await as.outsider.getLot({ lotId: f.copper })).mintable;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("3") });
      expect((await as.outsider.getLot({ lotId: f.copper })).reserved.format()).to.equal("10.000 t Cu");
      await as.issuer.cancelOffering({ offeringId: f.offeringId, reason: "DD RED FLAG 2026-31" });
      const offering = await as.outsider.getOffering({ offeringId: f.offeringId });
      expect(offering.state).to.equal("cancelled");
      // The hard cap reserved at creation is mintable again.
      expect((await as.outsider.getLot({ lotId: f.copper })).mintable.base).to.equal(capacity.base + t("10").base);
      expect((await as.outsider.getLot({ lotId: f.copper })).reserved.base).to.equal(0n);
      const claim = await as.investorA.claimOffering({ offeringId: f.offeringId });
      expect([claim.units.format(), claim.refund.format()]).to.deep.equal(["0.000 t Cu", "29,250.00 USD"]);
      expect((await as.outsider.getMoneyBalance({ owner: address.investorA })).format()).to.equal("1,000,000.00 USD");
    });

    it("cancelOffering refuses an investor, a closed offering and a missing reason, sending nothing", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await expectOfferingRefused(f, () => as.investorA.cancelOffering({ offeringId: f.offeringId, reason: "X" }), "not-issuer", `${shortAddress(address.investorA)} is not an issuer: only an issuer may cancel an offering`);
      const before = await chainState(f.platform);
      const error = await rejection(as.issuer.cancelOffering({ offeringId: f.offeringId, reason: " " }));
      expect(error).to.be.instanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).to.equal("reason");
      await expectChainUnchanged(f.platform, before);
      await as.issuer.cancelOffering({ offeringId: f.offeringId, reason: "WITHDRAWN" });
      await expectOfferingRefused(f, () => as.issuer.cancelOffering({ offeringId: f.offeringId, reason: "AGAIN" }), "offering-closed", `Offering ${f.offeringId} is already closed (cancelled)`);
    });
  });

  describe("allocations decided at subscription", function () {
    it("subscribe refuses a new investor when the lot's holder slots are taken, and a slot given back admits the next", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.compliance.setLotRules({ lotId: f.copper, minClass: "accredited", maxHolders: 2 });
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("2") });
      await as.investorB.subscribe({ offeringId: f.offeringId, amount: t("2") });
      expect((await as.outsider.getOffering({ offeringId: f.offeringId })).slotsHeld).to.equal(2);
      await expectOfferingRefused(
        f,
        () => as.investorD.subscribe({ offeringId: f.offeringId, amount: t("2") }),
        "no-holder-slot",
        `Lot ${f.copper} admits at most 2 holders: 0 hold units and offering subscribers hold the other 2 slots, so ${shortAddress(address.investorD)} cannot subscribe to offering ${f.offeringId}`,
      );
      // B leaves: its slot is free again for D.
      await as.investorB.cancelSubscription({ offeringId: f.offeringId });
      await as.investorD.subscribe({ offeringId: f.offeringId, amount: t("2") });
      expect((await as.outsider.getOffering({ offeringId: f.offeringId, investor: address.investorD })).position?.slotHeld).to.equal(true);
    });

    it("subscribe refuses a request that would share the hard cap below the lot's minimum holding", async function () {
      const f = await opened();
      const { as } = f.platform;
      await as.compliance.setLotRules({ lotId: f.copper, minClass: "accredited", minHolding: t("2") });
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("8") });
      await as.investorB.subscribe({ offeringId: f.offeringId, amount: t("2") });
      await expectOfferingRefused(
        f,
        () => as.investorD.subscribe({ offeringId: f.offeringId, amount: t("8") }),
        "allocation-below-minimum-holding",
        `Offering ${f.offeringId} cannot take 18.000 t Cu in all: the smallest request (2.000 t Cu), shared pro rata over the 10.000 t Cu on offer, would be allocated less than the lot's minimum holding of 2.000 t Cu`,
      );
    });
  });

  describe("refundInstead", function () {
    it("a claim the lot's rules refuse for good says so, and the investor takes back every cent it paid; the issuer withdraws the units", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("4") });
      await as.investorB.subscribe({ offeringId: f.offeringId, amount: t("2") });
      await closed(f);
      await expectOfferingRefused(f, () => as.investorA.refundInstead({ offeringId: f.offeringId }), "allocation-deliverable", `${shortAddress(address.investorA)}'s allocation of 4.000 t Cu in offering ${f.offeringId} can be delivered: claim it instead of a refund`);
      await as.compliance.setLotRules({ lotId: f.copper, minClass: "institutional" }); // B is accredited
      const refused = await expectOfferingRefused(f, () => as.investorB.claimOffering({ offeringId: f.offeringId }), "class-too-low", /may take a refund of all 19,500\.00 USD instead \(refund-instead\)$/);
      expect(refused).to.be.instanceOf(OfferingRefusedError);
      const check = await as.investorB.checkSubscribe({ offeringId: f.offeringId, operation: "claim" });
      expect(check.refusedForGood).to.equal(true);
      const before = (await as.outsider.getMoneyBalance({ owner: address.investorB })).base;
      const { units, refund } = await as.investorB.refundInstead({ offeringId: f.offeringId });
      expect([units.format(), refund.format()]).to.deep.equal(["2.000 t Cu", "19,500.00 USD"]);
      expect((await as.outsider.getMoneyBalance({ owner: address.investorB })).base - before).to.equal(usd("19,500 USD").base);
      await expectOfferingRefused(f, () => as.investorB.refundInstead({ offeringId: f.offeringId }), "already-claimed", `${shortAddress(address.investorB)} already claimed from offering ${f.offeringId}`);
      await as.investorA.claimOffering({ offeringId: f.offeringId });
      const { units: withdrawn } = await as.issuer.withdrawOfferingUnits({ offeringId: f.offeringId, to: address.issuer });
      expect(withdrawn.format()).to.equal("2.000 t Cu");
    });

    it("refundInstead refuses a refusal that passes (a lot on hold): the allocation stays the investor's", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
      await closed(f);
      await as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "ASSAY DISPUTE" });
      const claim = await as.investorA.checkSubscribe({ offeringId: f.offeringId, operation: "claim" });
      expect([claim.allowed, claim.refusedForGood]).to.deep.equal([false, false]);
      expect(claim.message).to.match(/the allocation stays .* and can be claimed once that passes$/);
      // The claim's own sentence (here the hold), then why a refund instead is refused.
      const sentence = claim.message.replace(/; the allocation stays .*$/, "");
      expect(sentence).to.match(/on hold/);
      await expectOfferingRefused(f, () => as.investorA.refundInstead({ offeringId: f.offeringId }), "refusal-passing", `${sentence}; that passes, so ${shortAddress(address.investorA)} claims its allocation once it does: a refund instead is only for a refusal for good`);
      await as.compliance.setLotHold({ lotId: f.copper, onHold: false, reason: "ASSAY AGREED" });
      expect((await as.investorA.claimOffering({ offeringId: f.offeringId })).units.format()).to.equal("6.000 t Cu");
    });
  });

  describe("a frozen investor", function () {
    it("can neither reduce, cancel, claim nor take a refund, each refused before sending; compliance releases its claim to a wallet it names", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
      await as.compliance.freezeAccount({ account: address.investorA, frozen: true });
      const who = shortAddress(address.investorA);
      const frozen = (what: string) =>
        `${who} is frozen, so it cannot ${what} in offering ${f.offeringId}: the freeze binds the money it escrowed; compliance may release its claim to a wallet it names (offering release)`;
      await expectOfferingRefused(f, () => as.investorA.reduceSubscription({ offeringId: f.offeringId, amount: t("5") }), "investor-frozen", frozen("reduce"));
      await expectOfferingRefused(f, () => as.investorA.cancelSubscription({ offeringId: f.offeringId }), "investor-frozen", frozen("cancel"));
      await closed(f);
      await expectOfferingRefused(f, () => as.investorA.claimOffering({ offeringId: f.offeringId }), "investor-frozen", frozen("claim"));
      await expectOfferingRefused(f, () => as.investorA.refundInstead({ offeringId: f.offeringId }), "investor-frozen", frozen("take a refund instead"));
      const released = await as.compliance.releaseClaim({ offeringId: f.offeringId, investor: address.investorA, to: address.investorD, reason: "COURT ORDER 2026-88" });
      expect([released.units.format(), released.refund.format()]).to.deep.equal(["6.000 t Cu", "0.00 USD"]);
      const [held] = await as.outsider.getBalances({ owner: address.investorD });
      expect([held?.lotId, held?.balance.format()]).to.deep.equal([f.copper, "6.000 t Cu"]);
    });

    it("releaseClaim refuses an open offering, an investor without a claim and a second release, sending nothing", async function () {
      const f = await opened();
      const { as, address } = f.platform;
      await as.investorA.subscribe({ offeringId: f.offeringId, amount: t("6") });
      const release = () => as.compliance.releaseClaim({ offeringId: f.offeringId, investor: address.investorA, to: address.investorD, reason: "R" });
      await expectOfferingRefused(f, release, "not-closed", `Offering ${f.offeringId} is not closed yet: claims open once it closes`);
      await closed(f);
      await expectOfferingRefused(f, () => as.compliance.releaseClaim({ offeringId: f.offeringId, investor: address.investorB, to: address.investorD, reason: "R" }), "nothing-to-claim", `${shortAddress(address.investorB)} holds no subscription in offering ${f.offeringId}`);
      await release();
      await expectOfferingRefused(f, release, "already-claimed", `${shortAddress(address.investorA)} already claimed from offering ${f.offeringId}`);
    });
  });
});
