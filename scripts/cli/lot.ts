/**
 * `minerals lot ...`: register, assay, attest, move, mint, document, settle, retire and show lots; split, blend,
 * refine and convert them (`./processing.ts`).
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { Command } from "commander";
import type { Hex } from "viem";
import { DOC_TYPES, FORMS, type DocTypeName, type FormName } from "../../src/domain.ts";
import { COMMODITIES, ROUNDINGS, Quantity, UNIT_MILLIGRAMS, groupThousands, parseCommodity, parseDecimal, parseMassUnit, ratioToDecimal, type MassUnit, type Rounding, parseMass, percentToBps, percentToPpb, type Commodity } from "../../src/units/index.ts";
import { toLotId } from "../../src/internal/validate.ts";
import { InvalidArgumentError } from "../../src/errors/base.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform, type CommonOptions } from "./context.ts";
import { externalRefHash } from "../../src/actions/lots/registerLot.ts";
import { printLot } from "./format.ts";
import { parseCountry } from "./investors.ts";
import { addProcessingCommands } from "./processing.ts";

/**
 * Parses `--amount` for a lot of `commodity`: "12.5 t", "578.71 ozt", "2352670 kg"; no unit = market unit. When
 * `--rounding` had to round (most troy-ounce figures are not a whole mg), says on stderr, before anything is sent,
 * exactly what will be sent instead of what was typed.
 */
export function parseAmount(commodity: Commodity, text: string, rounding: string = "exact", flag = "--amount"): Quantity {
  const mode = parseFlag("--rounding", () => {
    if (!(ROUNDINGS as readonly string[]).includes(rounding)) throw new Error(`expected one of ${ROUNDINGS.join(", ")}, got "${rounding}"`);
    return rounding as Rounding;
  });
  return parseFlag(flag, () => {
    if (/^\s*-/.test(text)) throw new Error(`expected a positive quantity such as "12.5 ${COMMODITIES[commodity].marketUnit}", got "${text}"`);
    const quantity = Quantity.parse(commodity, text, undefined, mode);
    if (quantity.isZero()) throw new Error(`expected a quantity greater than zero, got "${text}"`);
    const note = roundingNote(commodity, text, quantity, mode, flag);
    if (note) console.error(note);
    return quantity;
  });
}

/**
 * What a rounded quantity sends instead of what was typed, or undefined when the text was a whole number of base
 * units: `note: --amount "100 ozt" is 3,110,347.68 mg of fine Au, not a whole mg; rounding down sends 3,110,347 mg
 * (99.999978 ozt)`.
 */
export function roundingNote(commodity: Commodity, text: string, quantity: Quantity, rounding: Rounding, flag = "--amount"): string | undefined {
  if (rounding === "exact") return undefined;
  try {
    Quantity.parse(commodity, text, undefined, "exact");
    return undefined;
  } catch {
    const info = COMMODITIES[commodity];
    const typed = exactBaseUnits(commodity, text);
    return `note: ${flag} "${text}" is ${typed} ${info.baseUnit} of ${info.basisLabel}, not a whole ${info.baseUnit}; rounding ${rounding} sends ${groupThousands(quantity.base)} ${info.baseUnit} (${quantity.toMarket()} ${info.marketUnit})`;
  }
}

/** The exact amount a quantity text stands for, in base units, with up to 6 decimals ("3,110,347.68"). */
function exactBaseUnits(commodity: Commodity, text: string): string {
  const match = /^\s*([\d,_.]+)\s*([A-Za-z]*)\s*$/.exec(text);
  const number = parseDecimal(match?.[1] ?? "0");
  const unit = (match?.[2] ? parseMassUnit(match[2]) : COMMODITIES[commodity].marketUnit) as MassUnit;
  const { numerator, denominator } = UNIT_MILLIGRAMS[unit];
  const baseMg = UNIT_MILLIGRAMS[COMMODITIES[commodity].baseUnit].numerator;
  const exact = ratioToDecimal(number.digits * numerator, denominator * 10n ** BigInt(number.decimals) * baseMg, 6, "half-even").replace(/\.?0+$/, "");
  return groupThousands(exact);
}

/** A whole number from 1, as typed in an option. */
function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new Error(`expected a whole number from 1, got "${text}"`);
  }
  return Number(text);
}

/** Help text of `--rounding`. */
export const ROUNDING_HELP = "rounding of a quantity that is not a whole number of base units (mg of gold, kg otherwise): exact (refuse) | down | up | half-even";

async function withLot<T>(
  options: CommonOptions & { lot: string },
  body: (ctx: Parameters<Parameters<typeof withPlatform>[1]>[0], lotId: bigint) => Promise<T>,
): Promise<T> {
  const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
  return withPlatform(options, (ctx) => body(ctx, lotId));
}

function done(options: CommonOptions, json: unknown, text: string): void {
  console.log(options.json ? toJson(json) : text);
}

/** Builds the `lot` command group. */
export function lotCommand(): Command {
  const lot = new Command("lot").description("register, assay, warehouse, move, tokenize and inspect physical lots");

  withCommonOptions(
    lot
      .command("register")
      .description("register a physical lot (ISSUER role)")
      .requiredOption("--commodity <name>", "gold | copper | tungsten | antimony | rare-earths")
      .requiredOption("--form <form>", `physical form: ${FORMS.join(" | ")}`)
      .requiredOption("--country <country>", "country of origin: ISO 3166-1 numeric code, alpha-2 code or English name, e.g. 586, PK or Pakistan")
      .requiredOption("--origin <id>", "mine or concession id (at most 32 bytes), by convention <country>-<province>-<district>-<concession>, e.g. PK-BA-CHAGAI-CU-0042")
      .requiredOption("--ref <reference>", "external reference (warehouse receipt, bar serials); only its hash goes on chain")
      .requiredOption("--wet-mass <mass>", 'wet mass with unit, e.g. "10000 wmt", "25 kg"')
      .requiredOption("--moisture <percent>", "moisture, percent of wet mass, e.g. 8")
      .requiredOption("--grade <percent>", "grade of the basis, dry, percent, e.g. 26.5")
      .requiredOption("--payable <percent>", "payable share, percent, e.g. 96.5")
      .requiredOption("--custodian <address|index>", "the custodian holding the lot (CUSTODIAN role)")
      .requiredOption("--location <text>", "warehouse or site (at most 32 bytes)"),
  ).action((options) =>
    run(async () => {
      const commodity = parseFlag("--commodity", () => parseCommodity(options.commodity));
      const countryCode = parseCountry(options.country);
      const figures = {
        wetMassGrams: parseFlag("--wet-mass", () => parseMass(options.wetMass)),
        moistureBps: parseFlag("--moisture", () => percentToBps(options.moisture)),
        gradePpb: parseFlag("--grade", () => percentToPpb(options.grade)),
        payableBps: parseFlag("--payable", () => percentToBps(options.payable)),
      };
      await withPlatform(options, async (ctx) => {
        const result = await ctx.sdk.registerLot({
          commodity,
          form: options.form as FormName,
          countryCode,
          originId: options.origin,
          externalRef: options.ref,
          ...figures,
          custodian: addressOrIndex(ctx.connection, options.custodian, "--custodian"),
          location: options.location,
        });
        done(
          options,
          { lotId: result.lotId, contained: result.contained, payable: result.payable, externalRef: result.externalRef, transaction: result.hash },
          `Registered lot ${result.lotId}: ${COMMODITIES[commodity].name} ${options.form}, contained ${result.contained.format()}, payable ${result.payable.format()} (tx ${result.hash})`,
        );
      });
    }),
  );

  withCommonOptions(
    lot
      .command("assay")
      .description("record the independent assay of a registered lot (ASSAYER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--moisture <percent>", "moisture, percent of wet mass")
      .requiredOption("--grade <percent>", "grade of the basis, dry, percent")
      .requiredOption("--payable <percent>", "payable share, percent"),
  ).action((options) =>
    run(async () => {
      const figures = {
        moistureBps: parseFlag("--moisture", () => percentToBps(options.moisture)),
        gradePpb: parseFlag("--grade", () => percentToPpb(options.grade)),
        payableBps: parseFlag("--payable", () => percentToBps(options.payable)),
      };
      await withLot(options, async ({ sdk }, lotId) => {
        const r = await sdk.recordAssay({ lotId, ...figures });
        done(options, { lotId, contained: r.contained, payable: r.payable, transaction: r.hash }, `Assayed lot ${lotId}: contained ${r.contained.format()}, payable ${r.payable.format()}`);
      });
    }),
  );

  withCommonOptions(
    lot
      .command("attest")
      .description("the lot's custodian attests the payable quantity it holds; warehouses an assayed lot (CUSTODIAN role)")
      .requiredOption("--lot <id>", "lot id")
      .option("--amount <quantity>", "attested quantity, e.g. \"2352.670 t\" (default: the whole payable quantity)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact")
      .requiredOption("--location <text>", "warehouse (at most 32 bytes)"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk }, lotId) => {
        const current = await sdk.getLot({ lotId });
        const quantity = options.amount ? parseAmount(current.commodity, options.amount, options.rounding) : current.payable;
        const r = await sdk.attestCustody({ lotId, quantity, location: options.location });
        done(options, { lotId, attested: r.attested, transaction: r.hash }, `Lot ${lotId} warehoused at ${options.location}: attested ${r.attested.format()}`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("move")
      .description("dispatch a warehoused lot to another custodian (--to), or confirm its arrival and attest what arrived (--arrive)")
      .requiredOption("--lot <id>", "lot id")
      .option("--to <address|index>", "the receiving custodian (dispatch)")
      .option("--destination <text>", "where the lot is going (dispatch)")
      .option("--arrive", "confirm arrival as the receiving custodian")
      .option("--location <text>", "where the lot arrived (with --arrive)")
      .option("--quantity <quantity>", 'with --arrive, required: the payable quantity counted on arrival, e.g. "2300 t"; it caps minting from now on')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      if (Boolean(options.arrive) === Boolean(options.to)) {
        throw new InvalidArgumentError("lot move", "either --to <custodian> --destination <text> or --arrive --location <text> --quantity <quantity>", "both or neither");
      }
      await withLot(options, async ({ sdk, connection }, lotId) => {
        if (options.arrive) {
          if (!options.location) throw new InvalidArgumentError("--location", "where the lot arrived", undefined);
          // No default: the receiving custodian states what it counted. Copying the previous attestation would hide
          // a loss in transit, which is what the attestation on arrival is for.
          const current = await sdk.getLot({ lotId });
          if (!options.quantity) {
            throw new InvalidArgumentError(
              "--quantity",
              `the payable quantity counted on arrival (the dispatching custodian attested ${current.attested.format()}; at least ${current.minted.format()} minted)`,
              undefined,
            );
          }
          const quantity = parseAmount(current.commodity, options.quantity, options.rounding, "--quantity");
          const r = await sdk.confirmArrival({ lotId, location: options.location, quantity });
          done(
            options,
            { lotId, state: "warehoused", attested: r.attested, transaction: r.hash },
            `Lot ${lotId} arrived at ${options.location}: attested ${r.attested.format()}`,
          );
        } else {
          if (!options.destination) throw new InvalidArgumentError("--destination", "where the lot is going", undefined);
          const to = addressOrIndex(connection, options.to, "--to");
          const r = await sdk.dispatchLot({ lotId, toCustodian: to, destination: options.destination });
          done(options, { lotId, state: "in-transit", toCustodian: to, transaction: r.hash }, `Lot ${lotId} dispatched to ${to} (${options.destination})`);
        }
      });
    }),
  );

  withCommonOptions(
    lot
      .command("recall")
      .description("bring a lot in transit back to the custodian that dispatched it, which must attest it again before more is minted (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--reason <text>", "why (at most 32 bytes), e.g. \"receiver lost its key\""),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk }, lotId) => {
        const r = await sdk.recallLot({ lotId, reason: options.reason });
        done(options, { lotId, state: "warehoused", reason: options.reason, transaction: r.hash }, `Lot ${lotId} recalled (${options.reason}): warehoused with its dispatching custodian, awaiting its new attestation`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("redirect")
      .description("send a lot in transit to another receiving custodian; it stays in transit (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--to <address|index>", "the new receiving custodian (CUSTODIAN role)")
      .requiredOption("--destination <text>", "where the lot is now going (at most 32 bytes)")
      .requiredOption("--reason <text>", "why (at most 32 bytes)"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk, connection }, lotId) => {
        const to = addressOrIndex(connection, options.to, "--to");
        const r = await sdk.redirectLot({ lotId, toCustodian: to, destination: options.destination, reason: options.reason });
        done(
          options,
          { lotId, state: "in-transit", toCustodian: to, reason: options.reason, transaction: r.hash },
          `Lot ${lotId} redirected to ${to} (${options.destination}): ${options.reason}`,
        );
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("withdraw")
      .description("retire a registered, assayed or warehoused lot that has no units outstanding (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--reason <text>", "why (at most 32 bytes), e.g. \"assayer licence revoked\""),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk }, lotId) => {
        const r = await sdk.withdrawLot({ lotId, reason: options.reason });
        done(options, { lotId, state: "retired", reason: options.reason, transaction: r.hash }, `Lot ${lotId} withdrawn (${options.reason}): retired`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("mint")
      .description("mint units of a warehoused lot, within its attested quantity (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--to <address|index>", "receiver")
      .requiredOption("--amount <quantity>", 'quantity, e.g. "2352.670 t", "733 ozt", "6435 mtu"; no unit = market unit')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk, connection }, lotId) => {
        const to = addressOrIndex(connection, options.to, "--to");
        const current = await sdk.getLot({ lotId });
        const amount = parseAmount(current.commodity, options.amount, options.rounding);
        const r = await sdk.mintUnits({ lotId, to, amount });
        done(options, { lotId, to, minted: r.minted, transaction: r.hash }, `Minted ${r.minted.format()} of lot ${lotId} to ${to}`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("document")
      .description("record a document against a lot by its SHA-256 (ISSUER or ASSAYER role; CUSTODIAN role for a lot it holds, held or is receiving)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--type <docType>", DOC_TYPES.join(" | "))
      .option("--file <path>", "the document; its SHA-256 is computed locally and the file never leaves this machine")
      .option("--sha256 <hash>", "the document's SHA-256, if you have it instead of the file")
      .option("--uri <uri>", "where entitled parties can fetch it", "")
      .option("--issued-at <date>", "issue date (ISO 8601); default now"),
  ).action((options) =>
    run(async () => {
      if (Boolean(options.file) === Boolean(options.sha256)) throw new InvalidArgumentError("--file/--sha256", "exactly one of --file or --sha256", "both or neither");
      const sha256 = options.file
        ? (`0x${createHash("sha256").update(await readFile(options.file)).digest("hex")}` as Hex)
        : (options.sha256 as Hex);
      const given = options.issuedAt ? new Date(options.issuedAt) : undefined;
      if (given && Number.isNaN(given.getTime())) throw new InvalidArgumentError("--issued-at", "an ISO 8601 date", options.issuedAt);
      await withLot(options, async ({ sdk, connection }, lotId) => {
        // Default: the chain's own latest time, so a local chain whose clock lags the wall clock accepts it.
        const issuedAt = given ?? new Date(Number((await connection.client.getBlock()).timestamp) * 1000);
        const r = await sdk.addDocument({ lotId, docType: options.type as DocTypeName, sha256, uri: options.uri, issuedAt });
        done(options, { lotId, index: r.index, sha256, transaction: r.hash }, `Recorded ${options.type} #${r.index} on lot ${lotId} (sha256 ${sha256})`);
      });
    }),
  );

  withCommonOptions(
    lot
      .command("settle")
      .description("record the sale of a warehoused lot and open its settlement, naming the one treasury that deposits its proceeds (ISSUER role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--sale-ref <text>", "sale or offtake contract reference (at most 32 bytes)")
      .requiredOption("--treasury <address|index>", "the treasury account (TREASURY role) that alone deposits the sale proceeds, declares the final payment and sweeps the dust")
      .option("--payment-token <address>", "the stablecoin the proceeds are paid in (default: the deployment's test stablecoin)"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk, connection }, lotId) => {
        const treasury = addressOrIndex(connection, options.treasury, "--treasury");
        const paymentToken = options.paymentToken ? addressOrIndex(connection, options.paymentToken, "--payment-token") : undefined;
        const r = await sdk.startSettlement({ lotId, saleRef: options.saleRef, treasury, ...(paymentToken ? { paymentToken } : {}) });
        done(options, { lotId, state: "settling", treasury, transaction: r.hash }, `Lot ${lotId} is settling (${options.saleRef}); its proceeds are deposited by ${treasury}`);
      }),
    ),
  );

  withCommonOptions(
    lot.command("retire").description("retire a settling lot once its units are all redeemed, or with units outstanding once the notice period after its final sale payment has passed (ISSUER role)").requiredOption("--lot <id>", "lot id"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk }, lotId) => {
        const r = await sdk.retireLot({ lotId });
        done(options, { lotId, state: "retired", transaction: r.hash }, `Lot ${lotId} retired`);
      }),
    ),
  );

  withCommonOptions(
    lot
      .command("documents")
      .description("list a lot's documents, one page at a time")
      .requiredOption("--lot <id>", "lot id")
      .option("--page <n>", "page number, from 1", "1")
      .option("--limit <n>", "documents per page", "20"),
  ).action((options) =>
    run(async () => {
      const page = parseFlag("--page", () => positiveInteger(options.page));
      const limit = parseFlag("--limit", () => positiveInteger(options.limit));
      await withLot(options, async ({ sdk }, lotId) => {
        const r = await sdk.getDocuments({ lotId, offset: (page - 1) * limit, limit });
        const pages = Math.max(1, Math.ceil(r.total / limit));
        if (options.json) {
          console.log(toJson({ lotId, page, pages, total: r.total, documents: r.documents }));
          return;
        }
        console.log(`Lot ${lotId}: ${r.total} document(s), page ${page} of ${pages}`);
        for (const d of r.documents) {
          console.log(`  #${d.index} ${d.docType} sha256 ${d.sha256} issued ${d.issuedAt.toISOString().slice(0, 10)} by ${d.issuer}${d.uri ? ` ${d.uri}` : ""}`);
        }
      });
    }),
  );

  withCommonOptions(
    lot
      .command("show")
      .description("show one lot")
      .requiredOption("--lot <id>", "lot id")
      .option("--ref <reference>", "an external reference (warehouse receipt, bar serials) to check against the hash the lot records"),
  ).action((options) =>
    run(() =>
      withLot(options, async ({ sdk }, lotId) => {
        const report = await sdk.getLotReport({ lotId });
        if (options.json) console.log(toJson(options.ref === undefined ? report : { ...report, externalRefMatches: externalRefHash(options.ref).toLowerCase() === report.externalRef.toLowerCase() }));
        else printLot(report, options.ref === undefined ? {} : { externalRef: options.ref });
      }),
    ),
  );

  addProcessingCommands(lot);
  return lot;
}
