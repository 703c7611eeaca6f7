/**
 * Valuation: one price feed per mineral (Chainlink AggregatorV3Interface shape), prices in each market's own
 * unit, values exact in cents and rounded down, a stale price never used, a missing feed read as "no price".
 */
import { expect } from "chai";

import { Commodity, Quantity, SEED_PRICES, describePrice, valueAt, valueInCents, type PriceView } from "../../src/index.ts";
import { advanceTime, deployPlatformFixture, expectInvalidArgument, expectRevert } from "./helpers/platform.ts";

describe("valuation", function () {
  describe("valueInCents", function () {
    // Each case worked out by hand in the market's unit, then floored to the cent.
    const cases = [
      // 1,000 ozt = 31,103,476.8 mg; 31,103,477 mg is 1,000.0000064 ozt; x 3,350 = 3,350,000.0216 -> 335,000,002 cents
      { title: "gold, per fine troy oz", commodity: Commodity.Gold, base: 31_103_477n, usd: 3_350_00000000n, cents: 335_000_002n },
      // 2,352,670 kg = 2,352.670 t x 9,750 = 22,938,532.50 USD
      { title: "copper, per tonne", commodity: Commodity.Copper, base: 2_352_670n, usd: 9_750_00000000n, cents: 2_293_853_250n },
      // 65,005 kg WO3 = 6,500.5 mtu x 600 = 3,900,300 USD
      { title: "tungsten, per mtu WO3", commodity: Commodity.Tungsten, base: 65_005n, usd: 600_00000000n, cents: 390_030_000n },
      // 1 kg Sb = 0.001 t x 52,000.00000001 = 52.00000000001 USD -> 5,200 cents (down)
      { title: "antimony, per tonne, rounded down", commodity: Commodity.Antimony, base: 1n, usd: 52_000_00000001n, cents: 5_200n },
      // 3 kg TREO x 12.33333333 = 36.99999999 USD -> 3,699 cents (down, not 3,700)
      { title: "rare earths, per kg TREO, rounded down", commodity: Commodity.RareEarths, base: 3n, usd: 12_33333333n, cents: 3_699n },
    ];
    for (const c of cases) {
      it(`values ${c.title} exactly, down to the cent`, function () {
        expect(valueInCents(c.commodity, c.base, c.usd, 8)).to.equal(c.cents);
      });
    }
  });

  describe("feeds", function () {
    it("deployPlatform deploys one feed per mineral, seeded in each market's unit, and getPrices reads them fresh", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false });
      expect(Object.keys(platform.deployment.priceFeeds ?? {}).sort()).to.deep.equal(["antimony", "copper", "gold", "rare earths", "tungsten"]);
      const prices = await platform.as.outsider.getPrices();
      const gold = prices[Commodity.Gold];
      expect(gold.status).to.equal("fresh");
      if (gold.status === "missing") throw new Error("unreachable");
      expect(gold.answer).to.equal(3_350_00000000n);
      expect(gold.decimals).to.equal(8);
      expect(describePrice(gold)).to.match(/^3,350\.00 USD per fine troy oz, updated /);
      expect(describePrice(prices[Commodity.Tungsten])).to.match(/^600\.00 USD per mtu WO3/);
      expect(SEED_PRICES["rare earths"].description).to.equal("TREO / USD per kg");
    });

    it("a price older than the staleness bound is stale and never used to value", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false });
      await advanceTime(platform, 3601);
      const prices = await platform.as.outsider.getPrices({ maxAgeSeconds: 3600 });
      expect(prices[Commodity.Copper].status).to.equal("stale");
      const valuation = valueAt(Quantity.parse(Commodity.Copper, "10 t"), prices[Commodity.Copper]);
      expect(valuation.status).to.equal("stale");
      expect("cents" in valuation).to.equal(false);
      expect(valuation.text).to.match(/^stale price \(last updated .*; limit 1 h\): not valued$/);
      // The default bound (25 h) still accepts it.
      expect((await platform.as.outsider.getPrices())[Commodity.Copper].status).to.equal("fresh");
    });

    it("a mineral without a feed reads as no price, not an error", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false, priceFeeds: { gold: "3400.00" } });
      const prices = await platform.as.outsider.getPrices();
      expect(prices[Commodity.Gold].status).to.equal("fresh");
      const copper: PriceView = prices[Commodity.Copper];
      expect(copper.status).to.equal("missing");
      expect(valueAt(Quantity.parse(Commodity.Copper, "1 t"), copper)).to.deep.equal({ status: "missing", text: "no price (no price feed for copper)" });
    });

    it("updatePrice by the feed's operator publishes the next round", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false });
      const { roundId, answer } = await platform.as.admin.updatePrice({ commodity: "gold", usd: "3412.5" });
      expect([roundId, answer]).to.deep.equal([2n, 3_412_50000000n]);
      const gold = (await platform.as.outsider.getPrices())[Commodity.Gold];
      expect(gold.status === "fresh" && gold.answer).to.equal(3_412_50000000n);
    });

    it("updatePrice reverts when sent by anyone but the operator", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false });
      await expectRevert(platform.as.issuer.updatePrice({ commodity: "gold", usd: "1" }), "OwnableUnauthorizedAccount");
    });

    it("updatePrice refuses a zero price and a mineral without a feed before sending", async function () {
      const platform = await deployPlatformFixture({ registerInvestors: false, priceFeeds: { gold: "3400.00" } });
      await expectInvalidArgument(platform.as.admin.updatePrice({ commodity: "gold", usd: "0" }), "usd");
      await expectInvalidArgument(platform.as.admin.updatePrice({ commodity: "copper", usd: "9000" }), "commodity");
    });
  });
});
