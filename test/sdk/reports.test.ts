/**
 * Reports are what an auditor reads: plain JSON (integers as decimal strings, dates as ISO text, no floats),
 * figures as percentages, quantities in base and market units, the cap table, documents and the timeline.
 */
import { createHash } from "node:crypto";

import { expect } from "chai";
import { keccak256, stringToHex, type Hex } from "viem";

import { Commodity, Quantity, type LotReport } from "../../src/index.ts";
import {
  copperLot,
  daysAgo,
  deployPlatformFixture,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

const sha256 = (content: string): Hex => `0x${createHash("sha256").update(content).digest("hex")}`;

/** The JSON form of a copper quantity of `kg` kilograms. */
const copperJson = (kg: bigint, market: string) => ({ commodity: "copper", base: kg.toString(), baseUnit: "kg", market, marketUnit: "t" });
const goldJson = (mg: bigint, market: string) => ({ commodity: "gold", base: mg.toString(), baseUnit: "mg", market, marketUnit: "ozt" });

describe("reports", function () {
  let platform: Platform;
  /** Copper, warehoused: investor A holds 1,352.670 t, investor B 1,000 t; one assay certificate. */
  let copper: bigint;
  /** Copper, registered with the same figures, nothing attested. */
  let registered: bigint;
  /** Gold doré, in transit to the other custodian; investor A holds 1,000 ozt. */
  let gold: bigint;
  let certificate: { sha256: Hex; issuedAt: Date };
  let copperReceipt: string;

  before(async function () {
    platform = await deployPlatformFixture();
    const { as, address } = platform;

    copper = await warehousedCopperLot(platform);
    await as.issuer.mintUnits({ lotId: copper, to: address.investorA, amount: Quantity.parse(Commodity.Copper, "2,352.670 t") });
    await as.investorA.transferUnits({ lotId: copper, to: address.investorB, amount: Quantity.parse(Commodity.Copper, "1,000 t") });
    certificate = { sha256: sha256("SGS Callao assay certificate 2026-0042"), issuedAt: await daysAgo(platform, 5) };
    await as.assayer.addDocument({ lotId: copper, docType: "assay-certificate", uri: "ipfs://certs/0042.pdf", ...certificate });

    copperReceipt = "WR-CALLAO-2026-REPORT";
    ({ lotId: registered } = await as.issuer.registerLot(copperLot(platform, { externalRef: copperReceipt })));

    ({ lotId: gold } = await as.issuer.registerLot(
      copperLot(platform, {
        commodity: Commodity.Gold,
        form: "dore",
        countryCode: 288,
        originId: "GH-AHAFO-SOUTH-01",
        wetMassGrams: 125_000n,
        moistureBps: 0,
        gradePpb: 885_000_000n,
        payableBps: 9990,
        location: "Accra refinery vault 2",
      }),
    ));
    await as.assayer.recordAssay({ lotId: gold, moistureBps: 0, gradePpb: 885_000_000n, payableBps: 9990 });
    await as.custodian.attestCustody({ lotId: gold, quantity: 110_514_375n, location: "Accra refinery vault 2" });
    await as.issuer.mintUnits({ lotId: gold, to: address.investorA, amount: Quantity.parse(Commodity.Gold, "1,000 ozt", undefined, "half-even") });
    await as.custodian.dispatchLot({ lotId: gold, toCustodian: address.otherCustodian, destination: "Zurich refinery" });
  });

  describe("of one lot", function () {
    let report: LotReport;

    before(async function () {
      report = await platform.as.outsider.getLotReport({ lotId: copper });
    });

    it("is plain JSON: it survives JSON.stringify and JSON.parse unchanged", function () {
      expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
    });

    it("states the lot's facts with names, not enum numbers", async function () {
      const lot = await platform.as.outsider.getLot({ lotId: copper });
      expect(report).to.deep.include({
        lotId: copper.toString(),
        commodity: "copper",
        symbol: "Cu",
        form: "concentrate",
        basis: "element",
        basisLabel: "Cu",
        state: "warehoused",
        countryCode: 604,
        originId: "PE-ANTAMINA-01",
        externalRef: lot.externalRef,
        location: "Callao bonded warehouse 3",
        custodian: platform.address.custodian,
        pendingCustodian: null,
        marketUnit: "t",
        priceQuote: "USD per tonne",
        registeredAt: lot.registeredAt.toISOString(),
        updatedAt: lot.updatedAt.toISOString(),
      });
      expect(report.registeredAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    });

    it("gives the figures as exact percentages and the wet mass in tonnes", function () {
      expect(report.figures).to.deep.equal({
        wetMassGrams: "10000000000",
        wetMassTonnes: "10000.000000",
        wetMass: "10,000 wmt",
        moisturePercent: "8.00",
        gradePercent: "26.5",
        payablePercent: "96.50",
      });
    });

    it("gives every quantity in base units and in tonnes of Cu", function () {
      expect(report.quantities).to.deep.equal({
        contained: copperJson(2_438_000n, "2438.000"),
        payable: copperJson(2_352_670n, "2352.670"),
        attested: copperJson(2_352_670n, "2352.670"),
        minted: copperJson(2_352_670n, "2352.670"),
        burned: copperJson(0n, "0.000"),
        outstanding: copperJson(2_352_670n, "2352.670"),
        mintable: copperJson(0n, "0.000"),
      });
    });

    it("gives the cap table with investor records and shares that add up to exactly 100.00 % (largest remainder)", function () {
      // 1,352,670 / 2,352,670 = 57.4952...%; 1,000,000 / 2,352,670 = 42.5047...%: rounded down they add up to
      // 99.99 %, and the hundredth left goes to the larger remainder (A's 0.52 against B's 0.47).
      expect(report.holders.map((h) => [h.holder, h.balance, h.sharePercent, h.frozen.base, h.accountFrozen])).to.deep.equal([
        [platform.address.investorA, copperJson(1_352_670n, "1352.670"), "57.50", "0", false],
        [platform.address.investorB, copperJson(1_000_000n, "1000.000"), "42.50", "0", false],
      ]);
      for (const h of report.holders) {
        expect(h.investorId).to.not.equal("0");
        expect(h.countryName).to.not.match(/unknown|not registered/);
      }
      // At 9,750 USD per t: 1,352.670 t = 13,188,532.50 USD; 1,000 t = 9,750,000.00 USD.
      expect(report.holders.map((h) => h.value.text)).to.deep.equal(["13,188,532.50 USD", "9,750,000.00 USD"]);
    });

    it("lists the documents with ISO dates", function () {
      expect(report.documents).to.deep.equal([
        {
          index: 0,
          docType: "assay-certificate",
          sha256: certificate.sha256,
          uri: "ipfs://certs/0042.pdf",
          issuer: platform.address.assayer,
          issuedAt: certificate.issuedAt.toISOString(),
        },
      ]);
    });

    it("tells the timeline once per step, each state change on the step that made it, with blocks as decimal strings and transaction hashes", async function () {
      expect(report.timeline.map((e) => [e.event, e.from ?? null, e.to ?? null])).to.deep.equal([
        ["LotRegistered", "none", "registered"],
        ["LotAssayed", "registered", "assayed"],
        ["CustodyAttested", "assayed", "warehoused"],
        ["DocumentAdded", null, null],
      ]);
      // The report tells the lifecycle steps; the mint's UnitsAccounted tally is in its figures, not its timeline. Each
      // state change is folded into its step, so every step's transaction appears once.
      const history = (await platform.as.outsider.getLotHistory({ lotId: copper, unitAccounting: false })).filter((e) => e.event !== "LotStateChanged");
      expect(report.timeline.map((e) => [e.block, e.timestamp, e.transactionHash])).to.deep.equal(
        history.map((e) => [e.blockNumber.toString(), e.timestamp.toISOString(), e.transactionHash]),
      );
      for (const entry of report.timeline) expect(entry.block).to.match(/^\d+$/);
      for (const entry of report.timeline) expect(entry.actorLabel).to.equal(null); // people, not platform accounts
    });

    it("gives the lot's metadata URI: the deployment's base URI followed by the lot id", function () {
      // deployPlatform's default base URI is "ipfs://minerals-lots/"; LotToken documents uri(id) = baseURI + id.
      expect(report.metadataURI).to.equal(`ipfs://minerals-lots/${copper}`);
    });
  });

  describe("of a gold lot in transit", function () {
    it("names the custodian it was dispatched to and gives ounces", async function () {
      const report = await platform.as.outsider.getLotReport({ lotId: gold });
      expect(report.state).to.equal("in-transit");
      expect(report.custodian).to.equal(platform.address.custodian);
      expect(report.pendingCustodian).to.equal(platform.address.otherCustodian);
      expect(report.basisLabel).to.equal("fine Au");
      expect(report.priceQuote).to.equal("USD per fine troy oz");
      expect(report.figures).to.deep.equal({
        wetMassGrams: "125000",
        wetMassTonnes: "0.125000",
        wetMass: "125 kg",
        moisturePercent: "0.00",
        gradePercent: "88.5",
        payablePercent: "99.90",
      });
      expect(report.quantities.payable).to.deep.equal(goldJson(110_514_375n, "3553.119663"));
      expect(report.quantities.outstanding).to.deep.equal(goldJson(31_103_477n, "1000.000006"));
      expect(report.quantities.mintable).to.deep.equal(goldJson(0n, "0.000000"));
      expect(report.holders.map((h) => [h.holder, h.balance, h.sharePercent])).to.deep.equal([
        [platform.address.investorA, goldJson(31_103_477n, "1000.000006"), "100.00"],
      ]);
      expect(report.timeline.at(-1)).to.deep.include({ event: "LotDispatched", from: "warehoused", to: "in-transit" });
    });
  });

  describe("of a lot only registered", function () {
    it("has no holders, no documents and nothing attested", async function () {
      const report = await platform.as.outsider.getLotReport({ lotId: registered });
      expect(report.state).to.equal("registered");
      expect(report.externalRef).to.equal(keccak256(stringToHex(copperReceipt)));
      expect(report.holders).to.deep.equal([]);
      expect(report.documents).to.deep.equal([]);
      expect(report.quantities.payable.market).to.equal("2352.670");
      expect(report.quantities.attested.base).to.equal("0");
      expect(report.timeline.map((e) => [e.event, e.to])).to.deep.equal([["LotRegistered", "registered"]]);
    });
  });

  describe("of the platform", function () {
    it("reports every lot exactly as the lot report does, without rules, by-products, documents and timeline", async function () {
      const report = await platform.as.outsider.getPlatformReport();
      expect(report.lots.map((l) => l.lotId)).to.deep.equal([copper, registered, gold].map(String));
      const each = await Promise.all([copper, registered, gold].map((lotId) => platform.as.outsider.getLotReport({ lotId })));
      expect(report.lots).to.deep.equal(each.map(({ rules: _r, documents: _d, timeline: _t, byProducts: _b, ...summary }) => summary));
      expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
    });

    it("totals each commodity over its lots, in commodity order", async function () {
      const { totals, chainId, contracts } = await platform.as.outsider.getPlatformReport();
      expect(chainId).to.equal(31337);
      expect(contracts).to.deep.equal(platform.deployment.contracts);
      // Two copper lots of 2,352.670 t payable each; only the first is attested and minted.
      expect(totals.map(({ commodity, lots, payable, attested, outstanding }) => ({ commodity, lots, payable, attested, outstanding }))).to.deep.equal([
        {
          commodity: "gold",
          lots: 1,
          payable: goldJson(110_514_375n, "3553.119663"),
          attested: goldJson(110_514_375n, "3553.119663"),
          outstanding: goldJson(31_103_477n, "1000.000006"),
        },
        {
          commodity: "copper",
          lots: 2,
          payable: copperJson(4_705_340n, "4705.340"),
          attested: copperJson(2_352_670n, "2352.670"),
          outstanding: copperJson(2_352_670n, "2352.670"),
        },
      ]);
    });

    it("is empty on a fresh deployment", async function () {
      const fresh = await deployPlatformFixture();
      const report = await fresh.as.outsider.getPlatformReport();
      expect(report.lots).to.deep.equal([]);
      expect(report.totals).to.deep.equal([]);
      expect(await fresh.as.outsider.listLots()).to.deep.equal([]);
    });
  });
});
