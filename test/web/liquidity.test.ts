/**
 * Liquidity on the live page, in real headless Chromium against `minerals serve`'s server on Hardhat's in-process
 * chain with the demo state: a lot's view lists its open offers best price first, marks an offer its seller can no
 * longer settle with the SDK's sentence, shows the last traded price and the traded volume as the lot report gives
 * them, and draws the trades over time with a point per trade; an investor takes an offer from the page (the SDK's
 * check first) and the figures follow; a lot with no offers says so.
 * Screenshots go to test-artifacts/web/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import type { Address } from "viem";
import { chromium, type Browser, type Page } from "playwright-core";

import { Commodity, Money, Quantity, mineralsActions } from "../../src/index.ts";
import { startServe, type Serving } from "../../scripts/cli/serve.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "web");
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const usd = (text: string): Money => Money.parseUsd(text);

describe("liquidity on the live page (minerals serve, headless Chromium)", function () {
  this.timeout(180_000);

  let serving: Serving;
  let browser: Browser;
  let page: Page;
  let copper: bigint;
  let gold: bigint;
  /** Offer ids by what they are: A's 5 t at 9,200 and 2 t at 9,500 per t, B's 100 t it can no longer settle. */
  const offers: Record<"cheapest" | "second" | "unsettlable", bigint> = { cheapest: 0n, second: 0n, unsettlable: 0n };
  const consoleErrors: string[] = [];

  const reader = () => serving.connection.client.extend(mineralsActions(serving.deployment));
  const as = (address: Address) => serving.connection.clientFor(address).extend(mineralsActions(serving.deployment));
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const text = async (testId: string, matching: RegExp) => {
    const locator = page.getByTestId(testId);
    await locator.filter({ hasText: matching }).waitFor({ timeout: 30_000 });
    return (await locator.textContent()) ?? "";
  };
  /** The offers table's rows, in the order the page shows them, as offer ids. */
  const rowIds = async () => (await page.getByTestId("offers").locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")))).map((id) => BigInt(String(id).replace("offer-", "")));
  const expiry = async () => new Date((Number((await reader().getBlock()).timestamp) + 86_400) * 1000);

  before(async function () {
    await mkdir(artifacts, { recursive: true });
    serving = await startServe({ port: 0 });
    const { investors } = serving.demo!.parties;
    const lots = await Promise.all(serving.demo!.lotIds.map((lotId) => reader().getLot({ lotId })));
    copper = lots.find((l) => l.commodity === Commodity.Copper)!.lotId;
    gold = lots.find((l) => l.commodity === Commodity.Gold)!.lotId;
    // Investors A and B hold the copper lot and have test stablecoin: two trades, then three open offers.
    const a = as(investors.A!);
    const b = as(investors.B!);
    const first = await a.offerUnits({ lotId: copper, amount: t("10"), price: usd("95,000 USD"), expiry: await expiry() });
    await b.takeOffer({ offerId: first.offerId, payWith: "permit" });
    const second = await b.offerUnits({ lotId: copper, amount: t("4"), price: usd("39,200 USD"), expiry: await expiry() });
    await a.takeOffer({ offerId: second.offerId, payWith: "permit" });
    offers.second = (await a.offerUnits({ lotId: copper, amount: t("2"), price: usd("19,000 USD"), expiry: await expiry() })).offerId;
    offers.cheapest = (await a.offerUnits({ lotId: copper, amount: t("5"), price: usd("46,000 USD"), expiry: await expiry() })).offerId;
    offers.unsettlable = (await b.offerUnits({ lotId: copper, amount: t("100"), price: usd("1,010,000 USD"), expiry: await expiry() })).offerId;
    await b.transferUnits({ lotId: copper, to: investors.A!, amount: t("10") }); // B keeps 96 t of the 100 t it offered

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") {
      await shot(`failed-liquidity-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`);
      console.log("console errors so far:", consoleErrors);
    }
  });

  after(async function () {
    await browser?.close();
    await serving?.close();
  });

  it("lists the lot's open offers best price first and marks the one its seller can no longer settle, in the SDK's words", async function () {
    await page.goto(`${serving.url}#/lot/${copper}`);
    await page.getByTestId(`offer-${offers.unsettlable}`).waitFor({ timeout: 30_000 });
    expect(await rowIds()).to.deep.equal([offers.cheapest, offers.second, offers.unsettlable]);
    const listed = await reader().listOffers({ lotId: copper });
    expect(listed.map((o) => o.offerId)).to.deep.equal(await rowIds());
    const cheapest = await page.getByTestId(`offer-${offers.cheapest}`).innerText();
    expect(cheapest).to.include("9,200.00 USD per tonne");
    expect(cheapest).to.include("5.000 t Cu");
    expect(await text(`offer-status-${offers.cheapest}`, /yes/)).to.equal("yes");
    const marked = listed.find((o) => o.offerId === offers.unsettlable)!;
    expect(marked.available).to.equal(false);
    expect(await text(`offer-status-${offers.unsettlable}`, /no longer holds/)).to.equal(`no: ${marked.message}`);
  });

  it("shows the last traded price and the traded volume as the lot report gives them, and draws a point per trade", async function () {
    await page.goto(`${serving.url}#/lot/${copper}`);
    const report = await reader().getLotReport({ lotId: copper });
    expect(report.trading.trades).to.equal(2);
    expect(await text("last-trade", /per tonne/)).to.equal(report.trading.lastTradeText);
    expect(report.trading.lastTradeText).to.match(/^9,800\.00 USD per tonne: offer \d+, 4\.000 t Cu for 39,200\.00 USD/);
    expect(await text("traded-volume", /trades/)).to.equal("2 trades: 14.000 t Cu for 134,200.00 USD");
    const chart = page.locator(`[data-testid="trades-chart"][data-drawn="true"]`);
    await chart.waitFor({ timeout: 30_000 });
    expect(await chart.getAttribute("data-points")).to.equal(String(report.trading.overTime.length));
    // ECharts draws each point of a line as a symbol path placed by a matrix transform (the legend's are translated).
    expect(await chart.locator('svg path[transform^="matrix("]').count()).to.equal(report.trading.overTime.length);
    await page.getByTestId("liquidity").screenshot({ path: path.join(artifacts, "liquidity.png") });
  });

  it("an investor takes the best offer from the page after the SDK's check, and the list, the last price and the chart follow", async function () {
    const { investors } = serving.demo!.parties;
    await page.goto(`${serving.url}#/lot/${copper}`);
    // A is offered neither its own offers nor B's, which cannot settle.
    await page.selectOption("[data-testid=party]", investors.A!);
    await page.getByTestId("action-offer-units").waitFor({ timeout: 30_000 });
    await page.getByTestId(`offer-status-${offers.unsettlable}`).filter({ hasText: /^no: / }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^="action-take-"]').count()).to.equal(0);
    await page.selectOption("[data-testid=party]", investors.B!);
    const id = offers.cheapest;
    expect(await text(`check-take-${id}`, /may take offer/)).to.match(new RegExp(`may take offer ${id}: 5\\.000 t Cu of lot ${copper} for 46,000\\.00 USD$`));
    expect(await page.locator('[data-testid^="action-take-"]').count()).to.equal(2); // A's two offers, not B's own
    await page.getByTestId(`send-take-${id}`).click();
    expect(await text(`outcome-take-${id}`, /Took/)).to.equal(`Took offer ${id}: received 5.000 t Cu, paid 46,000.00 USD`);
    await text("last-trade", /^9,200\.00 USD per tonne/);
    await text("traded-volume", /^3 trades: 19\.000 t Cu for 180,200\.00 USD$/);
    await page.locator(`[data-testid="trades-chart"][data-points="3"][data-drawn="true"]`).waitFor({ timeout: 30_000 });
    expect(await rowIds()).to.deep.equal([offers.second, offers.unsettlable]);
    expect((await reader().getOffer({ offerId: id })).state).to.equal("taken");
    await shot("liquidity-taken");
  });

  it("a lot with no offers and no trades says so, and draws no chart", async function () {
    await page.goto(`${serving.url}#/lot/${gold}`);
    expect(await text("no-offers", /no open offers/)).to.equal(`Lot ${gold} has no open offers.`);
    expect(await text("last-trade", /no trade/)).to.equal("none: no trade of this lot yet");
    expect(await text("traded-volume", /trades/)).to.equal("no trades");
    expect(await page.getByTestId("trades-chart").count()).to.equal(0);
  });

  it("logged no console error", function () {
    expect(consoleErrors).to.deep.equal([]);
  });
});
