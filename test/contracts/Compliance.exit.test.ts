import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";

import { type ComplianceFixture, HELD, deployComplianceFixture, expireKyc, holdersOf } from "./helpers/compliance.ts";
import { Reason, bytes32 } from "./helpers/fixtures.ts";

// Exit is always possible: a holder whose KYC lapsed, or who was removed from the registry, can still hand its units to
// a platform account (redeem at settlement, hand to a delivery escrow), unless its account or its units are frozen, the
// lot is on hold, or transfers are paused. It still cannot send to another investor, and, like every investor, never
// burns units itself. ERC-7943: such a holder `canSend` (only a freeze stops that), `canTransfer` to a platform account
// and not to an investor, so no public transfer succeeds where the views say no.

const { networkHelpers } = await network.create();

interface ExitFixture extends ComplianceFixture {
  platform: HardhatEthersSigner;
}

async function deployExitFixture(connection: Parameters<typeof deployComplianceFixture>[0]): Promise<ExitFixture> {
  const f = await deployComplianceFixture(connection);
  const platform = f.wallets[5]!;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(platform.address, true);
  return { ...f, platform };
}
const load = () => networkHelpers.loadFixture(deployExitFixture);

const ineligible = {
  "whose KYC lapsed": async (f: ExitFixture) => {
    await expireKyc(f, f.holder.address);
    return Reason.SenderKycExpired;
  },
  "removed from the registry": async (f: ExitFixture) => {
    await f.registrar.connect(f.actors.compliance).removeInvestor(f.holder.address);
    return Reason.SenderNotVerified;
  },
} as const;

const burnAway = (f: ExitFixture, amount: bigint) =>
  f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, amount, "0x");
const handOver = (f: ExitFixture, amount: bigint, lot = f.lot) =>
  f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.platform.address, lot, amount, "0x");

describe("Compliance: exit is always possible", function () {
  for (const [who, makeIneligible] of Object.entries(ineligible)) {
    describe(`a holder ${who}`, function () {
      it("can hand its units to a platform account that burns them, as canSend and canTransfer say", async function () {
        const f = await load();
        const reason = await makeIneligible(f);
        expect(await f.token.canSend(f.holder.address)).to.equal(true);
        expect(await f.token.transferStatus(f.holder.address, f.platform.address, f.lot, 10n)).to.equal(Reason.Ok);
        expect(await f.token.canTransfer(f.holder.address, f.burner, f.lot, 10n)).to.equal(true);
        expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, 10n)).to.equal(reason);
        expect(await f.token.canTransfer(f.holder.address, f.investor.address, f.lot, 10n)).to.equal(false);
        await burnAway(f, 10n);
        expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot - 10n);
      });

      it("cannot burn its units itself: burning is a platform account's, of its own units", async function () {
        const f = await load();
        await makeIneligible(f);
        await expect(f.token.connect(f.holder).burn(f.holder.address, f.lot, 1n))
          .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
          .withArgs(f.holder.address, f.holder.address);
      });

      it("can hand all its units to a platform account, and stops counting as a holder", async function () {
        const f = await load();
        await makeIneligible(f);
        await handOver(f, HELD.lot);
        expect(await f.token.balanceOf(f.platform.address, f.lot)).to.equal(HELD.lot);
        expect(await holdersOf(f, f.lot)).to.equal(0n);
      });

      it("can redeem at settlement: hand its units of a settling lot to a platform account (not burn them itself)", async function () {
        const f = await load();
        await makeIneligible(f);
        const settling = f.otherLots[1];
        await handOver(f, 100n, settling);
        await expect(f.token.connect(f.holder).burn(f.holder.address, settling, 100n))
          .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
          .withArgs(f.holder.address, f.holder.address);
        expect(await f.token.balanceOf(f.holder.address, settling)).to.equal(HELD.settling - 100n);
      });

      it("still cannot send to another investor", async function () {
        const f = await load();
        const reason = await makeIneligible(f);
        await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, 1n, "0x"))
          .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
          .withArgs(reason, f.holder.address, f.investor.address, f.lot, 1n);
      });

      it("cannot exit once its account is frozen", async function () {
        const f = await load();
        await makeIneligible(f);
        await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
        expect(await f.token.canSend(f.holder.address)).to.equal(false);
        await expect(burnAway(f, 1n))
          .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
          .withArgs(Reason.SenderFrozen, f.holder.address, f.burner, f.lot, 1n);
        await expect(handOver(f, 1n))
          .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
          .withArgs(Reason.SenderFrozen, f.holder.address, f.platform.address, f.lot, 1n);
      });

      it("cannot move its frozen units", async function () {
        const f = await load();
        await makeIneligible(f);
        await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot);
        await expect(burnAway(f, 1n)).to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance");
        await expect(handOver(f, 1n)).to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance");
      });

      it("cannot exit while the lot is on hold", async function () {
        const f = await load();
        await makeIneligible(f);
        await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, bytes32("legal hold"));
        await expect(handOver(f, 1n))
          .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
          .withArgs(Reason.LotOnHold, f.holder.address, f.platform.address, f.lot, 1n);
      });

      it("cannot exit while transfers are paused", async function () {
        const f = await load();
        await makeIneligible(f);
        await f.token.connect(f.actors.pauser).pause();
        await expect(burnAway(f, 1n))
          .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
          .withArgs(Reason.Paused, f.holder.address, f.burner, f.lot, 1n);
      });
    });
  }
});
