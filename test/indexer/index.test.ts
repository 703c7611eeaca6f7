/**
 * The index (`indexer/`, Ponder) against a `hardhat node` holding the demo's state: every report, history, list and
 * document read is the same, field by field, from the index as from the node (embedded PGlite and Postgres), also
 * after random activity, after a reorganisation under the index and after a restart; `minerals index verify` agrees
 * with the chain, and finds a balance an index got wrong.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createPublicClient, http, keccak256, toHex, type Address } from "viem";
import type { Deployment, LotReport, PlatformReport } from "../../src/index.ts";
import { Quantity } from "../../src/index.ts";
import { chromium } from "playwright-core";
import { verifyIndex } from "../../scripts/cli/indexer.ts";
import { startServe } from "../../scripts/cli/serve.ts";
import { minerals, rpcCall, startHardhatNode, type LocalNode } from "../helpers/localChain.ts";
import { catchUp, expectSameReports, PARTY, plain, runDemo, sdkAs, startPostgres, startTestIndexer, type TestIndexer, type TestPostgres } from "./helpers.ts";

/** A small deterministic pseudo-random generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INVESTORS = [PARTY.issuer, PARTY.investorA, PARTY.investorB, PARTY.investorC, PARTY.investorD, PARTY.investorE, PARTY.investorF];

/** What the platform's rules refuse, in the SDK's words: a random action that meets one sends nothing. */
const REFUSED = /refused|cannot|Invalid|not |frozen|hold|locked|minimum|exceed|no units|nothing|must|only/i;

/**
 * `steps` random actions of the platform's parties against the node: transfers between investors, partial and
 * account freezes, holds placed and lifted, price updates, documents, a new lot registered, assayed, attested and
 * minted; trades offered, taken and cancelled; a lot split into two shipments by the issuer, its holders converting
 * (units an output's rules refuse held for them, and claimed later); a sold lot's proceeds position released to
 * another wallet; the chain's clock moved on by hours. Actions the rules refuse are part of the randomness (nothing
 * is sent for them). Returns how many of each kind landed.
 */
async function randomActivity(rpc: string, deployment: Deployment, seed: number, steps: number): Promise<Record<string, number>> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const accounts = await rpcCall<Address[]>(rpc, "eth_accounts");
  const officer = await sdkAs(rpc, deployment, PARTY.officer);
  const issuer = await sdkAs(rpc, deployment, PARTY.issuer);
  const as = (account: Address) => sdkAs(rpc, deployment, accounts.findIndex((a) => a.toLowerCase() === account.toLowerCase()));
  const openOffers: bigint[] = [];
  const landed: Record<string, number> = {};
  let what = "";
  for (let step = 0; step < steps; step++) {
    const platform = (await issuer.getPlatformReport()) as PlatformReport;
    // The node's accounts hold units of warehoused lots (platform accounts, such as the offering escrow, hold some too).
    const ours = (h: { holder: string }) => accounts.some((a) => a.toLowerCase() === h.holder.toLowerCase());
    const lots = platform.lots.filter((l) => l.state === "warehoused" && l.holders.some(ours));
    const lot = pick(lots);
    const holder = pick(lot.holders.filter(ours));
    const balance = BigInt(holder.balance.base);
    const kind = next();
    try {
      if (kind < 0.3) {
        what = "transfer";
        const from = await as(holder.holder);
        const to = accounts[pick(INVESTORS.filter((i) => accounts[i]!.toLowerCase() !== holder.holder.toLowerCase()))]!;
        const amount = next() < 0.2 ? balance : (balance * BigInt(Math.floor(next() * 1000) + 1)) / 1000n;
        await from.transferUnits({ lotId: lot.lotId, to, amount });
      } else if (kind < 0.36) {
        what = "freeze";
        await officer.setFrozenUnits({ account: holder.holder, lotId: lot.lotId, amount: next() < 0.5 ? 0n : balance / 3n });
      } else if (kind < 0.4) {
        what = "account freeze";
        await officer.freezeAccount({ account: accounts[pick(INVESTORS)]!, frozen: next() < 0.5 });
      } else if (kind < 0.44) {
        what = "hold";
        const onHold = next() < 0.5;
        await officer.setLotHold({ lotId: lot.lotId, onHold, reason: onHold ? `review ${step}` : "" });
      } else if (kind < 0.48) {
        what = "price";
        await issuer.updatePrice({ commodity: pick(["gold", "copper", "tungsten", "antimony", "rare earths"] as const), usd: `${1000 + Math.floor(next() * 9000)}.25` });
      } else if (kind < 0.52) {
        what = "document";
        const assayer = await sdkAs(rpc, deployment, PARTY.assayer);
        const now = new Date(Number((await issuer.getBlock()).timestamp) * 1000);
        await assayer.addDocument({ lotId: lot.lotId, docType: "assay-certificate", sha256: keccak256(toHex(`doc ${seed} ${step}`)), uri: `ipfs://docs/${seed}/${step}`, issuedAt: now });
      } else if (kind < 0.56) {
        what = "new lot";
        const custodian = await sdkAs(rpc, deployment, PARTY.custodian);
        const assayer = await sdkAs(rpc, deployment, PARTY.assayer);
        const { lotId, payable } = await issuer.registerLot({
          commodity: 0, form: "dore", countryCode: 586, originId: `PK-AU-${seed}-${step}`, externalRef: keccak256(toHex(`lot ${seed} ${step}`)),
          wetMassGrams: 12_000n, moistureBps: 0, gradePpb: 900_000_000n, payableBps: 9950, custodian: accounts[PARTY.custodian]!, location: "Karachi vault",
        });
        await assayer.recordAssay({ lotId, moistureBps: 0, gradePpb: 900_000_000n, payableBps: 9950 });
        await custodian.attestCustody({ lotId, quantity: payable, location: "Karachi vault" });
        await issuer.mintUnits({ lotId, to: accounts[PARTY.issuer]!, amount: Quantity.fromBase(payable.commodity, payable.base / 2n) });
      } else if (kind < 0.72) {
        // A trade: offered by a holder, then taken by another investor (paying in the test stablecoin), or left open
        // and perhaps cancelled later.
        what = "offer";
        const seller = await as(holder.holder);
        const amount = (balance * BigInt(Math.floor(next() * 500) + 1)) / 1000n;
        const expiry = new Date((Number((await issuer.getBlock()).timestamp) + 30 * 86_400) * 1000);
        const { offerId } = await seller.offerUnits({ lotId: lot.lotId, amount, price: BigInt(Math.floor(next() * 90_000) + 1_000) * 1_000_000n, expiry });
        if (next() < 0.75) {
          const buyer = accounts[pick(INVESTORS.filter((i) => accounts[i]!.toLowerCase() !== holder.holder.toLowerCase()))]!;
          await issuer.mintTestStablecoin({ to: buyer, amount: 100_000_000_000n });
          what = "trade";
          await (await as(buyer)).takeOffer({ offerId });
        } else openOffers.push(offerId);
      } else if (kind < 0.76 && openOffers.length > 0) {
        what = "cancelled offer";
        const offerId = openOffers.shift()!;
        const offer = await issuer.getOffer({ offerId });
        await (await as(offer.seller)).cancelOffer({ offerId });
      } else if (kind < 0.84) {
        // The issuer splits a warehoused lot into two shipments; some of its holders convert at once.
        what = "split";
        const report = (await issuer.getLotReport({ lotId: lot.lotId })) as LotReport;
        const attested = BigInt(report.quantities.attested.base);
        const first = (attested * BigInt(Math.floor(next() * 800) + 100)) / 1000n;
        const shipment = (quantity: bigint, n: number) => ({
          quantity, massGrams: 1_000_000n, gradePpb: 250_000_000n, custodian: accounts[PARTY.portCustodian]!, location: "Port Qasim berth 4", externalRef: `RANDOM-${seed}-${step}-${n}`,
        });
        await issuer.splitLot({ lotId: lot.lotId, outputs: [shipment(first, 1), shipment(attested - first, 2)] });
        for (const h of report.holders) {
          if (h.label !== null || !ours(h) || next() < 0.5) continue;
          const converted = await (await as(h.holder)).convertUnits({ lotId: lot.lotId }).then(
            () => true,
            (error: Error) => (REFUSED.test(error.message) ? false : Promise.reject(error)),
          );
          if (converted) landed.conversion = (landed.conversion ?? 0) + 1;
        }
      } else if (kind < 0.9) {
        // A holder of a processed lot converts; or one with units held for it claims them.
        what = "conversion";
        const processed = platform.lots.filter((l) => l.state === "processed" && l.holders.some((h) => h.label === null && ours(h)));
        if (processed.length === 0) continue;
        const source = pick(processed);
        const who = pick(source.holders.filter((h) => h.label === null && ours(h)));
        const sdk = await as(who.holder);
        await sdk.convertUnits({ lotId: source.lotId });
        for (const output of (await issuer.getProvenance({ lotId: source.lotId })).steps.flatMap((s) => s.outputs)) {
          if ((await issuer.getHeldUnits({ lotId: output, holder: who.holder })).base > 0n) await sdk.claimHeldUnits({ lotId: output }).catch(() => undefined);
        }
      } else if (kind < 0.94) {
        // Compliance releases a holder's proceeds position in a sold lot to another of the platform's investors.
        what = "released position";
        const sold = platform.lots.filter((l) => l.state === "settling" || l.state === "retired");
        if (sold.length === 0) continue;
        const from = accounts[pick(INVESTORS)]!;
        const to = accounts[pick(INVESTORS.filter((i) => accounts[i] !== from))]!;
        await officer.releasePosition({ lotId: pick(sold).lotId, from, to, reason: `lost wallet ${step}` });
      } else {
        what = "time";
        await rpcCall(rpc, "evm_increaseTime", [Math.floor(next() * 36 * 3600) + 600]);
        await rpcCall(rpc, "evm_mine");
      }
      landed[what] = (landed[what] ?? 0) + 1;
    } catch (error) {
      if (!(error instanceof Error) || !REFUSED.test(error.message) || /Invalid client/.test(error.message)) throw error;
      landed[`refused ${what}`] = (landed[`refused ${what}`] ?? 0) + 1;
    }
  }
  return landed;
}

describe("the index (indexer/, Ponder) against the node", function () {
  this.timeout(900_000);
  let node: LocalNode;
  let deployment: Deployment;
  let manifestDir: string;
  let pgliteDir: string;
  let indexer: TestIndexer;

  before(async function () {
    node = await startHardhatNode();
    ({ deployment, dir: manifestDir } = await runDemo(node.rpc));
    pgliteDir = mkdtempSync(path.join(os.tmpdir(), "minerals-pglite-"));
    indexer = await startTestIndexer({ deployment, rpc: node.rpc, directory: pgliteDir });
    await catchUp(indexer, node.rpc);
  });

  after(async function () {
    await indexer?.stop();
    await node?.stop();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    if (manifestDir) rmSync(manifestDir, { recursive: true, force: true });
  });

  it("reports the demo's state identically from the index (PGlite) and from the node, field by field", async function () {
    const { lots, wallets, platform } = await expectSameReports(node.rpc, deployment, indexer.url);
    expect(lots).to.be.at.least(9);
    expect(wallets).to.be.at.least(10);
    // What the comparison covered: the story's processed lots and their products, its trades, its sold lot.
    const states = platform.lots.map((l) => l.state);
    expect(states).to.include("processed").and.to.include("retired");
    expect(platform.lots.filter((l) => l.trading.trades > 0).length, "lots with trades").to.be.at.least(2);
    expect(platform.lots.some((l) => l.valuation.payable.status === "processed")).to.equal(true);
  });

  it("reports identically after random activity: transfers, freezes, holds, prices, documents, new lots, trades, splits and conversions, released positions", async function () {
    const landed = await randomActivity(node.rpc, deployment, 19, 40);
    const count = (kinds: string[]) => kinds.reduce((n, k) => n + (landed[k] ?? 0), 0);
    expect(count(Object.keys(landed).filter((k) => !k.startsWith("refused"))), `at least a third of the random actions land: ${JSON.stringify(landed)}`).to.be.at.least(13);
    for (const kind of ["transfer", "trade", "split", "conversion"]) expect(landed[kind] ?? 0, `${kind}s that landed: ${JSON.stringify(landed)}`).to.be.at.least(1);
    await catchUp(indexer, node.rpc);
    await expectSameReports(node.rpc, deployment, indexer.url);
  });

  it("minerals index verify agrees with the chain, and names a balance an index got wrong", async function () {
    await catchUp(indexer, node.rpc);
    const ok = await minerals(["index", "verify", "--rpc", node.rpc, "--deployments", manifestDir, "--index", indexer.url, "--sample", "50"]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.match(/^the index agrees with the chain at block \d+: \d+ balances and frozen units, \d+ lots' state and supply, \d+ held units checked/);
    // An index that is wrong by one base unit in one balance (a proxy that alters the real index's answer).
    const proxy: Server = createServer(async (request, response) => {
      const upstream = await fetch(`${indexer.url}${request.url}`);
      let text = await upstream.text();
      if (request.url?.startsWith("/minerals/positions")) {
        const body = JSON.parse(text) as { positions: { balance: string }[] };
        body.positions[0]!.balance = (BigInt(body.positions[0]!.balance) + 1n).toString();
        text = JSON.stringify(body);
      }
      response.writeHead(upstream.status, { "content-type": "application/json" });
      response.end(text);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const wrong = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const client = createPublicClient({ transport: http(node.rpc) });
      const result = await verifyIndex(client, deployment, wrong, 50);
      expect(result.differences.some((d) => /^balance of 0x[0-9a-fA-F]{40} in lot \d+$/.test(d.what))).to.equal(true);
      const cli = await minerals(["index", "verify", "--rpc", node.rpc, "--deployments", manifestDir, "--index", wrong, "--sample", "50"]);
      expect(cli.code).to.equal(1);
      expect(cli.stdout).to.match(/the index DISAGREES with the chain at block \d+:\n  balance of 0x[0-9a-fA-F]{40} in lot \d+: index \d+, chain \d+/);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it("ends equal to the chain after a reorganisation: blocks it indexed are reverted and replaced under it", async function () {
    await catchUp(indexer, node.rpc);
    const snapshot = await rpcCall<string>(node.rpc, "evm_snapshot");
    // The branch the index sees first: transfers it indexes, then loses.
    await randomActivity(node.rpc, deployment, 101, 6);
    await catchUp(indexer, node.rpc);
    const before = plain(await (await sdkAs(node.rpc, deployment, 0)).getPlatformReport({ index: indexer.url })) as PlatformReport;
    expect(await rpcCall<boolean>(node.rpc, "evm_revert", [snapshot])).to.equal(true);
    // The branch that wins: other actions, and more blocks than the lost branch had.
    await randomActivity(node.rpc, deployment, 202, 10);
    for (let i = 0; i < 3; i++) await rpcCall(node.rpc, "evm_mine");
    await catchUp(indexer, node.rpc);
    await expectSameReports(node.rpc, deployment, indexer.url);
    const after = plain(await (await sdkAs(node.rpc, deployment, 0)).getPlatformReport({ index: indexer.url })) as PlatformReport;
    expect(after, "the reorganisation changed what the index reports").to.not.deep.equal(before);
    expect(indexer.output()).to.match(/reorg/i);
  });

  it("the page served with --index reads the platform's report from the index and shows every lot", async function () {
    await catchUp(indexer, node.rpc);
    const serving = await startServe({ rpc: node.rpc, port: 0, index: indexer.url, manifest: path.join(manifestDir, `${deployment.chainId}.json`) });
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const fromIndex: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith("/index/")) fromIndex.push(url.pathname);
      });
      await page.goto(serving.url);
      const report = (await (await sdkAs(node.rpc, deployment, 0)).getPlatformReport()) as PlatformReport;
      const rows = page.locator("[data-testid=lots] tbody tr");
      await rows.nth(report.lots.length - 1).waitFor({ timeout: 60_000 });
      expect(await rows.count()).to.equal(report.lots.length);
      expect(fromIndex).to.include("/index/minerals/report/platform");
      expect(await page.locator("[data-testid=total-value]").textContent()).to.equal(report.totalValue.text);
    } finally {
      await browser.close();
      await serving.close();
    }
  });

  it("resumes where it stopped after a restart, and catches up with what happened meanwhile", async function () {
    const reached = await catchUp(indexer, node.rpc);
    await indexer.stop();
    await randomActivity(node.rpc, deployment, 303, 8);
    indexer = await startTestIndexer({ deployment, rpc: node.rpc, directory: pgliteDir });
    await catchUp(indexer, node.rpc);
    expect(indexer.output(), "the restarted index recovers its checkpoint instead of starting over").to.match(/Detected crash recovery/);
    expect(reached).to.be.greaterThan(deployment.block.number);
    await expectSameReports(node.rpc, deployment, indexer.url);
  });

  describe("on Postgres (production)", function () {
    let postgres: TestPostgres;
    let pgIndexer: TestIndexer;

    before(async function () {
      postgres = await startPostgres();
      pgIndexer = await startTestIndexer({ deployment, rpc: node.rpc, databaseUrl: postgres.url, schema: "minerals_test" });
      await catchUp(pgIndexer, node.rpc);
    });

    after(async function () {
      await pgIndexer?.stop();
      await postgres?.stop();
    });

    it("reports the same state identically from the index on Postgres and from the node", async function () {
      expect(pgIndexer.output()).to.match(/database=.*postgres|type=postgres/i);
      await expectSameReports(node.rpc, deployment, pgIndexer.url);
      const lot = plain(await (await sdkAs(node.rpc, deployment, 0)).getLotReport({ lotId: 1n, index: pgIndexer.url })) as LotReport;
      expect(lot.lotId).to.equal("1");
    });
  });
});
