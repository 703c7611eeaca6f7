/**
 * Compliance commands: per-lot rules, explaining a transfer before it is sent, freezes, holds, pause and forced
 * transfers (COMPLIANCE role; pause and unpause: PAUSER role).
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { InvalidArgumentError } from "../../src/errors/base.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { parseClass, parseCountry, parseDate } from "./investors.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";

const lotFlag = (value: string) => parseFlag("--lot", () => toLotId(value, "--lot"));

const countryList = (value: string): number[] =>
  value.split(",").map((part) => parseCountry(part.trim(), "--countries"));

export function rulesCommand(): Command {
  const rules = new Command("rules").description("per-lot rules: who may receive units and how they may move (COMPLIANCE role)");
  withCommonOptions(
    rules
      .command("set")
      .description("set a lot's rules (an omitted rule means no restriction)")
      .requiredOption("--lot <id>", "lot id")
      .option("--min-class <class>", "lowest investor class that may receive units: retail | accredited | institutional")
      .option("--countries <countries>", "only these countries may receive: ISO 3166-1 numeric or alpha-2 codes or names, comma-separated, e.g. PK,US,AE,JP or 586,840,784,392")
      .option("--max-holders <n>", "most investors that may hold units at once (linked wallets count once)")
      .option("--lockup-end <date>", "no holder sends units before this moment, to an investor or to a platform escrow (ISO 8601)")
      .option("--min-holding <quantity>", 'smallest non-zero position, e.g. "1 t"')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      const minClass = options.minClass ? parseClass(options.minClass) : undefined;
      const countries = options.countries ? countryList(options.countries) : undefined;
      const maxHolders =
        options.maxHolders === undefined
          ? undefined
          : parseFlag("--max-holders", () => {
              if (!/^\d+$/.test(options.maxHolders) || Number(options.maxHolders) > 2 ** 32 - 1) throw new Error(`expected a whole number, got "${options.maxHolders}"`);
              return Number(options.maxHolders);
            });
      const lockupEnd = options.lockupEnd ? parseDate(options.lockupEnd, "--lockup-end") : undefined;
      await withPlatform(options, async ({ sdk }) => {
        const lot = await sdk.getLot({ lotId });
        const minHolding = options.minHolding ? parseAmount(lot.commodity, options.minHolding, options.rounding, "--min-holding") : undefined;
        if (countries) await sdk.setAllowedCountries({ lotId, countries, allowed: true });
        const r = await sdk.setLotRules({
          lotId,
          restrictCountries: countries !== undefined,
          ...(minClass ? { minClass } : {}),
          ...(maxHolders !== undefined ? { maxHolders } : {}),
          ...(lockupEnd ? { lockupEnd } : {}),
          ...(minHolding ? { minHolding } : {}),
        });
        const now = await sdk.getLotRules({ lotId });
        console.log(options.json ? toJson({ lotId, rules: now, transaction: r.hash }) : `Rules of lot ${lotId} set`);
      });
    }),
  );
  withCommonOptions(rules.command("show").description("a lot's rules and holder count").requiredOption("--lot <id>", "lot id")).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.getLotRules({ lotId });
        if (options.json) console.log(toJson({ lotId, ...r }));
        else {
          console.log(`Lot ${lotId}${r.onHold ? " (ON HOLD)" : ""}: ${r.holders} holder(s)${r.maxHolders ? ` of at most ${r.maxHolders}` : ""}`);
          console.log(`  minimum class: ${r.minClass}; countries: ${r.restrictCountries ? r.allowedCountries.join(", ") || "(none)" : "any"}`);
          console.log(`  lock-up until: ${r.lockupEnd?.toISOString() ?? "-"}; minimum holding: ${r.minHolding.isZero() ? "-" : r.minHolding.format()}`);
        }
      });
    }),
  );
  return rules;
}

export function checkCommand(): Command {
  return withCommonOptions(
    new Command("check")
      .description("explain whether a transfer would be accepted, before anything is sent (exit 1 if refused)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--from <address|index>", "sender")
      .requiredOption("--to <address|index>", "receiver")
      .requiredOption("--amount <quantity>", 'quantity, e.g. "10 t"')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      await withPlatform(options, async ({ sdk, connection }) => {
        const from = addressOrIndex(connection, options.from, "--from");
        const to = addressOrIndex(connection, options.to, "--to");
        const lot = await sdk.getLot({ lotId });
        const amount = parseAmount(lot.commodity, options.amount, options.rounding);
        const result = await sdk.checkTransfer({ from, to, lotId, amount });
        if (options.json) console.log(toJson({ lotId, from, to, amount, ...result }));
        else console.log(result.allowed ? `allowed: ${amount.format()} of lot ${lotId} from ${from} to ${to}` : `refused (${result.reason}): ${result.message}`);
        if (!result.allowed) process.exitCode = 1;
      });
    }),
  );
}

export function freezeCommand(): Command {
  const freeze = new Command("freeze").description("freeze a whole account, or part of its units of one lot (COMPLIANCE role)");
  withCommonOptions(
    freeze.command("account").description("freeze (or with --off, unfreeze) an account: it can neither send nor receive").requiredOption("--wallet <address|index>", "the account to freeze").option("--off", "unfreeze"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const account = addressOrIndex(connection, options.wallet, "--wallet");
        const r = await sdk.freezeAccount({ account, frozen: !options.off });
        console.log(options.json ? toJson({ account, frozen: !options.off, transaction: r.hash }) : `${account} ${options.off ? "unfrozen" : "frozen"}`);
      }),
    ),
  );
  withCommonOptions(
    freeze
      .command("units")
      .description("set how many of an account's units of a lot are frozen (0 unfreezes)")
      .requiredOption("--wallet <address|index>", "the holder")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <quantity>", 'frozen quantity, e.g. "40 t" ("0 t" unfreezes)')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      await withPlatform(options, async ({ sdk, connection }) => {
        const account = addressOrIndex(connection, options.wallet, "--wallet");
        const lot = await sdk.getLot({ lotId });
        const amount = /^\s*0+(\.0*)?\s*[a-z]*\s*$/i.test(options.amount) ? 0n : parseAmount(lot.commodity, options.amount, options.rounding);
        const r = await sdk.setFrozenUnits({ account, lotId, amount });
        console.log(options.json ? toJson({ account, lotId, frozen: amount, transaction: r.hash }) : `Frozen units of lot ${lotId} held by ${account} set to ${typeof amount === "bigint" ? amount : amount.format()}`);
      });
    }),
  );
  return freeze;
}

export function holdCommand(): Command {
  return withCommonOptions(
    new Command("hold")
      .description("place a legal or due-diligence hold on a lot (or lift it with --off): all its transfers stop")
      .requiredOption("--lot <id>", "lot id")
      .option("--reason <text>", "why (at most 32 bytes)", "hold")
      .option("--off", "lift the hold"),
  ).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.setLotHold({ lotId, onHold: !options.off, reason: options.reason });
        console.log(options.json ? toJson({ lotId, onHold: !options.off, transaction: r.hash }) : `Lot ${lotId} ${options.off ? "released from hold" : "on hold"}`);
      });
    }),
  );
}

export function pauseCommands(): Command[] {
  const make = (name: "pause" | "unpause") =>
    withCommonOptions(new Command(name).description(name === "pause" ? "pause every transfer of units (PAUSER role)" : "lift the pause (PAUSER role)")).action((options) =>
      run(() =>
        withPlatform(options, async ({ sdk }) => {
          const r = name === "pause" ? await sdk.pauseTransfers() : await sdk.unpauseTransfers();
          console.log(options.json ? toJson({ paused: name === "pause", transaction: r.hash }) : name === "pause" ? "Transfers paused" : "Transfers resumed");
        }),
      ),
    );
  return [make("pause"), make("unpause")];
}

export function forcedTransferCommand(): Command {
  return withCommonOptions(
    new Command("forced-transfer")
      .description("move units without the holder's consent: court order or lost-wallet recovery (COMPLIANCE role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--from <address|index>", "the holder")
      .requiredOption("--to <address|index>", "the receiver (must be an eligible investor)")
      .requiredOption("--amount <quantity>", "quantity")
      .requiredOption("--reason <text>", 'the legal ground, e.g. "court order 2026/114" or "lost-wallet recovery"')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = lotFlag(options.lot);
      if (!options.reason.trim()) throw new InvalidArgumentError("--reason", "the legal ground of the forced transfer", options.reason);
      await withPlatform(options, async ({ sdk, connection }) => {
        const from = addressOrIndex(connection, options.from, "--from");
        const to = addressOrIndex(connection, options.to, "--to");
        const lot = await sdk.getLot({ lotId });
        const amount = parseAmount(lot.commodity, options.amount, options.rounding);
        const r = await sdk.forcedTransfer({ lotId, from, to, amount, reason: options.reason });
        console.log(options.json ? toJson({ lotId, from, to, amount, reason: options.reason, transaction: r.hash }) : `Forced transfer of ${amount.format()} of lot ${lotId} from ${from} to ${to} (${options.reason})`);
      });
    }),
  );
}
