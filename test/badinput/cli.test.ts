/**
 * Bad input at the command line, table-driven: the built `minerals` CLI run as a user would, against a `hardhat
 * node` started once. Every case must exit non-zero with a one-line message naming what was wrong and what was
 * expected, and leave the chain exactly as it was: a snapshot of the block number, every account's nonce, units and
 * stablecoin balances, the lots and the offerings is taken before and compared after each case.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createWalletClient, http, publicActions, type Address } from "viem";
import { mineralsActions, parseDeployment, testStablecoinAbi, lotTokenAbi, type Deployment } from "../../src/index.ts";
import { minerals, rpcCall, startHardhatNode, type LocalNode } from "../helpers/localChain.ts";

/** One bad command line and the single line it must be refused with. */
interface CliCase {
  title: string;
  args: string[];
  /** The whole stderr line, e.g. /^error: Invalid --to: expected .../ */
  message: RegExp;
  /** Extra environment, e.g. a networks file. */
  env?: Record<string, string>;
  /** Leave out the test's --rpc (the case gives its own or a network profile). */
  noRpc?: boolean;
}

const ZERO = "0x0000000000000000000000000000000000000000";

describe("bad input at the command line: refused in one line, chain unchanged (CLI against a hardhat node)", function () {
  this.timeout(300_000);

  let node: LocalNode;
  let deployments: string;
  let deployment: Deployment;
  let accounts: Address[];
  const files: Record<string, string> = {};

  const cli = (args: string[], options: { noRpc?: boolean; env?: Record<string, string> } = {}) =>
    minerals(options.noRpc ? [...args, "--deployments", deployments] : [...args, "--rpc", node.rpc, "--deployments", deployments], options.env);
  async function ok(...args: string[]): Promise<string> {
    const result = await cli(args);
    expect(result.code, `minerals ${args.join(" ")}\n${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  /** What a bad command must not change: blocks, nonces, balances, lots, offerings. */
  async function snapshot(): Promise<string> {
    // cacheTime 0: the block number is read fresh, never viem's cached one.
    const client = createWalletClient({ account: accounts[0]!, transport: http(node.rpc), cacheTime: 0 }).extend(publicActions).extend(mineralsActions(deployment));
    const state: Record<string, unknown> = { block: await client.getBlockNumber() };
    for (const [i, account] of accounts.slice(0, 10).entries()) {
      state[`nonce ${i}`] = await client.getTransactionCount({ address: account });
      state[`usd ${i}`] = await client.readContract({ address: deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "balanceOf", args: [account] });
      for (const lotId of [1n, 2n]) {
        state[`lot ${lotId} of ${i}`] = await client.readContract({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [account, lotId] });
      }
    }
    for (const lotId of [1n, 2n]) state[`lot ${lotId}`] = await client.getLot({ lotId });
    for (const offeringId of [1n, 2n]) state[`offering ${offeringId}`] = await client.getOffering({ offeringId, investor: accounts[4]! });
    return JSON.stringify(state, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  }

  before(async function () {
    node = await startHardhatNode();
    deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-badinput-"));
    accounts = await rpcCall<Address[]>(node.rpc, "eth_accounts");
    await ok("deploy");
    deployment = parseDeployment(await readFile(path.join(deployments, "31337.json"), "utf8"));
    await ok("roles", "grant", "--role", "treasury", "--to", "7");
    for (const [wallet, country, investorClass] of [["0", "604", "institutional"], ["4", "152", "institutional"], ["5", "840", "accredited"], ["8", "276", "accredited"]]) {
      await ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    const copper = ["--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042", "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5", "--custodian", "2", "--location", "Callao bonded warehouse 3"];
    await ok("lot", "register", ...copper, "--ref", "WR-BADINPUT-0001");
    await ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Callao bonded warehouse 3");
    await ok("lot", "mint", "--lot", "1", "--to", "0", "--amount", "100 t");
    await ok("transfer", "--lot", "1", "--to", "4", "--amount", "10 t");
    await ok("lot", "register", ...copper, "--ref", "WR-BADINPUT-0002");
    await ok("lot", "assay", "--lot", "2", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "2", "--account", "2", "--location", "Callao bonded warehouse 3");
    for (const investor of ["4", "5"]) await ok("stablecoin", "mint", "--to", investor, "--amount", "1,000,000 USD");
    // Offering 1 runs to its end and is claimed by investor 4; offering 2 stays open.
    await ok("offering", "create", "--lot", "1", "--price", "9,750 USD", "--treasury", "7", "--min", "1 t", "--max", "8 t", "--soft-cap", "2 t", "--hard-cap", "10 t", "--ends-in", "1d");
    await ok("offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "3 t");
    await rpcCall(node.rpc, "evm_increaseTime", [2 * 86_400]);
    await rpcCall(node.rpc, "evm_mine");
    await ok("offering", "close", "--offering", "1");
    await ok("offering", "claim", "--account", "4", "--offering", "1");
    await ok("offering", "create", "--lot", "2", "--price", "9,750 USD", "--treasury", "7", "--min", "1 t", "--max", "8 t", "--soft-cap", "2 t", "--hard-cap", "10 t", "--ends-in", "30d");

    // A manifest of another chain, a stale one (contracts not on this chain), a malformed one, a networks file.
    const text = await readFile(path.join(deployments, "31337.json"), "utf8");
    files.otherChain = path.join(deployments, "other-chain.json");
    await writeFile(files.otherChain, text.replace('"chainId": 31337', '"chainId": 11155111'));
    files.stale = path.join(deployments, "stale.json");
    await writeFile(files.stale, text.replaceAll(deployment.contracts.LotRegistry, "0x00000000000000000000000000000000DeaDBeef"));
    files.malformed = path.join(deployments, "malformed.json");
    await writeFile(files.malformed, "{ not json");
    files.networks = path.join(deployments, "networks.json");
    await writeFile(files.networks, JSON.stringify({ sepolia: { rpc: node.rpc, chainId: 11155111 } }));
  });

  after(async function () {
    await node?.stop();
    await rm(deployments, { recursive: true, force: true });
  });

  const cases = (): CliCase[] => [
    // Addresses
    { title: "a malformed address", args: ["transfer", "--lot", "1", "--to", "0x1234", "--amount", "1 t"], message: /^error: Invalid --to: expected .*address.*, got "0x1234"$/ },
    { title: "the zero address as receiver", args: ["transfer", "--lot", "1", "--to", ZERO, "--amount", "1 t"], message: /^error: Invalid --to: expected a non-zero address, got "0x0{40}"$/ },
    { title: "an account index beyond the node's accounts", args: ["transfer", "--lot", "1", "--to", "99", "--amount", "1 t"], message: /^error: Invalid --to: expected an account index from 0 to 19, got "99"$/ },
    { title: "a signer index that is not a number", args: ["transfer", "--account", "first", "--lot", "1", "--to", "4", "--amount", "1 t"], message: /^error: Invalid --account: expected the index of an account .*, got "first"$/ },
    // Amounts
    { title: "a negative amount", args: ["transfer", "--lot", "1", "--to", "4", "--amount", "-5 t"], message: /^error: Invalid --amount: expected a positive quantity such as "12\.5 t", got "-5 t"$/ },
    { title: "an amount finer than the unit's precision (0.0001 t of copper, kept in kg)", args: ["transfer", "--lot", "1", "--to", "4", "--amount", "0.0001 t"], message: /^error: Invalid --amount: "0\.0001 t" \(t\) is not a whole number of kg of copper; pass a rounding mode .*$/ },
    { title: "an amount that overflows uint256", args: ["transfer", "--lot", "1", "--to", "4", "--amount", `${"9".repeat(80)} t`], message: /^error: Invalid --amount: expected at most 2\^128 - 1 kg \(the most a lot can hold\), got "9{2}.*t Cu"$/ },
    { title: "an amount that is not a number", args: ["transfer", "--lot", "1", "--to", "4", "--amount", "lots"], message: /^error: Invalid --amount: .*"lots".*$/ },
    { title: "a zero amount", args: ["lot", "mint", "--lot", "1", "--to", "0", "--amount", "0 t"], message: /^error: Invalid --amount: expected a quantity greater than zero, got "0 t"$/ },
    { title: "a mint beyond the attested quantity", args: ["lot", "mint", "--lot", "1", "--to", "0", "--amount", "5000 t"], message: /^error: Cannot mint 5,000\.000 t Cu of lot 1: only .* remain unminted.*$/ },
    { title: "more units than the sender holds", args: ["transfer", "--account", "4", "--lot", "1", "--to", "0", "--amount", "500 t"], message: /^error: .*holds .* fewer than the 500\.000 t Cu asked for$/ },
    { title: "a negative stablecoin amount", args: ["stablecoin", "mint", "--to", "4", "--amount", "-1 USD"], message: /^error: Invalid --amount: Invalid amount "-1 USD": expected US dollars such as "1000 USD".*$/ },
    { title: "a stablecoin amount finer than a cent's sub-unit (6 decimals)", args: ["stablecoin", "mint", "--to", "4", "--amount", "0.0000001 USD"], message: /^error: Invalid --amount: Invalid amount "0\.0000001 USD": at most 6 decimals .*$/ },
    // Lots and units
    { title: "an unknown lot", args: ["transfer", "--lot", "999", "--to", "4", "--amount", "1 t"], message: /^error: Cannot read lot 999: Lot 999 does not exist$/ },
    { title: "a lot id that is not a number", args: ["transfer", "--lot", "one", "--to", "4", "--amount", "1 t"], message: /^error: Invalid --lot: expected a positive integer lot id, got "one"$/ },
    { title: "a troy-ounce amount for a copper lot", args: ["transfer", "--lot", "1", "--to", "4", "--amount", "5 ozt"], message: /^error: Invalid --amount: Unit "ozt" is not used for copper: write an amount of copper in t or kg$/ },
    { title: "a tungsten unit (mtu) for a copper offering", args: ["offering", "subscribe", "--account", "4", "--offering", "2", "--amount", "1 mtu"], message: /^error: Invalid --amount: Unit "mtu" is not used for copper .*: write an amount of copper in t or kg$/ },
    { title: "an unknown commodity", args: ["lot", "register", "--commodity", "unobtainium", "--form", "concentrate", "--country", "604", "--origin", "X", "--ref", "WR-X", "--wet-mass", "1 t", "--moisture", "0", "--grade", "1", "--payable", "100", "--custodian", "2", "--location", "Y"], message: /^error: Invalid --commodity: Unknown commodity "unobtainium": expected one of gold\/au, copper\/cu, .*$/ },
    { title: "a duplicate external reference", args: ["lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042", "--ref", "WR-BADINPUT-0001", "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5", "--custodian", "2", "--location", "Callao"], message: /^error: .*External reference .* is already registered as lot 1$/ },
    // Investors
    { title: "a duplicate investor registration", args: ["investor", "register", "--account", "6", "--wallet", "4", "--country", "152", "--class", "institutional", "--kyc-expiry", "2099-12-31"], message: /^error: .*is already registered, as investor \d+$/ },
    { title: "a country code out of range", args: ["investor", "register", "--account", "6", "--wallet", "9", "--country", "1000", "--class", "retail", "--kyc-expiry", "2099-12-31"], message: /^error: Invalid --country: 1000 is not an ISO 3166-1 numeric country code; write the code \(586\), the alpha-2 code \(PK\) or the name \(Pakistan\)$/ },
    { title: "a country code ISO does not assign", args: ["investor", "register", "--account", "6", "--wallet", "9", "--country", "999", "--class", "retail", "--kyc-expiry", "2099-12-31"], message: /^error: Invalid --country: 999 is not an ISO 3166-1 numeric country code; write the code \(586\), the alpha-2 code \(PK\) or the name \(Pakistan\)$/ },
    { title: "a country name that is no country", args: ["lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "Atlantis", "--origin", "X", "--ref", "WR-X", "--wet-mass", "1 t", "--moisture", "0", "--grade", "1", "--payable", "100", "--custodian", "2", "--location", "Y"], message: /^error: Invalid --country: "Atlantis" is not a country: write its ISO 3166-1 numeric code \(586\), its alpha-2 code \(PK\) or its English name \(Pakistan\)$/ },
    { title: "an unknown investor class", args: ["investor", "register", "--account", "6", "--wallet", "9", "--country", "276", "--class", "superhero", "--kyc-expiry", "2099-12-31"], message: /^error: Invalid --class: expected retail \| accredited \| institutional, got "superhero"$/ },
    { title: "a KYC expiry in the past", args: ["investor", "register", "--account", "6", "--wallet", "9", "--country", "276", "--class", "retail", "--kyc-expiry", "2001-01-01"], message: /^error: Invalid --kyc-expiry: expected a date after the chain's current time \(.*\), got "2001-01-01T00:00:00\.000Z"$/ },
    // Offerings and stablecoin
    { title: "a subscription without enough stablecoin", args: ["offering", "subscribe", "--account", "8", "--offering", "2", "--amount", "2 t"], message: /^error: 0x\w+\.\.\w+ holds 0\.00 USD, less than the 19,500\.00 USD that 2\.000 t Cu of offering 2 costs$/ },
    { title: "a subscription to a closed offering", args: ["offering", "subscribe", "--account", "5", "--offering", "1", "--amount", "2 t"], message: /^error: Offering 1 is closed \(succeeded\)$/ },
    { title: "a second claim", args: ["offering", "claim", "--account", "4", "--offering", "1"], message: /^error: .* already claimed from offering 1$/ },
    { title: "an unknown offering", args: ["offering", "subscribe", "--account", "4", "--offering", "77", "--amount", "2 t"], message: /^error: Cannot read offering 77: Offering 77 does not exist$/ },
    { title: "a ticket below the offering's minimum", args: ["offering", "subscribe", "--account", "4", "--offering", "2", "--amount", "0.5 t"], message: /^error: Offering 2 asks at least 1\.000 t Cu per investor; .*$/ },
    { title: "taking a trade offer that does not exist", args: ["trade", "take", "--account", "4", "--offer", "42"], message: /^error: Cannot read offer 42: Offer 42 does not exist$/ },
    { title: "the offers of a lot that does not exist", args: ["trade", "offers", "--lot", "999"], message: /^error: Cannot read lot 999: Lot 999 does not exist$/ },
    { title: "the offers of a lot id that is not a number", args: ["trade", "offers", "--lot", "first"], message: /^error: Invalid --lot: expected a positive integer lot id, got "first"$/ },
    { title: "a traded-volume period that is not a duration", args: ["report", "lot", "1", "--trades-since", "last week"], message: /^error: Invalid --trades-since: expected a duration such as "90s", "30m", "12h", "7d", "1d12h" or a number of seconds, got "last week"$/ },
    // Manifest, node, chain
    { title: "a manifest file that does not exist", args: ["report", "--manifest", "/nonexistent/31337.json"], message: /^error: No manifest at \/nonexistent\/31337\.json\.$/ },
    { title: "a manifest that is not JSON", args: ["report", "--manifest", "@malformed"], message: /^error: \S+malformed\.json is not valid JSON\. Run `minerals deploy` again\.$/ },
    { title: "a stale manifest (its contracts are not on this chain)", args: ["report", "--manifest", "@stale"], message: /^error: The deployment manifest for chain 31337 is stale: no LotRegistry contract at 0x0+DeaDBeef\. .*run `minerals deploy` again\.$/ },
    { title: "a manifest of another chain", args: ["report", "--manifest", "@otherChain"], message: /^error: .*is the manifest of chain 11155111, but .* answers chain 31337.*$/ },
    { title: "a network profile whose chain id is not the node's", args: ["report", "--network", "sepolia"], noRpc: true, message: /^error: Network "sepolia" is chain 11155111, but .* answers chain 31337: refusing to send anything there\.$/ },
    { title: "a node that is not running", args: ["report", "--rpc", "http://127.0.0.1:9"], noRpc: true, message: /^error: Cannot reach a chain at http:\/\/127\.0\.0\.1:9\. Start one with `npx hardhat node`, or pass --rpc <url>\.$/ },
    { title: "an RPC that is not a URL", args: ["report", "--rpc", "localhost-8545"], noRpc: true, message: /^error: Invalid --rpc: expected an http\(s\) URL.*$/ },
    { title: "a receipt timeout of zero", args: ["stablecoin", "mint", "--to", "4", "--amount", "1 USD", "--tx-timeout", "0"], message: /^error: Invalid --tx-timeout: expected a whole number of at least 1, got "0"$/ },
    // The command line itself
    { title: "an unknown subcommand", args: ["lot", "frobnicate"], message: /^error: unknown command 'frobnicate'$/ },
    { title: "an unknown option", args: ["transfer", "--lot", "1", "--to", "4", "--amount", "1 t", "--frob"], message: /^error: unknown option '--frob'$/ },
    { title: "a missing required option", args: ["transfer", "--lot", "1", "--amount", "1 t"], message: /^error: required option '--to <address\|index>' not specified$/ },
  ];

  it("has at least 40 cases", function () {
    expect(cases()).to.have.length.of.at.least(40);
  });

  for (const c of cases()) {
    it(`refuses ${c.title} in one line and changes nothing`, async function () {
      // "@name" stands for a file the setup wrote.
      const args = c.args.map((a) => (a.startsWith("@") ? files[a.slice(1)]! : a));
      const before = await snapshot();
      const result = await cli(args, { ...(c.noRpc ? { noRpc: true } : {}), env: { MINERALS_NETWORKS_FILE: files.networks!, ...c.env } });
      expect(result.code, result.stdout).to.not.equal(0);
      // commander adds hints after its own errors ("(Did you mean --from?)", "(run with --help for usage)").
      const lines = result.stderr.trim().split("\n").filter((line) => !/^\((run with --help for usage|Did you mean .*\?)\)$/.test(line));
      if (process.env.SHOW_MESSAGES) console.log(`      ${lines[0]}`);
      expect(lines, result.stderr).to.have.lengthOf(1);
      expect(lines[0]).to.match(c.message);
      expect(await snapshot()).to.equal(before);
    });
  }
});
