/**
 * `minerals lot split|blend|process|byproduct|convert|held`: metal through splitting, blending and refining, with
 * provenance, and the holders carried into the outputs (the SDK's processing actions).
 */
import type { Command } from "commander";
import { FORMS, type FormName } from "../../src/domain.ts";
import type { ProcessingOutput } from "../../src/internal/processing.ts";
import { toLotId } from "../../src/internal/validate.ts";
import { COMMODITIES, Quantity, parseCommodity, parseMass, percentToPpb, type Commodity } from "../../src/units/index.ts";
import type { LotView } from "../../src/actions/lots/getLot.ts";
import type { StepReturnType } from "../../src/actions/processing/runStep.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform, type CommonOptions } from "./context.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";

const PURITY_DEFAULT = "99.99";

/** The lot ids of `--lots 4,5`: at least one, whole numbers. */
function parseLots(text: string): bigint[] {
  return parseFlag("--lots", () => {
    const ids = String(text).split(",").map((id) => id.trim()).filter((id) => id !== "");
    if (ids.length === 0) throw new Error(`expected lot ids separated by commas, e.g. "4,5", got "${text}"`);
    return ids.map((id) => toLotId(id, "--lots"));
  });
}

/**
 * A by-product grade: "2.5 g/t" (grams per dry tonne) or a percentage ("0.5%", "0.5"), in parts per billion of the
 * dry mass.
 */
export function parseGrade(text: string): bigint {
  const gramsPerTonne = /^\s*([\d.,_]+)\s*g\/t\s*$/i.exec(text);
  if (gramsPerTonne) return percentToPpb(String(Number(gramsPerTonne[1]!.replaceAll(/[,_]/g, "")) / 10_000));
  return percentToPpb(text.replace(/%\s*$/, ""));
}

/** `q` of a mineral as grams of `purity` material: the physical mass of a refined product, for the record. */
function massOf(q: Quantity, purityPpb: bigint): bigint {
  const grams = q.commodity === 0 ? q.base / 1_000n : q.base * 1_000n;
  return (grams * 1_000_000_000n) / purityPpb || 1n;
}

/** An output sharing an input's grade and a mass proportional to the metal it takes of it. */
function shipmentOf(input: LotView, quantity: Quantity, ref: string, custodian: `0x${string}`, location: string): ProcessingOutput {
  const mass = (input.wetMassGrams * quantity.base) / input.attested.base;
  return { quantity, massGrams: mass > 0n ? mass : 1n, gradePpb: input.gradePpb, custodian, location, externalRef: ref };
}

function printStep(options: CommonOptions, verb: string, inputs: readonly bigint[], step: StepReturnType): void {
  const json = { stepId: step.stepId, inputs, consumed: step.consumed, outputs: step.outputs, ...(step.loss === undefined ? {} : { loss: step.loss }), transaction: step.hash };
  if (options.json) {
    console.log(toJson(json));
    return;
  }
  const lines = [`Step ${step.stepId}: ${verb} lot${inputs.length === 1 ? "" : "s"} ${inputs.join(", ")} (${step.consumed.format()} consumed${step.loss === undefined ? "" : `, ${step.loss.format()} lost in refining`})`];
  for (const o of step.outputs) lines.push(`  lot ${o.lotId}: ${o.quantity.format()}, ${o.toHolders.format()} of it for the holders to convert into`);
  lines.push(`  holders convert with: minerals lot convert --lot ${inputs[0]}`);
  console.log(lines.join("\n"));
}

/** Adds the processing commands to the `lot` command group. */
export function addProcessingCommands(lot: Command): void {
  withCommonOptions(
    lot
      .command("split")
      .description("split a warehoused lot into shipments of the same material that add up exactly to it; its holders convert into their share of each (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--into <quantity:ref...>", 'each shipment: its quantity and its own reference, e.g. "1411.602 t:VESSEL-1" "941.068 t:VESSEL-2"')
      .requiredOption("--custodian <address|index>", "the custodian holding the shipments (CUSTODIAN role)")
      .requiredOption("--location <text>", "where they are held (at most 32 bytes)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
        const input = await sdk.getLot({ lotId });
        const custodian = addressOrIndex(connection, options.custodian, "--custodian");
        const outputs = (options.into as string[]).map((spec, i) => {
          const [quantity, ref] = parseFlag("--into", () => {
            const at = spec.lastIndexOf(":");
            if (at < 1 || at === spec.length - 1) throw new Error(`expected "<quantity>:<reference>", e.g. "1411.602 t:VESSEL-1", got "${spec}"`);
            return [spec.slice(0, at), spec.slice(at + 1)];
          });
          return shipmentOf(input, parseAmount(input.commodity, quantity!, options.rounding, `--into[${i}]`), ref!, custodian, options.location);
        });
        printStep(options, "split", [lotId], await sdk.splitLot({ lotId, outputs }));
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("blend")
      .description("blend warehoused lots of one mineral and form into one lot holding exactly what they held; their holders convert into its units (ISSUER role)")
      .requiredOption("--lots <ids>", 'the lots, e.g. "4,5"')
      .requiredOption("--ref <reference>", "the blend's own reference")
      .requiredOption("--custodian <address|index>", "the custodian holding the blend (CUSTODIAN role)")
      .requiredOption("--location <text>", "where it is held (at most 32 bytes)"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const lotIds = parseLots(options.lots);
        const inputs = await Promise.all(lotIds.map((lotId) => sdk.getLot({ lotId })));
        const commodity = inputs[0]!.commodity;
        const quantity = Quantity.fromBase(commodity, inputs.reduce((sum, lot) => sum + lot.attested.base, 0n));
        const massGrams = inputs.reduce((sum, lot) => sum + lot.wetMassGrams, 0n);
        const gradePpb = inputs.reduce((sum, lot) => sum + lot.gradePpb * lot.wetMassGrams, 0n) / massGrams;
        const output: ProcessingOutput = { quantity, massGrams, gradePpb, custodian: addressOrIndex(connection, options.custodian, "--custodian"), location: options.location, externalRef: options.ref };
        printStep(options, "blend", lotIds, await sdk.blendLots({ lotIds, output }));
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("process")
      .description("refine warehoused lots of one mineral into a product (a later form, at most what they held: the rest is recorded as loss) and by-products assayed in them (REFINER role)")
      .requiredOption("--lots <ids>", 'the lots refined, e.g. "1" or "1,2"')
      .requiredOption("--form <form>", `the product's form: ${FORMS.join(" | ")}`)
      .requiredOption("--quantity <quantity>", 'the metal in the product, as the refinery attests it, e.g. "2270.327 t"')
      .requiredOption("--ref <reference>", "the product's own reference (batch, bar serials)")
      .requiredOption("--custodian <address|index>", "the custodian holding the products (CUSTODIAN role)")
      .requiredOption("--location <text>", "where they are held (at most 32 bytes)")
      .option("--purity <percent>", "the product's purity, percent", PURITY_DEFAULT)
      .option("--by-product <spec...>", 'a by-product: "<quantity> <mineral> <form>:<reference>", e.g. "20 kg gold bar:AU-BARS-1"')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const lotIds = parseLots(options.lots);
        const first = await sdk.getLot({ lotId: lotIds[0]! });
        const custodian = addressOrIndex(connection, options.custodian, "--custodian");
        const purity = parseFlag("--purity", () => percentToPpb(options.purity));
        const quantity = parseAmount(first.commodity, options.quantity, options.rounding, "--quantity");
        const product: ProcessingOutput = {
          form: options.form as FormName,
          quantity,
          massGrams: massOf(quantity, purity),
          gradePpb: purity,
          custodian,
          location: options.location,
          externalRef: options.ref,
        };
        const byProducts = ((options.byProduct as string[] | undefined) ?? []).map((spec, i): ProcessingOutput => {
          const flag = `--by-product[${i}]`;
          const [amount, commodity, form, ref] = parseFlag(flag, () => {
            const match = /^\s*(.+?)\s+([a-z-]+)\s+([a-z]+)\s*:\s*(\S.*)$/i.exec(spec);
            if (match === null) throw new Error(`expected "<quantity> <mineral> <form>:<reference>", e.g. "20 kg gold bar:AU-BARS-1", got "${spec}"`);
            return [match[1]!, parseCommodity(match[2]!), match[3]!.toLowerCase(), match[4]!.trim()] as const;
          });
          const q = parseAmount(commodity as Commodity, amount, options.rounding, flag);
          return { commodity: commodity as Commodity, form: form as FormName, quantity: q, massGrams: massOf(q, purity), gradePpb: purity, custodian, location: options.location, externalRef: ref };
        });
        printStep(options, "refine", lotIds, await sdk.processLots({ lotIds, product, byProducts }));
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("byproduct")
      .description("record a by-product's grade in a lot before it is refined, e.g. the gold in copper-gold concentrate (ASSAYER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--commodity <name>", "the by-product's mineral: gold | copper | tungsten | antimony | rare-earths")
      .requiredOption("--grade <grade>", 'its grade on the dry basis: grams per tonne ("2.5 g/t") or percent ("0.4%")'),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk }) => {
        const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
        const byProduct = parseFlag("--commodity", () => parseCommodity(options.commodity));
        const gradePpb = parseFlag("--grade", () => parseGrade(options.grade));
        const r = await sdk.recordByProduct({ lotId, byProduct, gradePpb });
        const text = `Lot ${lotId} contains ${r.contained.format()} of ${COMMODITIES[byProduct].name} (${options.grade}), recoverable by refining`;
        console.log(options.json ? toJson({ lotId, byProduct: COMMODITIES[byProduct].name, gradePpb, contained: r.contained, transaction: r.hash }) : text);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("convert")
      .description("convert your units of a processed lot into your share of every output of the step that consumed it")
      .requiredOption("--lot <id>", "the processed lot")
      .option("--amount <quantity>", "how much to convert (default: everything you hold)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk }) => {
        const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
        const lot = await sdk.getLot({ lotId });
        const amount = options.amount === undefined ? undefined : parseAmount(lot.commodity, options.amount, options.rounding);
        const r = await sdk.convertUnits({ lotId, ...(amount === undefined ? {} : { amount }) });
        const parts = r.outputs.map((o) => `${o.amount.format()} of lot ${o.lotId}${o.held ? " (held for you: its rules refuse you now; claim with minerals lot held --claim)" : ""}`);
        console.log(options.json ? toJson({ lotId, converted: r.converted, outputs: r.outputs, transaction: r.hash }) : `Converted ${r.converted.format()} of lot ${lotId} into ${parts.join(", ")}`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("held")
      .description("units of an output lot held for a holder its rules refused when it converted: show them, claim them, redeem them once the lot is sold, or (COMPLIANCE role) release them to another wallet")
      .requiredOption("--lot <id>", "the output lot")
      .option("--holder <address|index>", "whose held units (default: your account)")
      .option("--claim", "take them, now that the lot's rules let you receive them")
      .option("--redeem", "redeem them at the proceeds vault (the lot is being sold)")
      .option("--release-to <address|index>", "release the holder's units to this wallet (COMPLIANCE role)")
      .option("--reason <text>", "with --release-to: the legal ground (at most 32 bytes)"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
        const actions = [options.claim, options.redeem, options.releaseTo].filter((a) => a !== undefined).length;
        if (actions > 1) parseFlag("--claim", () => { throw new Error("give one of --claim, --redeem and --release-to"); });
        if (options.releaseTo !== undefined) {
          const holder = addressOrIndex(connection, parseFlag("--holder", () => options.holder ?? (() => { throw new Error("--release-to needs the holder whose units are released"); })()), "--holder");
          const to = addressOrIndex(connection, options.releaseTo, "--release-to");
          const reason = parseFlag("--reason", () => options.reason ?? (() => { throw new Error("--release-to needs the legal ground"); })());
          const r = await sdk.releaseHeldUnits({ lotId, holder, to, reason });
          console.log(options.json ? toJson({ lotId, holder, to, units: r.units, transaction: r.hash }) : `Released ${r.units.format()} of lot ${lotId} held for ${holder} to ${to} (${reason})`);
          return;
        }
        if (options.claim || options.redeem) {
          const r = options.claim ? await sdk.claimHeldUnits({ lotId }) : await sdk.redeemHeldUnits({ lotId });
          console.log(options.json ? toJson({ lotId, units: r.units, transaction: r.hash }) : options.claim ? `Claimed ${r.units.format()} of lot ${lotId}` : `Redeemed ${r.units.format()} of lot ${lotId} at the proceeds vault: claim your share with minerals proceeds claim --lot ${lotId}`);
          return;
        }
        const holder = options.holder === undefined ? undefined : addressOrIndex(connection, options.holder, "--holder");
        const held = await sdk.getHeldUnits({ lotId, ...(holder === undefined ? {} : { holder }) });
        console.log(options.json ? toJson({ lotId, held }) : `${held.format()} of lot ${lotId} held`);
      }),
    ),
  );
}
