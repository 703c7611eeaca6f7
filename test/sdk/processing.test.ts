/**
 * Processing through the SDK, against a real in-process chain: split, blend and refine lots with provenance and mass
 * balance, holders converting into the outputs, units held for a holder the output's rules refuse, and every refusal
 * explained in one sentence before anything is sent, the chain unchanged.
 *
 * Fixture: the platform; two warehoused copper concentrate lots (2,352.670 t Cu payable each); investors A and B hold
 * 100 t and 60 t of the first, A 30 t of the second; the first is assayed for gold at 2.5 g/t.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, ProcessingRefusedError, Quantity, valueAt, type ProcessingOutput } from "../../src/index.ts";
import { valuationJson } from "../../src/actions/reports/lotReport.ts";
import {
  COPPER_PAYABLE_KG,
  chainState,
  daysFromNow,
  deployPlatformOn,
  expectChainUnchanged,
  rejection,
  shortAddress,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

const connection = await network.create();
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
let refs = 0;

interface Fixture {
  platform: Platform;
  first: bigint;
  second: bigint;
}

async function processingFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const first = await warehousedCopperLot(platform);
  const second = await warehousedCopperLot(platform);
  const { as, address } = platform;
  await as.issuer.mintUnits({ lotId: first, to: address.investorA, amount: t("100") });
  await as.issuer.mintUnits({ lotId: first, to: address.investorB, amount: t("60") });
  await as.issuer.mintUnits({ lotId: second, to: address.investorA, amount: t("30") });
  await as.assayer.recordByProduct({ lotId: first, byProduct: Commodity.Gold, gradePpb: 2_500n });
  return { platform, first, second };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(processingFixture);

/** An output at the port custodian: `quantity` of metal in `form` (the inputs' own by default). */
function output(f: Fixture, quantity: Quantity, overrides: Partial<ProcessingOutput> = {}): ProcessingOutput {
  refs += 1;
  return {
    quantity,
    massGrams: 1_000_000n,
    gradePpb: 250_000_000n,
    custodian: f.platform.address.custodian,
    location: "PK-KARACHI-PORT-W2",
    externalRef: `SHIPMENT-${refs}`,
    ...overrides,
  };
}
const PAYABLE = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG);

async function expectProcessingRefused(f: Fixture, call: () => Promise<unknown>, reason: string, message: string | RegExp): Promise<void> {
  const before = await chainState(f.platform);
  const error = await rejection(call());
  expect(error, String(error)).to.be.instanceOf(ProcessingRefusedError);
  expect((error as ProcessingRefusedError).reason).to.equal(reason);
  if (typeof message === "string") expect((error as ProcessingRefusedError).shortMessage).to.equal(message);
  else expect((error as ProcessingRefusedError).shortMessage).to.match(message);
  await expectChainUnchanged(f.platform, before);
}

describe("SDK processing", function () {
  it("splits a lot into two shipments; each holder converts into its share of both, and the provenance leads back to the lot", async function () {
    const f = await load();
    const { as, address } = f.platform;
    const first = t("1,411.602");
    const second = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG - first.base);
    const step = await as.issuer.splitLot({ lotId: f.first, outputs: [output(f, first), output(f, second)] });
    expect(step.consumed.format()).to.equal("2,352.670 t Cu");
    expect(step.outputs.map((o) => o.quantity.format())).to.deep.equal(["1,411.602 t Cu", "941.068 t Cu"]);
    // 160 t of 2,352.670 t belong to holders: their part of each shipment.
    expect(step.outputs.map((o) => o.toHolders.base)).to.deep.equal([(160_000n * first.base) / COPPER_PAYABLE_KG, (160_000n * second.base) / COPPER_PAYABLE_KG]);
    expect((await as.outsider.getLot({ lotId: f.first })).state).to.equal("processed");

    const check = await as.investorA.checkConversion({ lotId: f.first });
    expect(check.allowed).to.equal(true);
    expect(check.shares.map((s) => [s.lotId, s.held])).to.deep.equal(step.outputs.map((o) => [o.lotId, false]));
    const a = await as.investorA.convertUnits({ lotId: f.first });
    expect(a.converted.format()).to.equal("100.000 t Cu");
    expect(a.outputs.map((o) => o.amount.base)).to.deep.equal(check.shares.map((s) => s.amount.base));
    const b = await as.investorB.convertUnits({ lotId: f.first });
    for (const [j, o] of step.outputs.entries()) {
      expect(a.outputs[j]!.amount.base + b.outputs[j]!.amount.base).to.equal(o.toHolders.base);
      const holders = await as.outsider.getHolders({ lotId: o.lotId });
      expect(holders.map((h) => h.holder).sort()).to.deep.equal([address.investorA, address.investorB].sort());
    }

    const graph = await as.outsider.getProvenance({ lotId: step.outputs[1]!.lotId });
    expect(graph.origins).to.deep.equal([f.first]);
    expect(graph.steps.map((s) => [s.stepId, s.kind, s.inputs, s.outputs])).to.deep.equal([[step.stepId, "split", [f.first], step.outputs.map((o) => o.lotId)]]);
    expect(graph.edges.map((e) => [e.from, e.to, e.quantity.format()])).to.deep.equal([
      [f.first, step.outputs[0]!.lotId, "1,411.602 t Cu"],
      [f.first, step.outputs[1]!.lotId, "941.068 t Cu"],
    ]);
    const consumed = graph.lots.find((l) => l.lot.lotId === f.first)!;
    expect([consumed.conversion!.outstanding.format(), consumed.conversion!.converted.format()]).to.deep.equal(["160.000 t Cu", "160.000 t Cu"]);
  });

  it("refines the blend of two lots into cathode and the gold the first carried into bars, recording the loss; holders of both are carried in", async function () {
    const f = await load();
    const { as } = f.platform;
    const blend = await as.issuer.blendLots({ lotIds: [f.first, f.second], output: output(f, Quantity.fromBase(Commodity.Copper, 2n * COPPER_PAYABLE_KG)) });
    const blended = blend.outputs[0]!.lotId;
    await as.investorA.convertUnits({ lotId: f.second });
    const cathode = output(f, t("4,540.653"), { form: "cathode", gradePpb: 999_900_000n, externalRef: "CATHODE-BATCH-1" });
    // The blend carries the gold the first lot was assayed for: 23 kg, no more.
    await expectProcessingRefused(
      f,
      () => as.refiner.processLots({ lotIds: [blended], product: cathode, byProducts: [output(f, Quantity.parse(Commodity.Gold, "24 kg"), { commodity: Commodity.Gold, form: "bar" })] }),
      "by-product-exceeds-contained",
      `Refining lot ${blended} would recover 771.618 ozt fine Au of gold, more than the 739.467 ozt fine Au its inputs contained as assayed`,
    );
    await expectProcessingRefused(
      f,
      () => as.refiner.processLots({ lotIds: [f.first], product: cathode }),
      "not-warehoused",
      `Lot ${f.first} is processed: only a warehoused lot can be refined`,
    );
    const refined = await as.refiner.processLots({ lotIds: [blended], product: cathode, byProducts: [output(f, Quantity.parse(Commodity.Gold, "20 kg"), { commodity: Commodity.Gold, form: "bar" })] });
    expect(refined.loss?.format()).to.equal("164.687 t Cu");
    const graph = await as.outsider.getProvenance({ lotId: refined.outputs[0]!.lotId });
    expect(graph.origins).to.deep.equal([f.first, f.second]);
    expect(graph.steps.map((s) => s.kind)).to.deep.equal(["blend", "process"]);
    expect(graph.steps[1]!.massBalance!.loss.format()).to.equal("164.687 t Cu");
    // A's 30 t of the second lot became 30 t of the blend, then its share of the cathode.
    const converted = await as.investorA.convertUnits({ lotId: blended });
    expect(converted.outputs[0]!.amount.base).to.equal((30_000n * t("4,540.653").base) / (2n * COPPER_PAYABLE_KG));
  });

  it("refines a lot assayed for gold into cathode and gold bars; its holders receive both at once", async function () {
    const f = await load();
    const { as } = f.platform;
    const gold = Quantity.parse(Commodity.Gold, "20 kg");
    const refined = await as.refiner.processLots({
      lotIds: [f.first],
      product: output(f, t("2,300"), { form: "cathode", gradePpb: 999_900_000n }),
      byProducts: [output(f, gold, { commodity: Commodity.Gold, form: "bar", gradePpb: 999_900_000n })],
    });
    const { outputs } = await as.investorA.convertUnits({ lotId: f.first });
    expect(outputs.map((o) => o.lotId)).to.deep.equal(refined.outputs.map((o) => o.lotId));
    expect(outputs[1]!.amount.base).to.equal((100_000n * gold.base) / COPPER_PAYABLE_KG);
    const graph = await as.outsider.getProvenance({ lotId: f.first });
    expect(graph.lots.find((l) => l.lot.lotId === f.first)!.byProducts.map((b) => [b.commodity, b.contained.format()])).to.deep.equal([[Commodity.Gold, "739.467 ozt fine Au"]]);
  });

  it("a lot report values the gold its concentrate carries at gold's own price; metal by origin leaves a processed lot out, counting its products", async function () {
    const f = await load();
    const { as } = f.platform;
    const prices = await as.outsider.getPrices({});
    const before = await as.outsider.getLotReport({ lotId: f.first });
    expect(before.byProducts.map((b) => [b.commodity, b.grade, b.contained.market])).to.deep.equal([["gold", "2.5 g/t", "739.467171"]]);
    const gold = Quantity.fromBase(Commodity.Gold, BigInt(before.byProducts[0]!.contained.base));
    expect(before.byProducts[0]!.value).to.deep.equal(valuationJson(valueAt(gold, prices[Commodity.Gold])));
    expect(before.byProducts[0]!.value.status).to.equal("valued");
    expect(before.origin).to.deep.include({ originId: "PE-ANTAMINA-01", province: null, place: "Peru" });
    const copperBy = async () => (await as.outsider.getPlatformReport({})).byOrigin.filter((o) => o.commodity === "copper").map((o) => [o.place, o.lots, o.contained.base]);
    const contained = async (lotIds: bigint[]) => String((await Promise.all(lotIds.map((lotId) => as.outsider.getLot({ lotId })))).reduce((sum, lot) => sum + lot.contained.base, 0n));
    expect(await copperBy()).to.deep.equal([["Peru", 2, await contained([f.first, f.second])]]);

    const shipment = t("1,000");
    const split = await as.issuer.splitLot({ lotId: f.first, outputs: [output(f, shipment), output(f, Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG - shipment.base))] });
    // The split lot is left out, its two shipments (of its origin) counted in its place.
    expect(await copperBy()).to.deep.equal([["Peru", 3, await contained([f.second, ...split.outputs.map((o) => o.lotId)])]]);
    const after = await as.outsider.getLotReport({ lotId: f.first });
    expect(after.byProducts[0]!.value.status).to.equal("processed");
  });

  describe("refusals, explained before anything is sent", function () {
    it("a split by someone not an issuer, unbalanced, of another material, or of a lot already processed", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const half = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG / 2n);
      const rest = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG - half.base);
      await expectProcessingRefused(f, () => as.investorA.splitLot({ lotId: f.first, outputs: [output(f, half), output(f, rest)] }), "not-issuer", `${shortAddress(address.investorA)} is not an issuer: only an issuer splits and blends lots`);
      await expectProcessingRefused(
        f,
        () => as.issuer.splitLot({ lotId: f.first, outputs: [output(f, half), output(f, t("1"))] }),
        "mass-not-balanced",
        `Splitting lot ${f.first} would yield 1,177.335 t Cu from the 2,352.670 t Cu it consumes: a split's outputs must add up exactly to what its inputs hold`,
      );
      await expectProcessingRefused(f, () => as.issuer.splitLot({ lotId: f.first, outputs: [output(f, half, { form: "cathode" }), output(f, rest)] }), "output-material", /^Output 1 is copper cathode: a split yields the inputs' own material, copper concentrate$/);
      await as.issuer.splitLot({ lotId: f.first, outputs: [output(f, half), output(f, rest)] });
      await expectProcessingRefused(f, () => as.issuer.splitLot({ lotId: f.first, outputs: [output(f, half), output(f, rest)] }), "not-warehoused", `Lot ${f.first} is processed: only a warehoused lot can be split`);
      await expectProcessingRefused(f, () => as.issuer.blendLots({ lotIds: [f.second, f.second], output: output(f, PAYABLE) }), "duplicate-input", `Lot ${f.second} is named twice: a step consumes each lot once`);
    });

    it("refining by someone not a refiner, above 100 %, into the inputs' own form, or with a by-product above what was assayed", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const cathode = (quantity: Quantity) => output(f, quantity, { form: "cathode" });
      await expectProcessingRefused(f, () => as.issuer.processLots({ lotIds: [f.first], product: cathode(t("2,000")) }), "not-refiner", `${shortAddress(address.issuer)} is not a refiner: only a refiner refines lots`);
      await expectProcessingRefused(f, () => as.refiner.processLots({ lotIds: [f.first], product: cathode(t("2,352.671")) }), "recovery-above-100", `Refining lot ${f.first} would yield 2,352.671 t Cu from 2,352.670 t Cu consumed: a recovery above 100 %`);
      await expectProcessingRefused(f, () => as.refiner.processLots({ lotIds: [f.first], product: output(f, t("2,000")) }), "output-material", /^Output 1 is copper concentrate: a refinery's product is a later form of its inputs' copper \(cathode\)$/);
      await expectProcessingRefused(
        f,
        () => as.refiner.processLots({ lotIds: [f.first], product: cathode(t("2,000")), byProducts: [output(f, Quantity.parse(Commodity.Gold, "24 kg"), { commodity: Commodity.Gold, form: "bar" })] }),
        "by-product-exceeds-contained",
        `Refining lot ${f.first} would recover 771.618 ozt fine Au of gold, more than the 739.467 ozt fine Au its inputs contained as assayed`,
      );
    });

    it("converting units of a lot no step consumed, or with none held, is refused; a frozen holder cannot convert", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await expectProcessingRefused(f, () => as.investorA.convertUnits({ lotId: f.second }), "not-consumed", `Lot ${f.second} is warehoused: no processing step consumed it, so its units do not convert`);
      await as.issuer.blendLots({ lotIds: [f.first, f.second], output: output(f, Quantity.fromBase(Commodity.Copper, 2n * COPPER_PAYABLE_KG)) });
      await expectProcessingRefused(f, () => as.investorC.convertUnits({ lotId: f.second }), "nothing-to-convert", `${shortAddress(address.investorC)} holds no units of lot ${f.second} to convert`);
      await as.compliance.freezeAccount({ account: address.investorB, frozen: true });
      await expectProcessingRefused(f, () => as.investorB.convertUnits({ lotId: f.first }), "sender-frozen", /cannot send lot/);
    });
  });

  describe("held units", function () {
    it("a holder whose KYC lapsed converts; its outputs are held, claimed once it renews; compliance may release another's", async function () {
      const f = await load();
      const { as, address, connection: c } = f.platform;
      const half = Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG / 2n);
      const step = await as.issuer.splitLot({ lotId: f.first, outputs: [output(f, half), output(f, Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG - half.base))] });
      const record = await as.outsider.getInvestor({ wallet: address.investorA });
      await as.compliance.updateInvestor({ investorId: record.investorId, country: record.country, investorClass: record.investorClass, kycExpiry: await daysFromNow(f.platform, 1) });
      await c.networkHelpers.time.increase(2 * 86_400);
      const check = await as.investorA.checkConversion({ lotId: f.first });
      expect(check.shares.map((s) => [s.held, s.reason])).to.deep.equal([
        [true, "receiver-kyc-expired"],
        [true, "receiver-kyc-expired"],
      ]);
      const converted = await as.investorA.convertUnits({ lotId: f.first });
      expect(converted.outputs.every((o) => o.held)).to.equal(true);
      const lotId = step.outputs[0]!.lotId;
      const held = await as.outsider.getHeldUnits({ lotId, holder: address.investorA });
      expect(held.base).to.equal(converted.outputs[0]!.amount.base);
      await expectProcessingRefused(f, () => as.investorA.claimHeldUnits({ lotId }), "receiver-kyc-expired", /cannot receive lot/);
      await expectProcessingRefused(f, () => as.investorA.redeemHeldUnits({ lotId }), "output-not-selling", `Lot ${lotId} is warehoused, not sold: its held units are redeemed once it is settling`);
      await as.compliance.updateInvestor({ investorId: record.investorId, country: record.country, investorClass: record.investorClass, kycExpiry: await daysFromNow(f.platform, 365) });
      const claimed = await as.investorA.claimHeldUnits({ lotId });
      expect(claimed.units.base).to.equal(held.base);
      await expectProcessingRefused(f, () => as.investorA.claimHeldUnits({ lotId }), "nothing-held", `No units of lot ${lotId} are held for ${shortAddress(address.investorA)}`);
      const other = step.outputs[1]!.lotId;
      await expectProcessingRefused(f, () => as.compliance.releaseHeldUnits({ lotId: other, holder: address.investorA, to: address.investorA, reason: "X" }), "invalid-release", /another wallet/);
      const released = await as.compliance.releaseHeldUnits({ lotId: other, holder: address.investorA, to: address.investorD, reason: "COURT ORDER 2026-91" });
      const [holding] = (await as.outsider.getBalances({ owner: address.investorD })).filter((h) => h.lotId === other);
      expect(holding?.balance.base).to.equal(released.units.base);
    });
  });
});
