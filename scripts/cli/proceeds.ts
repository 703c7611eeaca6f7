/**
 * `minerals proceeds deposit|claim|show|sweep`: sale proceeds of a settling lot, owed per unit. Every refusal is
 * explained in one sentence before anything is sent (the SDK's `checkDeposit` and `checkClaim`).
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { Money } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";

function depositCommand(): Command {
  return withCommonOptions(
    new Command("deposit")
      .description("deposit sale proceeds of a settling lot (treasury); the last one with --final")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <usd>", 'the amount, e.g. "14,000,000 USD"')
      .option("--final", "the final payment (after umpire assay): nothing may be deposited after it")
      .option("--payment-token <address>", "the ERC-20 paid in (default: the deployment's test stablecoin)"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const amount = parseFlag("--amount", () => Money.parseUsd(options.amount));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.depositProceeds({ lotId, amount, final: options.final === true, ...(options.paymentToken ? { paymentToken: options.paymentToken } : {}) });
        console.log(
          options.json
            ? toJson({ lotId, deposited: r.deposited, total: r.total, final: r.final, transaction: r.hash })
            : `Deposited ${r.deposited.format()} of proceeds for lot ${lotId}${r.final ? " (final payment)" : ""}: ${r.total.format()} in total`,
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
      .description("sweep a lot's rounding dust, which no holder can ever claim, after its final payment (treasury)")
      .requiredOption("--lot <id>", "lot id")
      .option("--to <address|index>", "who receives it (default: the signer)"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk, connection }) => {
        const to = options.to ? addressOrIndex(connection, options.to, "--to") : undefined;
        const r = await sdk.sweepDust({ lotId, ...(to ? { to } : {}) });
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
        console.log(`Lot ${lotId} (${p.state}): ${p.deposited.format()} deposited${p.final ? ` (final payment at ${p.finalAt!.toISOString()})` : ""}, ${p.paid.format()} paid, ${p.swept.format()} swept`);
        console.log(`  entitled supply ${p.entitledSupply.format()}; redeemed ${p.redeemed.format()}, outstanding ${p.outstanding.format()}; dust ${p.sweepable.format()}`);
        if (p.retirableAt) console.log(`  may retire with units outstanding from ${p.retirableAt.toISOString()}`);
        const pos = p.position!;
        console.log(`  ${pos.holder}: ${pos.inWallet.format()} in the wallet, ${pos.redeemed.format()} redeemed, paid ${pos.paid.format()}; claimable ${pos.claimable.format()}`);
        console.log(`  ${check.message}`);
      });
    }),
  );
}

export function proceedsCommand(): Command {
  return new Command("proceeds")
    .description("sale proceeds of a settling lot, paid per unit: deposit, claim, show, sweep")
    .addCommand(depositCommand())
    .addCommand(claimCommand())
    .addCommand(showCommand())
    .addCommand(sweepCommand());
}
