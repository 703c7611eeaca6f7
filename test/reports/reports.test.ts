/**
 * The HTML reports opened in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser
 * download): every chart has drawn (an SVG with marks), the page logs no error and sends no request. A screenshot
 * of each page is kept in test-artifacts/reports/. The platform is `moneyFixture`: offerings on a lot, an open
 * one on another, a lot with none.
 */
import { existsSync, mkdirSync } from "node:fs";

import { expect } from "chai";
import { network } from "hardhat";
import { chromium, type Browser } from "playwright-core";

import { investorCsv, lotCsv, printInvestor, printLot, printPlatform } from "../../scripts/cli/format.ts";
import { investorHtml, lotHtml, platformHtml } from "../../src/reports/html.ts";
import { moneyFixture, type MoneyFixture } from "../sdk/helpers/moneyFixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = "test-artifacts/reports";
const connection = await network.create();
const fixture = () => moneyFixture(connection);

/** What a page showed: each chart's id and how many SVG marks it drew, console errors and requests it sent. */
async function open(browser: Browser, html: string, screenshot: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/*", (route) => (requests.push(route.request().url()), route.abort()));
  await page.setContent(html, { waitUntil: "load" });
  const charts = await page.$$eval("[data-chart]", (els) =>
    els.map((el) => ({ id: el.id, title: el.parentElement?.querySelector("h3")?.textContent ?? "", marks: el.querySelectorAll("svg path, svg rect, svg circle").length })),
  );
  const text = await page.innerText("body");
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${screenshot}`, fullPage: true });
  await page.close();
  return { charts, errors, requests, text };
}

describe("HTML reports in headless Chromium", function () {
  this.timeout(60_000);
  let browser: Browser;
  let f: MoneyFixture;

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does it with apt-get)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    f = await connection.networkHelpers.loadFixture(fixture);
  });

  after(async function () {
    await browser?.close();
  });

  it("the lot page draws the cap table, the lifecycle and the offering subscriptions against caps, offline and without errors", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.copper });
    const page = await open(browser, lotHtml(report), `lot-${f.copper}.png`);
    expect(page.errors).to.deep.equal([]);
    expect(page.requests).to.deep.equal([]);
    expect(page.charts.map((c) => c.title)).to.deep.equal([
      `Cap table of lot ${f.copper}`,
      `Lifecycle of lot ${f.copper}`,
      "Offering subscriptions against caps (t)",
    ]);
    for (const chart of page.charts) expect(chart.marks, chart.id).to.be.greaterThan(3);
    expect(page.text).to.include("succeeded: 14.000 t Cu requested, 10.000 t Cu allocated pro rata");
    expect(page.text).to.include("16,721.25 USD");
  });

  it("a sold lot's page draws the proceeds paid over time and states deposits, paid and unclaimed", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.sold });
    const page = await open(browser, lotHtml(report), `lot-${f.sold}.png`);
    expect(page.errors).to.deep.equal([]);
    expect(page.requests).to.deep.equal([]);
    const chart = page.charts.find((c) => c.title === "Proceeds paid over time (USD)");
    expect(chart?.marks, "proceeds chart").to.be.greaterThan(3);
    expect(page.text).to.include("15,000,000.00 USD, final payment made");
    expect(page.text).to.match(new RegExp(`unclaimed\\s+${report.proceeds!.unclaimed.text.replaceAll(".", "\\.")}`));
  });

  it("a lot with no offering reads 'No offering of this lot' and draws no offering chart", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.bare });
    const page = await open(browser, lotHtml(report), `lot-${f.bare}.png`);
    expect(page.errors).to.deep.equal([]);
    expect(page.text).to.include("No offering of this lot.");
    expect(page.text).to.include("No sale proceeds deposited for this lot.");
    expect(page.charts.map((c) => c.id)).to.not.include("lot-offerings");
  });

  it("the platform page draws the offering funds and states funds raised, refunded and in escrow", async function () {
    const report = await f.platform.as.outsider.getPlatformReport();
    const page = await open(browser, platformHtml(report), "platform.png");
    expect(page.errors).to.deep.equal([]);
    expect(page.requests).to.deep.equal([]);
    const funds = page.charts.find((c) => c.id === "offering-funds");
    expect(funds?.marks, "offering funds chart").to.be.greaterThan(3);
    for (const chart of page.charts) expect(chart.marks, chart.id).to.be.greaterThan(0);
    expect(page.text).to.match(/raised \(delivered units\)\s+55,711\.50 USD/);
    expect(page.text).to.match(/held in escrow\s+97,500\.00 USD/);
    expect(page.charts.find((c) => c.id === "sale-proceeds")?.marks, "sale proceeds chart").to.be.greaterThan(3);
    expect(page.text).to.match(new RegExp(`sale proceeds unclaimed\\s+${report.funds.proceeds.unclaimed.text.replaceAll(".", "\\.")}`));
  });

  it("at a narrow window no word breaks mid-word (only addresses and hashes may), and every chart label stays inside its chart", async function () {
    const pages = [
      platformHtml(await f.platform.as.outsider.getPlatformReport()),
      lotHtml(await f.platform.as.outsider.getLotReport({ lotId: f.copper })),
      lotHtml(await f.platform.as.outsider.getLotReport({ lotId: f.sold })),
      investorHtml(await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorA })),
    ];
    for (const [i, html] of pages.entries()) {
      const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
      await page.setContent(html, { waitUntil: "load" });
      // A string, not a function: the test compiles without the DOM library, which the page has.
      const layout = (await page.evaluate(String.raw`(() => {
        const broken = [];
        for (const cell of Array.from(document.querySelectorAll("td:not(.hash), dd:not(.hash), th"))) {
          const text = cell.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) continue;
          const value = text.textContent ?? "";
          // Words, not hex: a run of letters that is a whole token or a token's letters (no digits, not 0x...).
          for (const match of value.matchAll(/(?<=^|[\s(,;:/])[A-Za-z]{3,}(?=$|[\s),;:.%/])/g)) {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
        const outside = [];
        for (const chart of Array.from(document.querySelectorAll("[data-chart]"))) {
          const box = chart.getBoundingClientRect();
          for (const label of Array.from(chart.querySelectorAll("svg text"))) {
            const r = label.getBoundingClientRect();
            if (r.width === 0) continue;
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) outside.push(chart.id + ": " + label.textContent);
          }
        }
        return { broken, outside };
      })()`)) as { broken: string[]; outside: string[] };
      await page.screenshot({ path: `${ARTIFACTS}/narrow-${i}.png`, fullPage: true });
      await page.close();
      expect(layout.broken, `page ${i}: words broken mid-word`).to.deep.equal([]);
      expect(layout.outside, `page ${i}: chart labels outside their chart`).to.deep.equal([]);
    }
  });

  it("the investor page lists its offerings and the refunds it can claim", async function () {
    const report = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorA });
    const page = await open(browser, investorHtml(report), "investor-a.png");
    expect(page.errors).to.deep.equal([]);
    expect(page.requests).to.deep.equal([]);
    expect(page.text).to.include("Refunds to claim from offerings: 19,500.00 USD");
  });
});

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

describe("terminal and CSV reports of offerings and proceeds", function () {
  let f: MoneyFixture;

  before(async function () {
    f = await connection.networkHelpers.loadFixture(fixture);
  });

  it("the lot report prints each offering's outcome and money", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.copper });
    const out = printed(() => printLot(report));
    expect(out).to.include("#1 succeeded: 14.000 t Cu requested, 10.000 t Cu allocated pro rata");
    expect(out).to.include("#2 failed: 2.000 t Cu requested against a soft cap of 5.000 t Cu; every payment is refunded");
    expect(out).to.include("51,538.50 USD / 16,721.25 USD");
  });

  it("the lot report prints the proceeds deposited, paid and unclaimed, each deposit on its own line", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.sold });
    const out = printed(() => printLot(report));
    expect(out).to.include(`deposited 15,000,000.00 USD (final); paid to holders ${report.proceeds!.paid.text}; unclaimed ${report.proceeds!.unclaimed.text}; dust swept 0.00 USD`);
    expect(out).to.match(/provisional\s+│?\s*14,000,000\.00 USD/);
    const csv = lotCsv(report);
    expect(csv).to.include(`proceedsUnclaimedBase,${report.proceeds!.unclaimed.base}`);
    expect(csv.split("\n\n").at(-1)!.split("\n").map((r) => r.split(",").slice(0, 3).join(","))).to.deep.equal([
      "proceedsDeposit,kind,amountBase",
      "1,provisional,14000000000001",
      "2,final,1000000000000",
    ]);
  });

  it("the lot report shows each offering as its own block of facts and each lifecycle step once, and fits a terminal", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.copper });
    const out = printed(() => printLot(report));
    expect(out).to.match(/offering 1\s+│\s+succeeded/);
    expect(out).to.match(/price\s+│\s+9,750\.00 USD per tonne/);
    expect(out).to.match(/offering escrow \(0x\w{4}\.\.\w{4}\)\s+│\s+-\s+│\s+platform account/);
    const widest = Math.max(...out.split("\n").map((line) => line.length));
    expect(widest, "widest line").to.be.at.most(200);
    const steps = out.split("\n").filter((line) => /LotRegistered|LotAssayed|CustodyAttested|LotStateChanged/.test(line));
    expect(steps.map((line) => line.replace(/^\W*\S+\s+│\s+/, "").split("│")[0]!.trim())).to.deep.equal([
      "LotRegistered: none -> registered",
      "LotAssayed: registered -> assayed",
      "CustodyAttested: assayed -> warehoused",
    ]);
  });

  it("a lot with no offering says so, not that no offerings contract is deployed", async function () {
    const report = await f.platform.as.outsider.getLotReport({ lotId: f.bare });
    const out = printed(() => printLot(report));
    expect(out).to.include("none: no offering of this lot");
    expect(out).to.not.include("no offerings contract");
    expect(out).to.include("none: no sale proceeds deposited for this lot");
  });

  it("the lot CSV ends with one row per offering, amounts in base units", async function () {
    const csv = lotCsv(await f.platform.as.outsider.getLotReport({ lotId: f.copper }));
    const rows = csv.split("\n\n").find((block) => block.startsWith("offeringId,"))!.split("\n");
    expect(rows[0]).to.match(/^offeringId,state,priceBase,/);
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 2).join(","))).to.deep.equal(["1,succeeded", "2,failed"]);
    expect(rows[1]).to.include(",165750000000,51538500000,16721250000,55711500000,55711500000,58500000000");
  });

  it("the investor report prints and exports its offerings and refunds to claim", async function () {
    const report = await f.platform.as.outsider.getInvestorReport({ wallet: f.platform.address.investorA });
    const out = printed(() => printInvestor(report));
    expect(out).to.include(`refunds to claim from offerings: 19,500.00 USD; sale proceeds to claim: ${report.proceedsClaimable.text}`);
    expect(out).to.include(`proceeds of lot ${f.sold} (copper, final): redeemed 600.000 t Cu`);
    expect(investorCsv(report).split("\n\n")[1]!.split("\n")).to.deep.equal([
      "offeringId,lotId,commodity,state,requestedBase,paidBase,allocatedBase,claimed,claimableUnitsBase,claimableRefundBase",
      `1,${f.copper},copper,succeeded,8000,78000000000,5714,true,0,0`,
      `2,${f.copper},copper,failed,2000,19500000000,0,false,0,19500000000`,
    ]);
  });

  it("the platform report prints funds raised, refunded and held in escrow, and sale proceeds paid and unclaimed", async function () {
    const platform = await f.platform.as.outsider.getPlatformReport();
    const p = platform.funds.proceeds;
    expect(printed(() => printPlatform(platform))).to.include(`sale proceeds (1 lot(s)): deposited 15,000,000.00 USD; paid to holders ${p.paid.text}; unclaimed ${p.unclaimed.text}; dust swept 0.00 USD`);
    expect(printed(() => printPlatform(platform))).to.include(
      "offerings: 1 open, 1 succeeded, 1 failed; paid in 204,750.00 USD; raised 55,711.50 USD (withdrawn by treasuries 55,711.50 USD); refunded 51,538.50 USD, refunds to claim 36,221.25 USD; held in escrow 97,500.00 USD",
    );
  });
});
