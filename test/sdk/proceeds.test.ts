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

import { Commodity, Money, ProceedsRefusedError, Quantity } from "../../src/index.ts";
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
  await platform.as.issuer.startSettlement({ lotId: copper, saleRef: "OFFTAKE-2026-CU-77" });
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

    it("claim: a frozen holder cannot redeem", async function () {
      const f = await load();
      await f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorB, frozen: true });
      const before = await chainState(f.platform);
      const error = await rejection(f.platform.as.investorB.claimProceeds({ lotId: f.copper }));
      expect(error).to.be.instanceOf(ProceedsRefusedError);
      expect((error as ProceedsRefusedError).reason).to.equal("sender-frozen");
      expect((error as ProceedsRefusedError).shortMessage).to.match(/its account is frozen/);
      await expectChainUnchanged(f.platform, before);
    });

    it("deposit: not the treasury", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.issuer.depositProceeds({ lotId: f.copper, amount: usd("1 USD") }), "not-treasury",
        `${shortAddress(f.platform.address.issuer)} does not hold the TREASURY role, which deposits sale proceeds`);
    });

    it("deposit: the lot is not settling", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.warehoused, amount: usd("1 USD") }), "lot-not-settling",
        `Lot ${f.warehoused} is warehoused: proceeds are deposited only while a lot is settling`);
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
        `Lot ${f.copper}'s final payment was deposited at ${finalAt!.toISOString()}: nothing more can be deposited`);
    });

    it("deposit: another token than the lot's", async function () {
      const f = await load();
      await f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("10 USD") });
      const other = f.platform.deployment.contracts.LotRegistry; // any other address
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("1 USD"), paymentToken: other }), "wrong-token",
        `Lot ${f.copper}'s proceeds are paid in ${shortAddress(f.platform.deployment.contracts.TestStablecoin!)}, not ${shortAddress(other)}`);
    });

    it("deposit: more than the treasury holds", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.depositProceeds({ lotId: f.copper, amount: usd("100,000,001 USD") }), "insufficient-balance",
        `${shortAddress(f.platform.address.spareWallet)} holds 100,000,000.00 USD, less than the 100,000,001.00 USD to deposit`);
    });

    it("sweep: before the final payment", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.spareWallet.sweepDust({ lotId: f.copper }), "final-pending",
        `Lot ${f.copper}'s final payment has not been deposited: until it is, every base unit may still be owed to holders`);
    });

    it("sweep: not the treasury", async function () {
      const f = await load();
      await expectRefused(f, () => f.platform.as.investorA.sweepDust({ lotId: f.copper }), "not-treasury",
        `${shortAddress(f.platform.address.investorA)} does not hold the TREASURY role, which sweeps rounding dust`);
    });
  });
});
