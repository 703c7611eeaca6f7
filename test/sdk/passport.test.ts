/**
 * The lot passport through the SDK, against a real in-process chain: a lot from the mine is split into two shipments,
 * one is blended with a second lot and the blend refined into cathode; the passport of the cathode reaches back to both
 * mine lots with their origin, assays (a by-product's too), custody moves, attestations and documents, every step with
 * what each input gave each output and the refinery's mass balance, who holds each lot and how far the holders of a
 * processed lot converted. A passport read at a block is read again at that block exactly, and `verifyPassport` says
 * which lines of a tampered one differ; document files are matched to their recorded hashes.
 *
 * Fixture: the platform; lot "first" from Chagai (Balochistan) with an assay certificate and gold assayed at 2.5 g/t,
 * investors A and B hold 100 t and 60 t of it; lot "second" from Chitral (Khyber Pakhtunkhwa), moved to the port and
 * counted again on arrival, with a weight certificate; first split into two shipments; A converts; shipment 1 blended
 * with second; the blend refined into cathode at a loss.
 */
import { createHash } from "node:crypto";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, type Hex } from "viem";

import {
  Commodity,
  MineralsError,
  Quantity,
  checkDocumentFiles,
  comparePassports,
  documentFileName,
  lotOrigin,
  type Passport,
  type ProcessingOutput,
} from "../../src/index.ts";
import { COPPER_PAYABLE_KG, copperLot, deployPlatformOn, rejection, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const sha256 = (text: string): Hex => `0x${createHash("sha256").update(text).digest("hex")}`;
const ASSAY_CERTIFICATE = "Assay certificate CHG-0042: Cu 26.5 %, Au 2.5 g/t";
const WEIGHT_CERTIFICATE = "Weight certificate KHI-77: 10,000 wmt";

interface Fixture {
  platform: Platform;
  first: bigint;
  second: bigint;
  shipments: [bigint, bigint];
  blend: bigint;
  cathode: bigint;
  /** The block after the refining step, before anything else happened. */
  refinedAt: bigint;
}

let refs = 0;
function output(platform: Platform, quantity: Quantity, overrides: Partial<ProcessingOutput> = {}): ProcessingOutput {
  refs += 1;
  return { quantity, massGrams: 1_000_000n, gradePpb: 250_000_000n, custodian: platform.address.otherCustodian, location: "Port Qasim warehouse 2", externalRef: `PASSPORT-SHIPMENT-${refs}`, ...overrides };
}

async function passportFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const { as, address } = platform;
  // Two lots from the mine: registered with an origin id that carries province, district and concession.
  const { lotId: first } = await as.issuer.registerLot(copperLot(platform, { countryCode: 586, originId: "PK-BA-CHAGAI-EL-0042" }));
  await as.assayer.recordAssay({ lotId: first, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
  await as.custodian.attestCustody({ lotId: first, quantity: Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG), location: "Chagai mine stockyard" });
  const day = new Date(Number((await as.outsider.getBlock()).timestamp) * 1000);
  await as.assayer.addDocument({ lotId: first, docType: "assay-certificate", sha256: sha256(ASSAY_CERTIFICATE), uri: "https://docs.example/lots/chagai/assay-CHG-0042.pdf", issuedAt: day });
  await as.assayer.recordByProduct({ lotId: first, byProduct: Commodity.Gold, gradePpb: 2_500n });
  await as.issuer.mintUnits({ lotId: first, to: address.investorA, amount: t("100") });
  await as.issuer.mintUnits({ lotId: first, to: address.investorB, amount: t("60") });

  const { lotId: second } = await as.issuer.registerLot(copperLot(platform, { countryCode: 586, originId: "PK-KP-CHITRAL-ML-0011" }));
  await as.assayer.recordAssay({ lotId: second, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
  await as.custodian.attestCustody({ lotId: second, quantity: Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG), location: "Chitral mine stockyard" });
  await as.custodian.dispatchLot({ lotId: second, toCustodian: address.otherCustodian, destination: "Port Qasim" });
  await as.otherCustodian.confirmArrival({ lotId: second, location: "Port Qasim warehouse 2", quantity: Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG) });
  await as.otherCustodian.addDocument({ lotId: second, docType: "weight-certificate", sha256: sha256(WEIGHT_CERTIFICATE), uri: "https://docs.example/lots/chitral/weight-KHI-77.pdf", issuedAt: day });

  // Split the first lot into two shipments, A converts, blend shipment 1 with the second lot, refine the blend.
  const half = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG / 2n);
  const split = await as.issuer.splitLot({ lotId: first, outputs: [output(platform, half), output(platform, Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG - half.base))] });
  const shipments = split.outputs.map((o) => o.lotId) as [bigint, bigint];
  await as.investorA.convertUnits({ lotId: first });
  const blended = await as.issuer.blendLots({ lotIds: [shipments[0], second], output: output(platform, Quantity.fromBase(Commodity.Copper, half.base + COPPER_PAYABLE_KG)) });
  const blend = blended.outputs[0]!.lotId;
  const refined = await as.refiner.processLots({ lotIds: [blend], product: output(platform, t("3,400"), { form: "cathode", gradePpb: 999_900_000n, externalRef: "PASSPORT-CATHODE-1" }) });
  const refinedAt = await as.outsider.getBlockNumber({ cacheTime: 0 });
  return { platform, first, second, shipments, blend, cathode: refined.outputs[0]!.lotId, refinedAt };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(passportFixture);

const lotOf = (passport: Passport, lotId: bigint) => passport.lots.find((l) => l.lotId === lotId.toString())!;

describe("SDK lot passport", function () {
  it("the cathode's passport reaches back to both mine lots through split, blend and refining, with each step's mass balance", async function () {
    const f = await load();
    const passport = await f.platform.as.outsider.getPassport({ lotId: f.cathode });
    expect(passport.passport).to.equal("minerals-lot-passport/1");
    expect(passport.asOf).to.include({ chainId: f.platform.deployment.chainId, registry: f.platform.deployment.contracts.LotRegistry, block: f.refinedAt.toString() });
    expect(passport.origins).to.deep.equal([f.first, f.second].map(String));
    // Every lot of the graph, the second shipment (never refined) too; the latest products are those nobody consumed.
    expect(passport.lots.map((l) => l.lotId)).to.deep.equal([f.first, f.second, ...f.shipments, f.blend, f.cathode].map(String));
    expect(passport.products).to.deep.equal([f.shipments[1], f.cathode].map(String));
    expect(passport.steps.map((s) => [s.kind, s.inputs, s.outputs])).to.deep.equal([
      ["split", [String(f.first)], f.shipments.map(String)],
      ["blend", [f.shipments[0], f.second].map(String), [String(f.blend)]],
      ["process", [String(f.blend)], [String(f.cathode)]],
    ]);
    expect(passport.steps.map((s) => s.transactionHash)).to.satisfy((hashes: unknown[]) => hashes.every((h) => typeof h === "string" && /^0x[0-9a-f]{64}$/.test(h)));
    expect(passport.steps[2]!.by).to.equal(f.platform.address.refiner);
    const refining = passport.steps[2]!.massBalance!;
    expect([refining.consumed, refining.produced, refining.loss].map((q) => q.market)).to.deep.equal(["3529.005", "3400.000", "129.005"]);
    expect(passport.steps[0]!.massBalance).to.equal(null);
    // What each input gave each output: the blend is half the first lot and the whole second.
    const blendEdges = passport.edges.filter((e) => e.to === String(f.blend)).map((e) => [e.from, e.quantity.market]);
    expect(blendEdges).to.deep.equal([[String(f.shipments[0]), "1176.335"], [String(f.second), "2352.670"]]);
  });

  it("each lot carries its origin, assays (a by-product's too), custody moves, attestations and documents with who recorded them", async function () {
    const f = await load();
    const { address } = f.platform;
    const passport = await f.platform.as.outsider.getPassport({ lotId: f.cathode });
    const first = lotOf(passport, f.first);
    expect(first.origin).to.deep.equal({
      country: 586, countryLabel: "PK-586", countryName: "Pakistan (PK-586)", province: "PK-BA", provinceName: "Balochistan", district: "CHAGAI", districtName: "Chagai",
      concession: "EL-0042", originId: "PK-BA-CHAGAI-EL-0042", place: "Chagai, Balochistan, Pakistan",
    });
    expect(first.history.map((e) => e.event)).to.deep.equal(["LotRegistered", "LotAssayed", "CustodyAttested", "DocumentAdded", "ByProductRecorded", "LotConsumed"]);
    const assay = first.history.find((e) => e.event === "LotAssayed")!;
    expect(assay.actor).to.equal(address.assayer);
    expect(assay.text).to.match(/^assayed by 0x\w{4}\.\.\w{4}: moisture 8 %, grade 26\.5 %, payable 96\.5 %; contained 2,438\.000 t Cu, payable 2,352\.670 t Cu$/);
    expect(assay.to).to.equal("assayed");
    expect(first.history.find((e) => e.event === "ByProductRecorded")!.text).to.match(/^by-product assayed by 0x\w{4}\.\.\w{4}: gold at 2\.5 g\/t, 739\.467 ozt fine Au contained$/);
    expect(first.byProducts.map((b) => [b.commodity, b.gradePpb, b.grade, Quantity.fromBase(Commodity.Gold, BigInt(b.contained.base)).format()])).to.deep.equal([["gold", "2500", "2.5 g/t", "739.467 ozt fine Au"]]);
    expect(first.history.find((e) => e.event === "CustodyAttested")!.text).to.match(/attests 2,352\.670 t Cu at Chagai mine stockyard$/);

    // The documents recorded on the mine lots are reachable from the cathode's passport, with who recorded them and when.
    expect(first.documents).to.have.lengthOf(1);
    const doc = first.documents[0]!;
    expect(doc).to.include({ index: 0, docType: "assay-certificate", sha256: sha256(ASSAY_CERTIFICATE), uri: "https://docs.example/lots/chagai/assay-CHG-0042.pdf", recordedBy: address.assayer });
    const added = first.history.find((e) => e.event === "DocumentAdded")!;
    expect([doc.recordedAt, doc.transactionHash]).to.deep.equal([added.timestamp, added.transactionHash]);
    const second = lotOf(passport, f.second);
    expect(second.origin).to.include({ province: "PK-KP", district: "CHITRAL", concession: "ML-0011" });
    expect(second.documents.map((d) => [d.docType, d.sha256, d.recordedBy])).to.deep.equal([["weight-certificate", sha256(WEIGHT_CERTIFICATE), address.otherCustodian]]);
    const moves = second.history.filter((e) => ["LotDispatched", "LotArrived"].includes(e.event));
    expect(moves.map((e) => [e.event, e.from, e.to])).to.deep.equal([["LotDispatched", "warehoused", "in-transit"], ["LotArrived", "in-transit", "warehoused"]]);
    expect(moves[1]!.text).to.match(/^arrived at Port Qasim warehouse 2, received by 0x\w{4}\.\.\w{4}$/);
    expect(lotOf(passport, f.cathode).history.map((e) => e.event)).to.deep.equal(["LotRegistered", "ProductRegistered"]);
  });

  it("who holds each lot, and how far the holders of each processed lot converted", async function () {
    const f = await load();
    const { address, deployment } = f.platform;
    const passport = await f.platform.as.outsider.getPassport({ lotId: f.cathode });
    const first = lotOf(passport, f.first);
    // A converted its 100 t; B's 60 t are still units of the processed lot.
    expect(first.conversion).to.deep.equal({ consumed: t("2,352.670").toJSON(), outstanding: t("160").toJSON(), converted: t("100").toJSON(), convertedPercent: "62.50" });
    expect(first.holders.map((h) => [h.holder, h.balance.market])).to.deep.equal([[address.investorB, "60.000"]]);
    expect(first.holders[0]).to.not.have.property("value");
    // A holds its share of the unrefined second shipment; B's share waits at the processing contract until B converts.
    const shipment = lotOf(passport, f.shipments[1]);
    const processing = getAddress(deployment.contracts.LotProcessing!);
    expect(shipment.holders.map((h) => [h.holder, h.label])).to.have.deep.members([
      [address.investorA, null],
      [processing, "processing (units its holders have yet to convert or claim)"],
    ]);
    expect(lotOf(passport, f.second).conversion).to.include({ convertedPercent: null });
    expect(first.offerings).to.deep.equal([]);
  });

  it("a passport read at a block is read again at that block exactly, whatever happened since; the chain today differs", async function () {
    const f = await load();
    const { as } = f.platform;
    const then = await as.outsider.getPassport({ lotId: f.cathode });
    await as.investorB.convertUnits({ lotId: f.first });
    const again = await as.outsider.getPassport({ lotId: f.cathode, blockNumber: f.refinedAt });
    expect(JSON.stringify(again)).to.equal(JSON.stringify(then));
    const verified = await as.outsider.verifyPassport({ passport: JSON.parse(JSON.stringify(then)) });
    expect(verified.verified).to.equal(true);
    expect(verified.differences).to.deep.equal([]);
    expect(verified.matched).to.equal(verified.lines.length);
    expect(verified.sections.map((s) => s.section)).to.deep.equal(["chain and block", "provenance graph", ...then.lots.map((l) => `lot ${l.lotId}`)]);
    const today = await as.outsider.getPassport({ lotId: f.cathode });
    const changed = comparePassports(JSON.parse(JSON.stringify(then)), today).filter((l) => l.status !== "matches").map((l) => l.path);
    expect(changed).to.include(`lots[lot ${f.first}].conversion.converted.base`);
    expect(changed).to.include(`lots[lot ${f.first}].holders[${f.platform.address.investorB}].balance.base`);
  });

  it("verifying a tampered passport names each line that differs, is not on the chain, or is missing", async function () {
    const f = await load();
    const { as } = f.platform;
    const passport = JSON.parse(JSON.stringify(await as.outsider.getPassport({ lotId: f.cathode }))) as Passport;
    const first = lotOf(passport, f.first);
    first.documents[0]!.sha256 = sha256("a forged certificate");
    first.origin.district = "QUETTA";
    (first as unknown as Record<string, unknown>).note = "added by hand";
    (passport.steps[2]!.massBalance!.loss as { market: string }).market = "0.000";
    delete (lotOf(passport, f.second) as Partial<Passport["lots"][number]>).byProducts;
    const result = await as.outsider.verifyPassport({ passport });
    expect(result.verified).to.equal(false);
    expect(result.differences.map((d) => [d.path, d.status])).to.deep.equal([
      [`steps[step ${passport.steps[2]!.stepId}].massBalance.loss.market`, "differs"],
      [`lots[lot ${f.first}].origin.district`, "differs"],
      [`lots[lot ${f.first}].documents[0].sha256`, "differs"],
      [`lots[lot ${f.first}].note`, "not on chain"],
      [`lots[lot ${f.second}].byProducts`, "not in file"],
    ]);
    expect(result.differences[2]).to.include({ file: JSON.stringify(sha256("a forged certificate")), chain: JSON.stringify(sha256(ASSAY_CERTIFICATE)) });
    expect(result.sections.find((s) => s.section === `lot ${f.first}`)).to.include({ differing: 3 });
  });

  it("document files are matched by their recorded uri's file name (or path, or hash) and checked against the recorded sha256", async function () {
    const f = await load();
    const passport = await f.platform.as.outsider.getPassport({ lotId: f.cathode });
    expect(documentFileName("https://docs.example/lots/chagai/assay-CHG-0042.pdf?v=1")).to.deep.equal({ path: "docs.example/lots/chagai/assay-CHG-0042.pdf", name: "assay-CHG-0042.pdf" });
    expect(documentFileName("ipfs://bafy/weight%20cert.pdf").name).to.equal("weight cert.pdf");
    const good = checkDocumentFiles(passport, [
      { name: "assay-CHG-0042.pdf", sha256: sha256(ASSAY_CERTIFICATE) },
      { name: "renamed.pdf", sha256: sha256(WEIGHT_CERTIFICATE) },
      { name: "notes.txt", sha256: sha256("notes") },
    ]);
    expect(good.files.map((c) => [c.file, c.status, c.documents.map((d) => `${d.lotId}#${d.index}`)])).to.deep.equal([
      ["assay-CHG-0042.pdf", "matches", [`${f.first}#0`]],
      ["renamed.pdf", "matches", [`${f.second}#0`]],
      ["notes.txt", "unrecognised", []],
    ]);
    expect([good.allMatch, good.notGiven]).to.deep.equal([true, []]);
    const bad = checkDocumentFiles(passport, [{ name: "weight-KHI-77.pdf", sha256: sha256(`${WEIGHT_CERTIFICATE} (edited)`) }]);
    expect(bad.allMatch).to.equal(false);
    expect(bad.files[0]).to.include({ status: "differs" });
    expect(bad.notGiven.map((d) => d.docType)).to.deep.equal(["assay-certificate", "weight-certificate"]);
  });

  it("a lot never processed is its own graph; origin ids in another form are the concession as written", async function () {
    const f = await load();
    const lotId = await warehousedCopperLot(f.platform);
    const passport = await f.platform.as.outsider.getPassport({ lotId });
    expect([passport.origins, passport.products, passport.steps, passport.edges]).to.deep.equal([[String(lotId)], [], [], []]);
    expect(passport.lots.map((l) => [l.lotId, l.producedBy, l.consumedBy, l.conversion])).to.deep.equal([[String(lotId), null, null, null]]);
    expect(lotOrigin(604, "PE-ANTAMINA-01")).to.include({ province: null, district: null, concession: "PE-ANTAMINA-01" });
    // The alpha-2 code must be the lot's own country's for the id to be read as province and district.
    expect(lotOrigin(604, "PK-BA-CHAGAI-EL-0042")).to.include({ province: null, concession: "PK-BA-CHAGAI-EL-0042" });
    expect(lotOrigin(604, "PE-ANTAMINA-01").place).to.equal("Peru");
  });

  it("an origin id of the platform's convention is read as district, province and country, as people name them", function () {
    expect(lotOrigin(586, "PK-BA-CHAGAI-CU-0042")).to.deep.include({
      province: "PK-BA", provinceName: "Balochistan", district: "CHAGAI", districtName: "Chagai", concession: "CU-0042", place: "Chagai, Balochistan, Pakistan",
    });
    expect(lotOrigin(586, "PK-KP-DERA_ISMAIL_KHAN-SB-7").place).to.equal("Dera Ismail Khan, Khyber Pakhtunkhwa, Pakistan");
    // A subdivision ISO 3166-2 does not give the country is no province: the id is the concession as written.
    expect(lotOrigin(586, "PK-ZZ-NOWHERE-1")).to.include({ province: null, district: null, concession: "PK-ZZ-NOWHERE-1", place: "Pakistan" });
    expect(lotOrigin(68, "BO-AU-TIPUANI-07")).to.include({ province: null, concession: "BO-AU-TIPUANI-07", place: "Bolivia" });
  });

  describe("bad input", function () {
    it("an unknown lot, a block the chain has not reached, a file that is no passport, or a passport of another chain or registry", async function () {
      const f = await load();
      const { as } = f.platform;
      const message = async (promise: Promise<unknown>) => {
        const error = await rejection(promise);
        expect(error, String(error)).to.be.instanceOf(MineralsError);
        return (error as MineralsError).shortMessage;
      };
      expect(await message(as.outsider.getPassport({ lotId: 999n }))).to.match(/Lot 999 does not exist/);
      expect(await message(as.outsider.getPassport({ lotId: "seven" }))).to.match(/^Invalid lotId: expected/);
      expect(await message(as.outsider.getPassport({ lotId: f.first, blockNumber: f.refinedAt + 1000n }))).to.equal(`The chain is at block ${f.refinedAt}: it has no block ${f.refinedAt + 1000n} yet to read lot ${f.first}'s passport at`);
      const notPassport = /^Not a lot passport: it has no "passport": "minerals-lot-passport\/1"/;
      for (const value of [null, [], "text", { lotId: "1" }]) expect(await message(as.outsider.verifyPassport({ passport: value }))).to.match(notPassport);
      const passport = JSON.parse(JSON.stringify(await as.outsider.getPassport({ lotId: f.first }))) as Passport;
      expect(await message(as.outsider.verifyPassport({ passport: { ...passport, asOf: { ...passport.asOf, block: "soon" } } }))).to.match(/^Not a lot passport: its "lotId" or "asOf"/);
      expect(await message(as.outsider.verifyPassport({ passport: { ...passport, asOf: { ...passport.asOf, chainId: 1 } } }))).to.match(/^This passport is of chain 1, but the chain read is chain 31337/);
      expect(await message(as.outsider.verifyPassport({ passport: { ...passport, asOf: { ...passport.asOf, registry: f.platform.address.outsider } } }))).to.match(/^This passport is of the lot registry 0x/);
      expect(await message(as.outsider.verifyPassport({ passport: { ...passport, lotId: "999" } }))).to.match(/Lot 999 does not exist/);
    });
  });
});
