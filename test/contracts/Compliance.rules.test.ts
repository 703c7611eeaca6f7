import { expect } from "chai";
import { Wallet, ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  HELD,
  type ComplianceFixture,
  deployComplianceFixture,
  holdersOf,
  now,
  setRules,
  updateInvestor,
} from "./helpers/compliance.ts";
import { COUNTRY, INVESTOR_COUNTRY, InvestorClass, Reason, bytes32, registerInvestor } from "./helpers/fixtures.ts";

// Each rule allowed and refused at its boundary: the KYC expiry second, the exact holder limit, the exact minimum
// holding on both sides, the lock-up end second; and the country list, investor class, hold, pause, account freeze
// and partial freeze.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

/** Sends `amount` units of the lot from `from` to `to`. */
function send(f: ComplianceFixture, from: ComplianceFixture["holder"], to: string, amount: bigint, lotId = f.lot) {
  return f.token.connect(from).safeTransferFrom(from.address, to, lotId, amount, "0x");
}

function expectViolation(
  f: ComplianceFixture,
  tx: Promise<unknown>,
  reason: keyof typeof Reason,
  from: string,
  to: string,
  amount: bigint,
  lotId = f.lot,
) {
  return expect(tx)
    .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
    .withArgs(Reason[reason], from, to, lotId, amount);
}

/** A spare wallet, registered as an institutional investor from Peru. */
async function newInvestor(f: ComplianceFixture, index: number) {
  const wallet = f.wallets[index];
  if (wallet === undefined) throw new Error(`no spare wallet ${index}`);
  await registerInvestor(f, wallet.address);
  return wallet;
}

describe("Compliance rules at their boundaries", function () {
  describe("KYC expiry (valid while block.timestamp < kycExpiry)", function () {
    async function withExpiry(f: ComplianceFixture, wallet: string) {
      const expiry = (await now(f)) + 1_000n;
      await updateInvestor(f, wallet, { kycExpiry: expiry });
      return expiry;
    }

    it("the sender may send in the second before its KYC expires", async function () {
      const f = await load();
      const expiry = await withExpiry(f, f.holder.address);
      await time.setNextBlockTimestamp(expiry - 1n);
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("the sender may not send in the second its KYC expires", async function () {
      const f = await load();
      const expiry = await withExpiry(f, f.holder.address);
      await time.setNextBlockTimestamp(expiry);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "SenderKycExpired",
        f.holder.address,
        f.investor.address,
        1n,
      );
    });

    it("the receiver may receive in the second before its KYC expires", async function () {
      const f = await load();
      const expiry = await withExpiry(f, f.investor.address);
      await time.setNextBlockTimestamp(expiry - 1n);
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("the receiver may not receive in the second its KYC expires, not even by mint", async function () {
      const f = await load();
      const expiry = await withExpiry(f, f.investor.address);
      await time.setNextBlockTimestamp(expiry);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "ReceiverKycExpired",
        f.holder.address,
        f.investor.address,
        1n,
      );
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverKycExpired, ZeroAddress, f.investor.address, f.lot, 1n);
    });

    it("a renewed KYC lets an expired investor send again", async function () {
      const f = await load();
      const expiry = await withExpiry(f, f.holder.address);
      await time.increaseTo(expiry);
      expect(await f.token.canTransfer(f.holder.address, f.investor.address, f.lot, 1n)).to.equal(false);
      await updateInvestor(f, f.holder.address, { kycExpiry: expiry + 1_000n });
      expect(await f.token.canTransfer(f.holder.address, f.investor.address, f.lot, 1n)).to.equal(true);
      await send(f, f.holder, f.investor.address, 1n);
    });
  });

  describe("holder limit (counts investors)", function () {
    it("the Nth investor may join a lot limited to N holders and the N+1th may not", async function () {
      const f = await load();
      const [a, b] = [await newInvestor(f, 0), await newInvestor(f, 1)];
      await setRules(f, f.lot, { maxHolders: 3 }); // holder is the first holder
      await send(f, f.holder, f.investor.address, 1n); // 2nd
      await send(f, f.holder, a.address, 1n); // 3rd = N
      expect(await holdersOf(f, f.lot)).to.equal(3n);
      await expectViolation(f, send(f, f.holder, b.address, 1n), "HolderLimit", f.holder.address, b.address, 1n);
      await expect(f.token.connect(f.actors.issuer).mint(b.address, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.HolderLimit, ZeroAddress, b.address, f.lot, 1n);
    });

    it("an existing holder may still receive more at the limit", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 2 });
      await send(f, f.holder, f.investor.address, 1n);
      await send(f, f.holder, f.investor.address, 1n);
      await f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, 1n, "0x");
      expect(await holdersOf(f, f.lot)).to.equal(2n);
    });

    it("a second linked wallet of an existing holder may receive at the limit: the investor counts once", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 1 });
      const linked = Wallet.createRandom().address;
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, linked);
      await send(f, f.holder, linked, 1n);
      expect(await holdersOf(f, f.lot)).to.equal(1n);
      expect(await f.token.balanceOf(linked, f.lot)).to.equal(1n);
    });

    it("a holder that leaves frees its seat for a new investor", async function () {
      const f = await load();
      const a = await newInvestor(f, 0);
      await setRules(f, f.lot, { maxHolders: 2 });
      await send(f, f.holder, f.investor.address, 10n);
      await expectViolation(f, send(f, f.holder, a.address, 1n), "HolderLimit", f.holder.address, a.address, 1n);
      await send(f, f.investor, f.holder.address, 10n); // the investor leaves
      expect(await holdersOf(f, f.lot)).to.equal(1n);
      await send(f, f.holder, a.address, 1n);
      expect(await holdersOf(f, f.lot)).to.equal(2n);
    });

    it("a holder that sends its whole position to a new investor at the limit leaves a seat for it", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 1 });
      await send(f, f.holder, f.investor.address, HELD.lot);
      expect(await holdersOf(f, f.lot)).to.equal(1n);
    });

    it("setLotRules reverts below the current number of holders and accepts exactly it", async function () {
      const f = await load();
      await send(f, f.holder, f.investor.address, 1n);
      await expect(setRules(f, f.lot, { maxHolders: 1 }))
        .to.be.revertedWithCustomError(f.token, "MaxHoldersBelowHolders")
        .withArgs(f.lot, 1n, 2n);
      await setRules(f, f.lot, { maxHolders: 2 });
      expect((await f.token.getLotRules(f.lot)).maxHolders).to.equal(2n);
      await setRules(f, f.lot, { maxHolders: 0 }); // no limit
    });

    it("a limit of zero means no limit", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 0 });
      for (let i = 0; i < 3; i++) await send(f, f.holder, (await newInvestor(f, i)).address, 1n);
      expect(await holdersOf(f, f.lot)).to.equal(4n);
    });
  });

  describe("minimum holding (no position below it except zero)", function () {
    const MIN = 100n;

    it("the receiver may end with exactly the minimum and not one unit less", async function () {
      const f = await load();
      await setRules(f, f.lot, { minHolding: MIN });
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, MIN - 1n),
        "BelowMinimumHolding",
        f.holder.address,
        f.investor.address,
        MIN - 1n,
      );
      await send(f, f.holder, f.investor.address, MIN);
      // Once at the minimum, any further amount keeps it above.
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("a mint below the minimum is refused and one of exactly the minimum goes through", async function () {
      const f = await load();
      await setRules(f, f.lot, { minHolding: MIN });
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, MIN - 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.BelowMinimumHolding, ZeroAddress, f.investor.address, f.lot, MIN - 1n);
      await f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, MIN, "0x");
    });

    it("the sender may keep exactly the minimum and not one unit less", async function () {
      const f = await load();
      await setRules(f, f.lot, { minHolding: MIN });
      const keepOneLess = HELD.lot - (MIN - 1n);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, keepOneLess),
        "SenderBelowMinimumHolding",
        f.holder.address,
        f.investor.address,
        keepOneLess,
      );
      await send(f, f.holder, f.investor.address, HELD.lot - MIN);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(MIN);
    });

    it("the sender may send its whole position (keeping zero)", async function () {
      const f = await load();
      await setRules(f, f.lot, { minHolding: MIN });
      await send(f, f.holder, f.investor.address, HELD.lot);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(0n);
    });

    it("an exit (units handed to a platform account that burns them) may leave exactly the minimum or zero, and nothing between", async function () {
      const f = await load();
      await setRules(f, f.lot, { minHolding: MIN });
      const exit = (amount: bigint) =>
        f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, amount, "0x");
      await expect(exit(HELD.lot - MIN + 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderBelowMinimumHolding, f.holder.address, f.burner, f.lot, HELD.lot - MIN + 1n);
      await exit(HELD.lot - MIN);
      await exit(MIN);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(0n);
    });
  });

  describe("lock-up (transfers and burns refused while block.timestamp < lockupEnd)", function () {
    it("a transfer in the second before the lock-up ends is refused", async function () {
      const f = await load();
      const end = (await now(f)) + 1_000n;
      await setRules(f, f.lot, { lockupEnd: end });
      await time.setNextBlockTimestamp(end - 1n);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "LockedUp",
        f.holder.address,
        f.investor.address,
        1n,
      );
    });

    it("a transfer in the second the lock-up ends goes through", async function () {
      const f = await load();
      const end = (await now(f)) + 1_000n;
      await setRules(f, f.lot, { lockupEnd: end });
      await time.setNextBlockTimestamp(end);
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("an exit is refused until the lock-up ends, a mint is not", async function () {
      const f = await load();
      const end = (await now(f)) + 1_000n;
      await setRules(f, f.lot, { lockupEnd: end });
      await f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, 5n, "0x");
      await time.setNextBlockTimestamp(end - 1n);
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.LockedUp, f.holder.address, f.burner, f.lot, 1n);
      await time.setNextBlockTimestamp(end);
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, 1n, "0x");
    });

    it("a lock-up on one lot leaves the other lots free", async function () {
      const f = await load();
      const [other] = f.otherLots;
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 1_000n });
      await expectViolation(f, send(f, f.holder, f.investor.address, 1n), "LockedUp", f.holder.address, f.investor.address, 1n);
      await expect(send(f, f.holder, f.investor.address, 1n, other))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.holder.address, f.holder.address, f.investor.address, other, 1n);
      expect(await f.token.balanceOf(f.investor.address, other)).to.equal(1n);
    });
  });

  describe("allowed countries (of the receiver)", function () {
    it("a restricted lot admits a receiver from an allowed country and refuses one from another", async function () {
      const f = await load();
      const chilean = f.wallets[0]!;
      await registerInvestor(f, chilean.address, { country: COUNTRY.Chile });
      await setRules(f, f.lot, { restrictCountries: true });
      await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [INVESTOR_COUNTRY], true);
      await send(f, f.holder, f.investor.address, 1n);
      await expectViolation(
        f,
        send(f, f.holder, chilean.address, 1n),
        "CountryNotAllowed",
        f.holder.address,
        chilean.address,
        1n,
      );
    });

    it("a restricted lot with an empty list admits no one, and the sender's country does not matter", async function () {
      const f = await load();
      await setRules(f, f.lot, { restrictCountries: true });
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "CountryNotAllowed",
        f.holder.address,
        f.investor.address,
        1n,
      );
      // The investor (Peru) holding units may still send them to an allowed receiver (the holder, Peru, once allowed).
      await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [INVESTOR_COUNTRY], true);
      await send(f, f.holder, f.investor.address, 1n);
      await updateInvestor(f, f.investor.address, { country: COUNTRY.Rwanda });
      await send(f, f.investor, f.holder.address, 1n);
    });

    it("a country taken off the list is refused again, and lifting the restriction admits every country", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await setRules(f, f.lot, { restrictCountries: true });
      await asCompliance.setAllowedCountries(f.lot, [INVESTOR_COUNTRY, COUNTRY.Chile], true);
      await expect(asCompliance.setAllowedCountries(f.lot, [INVESTOR_COUNTRY], false))
        .to.emit(f.token, "CountryAllowed")
        .withArgs(f.lot, INVESTOR_COUNTRY, false);
      expect(await f.token.isCountryAllowed(f.lot, INVESTOR_COUNTRY)).to.equal(false);
      expect(await f.token.isCountryAllowed(f.lot, COUNTRY.Chile)).to.equal(true);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "CountryNotAllowed",
        f.holder.address,
        f.investor.address,
        1n,
      );
      await setRules(f, f.lot, { restrictCountries: false });
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("setAllowedCountries emits CountryAllowed for each country and accepts codes 1 and 999", async function () {
      const f = await load();
      const tx = f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [1, 999], true);
      await expect(tx).to.emit(f.token, "CountryAllowed").withArgs(f.lot, 1, true);
      await expect(tx).to.emit(f.token, "CountryAllowed").withArgs(f.lot, 999, true);
    });

    it("setAllowedCountries reverts for an empty list, country 0, country 1000 and an unknown lot", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await expect(asCompliance.setAllowedCountries(f.lot, [], true))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("countries", 0);
      await expect(asCompliance.setAllowedCountries(f.lot, [COUNTRY.Chile, 0], true))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 0);
      await expect(asCompliance.setAllowedCountries(f.lot, [1000], true))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 1000);
      await expect(asCompliance.setAllowedCountries(f.unknownLot, [COUNTRY.Chile], true))
        .to.be.revertedWithCustomError(f.registry, "UnknownLot")
        .withArgs(f.unknownLot);
    });
  });

  describe("minimum investor class (of the receiver)", function () {
    it("a lot for accredited investors admits an accredited or institutional receiver and refuses a retail one", async function () {
      const f = await load();
      const [accredited, retail] = [f.wallets[0]!, f.wallets[1]!];
      await registerInvestor(f, accredited.address, { investorClass: InvestorClass.Accredited });
      await registerInvestor(f, retail.address, { investorClass: InvestorClass.Retail });
      await setRules(f, f.lot, { minClass: InvestorClass.Accredited });
      await send(f, f.holder, accredited.address, 1n); // equal class
      await send(f, f.holder, f.investor.address, 1n); // institutional, higher
      await expectViolation(
        f,
        send(f, f.holder, retail.address, 1n),
        "ClassTooLow",
        f.holder.address,
        retail.address,
        1n,
      );
    });

    it("a retail holder of a lot for accredited investors may still send its units to an accredited one", async function () {
      const f = await load();
      await setRules(f, f.lot, { minClass: InvestorClass.Accredited });
      await send(f, f.holder, f.investor.address, 5n);
      await updateInvestor(f, f.investor.address, { investorClass: InvestorClass.Retail });
      await send(f, f.investor, f.holder.address, 5n);
    });
  });

  describe("hold on a lot", function () {
    it("a hold stops the lot's transfers, and lifting it lets them through; other lots are not held", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await expect(asCompliance.setLotHold(f.lot, true, bytes32("OECD DD review")))
        .to.emit(f.token, "LotHoldSet")
        .withArgs(f.lot, true, bytes32("OECD DD review"));
      expect((await f.token.getLotRules(f.lot)).onHold).to.equal(true);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "LotOnHold",
        f.holder.address,
        f.investor.address,
        1n,
      );
      await send(f, f.holder, f.investor.address, 1n, f.otherLots[0]);
      await expect(asCompliance.setLotHold(f.lot, false, bytes32("cleared")))
        .to.emit(f.token, "LotHoldSet")
        .withArgs(f.lot, false, bytes32("cleared"));
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("setLotHold reverts for an unknown lot", async function () {
      const f = await load();
      await expect(f.token.connect(f.actors.compliance).setLotHold(f.unknownLot, true, bytes32("x")))
        .to.be.revertedWithCustomError(f.registry, "UnknownLot")
        .withArgs(f.unknownLot);
    });
  });

  describe("pause", function () {
    it("pause stops every lot's transfers and unpause lets them through, with Paused and Unpaused", async function () {
      const f = await load();
      const { pauser } = f.actors;
      await expect(f.token.connect(pauser).pause()).to.emit(f.token, "Paused").withArgs(pauser.address);
      expect(await f.token.paused()).to.equal(true);
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "Paused",
        f.holder.address,
        f.investor.address,
        1n,
      );
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n, f.otherLots[1]),
        "Paused",
        f.holder.address,
        f.investor.address,
        1n,
        f.otherLots[1],
      );
      await expect(f.token.connect(pauser).unpause()).to.emit(f.token, "Unpaused").withArgs(pauser.address);
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("pause reverts when already paused and unpause when not paused", async function () {
      const f = await load();
      const { pauser } = f.actors;
      await expect(f.token.connect(pauser).unpause()).to.be.revertedWithCustomError(f.token, "ExpectedPause");
      await f.token.connect(pauser).pause();
      await expect(f.token.connect(pauser).pause()).to.be.revertedWithCustomError(f.token, "EnforcedPause");
    });
  });

  describe("account freeze", function () {
    it("a frozen account can neither send nor receive, and unfreezing restores both", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await send(f, f.holder, f.investor.address, 10n);
      await expect(f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true))
        .to.emit(f.registrar, "AccountFrozen")
        .withArgs(f.investor.address, true);
      expect((await f.token.getInvestor(f.investor.address)).frozen).to.equal(true);
      await expectViolation(
        f,
        send(f, f.investor, f.holder.address, 1n),
        "SenderFrozen",
        f.investor.address,
        f.holder.address,
        1n,
      );
      await expectViolation(
        f,
        send(f, f.holder, f.investor.address, 1n),
        "ReceiverFrozen",
        f.holder.address,
        f.investor.address,
        1n,
      );
      await expect(f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, false))
        .to.emit(f.registrar, "AccountFrozen")
        .withArgs(f.investor.address, false);
      await send(f, f.investor, f.holder.address, 1n);
      await send(f, f.holder, f.investor.address, 1n);
    });

    it("freezing one wallet leaves the investor's other linked wallets free", async function () {
      const f = await load();
      const linked = f.wallets[0]!;
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, linked.address);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      expect(await f.token.canReceive(linked.address)).to.equal(true);
      await f.token.connect(f.actors.issuer).mint(linked.address, f.lot, 1n, "0x");
      await send(f, linked, f.investor.address, 1n);
    });
  });

  describe("partial freeze (per lot)", function () {
    it("the holder may move exactly its balance minus the frozen units, and not one unit more", async function () {
      const f = await load();
      const frozen = 600n;
      await expect(f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, frozen))
        .to.emit(f.token, "Frozen")
        .withArgs(f.holder.address, f.lot, frozen);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(frozen);
      const unfrozen = HELD.lot - frozen;
      await expect(send(f, f.holder, f.investor.address, unfrozen + 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, unfrozen + 1n, unfrozen);
      await send(f, f.holder, f.investor.address, unfrozen);
      await expect(send(f, f.holder, f.investor.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 1n, 0n);
    });

    it("a freeze above the balance is allowed, reported as set, and blocks the whole balance", async function () {
      const f = await load();
      const above = HELD.lot * 10n;
      await expect(f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, above))
        .to.emit(f.token, "Frozen")
        .withArgs(f.holder.address, f.lot, above);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(above);
      await expect(send(f, f.holder, f.investor.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 1n, 0n);
    });

    it("a freeze applies to its lot only, and setting it to zero lifts it", async function () {
      const f = await load();
      const [other] = f.otherLots;
      const asCompliance = f.token.connect(f.actors.compliance);
      await asCompliance.setFrozenTokens(f.holder.address, f.lot, HELD.lot);
      // The frozen lot cannot move at all...
      await expect(send(f, f.holder, f.investor.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 1n, 0n);
      // ...while the holder's units of another lot are not frozen and move in full.
      expect(await f.token.getFrozenTokens(f.holder.address, other)).to.equal(0n);
      await expect(send(f, f.holder, f.investor.address, HELD.inTransit, other))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.holder.address, f.holder.address, f.investor.address, other, HELD.inTransit);
      expect(await f.token.balanceOf(f.holder.address, other)).to.equal(0n);

      await expect(asCompliance.setFrozenTokens(f.holder.address, f.lot, 0n))
        .to.emit(f.token, "Frozen")
        .withArgs(f.holder.address, f.lot, 0n);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(0n);
      await expect(send(f, f.holder, f.investor.address, HELD.lot))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.holder.address, f.holder.address, f.investor.address, f.lot, HELD.lot);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(0n);
    });

    it("a freeze may be set on a wallet that holds nothing yet, which then cannot move what it receives", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.investor.address, f.lot, 5n);
      await send(f, f.holder, f.investor.address, 8n);
      await expect(send(f, f.investor, f.holder.address, 4n))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.investor.address, f.lot, 4n, 3n);
      await send(f, f.investor, f.holder.address, 3n);
    });

    it("setFrozenTokens and setAccountFrozen revert for the zero account, setFrozenTokens for an unknown lot", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await expect(asCompliance.setFrozenTokens(ZeroAddress, f.lot, 1n))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("account", 0);
      await expect(f.registrar.connect(f.actors.compliance).setAccountFrozen(ZeroAddress, true))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("account", 0);
      await expect(asCompliance.setFrozenTokens(f.holder.address, f.unknownLot, 1n))
        .to.be.revertedWithCustomError(f.registry, "UnknownLot")
        .withArgs(f.unknownLot);
    });
  });

  describe("setLotRules", function () {
    it("setLotRules stores the rules, emits LotRulesSet and keeps the holder count", async function () {
      const f = await load();
      await send(f, f.holder, f.investor.address, 1n);
      const lockupEnd = (await now(f)) + 1_000n;
      await expect(
        f.token.connect(f.actors.compliance).setLotRules(f.lot, InvestorClass.Accredited, true, 5, lockupEnd, 1n),
      )
        .to.emit(f.token, "LotRulesSet")
        .withArgs(f.lot, InvestorClass.Accredited, true, 5, lockupEnd, 1n);
      const rules = await f.token.getLotRules(f.lot);
      expect(rules.minClass).to.equal(BigInt(InvestorClass.Accredited));
      expect(rules.restrictCountries).to.equal(true);
      expect(rules.onHold).to.equal(false);
      expect(rules.maxHolders).to.equal(5n);
      expect(rules.holders).to.equal(2n);
      expect(rules.lockupEnd).to.equal(lockupEnd);
      expect(rules.minHolding).to.equal(1n);
    });

    it("setLotRules reverts with InvalidComplianceField for a minimum holding beyond 2^96 - 1 (what the rules slot keeps)", async function () {
      const f = await load();
      await expect(setRules(f, f.lot, { minHolding: 2n ** 96n }))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("minHolding", 2n ** 96n);
      await setRules(f, f.lot, { minHolding: 2n ** 96n - 1n });
      expect((await f.token.getLotRules(f.lot)).minHolding).to.equal(2n ** 96n - 1n);
    });

    it("setLotRules reverts for an unknown lot", async function () {
      const f = await load();
      await expect(setRules(f, f.unknownLot, {}))
        .to.be.revertedWithCustomError(f.registry, "UnknownLot")
        .withArgs(f.unknownLot);
    });
  });
});
