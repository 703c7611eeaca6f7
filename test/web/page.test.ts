/**
 * The live demo page in real headless Chromium (Debian's `chromium` through playwright-core), against
 * `minerals serve`'s server on Hardhat's in-process chain with the demo state: an investor subscribes with a
 * permit, an ineligible investor is refused in the SDK's words with nothing sent, the issuer closes the offering,
 * the investor claims; what the page shows is checked against the chain read through the SDK, no console errors.
 * Screenshots go to test-artifacts/web/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import { chromium, type Browser, type Page } from "playwright-core";

import { Commodity, Quantity, mineralsActions } from "../../src/index.ts";
import { startServe, type Serving } from "../../scripts/cli/serve.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "test-artifacts", "web");
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);

describe("the live demo page (minerals serve, headless Chromium)", function () {
  this.timeout(180_000);

  let serving: Serving;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const sdk = () => serving.connection.client.extend(mineralsActions(serving.deployment));
  const demo = () => serving.demo!;
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const actAs = async (address: string) => {
    await page.selectOption("[data-testid=party]", address);
    expect(await page.getByTestId("party").inputValue()).to.equal(address);
  };
  const text = async (testId: string, matching: RegExp) => {
    const locator = page.getByTestId(testId);
    await locator.filter({ hasText: matching }).waitFor({ timeout: 30_000 });
    return (await locator.textContent()) ?? "";
  };

  before(async function () {
    await mkdir(artifacts, { recursive: true });
    serving = await startServe({ port: 0 });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  after(async function () {
    await browser?.close();
    await serving?.close();
  });

  it("shows the platform: every lot with its value, the open offering and the total value, as the SDK reports them", async function () {
    await page.goto(serving.url);
    const report = await sdk().getPlatformReport();
    expect(await text("total-value", /USD/)).to.equal(report.totalValue.text);
    const rows = page.getByTestId("lots").locator("tbody tr");
    expect(await rows.count()).to.equal(report.lots.length);
    await page.getByText(`Offering ${demo().offeringId} · lot ${demo().offeredLotId}`).waitFor();
    await shot("platform");
  });

  it("an investor subscribes with a permit: the check sentence first, then the page and the chain show the subscription", async function () {
    const { investors } = demo().parties;
    const id = demo().offeringId;
    await actAs(investors.A!);
    await page.goto(`${serving.url}#/lot/${demo().offeredLotId}`);
    await page.getByTestId(`amount-${id}`).fill("6");
    await text(`check-subscribe-${id}`, /may subscribe 6\.000 t Cu to offering 1 for 58,500\.00 USD/);
    await page.getByTestId(`send-subscribe-${id}`).click();
    expect(await text(`outcome-subscribe-${id}`, /Subscribed/)).to.equal("Subscribed 6.000 t Cu to offering 1, escrowed 58,500.00 USD");
    await text(`requested-${id}`, /^6\.000 t Cu$/); // the progress bar, re-read on the new block without a reload
    const onChain = await sdk().getOffering({ offeringId: id, investor: investors.A! });
    expect(onChain.position?.requested.base).to.equal(t("6").base);
    expect(onChain.position?.paid.format()).to.equal("58,500.00 USD");
    await shot("subscribed");
  });

  it("a retail investor's subscription is refused in the CLI's words before anything is sent, and the chain is unchanged", async function () {
    const { investors } = demo().parties;
    const id = demo().offeringId;
    const blockBefore = await sdk().getBlockNumber();
    const fundsBefore = await sdk().getOffering({ offeringId: id, investor: investors.D! });
    await actAs(investors.D!);
    await page.getByTestId(`amount-${id}`).fill("2");
    const sentence = /cannot receive lot 6: its investor class is retail, below the lot's minimum of accredited$/;
    await text(`check-subscribe-${id}`, sentence);
    await page.getByTestId(`send-subscribe-${id}`).click();
    expect(await text(`outcome-subscribe-${id}`, /Refused/)).to.match(new RegExp(`^Refused: 0x\\w+\\.\\.\\w+ ${sentence.source}`));
    await shot("refused");
    expect(await sdk().getBlockNumber()).to.equal(blockBefore);
    const after = await sdk().getOffering({ offeringId: id, investor: investors.D! });
    expect(after.position?.requested.base).to.equal(0n);
    expect(after.totalRequested.base).to.equal(fundsBefore.totalRequested.base);
  });

  it("an investor cancels its subscription from the page and its payment comes back", async function () {
    const { investors } = demo().parties;
    const id = demo().offeringId;
    const investorC = serving.connection.clientFor(investors.C!).extend(mineralsActions(serving.deployment));
    await investorC.subscribe({ offeringId: id, amount: t("1") });
    await actAs(investors.C!);
    await text(`check-cancel-${id}`, /may cancel its subscription of 1\.000 t Cu and take back 9,750\.00 USD$/);
    await page.getByTestId(`send-cancel-${id}`).click();
    expect(await text(`outcome-cancel-${id}`, /Cancelled/)).to.equal("Cancelled the subscription in offering 1, refunded 9,750.00 USD");
    expect((await investorC.getOffering({ offeringId: id })).position?.requested.base).to.equal(0n);
  });

  it("the issuer closes the offering at its end and the investor claims its units: page and chain agree", async function () {
    const { investors, issuer } = demo().parties;
    const id = demo().offeringId;
    await serving.connection.clientFor(investors.B!).extend(mineralsActions(serving.deployment)).subscribe({ offeringId: id, amount: t("4") });
    await actAs(issuer);
    await text(`check-close-${id}`, /cannot be closed by .* before /);
    const offering = await sdk().getOffering({ offeringId: id });
    const provider = serving.connection.provider!;
    await provider.request({ method: "evm_increaseTime", params: [Math.ceil((offering.end.getTime() - offering.now.getTime()) / 1000) + 1] } as never);
    await provider.request({ method: "evm_mine", params: [] } as never);
    await text(`check-close-${id}`, /may close offering 1$/);
    await page.getByTestId(`send-close-${id}`).click();
    expect(await text(`outcome-close-${id}`, /Offering/)).to.equal("Offering 1 succeeded: 10.000 t Cu allocated of 10.000 t Cu requested");
    await text(`offering-state-${id}`, /succeeded/);
    expect((await sdk().getOffering({ offeringId: id })).state).to.equal("succeeded");

    await actAs(investors.A!);
    await page.goto(`${serving.url}#/investor/${investors.A}`);
    await text(`check-claim-${id}`, /may claim 6\.000 t Cu and a refund of 0\.00 USD from offering 1/);
    await page.getByTestId(`send-claim-${id}`).click();
    expect(await text(`outcome-claim-${id}`, /Claimed/)).to.equal("Claimed from offering 1: 6.000 t Cu and a refund of 0.00 USD");
    await text(`holding-${demo().offeredLotId}`, /6\.000 t Cu/);
    await page.getByTestId("nothing-to-claim").waitFor();
    await shot("claimed");
    const holdings = await sdk().getBalances({ owner: investors.A! });
    expect(holdings.find((h) => h.lotId === demo().offeredLotId)?.balance.format()).to.equal("6.000 t Cu");
    expect((await sdk().getOffering({ offeringId: id, investor: investors.A! })).position?.claimed).to.equal(true);
  });

  it("a transfer shows the SDK's check first; a transfer the lot's rules refuse changes nothing", async function () {
    const { investors } = demo().parties;
    const lotId = demo().offeredLotId;
    await page.goto(`${serving.url}#/lot/${lotId}`);
    await page.getByTestId("transfer-to").fill(investors.D!);
    await page.getByTestId("transfer-amount").fill("1");
    await text("check-transfer", /cannot receive lot 6: its investor class is retail, below the lot's minimum of accredited$/);
    const blockBefore = await sdk().getBlockNumber();
    await page.getByTestId("send-transfer").click();
    expect(await text("outcome-transfer", /Refused/)).to.match(/^Refused: 0x\w+\.\.\w+ cannot receive lot 6: its investor class is retail/);
    expect(await sdk().getBlockNumber()).to.equal(blockBefore);

    await page.getByTestId("transfer-to").fill(investors.B!);
    await text("check-transfer", /may transfer 1\.000 t Cu of lot 6 to/);
    await page.getByTestId("send-transfer").click();
    expect(await text("outcome-transfer", /Transferred/)).to.equal(`Transferred 1.000 t Cu of lot 6 to ${investors.B}`);
    const holdings = await sdk().getBalances({ owner: investors.A! });
    expect(holdings.find((h) => h.lotId === lotId)?.balance.format()).to.equal("5.000 t Cu");
  });

  it("with a browser wallet (EIP-1193), the page acts as the connected account", async function () {
    const { investors } = demo().parties;
    const lotId = demo().offeredLotId;
    // A stand-in for an injected wallet such as MetaMask: it holds investor B's account and sends everything else to
    // the node through the page's /rpc (where the node signs for B, as the wallet would).
    const walletPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    walletPage.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    walletPage.on("pageerror", (error) => consoleErrors.push(error.message));
    // A string, not a function: the test's compiled functions may reference helpers the page does not have.
    await walletPage.addInitScript({
      content: `(() => {
        const account = ${JSON.stringify(investors.B)};
        let id = 0;
        window.ethereum = {
          on() {},
          removeListener() {},
          async request({ method, params }) {
            if (method === "eth_requestAccounts" || method === "eth_accounts") return [account];
            const response = await fetch("./rpc", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }) });
            const body = await response.json();
            if (body.error) throw Object.assign(new Error(body.error.message), body.error);
            return body.result;
          },
        };
      })();`,
    });
    await walletPage.goto(`${serving.url}#/lot/${lotId}`);
    await walletPage.getByTestId("party").selectOption("wallet");
    await walletPage.getByTestId("my-portfolio").filter({ hasText: /^Browser wallet/ }).waitFor();
    await walletPage.getByTestId("transfer-to").fill(investors.A!);
    await walletPage.getByTestId("transfer-amount").fill("0.5");
    await walletPage.getByTestId("check-transfer").filter({ hasText: /may transfer 0\.500 t Cu of lot 6 to/ }).waitFor();
    await walletPage.getByTestId("send-transfer").click();
    await walletPage.getByTestId("outcome-transfer").filter({ hasText: `Transferred 0.500 t Cu of lot 6 to ${investors.A}` }).waitFor();
    await walletPage.screenshot({ path: path.join(artifacts, "wallet.png"), fullPage: true });
    await walletPage.close();
    const holdings = await sdk().getBalances({ owner: investors.B! });
    expect(holdings.find((h) => h.lotId === lotId)?.balance.format()).to.equal("0.500 t Cu"); // 1 t from A, 0.5 t sent back
  });

  it("the lot page shows the new holders in its cap table, and no page logged a console error", async function () {
    await page.goto(`${serving.url}#/lot/${demo().offeredLotId}`);
    await text("outstanding", /^10\.000 t Cu$/);
    expect(await page.getByTestId("cap-table").locator("tbody tr").count()).to.equal(3); // A 5.5 t, B 0.5 t, and the offerings contract holding the 4 t B has not claimed
    await shot("lot");
    expect(consoleErrors).to.deep.equal([]);
  });
});
