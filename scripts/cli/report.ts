/**
 * `minerals report [lot <id> | investor <wallet> | platform]`: reports as terminal tables, JSON, CSV or a
 * self-contained HTML page. A bare `minerals report` prints the platform and every lot, as it always did.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import type { ScanProgress } from "../../src/internal/logs.ts";
import { toAddress, toIntInRange, toLotId } from "../../src/internal/validate.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { investorCsv, lotCsv, platformCsv, printInvestor, printLot, printPlatform } from "./format.ts";
import { investorHtml, lotHtml, platformHtml } from "../../src/reports/html.ts";
import { indexOption, optionalIndexUrl } from "./indexer.ts";

interface OutputOptions {
  index?: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
  maxPriceAge?: string;
}

/** A one-line progress bar on stderr, only on a terminal and never with --json. */
function progressBar(options: OutputOptions): ((p: ScanProgress) => void) | undefined {
  if (options.json || !process.stderr.isTTY) return undefined;
  return (p) => {
    const ratio = p.total === 0n ? 1 : Number((p.done * 1000n) / p.total) / 1000;
    const width = 30;
    const filled = Math.round(ratio * width);
    process.stderr.write(`\r${p.label.padEnd(20)} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)} %`);
    if (p.done >= p.total) process.stderr.write("\r\x1b[2K");
  };
}

function withOutputOptions(command: Command): Command {
  return withCommonOptions(
    command
      .option("--csv", "print as CSV")
      .option("--html <file>", "write a self-contained HTML page with charts to <file>")
      .addOption(new Option("--max-price-age <seconds>", "seconds after which a price is stale and not used").default("90000"))
      .addOption(indexOption()),
  );
}

/** `index` for the SDK's report reads, when --index (or MINERALS_INDEX) names one. */
const fromIndex = (options: OutputOptions): { index?: string } => {
  const index = optionalIndexUrl(options.index);
  return index === undefined ? {} : { index };
};

const maxAge = (options: OutputOptions) => parseFlag("--max-price-age", () => toIntInRange(Number(options.maxPriceAge), "--max-price-age", 0, Number.MAX_SAFE_INTEGER, "a whole number of seconds"));

async function writeHtml(file: string, html: string): Promise<void> {
  await writeFile(file, html);
  console.log(`wrote ${path.resolve(file)}`);
}

export function reportCommand(): Command {
  const report = withOutputOptions(
    new Command("report")
      .description("report lots: facts, quantities in market units, valuation, cap tables, documents, timeline (subcommands: lot, investor, platform)")
      .option("--lot <id>", "report only this lot")
      // Options after a subcommand's name are the subcommand's own (`report lot 1 --rpc …`).
      .enablePositionalOptions(),
  ).action((options) =>
    run(async () => {
      const lotId = options.lot === undefined ? undefined : parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      if (lotId !== undefined) return reportLot(lotId, options);
      return reportPlatform(options, true);
    }),
  );
  report.addCommand(
    withOutputOptions(new Command("lot").description("one lot: facts, valuation, cap table, rules, documents, timeline").argument("<id>", "lot id")).action((id, options) =>
      run(() => reportLot(parseFlag("<id>", () => toLotId(id, "id")), options)),
    ),
  );
  report.addCommand(
    withOutputOptions(new Command("investor").description("one wallet: holdings with value, history").argument("<wallet>", "wallet address or account index")).action((wallet, options) =>
      run(async () => {
        if (!/^\d{1,3}$/.test(wallet)) parseFlag("<wallet>", () => toAddress(wallet, "wallet"));
        await withPlatform(options, async ({ sdk, connection }) => {
          const address = parseFlag("<wallet>", () => addressOrIndex(connection, wallet, "wallet"));
          const onProgress = progressBar(options);
          const r = await sdk.getInvestorReport({ wallet: address, maxPriceAgeSeconds: maxAge(options), ...fromIndex(options), ...(onProgress ? { onProgress } : {}) });
          if (options.html) await writeHtml(options.html, investorHtml(r));
          else if (options.json) console.log(toJson(r));
          else if (options.csv) console.log(investorCsv(r));
          else printInvestor(r);
        });
      }),
    ),
  );
  report.addCommand(
    withOutputOptions(new Command("platform").description("every lot, totals and value by mineral, metal by origin, investors by country and class")).action((options) =>
      run(() => reportPlatform(options, false)),
    ),
  );
  return report;
}

async function reportLot(lotId: bigint, options: OutputOptions & Parameters<typeof withPlatform>[0]): Promise<void> {
  await withPlatform(options, async ({ sdk }) => {
    const onProgress = progressBar(options);
    const r = await sdk.getLotReport({ lotId, maxPriceAgeSeconds: maxAge(options), ...fromIndex(options), ...(onProgress ? { onProgress } : {}) });
    if (options.html) await writeHtml(options.html, lotHtml(r));
    else if (options.json) console.log(toJson(r));
    else if (options.csv) console.log(lotCsv(r));
    else printLot(r);
  });
}

async function reportPlatform(options: OutputOptions & Parameters<typeof withPlatform>[0], everyLot: boolean): Promise<void> {
  await withPlatform(options, async ({ sdk }) => {
    const onProgress = progressBar(options);
    const r = await sdk.getPlatformReport({ maxPriceAgeSeconds: maxAge(options), ...fromIndex(options), ...(onProgress ? { onProgress } : {}) });
    if (options.html) await writeHtml(options.html, platformHtml(r));
    else if (options.json) console.log(toJson(r));
    else if (options.csv) console.log(platformCsv(r));
    else {
      printPlatform(r);
      if (everyLot) for (const lot of r.lots) printLot(lot);
    }
  });
}
