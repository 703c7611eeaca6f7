/**
 * `minerals proceeds deposit|finalize|claim|show|sweep|release`: sale proceeds of a settling lot, owed per unit. Every
 * refusal is explained in one sentence before anything is sent (the SDK's `checkDeposit` and `checkClaim`).
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { Money } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";

function depositCommand(): Command {
  return withCommonOptions(
    new Command("deposit")
      .description("deposit sale proceeds of a settling lot, in its payment token (the lot's treasury only); the last one with --final")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <usd>", 'the amount, e.g. "14,000,000 USD"')
      .option("--final", "the final payment (after umpire assay): declared in the same transaction; nothing may be deposited after it"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const amount = parseFlag("--amount", () => Money.parseUsd(options.amount));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.depositProceeds({ lotId, amount, final: options.final === true });
        console.log(
          options.json
            ? toJson({ lotId, deposited: r.deposited, total: r.total, final: r.final, transaction: r.hash })
            : `Deposited ${r.deposited.format()} of proceeds for lot ${lotId}${r.final ? " (final payment)" : ""}: ${r.total.format()} in total`,
        );
      });
    }),
  );
}

function finalizeCommand(): Command {
  return withCommonOptions(
    new Command("finalize")
      .description("declare a lot's final payment without depositing more (the lot's treasury only): the dust becomes sweepable and the notice period before retirement starts")
      .requiredOption("--lot <id>", "lot id"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.depositProceeds({ lotId, amount: 0n, final: true });
        console.log(options.json ? toJson({ lotId, total: r.total, final: true, transaction: r.hash }) : `Lot ${lotId}'s final payment declared: ${r.total.format()} in total`);
      });
    }),
  );
}

function releaseCommand(): Command {
  return withCommonOptions(
    new Command("release")
      .description("move a frozen or lost holder's redeemed position, and what it was paid, to a wallet you name (COMPLIANCE role)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--from <address|index>", "the holder whose position moves")
      .requiredOption("--to <address|index>", "the wallet that takes it (verified, KYC valid, not frozen)")
      .requiredOption("--reason <text>", "the legal ground (at most 32 bytes)"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk, connection }) => {
        const from = addressOrIndex(connection, options.from, "--from");
        const to = addressOrIndex(connection, options.to, "--to");
        const r = await sdk.releasePosition({ lotId, from, to, reason: options.reason });
        console.log(
          options.json
            ? toJson({ lotId, from, to, units: r.units, paid: r.paid, transaction: r.hash })
            : `Released ${from}'s position in lot ${lotId} (${r.units.format()}, ${r.paid.format()} already paid) to ${to}`,
        );
      });
    }),
  );
}

function claimCommand(): Command {
  return withCommonOptions(
    new Command("claim")
      .description("redeem your units of a settling or retired lot and claim your share of its proceeds, in one go")
      .requiredOption("--lot <id>", "lot id"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.claimProceeds({ lotId });
        console.log(
          options.json
            ? toJson({ lotId, redeemed: r.redeemed, paid: r.paid, transactions: r.hashes })
            : `Lot ${lotId}: redeemed ${r.redeemed.format()}, paid ${r.paid.format()}${r.paid.base === 0n ? " (nothing deposited yet: the redeemed units keep their share)" : ""}`,
        );
      });
    }),
  );
}

function sweepCommand(): Command {
  return withCommonOptions(
    new Command("sweep")
      .description("sweep a lot's rounding dust, which no holder can ever claim, to the lot's treasury after its final payment (the lot's treasury only)")
      .requiredOption("--lot <id>", "lot id"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.sweepDust({ lotId });
        console.log(options.json ? toJson({ lotId, swept: r.swept, transaction: r.hash }) : `Swept ${r.swept.format()} of rounding dust from lot ${lotId}`);
      });
    }),
  );
}

function showCommand(): Command {
  return withCommonOptions(
    new Command("show")
      .description("a lot's proceeds: deposited, paid, swept, dust, retirement date, and a holder's position and claim")
      .requiredOption("--lot <id>", "lot id")
      .option("--holder <address|index>", "whose position to show (default: the signer)"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk, connection }) => {
        const holder = options.holder ? addressOrIndex(connection, options.holder, "--holder") : connection.client.account.address;
        const p = await sdk.getProceeds({ lotId, holder });
        const check = await sdk.checkClaim({ lotId, holder });
        if (options.json) {
          console.log(toJson({ ...p, claim: { allowed: check.allowed, reason: check.reason, message: check.message } }));
          return;
        }
        console.log(`Lot ${lotId} (${p.state}): ${p.deposited.format()} deposited${p.final ? ` (final payment declared at ${p.finalAt!.toISOString()})` : ""}, ${p.paid.format()} paid, ${p.swept.format()} swept`);
        if (p.treasury) console.log(`  paid in ${p.paymentToken} by its treasury ${p.treasury}`);
        console.log(`  entitled supply ${p.entitledSupply.format()}; redeemed ${p.redeemed.format()}, outstanding ${p.outstanding.format()}; dust ${p.sweepable.format()}`);
        if (p.retirableAt) console.log(`  may retire with units outstanding from ${p.retirableAt.toISOString()}`);
        const pos = p.position!;
        console.log(`  ${pos.holder}: ${pos.inWallet.format()} in the wallet, ${pos.redeemed.format()} redeemed, paid ${pos.paid.format()}; claimable ${pos.claimable.format()}${pos.frozen ? " (account frozen)" : pos.frozenUnits.base !== 0n ? ` (${pos.frozenUnits.format()} frozen)` : ""}`);
        console.log(`  ${check.message}`);
      });
    }),
  );
}

export function proceedsCommand(): Command {
  return new Command("proceeds")
    .description("sale proceeds of a settling lot, paid per unit: deposit, finalize, claim, show, sweep, release")
    .addCommand(depositCommand())
    .addCommand(finalizeCommand())
    .addCommand(claimCommand())
    .addCommand(showCommand())
    .addCommand(sweepCommand())
    .addCommand(releaseCommand());
}
