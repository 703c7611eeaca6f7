import { expect } from "chai";
import { network } from "hardhat";

import {
  HOLDINGS,
  SUPPLY,
  type ProceedsFixture,
  accFor,
  deployProceedsFixture,
  depositAs,
  entitlement,
  redeem,
} from "./helpers/proceeds.ts";

// Settlement on the real registry and token: provisional then final payments, holders redeeming before, between and
// after them, retirement after the notice period with units still outstanding, and the dust sweep.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployProceedsFixture);

const PROVISIONAL = 7_000_000_001n; // USD 7,000.000001
const FINAL = 3_000_000_002n; // USD 3,000.000002
const TOTAL = PROVISIONAL + FINAL;

const holders = (f: ProceedsFixture) =>
  [
    [f.holder, HOLDINGS.holder],
    [f.investor, HOLDINGS.investor],
    [f.third, HOLDINGS.third],
  ] as const;

describe("Proceeds on the real registry and token", function () {
  it("holders who redeem before, between and after a provisional and a final payment all get exactly their share", async function () {
    const f = await load();
    await redeem(f, f.holder, HOLDINGS.holder); // before any payment
    await depositAs(f, PROVISIONAL);
    await f.vault.connect(f.holder).claim(f.lot); // claims the provisional share at once
    await redeem(f, f.investor, HOLDINGS.investor); // between the payments
    await depositAs(f, FINAL, true);
    await redeem(f, f.third, HOLDINGS.third); // after the final payment

    const acc = accFor(TOTAL);
    for (const [who, units] of holders(f)) {
      expect(await f.vault.claimableOf(f.lot, who.address)).to.equal(entitlement(units, acc) - (await f.vault.getPosition(f.lot, who.address)).paid);
      await f.vault.connect(who).claim(f.lot);
      const paid = await f.usd.balanceOf(who.address);
      expect(paid).to.equal(entitlement(units, acc));
      // Exactly floor(units x total / N), give or take one base unit of rounding, never in the holder's favour.
      const exact = (units * TOTAL) / SUPPLY;
      expect(paid <= exact && paid + 1n >= exact).to.equal(true);
    }
    const paid = holders(f).reduce((sum, [, units]) => sum + entitlement(units, acc), 0n);
    expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(TOTAL - paid);
    // Sweepable: what even the whole supply, as one position, could never claim. The rest of the vault's balance is the
    // residue of rounding each position down (at most one base unit per position), which nobody can claim either.
    const sweepable = TOTAL - entitlement(SUPPLY, acc);
    expect(await f.vault.sweepable(f.lot)).to.equal(sweepable);
    expect(TOTAL - paid - sweepable).to.be.lessThan(BigInt(holders(f).length));
    expect(await f.token.totalSupply(f.lot)).to.equal(0n);
  });

  it("a seller who sold before settlement gets nothing: its buyer is paid for the units", async function () {
    const f = await load();
    await depositAs(f, TOTAL, true);
    expect(await f.token.balanceOf(f.seller.address, f.lot)).to.equal(0n);
    expect(await f.vault.claimableOf(f.lot, f.seller.address)).to.equal(0n);
    await expect(f.vault.connect(f.seller).claim(f.lot)).to.be.revertedWithCustomError(f.vault, "NothingToClaim").withArgs(f.lot, f.seller.address);
    // The holder bought the seller's 1,000 units before settlement: its share counts them.
    expect(await f.vault.claimableOf(f.lot, f.holder.address)).to.equal(entitlement(HOLDINGS.holder, accFor(TOTAL)));
  });

  it("retirement is refused before the notice period, allowed after it, and a late holder still redeems and claims", async function () {
    const f = await load();
    await redeem(f, f.holder, HOLDINGS.holder);
    await redeem(f, f.investor, HOLDINGS.investor);
    await depositAs(f, TOTAL, true);
    const { retirableAt } = await f.vault.getLotProceeds(f.lot);
    await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot))
      .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
      .withArgs(f.lot, HOLDINGS.third);

    await time.increaseTo(retirableAt);
    await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.registry, "LotRetired").withArgs(f.lot);
    expect(await f.token.totalSupply(f.lot)).to.equal(HOLDINGS.third);

    await redeem(f, f.third, HOLDINGS.third);
    await f.vault.connect(f.third).claim(f.lot);
    expect(await f.usd.balanceOf(f.third.address)).to.equal(entitlement(HOLDINGS.third, accFor(TOTAL)));
    expect(await f.token.totalSupply(f.lot)).to.equal(0n);
  });

  it("the dust sweep never leaves a holder short: swept before the last holder redeems, the last claimer is paid in full", async function () {
    const f = await load();
    await redeem(f, f.holder, HOLDINGS.holder);
    await depositAs(f, PROVISIONAL);
    await depositAs(f, FINAL, true);
    await f.vault.connect(f.holder).claim(f.lot);
    const dust = await f.vault.sweepable(f.lot);
    await f.vault.connect(f.actors.treasury).sweepDust(f.lot);

    for (const [who, units] of [[f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
      await redeem(f, who, units);
      await f.vault.connect(who).claim(f.lot);
      expect(await f.usd.balanceOf(who.address)).to.equal(entitlement(units, accFor(TOTAL)));
    }
    const paid = holders(f).reduce((sum, [, units]) => sum + entitlement(units, accFor(TOTAL)), 0n);
    expect(dust).to.equal(TOTAL - entitlement(SUPPLY, accFor(TOTAL)));
    // What is left is the residue of rounding each of the three positions down: less than one base unit each.
    const residue = TOTAL - paid - dust;
    expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(residue);
    expect(residue).to.be.lessThan(3n);
    await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot))
      .to.be.revertedWithCustomError(f.vault, "NothingToSweep")
      .withArgs(f.lot);
  });
});
