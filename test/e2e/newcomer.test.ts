/**
 * The CLI as a newcomer meets it on a `hardhat node` (issue 17): the chain's clock and prices can be moved on a
 * local chain (and nowhere else), time-bound refusals say the chain's time, gold typed in ounces comes back as
 * typed, money reads to the cent, an investor sees its cash, countries and platform accounts read as words, and a
 * sender without ETH is told so in one line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { startRpcProxy, type RpcProxy } from "../helpers/rpcProxy.ts";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

/** Every amount of money a line shows, as written. */
const amounts = (text: string): string[] => [...text.matchAll(/(?:under )?[\d,]+(?:\.\d+)? USD/g)].map((m) => m[0]);

describe("the CLI as a newcomer meets it (e2e, hardhat node)", function () {
  this.timeout(240_000);
  let cli: CliNode;

  before(async function () {
    cli = await startCliNode("minerals-newcomer");
    await cli.ok("deploy");
    // Countries as people write them: a name, an alpha-2 code, a numeric code.
    expect(await cli.ok("investor", "register", "--account", "6", "--wallet", "0", "--country", "Bolivia", "--class", "institutional", "--kyc-expiry", "2099-12-31")).to.match(
      /^Registered 0x\w{40} as investor 1: institutional, Bolivia \(BO-068\)\n$/,
    );
    await cli.ok("investor", "register", "--account", "6", "--wallet", "5", "--country", "US", "--class", "institutional", "--kyc-expiry", "2099-12-31");
    await cli.ok("investor", "register", "--account", "6", "--wallet", "4", "--country", "152", "--class", "accredited", "--kyc-expiry", "2099-12-31");
    await cli.ok(
      "lot", "register", "--commodity", "gold", "--form", "dore", "--country", "bo", "--origin", "BO-AU-TIPUANI-07", "--ref", "DORE-TP07-2026-001",
      "--wet-mass", "25 kg", "--moisture", "0", "--grade", "91.25", "--payable", "99.5", "--custodian", "2", "--location", "El Alto vault 1",
    );
    await cli.ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "0", "--grade", "91.25", "--payable", "99.5");
    await cli.ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "El Alto vault 1");
    await cli.ok("roles", "grant", "--role", "treasury", "--to", "0");
  });

  after(async function () {
    await cli?.stop();
  });

  it("gold typed in troy ounces comes back as typed, and the CLI says before sending exactly what a rounding mints", async function () {
    const result = await cli.minerals("lot", "mint", "--lot", "1", "--to", "0", "--amount", "100 ozt", "--rounding", "down");
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.equal('note: --amount "100 ozt" is 3,110,347.68 mg of fine Au, not a whole mg; rounding down sends 3,110,347 mg (99.999978 ozt)\n');
    expect(result.stdout).to.match(/^Minted 100\.000 ozt fine Au of lot 1 to 0x\w{40}\n$/);
    const shown = await cli.ok("lot", "show", "--lot", "1");
    expect(shown).to.match(/minted \/ burned\s+│ 100\.000 ozt fine Au \/ 0\.000 ozt fine Au/);
    expect(shown).to.match(/payable qty\s+│ 729\.772 ozt fine Au/);
    // An amount that is a whole number of mg needs no note.
    const exact = await cli.minerals("transfer", "--lot", "1", "--to", "5", "--amount", "1 kg");
    expect(exact.stderr).to.equal("");
    expect(exact.stdout).to.match(/^Transferred 32\.151 ozt fine Au of lot 1 to /);
  });

  it("a country is shown by name, the external reference is checked against its hash, and the timeline has each step once", async function () {
    const shown = await cli.ok("lot", "show", "--lot", "1", "--ref", "DORE-TP07-2026-001");
    expect(shown).to.match(/origin\s+│ BO-AU-TIPUANI-07: Bolivia \(BO-068\)/);
    expect(shown).to.match(/external ref\s+│ DORE-TP07-2026-001 \(its keccak-256 0x\w{8}\.\.\w{4} is what the chain records\)/);
    expect(await cli.ok("lot", "show", "--lot", "1", "--ref", "DORE-TP07-2026-002")).to.match(/does NOT match the reference the chain records/);
    const steps = shown.split("\n").filter((line) => /0x\w{8}\.\.\w{4}\s+│\s*$/.test(line) || /Lot\w+|Custody\w+|DocumentAdded/.test(line));
    const transactions = steps.map((line) => /(0x\w{8}\.\.\w{4})\s+│\s*$/.exec(line)?.[1]).filter(Boolean);
    expect(new Set(transactions).size, shown).to.equal(transactions.length);
    expect(shown).to.include("LotRegistered: none -> registered");
    expect(shown).to.not.include("LotStateChanged");
    await cli.refused(
      'Invalid --country: "Atlantis" is not a country: write its ISO 3166-1 numeric code (586), its alpha-2 code (PK) or its English name (Pakistan)',
      "investor", "register", "--account", "6", "--wallet", "9", "--country", "Atlantis", "--class", "retail", "--kyc-expiry", "2099-12-31",
    );
  });

  it("an offering cannot close before its end: the refusal gives the chain's time; minerals chain advance gets there; the escrow is named in the cap table", async function () {
    await cli.ok("offering", "create", "--lot", "1", "--price", "3,350 USD", "--treasury", "0", "--min", "0.5 kg", "--max", "5 kg", "--soft-cap", "1 kg", "--hard-cap", "10 kg", "--ends-in", "1d");
    await cli.ok("stablecoin", "mint", "--to", "4", "--amount", "1,000,000 USD");
    await cli.ok("offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "2 kg", "--permit");
    await cli.refused(
      /^error: Offering 1 cannot be closed by 0x\w+\.\.\w+ before \S+Z \(the chain's time is \S+Z; on this local chain, `minerals chain advance (1d|2[34]h)` moves it past \S+Z\)$/,
      "offering", "close", "--offering", "1",
    );
    expect(await cli.ok("chain", "time")).to.match(/^Chain 31337 is at block \d+, time \S+Z \(a local Hardhat chain: `minerals chain advance <duration>` moves it forward\)\n$/);
    expect(await cli.ok("chain", "advance", "1d")).to.match(/^Chain 31337's clock moved forward 1d: \S+Z -> \S+Z\n$/);
    expect(await cli.ok("offering", "close", "--offering", "1")).to.match(/^Offering 1 succeeded/);
    const lot = await cli.ok("report", "lot", "1");
    expect(lot).to.match(/offering escrow \(0x\w{4}\.\.\w{4}\)\s+│\s+-\s+│\s+platform account/);
    expect(lot).to.match(/offering 1\s+│ succeeded/);
    expect(lot).to.match(/price\s+│ 3,350\.00 USD per fine troy oz/);
    expect(lot).to.not.include("not registered");
    await cli.refused(/^error: Invalid <duration>: expected a duration such as .*, got "soon"$/, "chain", "advance", "soon");
  });

  it("prices go stale as the clock moves; minerals price set publishes a fresh one; --max-price-age takes a duration and echoes a bad one", async function () {
    await cli.ok("chain", "advance", "2d");
    const stale = await cli.ok("report", "platform");
    expect(stale).to.match(/total value: 0\.00 USD, the payable metal in custody .*; not valued \(no fresh price\): gold/);
    expect(await cli.ok("report", "platform", "--max-price-age", "30d")).to.not.include("not valued");
    expect(await cli.ok("price", "set", "--mineral", "gold", "--price", "3,400 USD")).to.match(/^Published 3,400\.00 USD per fine troy oz for gold \(round \d+\), at the chain's time \S+Z\n$/);
    const fresh = await cli.ok("report", "platform");
    // 22,698,437 mg payable at 3,400 USD per fine troy oz: 2,481,223.76 USD, rounded down to the cent.
    expect(fresh).to.match(/total value: 2,481,223\.76 USD, the payable metal in custody \(lots neither sold, retired nor processed into other lots\) at fresh feed prices, rounded down to the cent\n/);
    expect(await cli.ok("price", "show")).to.match(/gold\s+3,400\.00 USD per fine troy oz, updated \S+Z \(\d+s ago\)/);
    await cli.refused('Invalid --max-price-age: expected a duration such as "90s", "30m", "12h", "7d", "1d12h" or a number of seconds, got "30x"', "report", "platform", "--max-price-age", "30x");
    await cli.refused(/^error: Invalid --price: expected a price above zero, got "0"$/, "price", "set", "--mineral", "gold", "--price", "0");
  });

  it("an investor sees its cash beside its holdings, and money reads to the cent everywhere a person reads", async function () {
    await cli.ok("offering", "claim", "--account", "4", "--offering", "1");
    const balances = await cli.ok("balances", "--owner", "4");
    // 1,000,000 USD minted, 2 kg of fine gold paid at 3,350 USD per ozt (1 kg costs 107,705.00 USD).
    expect(balances).to.match(/^0x\w{40}: cash 784,590\.00 USD of the payment stablecoin\n  lot 1: 64\.301 ozt fine Au\n$/);
    const json = JSON.parse(await cli.ok("balances", "--owner", "4", "--json"));
    // JSON keeps the exact base units (the payment was rounded up to the base unit); a person reads it to the cent.
    expect(json.cash).to.deep.equal({ usd: "784589.99799", base: "784589997990" });
    const investor = await cli.ok("report", "investor", "4");
    expect(investor).to.include("cash: 784,590.00 USD of the payment stablecoin");
    expect(investor).to.match(/offering escrow \(0x\w{4}\.\.\w{4}\)/); // the claim came from the escrow
    for (const text of [investor, await cli.ok("report", "lot", "1"), await cli.ok("report", "platform")]) {
      for (const amount of amounts(text)) expect(amount, text).to.match(/^(under 0\.01|[\d,]+\.\d\d) USD$/);
    }
  });

  it("minerals chain advance and price set are refused in one sentence on a chain that is not a local development node", async function () {
    let proxy: RpcProxy | undefined;
    try {
      proxy = await startRpcProxy(cli.rpc, { clientVersion: "Geth/v1.14.0-stable/linux-amd64/go1.22" });
      const run = (...args: string[]) => cli.minerals(...args, "--rpc", proxy!.url);
      for (const args of [["chain", "advance", "1d"], ["price", "set", "--mineral", "gold", "--price", "3,500 USD"]]) {
        const before = await cli.chainFacts();
        const result = await run(...args);
        expect(result.code, result.stdout).to.equal(1);
        expect(result.stderr.trim().split("\n")).to.have.lengthOf(1);
        expect(result.stderr).to.match(new RegExp(`^error: .* only on a local development chain \\(Hardhat's in-process chain, hardhat node or anvil\\); ${proxy.url.replaceAll(".", "\\.")} \\(chain 31337\\) is not one, so nothing was changed\\.\\n$`));
        expect(await cli.chainFacts()).to.deep.equal(before);
      }
    } finally {
      await proxy?.close();
    }
  });

  it("a demo on a slow node says what it is doing whenever a step takes over a second, and times itself from the start", async function () {
    const html = await mkdtemp(path.join(os.tmpdir(), "minerals-newcomer-html-"));
    // A node that takes 1.5 s to answer its first two log queries (the reports' scans): steps the demo must not be silent in.
    const proxy = await startRpcProxy(cli.rpc, { delay: { methods: ["eth_getLogs"], ms: 1_500, count: 2 } });
    try {
      const started = Date.now();
      const result = await cli.minerals("demo", "--rpc", proxy.url, "--html-dir", html);
      const wall = (Date.now() - started) / 1000;
      expect(result.code, result.stderr).to.equal(0);
      const progress = result.stderr.split("\n").filter((line) => line.startsWith("… "));
      expect(progress.length, result.stderr).to.be.greaterThan(0);
      for (const line of progress) expect(line).to.match(/^… (connecting to the chain|funding the parties' gas|act \d of 9: .+|reading the report of lot \d+ \(\d of \d\)|writing the HTML reports|writing the passport of lot \d+ and the documents)$/);
      const took = Number(/Demo finished in ([\d.]+) s: 9 acts, reconciled to the base unit/.exec(result.stdout)?.[1]);
      expect(took).to.be.at.least(3); // the two slow answers alone
      expect(took).to.be.within(wall - 1.5, wall + 0.1); // the time the presenter waited, start-up included
    } finally {
      await proxy.close();
      await rm(html, { recursive: true, force: true });
    }
  });

  it("a key whose account holds no ETH gets one line naming the account, the amount and the chain, and no stack trace", async function () {
    const result = await cli.minerals("roles", "grant", "--role", "pauser", "--to", "9", "--account", "0").then(() =>
      // The CLI runner clears MINERALS_PRIVATE_KEY; sign with an unfunded key through the environment instead.
      cli.mineralsWith({ MINERALS_PRIVATE_KEY: "0x1111111111111111111111111111111111111111111111111111111111111111" }, "stablecoin", "mint", "--to", "4", "--amount", "1 USD"),
    );
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal("");
    expect(result.stderr).to.match(/^error: Account 0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A needs at least [\d.]+ ETH for this transaction \(gas and value\) on chain 31337; it holds 0 ETH\. Fund it, or sign with another key \(MINERALS_PRIVATE_KEY\); this transaction was not sent\.\n/);
    expect(result.stderr).to.not.match(/\n\s+at /);
  });
});
