/**
 * The live demo page in real headless Chromium (Debian's `chromium` through playwright-core), against
 * `minerals serve`'s server on Hardhat's in-process chain with the demo state: an investor subscribes with a
 * permit, an ineligible investor is refused in the SDK's words with nothing sent, the issuer closes the offering,
 * the investor claims; the issuer settles a lot, the treasury deposits its proceeds, an investor redeems and claims;
 * an investor requests delivery and the custodian confirms it; what the page shows is checked against the chain read
 * through the SDK, no console errors.
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

  afterEach(async function () {
    if (this.currentTest?.state === "failed") {
      await shot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`);
      console.log("console errors so far:", consoleErrors);
    }
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

  it("introduces itself, says what each value values, quotes prices per market unit, and shows an investor its cash", async function () {
    await page.goto(serving.url);
    expect(await text("intro", /Act as/)).to.match(/^Each physical lot of gold, copper, tungsten, antimony or rare earths/);
    const report = await sdk().getPlatformReport();
    expect(await text("total-value-basis", /custody/)).to.equal(report.totalValue.basis);
    await page.getByText(`Offering ${demo().offeringId} · lot ${demo().offeredLotId}`).waitFor();
    expect(await page.getByTestId("platform").textContent()).to.include("at 9,750.00 USD per tonne");
    const { investors } = demo().parties;
    await actAs(investors.A!);
    await page.goto(`${serving.url}#/investor/${investors.A}`);
    const cash = await sdk().getMoneyBalance({ owner: investors.A! });
    expect(await text("investor-cash", /USD/)).to.equal(cash.format());
    await page.goto(`${serving.url}#/lot/${demo().lotIds[1]}`);
    expect(await text("origin", /Pakistan/)).to.match(/^PK-GB-GHIZER-AU-0007: Ghizer, Gilgit-Baltistan, Pakistan \(PK-586\)$/);
  });

  it("each party sees only its own actions: a retail investor is not offered settlement, deposits, delivery terms or decisions; the issuer is", async function () {
    const { investors, issuer, custodian } = demo().parties;
    const gold = demo().lotIds[1]!;
    const tungsten = demo().lotIds[2]!;
    const visible = async (testId: string) => (await page.getByTestId(testId).count()) > 0;
    await page.goto(`${serving.url}#/lot/${gold}`);
    await actAs(investors.D!);
    await page.getByTestId("may-do").filter({ hasText: /^As Investor D .* may subscribe, trade, claim and request delivery as an investor\./ }).waitFor();
    await page.getByTestId("not-sold").waitFor();
    for (const id of ["action-settle", "action-deposit", "action-set-minimum-delivery", "action-transfer", "action-request-delivery"]) expect(await visible(id), id).to.equal(false);
    await actAs(issuer);
    await page.getByTestId("may-do").filter({ hasText: /^As Issuer \(treasury\)/ }).waitFor();
    await page.getByTestId("action-settle").waitFor();
    expect(await visible("action-set-minimum-delivery")).to.equal(true);
    await page.goto(`${serving.url}#/lot/${tungsten}`);
    await actAs(custodian);
    await page.getByTestId("may-do").filter({ hasText: /confirm or reject deliveries/ }).waitFor();
    for (const id of ["action-settle", "action-set-minimum-delivery", "action-transfer"]) expect(await visible(id), id).to.equal(false);
    await shot("roles");
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

  it("a retail investor's subscription is refused in the CLI's words before anything is signed: its send button stays disabled, and the chain is unchanged", async function () {
    const { investors } = demo().parties;
    const id = demo().offeringId;
    const blockBefore = await sdk().getBlockNumber({ cacheTime: 0 });
    const fundsBefore = await sdk().getOffering({ offeringId: id, investor: investors.D! });
    await actAs(investors.D!);
    await page.getByTestId(`amount-${id}`).fill("2");
    const sentence = /cannot receive lot 6: its investor class is retail, below the lot's minimum of accredited$/;
    await text(`check-subscribe-${id}`, sentence);
    expect(await page.getByTestId(`send-subscribe-${id}`).isDisabled()).to.equal(true);
    await shot("refused");
    expect(await sdk().getBlockNumber({ cacheTime: 0 })).to.equal(blockBefore);
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
    // The offering is no longer open, and the close still shows its outcome (it used to vanish with the open
    // offering's actions, at times before it was shown).
    expect(await page.getByTestId(`outcome-close-${id}`).textContent()).to.equal("Offering 1 succeeded: 10.000 t Cu allocated of 10.000 t Cu requested");
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
    const blockBefore = await sdk().getBlockNumber({ cacheTime: 0 });
    expect(await page.getByTestId("send-transfer").isDisabled()).to.equal(true);
    expect(await sdk().getBlockNumber({ cacheTime: 0 })).to.equal(blockBefore);

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

  it("as the issuer, open settlement of the gold lot; as the treasury, deposit a provisional then a final payment: page and chain agree", async function () {
    const { issuer } = demo().parties;
    const gold = demo().lotIds[1]!;
    await page.goto(`${serving.url}#/lot/${gold}`);
    await actAs(issuer); // the issuer account also holds TREASURY in the serve state
    await page.getByTestId("not-sold").waitFor();
    await page.getByTestId("settle-ref").fill("OFFTAKE-2026-117");
    await page.getByTestId("send-settle").click();
    expect(await text("outcome-settle", /settling/)).to.equal(
      `Lot ${gold} is settling (sale OFFTAKE-2026-117): its units are redeemed for proceeds from now on, deposited by ${issuer}`,
    );
    expect((await sdk().getLot({ lotId: gold })).state).to.equal("settling");

    await page.getByTestId("deposit-amount").fill("1,000,000");
    await text("check-deposit", new RegExp(`may deposit 1,000,000\\.00 USD for lot ${gold}$`));
    await page.getByTestId("send-deposit").click();
    expect(await text("outcome-deposit", /Deposited/)).to.equal(`Deposited 1,000,000.00 USD of proceeds for lot ${gold}: 1,000,000.00 USD in total`);
    await text("proceeds-deposited", /^1,000,000\.00 USD \(provisional/);

    await page.getByTestId("deposit-amount").fill("250,000.123457");
    await page.getByTestId("deposit-final").check();
    // Money reads to the cent; the exact base units are on chain (checked below).
    await text("check-deposit", new RegExp(`may deposit 250,000\\.12 USD for lot ${gold}$`));
    await page.getByTestId("send-deposit").click();
    expect(await text("outcome-deposit", /final/)).to.equal(`Deposited 250,000.12 USD of proceeds for lot ${gold} (final payment): 1,250,000.12 USD in total`);
    expect(await text("proceeds-deposited", /\(final\)$/)).to.equal("1,250,000.12 USD (final)");
    const rows = page.getByTestId("proceeds-payments").locator("tbody tr");
    await rows.nth(1).waitFor();
    expect(await rows.allTextContents()).to.have.length(2);
    expect(await rows.nth(0).textContent()).to.contain("1,000,000.00 USD").and.contain("provisional");
    expect(await rows.nth(1).textContent()).to.contain("250,000.12 USD").and.contain("final");
    const onChain = await sdk().getProceeds({ lotId: gold });
    expect(onChain.deposited.base).to.equal(1_250_000_123_457n);
    expect(onChain.final).to.equal(true);
    await text("check-deposit", new RegExp(`Lot ${gold}'s final payment was declared at .*: nothing more can be deposited$`));
    await shot("proceeds-deposited");
  });

  it("as an investor, redeem and claim the gold lot's proceeds: the page and the chain agree to the base unit", async function () {
    const { investors } = demo().parties;
    const gold = demo().lotIds[1]!;
    const before = await sdk().getProceeds({ lotId: gold, holder: investors.A! });
    const owed = before.position!.claimable;
    const cashBefore = await sdk().getMoneyBalance({ owner: investors.A! });
    await page.goto(`${serving.url}#/investor/${investors.A}`);
    await actAs(investors.A!);
    expect(await text(`proceeds-claimable-${gold}`, /USD/)).to.equal(owed.format());
    await text(`check-claim-proceeds-${gold}`, new RegExp(`may redeem ${before.position!.inWallet.format().replace(/\./g, "\\.")} of lot ${gold} and claim ${owed.format().replace(/\./g, "\\.")}$`));
    await page.getByTestId(`send-claim-proceeds-${gold}`).click();
    expect(await text(`outcome-claim-proceeds-${gold}`, /redeemed/)).to.equal(`Lot ${gold}: redeemed ${before.position!.inWallet.format()}, paid ${owed.format()}`);
    await text(`proceeds-claimable-${gold}`, /^0\.00 USD$/);
    const after = await sdk().getProceeds({ lotId: gold, holder: investors.A! });
    expect(after.position!.paid.base).to.equal(owed.base);
    expect(after.position!.inWallet.base).to.equal(0n);
    expect((await sdk().getMoneyBalance({ owner: investors.A! })).base - cashBefore.base).to.equal(owed.base);

    await page.goto(`${serving.url}#/lot/${gold}`);
    expect(await text("proceeds-paid", /USD/)).to.equal(after.paid.format());
    await shot("proceeds-claimed");
  });

  it("a claim with nothing to claim shows its reason, cannot be sent, and changes nothing", async function () {
    const { investors } = demo().parties;
    const gold = demo().lotIds[1]!;
    const blockBefore = await sdk().getBlockNumber({ cacheTime: 0 });
    const paidBefore = (await sdk().getProceeds({ lotId: gold, holder: investors.A! })).position!.paid.base;
    const sentence = new RegExp(`has nothing to claim from lot ${gold}: it was paid .* for its .* and nothing more has been deposited$`);
    await text("check-claim-proceeds", sentence);
    expect(await page.getByTestId("send-claim-proceeds").isDisabled()).to.equal(true);
    expect(await sdk().getBlockNumber({ cacheTime: 0 })).to.equal(blockBefore);
    expect((await sdk().getProceeds({ lotId: gold, holder: investors.A! })).position!.paid.base).to.equal(paidBefore);
  });

  it("as an investor, request delivery of tungsten (a request below the minimum is refused and sends nothing); as the custodian, confirm it: the units are burned on chain; a rejected request returns them", async function () {
    const { investors, custodian, issuer } = demo().parties;
    const tungsten = demo().lotIds[2]!;
    const mtu = (text: string) => Quantity.parse(Commodity.Tungsten, `${text} mtu`);
    const balanceOf = async (owner: string) => (await sdk().getBalances({ owner: owner as `0x${string}` })).find((h) => h.lotId === tungsten)?.balance.base ?? 0n;
    const heldBefore = await balanceOf(investors.A!);
    const lotBefore = await sdk().getLot({ lotId: tungsten });
    await page.goto(`${serving.url}#/lot/${tungsten}`);
    await actAs(investors.A!);
    await page.getByTestId("no-deliveries").waitFor();

    await page.getByTestId("delivery-amount").fill("0.05"); // half a kilogram of WO3: the SDK's parse error is shown, the page keeps working
    await text("check-request-delivery", /^"0\.05" \(mtu\) is not a whole number of kg/);
    await page.getByTestId("delivery-amount").fill("5");
    const below = new RegExp(`^✗ Lot ${tungsten} delivers at least 10\\.0 mtu WO3; 5\\.0 mtu WO3 is below it$`);
    await text("check-request-delivery", below);
    const blockBefore = await sdk().getBlockNumber({ cacheTime: 0 });
    expect(await page.getByTestId("send-request-delivery").isDisabled()).to.equal(true);
    expect(await sdk().getBlockNumber({ cacheTime: 0 })).to.equal(blockBefore);
    expect(await balanceOf(investors.A!)).to.equal(heldBefore);

    await page.getByTestId("delivery-amount").fill("20");
    await text("check-request-delivery", new RegExp(`may request delivery of 20\\.0 mtu WO3 of lot ${tungsten}$`));
    await page.getByTestId("send-request-delivery").click();
    expect(await text("outcome-request-delivery", /Requested/)).to.equal(`Requested delivery 1: 20.0 mtu WO3 of lot ${tungsten} locked until the custodian confirms or rejects it`);
    await text("delivery-status-1", /^pending$/);
    expect(await balanceOf(investors.A!)).to.equal(heldBefore - mtu("20").base);
    await page.goto(`${serving.url}#/investor/${investors.A}`);
    expect(await text("pending-delivery-1", /20\.0 mtu WO3/)).to.contain("DLV-2026-0001");

    await actAs(issuer); // not the lot's custodian: the decision is the custodian's, and the issuer is not offered it
    await page.goto(`${serving.url}#/lot/${tungsten}`);
    await text("delivery-status-1", /^pending$/);
    await page.getByTestId("may-do").filter({ hasText: /^As Issuer \(treasury\)/ }).waitFor();
    expect(await page.getByTestId("action-confirm-1").count()).to.equal(0);
    expect(await page.getByTestId("action-reject-1").count()).to.equal(0);
    expect((await sdk().getDelivery({ requestId: 1n })).status).to.equal("pending");

    await actAs(custodian);
    expect(await text("check-confirm-1", /may confirm/)).to.match(/may confirm delivery request 1 \(20\.0 mtu WO3 of lot \d+\): the units are burned$/);
    await page.getByTestId("confirm-ref-1").fill("RELEASE-NOTE-77");
    await page.getByTestId("send-confirm-1").click();
    expect(await text("outcome-confirm-1", /Delivered/)).to.equal(`Delivered request 1: 20.0 mtu WO3 of lot ${tungsten} burned`);
    await text("delivery-status-1", /^delivered$/);
    await shot("delivered");
    const request = await sdk().getDelivery({ requestId: 1n });
    expect(request.status).to.equal("delivered");
    expect(request.outcomeRef).to.equal("RELEASE-NOTE-77");
    const lotAfter = await sdk().getLot({ lotId: tungsten });
    expect(lotBefore.outstanding.base - lotAfter.outstanding.base).to.equal(mtu("20").base);
    expect(await balanceOf(investors.A!)).to.equal(heldBefore - mtu("20").base);

    await actAs(investors.A!);
    await page.getByTestId("delivery-amount").fill("10");
    await text("check-request-delivery", new RegExp(`may request delivery of 10\\.0 mtu WO3 of lot ${tungsten}$`));
    await page.getByTestId("send-request-delivery").click();
    await text("outcome-request-delivery", /^Requested delivery 2:/);
    await actAs(custodian);
    await page.getByTestId("reject-reason-2").fill("instructions incomplete");
    await page.getByTestId("send-reject-2").click();
    expect(await text("outcome-reject-2", /Rejected/)).to.match(new RegExp(`^Rejected request 2: 10\\.0 mtu WO3 of lot ${tungsten} returned to 0x`));
    await text("delivery-status-2", /^rejected$/);
    expect((await sdk().getDelivery({ requestId: 2n })).outcomeRef).to.equal("instructions incomplete");
    expect(await balanceOf(investors.A!)).to.equal(heldBefore - mtu("20").base); // the rejected 10 mtu came back
  });

  it("the lot page shows the new holders in its cap table, and no page logged a console error", async function () {
    await page.goto(`${serving.url}#/lot/${demo().offeredLotId}`);
    await text("outstanding", /^10\.000 t Cu$/);
    expect(await page.getByTestId("cap-table").locator("tbody tr").count()).to.equal(3); // A 5.5 t, B 0.5 t, and the offerings contract holding the 4 t B has not claimed
    await shot("lot");
    expect(consoleErrors).to.deep.equal([]);
  });
});
