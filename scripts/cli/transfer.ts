/**
 * `minerals transfer` (one lot, or several with --item) and `minerals balances`.
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { InvalidArgumentError } from "../../src/errors/base.ts";
import type { Quantity } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function transferCommand(): Command {
  return withCommonOptions(
    new Command("transfer")
      .description("transfer units of a lot (--lot/--amount), or of several lots at once (--item repeated)")
      .requiredOption("--to <address|index>", "receiver")
      .option("--lot <id>", "lot id")
      .option("--amount <quantity>", 'quantity, e.g. "250 t", "100 ozt"; no unit = market unit')
      .option("--item <lot:quantity>", 'one lot of a batch transfer, e.g. --item "1:250 t" --item "2:100 ozt"', collect)
      .option("--from <address|index>", "holder whose units to move (default: the signer; others need its approval)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const items: string[] = options.item ?? [];
      if ((options.lot === undefined) === (items.length === 0)) {
        throw new InvalidArgumentError("transfer", "either --lot <id> --amount <quantity> or one or more --item <lot:quantity>", "both or neither");
      }
      if (options.lot !== undefined && options.amount === undefined) throw new InvalidArgumentError("--amount", "a quantity to transfer", undefined);
      const single = options.lot !== undefined ? parseFlag("--lot", () => toLotId(options.lot, "--lot")) : undefined;
      const batch = items.map((item, i) => {
        const match = /^\s*(\d+)\s*:(.+)$/.exec(item);
        if (!match) throw new InvalidArgumentError(`--item #${i + 1}`, '"<lot id>:<quantity>", e.g. "1:250 t"', item);
        return { lotId: parseFlag("--item", () => toLotId(match[1], "--item lot id")), amount: match[2]!.trim() };
      });
      await withPlatform(options, async ({ sdk, connection }) => {
        const to = addressOrIndex(connection, options.to, "--to");
        const from = options.from ? addressOrIndex(connection, options.from, "--from") : undefined;
        if (single !== undefined) {
          const lot = await sdk.getLot({ lotId: single });
          const amount = parseAmount(lot.commodity, options.amount, options.rounding);
          const r = await sdk.transferUnits({ lotId: single, to, amount, ...(from ? { from } : {}) });
          console.log(options.json ? toJson({ lotId: single, to, amount: r.transferred, transaction: r.hash }) : `Transferred ${r.transferred.format()} of lot ${single} to ${to}`);
          return;
        }
        const parsed: { lotId: bigint; amount: Quantity }[] = [];
        for (const item of batch) {
          const lot = await sdk.getLot({ lotId: item.lotId });
          parsed.push({ lotId: item.lotId, amount: parseAmount(lot.commodity, item.amount, options.rounding, "--item") });
        }
        const r = await sdk.batchTransferUnits({ to, items: parsed, ...(from ? { from } : {}) });
        console.log(
          options.json
            ? toJson({ to, items: parsed, transaction: r.hash })
            : `Transferred ${parsed.map((p) => `${p.amount.format()} of lot ${p.lotId}`).join(", ")} to ${to}`,
        );
      });
    }),
  );
}

export function balancesCommand(): Command {
  return withCommonOptions(
    new Command("balances").description("an account's cash (the payment stablecoin) and its holdings across all lots").requiredOption("--owner <address|index>", "the holder"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection, deployment }) => {
        const owner = addressOrIndex(connection, options.owner, "--owner");
        const holdings = await sdk.getBalances({ owner });
        const cash = deployment.contracts.TestStablecoin === undefined ? undefined : await sdk.getMoneyBalance({ owner });
        if (options.json) {
          console.log(toJson({ owner, cash: cash ?? null, holdings }));
          return;
        }
        console.log(`${owner}: cash ${cash ? `${cash.format()} of the payment stablecoin` : "unknown (no payment stablecoin in this deployment)"}`);
        if (holdings.length === 0) console.log("  holds no units");
        else for (const h of holdings) console.log(`  lot ${h.lotId}: ${h.balance.format()}`);
      });
    }),
  );
}
