/**
 * `minerals report`: every lot (or one, with --lot) as a table, JSON or CSV.
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { platformCsv, printLot, printPlatform } from "./format.ts";

export function reportCommand(): Command {
  return withCommonOptions(
    new Command("report")
      .description("report lots: facts, quantities in market units, holders, documents, timeline")
      .option("--lot <id>", "report only this lot")
      .option("--csv", "print every lot as CSV"),
  ).action((options) =>
    run(async () => {
      const lotId = options.lot === undefined ? undefined : parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        if (lotId !== undefined) {
          const report = await sdk.getLotReport({ lotId });
          if (options.json) console.log(toJson(report));
          else printLot(report);
          return;
        }
        const report = await sdk.getPlatformReport();
        if (options.json) console.log(toJson(report));
        else if (options.csv) console.log(platformCsv(report));
        else {
          printPlatform(report);
          for (const lot of report.lots) printLot(lot);
        }
      });
    }),
  );
}
