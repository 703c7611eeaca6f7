/**
 * The deployment manifest: written and read back exactly, refused with a `DeploymentError` that says what to do
 * when it is missing or malformed, and verified against the chain it claims to describe.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, type Address, type Hash } from "viem";

import {
  DeploymentError,
  defaultDeploymentsDir,
  manifestPath,
  parseDeployment,
  readDeployment,
  verifyDeployment,
  writeDeployment,
  type Deployment,
} from "../../src/node.ts";
import { deliveryEscrowAbi, lotOfferingsAbi, lotRegistryAbi, lotTokenAbi } from "../../src/abis.ts";
import { deployPlatformFixture, eip1193, rejection, walletClient, type Platform } from "./helpers/platform.ts";

/** Awaits a promise that must reject with a `DeploymentError`; returns its message. */
async function deploymentError(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(DeploymentError);
  return (error as DeploymentError).shortMessage;
}

/** The same, for a function that throws synchronously. */
function deploymentErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(DeploymentError);
    return (error as DeploymentError).shortMessage;
  }
  expect.fail("expected a DeploymentError");
}

const SAMPLE: Deployment = {
  chainId: 31337,
  contracts: {
    LotRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    LotToken: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    InvestorRegistrar: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  },
  block: { number: 1n, hash: `0x${"3c".repeat(32)}` },
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
};

describe("deployment manifest", function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "minerals-manifest-"));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  describe("files", function () {
    it("writes <dir>/<chainId>.json and reads back the same deployment, block number as a bigint", async function () {
      const file = await writeDeployment(SAMPLE, dir);
      expect(file).to.equal(path.join(dir, "31337.json"));
      expect(file).to.equal(manifestPath(31337, dir));
      expect(await readDeployment(31337, dir)).to.deep.equal(SAMPLE);
    });

    it("stores plain JSON with the block number as a decimal string, and leaves no temporary file", async function () {
      await writeDeployment({ ...SAMPLE, block: { ...SAMPLE.block, number: 12_345_678_901_234_567_890n } }, dir);
      expect(await readdir(dir)).to.deep.equal(["31337.json"]);
      const json = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8")) as { block: { number: unknown } };
      expect(json.block.number).to.equal("12345678901234567890");
      expect((await readDeployment(31337, dir)).block.number).to.equal(12_345_678_901_234_567_890n);
    });

    it("creates the directory and replaces an earlier manifest of the chain", async function () {
      const nested = path.join(dir, "a", "b");
      await writeDeployment(SAMPLE, nested);
      const redeployed: Deployment = { ...SAMPLE, block: { number: 9n, hash: `0x${"9a".repeat(32)}` } };
      await writeDeployment(redeployed, nested);
      expect(await readDeployment(31337, nested)).to.deep.equal(redeployed);
    });

    it("keeps one manifest per chain", async function () {
      await writeDeployment(SAMPLE, dir);
      await writeDeployment({ ...SAMPLE, chainId: 11155111 }, dir);
      expect((await readdir(dir)).sort()).to.deep.equal(["11155111.json", "31337.json"]);
      expect((await readDeployment(11155111, dir)).chainId).to.equal(11155111);
      expect((await readDeployment(31337, dir)).chainId).to.equal(31337);
    });

    it("reads ./deployments unless MINERALS_DEPLOYMENTS says otherwise", async function () {
      const saved = process.env.MINERALS_DEPLOYMENTS;
      try {
        delete process.env.MINERALS_DEPLOYMENTS;
        expect(defaultDeploymentsDir()).to.equal(path.resolve("deployments"));
        process.env.MINERALS_DEPLOYMENTS = dir;
        expect(defaultDeploymentsDir()).to.equal(path.resolve(dir));
        await writeDeployment(SAMPLE);
        expect(await readDeployment(31337)).to.deep.equal(SAMPLE);
        expect(await readdir(dir)).to.deep.equal(["31337.json"]);
      } finally {
        if (saved === undefined) delete process.env.MINERALS_DEPLOYMENTS;
        else process.env.MINERALS_DEPLOYMENTS = saved;
      }
    });
  });

  describe("refusals", function () {
    it("a missing manifest names the file and says to run `minerals deploy`", async function () {
      const message = await deploymentError(readDeployment(31337, dir));
      expect(message).to.include(path.join(dir, "31337.json"));
      expect(message).to.include("No deployment for chain 31337");
      expect(message).to.include("minerals deploy");
    });

    it("a manifest that is not JSON is refused, naming the file", async function () {
      await writeFile(path.join(dir, "31337.json"), '{ "chainId": 31337, ');
      const message = await deploymentError(readDeployment(31337, dir));
      expect(message).to.include(path.join(dir, "31337.json"));
      expect(message).to.include("not valid JSON");
      expect(message).to.include("minerals deploy");
    });

    const json = (overrides: Record<string, unknown>) =>
      JSON.stringify({
        chainId: 31337,
        contracts: SAMPLE.contracts,
        block: { number: "1", hash: SAMPLE.block.hash },
        deployer: SAMPLE.deployer,
        ...overrides,
      });

    const malformed: [string, string][] = [
      ["an empty object", "{}"],
      ["an array", "[]"],
      ["null", "null"],
      ["a chain id given as text", json({ chainId: "31337" })],
      ["no contracts", json({ contracts: undefined })],
      ["a registry address that is not an address", json({ contracts: { ...SAMPLE.contracts, LotRegistry: "0x1234" } })],
      ["no token address", json({ contracts: { ...SAMPLE.contracts, LotToken: undefined } })],
      ["no investor registrar address", json({ contracts: { ...SAMPLE.contracts, InvestorRegistrar: undefined } })],
      ["a block number given as a JSON number", json({ block: { number: 1, hash: SAMPLE.block.hash } })],
      ["a negative block number", json({ block: { number: "-1", hash: SAMPLE.block.hash } })],
      ["a block hash of 31 bytes", json({ block: { number: "1", hash: `0x${"3c".repeat(31)}` } })],
      ["no deployer", json({ deployer: undefined })],
    ];
    it("a manifest whose contracts.LotOfferings is not an address is refused, naming the field", function () {
      const message = deploymentErrorOf(() => parseDeployment(json({ contracts: { ...SAMPLE.contracts, LotOfferings: "0x1234" } }), "deployments/31337.json"));
      expect(message).to.include("contracts.LotOfferings is not an address");
    });
    it("a manifest whose contracts.DeliveryEscrow is not an address is refused, naming the field", function () {
      const message = deploymentErrorOf(() => parseDeployment(json({ contracts: { ...SAMPLE.contracts, DeliveryEscrow: "0x1234" } }), "deployments/31337.json"));
      expect(message).to.include("contracts.DeliveryEscrow is not an address");
    });

    for (const [title, text] of malformed) {
      it(`a manifest with ${title} is refused as malformed`, function () {
        const message = deploymentErrorOf(() => parseDeployment(text, "deployments/31337.json"));
        expect(message).to.match(/^deployments\/31337\.json is malformed \(expected chainId, contracts\.LotRegistry/);
        expect(message).to.include("minerals deploy");
      });
    }

    it("a malformed manifest on disk is refused when read", async function () {
      await writeFile(path.join(dir, "31337.json"), json({ block: { number: "1" } }));
      expect(await deploymentError(readDeployment(31337, dir))).to.include("is malformed");
    });
  });

  describe("verification against the chain", function () {
    let platform: Platform;

    before(async function () {
      platform = await deployPlatformFixture();
    });

    it("passes on the chain the platform was deployed to", async function () {
      await verifyDeployment(platform.as.outsider, platform.deployment);
      await platform.as.outsider.verifyDeployment();
    });

    it("passes for a manifest written to disk and read back", async function () {
      await writeDeployment(platform.deployment, dir);
      const read = await readDeployment(31337, dir);
      expect(read).to.deep.equal(platform.deployment);
      await verifyDeployment(platform.as.outsider, read);
    });

    it("records the offerings contract, a platform account holding ISSUER_ROLE, and reads it back", async function () {
      const offerings = platform.deployment.contracts.LotOfferings;
      if (offerings === undefined) throw new Error("deployPlatform recorded no LotOfferings");
      const client = walletClient(platform.provider, platform.address.outsider);
      const issuerRole = await client.readContract({ address: platform.deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "ISSUER_ROLE" });
      expect(await client.readContract({ address: platform.deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [issuerRole, offerings] })).to.equal(true);
      const investor = await client.readContract({ address: platform.deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getInvestor", args: [offerings] });
      expect(investor.platform).to.equal(true);
      expect(await client.readContract({ address: offerings, abi: lotOfferingsAbi, functionName: "token" })).to.equal(getAddress(platform.deployment.contracts.LotToken));
      expect(parseDeployment(JSON.stringify({ ...platform.deployment, block: { ...platform.deployment.block, number: "1" } })).contracts.LotOfferings).to.equal(offerings);
    });

    it("records the delivery escrow, a platform account holding no role, and reads it back", async function () {
      const delivery = platform.deployment.contracts.DeliveryEscrow;
      if (delivery === undefined) throw new Error("deployPlatform recorded no DeliveryEscrow");
      const client = walletClient(platform.provider, platform.address.outsider);
      const investor = await client.readContract({ address: platform.deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getInvestor", args: [delivery] });
      expect(investor.platform).to.equal(true);
      expect(await client.readContract({ address: delivery, abi: deliveryEscrowAbi, functionName: "token" })).to.equal(getAddress(platform.deployment.contracts.LotToken));
      expect(parseDeployment(JSON.stringify({ ...platform.deployment, block: { ...platform.deployment.block, number: "1" } })).contracts.DeliveryEscrow).to.equal(delivery);
    });

    it("records the registry's deployment block", async function () {
      const block = (await platform.provider.request({
        method: "eth_getBlockByNumber",
        params: [`0x${platform.deployment.block.number.toString(16)}`, false],
      })) as { hash: Hash };
      expect(block.hash).to.equal(platform.deployment.block.hash);
      expect(platform.deployment.deployer.toLowerCase()).to.equal(platform.address.admin.toLowerCase());
    });

    it("passes for a manifest whose block hash is written in upper-case hex, which the parser accepts", async function () {
      const upper = `0x${platform.deployment.block.hash.slice(2).toUpperCase()}`;
      const text = JSON.stringify({ ...platform.deployment, block: { number: platform.deployment.block.number.toString(), hash: upper } });
      const parsed = parseDeployment(text);
      await verifyDeployment(platform.as.outsider, parsed);
    });

    it("fails on a fresh chain where the deployment block does not exist yet", async function () {
      const fresh = await network.create();
      const client = walletClient(eip1193(fresh), platform.address.outsider);
      const message = await deploymentError(verifyDeployment(client, platform.deployment));
      expect(message).to.include(`block ${platform.deployment.block.number} is missing`);
      expect(message).to.include("stale");
      expect(message).to.include("run `minerals deploy` again");
    });

    it("fails on a restarted chain where the deployment block has another hash", async function () {
      const restarted = await network.create();
      const provider = eip1193(restarted);
      await provider.request({ method: "hardhat_mine" as never, params: ["0x10"] as never });
      const client = walletClient(provider, platform.address.outsider);
      const message = await deploymentError(verifyDeployment(client, platform.deployment));
      expect(message).to.match(new RegExp(`block ${platform.deployment.block.number} is now 0x[0-9a-f]{64}, not ${platform.deployment.block.hash}`));
      expect(message).to.include("run `minerals deploy` again");
    });

    it("fails when an address in the manifest holds no contract", async function () {
      const noCode: Address = platform.address.investorC;
      const message = await deploymentError(
        verifyDeployment(platform.as.outsider, { ...platform.deployment, contracts: { ...platform.deployment.contracts, LotToken: noCode } }),
      );
      expect(message).to.include(`no LotToken contract at ${noCode}`);
      expect(message).to.include("minerals deploy");
    });

    it("fails when the manifest is for another chain", async function () {
      const message = await deploymentError(verifyDeployment(platform.as.outsider, { ...platform.deployment, chainId: 1 }));
      expect(message).to.equal("The deployment is for chain 1 but the RPC serves chain 31337.");
    });
  });
});
