import { expect } from "chai";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { COPPER_LOT, Commodity, Form, LotState, bytes32, lotInState, registerLot } from "./helpers/fixtures.ts";
import {
  B_HOLDING,
  GOLD_CONTAINED_MG,
  GOLD_GRADE_PPB,
  OUTSTANDING,
  PAYABLE,
  type ProcessingFixture,
  cathode,
  deployProcessingFixture,
  goldBars,
  mulDiv,
  nextLot,
  output,
  warehousedGoldDore,
} from "./helpers/processing.ts";

// Splitting, blending and refining lots (contracts/processing/LotProcessing.sol): each step consumes its inputs whole
// (they become PROCESSED and stop trading), registers its outputs as warehoused lots, records what each output owes to
// each input, and mints the inputs' holders' part of every output to itself, for them to convert into. Metal is never
// created: a split and a blend balance exactly, a product is at most what was consumed, a by-product at most what the
// inputs contained. Every refusal leaves everything as it was.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployProcessingFixture);

const StepKind = { None: 0n, Split: 1n, Blend: 2n, Process: 3n } as const;

/** What every refused step must leave as it was. */
async function snapshot(f: ProcessingFixture) {
  return {
    steps: await f.processing.stepCount(),
    lots: await f.registry.lotCount(),
    a: (await f.registry.getLot(f.lotA)).state,
    b: (await f.registry.getLot(f.lotB)).state,
  };
}

async function expectRefused(f: ProcessingFixture, call: () => Promise<unknown>, error: string, args: unknown[], contract = f.processing as never) {
  const before = await snapshot(f);
  await expect(call()).to.be.revertedWithCustomError(contract, error).withArgs(...args);
  expect(await snapshot(f)).to.deep.equal(before);
}

describe("LotProcessing steps", function () {
  describe("split", function () {
    shouldRefuseToEveryRoleExcept<ProcessingFixture>(["issuer"], {
      load,
      call: (f, caller) => f.processing.connect(caller).split(f.lotA, [output(f, PAYABLE - 1_000_000n), output(f, 1_000_000n)]),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.processing, "LotsProcessed");
        expect((await f.registry.getLot(f.lotA)).state).to.equal(BigInt(LotState.Processed));
      },
      refusal: (f, caller) => ({ contract: f.processing, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.ISSUER] }),
    });

    it("split consumes the lot whole into shipments that add up exactly to it, each a warehoused lot, and mints the holders' part of each", async function () {
      const f = await load();
      const first = 1_411_602n; // 60 % of 2,352,670 kg, rounded
      const second = PAYABLE - first;
      const [outA, outB] = [await nextLot(f), (await nextLot(f)) + 1n];
      const tx = f.processing.connect(f.actors.issuer).split(f.lotA, [output(f, first), output(f, second)]);
      const toHolders = [mulDiv(OUTSTANDING, first, PAYABLE), mulDiv(OUTSTANDING, second, PAYABLE)];
      await expect(tx)
        .to.emit(f.processing, "InputConsumed")
        .withArgs(1n, f.lotA, PAYABLE, OUTSTANDING)
        .and.to.emit(f.processing, "OutputProduced")
        .withArgs(1n, outA, first, toHolders[0])
        .and.to.emit(f.processing, "OutputProduced")
        .withArgs(1n, outB, second, toHolders[1])
        .and.to.emit(f.processing, "LotsProcessed")
        .withArgs(1n, StepKind.Split, [f.lotA], [outA, outB], f.actors.issuer.address)
        .and.to.emit(f.registry, "LotStateChanged")
        .withArgs(f.lotA, LotState.Warehoused, LotState.Processed);
      for (const [i, lotId] of [outA, outB].entries()) {
        const lot = await f.registry.getLot(lotId);
        expect([lot.state, lot.commodity, lot.form, lot.attestedQuantity, lot.originId]).to.deep.equal([
          BigInt(LotState.Warehoused),
          BigInt(Commodity.Copper),
          BigInt(Form.Concentrate),
          [first, second][i],
          (await f.registry.getLot(f.lotA)).originId,
        ]);
        expect(await f.token.balanceOf(f.processingAddress, lotId)).to.equal(toHolders[i]);
        expect(await f.processing.producedBy(lotId)).to.equal(1n);
        // The rest of the output is the issuer's to mint, as with any lot.
        expect(await f.registry.mintableQuantity(lotId)).to.equal([first, second][i]! - toHolders[i]!);
      }
      const step = await f.processing.getStep(1n);
      expect([step.kind, step.by, step.inputs, step.outputs]).to.deep.equal([StepKind.Split, f.actors.issuer.address, [f.lotA], [outA, outB]]);
      const conversion = await f.processing.conversionOf(f.lotA);
      expect([conversion.stepId, conversion.consumed, conversion.outstanding, conversion.converted, conversion.shares]).to.deep.equal([
        1n,
        PAYABLE,
        OUTSTANDING,
        0n,
        [first, second],
      ]);
      expect((await f.token.getLotRules(f.lotA)).tradingStopped).to.equal(true);
    });

    it("split and blend carry the inputs' by-products into the outputs in proportion to the metal each takes, rounded down", async function () {
      const f = await load();
      const first = 1_411_602n;
      const [outA, outB] = [await nextLot(f), (await nextLot(f)) + 1n];
      await expect(f.processing.connect(f.actors.issuer).split(f.lotA, [output(f, first), output(f, PAYABLE - first)]))
        .to.emit(f.processing, "ByProductRecorded")
        .withArgs(outA, Commodity.Gold, GOLD_GRADE_PPB, mulDiv(GOLD_CONTAINED_MG, first, PAYABLE), f.actors.issuer.address);
      const [, , containedA] = await f.processing.byProductsOf(outA);
      const [, grades, containedB] = await f.processing.byProductsOf(outB);
      expect([containedA[0], containedB[0], grades[0]]).to.deep.equal([mulDiv(GOLD_CONTAINED_MG, first, PAYABLE), mulDiv(GOLD_CONTAINED_MG, PAYABLE - first, PAYABLE), BigInt(GOLD_GRADE_PPB)]);
      expect(containedA[0]! + containedB[0]!).to.be.at.most(GOLD_CONTAINED_MG);
      // Blending the first shipment with lot B (no gold recorded): the blend carries the shipment's gold.
      const blend = await nextLot(f);
      await f.processing.connect(f.actors.issuer).blend([outA, f.lotB], output(f, first + PAYABLE));
      expect((await f.processing.byProductsOf(blend))[2]).to.deep.equal([containedA[0]]);
      await f.processing.connect(f.actors.refiner).process([blend], cathode(f, first), [goldBars(f, containedA[0]!)]);
    });

    it("split refuses outputs that do not add up exactly, one output, nine outputs, a zero output and another material, changing nothing", async function () {
      const f = await load();
      const asIssuer = f.processing.connect(f.actors.issuer);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, PAYABLE), output(f, 1n)]), "MassNotBalanced", [PAYABLE, PAYABLE + 1n]);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, 1n), output(f, PAYABLE - 2n)]), "MassNotBalanced", [PAYABLE, PAYABLE - 1n]);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, PAYABLE)]), "InvalidStepShape", [1n, 1n]);
      const nine = Array.from({ length: 9 }, () => output(f, 1n));
      await expectRefused(f, () => asIssuer.split(f.lotA, nine), "InvalidStepShape", [1n, 9n]);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, PAYABLE), output(f, 0n)]), "ZeroOutput", [1n]);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, 1n), cathode(f, PAYABLE - 1n)]), "OutputMaterialNotAllowed", [1n, Commodity.Copper, Form.Cathode]);
      await expectRefused(f, () => asIssuer.split(f.lotA, [goldBars(f, 1n), output(f, PAYABLE - 1n)]), "OutputMaterialNotAllowed", [0n, Commodity.Gold, Form.Bar]);
    });

    it("split refuses a lot that is not warehoused, on offer, already processed or unknown, changing nothing", async function () {
      const f = await load();
      const asIssuer = f.processing.connect(f.actors.issuer);
      for (const state of ["Registered", "Assayed", "InTransit", "Settling", "Retired"] as const) {
        const lotId = await lotInState(f, state);
        await expectRefused(f, () => asIssuer.split(lotId, [output(f, 1n), output(f, PAYABLE - 1n)]), "InvalidLotState", [lotId, LotState[state], LotState.Warehoused], f.registry as never);
      }
      await asIssuer.split(f.lotB, [output(f, 1n), output(f, PAYABLE - 1n)]);
      await expectRefused(f, () => asIssuer.split(f.lotB, [output(f, 1n), output(f, PAYABLE - 1n)]), "InvalidLotState", [f.lotB, LotState.Processed, LotState.Warehoused], f.registry as never);
      const unknown = await nextLot(f);
      await expectRefused(f, () => asIssuer.split(unknown, [output(f, 1n), output(f, 1n)]), "UnknownLot", [unknown], f.registry as never);
    });

    it("split refuses an output whose reference another lot has, or held by an account that is not a custodian", async function () {
      const f = await load();
      const asIssuer = f.processing.connect(f.actors.issuer);
      const ref = (await f.registry.getLot(f.lotB)).externalRef;
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, 1n, { externalRef: ref }), output(f, PAYABLE - 1n)]), "DuplicateExternalRef", [ref, f.lotB], f.registry as never);
      await expectRefused(f, () => asIssuer.split(f.lotA, [output(f, 1n, { custodian: f.actors.outsider.address }), output(f, PAYABLE - 1n)]), "NotACustodian", [f.actors.outsider.address], f.registry as never);
    });
  });

  describe("blend", function () {
    shouldRefuseToEveryRoleExcept<ProcessingFixture>(["issuer"], {
      load,
      call: (f, caller) => f.processing.connect(caller).blend([f.lotA, f.lotB], output(f, 2n * PAYABLE)),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.processing, "LotsProcessed");
      },
      refusal: (f, caller) => ({ contract: f.processing, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.ISSUER] }),
    });

    it("blend consumes several lots of one material into one holding exactly what they held, each input owning its metal's share", async function () {
      const f = await load();
      const out = await nextLot(f);
      await expect(f.processing.connect(f.actors.issuer).blend([f.lotA, f.lotB], output(f, 2n * PAYABLE)))
        .to.emit(f.processing, "OutputProduced")
        .withArgs(1n, out, 2n * PAYABLE, OUTSTANDING + B_HOLDING)
        .and.to.emit(f.processing, "LotsProcessed")
        .withArgs(1n, StepKind.Blend, [f.lotA, f.lotB], [out], f.actors.issuer.address);
      expect((await f.processing.conversionOf(f.lotA)).shares).to.deep.equal([PAYABLE]);
      expect((await f.processing.conversionOf(f.lotB)).shares).to.deep.equal([PAYABLE]);
      expect(await f.token.balanceOf(f.processingAddress, out)).to.equal(OUTSTANDING + B_HOLDING);
      for (const lotId of [f.lotA, f.lotB]) expect((await f.registry.getLot(lotId)).state).to.equal(BigInt(LotState.Processed));
    });

    it("blend merges a by-product both inputs carry into one record, its grade weighted by what each contained", async function () {
      const f = await load();
      const first = 1_411_602n;
      const [outA, outB] = [await nextLot(f), (await nextLot(f)) + 1n];
      await f.processing.connect(f.actors.issuer).split(f.lotA, [output(f, first), output(f, PAYABLE - first)]);
      // The second shipment is assayed again for gold, at twice the grade: its record is replaced.
      await f.processing.connect(f.actors.assayer).recordByProduct(outB, Commodity.Gold, GOLD_GRADE_PPB * 2);
      const [[, [gradeA], [containedA]], [, [gradeB], [containedB]]] = [await f.processing.byProductsOf(outA), await f.processing.byProductsOf(outB)];
      expect(gradeB).to.equal(BigInt(GOLD_GRADE_PPB * 2));
      const blend = await nextLot(f);
      const total = containedA! + containedB!;
      const grade = (gradeA! * containedA! + gradeB! * containedB!) / total;
      await expect(f.processing.connect(f.actors.issuer).blend([outA, outB], output(f, PAYABLE)))
        .to.emit(f.processing, "ByProductRecorded")
        .withArgs(blend, Commodity.Gold, grade, total, f.actors.issuer.address);
      // One record per mineral: the second input's gold joins the first's.
      expect(await f.processing.byProductsOf(blend)).to.deep.equal([[BigInt(Commodity.Gold)], [grade], [total]]);
      expect(grade > gradeA! && grade < gradeB!).to.equal(true);
    });

    it("blend refuses one lot, a lot twice, lots of different forms, another output material and an unbalanced output", async function () {
      const f = await load();
      const asIssuer = f.processing.connect(f.actors.issuer);
      await expectRefused(f, () => asIssuer.blend([f.lotA], output(f, PAYABLE)), "InvalidStepShape", [1n, 1n]);
      await expectRefused(f, () => asIssuer.blend([f.lotA, f.lotA], output(f, 2n * PAYABLE)), "DuplicateInput", [f.lotA]);
      await expectRefused(f, () => asIssuer.blend([f.lotA, f.lotB], cathode(f, 2n * PAYABLE)), "OutputMaterialNotAllowed", [0n, Commodity.Copper, Form.Cathode]);
      await expectRefused(f, () => asIssuer.blend([f.lotA, f.lotB], output(f, 2n * PAYABLE - 1n)), "MassNotBalanced", [2n * PAYABLE, 2n * PAYABLE - 1n]);
      // A cathode lot (a split's output registered as cathode is not possible, so a product of a refining step).
      await f.processing.connect(f.actors.refiner).process([f.lotB], cathode(f, PAYABLE - 10n), []);
      const cathodeLot = (await nextLot(f)) - 1n;
      await expectRefused(f, () => asIssuer.blend([f.lotA, cathodeLot], output(f, 2n * PAYABLE - 10n)), "MixedInputs", [cathodeLot]);
    });
  });

  describe("process", function () {
    shouldRefuseToEveryRoleExcept<ProcessingFixture>(["refiner"], {
      load,
      call: (f, caller) => f.processing.connect(caller).process([f.lotA], cathode(f, PAYABLE), []),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.processing, "ProcessingLoss").withArgs(1n, PAYABLE, PAYABLE, 0n);
      },
      refusal: (f, caller) => ({ contract: f.processing, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.REFINER] }),
    });

    it("process refines concentrate into cathode at the attested recovery, recording the loss, and the gold the concentrate carried into bars", async function () {
      const f = await load();
      const produced = mulDiv(PAYABLE, 9_650n, 10_000n); // 96.5 % recovery
      const gold = GOLD_CONTAINED_MG - 1_500_000n; // 1.5 kg of the gold lost in refining
      const [cu, au] = [await nextLot(f), (await nextLot(f)) + 1n];
      await expect(f.processing.connect(f.actors.refiner).process([f.lotA], cathode(f, produced), [goldBars(f, gold)]))
        .to.emit(f.processing, "ProcessingLoss")
        .withArgs(1n, PAYABLE, produced, PAYABLE - produced)
        .and.to.emit(f.processing, "OutputProduced")
        .withArgs(1n, cu, produced, mulDiv(OUTSTANDING, produced, PAYABLE))
        .and.to.emit(f.processing, "OutputProduced")
        .withArgs(1n, au, gold, mulDiv(OUTSTANDING, gold, PAYABLE))
        .and.to.emit(f.processing, "LotsProcessed")
        .withArgs(1n, StepKind.Process, [f.lotA], [cu, au], f.actors.refiner.address);
      const [cuLot, auLot] = [await f.registry.getLot(cu), await f.registry.getLot(au)];
      expect([cuLot.commodity, cuLot.form, cuLot.attestedQuantity, cuLot.gradePpb]).to.deep.equal([BigInt(Commodity.Copper), BigInt(Form.Cathode), produced, 999_900_000n]);
      expect([auLot.commodity, auLot.form, auLot.attestedQuantity]).to.deep.equal([BigInt(Commodity.Gold), BigInt(Form.Bar), gold]);
      expect((await f.processing.conversionOf(f.lotA)).shares).to.deep.equal([produced, gold]);
    });

    it("process shares a product among several inputs by the metal each held, and a by-product by what each contained of it", async function () {
      const f = await load();
      const produced = 2n * PAYABLE - 7n; // an odd figure: the last input takes the rounding remainder
      await f.processing.connect(f.actors.refiner).process([f.lotA, f.lotB], cathode(f, produced), [goldBars(f, GOLD_CONTAINED_MG)]);
      const half = mulDiv(produced, PAYABLE, 2n * PAYABLE);
      expect((await f.processing.conversionOf(f.lotA)).shares).to.deep.equal([half, GOLD_CONTAINED_MG]);
      // Lot B was never assayed for gold: none of the bars is its holders'.
      expect((await f.processing.conversionOf(f.lotB)).shares).to.deep.equal([produced - half, 0n]);
    });

    it("process refuses a recovery above 100 %, an unrefined form, another commodity, a form the mineral is not traded in, and mixed inputs", async function () {
      const f = await load();
      const asRefiner = f.processing.connect(f.actors.refiner);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, PAYABLE + 1n), []), "RecoveryAbove100", [PAYABLE, PAYABLE + 1n]);
      await expectRefused(f, () => asRefiner.process([f.lotA], output(f, PAYABLE), []), "OutputMaterialNotAllowed", [0n, Commodity.Copper, Form.Concentrate]);
      await expectRefused(f, () => asRefiner.process([f.lotA], goldBars(f, 1n), []), "OutputMaterialNotAllowed", [0n, Commodity.Gold, Form.Bar]);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n, { form: Form.Apt }), []), "OutputMaterialNotAllowed", [0n, Commodity.Copper, Form.Apt]);
      const dore = await warehousedGoldDore(f);
      await expectRefused(f, () => asRefiner.process([f.lotA, dore], cathode(f, 1n), []), "MixedInputs", [dore]);
      await expectRefused(f, () => asRefiner.process([], cathode(f, 1n), []), "InvalidStepShape", [0n, 1n]);
      const nine: bigint[] = [];
      for (let i = 0; i < 9; i++) nine.push(await lotInState(f, "Warehoused"));
      await expectRefused(f, () => asRefiner.process(nine, cathode(f, 1n), []), "InvalidStepShape", [9n, 1n]);
      await expectRefused(f, () => asRefiner.process([f.lotA, f.lotA], cathode(f, 1n), []), "DuplicateInput", [f.lotA]);
    });

    it("process takes antimony concentrate to regulus and regulus on to trioxide, never back nor to regulus again", async function () {
      const f = await load();
      const asRefiner = f.processing.connect(f.actors.refiner);
      const stibnite = await registerLot(f, { commodity: Commodity.Antimony, gradePpb: 600_000_000 });
      await f.registry.connect(f.actors.assayer).recordAssay(stibnite, COPPER_LOT.moistureBps, 600_000_000, COPPER_LOT.payableBps);
      const payable = (await f.registry.getLot(stibnite)).payableQuantity;
      await f.registry.connect(f.actors.custodian).attestCustody(stibnite, payable, bytes32("PK-KARACHI-W2"));
      const antimony = (quantity: bigint, form: number) => output(f, quantity, { commodity: Commodity.Antimony, form, massGrams: quantity * 1_000n, gradePpb: 995_000_000 });
      const regulus = await nextLot(f);
      const smelted = mulDiv(payable, 9_000n, 10_000n);
      await asRefiner.process([stibnite], antimony(smelted, Form.Regulus), []);
      expect((await f.registry.getLot(regulus)).form).to.equal(BigInt(Form.Regulus));
      // Regulus is a later stage than concentrate: it is not refined into regulus again, nor into concentrate.
      await expectRefused(f, () => asRefiner.process([regulus], antimony(smelted, Form.Regulus), []), "OutputMaterialNotAllowed", [0n, Commodity.Antimony, Form.Regulus]);
      await expectRefused(f, () => asRefiner.process([regulus], antimony(smelted, Form.Concentrate), []), "OutputMaterialNotAllowed", [0n, Commodity.Antimony, Form.Concentrate]);
      expect((await f.registry.getLot(regulus)).state).to.equal(BigInt(LotState.Warehoused));
      const trioxide = await nextLot(f);
      await expect(asRefiner.process([regulus], antimony(smelted - 1n, Form.Trioxide), []))
        .to.emit(f.processing, "ProcessingLoss")
        .withArgs(2n, smelted, smelted - 1n, 1n);
      expect((await f.registry.getLot(trioxide)).form).to.equal(BigInt(Form.Trioxide));
      expect((await f.registry.getLot(regulus)).state).to.equal(BigInt(LotState.Processed));
    });

    it("process refuses a by-product of the main mineral, one named twice, one above what the inputs contained and one never assayed", async function () {
      const f = await load();
      const asRefiner = f.processing.connect(f.actors.refiner);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n), [cathode(f, 1n)]), "OutputMaterialNotAllowed", [1n, Commodity.Copper, Form.Cathode]);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n), [goldBars(f, 1n), goldBars(f, 1n)]), "OutputMaterialNotAllowed", [2n, Commodity.Gold, Form.Bar]);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n), [goldBars(f, 1n, { form: Form.Cathode })]), "OutputMaterialNotAllowed", [1n, Commodity.Gold, Form.Cathode]);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n), [goldBars(f, GOLD_CONTAINED_MG + 1n)]), "ByProductExceedsContained", [Commodity.Gold, GOLD_CONTAINED_MG + 1n, GOLD_CONTAINED_MG]);
      await expectRefused(f, () => asRefiner.process([f.lotB], cathode(f, 1n), [goldBars(f, 1n)]), "ByProductExceedsContained", [Commodity.Gold, 1n, 0n]);
      await expectRefused(f, () => asRefiner.process([f.lotA], cathode(f, 1n), [goldBars(f, 0n)]), "ZeroOutput", [1n]);
    });
  });

  describe("recordByProduct", function () {
    shouldRefuseToEveryRoleExcept<ProcessingFixture>(["assayer"], {
      load,
      call: (f, caller) => f.processing.connect(caller).recordByProduct(f.lotB, Commodity.Gold, GOLD_GRADE_PPB),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.processing, "ByProductRecorded").withArgs(f.lotB, Commodity.Gold, GOLD_GRADE_PPB, GOLD_CONTAINED_MG, caller.address);
        const [byProducts, grades, contained] = await f.processing.byProductsOf(f.lotB);
        expect([byProducts, grades, contained]).to.deep.equal([[BigInt(Commodity.Gold)], [BigInt(GOLD_GRADE_PPB)], [GOLD_CONTAINED_MG]]);
      },
      refusal: (f, caller) => ({ contract: f.processing, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.ASSAYER] }),
    });

    it("recordByProduct replaces the grade of a by-product already recorded, and keeps one per other mineral", async function () {
      const f = await load();
      const asAssayer = f.processing.connect(f.actors.assayer);
      await asAssayer.recordByProduct(f.lotA, Commodity.Gold, GOLD_GRADE_PPB * 2);
      expect((await f.processing.byProductsOf(f.lotA))[2]).to.deep.equal([2n * GOLD_CONTAINED_MG]);
      for (const byProduct of [Commodity.Tungsten, Commodity.Antimony, Commodity.RareEarths]) await asAssayer.recordByProduct(f.lotA, byProduct, 1_000);
      expect((await f.processing.byProductsOf(f.lotA))[0]).to.have.length(4);
    });

    it("recordByProduct refuses the lot's own mineral, a zero grade, a grade above 100 %, a lot no longer warehoused and an unknown lot", async function () {
      const f = await load();
      const asAssayer = f.processing.connect(f.actors.assayer);
      await expectRefused(f, () => asAssayer.recordByProduct(f.lotA, Commodity.Copper, 1_000), "InvalidByProduct", [f.lotA, Commodity.Copper, 1_000n]);
      await expectRefused(f, () => asAssayer.recordByProduct(f.lotA, Commodity.Gold, 0), "InvalidByProduct", [f.lotA, Commodity.Gold, 0n]);
      await expectRefused(f, () => asAssayer.recordByProduct(f.lotA, Commodity.Gold, 1_000_000_001), "InvalidByProduct", [f.lotA, Commodity.Gold, 1_000_000_001n]);
      const settling = await lotInState(f, "Settling");
      await expectRefused(f, () => asAssayer.recordByProduct(settling, Commodity.Gold, 1_000), "InvalidLotState", [settling, LotState.Settling, LotState.Warehoused]);
      await f.processing.connect(f.actors.issuer).split(f.lotA, [output(f, 1n), output(f, PAYABLE - 1n)]);
      await expectRefused(f, () => asAssayer.recordByProduct(f.lotA, Commodity.Gold, 1_000), "InvalidLotState", [f.lotA, LotState.Processed, LotState.Warehoused]);
      const unknown = await nextLot(f);
      await expect(asAssayer.recordByProduct(unknown, Commodity.Gold, 1_000)).to.be.revertedWithCustomError(f.registry, "UnknownLot").withArgs(unknown);
    });
  });
});
