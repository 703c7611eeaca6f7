import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { type ComplianceFixture, deployComplianceFixture, expireKyc, holdersOf, now, setRules } from "./helpers/compliance.ts";
import { COUNTRY, INVESTOR_COUNTRY, InvestorClass, KYC_VALIDITY, Reason, bytes32, registerInvestor } from "./helpers/fixtures.ts";

// Platform accounts (offering escrow, proceeds vault, delivery or trade escrow) hold units without being investors:
// receiving into one skips the receiver's eligibility and the lot's receiver rules, it never counts as a holder, and
// when units leave it the final receiver's rules apply in full while the sender-side investor checks do not.

const { networkHelpers } = await network.create();

interface PlatformFixture extends ComplianceFixture {
  /** A platform account (an EOA here, so that it can send; the rules do not care what it is). */
  platform: HardhatEthersSigner;
  /** An account with no registration and no flag. */
  stranger: HardhatEthersSigner;
}

async function deployPlatformFixture(connection: Parameters<typeof deployComplianceFixture>[0]): Promise<PlatformFixture> {
  const f = await deployComplianceFixture(connection);
  const platform = f.wallets[5]!;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(platform.address, true);
  return { ...f, platform, stranger: f.wallets[6]! };
}
const load = () => networkHelpers.loadFixture(deployPlatformFixture);
const loadPlain = () => networkHelpers.loadFixture(deployComplianceFixture);

const send = (f: ComplianceFixture, from: HardhatEthersSigner, to: string, amount: bigint, lot = f.lot) =>
  f.token.connect(from).safeTransferFrom(from.address, to, lot, amount, "0x");

/** Moves `amount` of the holder's units into the platform account. */
async function fund(f: PlatformFixture, amount = 300n): Promise<void> {
  await send(f, f.holder, f.platform.address, amount);
}

describe("Compliance: platform accounts", function () {
  describe("InvestorRegistrar.setPlatformAccount", function () {
    shouldRefuseToEveryRoleExcept<ComplianceFixture>(["admin"], {
      load: loadPlain,
      call: (f, caller) => f.registrar.connect(caller).setPlatformAccount(f.wallets[5]!.address, true),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "PlatformAccountSet").withArgs(f.wallets[5]!.address, true);
        expect((await f.token.getInvestor(f.wallets[5]!.address)).platform).to.equal(true);
        expect(await f.token.canReceive(f.wallets[5]!.address)).to.equal(true);
      },
      refusal: (f, caller) => ({ contract: f.registrar, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.DEFAULT_ADMIN] }),
    });

    it("setPlatformAccount unmarks an account that holds nothing", async function () {
      const f = await load();
      await expect(f.registrar.connect(f.actors.admin).setPlatformAccount(f.platform.address, false))
        .to.emit(f.registrar, "PlatformAccountSet")
        .withArgs(f.platform.address, false);
      expect((await f.token.getInvestor(f.platform.address)).platform).to.equal(false);
      expect(await f.token.canReceive(f.platform.address)).to.equal(false);
    });

    it("setPlatformAccount reverts for the zero address", async function () {
      const f = await loadPlain();
      await expect(f.registrar.connect(f.actors.admin).setPlatformAccount(ZeroAddress, true))
        .to.be.revertedWithCustomError(f.registrar, "InvalidComplianceField")
        .withArgs("account", 0);
    });

    it("setPlatformAccount reverts with AccountIsInvestor for a registered wallet", async function () {
      const f = await loadPlain();
      await expect(f.registrar.connect(f.actors.admin).setPlatformAccount(f.holder.address, true))
        .to.be.revertedWithCustomError(f.registrar, "AccountIsInvestor")
        .withArgs(f.holder.address, f.holderId);
    });

    it("setPlatformAccount reverts with WalletHoldsUnits when unmarking an account that holds units", async function () {
      const f = await load();
      await fund(f);
      await expect(f.registrar.connect(f.actors.admin).setPlatformAccount(f.platform.address, false))
        .to.be.revertedWithCustomError(f.registrar, "WalletHoldsUnits")
        .withArgs(f.platform.address, 1);
    });

    it("registerInvestor and linkWallet revert with PlatformAccountNotInvestor for a platform account", async function () {
      const f = await load();
      const expiry = (await now(f)) + KYC_VALIDITY;
      const asCompliance = f.registrar.connect(f.actors.compliance);
      await expect(asCompliance.registerInvestor(f.platform.address, INVESTOR_COUNTRY, InvestorClass.Retail, expiry))
        .to.be.revertedWithCustomError(f.registrar, "PlatformAccountNotInvestor")
        .withArgs(f.platform.address);
      await expect(asCompliance.linkWallet(f.holderId, f.platform.address))
        .to.be.revertedWithCustomError(f.registrar, "PlatformAccountNotInvestor")
        .withArgs(f.platform.address);
    });
  });

  describe("receiving into a platform account", function () {
    it("skips the receiver's eligibility and the lot's country, class and minimum-holding rules", async function () {
      const f = await load();
      await setRules(f, f.lot, { minClass: InvestorClass.Institutional, restrictCountries: true, minHolding: 500n });
      expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, 1n)).to.equal(Reason.CountryNotAllowed);
      await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [INVESTOR_COUNTRY], true);
      expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, 1n)).to.equal(Reason.BelowMinimumHolding);
      await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [INVESTOR_COUNTRY], false);
      await send(f, f.holder, f.platform.address, 1n); // no country, no class, 1 unit below the minimum holding
      expect(await f.token.balanceOf(f.platform.address, f.lot)).to.equal(1n);
    });

    it("never counts toward the holder count, so a full holder limit does not refuse it", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 1 });
      expect(await holdersOf(f, f.lot)).to.equal(1n);
      await send(f, f.holder, f.platform.address, 10n);
      await f.token.connect(f.actors.issuer).mint(f.platform.address, f.lot, 5n, "0x");
      expect(await holdersOf(f, f.lot)).to.equal(1n);
      await send(f, f.holder, f.platform.address, 990n); // the holder leaves: the platform account holds everything
      expect(await holdersOf(f, f.lot)).to.equal(0n);
    });

    it("is refused while paused, while the lot is on hold, and when the account is frozen", async function () {
      const f = await load();
      await f.token.connect(f.actors.pauser).pause();
      expect(await f.token.transferStatus(f.holder.address, f.platform.address, f.lot, 1n)).to.equal(Reason.Paused);
      await f.token.connect(f.actors.pauser).unpause();
      await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, bytes32("legal hold"));
      await expect(send(f, f.holder, f.platform.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.LotOnHold, f.holder.address, f.platform.address, f.lot, 1n);
      await f.token.connect(f.actors.compliance).setLotHold(f.lot, false, bytes32(""));
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.platform.address, true);
      await expect(send(f, f.holder, f.platform.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverFrozen, f.holder.address, f.platform.address, f.lot, 1n);
    });
  });

  describe("units leaving a platform account", function () {
    it("reach an eligible investor although the platform account is no investor, and the investor becomes a holder", async function () {
      const f = await load();
      await fund(f);
      await send(f, f.platform, f.investor.address, 100n);
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(100n);
      expect(await holdersOf(f, f.lot)).to.equal(2n);
    });

    it("are refused to an unregistered receiver, and to one whose KYC lapsed", async function () {
      const f = await load();
      await fund(f);
      await expect(send(f, f.platform, f.stranger.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverNotVerified, f.platform.address, f.stranger.address, f.lot, 1n);
      await expireKyc(f, f.investor.address);
      await expect(send(f, f.platform, f.investor.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverKycExpired, f.platform.address, f.investor.address, f.lot, 1n);
    });

    it("apply the final receiver's country, class, minimum holding and holder limit in full", async function () {
      const f = await load();
      await fund(f);
      const cases: [Parameters<typeof setRules>[2], bigint, number][] = [
        [{ restrictCountries: true }, 1n, Reason.CountryNotAllowed],
        [{ minClass: InvestorClass.Institutional + 0 }, 1n, Reason.Ok],
        [{ minHolding: 50n }, 10n, Reason.BelowMinimumHolding],
        [{ maxHolders: 1 }, 1n, Reason.HolderLimit],
      ];
      for (const [rules, amount, reason] of cases) {
        await setRules(f, f.lot, rules);
        expect(await f.token.transferStatus(f.platform.address, f.investor.address, f.lot, amount)).to.equal(reason);
        expect(await f.token.platformTransferStatus(f.investor.address, f.lot, amount)).to.equal(reason);
      }
      const retail = f.wallets[4]!;
      await registerInvestor(f, retail.address, { investorClass: InvestorClass.Retail, country: COUNTRY.Chile });
      await setRules(f, f.lot, { minClass: InvestorClass.Accredited });
      await expect(send(f, f.platform, retail.address, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ClassTooLow, f.platform.address, retail.address, f.lot, 1n);
    });

    it("skip the sender-side investor checks: a lock-up and the sender's minimum holding do not refuse them", async function () {
      const f = await load();
      await fund(f);
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 3600n, minHolding: 100n });
      expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, 100n)).to.equal(Reason.LockedUp);
      await send(f, f.platform, f.investor.address, 250n); // leaves 50, below the minimum holding
      expect(await f.token.balanceOf(f.platform.address, f.lot)).to.equal(50n);
    });

    it("still respect the platform account's frozen units and account freeze", async function () {
      const f = await load();
      await fund(f);
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.platform.address, f.lot, 250n);
      expect(await f.token.transferStatus(f.platform.address, f.investor.address, f.lot, 100n)).to.equal(Reason.InsufficientUnfrozenBalance);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.platform.address, true);
      expect(await f.token.transferStatus(f.platform.address, f.investor.address, f.lot, 10n)).to.equal(Reason.SenderFrozen);
    });
  });

  describe("holder slots and platform moves (LotToken.reserveHolderSlot, releaseHolderSlots, transferReserved, returnUnits)", function () {
    it("reserveHolderSlot reserves a slot for a wallet that does not hold the lot, refused once holders and slots fill the limit", async function () {
      const f = await load();
      // The holder holds the lot: one holder of at most two, so one slot is left.
      await setRules(f, f.lot, { maxHolders: 2 });
      await expect(f.token.connect(f.platform).reserveHolderSlot(f.lot, f.investor.address))
        .to.emit(f.token, "HolderSlotsChanged")
        .withArgs(f.lot, f.platform.address, 1);
      expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(1n);
      const newcomer = f.wallets[4]!;
      await registerInvestor(f, newcomer.address);
      await expect(f.token.connect(f.platform).reserveHolderSlot(f.lot, newcomer.address))
        .to.be.revertedWithCustomError(f.token, "HolderSlotUnavailable")
        .withArgs(f.lot, 2, 1, 1);
      // A wallet that already holds the lot takes a slot without room for a new holder.
      await f.token.connect(f.platform).reserveHolderSlot(f.lot, f.holder.address);
      expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(2n);
    });

    it("releaseHolderSlots gives slots back, and reverts with HolderSlotsUnderflow for more than are reserved", async function () {
      const f = await load();
      await f.token.connect(f.platform).reserveHolderSlot(f.lot, f.investor.address);
      await expect(f.token.connect(f.platform).releaseHolderSlots(f.lot, 2))
        .to.be.revertedWithCustomError(f.token, "HolderSlotsUnderflow")
        .withArgs(f.lot, 2, 1);
      await expect(f.token.connect(f.platform).releaseHolderSlots(f.lot, 1)).to.emit(f.token, "HolderSlotsChanged").withArgs(f.lot, f.platform.address, 0);
    });

    it("transferReserved consumes a slot and delivers past a full holder limit; the receiver's other rules still apply", async function () {
      const f = await load();
      await fund(f);
      await setRules(f, f.lot, { maxHolders: 2 });
      await f.token.connect(f.platform).reserveHolderSlot(f.lot, f.investor.address);
      const newcomer = f.wallets[4]!;
      await registerInvestor(f, newcomer.address);
      // Holder plus the reserved slot fill the limit: an ordinary move to a new holder is refused.
      await expect(send(f, f.platform, newcomer.address, 10n)).to.be.revertedWithCustomError(f.token, "ComplianceViolation");
      await expect(f.token.connect(f.platform).transferReserved(f.investor.address, f.lot, 100n))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.platform.address, f.platform.address, f.investor.address, f.lot, 100n);
      expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(0n);
      expect(await holdersOf(f, f.lot)).to.equal(2n);
      await f.token.connect(f.platform).reserveHolderSlot(f.lot, f.holder.address);
      await expect(f.token.connect(f.platform).transferReserved(f.stranger.address, f.lot, 10n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverNotVerified, f.platform.address, f.stranger.address, f.lot, 10n);
    });

    it("returnUnits gives units back to a holder whose KYC lapsed, and waits while transfers are paused", async function () {
      const f = await load();
      await fund(f);
      await expireKyc(f, f.holder.address);
      await f.token.connect(f.actors.pauser).pause();
      await expect(f.token.connect(f.platform).returnUnits(f.holder.address, f.lot, 100n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.Paused, f.platform.address, f.holder.address, f.lot, 100n);
      await f.token.connect(f.actors.pauser).unpause();
      const before = await f.token.balanceOf(f.holder.address, f.lot);
      await f.token.connect(f.platform).returnUnits(f.holder.address, f.lot, 100n);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(before + 100n);
    });

    it("each reverts with CallerNotPlatform for an account that is not a platform account", async function () {
      const f = await load();
      for (const caller of [f.holder, f.actors.issuer, f.actors.compliance, f.stranger]) {
        for (const call of [
          () => f.token.connect(caller).reserveHolderSlot(f.lot, f.investor.address),
          () => f.token.connect(caller).releaseHolderSlots(f.lot, 0),
          () => f.token.connect(caller).transferReserved(f.investor.address, f.lot, 1n),
          () => f.token.connect(caller).returnUnits(f.investor.address, f.lot, 1n),
        ]) {
          await expect(call()).to.be.revertedWithCustomError(f.token, "CallerNotPlatform").withArgs(caller.address);
        }
      }
    });
  });

  describe("LotToken.platformTransferStatus", function () {
    it("answers before any units exist: Ok for an eligible investor, the reason otherwise, never reverting", async function () {
      const f = await load();
      const fresh = f.otherLots[0];
      expect(await f.token.platformTransferStatus(f.investor.address, fresh, 10n)).to.equal(Reason.Ok);
      expect(await f.token.platformTransferStatus(f.stranger.address, fresh, 10n)).to.equal(Reason.ReceiverNotVerified);
      expect(await f.token.platformTransferStatus(ZeroAddress, fresh, 10n)).to.equal(Reason.ReceiverNotVerified);
      expect(await f.token.platformTransferStatus(f.holder.address, fresh, 2n ** 256n - 1n)).to.equal(Reason.Ok);
      expect(await f.token.platformTransferStatus(f.investor.address, f.unknownLot, 10n)).to.equal(Reason.Ok);
      await f.token.connect(f.actors.pauser).pause();
      expect(await f.token.platformTransferStatus(f.investor.address, fresh, 10n)).to.equal(Reason.Paused);
    });

    it("reports a lot hold", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, bytes32("pledge"));
      expect(await f.token.platformTransferStatus(f.investor.address, f.lot, 10n)).to.equal(Reason.LotOnHold);
    });
  });
});
