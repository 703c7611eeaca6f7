/**
 * `minerals report [lot <id> | investor <wallet> | platform]`: reports as terminal tables, JSON, CSV or a
 * self-contained HTML page. A bare `minerals report` prints the platform and every lot, as it always did.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import type { ScanProgress } from "../../src/internal/logs.ts";
import { toAddress, toLotId } from "../../src/internal/validate.ts";
import { parseDuration } from "./duration.ts";
import { startProgress } from "./progress.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform, type Connection } from "./context.ts";
import { investorCsv, lotCsv, platformCsv, printInvestor, printLot, printPlatform } from "./format.ts";
import { investorHtml, lotHtml, platformHtml } from "../../src/reports/html.ts";
import { indexOption, optionalIndexUrl } from "./indexer.ts";

interface OutputOptions {
  index?: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
  maxPriceAge?: string;
  tradesSince?: string;
}

/**
 * Progress while a report is read: on a terminal a one-line bar (never with --json); elsewhere, past a second, one
 * line on stderr saying which report is being read.
 */
function progressBar(options: OutputOptions, label = "reading the report"): ((p: ScanProgress) => void) | undefined {
  if (!process.stderr.isTTY) {
    const progress = startProgress({ quiet: true });
    progress.step(label);
    stopAtExit.push(progress);
    return undefined;
  }
  if (options.json) return undefined;
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
      .addOption(new Option("--max-price-age <duration>", 'age after which a price is stale and not used, on the chain\'s clock, e.g. "25h", "30d" or seconds').default("25h"))
      .addOption(indexOption()),
  );
}

/** `index` for the SDK's report reads, when --index (or MINERALS_INDEX) names one. */
const fromIndex = (options: OutputOptions): { index?: string } => {
  const index = optionalIndexUrl(options.index);
  return index === undefined ? {} : { index };
};

const maxAge = (options: OutputOptions) => parseDuration(options.maxPriceAge ?? "25h", "--max-price-age");

/** `--trades-since`: the period each lot's traded volume covers, back from the chain's latest block (every trade when omitted). */
function withTradesOption(command: Command): Command {
  return command.option("--trades-since <duration>", 'the traded volume over this period back from the chain\'s latest block, e.g. "30d", "24h" (default: every trade)');
}

/** Checks `--trades-since` before anything is read; `since` turns it into a date on the chain's clock. */
function tradesPeriod(options: OutputOptions): { since: (client: Connection["client"]) => Promise<Date | undefined> } {
  const seconds = options.tradesSince === undefined ? undefined : parseDuration(options.tradesSince, "--trades-since", { min: 1 });
  return {
    // A period longer than the chain's history covers all of it.
    since: async (client) => (seconds === undefined ? undefined : new Date(Math.max(1, Number((await client.getBlock()).timestamp) - seconds) * 1000)),
  };
}

export async function writeHtml(file: string, html: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, html);
  console.log(`wrote ${path.resolve(file)}`);
}

export function reportCommand(): Command {
  const report = withTradesOption(withOutputOptions(
    new Command("report")
      .description("report lots: facts, quantities in market units, valuation, cap tables, documents, timeline (subcommands: lot, investor, platform)")
      .option("--lot <id>", "report only this lot")
      // Options after a subcommand's name are the subcommand's own (`report lot 1 --rpc …`).
      .enablePositionalOptions(),
  )).action((options) =>
    run(async () => {
      const lotId = options.lot === undefined ? undefined : parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      if (lotId !== undefined) return reportLot(lotId, options);
      return reportPlatform(options, true);
    }),
  );
  report.addCommand(
    withTradesOption(withOutputOptions(new Command("lot").description("one lot: facts, valuation, cap table, rules, trading, documents, timeline").argument("<id>", "lot id"))).action((id, options) =>
      run(() => reportLot(parseFlag("<id>", () => toLotId(id, "id")), options)),
    ),
  );
  report.addCommand(
    withOutputOptions(new Command("investor").description("one wallet: holdings with value, history").argument("<wallet>", "wallet address or account index")).action((wallet, options) =>
      run(async () => {
        if (!/^\d{1,3}$/.test(wallet)) parseFlag("<wallet>", () => toAddress(wallet, "wallet"));
        const maxPriceAgeSeconds = maxAge(options);
        const index = fromIndex(options);
        await withPlatform(options, async ({ sdk, connection }) => {
          const address = parseFlag("<wallet>", () => addressOrIndex(connection, wallet, "wallet"));
          const onProgress = progressBar(options, `reading the report of ${address}`);
          const r = await sdk.getInvestorReport({ wallet: address, maxPriceAgeSeconds, ...index, ...(onProgress ? { onProgress } : {}) }).finally(stopProgress);
          if (options.html) await writeHtml(options.html, investorHtml(r));
          else if (options.json) console.log(toJson(r));
          else if (options.csv) console.log(investorCsv(r));
          else printInvestor(r);
        });
      }),
    ),
  );
  report.addCommand(
    withTradesOption(withOutputOptions(new Command("platform").description("every lot with its last traded price and volume, totals and value by mineral, metal by origin, investors by country and class"))).action((options) =>
      run(() => reportPlatform(options, false)),
    ),
  );
  return report;
}

/** Progress lines to stop once a report is printed. */
const stopAtExit: { stop: () => void }[] = [];
const stopProgress = () => stopAtExit.splice(0).forEach((p) => p.stop());

async function reportLot(lotId: bigint, options: OutputOptions & Parameters<typeof withPlatform>[0]): Promise<void> {
  const maxPriceAgeSeconds = maxAge(options);
  const period = tradesPeriod(options);
  const index = fromIndex(options);
  await withPlatform(options, async ({ sdk, connection }) => {
    const tradesSince = await period.since(connection.client);
    const onProgress = progressBar(options, `reading the report of lot ${lotId}`);
    const r = await sdk.getLotReport({ lotId, maxPriceAgeSeconds, ...(tradesSince ? { tradesSince } : {}), ...index, ...(onProgress ? { onProgress } : {}) }).finally(stopProgress);
    if (options.html) await writeHtml(options.html, lotHtml(r));
    else if (options.json) console.log(toJson(r));
    else if (options.csv) console.log(lotCsv(r));
    else printLot(r);
  });
}

async function reportPlatform(options: OutputOptions & Parameters<typeof withPlatform>[0], everyLot: boolean): Promise<void> {
  const maxPriceAgeSeconds = maxAge(options);
  const period = tradesPeriod(options);
  const index = fromIndex(options);
  await withPlatform(options, async ({ sdk, connection }) => {
    const tradesSince = await period.since(connection.client);
    const onProgress = progressBar(options, "reading the platform report");
    const r = await sdk.getPlatformReport({ maxPriceAgeSeconds, ...(tradesSince ? { tradesSince } : {}), ...index, ...(onProgress ? { onProgress } : {}) }).finally(stopProgress);
    if (options.html) await writeHtml(options.html, platformHtml(r));
    else if (options.json) console.log(toJson(r));
    else if (options.csv) console.log(platformCsv(r));
    else {
      printPlatform(r);
      if (everyLot) for (const lot of r.lots) printLot(lot);
    }
  });
}
