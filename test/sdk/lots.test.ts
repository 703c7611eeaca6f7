/**
 * The whole life of a lot of each of the five minerals, driven through the SDK against a real in-process chain:
 * register, assay, attest, mint, transfer, documents, dispatch and arrival, a batch transfer across all five lots,
 * settlement, burning and retirement. Every figure is checked against values worked out by hand.
 *
 * The suites share one deployment and run in the order they are declared: the lots are issued and traded first,
 * then moved as a portfolio, then settled and retired.
 */
import { createHash } from "node:crypto";

import { expect } from "chai";
import { keccak256, stringToHex, type Hex } from "viem";

import { COMMODITIES, Commodity, Quantity } from "../../src/index.ts";
import {
  rejection,
  COPPER_CONTAINED_KG,
  COPPER_FIGURES,
  COPPER_PAYABLE_KG,
  assayOf,
  base,
  chainState,
  copperLot,
  daysAgo,
  deployPlatformFixture,
  nextWarehouseReceipt,
  type Platform,
} from "./helpers/platform.ts";
import { MINERAL_LOTS, type MineralLot } from "./helpers/minerals.ts";

/** SHA-256 of a document's bytes, as `addDocument` takes it. */
const sha256 = (content: string): Hex => `0x${createHash("sha256").update(content).digest("hex")}`;

/** The quantity a transfer spec describes, parsed the way a user would type it. */
const parsed = (lot: MineralLot, spec: MineralLot["toB"]): Quantity =>
  Quantity.parse(lot.commodity, spec.text, undefined, spec.rounding ?? "exact");

/** A name in a spelling the types do not list but the SDK accepts. */
const unsafeName = <T>(name: string): T => name as T;

/** Base units investor A keeps after sending to B and to C. */
const keptByA = (lot: MineralLot): bigint => lot.payable.base - lot.toB.base - lot.toC.base;

describe("lots through the SDK", function () {
  let platform: Platform;
  const lotIds = new Map<Commodity, bigint>();
  const lotIdOf = (lot: MineralLot): bigint => {
    const id = lotIds.get(lot.commodity);
    if (id === undefined) throw new Error(`the ${lot.title} lot was not registered by an earlier test`);
    return id;
  };
  const receipts = new Map<Commodity, string>();

  before(async function () {
    platform = await deployPlatformFixture();
  });

  /** Register → assay → attest → mint → transfer → documents → dispatch → arrival, for one lot. */
  function shouldIssueAndTradeALot(lot: MineralLot): void {
    describe(`issuing and trading ${lot.title}`, function () {
      it(`registers it with ${lot.payable.formatted} payable, derived exactly as the registry does`, async function () {
        const receipt = nextWarehouseReceipt(lot.originId.slice(0, 2));
        receipts.set(lot.commodity, receipt);
        const registered = await platform.as.issuer.registerLot({
          commodity: lot.commodity,
          form: lot.form,
          countryCode: lot.countryCode,
          originId: lot.originId,
          externalRef: receipt,
          ...lot.figures,
          custodian: platform.address.custodian,
          location: lot.location,
        });
        lotIds.set(lot.commodity, registered.lotId);

        expect(registered.contained.eq(base(lot.commodity, lot.contained.base))).to.equal(true);
        expect(registered.payable.eq(base(lot.commodity, lot.payable.base))).to.equal(true);
        expect(registered.externalRef).to.equal(keccak256(stringToHex(receipt)));
        expect(registered.receipt.status).to.equal("success");

        const view = await platform.as.outsider.getLot({ lotId: registered.lotId });
        expect(view.lotId).to.equal(registered.lotId);
        expect(view.commodity).to.equal(lot.commodity);
        expect(view.form).to.equal(lot.form);
        expect(view.basis).to.equal(lot.basis);
        expect(view.state).to.equal("registered");
        expect(view.countryCode).to.equal(lot.countryCode);
        expect(view.originId).to.equal(lot.originId);
        expect(view.location).to.equal(lot.location);
        expect(view.externalRef).to.equal(keccak256(stringToHex(receipt)));
        expect(view.custodian).to.equal(platform.address.custodian);
        expect(view.pendingCustodian).to.equal(undefined);
        expect(view.wetMassGrams).to.equal(lot.figures.wetMassGrams);
        expect(view.moistureBps).to.equal(lot.figures.moistureBps);
        expect(view.gradePpb).to.equal(lot.figures.gradePpb);
        expect(view.payableBps).to.equal(lot.figures.payableBps);

        expect(view.contained.base).to.equal(lot.contained.base);
        expect(view.contained.toMarket()).to.equal(lot.contained.market);
        expect(view.payable.base).to.equal(lot.payable.base);
        expect(view.payable.toMarket()).to.equal(lot.payable.market);
        expect(view.payable.format()).to.equal(lot.payable.formatted);
        expect(view.payable.to(lot.payableIn.unit)).to.equal(lot.payableIn.text);
        for (const nothingYet of [view.attested, view.minted, view.burned, view.outstanding, view.mintable]) {
          expect(nothingYet.isZero()).to.equal(true);
          expect(nothingYet.commodity).to.equal(lot.commodity);
        }
        expect(view.registeredAt.getTime()).to.equal(view.updatedAt.getTime());
      });

      it("records the assay: registered → assayed, with the same quantities", async function () {
        const assay = await platform.as.assayer.recordAssay({ lotId: lotIdOf(lot), ...assayOf(lot.figures) });
        expect(assay.contained.base).to.equal(lot.contained.base);
        expect(assay.payable.base).to.equal(lot.payable.base);

        const view = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(view.state).to.equal("assayed");
        expect(view.payable.toMarket()).to.equal(lot.payable.market);
        expect(view.mintable.isZero()).to.equal(true);
      });

      it("attests custody of the whole payable quantity: assayed → warehoused, all of it mintable", async function () {
        // The market figure, read back half-even, is exactly the payable quantity (gold: 3,553.119663 ozt → mg).
        const quantity = Quantity.parse(lot.commodity, lot.payable.market, undefined, "half-even");
        expect(quantity.base).to.equal(lot.payable.base);
        const { attested } = await platform.as.custodian.attestCustody({ lotId: lotIdOf(lot), quantity, location: lot.location });
        expect(attested.base).to.equal(lot.payable.base);

        const view = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(view.state).to.equal("warehoused");
        expect(view.attested.base).to.equal(lot.payable.base);
        expect(view.mintable.base).to.equal(lot.payable.base);
        expect(view.mintable.toMarket()).to.equal(lot.payable.market);
      });

      it("mints the attested quantity to investor A, leaving nothing mintable", async function () {
        const view = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        const { minted } = await platform.as.issuer.mintUnits({ lotId: lotIdOf(lot), to: platform.address.investorA, amount: view.mintable });
        expect(minted.base).to.equal(lot.payable.base);

        const after = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(after.minted.base).to.equal(lot.payable.base);
        expect(after.outstanding.toMarket()).to.equal(lot.payable.market);
        expect(after.burned.isZero()).to.equal(true);
        expect(after.mintable.isZero()).to.equal(true);

        const holdings = await platform.as.outsider.getBalances({ owner: platform.address.investorA });
        const holding = holdings.find((h) => h.lotId === lotIdOf(lot));
        expect(holding?.commodity).to.equal(lot.commodity);
        expect(holding?.balance.base).to.equal(lot.payable.base);
      });

      it(`transfers ${lot.toB.text} (${lot.toB.base} ${COMMODITIES[lot.commodity].baseUnit}) from investor A to investor B`, async function () {
        const amount = parsed(lot, lot.toB);
        expect(amount.base).to.equal(lot.toB.base);
        expect(amount.toMarket()).to.equal(lot.toB.market);

        const { transferred } = await platform.as.investorA.transferUnits({ lotId: lotIdOf(lot), to: platform.address.investorB, amount });
        expect(transferred.eq(amount)).to.equal(true);

        const [a] = (await platform.as.outsider.getBalances({ owner: platform.address.investorA })).filter((h) => h.lotId === lotIdOf(lot));
        const [b] = (await platform.as.outsider.getBalances({ owner: platform.address.investorB })).filter((h) => h.lotId === lotIdOf(lot));
        expect(a?.balance.base).to.equal(lot.payable.base - lot.toB.base);
        expect(b?.balance.base).to.equal(lot.toB.base);
      });

      it("shows the cap table, largest holder first, with shares of the outstanding units rounded down", async function () {
        const holders = await platform.as.outsider.getHolders({ lotId: lotIdOf(lot) });
        const expected = [
          { holder: platform.address.investorA, base: lot.payable.base - lot.toB.base, shareBps: lot.shareBps.a },
          { holder: platform.address.investorB, base: lot.toB.base, shareBps: lot.shareBps.b },
        ].sort((x, y) => (x.base > y.base ? -1 : 1));
        expect(holders.map((h) => ({ holder: h.holder, base: h.balance.base, shareBps: h.shareBps }))).to.deep.equal(expected);
        for (const h of holders) expect(h.balance.commodity).to.equal(lot.commodity);
      });

      it("records documents by their SHA-256 from the assayer and the custodian", async function () {
        const issuedAt = await daysAgo(platform, 3);
        const certificate = sha256(`assay certificate of ${lot.originId}`);
        const receiptDoc = sha256(`warehouse receipt ${receipts.get(lot.commodity)}`);
        const first = await platform.as.assayer.addDocument({
          lotId: lotIdOf(lot),
          docType: "assay-certificate",
          sha256: certificate,
          uri: `ipfs://assays/${lot.originId}.pdf`,
          issuedAt,
        });
        const second = await platform.as.custodian.addDocument({
          lotId: lotIdOf(lot),
          docType: "warehouse-receipt",
          sha256: receiptDoc,
          uri: "",
          issuedAt,
        });
        expect([first.index, second.index]).to.deep.equal([0n, 1n]);

        const { documents, total, nextOffset } = await platform.as.outsider.getDocuments({ lotId: lotIdOf(lot) });
        expect(total).to.equal(2);
        expect(nextOffset).to.equal(undefined);
        expect(documents).to.deep.equal([
          {
            index: 0,
            docType: "assay-certificate",
            sha256: certificate,
            uri: `ipfs://assays/${lot.originId}.pdf`,
            issuer: platform.address.assayer,
            issuedAt,
          },
          { index: 1, docType: "warehouse-receipt", sha256: receiptDoc, uri: "", issuer: platform.address.custodian, issuedAt },
        ]);
      });

      it("dispatches it to the other custodian (warehoused → in-transit), which confirms its arrival and attests it (→ warehoused)", async function () {
        await platform.as.custodian.dispatchLot({ lotId: lotIdOf(lot), toCustodian: platform.address.otherCustodian, destination: lot.destination });
        const moving = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(moving.state).to.equal("in-transit");
        expect(moving.custodian).to.equal(platform.address.custodian);
        expect(moving.pendingCustodian).to.equal(platform.address.otherCustodian);
        expect(moving.mintable.isZero()).to.equal(true);

        const { attested } = await platform.as.otherCustodian.confirmArrival({
          lotId: lotIdOf(lot),
          location: lot.arrival,
          quantity: base(lot.commodity, lot.payable.base),
        });
        expect(attested.eq(base(lot.commodity, lot.payable.base))).to.equal(true);
        const arrived = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(arrived.state).to.equal("warehoused");
        expect(arrived.custodian).to.equal(platform.address.otherCustodian);
        expect(arrived.pendingCustodian).to.equal(undefined);
        expect(arrived.location).to.equal(lot.arrival);
        expect(arrived.attested.base).to.equal(lot.payable.base);
        expect(arrived.outstanding.base).to.equal(lot.payable.base);
      });
    });
  }

  /** Settlement → burning → retirement, and the timeline of the whole life, for one lot. */
  function shouldSettleAndRetireALot(lot: MineralLot): void {
    describe(`settling and retiring ${lot.title}`, function () {
      it("starts settlement: warehoused → settling", async function () {
        await platform.as.issuer.startSettlement({ lotId: lotIdOf(lot), saleRef: lot.saleRef, treasury: platform.address.issuer });
        const view = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(view.state).to.equal("settling");
        expect(view.mintable.isZero()).to.equal(true);
      });

      it("lets every holder redeem its units at the proceeds vault (which burns them) until none are outstanding", async function () {
        expect((await platform.as.investorA.claimProceeds({ lotId: lotIdOf(lot) })).redeemed.base).to.equal(keptByA(lot));
        expect((await platform.as.investorB.claimProceeds({ lotId: lotIdOf(lot) })).redeemed.base).to.equal(parsed(lot, lot.toB).base);
        const half = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(half.burned.base).to.equal(lot.payable.base - lot.toC.base);
        expect(half.outstanding.base).to.equal(lot.toC.base);
        expect((await platform.as.outsider.getHolders({ lotId: lotIdOf(lot) })).map((h) => [h.holder, h.shareBps])).to.deep.equal([
          [platform.address.investorC, 10_000],
        ]);

        const { redeemed } = await platform.as.investorC.claimProceeds({ lotId: lotIdOf(lot) });
        expect(redeemed.base).to.equal(lot.toC.base);

        const view = await platform.as.outsider.getLot({ lotId: lotIdOf(lot) });
        expect(view.minted.base).to.equal(lot.payable.base);
        expect(view.burned.base).to.equal(lot.payable.base);
        expect(view.outstanding.isZero()).to.equal(true);
        expect(await platform.as.outsider.getHolders({ lotId: lotIdOf(lot) })).to.deep.equal([]);
      });

      it("retires it once no units are outstanding and its final payment is declared: settling → retired", async function () {
        // The holders redeemed before any payment: their positions wait for it, so the lot retires only after the
        // treasury declares the final payment (here a sale that paid nothing more).
        expect(String(await rejection(platform.as.issuer.retireLot({ lotId: lotIdOf(lot) })))).to.match(/before its final sale payment is declared/);
        await platform.as.issuer.depositProceeds({ lotId: lotIdOf(lot), amount: 0n, final: true });
        await platform.as.issuer.retireLot({ lotId: lotIdOf(lot) });
        expect((await platform.as.outsider.getLot({ lotId: lotIdOf(lot) })).state).to.equal("retired");
      });

      it("tells only its lifecycle steps, without the unit-accounting tally of its mint and redemptions, when asked", async function () {
        const all = await platform.as.outsider.getLotHistory({ lotId: lotIdOf(lot) });
        const steps = await platform.as.outsider.getLotHistory({ lotId: lotIdOf(lot), unitAccounting: false });
        expect(steps.map((e) => e.event)).to.deep.equal(all.filter((e) => e.event !== "UnitsAccounted").map((e) => e.event));
        expect(all.length - steps.length).to.equal(4); // the mint and three redemptions
      });

      it("tells its whole life in order in the timeline", async function () {
        const timeline = await platform.as.outsider.getLotHistory({ lotId: lotIdOf(lot) });
        expect(timeline.map((e) => e.event)).to.deep.equal([
          "LotRegistered",
          "LotStateChanged",
          "LotStateChanged",
          "LotAssayed",
          "LotStateChanged",
          "CustodyAttested",
          "UnitsAccounted", // mint
          "DocumentAdded",
          "DocumentAdded",
          "LotStateChanged",
          "LotDispatched",
          "LotStateChanged",
          "LotArrived",
          "CustodyAttested", // the receiving custodian's attestation on arrival
          "LotStateChanged",
          "SettlementStarted",
          "UnitsAccounted", // three redemptions, each burned by the proceeds vault
          "UnitsAccounted",
          "UnitsAccounted",
          "LotStateChanged",
          "LotRetired",
        ]);
        const transitions = timeline.filter((e) => e.event === "LotStateChanged").map((e) => `${e.from} → ${e.to}`);
        expect(transitions).to.deep.equal([
          "none → registered",
          "registered → assayed",
          "assayed → warehoused",
          "warehoused → in-transit",
          "in-transit → warehoused",
          "warehoused → settling",
          "settling → retired",
        ]);
        for (const [earlier, later] of timeline.slice(0, -1).map((e, i) => [e, timeline[i + 1]!] as const)) {
          expect(later.blockNumber >= earlier.blockNumber).to.equal(true);
          expect(later.timestamp.getTime() >= earlier.timestamp.getTime()).to.equal(true);
        }
        for (const entry of timeline) expect(entry.args.lotId).to.equal(lotIdOf(lot));
        for (const entry of timeline.filter((e) => e.event !== "LotStateChanged")) {
          expect(entry.from).to.equal(undefined);
          expect(entry.to).to.equal(undefined);
        }
      });
    });
  }

  for (const lot of MINERAL_LOTS) shouldIssueAndTradeALot(lot);

  describe("a portfolio of all five lots", function () {
    it("moves units of the five lots to investor C in one batch transfer", async function () {
      const before = await chainState(platform);
      await platform.as.investorA.batchTransferUnits({
        to: platform.address.investorC,
        items: MINERAL_LOTS.map((lot) => ({ lotId: lotIdOf(lot), amount: parsed(lot, lot.toC) })),
      });
      const after = await chainState(platform);
      expect(after.blockNumber).to.equal(before.blockNumber + 1n);
      expect(after.nonces.investorA).to.equal(before.nonces.investorA! + 1n);

      const holdings = await platform.as.outsider.getBalances({ owner: platform.address.investorC });
      expect(holdings.map((h) => ({ lotId: h.lotId, commodity: h.commodity, base: h.balance.base, market: h.balance.toMarket() }))).to.deep.equal(
        MINERAL_LOTS.map((lot) => ({ lotId: lotIdOf(lot), commodity: lot.commodity, base: lot.toC.base, market: lot.toC.market })),
      );
    });

    it("leaves investor A with the payable quantity less both transfers, lot by lot", async function () {
      const holdings = await platform.as.outsider.getBalances({ owner: platform.address.investorA });
      expect(holdings.map((h) => [h.lotId, h.balance.base])).to.deep.equal(MINERAL_LOTS.map((lot) => [lotIdOf(lot), keptByA(lot)]));
    });

    it("returns no holdings for an account that never held units", async function () {
      expect(await platform.as.outsider.getBalances({ owner: platform.address.outsider })).to.deep.equal([]);
    });

    it("lists the five lots in id order, all warehoused with the other custodian", async function () {
      const lots = await platform.as.outsider.listLots();
      expect(lots.map((l) => [l.lotId, l.commodity, l.state, l.custodian])).to.deep.equal(
        MINERAL_LOTS.map((lot) => [lotIdOf(lot), lot.commodity, "warehoused", platform.address.otherCustodian]),
      );
    });

    it("totals payable, attested and outstanding units per commodity in the platform report", async function () {
      const report = await platform.as.outsider.getPlatformReport();
      expect(report.chainId).to.equal(31337);
      expect(report.contracts).to.deep.equal(platform.deployment.contracts);
      expect(report.lots.map((l) => l.lotId)).to.deep.equal(MINERAL_LOTS.map((lot) => lotIdOf(lot).toString()));
      expect(report.totals.map(({ commodity, lots, payable, attested, outstanding }) => ({ commodity, lots, payable, attested, outstanding }))).to.deep.equal(
        MINERAL_LOTS.map((lot) => {
          const { name, baseUnit, marketUnit } = COMMODITIES[lot.commodity];
          const json = { commodity: name, base: lot.payable.base.toString(), baseUnit, market: lot.payable.market, marketUnit };
          return { commodity: name, lots: 1, payable: json, attested: json, outstanding: json };
        }),
      );
    });
  });

  for (const lot of MINERAL_LOTS) shouldSettleAndRetireALot(lot);

  describe("after every lot is retired", function () {
    it("reports nothing outstanding on the platform", async function () {
      const report = await platform.as.outsider.getPlatformReport();
      expect(report.lots.map((l) => l.state)).to.deep.equal(MINERAL_LOTS.map(() => "retired"));
      for (const total of report.totals) expect(total.outstanding.base).to.equal("0");
      for (const [i, total] of report.totals.entries()) expect(total.payable.market).to.equal(MINERAL_LOTS[i]!.payable.market);
    });
  });
});

describe("an assay that differs from the declaration", function () {
  let platform: Platform;
  let lotId: bigint;

  before(async function () {
    platform = await deployPlatformFixture();
  });

  it("registers with the declared 26.0% Cu: 2,308.280 t payable", async function () {
    // 9,200 dmt x 26.0% = 2,392 t Cu; x 96.5% = 2,308.280 t.
    const registered = await platform.as.issuer.registerLot(copperLot(platform, { gradePpb: 260_000_000n }));
    lotId = registered.lotId;
    expect(registered.contained.base).to.equal(2_392_000n);
    expect(registered.payable.toMarket()).to.equal("2308.280");
  });

  it("recomputes contained and payable from the assayed 26.5% Cu: 2,352.670 t payable", async function () {
    const assay = await platform.as.assayer.recordAssay({ lotId, ...assayOf(COPPER_FIGURES) });
    expect(assay.contained.base).to.equal(COPPER_CONTAINED_KG);
    expect(assay.payable.base).to.equal(COPPER_PAYABLE_KG);

    const view = await platform.as.outsider.getLot({ lotId });
    expect(view.gradePpb).to.equal(265_000_000n);
    expect(view.contained.toMarket()).to.equal("2438.000");
    expect(view.payable.toMarket()).to.equal("2352.670");
  });

  it("lets the custodian attest less than payable, and later lower it to what is minted", async function () {
    await platform.as.custodian.attestCustody({ lotId, quantity: Quantity.parse(Commodity.Copper, "2,000 t"), location: "Callao bonded warehouse 3" });
    expect((await platform.as.outsider.getLot({ lotId })).mintable.toMarket()).to.equal("2000.000");

    await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: Quantity.parse(Commodity.Copper, "1,500.5 t") });
    await platform.as.custodian.attestCustody({ lotId, quantity: 1_500_500n, location: "Callao bonded warehouse 4" });

    const view = await platform.as.outsider.getLot({ lotId });
    expect(view.state).to.equal("warehoused");
    expect(view.attested.toMarket()).to.equal("1500.500");
    expect(view.mintable.isZero()).to.equal(true);
    expect(view.location).to.equal("Callao bonded warehouse 4");
  });

  it("accepts lot ids as numbers and decimal strings as well as bigints", async function () {
    const [byNumber, byString] = await Promise.all([
      platform.as.outsider.getLot({ lotId: Number(lotId) }),
      platform.as.outsider.getLot({ lotId: lotId.toString() }),
    ]);
    expect(byNumber.payable.eq(byString.payable)).to.equal(true);
    expect(byString.lotId).to.equal(lotId);
  });

  it("keeps an external reference given as a 32-byte hash as is, in lower case", async function () {
    const hash = keccak256(stringToHex("BAR-SERIALS-AHAFO-2026-0001..0025"));
    const { externalRef, lotId: second } = await platform.as.issuer.registerLot(copperLot(platform, { externalRef: hash.toUpperCase().replace("0X", "0x") }));
    expect(externalRef).to.equal(hash);
    expect((await platform.as.outsider.getLot({ lotId: second })).externalRef).to.equal(hash);
  });

  it("reads forms and document types in any case, with underscores for dashes", async function () {
    const { lotId: cathode } = await platform.as.issuer.registerLot(copperLot(platform, { form: unsafeName("CATHODE") }));
    expect((await platform.as.outsider.getLot({ lotId: cathode })).form).to.equal("cathode");
    await platform.as.custodian.addDocument({
      lotId: cathode,
      docType: unsafeName("Bill_Of_Lading"),
      sha256: sha256("B/L MATARANI 2026-118"),
      uri: "",
      issuedAt: await daysAgo(platform, 2),
    });
    expect((await platform.as.outsider.getDocuments({ lotId: cathode })).documents.map((d) => d.docType)).to.deep.equal(["bill-of-lading"]);
  });

  it("grants roles and reads them back through the SDK", async function () {
    expect(await platform.as.outsider.hasRole({ role: "assayer", account: platform.address.investorB })).to.equal(false);
    await platform.as.admin.grantRole({ role: "assayer", account: platform.address.investorB });
    expect(await platform.as.outsider.hasRole({ role: "assayer", account: platform.address.investorB })).to.equal(true);
    expect(await platform.as.outsider.hasRole({ role: "issuer", account: platform.address.issuer })).to.equal(true);
    expect(await platform.as.outsider.hasRole({ role: "custodian", account: platform.address.otherCustodian })).to.equal(true);
  });
});
