/**
 * The money side of the reports, reconciled exactly with the chain: each lot's offerings (outcome, caps, units,
 * refunds paid and still to claim, proceeds released and withdrawn, escrow), an investor's requests, allocations
 * and what it can still claim, the platform's funds raised, refunded and held in escrow.
 * The fixture is `moneyFixture` (helpers/moneyFixture.ts).
 */
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress } from "viem";

import { testStablecoinAbi } from "../../src/abis.ts";
import { Commodity, Money, Quantity, type LotReport } from "../../src/index.ts";
import { moneyFixture, type MoneyFixture } from "./helpers/moneyFixture.ts";
import { deployPlatformOn } from "./helpers/platform.ts";

const connection = await network.create();
const fixture = () => moneyFixture(connection);

const usd = (text: string): string => Money.parseUsd(text).base.toString();
const copperJson = (kg: bigint) => Quantity.fromBase(Commodity.Copper, kg).toJSON();
type Fixture = MoneyFixture;

const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(fixture);

describe("reports: offerings", function () {
  describe("of one lot", function () {
    let f: Fixture;
    let report: LotReport;

    before(async function () {
      f = await load();
      report = await f.platform.as.outsider.getLotReport({ lotId: f.copper });
    });

    it("lists every offering of the lot and none of another lot's, with terms in market units and USD", function () {
      expect(report.offering.map((o) => [o.offeringId, o.state])).to.deep.equal([
        ["1", "succeeded"],
        ["2", "failed"],
      ]);
      expect(report.offering[0]).to.deep.include({
        paymentToken: getAddress(f.platform.deployment.contracts.TestStablecoin!),
        treasury: f.platform.address.spareWallet,
        price: { usd: "9750.00", base: usd("9,750 USD"), text: "9,750.00 USD" },
        priceQuote: "USD per tonne",
        priceAmount: "9750000",
        priceUnit: "1",
        softCap: copperJson(5_000n),
        hardCap: copperJson(10_000n),
        minTicket: copperJson(1_000n),
        maxTicket: copperJson(8_000n),
      });
      expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
    });

    it("gives an oversubscribed offering's outcome: units pro rata, refunds paid and still to claim, proceeds withdrawn, escrow", function () {
      // 14 t requested for 10 t: A 8,000 x 10,000 / 14,000 = 5,714 kg, B 4,285 kg (rounded down).
      // Paid in: A 78,000 + B 58,500 + D 29,250 (cancelled, refunded) = 165,750 USD.
      // Refunds paid: D 29,250 + A 78,000 - 5,714 x 9.75 = 22,288.50 -> 51,538.50 USD. B's refund to claim:
      // 58,500 - 4,285 x 9.75 = 16,721.25 USD. Proceeds: 5,714 x 9.75 = 55,711.50 USD, withdrawn. Escrow: B's 58,500.
      const o = report.offering[0]!;
      expect(o.outcome).to.equal("succeeded: 14.000 t Cu requested, 10.000 t Cu allocated pro rata");
      expect([o.totalRequested, o.minted, o.delivered, o.refused, o.returned, o.unitsClaimable]).to.deep.equal(
        [14_000n, 10_000n, 5_714n, 0n, 0n, 4_285n].map(copperJson),
      );
      expect([o.subscribers, o.unclaimed]).to.deep.equal([2, 1]);
      expect([o.paidIn, o.refundsPaid, o.refundsClaimable, o.proceedsReleased, o.proceedsWithdrawn, o.escrow].map((m) => m.text)).to.deep.equal([
        "165,750.00 USD",
        "51,538.50 USD",
        "16,721.25 USD",
        "55,711.50 USD",
        "55,711.50 USD",
        "58,500.00 USD",
      ]);
    });

    it("gives a failed offering's refunds as still to claim, nothing minted", function () {
      const o = report.offering[1]!;
      expect(o.outcome).to.equal("failed: 2.000 t Cu requested against a soft cap of 5.000 t Cu; every payment is refunded");
      expect([o.minted, o.unitsClaimable]).to.deep.equal([copperJson(0n), copperJson(0n)]);
      expect([o.paidIn, o.refundsPaid, o.refundsClaimable, o.proceedsReleased, o.escrow].map((m) => m.text)).to.deep.equal([
        "19,500.00 USD",
        "0.00 USD",
        "19,500.00 USD",
        "0.00 USD",
        "19,500.00 USD",
      ]);
      expect([o.subscribers, o.unclaimed]).to.deep.equal([1, 1]);
    });

    it("reconciles with the contract: status as getOffering reads it, refunds and units to claim as allocationOf gives them", async function () {
      const { as, address, deployment } = f.platform;
      for (const line of report.offering) {
        const read = await as.outsider.getOffering({ offeringId: BigInt(line.offeringId) });
        expect([line.totalRequested.base, line.minted.base, line.delivered.base, line.refused.base, line.proceedsReleased.base, line.proceedsWithdrawn.base, line.unclaimed]).to.deep.equal([
          read.totalRequested.base.toString(),
          read.unitsMinted.base.toString(),
          read.unitsDelivered.base.toString(),
          read.unitsRefused.base.toString(),
          read.proceedsReleased.base.toString(),
          read.proceedsWithdrawn.base.toString(),
          read.unclaimed,
        ]);
        let units = 0n;
        let refunds = 0n;
        for (const investor of [address.investorA, address.investorB, address.investorD]) {
          const position = (await as.outsider.getOffering({ offeringId: BigInt(line.offeringId), investor })).position!;
          if (position.claimed || position.requested.base === 0n) continue;
          units += position.allocation.base;
          refunds += position.refund.base;
        }
        expect([line.unitsClaimable.base, line.refundsClaimable.base]).to.deep.equal([units.toString(), refunds.toString()]);
      }
      const held = await as.outsider.readContract({ address: deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "balanceOf", args: [deployment.contracts.LotOfferings!] });
      const platform = await as.outsider.getPlatformReport();
      expect(platform.funds.escrow.base).to.equal(held.toString());
    });

    it("shows an open offering's payments as escrow, nothing to claim yet", async function () {
      const other = await f.platform.as.outsider.getLotReport({ lotId: f.other });
      expect(other.offering.map((o) => [o.offeringId, o.state, o.outcome, o.paidIn.text, o.refundsClaimable.text, o.escrow.text, o.subscribers])).to.deep.equal([
        ["3", "open", "open: 2.000 t Cu requested so far (soft cap 5.000 t Cu, hard cap 10.000 t Cu)", "19,500.00 USD", "0.00 USD", "19,500.00 USD", 1],
      ]);
    });

    it("gives an empty list for a lot with no offering", async function () {
      const bare = await f.platform.as.outsider.getLotReport({ lotId: f.bare });
      expect(bare.offering).to.deep.equal([]);
    });
  });

  describe("of an investor", function () {
    it("gives each offering it subscribed to: requested, paid, allocated, and what it can still claim", async function () {
      const f = await load();
      const a = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorA });
      expect(a.offerings.map((o) => [o.offeringId, o.lotId, o.state, o.claimed, o.requested.base, o.paid.text, o.allocated.base, o.payment.text, o.refund.text, o.claimable.units.base, o.claimable.refund.text])).to.deep.equal([
        ["1", f.copper.toString(), "succeeded", true, "8000", "78,000.00 USD", "5714", "55,711.50 USD", "22,288.50 USD", "0", "0.00 USD"],
        ["2", f.copper.toString(), "failed", false, "2000", "19,500.00 USD", "0", "0.00 USD", "19,500.00 USD", "0", "19,500.00 USD"],
      ]);
      expect(a.refundsClaimable.text).to.equal("19,500.00 USD");

      const b = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorB });
      expect(b.offerings.map((o) => [o.offeringId, o.claimable.units, o.claimable.refund.text])).to.deep.equal([["1", copperJson(4_285n), "16,721.25 USD"]]);
      expect(b.refundsClaimable.text).to.equal("16,721.25 USD");
    });

    it("lists a cancelled request as zero, and claims nothing from an offering still open", async function () {
      const f = await load();
      const d = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorD });
      expect(d.offerings.map((o) => [o.offeringId, o.state, o.requested.base, o.paid.text, o.claimable.units.base, o.claimable.refund.text])).to.deep.equal([
        ["1", "succeeded", "0", "0.00 USD", "0", "0.00 USD"],
        ["3", "open", "2000", "19,500.00 USD", "0", "0.00 USD"],
      ]);
      expect(d.refundsClaimable.text).to.equal("0.00 USD");
      expect(JSON.parse(JSON.stringify(d))).to.deep.equal(d);
    });
  });

  describe("of the platform", function () {
    it("totals funds raised (delivered units' payments), refunded, to claim and held in escrow over every offering", async function () {
      const f = await load();
      const report = await f.platform.as.outsider.getPlatformReport();
      const { funds } = report;
      expect(funds.offerings).to.deep.equal({ open: 1, succeeded: 1, failed: 1 });
      expect([funds.paidIn, funds.raised, funds.withdrawn, funds.refunded, funds.refundsClaimable, funds.escrow].map((m) => m.text)).to.deep.equal([
        "204,750.00 USD",
        "55,711.50 USD",
        "55,711.50 USD",
        "51,538.50 USD",
        "36,221.25 USD",
        "97,500.00 USD",
      ]);
      // Every dollar paid in is refunded, withdrawn by the treasury or still held.
      expect(BigInt(funds.paidIn.base)).to.equal(BigInt(funds.refunded.base) + BigInt(funds.withdrawn.base) + BigInt(funds.escrow.base));
      const each = await Promise.all([f.copper, f.other, f.bare, f.sold].map((lotId) => f.platform.as.outsider.getLotReport({ lotId })));
      expect(report.lots.map((l) => l.offering)).to.deep.equal(each.map((l) => l.offering));
    });

    it("is zero everywhere on a fresh deployment", async function () {
      const fresh = await deployPlatformOn(await network.create());
      const { funds } = await fresh.as.outsider.getPlatformReport();
      expect(funds.offerings).to.deep.equal({ open: 0, succeeded: 0, failed: 0 });
      expect([funds.paidIn, funds.raised, funds.refunded, funds.escrow].map((m) => m.text)).to.deep.equal(["0.00 USD", "0.00 USD", "0.00 USD", "0.00 USD"]);
    });
  });
});

describe("reports: sale proceeds", function () {
  const MAG = 2n ** 128n;
  const N = 1_000_000n; // kg: the entitled supply
  const TOTAL = 15_000_000_000_001n; // USD 15,000,000.000001 in base units
  /** A position's entitlement as the vault computes it: floor(units x floor(deposited x 2^128 / N) / 2^128). */
  const share = (units: bigint, deposited: bigint): bigint => (units * ((deposited * MAG) / N)) / MAG;

  it("the lot report gives each deposit with its time, paid to holders, unclaimed and the paid-over-time series, exactly as the vault holds them", async function () {
    const f = await load();
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.sold });
    const p = report.proceeds!;
    expect(p.deposits.map((d) => [d.kind, d.amount.text, d.by])).to.deep.equal([
      ["provisional", "14,000,000.00 USD", f.platform.address.spareWallet],
      ["final", "1,000,000.00 USD", f.platform.address.spareWallet],
    ]);
    const paid = share(600_000n, 14_000_000_000_001n) + share(300_000n, TOTAL);
    expect([p.deposited.base, p.paid.base, p.unclaimed.base, p.swept.base]).to.deep.equal([TOTAL, paid, TOTAL - paid, 0n].map(String));
    expect([p.final, p.redeemers, p.entitledSupply, p.redeemed, p.outstanding]).to.deep.equal([true, 2, copperJson(1_000_000n), copperJson(900_000n), copperJson(100_000n)]);

    const vault = await f.platform.as.outsider.getProceeds({ lotId: f.sold, holder: f.platform.address.investorD });
    expect([p.deposited.base, p.paid.base, p.swept.base, p.sweepable.base, p.finalAt, p.retirableAt]).to.deep.equal([
      vault.deposited.base.toString(),
      vault.paid.base.toString(),
      vault.swept.base.toString(),
      vault.sweepable.base.toString(),
      vault.finalAt!.toISOString(),
      vault.retirableAt!.toISOString(),
    ]);
    // Unclaimed: what A (paid after the provisional payment only) and D can still claim, plus the rounding dust.
    const a = await f.platform.as.outsider.getProceeds({ lotId: f.sold, holder: f.platform.address.investorA });
    const dust = TOTAL - share(600_000n, TOTAL) - share(300_000n, TOTAL) - share(100_000n, TOTAL);
    expect(BigInt(p.unclaimed.base)).to.equal(a.position!.claimable.base + vault.position!.claimable.base + dust);

    const history = await f.platform.as.outsider.getLotHistory({ lotId: f.sold });
    expect(new Date(p.deposits[1]!.timestamp!).getTime() - new Date(p.deposits[0]!.timestamp!).getTime()).to.be.at.least(86_400_000);
    expect(new Date(p.deposits[0]!.timestamp!).getTime()).to.be.at.least(history.at(-1)!.timestamp.getTime() - 86_400_000 * 2);
    // The series ends at what the vault holds, and never pays more than was deposited by then.
    expect(p.overTime.at(-1)!.deposited.base).to.equal(TOTAL.toString());
    expect(p.overTime.at(-1)!.paid.base).to.equal(paid.toString());
    for (const point of p.overTime) expect(BigInt(point.paid.base) <= BigInt(point.deposited.base)).to.equal(true);
    expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
  });

  it("a lot with no sale proceeds has proceeds null", async function () {
    const f = await load();
    expect((await f.platform.as.outsider.getLotReport({ lotId: f.bare })).proceeds).to.equal(null);
  });

  it("the investor report gives the proceeds each wallet can still claim, as claimableOf does", async function () {
    const f = await load();
    const { as, address } = f.platform;
    const lines = async (wallet: `0x${string}`) => (await as.outsider.getInvestorReport({ wallet })).proceeds.map((p) => [p.lotId, p.redeemed.base, p.paid.base, p.claimable.base, p.final]);
    const sold = f.sold.toString();
    expect(await lines(address.investorA)).to.deep.equal([[sold, "600000", share(600_000n, 14_000_000_000_001n).toString(), (share(600_000n, TOTAL) - share(600_000n, 14_000_000_000_001n)).toString(), true]]);
    expect(await lines(address.investorB)).to.deep.equal([[sold, "300000", share(300_000n, TOTAL).toString(), "0", true]]);
    const d = await as.outsider.getInvestorReport({ wallet: address.investorD });
    expect(d.proceeds.map((p) => [p.lotId, p.redeemed.base, p.paid.base, p.claimable.base])).to.deep.equal([[sold, "0", "0", share(100_000n, TOTAL).toString()]]);
    const vault = await as.outsider.getProceeds({ lotId: f.sold, holder: address.investorD });
    expect(d.proceedsClaimable.base).to.equal(vault.position!.claimable.base.toString());
  });

  it("the platform report totals sale proceeds deposited, paid and unclaimed over every lot", async function () {
    const f = await load();
    const { funds, lots } = await f.platform.as.outsider.getPlatformReport();
    const paid = share(600_000n, 14_000_000_000_001n) + share(300_000n, TOTAL);
    expect(funds.proceeds).to.deep.include({ lots: 1 });
    expect([funds.proceeds.deposited.base, funds.proceeds.paid.base, funds.proceeds.unclaimed.base, funds.proceeds.swept.base]).to.deep.equal([TOTAL, paid, TOTAL - paid, 0n].map(String));
    expect(lots.find((l) => l.lotId === f.sold.toString())!.proceeds!.paid.base).to.equal(paid.toString());
  });
});
