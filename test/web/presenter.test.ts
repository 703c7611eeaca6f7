/**
 * The presenter mode (`minerals serve --present`) in headless Chromium: the page walks through the demo's whole
 * story act by act, each "Next" playing one act on the chain; after each act the page shows what it said and who
 * holds what, and those books agree with the chain read through the SDK; a screenshot of every act goes to
 * test-artifacts/presenter/. The acts are the demo's own: `minerals demo` prints the same titles, in the same order,
 * and the same lines. "Back to the start" begins again on a fresh chain.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { expect } from "chai";
import { chromium, type Browser, type Page } from "playwright-core";

import { mineralsActions } from "../../src/index.ts";
import { ACTS } from "../../scripts/cli/demo/acts.ts";
import { startServe, type Serving } from "../../scripts/cli/serve.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "presenter");
const exec = promisify(execFile);

/** The lines `minerals demo` printed under each act's heading, as the presenter shows them (no tables, no indent). */
function demoActs(output: string): Map<string, string[]> {
  const acts = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split("\n")) {
    const heading = /^(\d+)\. (.*)$/.exec(line);
    if (heading && ACTS[Number(heading[1]) - 1]?.title === heading[2]) {
      current = [];
      acts.set(heading[2]!, current);
    } else if (/^(HTML reports|Lot \d+: )/.test(line)) current = undefined;
    else if (current && line.trim() !== "" && !/^[┌│├└]|^Who holds what/.test(line)) current.push(line.replace(/^ {2}/, ""));
  }
  return acts;
}

describe("presenter mode: the demo's story act by act on the page (minerals serve --present, headless Chromium)", function () {
  this.timeout(300_000);

  let serving: Serving;
  let browser: Browser;
  let page: Page;
  let demoOutput: string;
  const consoleErrors: string[] = [];
  const presenter = () => serving.presenter!;
  const sdk = () => serving.connection.client.extend(mineralsActions(serving.deployment));

  before(async function () {
    await mkdir(artifacts, { recursive: true });
    // The same story told by `minerals demo` on its own in-process chain, to compare with what the page plays.
    const scratch = await mkdtemp(path.join(os.tmpdir(), "minerals-presenter-"));
    try {
      const { MINERALS_RPC: _rpc, MINERALS_NETWORK: _network, ...env } = process.env;
      const { stdout } = await exec(process.execPath, [path.join(root, "bin/minerals.mjs"), "demo", "--html-dir", scratch], { cwd: root, env: { ...env, CI: "true" } });
      demoOutput = stdout;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    serving = await startServe({ port: 0, present: true });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") {
      await page.screenshot({ path: path.join(artifacts, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}.png`), fullPage: true });
      console.log("console errors so far:", consoleErrors);
    }
  });

  after(async function () {
    await browser?.close();
    await serving?.close();
  });

  it("`minerals demo` prints the same acts, titled the same, in the same order", function () {
    const headings = demoOutput.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(headings).to.deep.equal(ACTS.map((act, i) => `${i + 1}. ${act.title}`));
  });

  it("opens on the story's outline: every act listed, the first act's narration, nothing deployed yet", async function () {
    await page.goto(serving.url);
    await page.getByTestId("presenter").waitFor();
    expect(await page.getByTestId("present-acts").locator("li").allTextContents()).to.deep.equal(ACTS.map((act) => act.title));
    expect(await page.getByTestId("present-narration").textContent()).to.equal(`Act 1: ${ACTS[0]!.title}${ACTS[0]!.narration}`);
    expect(await page.getByTestId("present-next").textContent()).to.equal("Next: act 1");
    expect(await page.getByTestId("party").count()).to.equal(0); // no platform yet: nobody to act as
    await page.screenshot({ path: path.join(artifacts, "act-0-outline.png"), fullPage: true });
  });

  it("plays the whole story, one act per Next: each act's lines are the demo's, and the books shown agree with the chain", async function () {
    const demo = demoActs(demoOutput);
    for (const [index, act] of ACTS.entries()) {
      const number = index + 1;
      await page.getByTestId("present-next").click();
      await page.getByTestId("present-played-title").filter({ hasText: `Act ${number} played: ${act.title}` }).waitFor({ timeout: 120_000 });
      const played = presenter().state().played[index]!;

      // What the page says happened is what `minerals demo` prints for the same act.
      const lines = await page.getByTestId("present-lines").locator("li").allTextContents();
      expect(lines, `act ${number}`).to.deep.equal(played.lines);
      expect(lines, `act ${number} against minerals demo`).to.deep.equal(demo.get(act.title));

      // The books the page shows are the chain's: every account's stablecoin and units, to the base unit.
      const reader = sdk();
      for (const row of played.after.rows) {
        const cash = await reader.getMoneyBalance({ owner: row.address as `0x${string}` });
        expect(cash.base.toString(), `act ${number}: ${row.label}'s stablecoin`).to.equal(row.usd.base);
        const holdings = await reader.getBalances({ owner: row.address as `0x${string}` });
        for (const lot of played.after.lots) {
          const held = holdings.find((h) => h.lotId.toString() === lot.lotId)?.balance.base ?? 0n;
          expect(held.toString(), `act ${number}: ${row.label}'s units of lot ${lot.lotId}`).to.equal(row.units[lot.lotId]!.base);
        }
      }
      if (played.after.rows.length > 0) {
        const shown = await page.getByTestId("present-books").locator("tbody tr").allTextContents();
        expect(shown).to.have.lengthOf(played.after.rows.length);
        for (const [i, row] of played.after.rows.entries()) expect(shown[i]).to.include(row.label).and.include(row.usd.text);
      }
      // The page goes where the act happened (the lot it played on, or the platform).
      await page.waitForFunction(`window.location.hash === ${JSON.stringify(played.focus)} || (${JSON.stringify(played.focus)} === "#/" && window.location.hash === "")`);
      if (played.focus.startsWith("#/lot/")) await page.getByTestId("lot").waitFor();
      else if (played.focus.startsWith("#/investor/")) await page.getByTestId("investor").waitFor();
      else await page.getByTestId("platform").waitFor();
      await page.screenshot({ path: path.join(artifacts, `act-${number}-${act.id}.png`), fullPage: true });

      const next = ACTS[index + 1];
      if (next) expect(await page.getByTestId("present-narration").textContent()).to.equal(`Act ${number + 1}: ${next.title}${next.narration}`);
    }
    expect(await page.getByTestId("present-next").textContent()).to.equal("The story is told");
    expect(await page.getByTestId("present-next").isDisabled()).to.equal(true);
    expect((await page.getByTestId("present-lines").textContent()) ?? "").to.match(/every base unit with one of \d+ accounts, each as the books say/);
  });

  it("once the platform is deployed the audience can act as the story's parties, named by the story", async function () {
    const options = await page.getByTestId("party").locator("option").allTextContents();
    expect(options.some((o) => o.startsWith("Issuer (treasury)"))).to.equal(true);
    expect(options.some((o) => o.startsWith("Investor C (Pakistan)"))).to.equal(true);
    // The spare wallet and the stranger hold no role and are not investors, and the page says so rather than "Account".
    expect(options.filter((o) => o.startsWith("Account")).map((o) => o.replace(/ \(0x.*\)$/, ""))).to.deep.equal(["Account 12 · no role, not an investor", "Account 13 · no role, not an investor"]);
  });

  it("goes back to the start on a fresh chain, and plays act 1 again", async function () {
    await page.getByTestId("present-reset").click();
    await page.getByTestId("present-next").filter({ hasText: "Next: act 1" }).waitFor();
    expect(presenter().state()).to.include({ next: 0, deployed: false, busy: false });
    await page.getByTestId("party").waitFor({ state: "detached" });
    await page.getByTestId("present-next").click();
    await page.getByTestId("present-played-title").filter({ hasText: `Act 1 played: ${ACTS[0]!.title}` }).waitFor({ timeout: 60_000 });
    expect(presenter().state().played).to.have.lengthOf(1);
    await page.getByTestId("party").waitFor();
    expect(consoleErrors).to.deep.equal([]);
  });
});
