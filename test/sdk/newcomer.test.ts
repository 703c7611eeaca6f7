/**
 * What a newcomer reads in the reports, checked against the chain (issue 17): value only what exists (a sold or a
 * retired lot is not valued, and every value says what it values), an investor's cash beside its holdings, platform
 * accounts named in cap tables and histories, countries written and read as people write them.
 * The fixture is `moneyFixture` (helpers/moneyFixture.ts): lot `sold` is settling; a lot withdrawn here is retired.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { zeroAddress } from "viem";

import { testStablecoinAbi } from "../../src/abis.ts";
import {
  COMMODITIES,
  Commodity,
  InvalidArgumentError,
  Quantity,
  countryDisplay,
  isCountryCode,
  parseCountry,
  platformAccountLabel,
  valueInCents,
  withArticle,
} from "../../src/index.ts";
import { moneyFixture, type MoneyFixture } from "./helpers/moneyFixture.ts";
import { COPPER_PAYABLE_KG, warehousedCopperLot } from "./helpers/platform.ts";

const connection = await network.create();
const fixture = () => moneyFixture(connection);
const load = (): Promise<MoneyFixture> => connection.networkHelpers.loadFixture(fixture);

describe("what a newcomer reads in the reports", function () {
  describe("valuation counts only what exists", function () {
    it("a settling (sold) lot and a withdrawn (retired) lot are not valued; the platform's value is the payable metal in custody, and says so", async function () {
      const f = await load();
      const withdrawn = await warehousedCopperLot(f.platform);
      await f.platform.as.issuer.withdrawLot({ lotId: withdrawn, reason: "assay never delivered" });
      // The fixture's clock ran days past the feeds' last update: judge the prices over a month, so they are used.
      const maxPriceAgeSeconds = 30 * 86_400;
      const report = await f.platform.as.outsider.getPlatformReport({ maxPriceAgeSeconds });

      const lot = (id: bigint) => report.lots.find((l) => l.lotId === id.toString())!;
      expect(lot(f.sold).state).to.equal("settling");
      expect(lot(f.sold).valuation.payable).to.deep.equal({ status: "sold", text: "sold: valued by its sale proceeds, not at the feed price" });
      expect(lot(f.sold).valuation.outstanding.status).to.equal("sold");
      expect(lot(withdrawn).state).to.equal("retired");
      expect(lot(withdrawn).valuation.payable).to.deep.equal({ status: "retired", text: "retired: nothing of the lot remains to value" });
      expect(lot(f.bare).valuation.payable.status).to.equal("valued");
      for (const holder of lot(f.sold).holders) expect(holder.value.status).to.equal("sold");

      // Copper: five lots of 2,352.670 t payable each; only copper, other and bare are in custody.
      const copper = report.totals.find((t) => t.commodity === "copper")!;
      expect(copper.lots).to.equal(5);
      expect(copper.payable.base).to.equal((5n * COPPER_PAYABLE_KG).toString());
      expect(copper.inCustody.base).to.equal((3n * COPPER_PAYABLE_KG).toString());
      const price = await f.platform.as.outsider.getPrices({ maxAgeSeconds: maxPriceAgeSeconds });
      const p = price[Commodity.Copper];
      if (p.status === "missing") throw new Error("the fixture has a copper feed");
      const expected = valueInCents(Commodity.Copper, 3n * COPPER_PAYABLE_KG, p.answer, p.decimals);
      expect(copper.value.cents).to.equal(expected.toString());
      expect(report.totalValue.cents).to.equal(expected.toString());
      expect(report.totalValue.basis).to.equal("payable metal in custody (lots neither sold, retired nor processed into other lots) at fresh feed prices, rounded down to the cent");
      // The sum of the lots' own values is the total: one figure, one meaning.
      const lotsValue = report.lots.reduce((t, l) => t + BigInt(l.valuation.payable.cents ?? "0"), 0n);
      expect(lotsValue).to.equal(expected);
    });

    it("an investor's holdings of a sold lot are not valued at the feed price: it is owed proceeds instead", async function () {
      const f = await load();
      const r = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorD });
      const sold = r.holdings.find((h) => h.lotId === f.sold.toString())!;
      expect(sold.value.status).to.equal("sold");
      expect(r.totalValue.basis).to.equal("units of lots in custody at fresh feed prices, rounded down to the cent");
      expect(r.proceeds.find((p) => p.lotId === f.sold.toString())?.claimable.base).to.not.equal("0");
    });
  });

  describe("an investor sees its cash", function () {
    it("the investor report gives the wallet's stablecoin to the base unit, as the token holds it", async function () {
      const f = await load();
      for (const investor of ["investorA", "investorB", "investorD", "outsider"] as const) {
        const wallet = f.platform.address[investor];
        const r = await f.platform.as.outsider.getInvestorReport({ wallet });
        const held = await f.platform.as.outsider.readContract({ address: f.platform.deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "balanceOf", args: [wallet] });
        expect(r.cash?.base, investor).to.equal(held.toString());
      }
    });
  });

  describe("platform accounts are named", function () {
    it("a cap table names the offering escrow holding an investor's unclaimed units; a history names the mint, the escrow and the vault", async function () {
      const f = await load();
      const report = await f.platform.as.outsider.getLotReport({ lotId: f.copper });
      const escrow = report.holders.find((h) => h.holder.toLowerCase() === f.platform.deployment.contracts.LotOfferings!.toLowerCase())!;
      expect(escrow.label).to.equal("offering escrow");
      expect(escrow.balance.base).to.equal("4286"); // B's pro-rata allocation of 4,285 kg, not claimed yet, and 1 kg of rounding
      for (const h of report.holders.filter((x) => x !== escrow)) expect(h.label).to.equal(null);

      const a = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorA });
      const labels = a.history.map((m) => [m.lotId, m.direction, m.counterpartyLabel]);
      expect(labels).to.deep.include([f.copper.toString(), "in", "offering escrow"]);
      expect(labels).to.deep.include([f.sold.toString(), "in", "mint"]);
      expect(labels).to.deep.include([f.sold.toString(), "out", "proceeds vault"]);
    });

    it("names each platform contract, and the zero address by its side of a movement", async function () {
      const f = await load();
      const c = f.platform.deployment.contracts;
      expect(platformAccountLabel(f.platform.deployment, c.LotOfferings!)).to.equal("offering escrow");
      expect(platformAccountLabel(f.platform.deployment, c.ProceedsVault!)).to.equal("proceeds vault");
      expect(platformAccountLabel(f.platform.deployment, c.DeliveryEscrow!)).to.equal("delivery escrow");
      expect(platformAccountLabel(f.platform.deployment, c.LotTrades!.toLowerCase())).to.equal("trade escrow");
      expect(platformAccountLabel(f.platform.deployment, zeroAddress)).to.equal("mint");
      expect(platformAccountLabel(f.platform.deployment, zeroAddress, "to")).to.equal("burn");
      expect(platformAccountLabel(f.platform.deployment, f.platform.address.investorA)).to.equal(undefined);
    });
  });

  describe("countries and words as people write them", function () {
    it("reads a country by numeric code, alpha-2 or alpha-3 code or English name, any case", function () {
      for (const text of ["586", "PK", "pk", "PAK", "Pakistan", "pakistan"]) expect(parseCountry(text), text).to.equal(586);
      expect(parseCountry("068")).to.equal(68);
      expect(parseCountry("Bolivia")).to.equal(68);
      expect(parseCountry("United States")).to.equal(840);
      expect(countryDisplay(586)).to.equal("Pakistan (PK-586)");
      expect(countryDisplay(0)).to.equal("no country");
      expect(countryDisplay(999)).to.equal("unknown country 999");
    });

    it("refuses a number ISO 3166-1 does not assign (999) and a name that is no country, saying what it expects", function () {
      expect(isCountryCode(999)).to.equal(false);
      expect(() => parseCountry("999")).to.throw("999 is not an ISO 3166-1 numeric country code; write the code (586), the alpha-2 code (PK) or the name (Pakistan)");
      expect(() => parseCountry("Atlantis")).to.throw('"Atlantis" is not a country');
    });

    it("the SDK refuses to register an investor or a lot in country 999 before anything is sent", async function () {
      const f = await load();
      const before = await f.platform.as.outsider.getBlockNumber({ cacheTime: 0 });
      try {
        await f.platform.as.compliance.registerInvestor({ wallet: f.platform.address.outsider, country: 999, investorClass: "retail", kycExpiry: new Date(Date.now() + 86_400_000 * 400) });
        expect.fail("registered country 999");
      } catch (error) {
        expect(error).to.be.instanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).shortMessage).to.equal("Invalid country: expected an ISO 3166-1 numeric country code that names a country, got 999");
      }
      expect(await f.platform.as.outsider.getBlockNumber({ cacheTime: 0 })).to.equal(before);
    });

    it("writes an investor class with its article", function () {
      expect(withArticle("institutional")).to.equal("an institutional");
      expect(withArticle("accredited")).to.equal("an accredited");
      expect(withArticle("retail")).to.equal("a retail");
    });

    it("quotes every mineral's price in its market's words", function () {
      expect(Object.values(COMMODITIES).map((c) => c.priceQuote)).to.deep.equal(["USD per fine troy oz", "USD per tonne", "USD per mtu WO3", "USD per tonne", "USD per kg TREO"]);
      expect(Quantity.parse(Commodity.Gold, "1 kg").format()).to.equal("32.151 ozt fine Au");
    });
  });
});
