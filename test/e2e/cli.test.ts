/**
 * End to end: a real `hardhat node` on a free loopback port, and the `minerals` CLI run against it as separate
 * processes, exactly as an operator would. Checks the figures the report prints and that bad command lines exit
 * non-zero with a one-line message and change nothing.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { freePort, waitForRpc } from "../../scripts/dev/localNode.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const hardhatBin = path.join(root, "node_modules/.bin/hardhat");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const run = promisify(execFile);
/** 33 ASCII characters: one byte too long for a text stored as `bytes32`. */
const TEXT_33 = "Callao bonded warehouse number 3A";

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("minerals CLI against a hardhat node (e2e)", function () {
  this.timeout(180_000);

  let node: ChildProcess;
  let rpc: string;
  let deployments: string;

  async function minerals(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run(process.execPath, [mineralsBin, ...args, "--rpc", rpc, "--deployments", deployments], {
        cwd: root,
        env: { ...process.env, CI: "true", MINERALS_PRIVATE_KEY: "" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  async function ok(...args: string[]): Promise<string> {
    const result = await minerals(...args);
    expect(result.code, `minerals ${args.join(" ")}\n${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  async function report(): Promise<{ lots: Record<string, any>[] }> {
    return JSON.parse(await ok("report", "--json"));
  }

  async function blockNumber(): Promise<bigint> {
    const response = await fetch(rpc, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    });
    return BigInt(((await response.json()) as { result: string }).result);
  }

  let port: number;

  async function startNode(): Promise<void> {
    node = spawn(hardhatBin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: root,
      env: { ...process.env, CI: "true" },
      stdio: "ignore",
    });
    await waitForRpc(rpc, node);
  }

  async function stopNode(): Promise<void> {
    if (node && node.exitCode === null && node.signalCode === null) {
      const exited = new Promise((resolve) => node.once("exit", resolve));
      node.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (node.exitCode === null && node.signalCode === null) node.kill("SIGKILL");
    }
  }

  before(async function () {
    port = await freePort();
    rpc = `http://127.0.0.1:${port}`;
    deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-e2e-"));
    await startNode();
  });

  after(async function () {
    await stopNode();
    await rm(deployments, { recursive: true, force: true });
  });

  it("commands before a deployment say to run minerals deploy", async function () {
    const result = await minerals("report", "--json");
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.match(/minerals deploy/);
  });

  it("deploys and writes a manifest for the chain", async function () {
    const out = JSON.parse(await ok("deploy", "--json"));
    expect(out.chainId).to.equal(31337);
    expect(out.contracts.LotRegistry).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(out.manifest).to.equal(path.join(deployments, "31337.json"));
  });

  it("deploy keeps a manifest whose contracts are still live, renamed with its block number, and says so", async function () {
    const manifest = path.join(deployments, "31337.json");
    const previous = await readFile(manifest, "utf8");
    const block = JSON.parse(previous).block.number as string;
    const kept = path.join(deployments, `31337.block-${block}.json`);
    const out = await ok("deploy");
    expect(out).to.contain(`Kept the previous manifest, whose contracts deployed at block ${block} are still live, as ${kept}`);
    expect(await readFile(kept, "utf8")).to.equal(previous);
    expect(JSON.parse(await readFile(manifest, "utf8")).contracts.LotRegistry).to.not.equal(JSON.parse(previous).contracts.LotRegistry);
  });

  it("deploy --force replaces a manifest whose contracts are still live, and says so", async function () {
    const before = (await readdir(deployments)).sort();
    const previous = JSON.parse(await readFile(path.join(deployments, "31337.json"), "utf8"));
    const out = JSON.parse(await ok("deploy", "--force", "--json"));
    expect(out.previousManifest).to.deep.equal({ outcome: "replaced", block: previous.block.number });
    expect((await readdir(deployments)).sort()).to.deep.equal(before);
    expect(JSON.parse(await readFile(path.join(deployments, "31337.json"), "utf8")).contracts).to.deep.equal(out.contracts);
  });

  it("MINERALS_RPC and MINERALS_DEPLOYMENTS stand for --rpc and --deployments", async function () {
    const { stdout } = await run(process.execPath, [mineralsBin, "report", "--json"], {
      cwd: os.tmpdir(),
      env: { ...process.env, CI: "true", MINERALS_PRIVATE_KEY: "", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: deployments },
    });
    expect(JSON.parse(stdout).contracts).to.deep.equal(JSON.parse(await readFile(path.join(deployments, "31337.json"), "utf8")).contracts);
  });

  it("onboards investors through the compliance officer's account and a signed eligibility statement", async function () {
    for (const [wallet, country, investorClass] of [["0", "604", "institutional"], ["4", "152", "accredited"], ["5", "840", "institutional"], ["8", "586", "accredited"]]) {
      await ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    const statement = path.join(deployments, "eligibility-9.json");
    await ok("investor", "eligibility", "sign", "--account", "6", "--wallet", "9", "--country", "276", "--class", "accredited", "--kyc-expiry", "2099-12-31", "--out", statement);
    await ok("investor", "eligibility", "submit", "--account", "9", "--file", statement);
    const shown = JSON.parse(await ok("investor", "show", "--wallet", "9", "--json"));
    expect(shown).to.include({ investorClass: "accredited", country: 276, canReceive: true });
    // A statement the officer cancels cannot be submitted any more.
    const cancelled = path.join(deployments, "eligibility-10.json");
    await ok("investor", "eligibility", "sign", "--account", "6", "--wallet", "10", "--country", "276", "--class", "retail", "--kyc-expiry", "2099-12-31", "--out", cancelled);
    await ok("investor", "eligibility", "cancel", "--account", "6", "--file", cancelled);
    const unusable = await minerals("investor", "eligibility", "submit", "--account", "10", "--file", cancelled);
    expect(unusable.code).to.not.equal(0);
    expect(unusable.stderr).to.match(/already used or was cancelled/);
    // A linked wallet holding nothing is unlinked, freeing its slot.
    await ok("investor", "link", "--account", "6", "--investor", "1", "--wallet", "11");
    await ok("investor", "unlink", "--account", "6", "--wallet", "11");
    expect(JSON.parse(await ok("investor", "show", "--wallet", "11", "--json"))).to.include({ canReceive: false });
    const refused = await minerals("investor", "register", "--account", "0", "--wallet", "10", "--country", "276", "--class", "retail", "--kyc-expiry", "2099-12-31");
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr).to.match(/COMPLIANCE role/);
  });

  it("registers, assays, warehouses, mints, transfers and reports a copper lot with exact figures", async function () {
    const registered = JSON.parse(
      await ok(
        "lot", "register", "--json", "--commodity", "copper", "--form", "concentrate", "--country", "604",
        "--origin", "PE-CU-0042", "--ref", "WR-CALLAO-2026-00042", "--wet-mass", "10000 wmt", "--moisture", "8",
        "--grade", "26.5", "--payable", "96.5", "--custodian", "2", "--location", "Callao bonded warehouse 3",
      ),
    );
    expect(registered.lotId).to.equal("1");
    expect(registered.payable.base).to.equal("2352670");
    await ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Callao bonded warehouse 3");
    await ok("lot", "mint", "--lot", "1", "--to", "0", "--amount", "2352.670 t");
    await ok("transfer", "--lot", "1", "--to", "4", "--amount", "250 t");
    // Investors do not burn units: a delivery out of the warehouse takes 2.670 t out of the lot instead.
    await ok("delivery", "minimum", "--lot", "1", "--amount", "1 t");
    await ok("delivery", "request", "--lot", "1", "--amount", "2.670 t", "--instructions", "DLV-E2E-1", "--account", "0");
    await ok("delivery", "confirm", "--request", "1", "--ref", "RELEASE-1", "--account", "2");
    await ok("lot", "document", "--lot", "1", "--account", "1", "--type", "assay-certificate", "--sha256", `0x${"ab".repeat(32)}`, "--uri", "ipfs://assay/1");
    expect(await ok("lot", "show", "--lot", "1")).to.match(/2,352\.670 t Cu/).and.to.match(/assay-certificate/);

    const [lot] = (await report()).lots;
    // The platform report summarises each lot; its documents and timeline are in the lot's own report.
    const full = JSON.parse(await ok("report", "lot", "1", "--json"));
    expect(full.documents).to.have.lengthOf(1);
    expect(full.documents[0]).to.include({ docType: "assay-certificate", sha256: `0x${"ab".repeat(32)}`, uri: "ipfs://assay/1" });
    expect(lot!.commodity).to.equal("copper");
    expect(lot!.state).to.equal("warehoused");
    expect(lot!.quantities.contained).to.include({ base: "2438000", market: "2438.000", marketUnit: "t" });
    expect(lot!.quantities.payable.market).to.equal("2352.670");
    expect(lot!.quantities.minted.base).to.equal("2352670");
    expect(lot!.quantities.burned.base).to.equal("2670");
    expect(lot!.quantities.outstanding.market).to.equal("2350.000");
    const balances = Object.fromEntries(lot!.holders.map((h: any) => [h.holder.toLowerCase(), h.balance.base]));
    expect(Object.values(balances).sort()).to.deep.equal(["2100000", "250000"]);
  });

  it("trades units for test stablecoin, delivery versus payment, and refuses a take before sending", async function () {
    await ok("stablecoin", "mint", "--to", "8", "--amount", "100,000 USD");
    await ok("stablecoin", "mint", "--to", "10", "--amount", "100,000 USD");
    const offered = JSON.parse(await ok("trade", "offer", "--json", "--lot", "1", "--amount", "10 t", "--price", "90,000 USD", "--expires-in", "1d"));
    expect(offered).to.include({ offerId: "1", lotId: "1", buyer: null });
    expect(offered.price).to.deep.equal({ usd: "90000.00", base: "90000000000" });

    // Account 10 is not a verified investor: refused in one sentence, nothing sent.
    const before = await blockNumber();
    const refused = await minerals("trade", "take", "--account", "10", "--offer", "1");
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr.trim().split("\n")).to.have.lengthOf(1);
    expect(refused.stderr).to.match(/^error: Cannot take offer 1: .*cannot receive lot 1: it is not in the investor registry/);
    const notSeller = await minerals("trade", "cancel", "--account", "8", "--offer", "1");
    expect(notSeller.stderr).to.match(/only its seller/);
    expect(await blockNumber()).to.equal(before);

    const shown = JSON.parse(await ok("trade", "show", "--json", "--offer", "1", "--buyer", "8"));
    expect(shown).to.include({ state: "open" });
    expect(shown.take.reason).to.equal("buyer-lacks-allowance");
    expect(await ok("trade", "take", "--account", "8", "--offer", "1", "--permit")).to.equal("Took offer 1: received 10.000 t Cu, paid 90,000.00 USD\n");
    expect(JSON.parse(await ok("trade", "show", "--json", "--offer", "1")).state).to.equal("taken");

    await ok("trade", "offer", "--lot", "1", "--amount", "1 t", "--price", "9000", "--buyer", "8");
    expect(await ok("trade", "cancel", "--offer", "2")).to.equal("Cancelled offer 2\n");
    const again = await minerals("trade", "cancel", "--offer", "2");
    expect(again.stderr).to.match(/already cancelled/);
  });

  it("moves a lot between custodians and batch-transfers units of two lots", async function () {
    await ok(
      "lot", "register", "--commodity", "gold", "--form", "dore", "--country", "604", "--origin", "PE-AU-07",
      "--ref", "DORE-TP07-1-4", "--wet-mass", "25 kg", "--moisture", "0", "--grade", "91.25", "--payable", "99.5",
      "--custodian", "2", "--location", "Lima vault 1",
    );
    await ok("lot", "assay", "--lot", "2", "--account", "1", "--moisture", "0", "--grade", "91.25", "--payable", "99.5");
    await ok("lot", "attest", "--lot", "2", "--account", "2", "--location", "Lima vault 1");
    await ok("lot", "move", "--lot", "2", "--account", "2", "--to", "3", "--destination", "Callao port");
    expect((await report()).lots[1]!.state).to.equal("in-transit");
    await ok("lot", "move", "--lot", "2", "--account", "3", "--arrive", "--location", "Callao port vault", "--quantity", "22698437 mg");
    await ok("lot", "mint", "--lot", "2", "--to", "0", "--amount", "22698437 mg");
    await ok("transfer", "--to", "5", "--item", "1:100 t", "--item", "2:100 ozt", "--rounding", "down");

    const lots = (await report()).lots;
    expect(lots[1]!.state).to.equal("warehoused");
    expect(lots[1]!.location).to.equal("Callao port vault");
    expect(lots[1]!.quantities.payable).to.include({ base: "22698437", market: "729.771695", marketUnit: "ozt" });
    const holder5 = (lot: any) => lot.holders.find((h: any) => h.balance.base === "3110347" || h.balance.base === "100000");
    expect(holder5(lots[0])?.balance.base).to.equal("100000");
    expect(holder5(lots[1])?.balance.base).to.equal("3110347");
    const one = JSON.parse(await ok("report", "--json", "--lot", "2"));
    expect(one.lotId).to.equal("2");
    expect(one.timeline.filter((e: any) => e.to !== undefined).map((e: any) => e.to)).to.deep.equal([
      "registered", "assayed", "warehoused", "in-transit", "warehoused",
    ]);
  });

  it("recalls and redirects a lot in transit, attests on arrival, withdraws a lot and pages its documents", async function () {
    const copper = [
      "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-12",
      "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5", "--custodian", "2",
      "--location", "Callao bonded warehouse 3",
    ];
    await ok(...copper, "--ref", "WR-CALLAO-E2E-3");
    await ok("lot", "assay", "--lot", "3", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "3", "--account", "2", "--location", "Callao bonded warehouse 3");
    await ok("lot", "move", "--lot", "3", "--account", "2", "--to", "3", "--destination", "Port of Matarani");
    await ok("lot", "recall", "--lot", "3", "--reason", "receiver lost its key");
    expect(await ok("lot", "show", "--lot", "3")).to.match(/awaiting the custodian's new attestation/);

    await ok("lot", "move", "--lot", "3", "--account", "2", "--to", "3", "--destination", "Port of Matarani");
    await ok("lot", "redirect", "--lot", "3", "--to", "2", "--destination", "Callao bonded warehouse 5", "--reason", "strike at Matarani");
    const missing = await minerals("lot", "move", "--lot", "3", "--account", "2", "--arrive", "--location", "Callao bonded warehouse 5");
    expect(missing.code).to.not.equal(0);
    expect(missing.stderr).to.match(/Invalid --quantity: expected the payable quantity counted on arrival \(the dispatching custodian attested 2,352\.670 t Cu/);
    await ok("lot", "move", "--lot", "3", "--account", "2", "--arrive", "--location", "Callao bonded warehouse 5", "--quantity", "2300 t");
    const moved = JSON.parse(await ok("report", "--json", "--lot", "3"));
    expect(moved.state).to.equal("warehoused");
    expect(moved.quantities.attested.market).to.equal("2300.000");
    expect(moved.quantities.mintable.market).to.equal("2300.000");

    for (const n of [1, 2, 3]) {
      await ok("lot", "document", "--lot", "3", "--account", "2", "--type", "warehouse-receipt", "--sha256", `0x${String(n).repeat(64)}`);
    }
    const page = JSON.parse(await ok("lot", "documents", "--lot", "3", "--page", "2", "--limit", "2", "--json"));
    expect(page).to.include({ page: 2, pages: 2, total: 3 });
    expect(page.documents.map((d: any) => [d.index, d.sha256])).to.deep.equal([[2, `0x${"3".repeat(64)}`]]);

    await ok(...copper, "--ref", "WR-CALLAO-E2E-4");
    await ok("lot", "withdraw", "--lot", "4", "--reason", "duplicate registration");
    expect(JSON.parse(await ok("report", "--json", "--lot", "4")).state).to.equal("retired");
  });

  it("refuses bad command lines with a one-line error, a non-zero exit and no change on chain", async function () {
    const before = await blockNumber();
    const cases: [string[], RegExp][] = [
      [["lot", "show", "--lot", "99"], /Lot 99 does not exist/],
      [["lot", "mint", "--lot", "99", "--to", "0", "--amount", "1 t"], /Lot 99 does not exist/],
      [["transfer", "--lot", "1", "--to", "0x1234", "--amount", "1 t"], /Invalid --to/],
      [["transfer", "--lot", "1", "--to", "4", "--amount", "-5 t"], /Invalid --amount/],
      [["transfer", "--lot", "abc", "--to", "4", "--amount", "5 t"], /Invalid --lot/],
      [["lot", "mint", "--lot", "1", "--to", "0", "--amount", "1 t"], /Cannot mint .* only 0\.000 t Cu/],
      [["lot", "mint", "--lot", "1", "--to", "0", "--amount", "1 t", "--account", "4"], /ISSUER role/],
      [["lot", "register", "--commodity", "silver", "--form", "bar", "--country", "604", "--origin", "x", "--ref", "y", "--wet-mass", "1 t", "--moisture", "0", "--grade", "99", "--payable", "100", "--custodian", "2", "--location", "z"], /Invalid --commodity/],
      [["transfer", "--lot", "1", "--to", "4", "--amount", "1 t", "--account", "7"], /holds 0\.000 t Cu of lot 1/],
      [["transfer", "--lot", "1", "--to", "10", "--amount", "1 t"], /cannot receive lot 1/],
      // Errors name the option as typed, not the SDK's argument name.
      [["investor", "register", "--account", "6", "--wallet", "10", "--country", "276", "--class", "retail", "--kyc-expiry", "1970-01-01"], /^error: Invalid --kyc-expiry: expected a valid date/],
      [["lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", TEXT_33, "--ref", "WR-33", "--wet-mass", "1 t", "--moisture", "0", "--grade", "30", "--payable", "96", "--custodian", "2", "--location", "Callao"], /^error: Invalid --origin: expected at most 32 bytes/],
      [["lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-1", "--ref", "WR-33", "--wet-mass", "1 t", "--moisture", "0", "--grade", "30", "--payable", "96", "--custodian", "2", "--location", TEXT_33], /^error: Invalid --location: expected at most 32 bytes/],
      [["lot", "move", "--lot", "1", "--account", "2", "--to", "3", "--destination", TEXT_33], /^error: Invalid --destination: expected at most 32 bytes/],
      [["lot", "settle", "--lot", "1", "--sale-ref", TEXT_33, "--treasury", "0"], /^error: Invalid --sale-ref: expected at most 32 bytes/],
      [["hold", "--account", "6", "--lot", "1", "--reason", TEXT_33], /^error: Invalid --reason: expected at most 32 bytes/],
      // An amount in a unit the mineral's market does not use is refused, naming the units it accepts.
      [["transfer", "--lot", "1", "--to", "4", "--amount", "100 ozt"], /^error: Invalid --amount: Unit "ozt" is not used for copper: write an amount of copper in t or kg$/],
      [["lot", "mint", "--lot", "2", "--to", "0", "--amount", "1 mtu"], /^error: Invalid --amount: Unit "mtu" is not used for gold .*: write an amount of gold in ozt, g, kg or mg$/],
      [["transfer", "--to", "5", "--item", "2:1 t"], /^error: Invalid --item: Unit "t" is not used for gold: write an amount of gold in ozt, g, kg or mg$/],
    ];
    for (const [args, message] of cases) {
      const result = await minerals(...args);
      expect(result.code, `minerals ${args.join(" ")}`).to.not.equal(0);
      const lines = result.stderr.trim().split("\n");
      expect(lines, `minerals ${args.join(" ")}: ${result.stderr}`).to.have.lengthOf(1);
      expect(lines[0]).to.match(/^error: /).and.to.match(message);
    }
    expect(await blockNumber()).to.equal(before);
  });

  it("explains refusals before sending, and enforces freezes and forced transfers", async function () {
    await ok("rules", "set", "--account", "6", "--lot", "1", "--countries", "604,152,840,276", "--min-class", "accredited", "--max-holders", "5", "--min-holding", "1 t");
    const refusedCountry = await minerals("check", "--lot", "1", "--from", "0", "--to", "8", "--amount", "10 t");
    expect(refusedCountry.code).to.equal(1);
    expect(refusedCountry.stdout).to.match(/country-not-allowed/).and.to.match(/586/);
    const allowed = await minerals("check", "--lot", "1", "--from", "0", "--to", "9", "--amount", "10 t");
    expect(allowed.code, allowed.stderr).to.equal(0);
    expect(allowed.stdout).to.match(/^allowed/);
    const refusedDust = await minerals("transfer", "--lot", "1", "--to", "9", "--amount", "0.5 t");
    expect(refusedDust.code).to.not.equal(0);
    expect(refusedDust.stderr.trim().split("\n")).to.have.lengthOf(1);

    await ok("freeze", "units", "--account", "6", "--wallet", "4", "--lot", "1", "--amount", "200 t");
    const frozen = await minerals("transfer", "--account", "4", "--lot", "1", "--to", "5", "--amount", "100 t");
    expect(frozen.code).to.not.equal(0);
    expect(frozen.stderr).to.match(/frozen/);
    await ok("freeze", "account", "--account", "6", "--wallet", "4");
    await ok("forced-transfer", "--account", "6", "--lot", "1", "--from", "4", "--to", "5", "--amount", "250 t", "--reason", "court order 2026/114");
    const lot = JSON.parse(await ok("report", "--json", "--lot", "1"));
    const balances = Object.fromEntries(lot.holders.map((h: any) => [h.holder.toLowerCase(), h.balance.base]));
    expect(Object.values(balances)).to.not.include("250000");
    expect(JSON.parse(await ok("rules", "show", "--lot", "1", "--json")).holders).to.be.a("number");

    await ok("pause", "--account", "7");
    const paused = await minerals("transfer", "--lot", "1", "--to", "5", "--amount", "1 t");
    expect(paused.code).to.not.equal(0);
    expect(paused.stderr).to.match(/paused/i);
    await ok("unpause", "--account", "7");
    await ok("transfer", "--lot", "1", "--to", "5", "--amount", "1 t");
  });

  it("demo --rpc writes the manifest so that report from another process sees the same lots", async function () {
    const demo = JSON.parse(await ok("demo", "--json"));
    const fromReport = await report();
    expect(fromReport.lots.map((l) => l.lotId)).to.deep.equal(demo.lots.map((l: any) => l.lotId));
    // Five lots from the mine, then the copper export's two vessels, the cathode refined from one and its gold bars.
    expect(fromReport.lots.map((l) => l.commodity)).to.deep.equal(["copper", "gold", "tungsten", "antimony", "rare earths", "copper", "copper", "copper", "gold"]);
    for (const [i, lot] of fromReport.lots.entries()) {
      expect(lot.holders).to.deep.equal(demo.lots[i].holders);
      expect(lot.quantities).to.deep.equal(demo.lots[i].quantities);
    }
  });

  it("a manifest left from before the node restarted is refused with a message to redeploy", async function () {
    await stopNode();
    await startNode();
    const result = await minerals("report", "--json");
    expect(result.code).to.not.equal(0);
    expect(result.stderr.trim().split("\n")).to.have.lengthOf(1);
    expect(result.stderr).to.match(/stale.*minerals deploy/);
  });

  it("deploy after the node restarted replaces the stale manifest with a note and keeps no copy of it", async function () {
    const before = (await readdir(deployments)).sort();
    const previous = JSON.parse(await readFile(path.join(deployments, "31337.json"), "utf8"));
    const out = await ok("deploy");
    expect(out).to.contain(`Replaced the previous manifest: its contracts (deployed at block ${previous.block.number}) are no longer on chain 31337`);
    expect((await readdir(deployments)).sort()).to.deep.equal(before);
    expect((await report()).lots).to.deep.equal([]);
  });

  it("an eligibility statement's default deadline counts from the chain's clock, which a local chain may have moved ahead", async function () {
    const call = async (method: string, params: unknown[]): Promise<any> => {
      const response = await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
      return ((await response.json()) as { result: unknown }).result;
    };
    await call("evm_increaseTime", [30 * 86_400]);
    await call("evm_mine", []);
    const file = path.join(deployments, "eligibility-ahead.json");
    await ok("investor", "eligibility", "sign", "--account", "6", "--wallet", "9", "--country", "276", "--class", "accredited", "--kyc-expiry", "2099-12-31", "--out", file);
    const { eligibility } = JSON.parse(await readFile(file, "utf8")) as { eligibility: { deadline: string } };
    const latest = (await call("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    expect(BigInt(eligibility.deadline)).to.equal(BigInt(latest.timestamp) + 7n * 86_400n);
    await ok("investor", "eligibility", "submit", "--account", "9", "--file", file);
  });
});
