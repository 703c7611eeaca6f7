/**
 * Sale proceeds through the SDK, against a real in-process chain: the treasury deposits (provisional, then final),
 * holders claim in one call (redeem what is in the wallet, then claim), the dust is swept, the lot retires after the
 * notice period and a late holder still claims; every refusal explained in one sentence before anything is sent, the
 * chain unchanged.
 *
 * Fixture: the platform (with its proceeds vault, notice period 60 s on the local chain), a copper lot of which
 * investor A holds 600 t, B 300 t and D 100 t, settling; `spareWallet` is the treasury, funded with the stablecoin.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, InvalidArgumentError, Money, ProceedsRefusedError, Quantity } from "../../src/index.ts";
import { chainState, deployPlatformOn, expectChainUnchanged, rejection, shortAddress, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);
const MAG = 2n ** 128n;
const N = 1_000_000n; // kg
const share = (units: bigint, total: bigint): bigint => (units * ((total * MAG) / N)) / MAG;

interface Fixture {
  platform: Platform;
  copper: bigint;
  warehoused: bigint;
}

async function proceedsFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  const warehoused = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: t("600") });
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorB, amount: t("300") });
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorD, amount: t("100") });
  await platform.as.issuer.mintUnits({ lotId: warehoused, to: platform.address.investorA, amount: t("10") });
  await platform.as.admin.grantRole({ role: "treasury", account: platform.address.spareWallet });
  await platform.as.admin.mintTestStablecoin({ to: platform.address.spareWallet, amount: usd("100,000,000 USD") });
  // The issuer opens the settlement naming the lot's one treasury (spareWallet) and the payment token (the stablecoin).
  await platform.as.issuer.startSettlement({ lotId: copper, saleRef: "OFFTAKE-2026-CU-77", treasury: platform.address.spareWallet });
  return { platform, copper, warehoused };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(proceedsFixture);

async function expectRefused(f: Fixture, call: () => Promise<unknown>, reason: string, message: string): Promise<void> {
  const before = await chainState(f.platform);
  const error = await rejection(call());
  expect(error, String(error)).to.be.instanceOf(ProceedsRefusedError);
  expect((error as ProceedsRefusedError).reason).to.equal(reason);
  expect((error as ProceedsRefusedError).shortMessage).to.equal(message);
  await expectChainUnchanged(f.platform, before);
}

describe("SDK sale proceeds", function () {
  it("deposits a provisional and a final payment, and each holder's one-call claim pays exactly its share", async function () {
    const f = await load();
    const { as, address } = f.platform;
    const first = await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("14,000,000.000001 USD") });
    expect(first.total.format()).to.equal("14,000,000.00 USD");
    expect(first.total.base).to.equal(14_000_000_000_001n);

    const a = await as.investorA.claimProceeds({ lotId: f.copper });
    expect(a.redeemed.format()).to.equal("600.000 t Cu");
    expect(a.paid.base).to.equal(share(600_000n, 14_000_000_000_001n));
    expect(a.hashes).to.have.length(2);

    await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000,000 USD"), final: true });
    const total = 15_000_000_000_001n;
    const view = await as.outsider.getProceeds({ lotId: f.copper, holder: address.investorB });
    expect(view.deposited.base).to.equal(total);
    expect(view.final).to.equal(true);
    expect(view.entitledSupply.format()).to.equal("1,000.000 t Cu");
    expect(view.position!.claimable.base).to.equal(share(300_000n, total));
    expect(view.retirableAt!.getTime() - view.finalAt!.getTime()).to.equal(60_000);

    // A claims the rest of its share (nothing left in its wallet: one transaction); B redeems and claims.
    const again = await as.investorA.claimProceeds({ lotId: f.copper });
    expect(again.redeemed.isZero()).to.equal(true);
    expect(again.paid.base).to.equal(share(600_000n, total) - a.paid.base);
    const b = await as.investorB.claimProceeds({ lotId: f.copper });
    expect(b.paid.base).to.equal(share(300_000n, total));

    // After the notice period the lot retires with D's units outstanding; D still redeems and claims.
    await connection.networkHelpers.time.increase(60);
    await as.issuer.retireLot({ lotId: f.copper });
    const d = await as.investorD.claimProceeds({ lotId: f.copper });
    expect(d.paid.base).to.equal(share(100_000n, total));

    const swept = await as.spareWallet.sweepDust({ lotId: f.copper });
    expect(swept.swept.base).to.equal(total - share(N, total));
    const end = await as.outsider.getProceeds({ lotId: f.copper });
    expect(end.state).to.equal("retired");
    expect(end.outstanding.isZero()).to.equal(true);
    expect(end.paid.base + end.swept.base + 3n).to.be.greaterThanOrEqual(total);
  });

  it("lists each payment deposited for a lot, oldest first, with its kind, depositor, block and time", async function () {
    const f = await load();
    const { as, address } = f.platform;
    expect(await as.outsider.listProceedsPayments({ lotId: f.copper })).to.deep.equal([]);
    const first = await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("14,000,000.000001 USD") });
    const last = await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000,000 USD"), final: true });
    const payments = await as.outsider.listProceedsPayments({ lotId: f.copper });
    expect(payments.map((p) => [p.amount.format(), p.final, p.by, p.blockNumber, p.transactionHash])).to.deep.equal([
      ["14,000,000.00 USD", false, address.spareWallet, first.receipt.blockNumber, first.hash],
      ["1,000,000.00 USD", true, address.spareWallet, last.receipt.blockNumber, last.hash],
    ]);
    const block = await f.platform.provider.request({ method: "eth_getBlockByNumber", params: [`0x${last.receipt.blockNumber.toString(16)}`, false] }) as { timestamp: string };
    expect(payments[1]!.timestamp.getTime()).to.equal(Number(BigInt(block.timestamp)) * 1000);
  });

  it("a claim before any deposit only redeems: the units keep their share of later payments", async function () {
    const f = await load();
    const { as } = f.platform;
    const early = await as.investorD.claimProceeds({ lotId: f.copper });
    expect(early.redeemed.format()).to.equal("100.000 t Cu");
    expect(early.paid.base).to.equal(0n);
    await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD"), final: true });
    expect((await as.investorD.claimProceeds({ lotId: f.copper })).paid.format()).to.equal("100.00 USD");
  });

  describe("refusals, before anything is sent", function () {
    it("claim: nothing to claim", async function () {
      const f = await load();
      const who = f.platform.address.outsider;
      await expectRefused(f, () => f.platform.as.outsider.claimProceeds({ lotId: f.copper }), "nothing-to-claim",
        `${shortAddress(who)} has nothing to claim from lot ${f.copper}: it holds no units of the lot and redeemed none`);
    });

    it("claim: the lot is not settling", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.investorA.claimProceeds({ lotId: f.warehoused }), "lot-not-settling",
        `Lot ${f.warehoused} is warehoused: its units are redeemed for proceeds only once it is settling`);
    });

    it("claim: a frozen holder can neither redeem nor claim", async function () {
      const f = await load();
      await f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorB, frozen: true });
      await expectRefused(f, () => f.platform.as.investorB.claimProceeds({ lotId: f.copper }), "claimant-frozen",
        `${shortAddress(f.platform.address.investorB)}'s account is frozen: it can neither redeem nor claim the proceeds of lot ${f.copper} until the freeze is lifted (compliance may release its position to another wallet)`);
    });

    it("claim: a holder frozen after it redeemed claims nothing more until the freeze is lifted", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.investorB.claimProceeds({ lotId: f.copper });
      await as.compliance.freezeAccount({ account: address.investorB, frozen: true });
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      await expectRefused(f, () => as.investorB.claimProceeds({ lotId: f.copper }), "claimant-frozen",
        `${shortAddress(address.investorB)}'s account is frozen: it can neither redeem nor claim the proceeds of lot ${f.copper} until the freeze is lifted (compliance may release its position to another wallet)`);
      await as.compliance.freezeAccount({ account: address.investorB, frozen: false });
      expect((await as.investorB.claimProceeds({ lotId: f.copper })).paid.format()).to.equal("300.00 USD");
    });

    it("claim: units frozen beyond the wallet withhold the share of as many redeemed units", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.investorD.claimProceeds({ lotId: f.copper });
      await as.compliance.setFrozenUnits({ account: address.investorD, lotId: f.copper, amount: t("100") });
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      await expectRefused(f, () => as.investorD.claimProceeds({ lotId: f.copper }), "position-frozen",
        `100.000 t Cu of lot ${f.copper} are frozen for ${shortAddress(address.investorD)}: they withhold the share of its redeemed units, so nothing is claimable now`);
    });

    it("deposit: an account that is not the lot's treasury, even holding the TREASURY role", async function () {
      const f = await load();
      await f.platform.as.admin.grantRole({ role: "treasury", account: f.platform.address.investorD });
      for (const who of ["issuer", "investorD"] as const) {
        await expectRefused(f, () => f.platform.as[who].depositProceeds({ lotId: f.copper, amount: usd("1 USD"), final: true }), "not-lot-treasury",
          `${shortAddress(f.platform.address[who])} is not lot ${f.copper}'s treasury: only ${shortAddress(f.platform.address.spareWallet)}, named when its settlement opened, may deposit proceeds`);
      }
      await expectRefused(f, () => f.platform.as.investorD.depositProceeds({ lotId: f.copper, amount: 0n, final: true }), "not-lot-treasury",
        `${shortAddress(f.platform.address.investorD)} is not lot ${f.copper}'s treasury: only ${shortAddress(f.platform.address.spareWallet)}, named when its settlement opened, may declare the final payment`);
    });

    it("deposit: the lot's settlement was never opened", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.warehoused, amount: usd("1 USD") }), "settlement-not-open",
        `Lot ${f.warehoused}'s settlement has not been opened (it is warehoused): an issuer opens it, naming the payment token and the treasury`);
    });

    it("finalize: the treasury declares the final payment without depositing, once", async function () {
      const f = await load();
      const { as } = f.platform;
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      const r = await as.spareWallet.depositProceeds({ lotId: f.copper, amount: 0n, final: true });
      expect([r.final, r.total.format()]).to.deep.equal([true, "1,000.00 USD"]);
      const { finalAt } = await as.outsider.getProceeds({ lotId: f.copper });
      await expectRefused(f, () => as.spareWallet.depositProceeds({ lotId: f.copper, amount: 0n, final: true }), "after-final",
        `Lot ${f.copper}'s final payment was declared at ${finalAt!.toISOString()}: nothing more can be deposited`);
      const payments = await as.outsider.listProceedsPayments({ lotId: f.copper });
      expect(payments.map((p) => [p.amount.format(), p.final])).to.deep.equal([["1,000.00 USD", false], ["0.00 USD", true]]);
    });

    it("releasePosition moves a frozen holder's position and what it was paid to a named wallet", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.investorB.claimProceeds({ lotId: f.copper });
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      await as.investorB.claimProceeds({ lotId: f.copper });
      await as.compliance.freezeAccount({ account: address.investorB, frozen: true });
      const r = await as.compliance.releasePosition({ lotId: f.copper, from: address.investorB, to: address.investorA, reason: "COURT-2026-17" });
      expect([r.units.format(), r.paid.format()]).to.deep.equal(["300.000 t Cu", "300.00 USD"]);
      const a = (await as.outsider.getProceeds({ lotId: f.copper, holder: address.investorA })).position!;
      expect([a.redeemed.format(), a.paid.format()]).to.deep.equal(["300.000 t Cu", "300.00 USD"]);
    });

    it("the investor report of the wallet a position is released to lists it: redeemed, paid and what it may claim", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      await as.investorB.claimProceeds({ lotId: f.copper });
      await as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1,000 USD") });
      // C holds no copper and never redeemed any: the released position is the only reason the lot is C's.
      await as.compliance.releasePosition({ lotId: f.copper, from: address.investorB, to: address.investorC, reason: "LOST-KEY-2026-3" });
      const c = await as.outsider.getInvestorReport({ wallet: address.investorC });
      const line = c.proceeds.find((p) => p.lotId === f.copper.toString());
      expect(line, "the released position's lot in C's report").to.not.equal(undefined);
      expect([line!.redeemed.market, line!.paid.text, line!.claimable.text]).to.deep.equal(["300.000", "300.00 USD", "300.00 USD"]);
      expect(c.proceedsClaimable.text).to.equal("300.00 USD");
    });

    it("releasePosition refuses a holder with no position and a receiver that may not receive, before sending", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await expectRefused(f, () => as.compliance.releasePosition({ lotId: f.copper, from: address.investorB, to: address.investorA, reason: "X" }), "no-position",
        `${shortAddress(address.investorB)} has redeemed no units of lot ${f.copper}: there is no position to release (a forced transfer moves units still in its wallet)`);
      await as.investorB.claimProceeds({ lotId: f.copper });
      await expectRefused(f, () => as.compliance.releasePosition({ lotId: f.copper, from: address.investorB, to: address.outsider, reason: "X" }), "invalid-receiver",
        `${shortAddress(address.outsider)} may not receive units (not verified, KYC expired, or frozen): a position is released only to a wallet that may`);
    });

    it("deposit: the lot is not settling", async function () {
      const f = await load();
      await f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1 USD"), final: true });
      for (const who of ["investorA", "investorB", "investorD"] as const) await f.platform.as[who].claimProceeds({ lotId: f.copper });
      await f.platform.as.issuer.retireLot({ lotId: f.copper });
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1 USD") }), "lot-not-settling",
        `Lot ${f.copper} is retired: proceeds are deposited and the final payment declared only while a lot is settling`);
    });

    it("deposit: zero", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("0 USD") }), "zero-amount",
        `A deposit of proceeds for lot ${f.copper} must be more than 0.00 USD`);
    });

    it("deposit: after the final payment", async function () {
      const f = await load();
      await f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("10 USD"), final: true });
      const { finalAt } = await f.platform.as.outsider.getProceeds({ lotId: f.copper });
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1 USD") }), "after-final",
        `Lot ${f.copper}'s final payment was declared at ${finalAt!.toISOString()}: nothing more can be deposited`);
    });

    it("deposit: more than the treasury holds", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("100,000,001 USD") }), "insufficient-balance",
        `${shortAddress(f.platform.address.spareWallet)} holds 100,000,000.00 USD, less than the 100,000,001.00 USD to deposit`);
    });

    it("sweep: before the final payment", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.sweepDust({ lotId: f.copper }), "final-pending",
        `Lot ${f.copper}'s final payment has not been declared: until it is, every base unit may still be owed to holders`);
    });

    it("sweep: not the lot's treasury", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.investorA.sweepDust({ lotId: f.copper }), "not-lot-treasury",
        `${shortAddress(f.platform.address.investorA)} is not lot ${f.copper}'s treasury: only ${shortAddress(f.platform.address.spareWallet)}, named when its settlement opened, may sweep dust`);
    });

    it("settlement: startSettlement refuses a treasury without the TREASURY role before sending", async function () {
      const f = await load();
      const before = await chainState(f.platform);
      const error = await rejection(f.platform.as.issuer.startSettlement({ lotId: f.warehoused, saleRef: "OFFTAKE-2", treasury: f.platform.address.outsider }));
      expect(error).to.be.instanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).shortMessage).to.match(/^Invalid treasury: expected an account holding the TREASURY role/);
      await expectChainUnchanged(f.platform, before);
    });
  });
});
