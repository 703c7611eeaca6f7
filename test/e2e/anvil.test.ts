/**
 * A second EVM implementation: Foundry's anvil, started as a stand-in for a public testnet (chain id 11155111)
 * with a single funded, unlocked account. The `minerals` CLI runs against it with keys given only through the
 * environment (the operator's key, and a mnemonic for the demo's parties that is not anvil's), and Foundry's
 * `cast` reads the results back as an independent client.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { keccak256, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { type AnvilNode, startAnvil } from "../helpers/localChain.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const castBin = path.join(root, "node_modules/.bin/cast");
const mineralsBin = path.join(root, "bin/minerals.mjs");
const exec = promisify(execFile);

/** Sepolia's chain id: anvil poses as a public testnet, where no node signs for anyone. */
const CHAIN_ID = 11155111;
/** Anvil's accounts come from this mnemonic (a BIP-39 test vector)... */
const ANVIL_MNEMONIC = "legal winner thank year wave sausage worth useful legal winner thank yellow";
/** ...and the platform's parties from this one, so that no party is an account anvil could sign for. */
const PARTIES_MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const OPERATOR_KEY = toHex(mnemonicToAccount(ANVIL_MNEMONIC).getHdKey().privateKey!);
const party = (index: number) => mnemonicToAccount(PARTIES_MNEMONIC, { addressIndex: index }).address;
const ISSUER = party(0);
const INVESTOR_A = party(4);
/** ERC-7943 (uRWA) and ERC-1155 interface ids. */
const ERC7943_ID = "0x41c4fbad";
const ERC1155_ID = "0xd9b67a26";
const WAREHOUSED = 3n;

/** The environment without MINERALS_RPC, which would take precedence over a network profile's RPC. */
function withoutRpc(): NodeJS.ProcessEnv {
  const { MINERALS_RPC: _rpc, ...env } = process.env;
  return env;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("minerals on anvil, a second EVM implementation posing as a testnet (e2e)", function () {
  this.timeout(120_000);

  let anvil: AnvilNode;
  let rpc: string;
  let deployments: string;

  /** Runs the CLI with keys from the environment only: no key on the command line, none on disk. */
  async function minerals(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await exec(process.execPath, [mineralsBin, ...args], {
        cwd: root,
        env: {
          ...process.env,
          CI: "true",
          MINERALS_RPC: rpc,
          MINERALS_DEPLOYMENTS: deployments,
          MINERALS_PRIVATE_KEY: OPERATOR_KEY,
          MINERALS_MNEMONIC: PARTIES_MNEMONIC,
          MINERALS_NETWORK: "",
          MINERALS_MANIFEST: "",
        },
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

  async function cast(...args: string[]): Promise<string> {
    const { stdout } = await exec(castBin, [...args, "--rpc-url", rpc]);
    return stdout.trim();
  }

  async function manifest(): Promise<{ chainId: number; contracts: { LotRegistry: string; LotToken: string }; block: { number: string } }> {
    return JSON.parse(await readFile(path.join(deployments, `${CHAIN_ID}.json`), "utf8"));
  }

  before(async function () {
    deployments = await mkdtemp(path.join(os.tmpdir(), "minerals-anvil-"));
    anvil = await startAnvil(["--chain-id", String(CHAIN_ID), "--accounts", "1", "--mnemonic", ANVIL_MNEMONIC]);
    rpc = anvil.rpc;
  });

  after(async function () {
    await anvil?.stop();
    await rm(deployments, { recursive: true, force: true });
  });

  it("anvil has one funded unlocked account, and none of the parties is it", async function () {
    const accounts = JSON.parse(await cast("rpc", "eth_accounts")) as string[];
    expect(accounts).to.have.length(1);
    expect(accounts.map((a) => a.toLowerCase())).to.not.include(ISSUER.toLowerCase());
    expect(await cast("chain-id")).to.equal(String(CHAIN_ID));
  });

  it("minerals deploy signs locally with the operator's key and grants roles to the derived parties", async function () {
    const out = JSON.parse(await ok("deploy", "--json")) as { chainId: number; deployer: string; roles: { issuer: string[] }; contracts: { LotToken: string } };
    expect(out.chainId).to.equal(CHAIN_ID);
    expect(out.deployer.toLowerCase()).to.equal(mnemonicToAccount(ANVIL_MNEMONIC).address.toLowerCase());
    expect(out.roles.issuer).to.deep.equal([ISSUER]);
    expect((await manifest()).chainId).to.equal(CHAIN_ID);
    const issuerRole = keccak256(toHex("ISSUER_ROLE"));
    const registry = (await manifest()).contracts.LotRegistry;
    expect(await cast("call", registry, "hasRole(bytes32,address)(bool)", issuerRole, ISSUER)).to.equal("true");
  });

  it("minerals demo --rpc funds the derived parties from the operator and runs the whole flow with their local keys", async function () {
    const out = await ok("demo", "--rpc", rpc);
    expect(out).to.match(/Funded \d+ parties with 0\.05 ETH each/);
    expect(out).to.include("Demo finished");
    // The whole participation story ran on anvil, and its books reconciled with the chain.
    expect(out).to.include("is refused before anything is sent");
    expect(out).to.match(/Stablecoin: [\d,.]+ USD in existence \(\d+ base units\), every base unit with one of \d+ accounts, each as the books say/);
    expect(out).to.include("After the notice period the issuer retires lot 6");
    expect(BigInt(await cast("balance", ISSUER))).to.be.greaterThan(0n);
    // Every transaction was signed here and sent raw: the node was never asked to sign.
    expect(anvil.log()).to.include("eth_sendRawTransaction");
    expect(anvil.log()).to.not.match(/eth_sendTransaction\b/);
  });

  it("cast, an independent client, reads back the interfaces, the balances and a lot's state the report shows", async function () {
    const { contracts } = await manifest();
    expect(await cast("call", contracts.LotToken, "supportsInterface(bytes4)(bool)", ERC7943_ID)).to.equal("true");
    expect(await cast("call", contracts.LotToken, "supportsInterface(bytes4)(bool)", ERC1155_ID)).to.equal("true");

    const report = JSON.parse(await ok("report", "--lot", "3", "--json")) as { state: string; holders: { holder: string; balance: { base: string } }[] };
    expect(report.state).to.equal("warehoused");
    const a = report.holders.find((h) => h.holder.toLowerCase() === INVESTOR_A.toLowerCase());
    expect(a, "investor A holds lot 3 (tungsten)").to.not.equal(undefined);
    const onChain = (await cast("call", contracts.LotToken, "balanceOf(address,uint256)(uint256)", INVESTOR_A, "3")).split(" ")[0];
    expect(onChain).to.equal(a!.balance.base);

    // Lot is a static struct: commodity, form, basis, state are its first four words.
    const lot = await cast("call", contracts.LotRegistry, "getLot(uint256)", "3");
    expect(BigInt(`0x${lot.slice(2 + 64 * 3, 2 + 64 * 4)}`)).to.equal(WAREHOUSED);
  });

  it("cast reads back the demo's offerings and sale proceeds as the story told them", async function () {
    const { contracts } = (await manifest()) as { contracts: Record<string, string> };
    // OfferingStatus is static: state, unclaimed, slotsHeld, totalRequested, unitsMinted, unitsDelivered, ... one word each.
    const word = (hex: string, i: number) => BigInt(`0x${hex.slice(2 + 64 * i, 2 + 64 * (i + 1))}`);
    const copper = await cast("call", contracts.LotOfferings!, "statusOf(uint256)", "1");
    // succeeded, all claimed, every holder slot consumed, 2,100 t asked, 1,500 t minted
    expect([word(copper, 0), word(copper, 1), word(copper, 2), word(copper, 3), word(copper, 4)]).to.deep.equal([1n, 0n, 0n, 2_100_000n, 1_500_000n]);
    const gold = await cast("call", contracts.LotOfferings!, "statusOf(uint256)", "2");
    expect([word(gold, 0), word(gold, 1), word(gold, 2), word(gold, 4)]).to.deep.equal([2n, 0n, 0n, 0n]); // failed, every investor refunded, its slots given back, nothing minted
    // Every stablecoin base unit the offerings escrowed went back out, and the proceeds vault holds no money.
    for (const holder of [contracts.LotOfferings!, contracts.ProceedsVault!]) {
      expect((await cast("call", contracts.TestStablecoin!, "balanceOf(address)(uint256)", holder)).split(" ")[0]).to.equal("0");
    }
    // The copper export was split into two vessels (processed, state 7), its holders all converted; the first vessel
    // was sold, its proceeds claimed and it retired (state 6); nothing of either is outstanding.
    for (const [lotId, state] of [["1", 7n], ["6", 6n]] as const) {
      const lot = await cast("call", contracts.LotRegistry!, "getLot(uint256)", lotId);
      expect(word(lot, 3), `lot ${lotId}'s state`).to.equal(state);
      expect((await cast("call", contracts.LotToken!, "totalSupply(uint256)(uint256)", lotId)).split(" ")[0]).to.equal("0");
    }
  });

  it("transactions are EIP-1559 (type 2) on a chain whose blocks carry a base fee", async function () {
    const { block } = await manifest();
    const hash = JSON.parse(await cast("block", block.number, "--json")).transactions[0] as string;
    expect(Number(JSON.parse(await cast("tx", hash, "--json")).type)).to.equal(2);
  });

  it("a manifest of another chain is refused with one line, before anything is sent", async function () {
    const other = path.join(deployments, "elsewhere.json");
    await writeFile(other, JSON.stringify({ ...(await manifest()), chainId: 31337 }));
    const nonce = await cast("nonce", mnemonicToAccount(ANVIL_MNEMONIC).address);
    const result = await minerals("roles", "grant", "--role", "pauser", "--to", INVESTOR_A, "--manifest", other);
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split("\n")).to.have.length(1);
    expect(result.stderr).to.include(`is the manifest of chain 31337, but ${rpc} answers chain ${CHAIN_ID}`);
    expect(await cast("nonce", mnemonicToAccount(ANVIL_MNEMONIC).address)).to.equal(nonce);
  });

  it("a network profile whose chain id is not the RPC's is refused with one line", async function () {
    const file = path.join(deployments, "networks.json");
    await writeFile(file, JSON.stringify({ mainnet: { rpc, chainId: 1, confirmations: 2 } }));
    const { stdout, stderr } = await exec(process.execPath, [mineralsBin, "report", "--network", "mainnet"], {
      cwd: root,
      env: { ...withoutRpc(), CI: "true", MINERALS_NETWORKS_FILE: file, MINERALS_DEPLOYMENTS: deployments },
    }).catch((e: { stdout: string; stderr: string }) => e);
    expect(stdout).to.equal("");
    expect(stderr.trim()).to.equal(`error: Network "mainnet" is chain 1, but ${rpc} answers chain ${CHAIN_ID}: refusing to send anything there.`);
  });

  it("--confirmations below 1 is refused in one line, and a valid count is accepted", async function () {
    const refused = await minerals("report", "--confirmations", "0");
    expect(refused.code).to.equal(1);
    expect(refused.stderr.trim()).to.equal('error: Invalid --confirmations: expected a whole number of at least 1, got "0"');
    await ok("report", "--lot", "3", "--confirmations", "3");
  });

  it("an operator key whose account holds no ETH: minerals demo says in one line which account needs how much on which chain", async function () {
    const broke = "0x1111111111111111111111111111111111111111111111111111111111111111" as const;
    const env = { ...process.env, CI: "true", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: deployments, MINERALS_PRIVATE_KEY: broke, MINERALS_MNEMONIC: "test test test test test test test test test test test junk" };
    const result = await exec(process.execPath, [mineralsBin, "demo", "--html-dir", path.join(deployments, "reports")], { cwd: root, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code).to.equal(1);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors, result.stderr).to.have.lengthOf(1);
    expect(errors[0], result.stderr).to.match(new RegExp(`^error: Account 0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A needs at least [\\d.]+ ETH for this transaction \\(gas and value\\) on chain ${CHAIN_ID}; it holds 0 ETH\\. `));
    expect(result.stderr).to.not.match(/\n\s+at |InsufficientFundsError|Request Arguments/);
  });

  it("anvil is a local development node: minerals chain advance moves its clock, whatever its chain id", async function () {
    const before = await ok("chain", "time", "--json");
    const advanced = await ok("chain", "advance", "2h");
    expect(advanced).to.match(new RegExp(`^Chain ${CHAIN_ID}'s clock moved forward 2h: \\S+Z -> \\S+Z\\n$`));
    const after = await ok("chain", "time", "--json");
    expect(Date.parse(JSON.parse(after).time) - Date.parse(JSON.parse(before).time)).to.be.at.least(7_200_000);
    expect(JSON.parse(after).development).to.equal("anvil");
  });

  it("without a key, a command that writes is refused off the local chain; one that reads still works", async function () {
    const env = { ...process.env, CI: "true", MINERALS_RPC: rpc, MINERALS_DEPLOYMENTS: deployments, MINERALS_PRIVATE_KEY: "", MINERALS_MNEMONIC: "" };
    const refused = await exec(process.execPath, [mineralsBin, "roles", "grant", "--role", "pauser", "--to", INVESTOR_A], { cwd: root, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((refused as { code: number }).code).to.equal(1);
    expect(refused.stderr).to.include(`No key to sign with on chain ${CHAIN_ID}`);
    const read = await exec(process.execPath, [mineralsBin, "report", "--lot", "3", "--json"], { cwd: root, env });
    expect(JSON.parse(read.stdout).state).to.equal("warehoused");
  });
});
