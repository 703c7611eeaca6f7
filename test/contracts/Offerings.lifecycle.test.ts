import { expect } from "chai";
import { Signature, ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  CAPACITY,
  GRACE,
  LOT,
  OfferingState,
  PRICE,
  ROLE,
  type OfferingsFixture,
  createOffering,
  deployOfferingsFixture,
  openOffering,
  paymentUp,
} from "./helpers/offerings.ts";
import { bytes32 } from "./helpers/fixtures.ts";

// Primary offerings: creation, subscription (with and without permit), reduction and cancellation, close (by the
// issuer, by anyone after the grace period), pro-rata allocation, refunds, proceeds and returned units.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployOfferingsFixture);

const balance = (f: OfferingsFixture, who: { getAddress(): Promise<string> } | string) =>
  typeof who === "string" ? f.usd.balanceOf(who) : who.getAddress().then((a) => f.usd.balanceOf(a));

/** An oversubscribed offering with awkward numbers, closed. */
async function oversubscribed(f: OfferingsFixture) {
  const { id, terms } = await openOffering(f, { priceAmount: 9_000_000_007n, priceUnit: 1_000n });
  const requests = [10_001n, 20_003n, 7_777n, 101n];
  for (const [i, units] of requests.entries()) await f.offerings.connect(f.investors[i]!).subscribe(id, units);
  await time.increaseTo(terms.end);
  await f.offerings.connect(f.issuer).close(id);
  return { id, terms, requests, total: requests.reduce((s, r) => s + r, 0n) };
}

describe("LotOfferings", function () {
  describe("createOffering", function () {
    it("createOffering stores the terms, numbers offerings from 1 and emits OfferingCreated", async function () {
      const f = await load();
      await expect(f.offerings.connect(f.issuer).createOffering(f.terms))
        .to.emit(f.offerings, "OfferingCreated")
        .withArgs(1n, LOT, f.terms.paymentToken, f.treasury.address, Object.values(f.terms));
      await f.offerings.connect(f.issuer).createOffering(f.terms);
      expect(await f.offerings.offeringCount()).to.equal(2n);
      const stored = await f.offerings.termsOf(2n);
      expect(stored.priceAmount).to.equal(PRICE.amount);
      expect(stored.hardCap).to.equal(f.terms.hardCap);
      expect((await f.offerings.statusOf(2n)).state).to.equal(OfferingState.Open);
    });

    it("createOffering reverts for every caller without ISSUER_ROLE", async function () {
      const f = await load();
      for (const caller of [f.admin, f.treasury, f.outsider, f.investors[0]]) {
        await expect(f.offerings.connect(caller).createOffering(f.terms))
          .to.be.revertedWithCustomError(f.offerings, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ROLE.ISSUER);
      }
      expect(await f.offerings.offeringCount()).to.equal(0n);
    });

    it("createOffering reverts naming each malformed term", async function () {
      const f = await load();
      const t = f.terms;
      const cases: [Partial<typeof t>, string, bigint][] = [
        [{ paymentToken: f.outsider.address }, "paymentToken", BigInt(f.outsider.address)],
        [{ priceAmount: 0n }, "priceAmount", 0n],
        [{ priceUnit: 0n }, "priceUnit", 0n],
        [{ end: t.start }, "end", t.start],
        [{ start: 1n, end: 2n }, "end", 2n],
        [{ minTicket: 0n }, "minTicket", 0n],
        [{ maxTicket: t.minTicket - 1n }, "maxTicket", t.minTicket - 1n],
        [{ hardCap: 0n, softCap: 0n }, "hardCap", 0n],
        [{ softCap: t.hardCap + 1n }, "softCap", t.hardCap + 1n],
        // Beyond what the offering keeps in 128 bits (96 for the lot id, 48 for times).
        [{ lotId: 2n ** 96n }, "lotId", 2n ** 96n],
        [{ priceAmount: 2n ** 128n }, "priceAmount", 2n ** 128n],
        [{ priceUnit: 2n ** 128n }, "priceUnit", 2n ** 128n],
        [{ end: 2n ** 48n }, "end", 2n ** 48n],
        [{ maxTicket: 2n ** 128n }, "maxTicket", 2n ** 128n],
        [{ hardCap: 2n ** 128n }, "hardCap", 2n ** 128n],
      ];
      for (const [override, field, value] of cases) {
        await expect(f.offerings.connect(f.issuer).createOffering({ ...t, ...override }))
          .to.be.revertedWithCustomError(f.offerings, "InvalidOfferingTerms")
          .withArgs(field, value);
      }
    });

    it("createOffering reverts when the maximum ticket or the hard cap would cost more than MAX_PAYMENT, and accepts exactly MAX_PAYMENT", async function () {
      const f = await load();
      const max = await f.offerings.MAX_PAYMENT();
      expect(max).to.equal(2n ** 120n - 1n);
      // A price of MAX_PAYMENT per unit: one unit costs exactly the limit, two cost more.
      const t = { ...f.terms, priceAmount: max, priceUnit: 1n, minTicket: 1n, softCap: 0n };
      await expect(f.offerings.connect(f.issuer).createOffering({ ...t, maxTicket: 2n, hardCap: 1n }))
        .to.be.revertedWithCustomError(f.offerings, "InvalidOfferingTerms")
        .withArgs("maxTicket", 2n);
      await expect(f.offerings.connect(f.issuer).createOffering({ ...t, maxTicket: 1n, hardCap: 2n }))
        .to.be.revertedWithCustomError(f.offerings, "InvalidOfferingTerms")
        .withArgs("hardCap", 2n);
      await f.offerings.connect(f.issuer).createOffering({ ...t, maxTicket: 1n, hardCap: 1n });
      expect(await f.offerings.offeringCount()).to.equal(1n);
    });

    it("createOffering reverts when the treasury does not hold TREASURY_ROLE", async function () {
      const f = await load();
      await expect(f.offerings.connect(f.issuer).createOffering({ ...f.terms, treasury: f.outsider.address }))
        .to.be.revertedWithCustomError(f.offerings, "TreasuryLacksRole")
        .withArgs(f.outsider.address);
    });

    it("views revert for an unknown offering", async function () {
      const f = await load();
      await expect(f.offerings.termsOf(1n)).to.be.revertedWithCustomError(f.offerings, "UnknownOffering").withArgs(1n);
      await expect(f.offerings.subscribe(9n, 1n)).to.be.revertedWithCustomError(f.offerings, "UnknownOffering");
      await expect(f.offerings.close(9n)).to.be.revertedWithCustomError(f.offerings, "UnknownOffering");
      await expect(f.offerings.withdrawProceeds(9n)).to.be.revertedWithCustomError(f.offerings, "UnknownOffering");
    });
  });

  describe("subscribe", function () {
    it("subscribe escrows the payment rounded up, and adding to a request charges exactly the difference", async function () {
      const f = await load();
      // 7 base units per 3 units: 1 unit costs ceil(7/3) = 3, 101 units ceil(707/3) = 236.
      const { id } = await openOffering(f, { priceAmount: 7n, priceUnit: 3n, minTicket: 1n });
      const [a] = f.investors;
      const before = await balance(f, a);
      await expect(f.offerings.connect(a).subscribe(id, 1n))
        .to.emit(f.offerings, "Subscribed")
        .withArgs(id, a.address, 1n, 1n, 3n);
      await expect(f.offerings.connect(a).subscribe(id, 100n))
        .to.emit(f.offerings, "Subscribed")
        .withArgs(id, a.address, 100n, 101n, 236n - 3n);
      expect(before - (await balance(f, a))).to.equal(236n);
      const sub = await f.offerings.subscriptionOf(id, a.address);
      expect([sub.requested, sub.paid, sub.claimed]).to.deep.equal([101n, 236n, false]);
      expect(await balance(f, f.offerings)).to.equal(236n);
      const status = await f.offerings.statusOf(id);
      expect([status.totalRequested, status.unclaimed]).to.deep.equal([101n, 1n]);
    });

    it("subscribe accepts requests beyond the hard cap (allocation is then pro rata)", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, terms.maxTicket);
      expect((await f.offerings.statusOf(id)).totalRequested).to.be.greaterThan(terms.hardCap);
    });

    it("subscribe reverts before the window opens and from its end", async function () {
      const f = await load();
      const { id, terms } = await createOffering(f);
      const [a] = f.investors;
      await expect(f.offerings.connect(a).subscribe(id, 100n))
        .to.be.revertedWithCustomError(f.offerings, "SubscriptionNotStarted")
        .withArgs(id, terms.start);
      await time.setNextBlockTimestamp(terms.end);
      await expect(f.offerings.connect(a).subscribe(id, 100n))
        .to.be.revertedWithCustomError(f.offerings, "SubscriptionEnded")
        .withArgs(id, terms.end);
    });

    it("subscribe reverts for zero units, below the minimum ticket and above the maximum ticket in total", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const [a] = f.investors;
      await expect(f.offerings.connect(a).subscribe(id, 0n)).to.be.revertedWithCustomError(f.offerings, "ZeroUnits").withArgs(id);
      await expect(f.offerings.connect(a).subscribe(id, 99n))
        .to.be.revertedWithCustomError(f.offerings, "BelowMinimumTicket")
        .withArgs(id, 99n, terms.minTicket);
      await f.offerings.connect(a).subscribe(id, 40_000n);
      await expect(f.offerings.connect(a).subscribe(id, 10_001n))
        .to.be.revertedWithCustomError(f.offerings, "AboveMaximumTicket")
        .withArgs(id, 50_001n, terms.maxTicket);
      expect((await f.offerings.subscriptionOf(id, a.address)).requested).to.equal(40_000n);
    });

    it("subscribe reverts with the token's reason when the investor may not receive units", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const [a] = f.investors;
      await f.token.getFunction("setReason")(a.address, 4);
      await expect(f.offerings.connect(a).subscribe(id, 100n))
        .to.be.revertedWithCustomError(f.offerings, "NotEligible")
        .withArgs(id, a.address, 4);
      expect(await balance(f, f.offerings)).to.equal(0n);
    });

    it("subscribe reverts once the offering is closed", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(f.investors[0]).subscribe(id, 100n))
        .to.be.revertedWithCustomError(f.offerings, "OfferingAlreadyClosed")
        .withArgs(id, OfferingState.Failed);
    });
  });

  describe("subscribeWithPermit", function () {
    async function permit(f: OfferingsFixture, owner: (typeof f.investors)[0], value: bigint, deadline: bigint) {
      const { chainId } = await ethers.provider.getNetwork();
      const domain = { name: "Test USD", version: "1", chainId, verifyingContract: await f.usd.getAddress() };
      const types = {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      };
      const message = {
        owner: owner.address,
        spender: await f.offerings.getAddress(),
        value,
        nonce: await f.usd.nonces(owner.address),
        deadline,
      };
      return Signature.from(await owner.signTypedData(domain, types, message));
    }

    it("subscribeWithPermit escrows the payment in one transaction without a prior approval", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.usd.connect(a).approve(await f.offerings.getAddress(), 0n);
      const cost = paymentUp(1_000n);
      const sig = await permit(f, a, cost, terms.end);
      await expect(f.offerings.connect(a).subscribeWithPermit(id, 1_000n, terms.end, sig.v, sig.r, sig.s))
        .to.emit(f.offerings, "Subscribed")
        .withArgs(id, a.address, 1_000n, 1_000n, cost);
      expect(await balance(f, f.offerings)).to.equal(cost);
      expect(await f.usd.allowance(a.address, await f.offerings.getAddress())).to.equal(0n);
    });

    it("subscribeWithPermit still subscribes when someone front-ran the permit", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.usd.connect(a).approve(await f.offerings.getAddress(), 0n);
      const cost = paymentUp(1_000n);
      const sig = await permit(f, a, cost, terms.end);
      await f.usd.connect(f.outsider).permit(a.address, await f.offerings.getAddress(), cost, terms.end, sig.v, sig.r, sig.s);
      await f.offerings.connect(a).subscribeWithPermit(id, 1_000n, terms.end, sig.v, sig.r, sig.s);
      expect((await f.offerings.subscriptionOf(id, a.address)).paid).to.equal(cost);
    });

    it("subscribeWithPermit reverts when the permit is invalid and there is no allowance", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.usd.connect(a).approve(await f.offerings.getAddress(), 0n);
      const sig = await permit(f, a, 1n, terms.end); // signed for too little
      await expect(
        f.offerings.connect(a).subscribeWithPermit(id, 1_000n, terms.end, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(f.usd, "ERC20InsufficientAllowance");
    });
  });

  describe("reduce and cancel", function () {
    it("reduce lowers the request and refunds the difference of the rounded-up payments", async function () {
      const f = await load();
      const { id } = await openOffering(f, { priceAmount: 7n, priceUnit: 3n });
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 1_000n); // ceil(7000/3) = 2334
      const before = await balance(f, a);
      await expect(f.offerings.connect(a).reduce(id, 101n)) // ceil(707/3) = 236
        .to.emit(f.offerings, "SubscriptionReduced")
        .withArgs(id, a.address, 101n, 2334n - 236n);
      expect((await balance(f, a)) - before).to.equal(2334n - 236n);
      expect((await f.offerings.statusOf(id)).totalRequested).to.equal(101n);
      expect(await balance(f, f.offerings)).to.equal(236n);
    });

    it("cancel refunds the request in full and removes the investor", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const [a, b] = f.investors;
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await f.offerings.connect(b).subscribe(id, 500n);
      const before = await balance(f, a);
      await expect(f.offerings.connect(a).cancel(id))
        .to.emit(f.offerings, "SubscriptionReduced")
        .withArgs(id, a.address, 0n, paymentUp(1_000n));
      expect((await balance(f, a)) - before).to.equal(paymentUp(1_000n));
      const status = await f.offerings.statusOf(id);
      expect([status.totalRequested, status.unclaimed]).to.deep.equal([500n, 1n]);
      expect(await balance(f, f.offerings)).to.equal(paymentUp(500n));
    });

    it("reduce reverts when it does not lower the request, or lowers it below the minimum ticket but not to zero", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await expect(f.offerings.connect(a).reduce(id, 1_000n))
        .to.be.revertedWithCustomError(f.offerings, "NotAReduction")
        .withArgs(id, 1_000n, 1_000n);
      await expect(f.offerings.connect(a).reduce(id, 99n))
        .to.be.revertedWithCustomError(f.offerings, "BelowMinimumTicket")
        .withArgs(id, 99n, terms.minTicket);
    });

    it("reduce and cancel revert for an investor with no request", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const a = f.investors[0];
      await expect(f.offerings.connect(a).cancel(id))
        .to.be.revertedWithCustomError(f.offerings, "NoSubscription")
        .withArgs(id, a.address);
      await expect(f.offerings.connect(a).reduce(id, 0n)).to.be.revertedWithCustomError(f.offerings, "NoSubscription");
    });

    it("reduce and cancel revert from the end of the window and after close", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await time.setNextBlockTimestamp(terms.end);
      await expect(f.offerings.connect(a).cancel(id))
        .to.be.revertedWithCustomError(f.offerings, "SubscriptionEnded")
        .withArgs(id, terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(a).reduce(id, 100n))
        .to.be.revertedWithCustomError(f.offerings, "OfferingAlreadyClosed")
        .withArgs(id, OfferingState.Failed);
    });
  });

  describe("close", function () {
    it("close by the issuer reverts before the end and succeeds from it", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 20_000n);
      await expect(f.offerings.connect(f.issuer).close(id))
        .to.be.revertedWithCustomError(f.offerings, "OfferingNotClosable")
        .withArgs(id, f.issuer.address, terms.end);
      await time.setNextBlockTimestamp(terms.end);
      await expect(f.offerings.connect(f.issuer).close(id))
        .to.emit(f.offerings, "OfferingClosed")
        .withArgs(id, OfferingState.Succeeded, 20_000n, 20_000n, f.issuer.address);
      expect(await f.token.getFunction("balanceOf")(await f.offerings.getAddress(), LOT)).to.equal(20_000n);
      expect(await f.registry.getFunction("mintableQuantity")(LOT)).to.equal(CAPACITY - 20_000n);
    });

    it("close by anyone else reverts until the end plus the grace period, then succeeds", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 20_000n);
      await time.increaseTo(terms.end);
      for (const caller of [f.outsider, f.treasury, f.investors[0]]) {
        await expect(f.offerings.connect(caller).close(id))
          .to.be.revertedWithCustomError(f.offerings, "OfferingNotClosable")
          .withArgs(id, caller.address, terms.end + GRACE);
      }
      await time.setNextBlockTimestamp(terms.end + GRACE);
      await expect(f.offerings.connect(f.outsider).close(id))
        .to.emit(f.offerings, "OfferingClosed")
        .withArgs(id, OfferingState.Succeeded, 20_000n, 20_000n, f.outsider.address);
    });

    it("close reverts when the offering is already closed", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(f.issuer).close(id))
        .to.be.revertedWithCustomError(f.offerings, "OfferingAlreadyClosed")
        .withArgs(id, OfferingState.Failed);
    });

    it("close below the soft cap fails the offering, mints nothing and every investor claims back every cent", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f, { priceAmount: 7n, priceUnit: 3n });
      const [a, b] = f.investors;
      await f.offerings.connect(a).subscribe(id, 4_001n);
      await f.offerings.connect(b).subscribe(id, 5_998n); // 9,999 < soft cap 10,000
      const paid = [paymentUp(4_001n, 7n, 3n), paymentUp(5_998n, 7n, 3n)];
      await time.increaseTo(terms.end);
      await expect(f.offerings.connect(f.issuer).close(id))
        .to.emit(f.offerings, "OfferingClosed")
        .withArgs(id, OfferingState.Failed, 9_999n, 0n, f.issuer.address);
      expect(await f.registry.getFunction("mintableQuantity")(LOT)).to.equal(CAPACITY);
      for (const [i, investor] of [a, b].entries()) {
        const before = await balance(f, investor);
        await expect(f.offerings.connect(investor).claim(id, investor.address))
          .to.emit(f.offerings, "Claimed")
          .withArgs(id, investor.address, 0n, paid[i]);
        expect((await balance(f, investor)) - before).to.equal(paid[i]);
      }
      expect(await balance(f, f.offerings)).to.equal(0n);
      await expect(f.offerings.withdrawProceeds(id)).to.be.revertedWithCustomError(f.offerings, "NothingToWithdraw");
    });

    it("createOffering reserves the hard cap out of the lot's mint capacity, and close gives it back before minting the allocations", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      expect(await f.registry.getFunction("mintableQuantity")(LOT)).to.equal(CAPACITY - terms.hardCap);
      expect(await f.registry.getFunction("reserved")(LOT)).to.equal(terms.hardCap);
      await f.offerings.connect(f.investors[0]).subscribe(id, 12_000n);
      await time.increaseTo(terms.end);
      await expect(f.offerings.connect(f.issuer).close(id))
        .to.emit(f.offerings, "OfferingClosed")
        .withArgs(id, OfferingState.Succeeded, 12_000n, 12_000n, f.issuer.address);
      expect(await f.registry.getFunction("reserved")(LOT)).to.equal(0n);
      expect(await f.registry.getFunction("mintableQuantity")(LOT)).to.equal(CAPACITY - 12_000n);
    });

    it("createOffering reverts, creating nothing, when the lot may not mint its hard cap", async function () {
      const f = await load();
      await f.registry.getFunction("setCapacity")(LOT, 29_999n);
      await expect(createOffering(f)).to.be.revertedWithCustomError(f.registry, "MockReservation").withArgs(LOT, 30_000n, 29_999n);
      expect(await f.offerings.offeringCount()).to.equal(0n);
    });

    it("a failed close gives back the reserved capacity and every holder slot", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 100n);
      await f.offerings.connect(f.investors[1]).subscribe(id, 100n);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(2n);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      expect(await f.registry.getFunction("reserved")(LOT)).to.equal(0n);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(0n);
      expect((await f.offerings.statusOf(id)).slotsHeld).to.equal(0n);
    });

    it("close reverts while the token refuses to mint and succeeds once it mints again, so nothing is stuck", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 20_000n);
      await time.increaseTo(terms.end);
      await f.token.getFunction("setPaused")(true);
      await expect(f.offerings.connect(f.issuer).close(id)).to.be.revertedWithCustomError(f.token, "MockRefused");
      await f.token.getFunction("setPaused")(false);
      await f.offerings.connect(f.issuer).close(id);
      expect((await f.offerings.statusOf(id)).state).to.equal(OfferingState.Succeeded);
    });
  });

  describe("pro-rata allocation, claims and proceeds", function () {
    it("claim delivers floor(requested x hardCap / totalRequested) and refunds the rest, paid = allocated x price + refund to the base unit", async function () {
      const f = await load();
      const { id, terms, requests, total } = await oversubscribed(f);
      let allocated = 0n;
      let proceeds = 0n;
      for (const [i, units] of requests.entries()) {
        const investor = f.investors[i]!;
        const expected = (units * terms.hardCap) / total;
        const payment = paymentUp(expected, terms.priceAmount, terms.priceUnit);
        const paid = paymentUp(units, terms.priceAmount, terms.priceUnit);
        const before = await balance(f, investor);
        await expect(f.offerings.connect(investor).claim(id, investor.address))
          .to.emit(f.offerings, "Claimed")
          .withArgs(id, investor.address, expected, paid - payment);
        expect(await f.token.getFunction("balanceOf")(investor.address, LOT)).to.equal(expected);
        expect((await balance(f, investor)) - before).to.equal(paid - payment);
        allocated += expected;
        proceeds += payment;
      }
      expect(allocated).to.be.lessThanOrEqual(terms.hardCap);
      expect(await balance(f, f.offerings)).to.equal(proceeds);
      const before = await balance(f, f.treasury);
      await expect(f.offerings.connect(f.outsider).withdrawProceeds(id))
        .to.emit(f.offerings, "ProceedsWithdrawn")
        .withArgs(id, f.treasury.address, proceeds);
      expect((await balance(f, f.treasury)) - before).to.equal(proceeds);
      expect(await balance(f, f.offerings)).to.equal(0n);
      // the rounding dust of units goes back to the issuer once everyone has claimed
      await expect(f.offerings.connect(f.issuer).withdrawUnits(id, f.issuer.address))
        .to.emit(f.offerings, "UnitsReturned")
        .withArgs(id, f.issuer.address, terms.hardCap - allocated);
      expect(await f.token.getFunction("balanceOf")(await f.offerings.getAddress(), LOT)).to.equal(0n);
    });

    it("claim by the issuer on an investor's behalf delivers to the investor", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      const a = f.investors[0];
      await f.offerings.connect(f.issuer).claim(id, a.address);
      expect(await f.token.getFunction("balanceOf")(a.address, LOT)).to.be.greaterThan(0n);
      expect(await f.token.getFunction("balanceOf")(f.issuer.address, LOT)).to.equal(0n);
    });

    it("claim reverts for anyone but the investor or the issuer", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      for (const caller of [f.outsider, f.treasury, f.investors[1]]) {
        await expect(f.offerings.connect(caller).claim(id, f.investors[0].address))
          .to.be.revertedWithCustomError(f.offerings, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ROLE.ISSUER);
      }
    });

    it("claim reverts before close, without a request, and the second time", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 20_000n);
      await expect(f.offerings.connect(a).claim(id, a.address))
        .to.be.revertedWithCustomError(f.offerings, "OfferingNotClosed")
        .withArgs(id);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(f.outsider).claim(id, f.outsider.address))
        .to.be.revertedWithCustomError(f.offerings, "NoSubscription")
        .withArgs(id, f.outsider.address);
      await f.offerings.connect(a).claim(id, a.address);
      await expect(f.offerings.connect(a).claim(id, a.address))
        .to.be.revertedWithCustomError(f.offerings, "AlreadyClaimed")
        .withArgs(id, a.address);
    });

    it("claim reverts with the token's reason while the investor may not receive its units, and stays claimable", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 12_000n);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await f.token.getFunction("setReason")(a.address, 7); // its KYC lapsed: a passing refusal
      await expect(f.offerings.connect(a).claim(id, a.address)).to.be.revertedWithCustomError(f.token, "MockRefused");
      await expect(f.offerings.connect(f.issuer).claim(id, a.address)).to.be.revertedWithCustomError(f.token, "MockRefused");
      expect((await f.offerings.subscriptionOf(id, a.address)).claimed).to.equal(false);
      expect((await f.offerings.statusOf(id)).unitsRefused).to.equal(0n);
      await f.token.getFunction("setReason")(a.address, 0); // renewed
      await expect(f.offerings.connect(a).claim(id, a.address)).to.emit(f.offerings, "Claimed").withArgs(id, a.address, 12_000n, 0n);
      expect(await f.token.getFunction("balanceOf")(a.address, LOT)).to.equal(12_000n);
    });

    it("claim delivers through a reserved transfer that consumes the investor's holder slot", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(4n);
      await f.offerings.connect(f.investors[0]).claim(id, f.investors[0].address);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(3n);
      expect(await f.token.getFunction("reservedTransfers")()).to.equal(1n);
      expect((await f.offerings.statusOf(id)).slotsHeld).to.equal(3n);
    });
  });

  describe("refundInstead (only the investor, only a refusal for good)", function () {
    async function closedWithRefusal(f: OfferingsFixture, reason: number) {
      const { id, terms } = await openOffering(f);
      const [a, b] = f.investors;
      await f.offerings.connect(a).subscribe(id, 12_000n);
      await f.offerings.connect(b).subscribe(id, 3_000n);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await f.token.getFunction("setReason")(a.address, reason);
      return { id, a, b };
    }

    for (const [reason, name] of [[6, "no longer verified"], [9, "its country no longer admitted"], [10, "its class below the lot's minimum"], [12, "the lot's minimum holding raised above its allocation"]] as const) {
      it(`refundInstead refunds everything the investor paid when it is ${name}, and the issuer takes the units back`, async function () {
        const f = await load();
        const { id, a, b } = await closedWithRefusal(f, reason);
        const before = await balance(f, a);
        await expect(f.offerings.connect(a).refundInstead(id))
          .to.emit(f.offerings, "RefundedInstead")
          .withArgs(id, a.address, 12_000n, paymentUp(12_000n), reason);
        expect((await balance(f, a)) - before).to.equal(paymentUp(12_000n));
        expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(1n); // a's slot given back, b's kept
        await expect(f.offerings.connect(f.issuer).withdrawUnits(id, f.issuer.address))
          .to.emit(f.offerings, "UnitsReturned")
          .withArgs(id, f.issuer.address, 12_000n);
        await f.offerings.connect(b).claim(id, b.address);
        await f.offerings.withdrawProceeds(id);
        expect(await balance(f, f.treasury)).to.equal(paymentUp(3_000n));
        expect(await balance(f, f.offerings)).to.equal(0n);
      });
    }

    for (const [reason, name] of [[0, "its units can be delivered"], [1, "transfers are paused"], [2, "the lot is on hold"], [7, "its KYC lapsed"], [8, "its account is frozen"]] as const) {
      it(`refundInstead reverts with RefusalNotPermanent when ${name}`, async function () {
        const f = await load();
        const { id, a } = await closedWithRefusal(f, reason);
        await expect(f.offerings.connect(a).refundInstead(id))
          .to.be.revertedWithCustomError(f.offerings, "RefusalNotPermanent")
          .withArgs(id, a.address, reason);
      });
    }

    it("refundInstead is the investor's own: the issuer cannot turn an allocation into a refund", async function () {
      const f = await load();
      const { id, a } = await closedWithRefusal(f, 9);
      await expect(f.offerings.connect(f.issuer).refundInstead(id))
        .to.be.revertedWithCustomError(f.offerings, "NoSubscription")
        .withArgs(id, f.issuer.address);
      expect((await f.offerings.subscriptionOf(id, a.address)).claimed).to.equal(false);
    });

    it("refundInstead reverts before close, the second time, and after a claim", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 12_000n);
      await expect(f.offerings.connect(a).refundInstead(id)).to.be.revertedWithCustomError(f.offerings, "OfferingNotClosed");
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await f.token.getFunction("setReason")(a.address, 9);
      await f.offerings.connect(a).refundInstead(id);
      await expect(f.offerings.connect(a).refundInstead(id)).to.be.revertedWithCustomError(f.offerings, "AlreadyClaimed");
    });
  });

  describe("releaseClaim (compliance settles a frozen or lost investor's claim)", function () {
    it("releaseClaim delivers the investor's units and refund to the wallet compliance names", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      const [a] = f.investors;
      const recovery = f.outsider;
      const compliance = f.admin;
      await f.registry.getFunction("setRole")(ROLE.COMPLIANCE, compliance.address, true);
      const { units, refund } = await f.offerings.allocationOf(id, a.address);
      await expect(f.offerings.connect(compliance).releaseClaim(id, a.address, recovery.address, bytes32("COURT-1")))
        .to.emit(f.offerings, "ClaimReleased")
        .withArgs(id, a.address, recovery.address, units, refund, bytes32("COURT-1"));
      expect(await f.token.getFunction("balanceOf")(recovery.address, LOT)).to.equal(units);
      expect(await balance(f, recovery)).to.equal(refund);
      await expect(f.offerings.connect(a).claim(id, a.address)).to.be.revertedWithCustomError(f.offerings, "AlreadyClaimed");
    });

    it("releaseClaim reverts for anyone without COMPLIANCE_ROLE, without a reason, and to a wallet that may not receive", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      const [a] = f.investors;
      for (const caller of [f.issuer, f.treasury, f.outsider, a]) {
        await expect(f.offerings.connect(caller).releaseClaim(id, a.address, f.outsider.address, bytes32("X")))
          .to.be.revertedWithCustomError(f.offerings, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ROLE.COMPLIANCE);
      }
      await f.registry.getFunction("setRole")(ROLE.COMPLIANCE, f.admin.address, true);
      await expect(f.offerings.connect(f.admin).releaseClaim(id, a.address, f.outsider.address, bytes32("")))
        .to.be.revertedWithCustomError(f.offerings, "ReasonRequired")
        .withArgs(id);
      await f.token.getFunction("setReason")(f.outsider.address, 6);
      for (const to of [f.outsider.address, a.address, ZeroAddress]) {
        await expect(f.offerings.connect(f.admin).releaseClaim(id, a.address, to, bytes32("X")))
          .to.be.revertedWithCustomError(f.offerings, "InvalidRelease")
          .withArgs(id, to);
      }
    });
  });

  describe("a freeze binds escrowed money as it binds units", function () {
    it("a frozen investor can neither reduce, cancel, claim nor take a refund; compliance releases its claim; unfrozen, it claims", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const [a, b] = f.investors;
      await f.offerings.connect(a).subscribe(id, 2_000n);
      await f.offerings.connect(b).subscribe(id, 2_000n);
      await f.token.getFunction("setFrozen")(a.address, true);
      for (const attempt of [() => f.offerings.connect(a).reduce(id, 1_000n), () => f.offerings.connect(a).cancel(id)]) {
        await expect(attempt()).to.be.revertedWithCustomError(f.offerings, "InvestorFrozen").withArgs(id, a.address);
      }
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      const paid = await f.usd.balanceOf(await f.offerings.getAddress());
      await expect(f.offerings.connect(a).claim(id, a.address))
        .to.be.revertedWithCustomError(f.offerings, "InvestorFrozen")
        .withArgs(id, a.address);
      await expect(f.offerings.connect(f.issuer).claim(id, a.address))
        .to.be.revertedWithCustomError(f.offerings, "InvestorFrozen")
        .withArgs(id, a.address);
      await f.token.getFunction("setReason")(a.address, 6);
      await expect(f.offerings.connect(a).refundInstead(id))
        .to.be.revertedWithCustomError(f.offerings, "InvestorFrozen")
        .withArgs(id, a.address);
      expect(await f.usd.balanceOf(await f.offerings.getAddress())).to.equal(paid);
      // Compliance may still settle it to a wallet it names (tested above); once unfrozen the investor claims itself.
      await f.token.getFunction("setReason")(a.address, 0);
      await f.token.getFunction("setFrozen")(a.address, false);
      await expect(f.offerings.connect(a).claim(id, a.address)).to.emit(f.offerings, "Claimed");
    });

    it("releaseClaim settles a frozen investor's claim", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      const [a] = f.investors;
      await f.token.getFunction("setFrozen")(a.address, true);
      await f.registry.getFunction("setRole")(ROLE.COMPLIANCE, f.admin.address, true);
      const { units, refund } = await f.offerings.allocationOf(id, a.address);
      await expect(f.offerings.connect(f.admin).releaseClaim(id, a.address, f.outsider.address, bytes32("COURT-2")))
        .to.emit(f.offerings, "ClaimReleased")
        .withArgs(id, a.address, f.outsider.address, units, refund, bytes32("COURT-2"));
    });
  });

  describe("holder slots, tickets per investor and the minimum holding are decided at subscription", function () {
    it("each investor takes one holder slot, however many times and from however many linked wallets it subscribes", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const [a, a2, b] = f.investors;
      await f.token.getFunction("link")(a2.address, 77n);
      await f.token.getFunction("link")(a.address, 77n);
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await f.offerings.connect(a2).subscribe(id, 1_000n);
      await f.offerings.connect(b).subscribe(id, 1_000n);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(2n);
      expect(await f.offerings.investorRequestOf(id, 77n)).to.deep.equal([3_000n, true]);
    });

    it("subscribe reverts, changing nothing, when no holder slot is left for a new investor", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      await f.token.getFunction("setMaxSlots")(LOT, 1);
      await f.offerings.connect(f.investors[0]).subscribe(id, 1_000n);
      await expect(f.offerings.connect(f.investors[1]).subscribe(id, 1_000n))
        .to.be.revertedWithCustomError(f.token, "MockRefused")
        .withArgs(f.investors[1].address, LOT, 0n, 11);
      expect((await f.offerings.statusOf(id)).totalRequested).to.equal(1_000n);
    });

    it("cancelling every request of an investor gives its holder slot back; a partial reduction keeps it", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const [a, a2] = f.investors;
      await f.token.getFunction("link")(a.address, 77n);
      await f.token.getFunction("link")(a2.address, 77n);
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await f.offerings.connect(a2).subscribe(id, 1_000n);
      await f.offerings.connect(a).cancel(id);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(1n);
      await f.offerings.connect(a2).reduce(id, 500n);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(1n);
      await f.offerings.connect(a2).cancel(id);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(0n);
      expect(await f.offerings.investorRequestOf(id, 77n)).to.deep.equal([0n, false]);
    });

    it("the maximum ticket bounds an investor's requests across its linked wallets", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      const [a, a2] = f.investors;
      await f.token.getFunction("link")(a.address, 77n);
      await f.token.getFunction("link")(a2.address, 77n);
      await f.offerings.connect(a).subscribe(id, terms.maxTicket - 100n);
      await expect(f.offerings.connect(a2).subscribe(id, 101n))
        .to.be.revertedWithCustomError(f.offerings, "AboveMaximumTicket")
        .withArgs(id, terms.maxTicket + 1n, terms.maxTicket);
      await f.offerings.connect(a2).subscribe(id, 100n);
    });

    it("oversubscription stops where the smallest request's pro-rata share would fall below the lot's minimum holding", async function () {
      const f = await load();
      // Hard cap 30,000; minimum holding 500; the smallest request 1,000 keeps its share >= 500 while total <= 60,000.
      const { id } = await openOffering(f);
      await f.token.getFunction("setMinHolding")(LOT, 500n);
      const [a, b, c] = f.investors;
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await f.offerings.connect(b).subscribe(id, 49_000n);
      await f.offerings.connect(c).subscribe(id, 10_000n); // total 60,000: floor(1,000 x 30,000 / 60,000) = 500
      await expect(f.offerings.connect(c).subscribe(id, 1n))
        .to.be.revertedWithCustomError(f.offerings, "AllocationBelowMinimumHolding")
        .withArgs(id, 1_000n, 60_001n, 500n);
      // A reduction that would make a request too small to share is refused the same way.
      await expect(f.offerings.connect(c).reduce(id, 800n)) // total 50,800: floor(800 x 30,000 / 50,800) = 472
        .to.be.revertedWithCustomError(f.offerings, "AllocationBelowMinimumHolding")
        .withArgs(id, 800n, 50_800n, 500n);
      await f.offerings.connect(c).reduce(id, 900n); // total 50,900: floor(900 x 30,000 / 50,900) = 530
    });
  });

  describe("cancelOffering", function () {
    it("cancelOffering by the issuer gives back the capacity and the slots, and every subscriber claims a full refund", async function () {
      const f = await load();
      const { id } = await openOffering(f);
      const a = f.investors[0];
      await f.offerings.connect(a).subscribe(id, 1_000n);
      await expect(f.offerings.connect(f.issuer).cancelOffering(id, bytes32("DD RED FLAG")))
        .to.emit(f.offerings, "OfferingCancelled")
        .withArgs(id, bytes32("DD RED FLAG"), f.issuer.address);
      expect((await f.offerings.statusOf(id)).state).to.equal(OfferingState.Cancelled);
      expect(await f.registry.getFunction("reserved")(LOT)).to.equal(0n);
      expect(await f.token.getFunction("reservedSlots")(LOT)).to.equal(0n);
      await expect(f.offerings.connect(a).claim(id, a.address)).to.emit(f.offerings, "Claimed").withArgs(id, a.address, 0n, paymentUp(1_000n));
      expect(await balance(f, f.offerings)).to.equal(0n);
    });

    it("cancelOffering reverts for every caller without ISSUER_ROLE, without a reason, and once closed or cancelled", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      for (const caller of [f.outsider, f.treasury, f.investors[0]]) {
        await expect(f.offerings.connect(caller).cancelOffering(id, bytes32("X")))
          .to.be.revertedWithCustomError(f.offerings, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ROLE.ISSUER);
      }
      await expect(f.offerings.connect(f.issuer).cancelOffering(id, bytes32(""))).to.be.revertedWithCustomError(f.offerings, "ReasonRequired");
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(f.issuer).cancelOffering(id, bytes32("X")))
        .to.be.revertedWithCustomError(f.offerings, "OfferingAlreadyClosed")
        .withArgs(id, OfferingState.Failed);
    });
  });

  describe("units received", function () {
    it("units sent to the offerings contract by anyone are refused: only its own mint at close is accepted", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 12_000n);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await f.offerings.connect(f.investors[0]).claim(id, f.investors[0].address);
      const offerings = await f.offerings.getAddress();
      await expect(
        f.token.connect(f.investors[0]).getFunction("safeTransferFrom")(f.investors[0].address, offerings, LOT, 1n, "0x"),
      )
        .to.be.revertedWithCustomError(f.offerings, "UnitsNotAccepted")
        .withArgs(f.investors[0].address, LOT, 1n);
      await expect(
        f.token.connect(f.investors[0]).getFunction("safeBatchTransferFrom")(f.investors[0].address, offerings, [LOT], [1n], "0x"),
      ).to.be.revertedWithCustomError(f.offerings, "UnitsNotAccepted");
    });
  });

  describe("withdrawals", function () {
    it("withdrawProceeds reverts when nothing was released or all was withdrawn", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      await expect(f.offerings.withdrawProceeds(id))
        .to.be.revertedWithCustomError(f.offerings, "NothingToWithdraw")
        .withArgs(id);
      await f.offerings.connect(f.investors[0]).claim(id, f.investors[0].address);
      await f.offerings.withdrawProceeds(id);
      await expect(f.offerings.withdrawProceeds(id)).to.be.revertedWithCustomError(f.offerings, "NothingToWithdraw");
    });

    it("withdrawUnits reverts for every caller without ISSUER_ROLE", async function () {
      const f = await load();
      const { id } = await oversubscribed(f);
      for (const caller of [f.outsider, f.treasury, f.investors[0]]) {
        await expect(f.offerings.connect(caller).withdrawUnits(id, caller.address))
          .to.be.revertedWithCustomError(f.offerings, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ROLE.ISSUER);
      }
    });

    it("withdrawUnits reverts before close, for a failed offering, and while every unit is still owed to investors", async function () {
      const f = await load();
      const { id, terms } = await openOffering(f);
      await f.offerings.connect(f.investors[0]).subscribe(id, 10_000n);
      await expect(f.offerings.connect(f.issuer).withdrawUnits(id, f.issuer.address))
        .to.be.revertedWithCustomError(f.offerings, "OfferingNotClosed")
        .withArgs(id);
      await time.increaseTo(terms.end);
      await f.offerings.connect(f.issuer).close(id);
      await expect(f.offerings.connect(f.issuer).withdrawUnits(id, f.issuer.address))
        .to.be.revertedWithCustomError(f.offerings, "NothingToWithdraw")
        .withArgs(id);
      const now = BigInt(await time.latest());
      const failed = await openOffering(f, { start: now + 10n, end: now + 100n });
      await time.increaseTo(failed.terms.end);
      await f.offerings.connect(f.issuer).close(failed.id);
      await expect(f.offerings.connect(f.issuer).withdrawUnits(failed.id, f.issuer.address))
        .to.be.revertedWithCustomError(f.offerings, "OfferingFailed")
        .withArgs(failed.id);
    });
  });
});
