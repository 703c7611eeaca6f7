import { expect } from "chai";
import { network } from "hardhat";

import {
  LOT,
  type OfferingsFixture,
  deployOfferingsFixture,
  openOffering,
  paymentUp,
} from "./helpers/offerings.ts";

// Hostile parties: a payment token that takes a fee, returns false or reenters, and an investor contract whose
// ERC-1155 hook reenters or refuses units. None can claim twice, take more than it is owed, or block others.

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployOfferingsFixture);

async function withToken(f: OfferingsFixture, name: string) {
  const token = await ethers.deployContract(name);
  for (const investor of f.investors.slice(0, 2)) {
    await token.getFunction("mint")(investor.address, 10n ** 15n);
    await token.connect(investor).getFunction("approve")(await f.offerings.getAddress(), 2n ** 255n);
  }
  const offering = await openOffering(f, { paymentToken: await token.getAddress() });
  return { token, ...offering };
}

describe("LotOfferings with hostile parties", function () {
  it("subscribe reverts when the payment token takes a fee on transfer", async function () {
    const f = await load();
    const { token, id } = await withToken(f, "FeeOnTransferToken");
    const cost = paymentUp(1_000n);
    await expect(f.offerings.connect(f.investors[0]).subscribe(id, 1_000n))
      .to.be.revertedWithCustomError(f.offerings, "PaymentTokenTakesFee")
      .withArgs(await token.getAddress(), cost, cost - cost / 100n);
  });

  it("subscribe and claim revert, changing nothing, while the payment token returns false", async function () {
    const f = await load();
    const { token, id, terms } = await withToken(f, "FalseReturningToken");
    const a = f.investors[0];
    await token.getFunction("setFailing")(true);
    await expect(f.offerings.connect(a).subscribe(id, 10_000n)).to.be.revertedWithCustomError(
      f.offerings,
      "SafeERC20FailedOperation",
    );
    expect((await f.offerings.subscriptionOf(id, a.address)).requested).to.equal(0n);
    await token.getFunction("setFailing")(false);
    await f.offerings.connect(a).subscribe(id, 10_000n);
    await f.offerings.connect(a).reduce(id, 9_999n); // leaves the soft cap missed: a full refund is owed
    await time.increaseTo(terms.end);
    await f.offerings.connect(f.issuer).close(id);
    await token.getFunction("setFailing")(true);
    await expect(f.offerings.connect(a).claim(id, a.address)).to.be.revertedWithCustomError(
      f.offerings,
      "SafeERC20FailedOperation",
    );
    expect((await f.offerings.subscriptionOf(id, a.address)).claimed).to.equal(false);
    await token.getFunction("setFailing")(false);
    await f.offerings.connect(a).claim(id, a.address);
    expect(await token.getFunction("balanceOf")(await f.offerings.getAddress())).to.equal(0n);
  });

  it("a payment token reentering claim during a refund cannot claim twice, and the other investor still claims", async function () {
    const f = await load();
    const { token, id, terms } = await withToken(f, "ReentrantPaymentToken");
    const [a, b] = f.investors;
    await f.offerings.connect(a).subscribe(id, 5_000n);
    await f.offerings.connect(b).subscribe(id, 4_000n); // 9,000 < soft cap: full refunds
    await time.increaseTo(terms.end);
    await f.offerings.connect(f.issuer).close(id);
    const reclaim = f.offerings.interface.encodeFunctionData("claim", [id, a.address]);
    await token.getFunction("arm")(await f.offerings.getAddress(), reclaim);
    await f.offerings.connect(a).claim(id, a.address);
    expect(await token.getFunction("reentered")()).to.equal(false);
    const error = await token.getFunction("reentryError")();
    expect(f.offerings.interface.parseError(error)?.name).to.equal("ReentrancyGuardReentrantCall");
    await f.offerings.connect(b).claim(id, b.address);
    expect(await token.getFunction("balanceOf")(a.address)).to.equal(10n ** 15n);
    expect(await token.getFunction("balanceOf")(b.address)).to.equal(10n ** 15n);
    expect(await token.getFunction("balanceOf")(await f.offerings.getAddress())).to.equal(0n);
  });

  async function contractInvestor(f: OfferingsFixture) {
    const investor = await ethers.deployContract("OfferingInvestor", [await f.offerings.getAddress()]);
    await f.usd.mint(await investor.getAddress(), 10n ** 15n);
    await investor.getFunction("approve")(await f.usd.getAddress(), 2n ** 255n);
    return investor;
  }

  it("an ERC-1155 receiver reentering claim from its hook gets its units and refund once, and others claim", async function () {
    const f = await load();
    const { id, terms } = await openOffering(f);
    const hostile = await contractInvestor(f);
    const b = f.investors[1];
    await hostile.getFunction("subscribe")(id, 40_000n);
    await f.offerings.connect(b).subscribe(id, 20_000n);
    await time.increaseTo(terms.end);
    await f.offerings.connect(f.issuer).close(id);
    await hostile.getFunction("setClaimingOffering")(id);
    await hostile.getFunction("setHooks")(true, false);
    const before = await f.usd.balanceOf(await hostile.getAddress());
    await hostile.getFunction("claim")(id);
    expect(await hostile.getFunction("reentered")()).to.equal(false);
    expect(f.offerings.interface.parseError(await hostile.getFunction("reentryError")())?.name).to.equal("ReentrancyGuardReentrantCall");
    const units = (40_000n * terms.hardCap) / 60_000n;
    expect(await f.token.getFunction("balanceOf")(await hostile.getAddress(), LOT)).to.equal(units);
    expect((await f.usd.balanceOf(await hostile.getAddress())) - before).to.equal(paymentUp(40_000n) - paymentUp(units));
    await expect(hostile.getFunction("claim")(id)).to.be.revertedWithCustomError(f.offerings, "AlreadyClaimed");
    await f.offerings.connect(b).claim(id, b.address);
    expect(await f.token.getFunction("balanceOf")(b.address, LOT)).to.equal((20_000n * terms.hardCap) / 60_000n);
  });

  it("an ERC-1155 receiver refusing units blocks only its own claim", async function () {
    const f = await load();
    const { id, terms } = await openOffering(f);
    const hostile = await contractInvestor(f);
    const b = f.investors[1];
    await hostile.getFunction("subscribe")(id, 10_000n);
    await f.offerings.connect(b).subscribe(id, 10_000n);
    await time.increaseTo(terms.end);
    await f.offerings.connect(f.issuer).close(id);
    await hostile.getFunction("setHooks")(false, true);
    await expect(hostile.getFunction("claim")(id)).to.be.revertedWithCustomError(hostile, "RefusingUnits");
    await f.offerings.connect(b).claim(id, b.address);
    expect(await f.token.getFunction("balanceOf")(b.address, LOT)).to.equal(10_000n);
    await f.offerings.withdrawProceeds(id);
    expect(await f.usd.balanceOf(f.treasury.address)).to.equal(paymentUp(10_000n));
    // what the refusing investor paid is still held for it
    expect(await f.usd.balanceOf(await f.offerings.getAddress())).to.equal(paymentUp(10_000n));
  });
});
