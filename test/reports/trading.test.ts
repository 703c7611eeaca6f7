/**
 * Trading in the reports: the lot report's last traded price, volume and trades over time (JSON, terminal, CSV, and
 * the HTML page in headless Chromium, whose chart draws a point at every trade), and the platform report's last
 * price and volume per lot (JSON, terminal, CSV, HTML).
 *
 * Fixture: copper lot `traded` (investor A holds 100 t, D 50 t) traded three times, two days apart: A to B 10 t for
 * 90,000 USD (9,000 per t), D to C 5 t for 46,000 USD (9,200 per t), A to C 2.5 t for 22,625 USD (9,050 per t); an
 * offer still open. Copper lot `quiet` has never traded.
 */
import { existsSync, mkdirSync } from "node:fs";

import { expect } from "chai";
import { network } from "hardhat";
import { chromium, type Browser } from "playwright-core";

import { lotCsv, platformCsv, printLot, printPlatform } from "../../scripts/cli/format.ts";
import { Commodity, Money, Quantity } from "../../src/index.ts";
import { lotHtml, platformHtml } from "../../src/reports/html.ts";
import { advanceTime, chainTime, deployPlatformOn, warehousedCopperLot, type Platform } from "../sdk/helpers/platform.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = "test-artifacts/reports";
const DAY = 86_400;
const connection = await network.create();
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);

interface TradingFixture {
  platform: Platform;
  traded: bigint;
  quiet: bigint;
  /** The chain time just before the second trade. */
  secondTradeAt: Date;
}

async function tradingFixture(): Promise<TradingFixture> {
  const platform = await deployPlatformOn(connection);
  const { as, address } = platform;
  const traded = await warehousedCopperLot(platform);
  const quiet = await warehousedCopperLot(platform);
  await as.issuer.mintUnits({ lotId: traded, to: address.investorA, amount: t("100") });
  await as.issuer.mintUnits({ lotId: traded, to: address.investorD, amount: t("50") });
  await as.issuer.mintUnits({ lotId: quiet, to: address.investorA, amount: t("10") });
  for (const buyer of ["investorB", "investorC"] as const) await as.admin.mintTestStablecoin({ to: address[buyer], amount: usd("1,000,000 USD") });
  const sell = async (seller: "investorA" | "investorD", buyer: "investorB" | "investorC", amount: string, price: string) => {
    const expiry = new Date((await chainTime(platform)).getTime() + DAY * 1000);
    const { offerId } = await as[seller].offerUnits({ lotId: traded, amount: t(amount), price: usd(price), expiry });
    await as[buyer].takeOffer({ offerId });
  };
  await sell("investorA", "investorB", "10", "90,000 USD");
  await advanceTime(platform, 2 * DAY);
  const secondTradeAt = await chainTime(platform);
  await sell("investorD", "investorC", "5", "46,000 USD");
  await advanceTime(platform, 2 * DAY);
  await sell("investorA", "investorC", "2.5", "22,625 USD");
  await as.investorA.offerUnits({ lotId: traded, amount: t("3"), price: usd("27,900 USD"), expiry: new Date((await chainTime(platform)).getTime() + DAY * 1000) });
  return { platform, traded, quiet, secondTradeAt };
}

/** What `print` writes with console.log. */
function printed(print: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    print();
  } finally {
    console.log = log;
  }
  return lines.join("\n");
}

describe("trading in the reports", function () {
  this.timeout(60_000);
  let f: TradingFixture;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does it with apt-get)`);
    f = await connection.networkHelpers.loadFixture(tradingFixture);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  after(async function () {
    await browser?.close();
  });

  it("the lot report gives the last traded price, the volume in units and money exact to the base unit, and the trades over time", async function () {
    const { trading } = await f.platform.as.outsider.getLotReport({ lotId: f.traded });
    expect(trading.trades).to.equal(3);
    expect(trading.volume.base).to.equal("17500"); // 10 t + 5 t + 2.5 t, in kg
    expect(trading.value).to.deep.equal({ usd: "158625.00", base: "158625000000", text: "158,625.00 USD" });
    expect(trading.lastTrade).to.include({ offerId: "3", priceText: "9,050.00 USD per tonne", seller: f.platform.address.investorA, buyer: f.platform.address.investorC });
    expect(trading.lastTrade?.total.base).to.equal("22625000000");
    expect(trading.lastTrade?.timestamp).to.be.a("string");
    expect(trading.overTime.map((p) => [p.trades, p.volume.base, p.price.text])).to.deep.equal([
      [1, "10000", "9,000.00 USD"],
      [1, "5000", "9,200.00 USD"],
      [1, "2500", "9,050.00 USD"],
    ]);
    expect(trading.volumeText).to.equal("3 trades: 17.500 t Cu for 158,625.00 USD");
    expect(trading.lastTradeText).to.match(/^9,050\.00 USD per tonne: offer 3, 2\.500 t Cu for 22,625\.00 USD, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const recent = await f.platform.as.outsider.getLotReport({ lotId: f.traded, tradesSince: f.secondTradeAt });
    expect([recent.trading.trades, recent.trading.volume.base, recent.trading.value.base]).to.deep.equal([2, "7500", "68625000000"]);
    expect(recent.trading.since).to.equal(f.secondTradeAt.toISOString());
    expect(recent.trading.volumeText).to.equal(`2 trades since ${f.secondTradeAt.toISOString().replace(".000Z", "Z")}: 7.500 t Cu for 68,625.00 USD`);
  });

  it("a lot that never traded says so in the JSON, the terminal and the CSV", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.quiet });
    expect(report.trading).to.include({ trades: 0, lastTrade: null, lastTradeText: "none: no trade of this lot yet", volumeText: "no trades" });
    const out = printed(() => printLot(report));
    expect(out).to.match(/last traded price\s+│\s+none: no trade of this lot yet/);
    expect(lotCsv(report)).to.include("trades,0\ntradedVolumeBase,0\ntradedValueBase,0\nlastTradeOfferId,\n");
  });

  it("the lot report prints the last price, the volume and each trade point in the terminal, and exports them in CSV", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.traded });
    const out = printed(() => printLot(report));
    expect(out).to.match(/last traded price\s+│\s+9,050\.00 USD per tonne: offer 3, 2\.500 t Cu for 22,625\.00 USD/);
    expect(out).to.match(/traded volume\s+│\s+3 trades: 17\.500 t Cu for 158,625\.00 USD/);
    expect(out).to.match(/│\s+1\s+│\s+5\.000 t Cu\s+│\s+46,000\.00 USD\s+│\s+9,200\.00 USD/);
    const csv = lotCsv(report);
    expect(csv).to.include("trades,3\ntradedVolumeBase,17500\ntradedValueBase,158625000000\nlastTradeOfferId,3\nlastPricePerMarketUnitBase,9050000000\n");
    const block = csv.split("\n\n").find((b) => b.startsWith("tradedAt,"))!.split("\n");
    expect(block.slice(1).map((r) => r.split(",").slice(1).join(","))).to.deep.equal(["1,10000,90000000000,9000000000", "1,5000,46000000000,9200000000", "1,2500,22625000000,9050000000"]);
  });

  it("the platform report gives each lot's last price and volume in JSON, the terminal, CSV and HTML", async function () {
    const report = await f.platform.as.outsider.getPlatformReport();
    const traded = report.lots.find((l) => l.lotId === f.traded.toString())!;
    const quiet = report.lots.find((l) => l.lotId === f.quiet.toString())!;
    expect([traded.trading.trades, traded.trading.volume.base, traded.trading.value.base, traded.trading.lastTrade?.price.base]).to.deep.equal([3, "17500", "158625000000", "9050000000"]);
    expect(traded.trading.lastTrade?.timestamp).to.equal(null); // the platform report reads no block times
    expect(traded.trading.overTime).to.deep.equal([]);
    expect(quiet.trading.lastTrade).to.equal(null);
    const out = printed(() => printPlatform(report));
    expect(out).to.match(new RegExp(`│\\s+${f.traded}\\s+│.*│\\s+9,050\\.00 USD per tonne\\s+│\\s+17\\.500 t Cu for 158,625\\.00 USD \\(3\\)`));
    const csv = platformCsv(report).split("\n");
    expect(csv[0]).to.match(/,trades,tradedVolumeBase,tradedValueBase,lastPricePerMarketUnitBase$/);
    expect(csv.find((r) => r.startsWith(`${f.traded},`))).to.match(/,3,17500,158625000000,9050000000$/);
    expect(csv.find((r) => r.startsWith(`${f.quiet},`))).to.match(/,0,0,0,$/);

    const recent = await f.platform.as.outsider.getPlatformReport({ tradesSince: f.secondTradeAt });
    expect(recent.lots.find((l) => l.lotId === f.traded.toString())!.trading.trades).to.equal(2);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent(platformHtml(report), { waitUntil: "load" });
    const row = await page.locator("tr", { hasText: "9,050.00 USD per tonne" }).innerText();
    expect(row).to.include("17.500 t Cu for 158,625.00 USD (3 trades)");
    await page.close();
  });

  it("the HTML lot page draws the trades over time with a point at every trade and a volume bar, offline and without errors", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.traded });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.route("**/*", (route) => (requests.push(route.request().url()), route.abort()));
    await page.setContent(lotHtml(report), { waitUntil: "load" });
    const chart = page.locator(`[data-chart="lot-trades"]`);
    expect(await chart.locator("xpath=..").locator("h3").innerText()).to.equal("Trades over time: price per t (USD) and volume (t)");
    // Where each trade is drawn, from the chart itself: the pixel of every (time, price) point, and what the page
    // shows there. A string, not a function: the test compiles without the DOM library, which the page has.
    const drawn = (await page.evaluate(String.raw`(() => {
      const el = document.querySelector('[data-chart="lot-trades"]');
      const chart = echarts.getInstanceByDom(el);
      const option = chart.getOption();
      const box = el.getBoundingClientRect();
      const points = option.series[0].data.map((d) => {
        const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, d);
        const hit = document.elementFromPoint(box.left + x, box.top + y);
        return { price: d[1], inside: x > 0 && y > 0 && x < box.width && y < box.height, drawn: hit !== null && hit.closest("svg") !== null && hit.tagName.toLowerCase() === "path" };
      });
      return { points, bars: option.series[1].data.map((d) => d[1]), labelsOutside: Array.from(el.querySelectorAll("svg text")).filter((t) => { const r = t.getBoundingClientRect(); return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1); }).map((t) => t.textContent) };
    })()`)) as { points: { price: number; inside: boolean; drawn: boolean }[]; bars: number[]; labelsOutside: string[] };
    expect(drawn.points.map((p) => p.price)).to.deep.equal([9000, 9200, 9050]);
    expect(drawn.points.every((p) => p.inside && p.drawn), JSON.stringify(drawn.points)).to.equal(true);
    expect(drawn.bars).to.deep.equal([10, 5, 2.5]);
    expect(drawn.labelsOutside).to.deep.equal([]);
    const text = await page.innerText("body");
    expect(text).to.match(/last traded price\s+9,050\.00 USD per tonne: offer 3/);
    expect(text).to.match(/traded volume\s+3 trades: 17\.500 t Cu for 158,625\.00 USD/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/lot-${f.traded}-trades.png`, fullPage: true });
    await page.close();
    expect(errors).to.deep.equal([]);
    expect(requests).to.deep.equal([]);
  });

  it("a lot that never traded draws no trades chart and says so on its page", async function () {
    const html = lotHtml(await f.platform.as.outsider.getLotReport({ lotId: f.quiet }));
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    expect(await page.locator(`[data-chart="lot-trades"]`).count()).to.equal(0);
    expect(await page.innerText("body")).to.match(/last traded price\s+none: no trade of this lot yet/);
    await page.close();
  });
});
