/**
 * The page under `minerals serve --rpc` against a node it did not build a story on: every party in the "Act as"
 * list is named by what the registry says of it (its roles, its investor record), and one with neither says so,
 * never a bare "Account". In headless Chromium.
 */
import { expect } from "chai";
import { chromium, type Browser } from "playwright-core";

import { startServe, type Serving } from "../../scripts/cli/serve.ts";
import { startCliNode, type CliNode } from "../e2e/helpers/cliNode.ts";

describe("party names under minerals serve --rpc (headless Chromium)", function () {
  this.timeout(180_000);
  let cli: CliNode;
  let serving: Serving;
  let browser: Browser;

  before(async function () {
    cli = await startCliNode("minerals-labels");
    await cli.ok("deploy"); // issuer 0, assayer 1, custodians 2 and 3, compliance 6, pauser 7
    await cli.ok("roles", "grant", "--role", "treasury", "--to", "0");
    await cli.ok("investor", "register", "--account", "6", "--wallet", "0", "--country", "BO", "--class", "institutional", "--kyc-expiry", "2099-12-31");
    await cli.ok("investor", "register", "--account", "6", "--wallet", "4", "--country", "Chile", "--class", "accredited", "--kyc-expiry", "2099-12-31");
    await cli.ok("investor", "register", "--account", "6", "--wallet", "5", "--country", "840", "--class", "retail", "--kyc-expiry", "2099-12-31");
    serving = await startServe({ rpc: cli.rpc, port: 0, deployments: cli.deployments });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  });

  after(async function () {
    await browser?.close();
    await serving?.close();
    await cli?.stop();
  });

  it("names each of the node's accounts by its roles and investor record, and says when it has neither", async function () {
    const page = await browser.newPage();
    await page.goto(serving.url);
    await page.getByTestId("party").locator("option").nth(9).waitFor({ state: "attached" });
    const labels = (await page.getByTestId("party").locator("option").allTextContents()).map((o) => o.replace(/ \(0x\w+…\w+\)$/, ""));
    expect(labels.slice(0, 10)).to.deep.equal([
      "Issuer, Treasury · investor 1, institutional, BO-068",
      "Assayer",
      "Custodian",
      "Custodian",
      "Investor 2 · accredited, CL-152",
      "Investor 3 · retail, US-840",
      "Compliance officer",
      "Pauser",
      "Account 8 · no role, not an investor",
      "Account 9 · no role, not an investor",
    ]);
    expect(labels.filter((label) => label === "Account")).to.deep.equal([]);
    await page.selectOption("[data-testid=party]", { index: 5 });
    await page.getByTestId("may-do").filter({ hasText: /^As Investor 3 · retail, US-840 you may subscribe, trade, claim and request delivery as an investor\./ }).waitFor();
    await page.close();
  });
});
