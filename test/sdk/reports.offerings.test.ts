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
