/**
 * End to end, the lot passport: a real `hardhat node` on a free loopback port, the `minerals` CLI run against it as
 * separate processes. Two lots from the mine are registered, assayed, attested and documented with the CLI (their
 * document files written to a folder); one is split, a shipment blended with the other and the blend refined into
 * cathode through the SDK. `minerals passport` prints the cathode's passport as text, JSON and a self-contained HTML
 * page (opened in headless Chromium: the graph has a node per lot and per step); `minerals passport verify` passes on
 * the JSON and the document files, and fails (exit 2) on a tampered JSON or a tampered document file; bad input gets
 * one line and exit 1, with nothing sent.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "chai";
import { chromium } from "playwright-core";
import { createWalletClient, getAddress, http, publicActions, type Address } from "viem";
import { hardhat } from "viem/chains";
import { Commodity, Quantity, mineralsActions, readDeployment, type Passport, type ProcessingOutput } from "../../src/node.ts";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DOCUMENTS = {
  "assay-CHG-0042.pdf": { lot: "1", type: "assay-certificate", account: "1", uri: "https://docs.example/lots/chagai/assay-CHG-0042.pdf", text: "Assay certificate CHG-0042: Cu 26.5 %, Au 2.5 g/t" },
  "weight-KHI-77.pdf": { lot: "2", type: "weight-certificate", account: "2", uri: "https://docs.example/lots/chitral/weight-KHI-77.pdf", text: "Weight certificate KHI-77: 10,000 wmt" },
} as const;

describe("minerals passport against a hardhat node (e2e)", function () {
  this.timeout(240_000);

  let cli: CliNode;
  let work: string;
  let docs: string;
  let cathode: string;
  let passportFile: string;
  const ok = (...args: string[]) => cli.ok(...args);

  before(async function () {
    cli = await startCliNode("minerals-passport-e2e");
    work = await mkdtemp(path.join(os.tmpdir(), "minerals-passport-files-"));
    docs = path.join(work, "documents");
    await ok("deploy");
    await ok("roles", "grant", "--role", "refiner", "--to", "8");
    for (const wallet of ["4", "5"]) await ok("investor", "register", "--account", "6", "--wallet", wallet, "--country", "586", "--class", "institutional", "--kyc-expiry", "2099-12-31");
    for (const [origin, ref] of [["PK-BA-CHAGAI-EL-0042", "WR-QASIM-2026-00042"], ["PK-KP-CHITRAL-ML-0011", "WR-QASIM-2026-00011"]]) {
      await ok(
        "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "586", "--origin", origin!, "--ref", ref!,
        "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5", "--custodian", "2", "--location", "Port Qasim warehouse 1",
      );
    }
    for (const lot of ["1", "2"]) {
      await ok("lot", "assay", "--lot", lot, "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
      await ok("lot", "attest", "--lot", lot, "--account", "2", "--location", "Port Qasim warehouse 1");
    }
    await mkdir(docs, { recursive: true });
    for (const [name, d] of Object.entries(DOCUMENTS)) {
      await writeFile(path.join(docs, name), d.text);
      await ok("lot", "document", "--lot", d.lot, "--account", d.account, "--type", d.type, "--file", path.join(docs, name), "--uri", d.uri);
    }
    await ok("lot", "mint", "--lot", "1", "--to", "4", "--amount", "100 t");
    await ok("lot", "mint", "--lot", "1", "--to", "5", "--amount", "60 t");

    // Split lot 1, blend one shipment with lot 2, refine the blend into cathode: through the SDK, on the same node.
    const deployment = await readDeployment(31337, cli.deployments);
    const accounts = ((await cli.rpcCall("eth_accounts")) as string[]).map((a) => getAddress(a));
    const as = (account: Address) => createWalletClient({ chain: hardhat, transport: http(cli.rpc, { retryCount: 0 }), account, pollingInterval: 50 }).extend(publicActions).extend(mineralsActions(deployment));
    const out = (quantity: Quantity, ref: string, overrides: Partial<ProcessingOutput> = {}): ProcessingOutput => ({ quantity, massGrams: 1_000_000n, gradePpb: 250_000_000n, custodian: accounts[2]!, location: "Port Qasim warehouse 2", externalRef: ref, ...overrides });
    const payable = (await as(accounts[0]!).getLot({ lotId: 1n })).payable.base;
    const half = Quantity.fromBase(Commodity.Copper, payable / 2n);
    const split = await as(accounts[0]!).splitLot({ lotId: 1n, outputs: [out(half, "SHIP-QASIM-1"), out(Quantity.fromBase(Commodity.Copper, payable - half.base), "SHIP-QASIM-2")] });
    await as(accounts[4]!).convertUnits({ lotId: 1n });
    const blend = await as(accounts[0]!).blendLots({ lotIds: [split.outputs[0]!.lotId, 2n], output: out(Quantity.fromBase(Commodity.Copper, half.base + payable), "BLEND-QASIM-1") });
    const refined = await as(accounts[8]!).processLots({ lotIds: [blend.outputs[0]!.lotId], product: out(Quantity.parse(Commodity.Copper, "3,400 t"), "CATHODE-QASIM-1", { form: "cathode", gradePpb: 999_900_000n }) });
    cathode = refined.outputs[0]!.lotId.toString();
    passportFile = path.join(work, `passport-${cathode}.json`);
  });

  after(async function () {
    await cli?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("prints the cathode's passport: where it comes from, each step with its mass balance, every lot with its history and documents", async function () {
    const text = await ok("passport", "--lot", cathode);
    const lines = text.split("\n");
    expect(lines[0]).to.equal(`Passport of lot ${cathode}: copper cathode, warehoused`);
    expect(lines[1]).to.match(/^as the chain recorded it at block \d+ \(\S+Z\) on chain 31337, lot registry 0x[0-9a-fA-F]{40}$/);
    expect(lines[2]).to.equal("from the mine: lot 1 (Chagai, Balochistan, Pakistan (PK-BA, PK-586), concession EL-0042); lot 2 (Chitral, Khyber Pakhtunkhwa, Pakistan (PK-KP, PK-586), concession ML-0011)");
    expect(lines[3]).to.equal(`latest products: lot 4, lot ${cathode}`);
    expect(text).to.match(/│ refine #3 +│ \S+ +│ 0x\w{4}\.\.\w{4} +│ lot 5: 3,529\.005 t Cu +│ lot 6: 3,400\.000 t Cu from lot 5 +│ consumed 3,529\.005 t Cu +│/);
    expect(text).to.include("loss 129.005 t Cu");
    expect(text).to.include(`0x${createHash("sha256").update(DOCUMENTS["assay-CHG-0042.pdf"].text).digest("hex")}`);
    expect(text).to.include(DOCUMENTS["weight-KHI-77.pdf"].uri);
    expect(text).to.match(/holders converted 100\.000 t Cu of 160\.000 t Cu \(62\.50 %\)/);
    expect(text).to.match(/│ LotAssayed: registered -> assayed +│ assayed by 0x\w{4}\.\.\w{4}: moisture 8 %, grade 26\.5 %/);
    expect(text).to.match(/│ DocumentAdded +│ an assay-certificate recorded as document 0/);
  });

  it("writes the passport as JSON: every lot of the graph, the mine lots' documents reachable from the cathode", async function () {
    const json = await ok("passport", "--lot", cathode, "--json");
    await writeFile(passportFile, json);
    const passport = JSON.parse(json) as Passport;
    expect(passport.passport).to.equal("minerals-lot-passport/1");
    expect(passport.lots.map((l) => l.lotId)).to.deep.equal(["1", "2", "3", "4", "5", cathode]);
    expect(passport.steps.map((s) => s.kind)).to.deep.equal(["split", "blend", "process"]);
    const documents = passport.lots.flatMap((l) => l.documents.map((d) => [l.lotId, d.docType, d.uri]));
    expect(documents).to.deep.equal(Object.values(DOCUMENTS).map((d) => [d.lot, d.type, d.uri]));
  });

  it("writes a self-contained HTML page whose graph has a node for every lot and every step", async function () {
    const file = path.join(work, "passport.html");
    expect(await ok("passport", "--lot", cathode, "--html", file)).to.equal(`wrote ${file}\n`);
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      await page.locator("#passport-graph svg text", { hasText: `lot ${cathode}` }).first().waitFor();
      const names = (await page.evaluate(`echarts.getInstanceByDom(document.getElementById("passport-graph")).getOption().series[0].data.map((n) => n.name)`)) as string[];
      expect(names).to.deep.equal(["lot 1", "lot 2", "lot 3", "lot 4", "lot 5", `lot ${cathode}`, "split #1", "blend #2", "refine #3"]);
      const labels = await page.locator("#passport-graph svg text").allTextContents();
      for (const name of names) expect(labels.join("\n"), name).to.include(name);
      expect(await page.locator("section.lot").count()).to.equal(6);
      expect(await page.locator("#lot-1").textContent()).to.include(DOCUMENTS["assay-CHG-0042.pdf"].uri);
      expect(errors).to.deep.equal([]);
      await mkdir(path.join(root, "test-artifacts", "passport"), { recursive: true });
      await page.screenshot({ path: path.join(root, "test-artifacts", "passport", "passport.png"), fullPage: false });
    } finally {
      await browser.close();
    }
  });

  it("verifies the JSON against the chain and the document files against their recorded hashes, even after the chain moved on", async function () {
    await ok("lot", "mint", "--lot", "4", "--to", "5", "--amount", "1 t");
    const out = await ok("passport", "verify", passportFile, "--documents", docs);
    expect(out).to.match(new RegExp(`^${escape(passportFile)}: passport of lot ${cathode} at block \\d+, made again from the chain and compared line by line\\n`));
    expect(out).to.match(/^ {2}lot 1: \d+ line\(s\) match$/m);
    expect(out).to.match(/^ {2}matches {7}assay-CHG-0042\.pdf: document 0 of lot 1 \(assay-certificate\), sha256 0x[0-9a-f]{64}$/m);
    expect(out).to.match(/^VERIFIED: all \d+ lines are the chain's, and 2 document file\(s\) match their recorded sha256$/m);
    const json = JSON.parse(await ok("passport", "verify", passportFile, "--documents", docs, "--json"));
    expect(json).to.include({ verified: true, lotId: cathode });
    expect(json.differences).to.deep.equal([]);
  });

  it("fails (exit 2) on a tampered JSON, naming each line that differs", async function () {
    const passport = JSON.parse(await readFile(passportFile, "utf8")) as Passport;
    passport.lots[0]!.documents[0]!.sha256 = `0x${"ab".repeat(32)}`;
    passport.lots[0]!.origin.district = "QUETTA";
    const tampered = path.join(work, "tampered.json");
    await writeFile(tampered, JSON.stringify(passport, null, 2));
    const result = await cli.minerals("passport", "verify", tampered);
    expect(result.code, result.stderr).to.equal(2);
    expect(result.stdout).to.match(/^ {2}lot 1: \d+ line\(s\) match, 2 DIFFER$/m);
    expect(result.stdout).to.include('    DIFFERS       lots[lot 1].origin.district: the file says "QUETTA", the chain says "CHAGAI"');
    expect(result.stdout).to.match(/ {4}DIFFERS {7}lots\[lot 1\]\.documents\[0\]\.sha256: the file says "0x(ab){32}", the chain says "0x[0-9a-f]{64}"/);
    expect(result.stdout).to.match(/^NOT VERIFIED: 2 line\(s\) differ from the chain$/m);
  });

  it("fails (exit 2) on a tampered document file, naming the file and both hashes", async function () {
    const copy = path.join(work, "documents-tampered");
    await cp(docs, copy, { recursive: true });
    await writeFile(path.join(copy, "weight-KHI-77.pdf"), "Weight certificate KHI-77: 12,000 wmt");
    await writeFile(path.join(copy, "notes.txt"), "not a document");
    const result = await cli.minerals("passport", "verify", passportFile, "--documents", copy);
    expect(result.code, result.stderr).to.equal(2);
    expect(result.stdout).to.match(/^ {2}DIFFERS {7}weight-KHI-77\.pdf: its sha256 is 0x[0-9a-f]{64}; document 0 of lot 2 \(weight-certificate\) records 0x[0-9a-f]{64}$/m);
    expect(result.stdout).to.match(/^ {2}not checked {3}notes\.txt: no document of this passport has this file name or hash$/m);
    expect(result.stdout).to.match(/^NOT VERIFIED: 1 document file\(s\) do not match their recorded sha256$/m);
  });

  it("refuses bad input in one line with exit 1, sending nothing", async function () {
    const notPassport = path.join(work, "not-a-passport.json");
    await writeFile(notPassport, JSON.stringify({ lotId: "1" }));
    const notJson = path.join(work, "not-json.json");
    await writeFile(notJson, "passport of lot 6");
    await cli.refused(`No such file: ${path.join(work, "missing.json")}`, "passport", "verify", path.join(work, "missing.json"));
    await cli.refused(/^error: .*not-a-passport\.json is not a lot passport: it has no "passport": "minerals-lot-passport\/1"/, "passport", "verify", notPassport);
    await cli.refused(/^error: .*not-json\.json is not a lot passport: it is not JSON/, "passport", "verify", notJson);
    await cli.refused(/^error: No such directory: .*nowhere/, "passport", "verify", passportFile, "--documents", path.join(work, "nowhere"));
    await cli.refused(/Lot 99 does not exist/, "passport", "--lot", "99");
    await cli.refused(/^error: Invalid --lot: expected/, "passport", "--lot", "six");
    await cli.refused(/^error: Missing --lot/, "passport");
    await cli.refused(/^error: Invalid --block: expected a block number/, "passport", "--lot", "1", "--block", "latest");
    const unknownLot = JSON.parse(await readFile(passportFile, "utf8")) as Passport;
    unknownLot.lotId = "99";
    const unknownFile = path.join(work, "unknown-lot.json");
    await writeFile(unknownFile, JSON.stringify(unknownLot));
    await cli.refused(/Lot 99 does not exist/, "passport", "verify", unknownFile);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
