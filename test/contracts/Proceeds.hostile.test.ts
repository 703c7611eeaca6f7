import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { registerInvestor } from "./helpers/fixtures.ts";
import {
  HOLDINGS,
  accFor,
  deployProceedsFixture,
  deployProceedsFixtureIn,
  depositAs,
  entitlement,
  redeem,
} from "./helpers/proceeds.ts";

// A payment token that reenters the vault while it pays or is paid, and a holder that is a contract trying to be paid
// twice: neither is paid twice, and neither blocks the other holders.

const { ethers, networkHelpers } = await network.create();
/** The lot settled in a payment token that can reenter the vault while it moves. */
const deployReentrantFixture = (connection: Parameters<typeof deployProceedsFixture>[0]) =>
  deployProceedsFixtureIn(connection, "ReentrantPaymentToken");
const AMOUNT = 1_000_000_000n;

/**
 * The fixture (settled in the test stablecoin, or in a reentrant payment token funded for the treasury), and a
 * contract holder with 1,000 units.
 */
async function loadHostile(reentrant = true) {
  const f = await networkHelpers.loadFixture(reentrant ? deployReentrantFixture : deployProceedsFixture);
  const rusd = f.usd;
  const rusdAddress = f.usdAddress;
  const attacker = await ethers.deployContract("ProceedsHolder", [f.vaultAddress, await f.token.getAddress()]);
  const attackerAddress = await attacker.getAddress();
  await registerInvestor(f, attackerAddress);
  // The holder passes 1,000 units to the contract holder through a platform account (the lot no longer trades).
  const escrow = f.wallets[3]!;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(escrow.address, true);
  await f.token.connect(f.holder).safeTransferFrom(f.holder.address, escrow.address, f.lot, 1_000n, "0x");
  await f.token.connect(escrow).safeTransferFrom(escrow.address, attackerAddress, f.lot, 1_000n, "0x");
  return { ...f, rusd, rusdAddress, attacker, attackerAddress };
}

describe("ProceedsVault against hostile parties", function () {
  it("a payment token that reenters claim while paying a holder cannot pay it twice, and the others are paid in full", async function () {
    const f = await loadHostile();
    await depositAs(f, AMOUNT, true);
    await f.attacker.getFunction("redeem")(f.lot, 1_000n);
    await f.rusd.getFunction("arm")(f.attackerAddress, f.attacker.interface.encodeFunctionData("attack", [f.lot]));
    await f.attacker.getFunction("claim")(f.lot);

    const acc = accFor(AMOUNT);
    expect(await f.rusd.getFunction("reentered")()).to.equal(false);
    expect((await f.rusd.getFunction("reentryError")()).slice(0, 10)).to.equal(id("ReentrancyGuardReentrantCall()").slice(0, 10));
    expect(await f.rusd.getFunction("balanceOf")(f.attackerAddress)).to.equal(entitlement(1_000n, acc));
    for (const [who, units] of [[f.holder, HOLDINGS.holder - 1_000n], [f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
      await redeem(f, who, units);
      await f.vault.connect(who).claim(f.lot);
      expect(await f.rusd.getFunction("balanceOf")(who.address)).to.equal(entitlement(units, acc));
    }
  });

  it("a payment token that reenters deposit while it is pulled cannot deposit twice", async function () {
    const f = await loadHostile();
    // Give the token itself the TREASURY role, so only the reentrancy guard stands in the way.
    await f.registry.connect(f.actors.admin).grantRole(f.roles.TREASURY, f.rusdAddress);
    await f.rusd.getFunction("arm")(f.vaultAddress, f.vault.interface.encodeFunctionData("deposit", [f.lot, 1n]));
    await depositAs(f, AMOUNT);
    expect(await f.rusd.getFunction("reentered")()).to.equal(false);
    expect((await f.rusd.getFunction("reentryError")()).slice(0, 10)).to.equal(id("ReentrancyGuardReentrantCall()").slice(0, 10));
    expect((await f.vault.getLotProceeds(f.lot)).proceeds.deposited).to.equal(AMOUNT);
    expect(await f.rusd.getFunction("balanceOf")(f.vaultAddress)).to.equal(AMOUNT);
  });

  it("a holder contract that claims twice in one call is paid once, and the others are paid in full", async function () {
    const f = await loadHostile(false);
    await depositAs(f, AMOUNT, true);
    await f.attacker.getFunction("redeem")(f.lot, 1_000n);
    await f.attacker.getFunction("claimTwice")(f.lot);
    const acc = accFor(AMOUNT);
    expect(await f.attacker.getFunction("secondClaimPaid")()).to.equal(false);
    expect(await f.attacker.getFunction("secondClaimError")()).to.equal(
      f.vault.interface.encodeErrorResult("NothingToClaim", [f.lot, f.attackerAddress]),
    );
    expect(await f.usd.balanceOf(f.attackerAddress)).to.equal(entitlement(1_000n, acc));
    for (const [who, units] of [[f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
      await redeem(f, who, units);
      await f.vault.connect(who).claim(f.lot);
      expect(await f.usd.balanceOf(who.address)).to.equal(entitlement(units, acc));
    }
  });
});
