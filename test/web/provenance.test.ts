/**
 * The provenance graph on a lot's page, in real headless Chromium against `minerals serve`'s server on Hardhat's
 * in-process chain with the demo state: the issuer splits the antimony lot into two shipments through the SDK; the
 * page of a shipment draws the graph (a node for the lot from the mine, its split and both shipments, the arrows
 * labelled with what each shipment received), as the SDK's provenance reads it; a lot never processed says so.
 * Screenshots go to test-artifacts/web/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import { chromium, type Browser, type Page } from "playwright-core";

import { Quantity, mineralsActions, provenanceGraph, type ProcessingOutput } from "../../src/index.ts";
import { startServe, type Serving } from "../../scripts/cli/serve.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "web");

describe("the provenance graph on a lot's page (minerals serve, headless Chromium)", function () {
  this.timeout(180_000);

  let serving: Serving;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async function () {
    await mkdir(artifacts, { recursive: true });
    serving = await startServe({ port: 0 });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
  });

  after(async function () {
    await browser?.close();
    await serving?.close();
  });

  it("draws a split lot's graph on each shipment's page: the mine lot, the split and both shipments, as the SDK reads them", async function () {
    const { parties, lotIds } = serving.demo!;
    const issuer = serving.connection.clientFor(parties.issuer).extend(mineralsActions(serving.deployment));
    const antimony = lotIds[3]!;
    const lot = await issuer.getLot({ lotId: antimony });
    const half = Quantity.fromBase(lot.commodity, lot.payable.base / 2n);
    const output = (quantity: Quantity, ref: string): ProcessingOutput => ({ quantity, massGrams: 1_000_000n, gradePpb: 996_500_000n, custodian: parties.portCustodian, location: "Karachi port warehouse 1", externalRef: ref });
    const split = await issuer.splitLot({ lotId: antimony, outputs: [output(half, "SB-SHIP-1"), output(Quantity.fromBase(lot.commodity, lot.payable.base - half.base), "SB-SHIP-2")] });
    const [first, second] = split.outputs.map((o) => o.lotId);
    const graph = provenanceGraph(await issuer.getProvenance({ lotId: second! }));

    await page.goto(`${serving.url}#/lot/${second}`);
    const drawing = page.getByTestId("provenance-graph");
    await drawing.locator("svg text", { hasText: `split #${split.stepId}` }).first().waitFor({ timeout: 30_000 });
    const labels = (await drawing.locator("svg text").allTextContents()).join("\n");
    for (const name of [`lot ${antimony}`, `lot ${first}`, `lot ${second}`, `split #${split.stepId}`]) expect(labels, name).to.include(name);
    for (const e of graph.edges) expect(labels).to.include(Quantity.fromBase(lot.commodity, BigInt(e.quantity.base)).format());
    expect(await page.getByTestId("provenance-summary").textContent()).to.match(new RegExp(`^From the mine: lot ${antimony}; 1 step; latest products: lot ${first}, lot ${second}\\.`));
    // One round mark per lot and one diamond per step: three lots and a split.
    expect(await drawing.locator("svg path[fill='#8a7fa8']").count()).to.equal(3);
    await page.getByTestId("provenance").screenshot({ path: path.join(artifacts, "provenance.png") });

    // The lot from the mine shows the same graph.
    await page.goto(`${serving.url}#/lot/${antimony}`);
    await page.getByTestId("provenance-summary").filter({ hasText: `latest products: lot ${first}, lot ${second}` }).waitFor();
    expect(errors).to.deep.equal([]);
  });

  it("says a lot was never split, blended or refined", async function () {
    const gold = serving.demo!.lotIds[1]!;
    await page.goto(`${serving.url}#/lot/${gold}`);
    const none = page.getByTestId("provenance-none");
    await none.waitFor({ timeout: 30_000 });
    expect(await none.textContent()).to.equal(`Lot ${gold} has not been split, blended or refined: it comes from the mine as registered.`);
    expect(await page.getByTestId("provenance-graph").count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });
});
