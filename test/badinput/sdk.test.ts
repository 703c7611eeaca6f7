/**
 * Bad input through the SDK, table-driven, on Hardhat's in-process chain: each call must throw the SDK's typed error
 * (by class) with a one-line message naming what was wrong, and leave the chain as it was, checked by a snapshot of
 * the block number, every actor's nonce, units and stablecoin balances, the lot and the offerings.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { createWalletClient, custom, http, zeroAddress } from "viem";
import { hardhat } from "viem/chains";

import {
  Commodity,
  ContractRevertError,
  DeploymentError,
  InvalidArgumentError,
  MineralsError,
  Money,
  OfferingRefusedError,
  Quantity,
  TransactionError,
  lotTokenAbi,
  mineralsActions,
  readDeployment,
  testStablecoinAbi,
  verifyDeployment,
  type SignEligibilityReturnType,
} from "../../src/node.ts";
import { ACTORS, deployPlatformOn, rejection, warehousedCopperLot, type Platform } from "../sdk/helpers/platform.ts";

const connection = await network.create();
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const DAY = 86_400;

interface Fixture {
  platform: Platform;
  copper: bigint;
  /** Closed and succeeded; investor A claimed. */
  closed: bigint;
  /** Open for a month. */
  open: bigint;
  /** A statement for the spare wallet, already submitted. */
  used: SignEligibilityReturnType;
  /** A statement for the outsider whose deadline has passed. */
  expired: SignEligibilityReturnType;
}

async function badInputFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const { as, address } = platform;
  const copper = await warehousedCopperLot(platform);
  await as.issuer.mintUnits({ lotId: copper, to: address.investorA, amount: t("100") });
  await as.admin.grantRole({ role: "treasury", account: address.spareWallet });
  for (const investor of ["investorA", "investorB"] as const) await as.admin.mintTestStablecoin({ to: address[investor], amount: Money.parseUsd("1,000,000 USD") });
  const terms = { price: "9,750 USD", treasury: address.spareWallet, minTicket: t("1"), maxTicket: t("8"), softCap: t("2"), hardCap: t("10") } as const;
  const now = await connection.networkHelpers.time.latest();
  const { offeringId: closed } = await as.issuer.createOffering({ lotId: copper, ...terms, start: new Date(now * 1000), end: new Date((now + DAY) * 1000) });
  await as.investorA.subscribe({ offeringId: closed, amount: t("3") });
  await connection.networkHelpers.time.increase(2 * DAY);
  await as.issuer.closeOffering({ offeringId: closed });
  await as.investorA.claimOffering({ offeringId: closed });
  const later = await connection.networkHelpers.time.latest();
  const { offeringId: open } = await as.issuer.createOffering({ lotId: copper, ...terms, start: new Date(later * 1000), end: new Date((later + 30 * DAY) * 1000) });
  const kycExpiry = new Date((later + 365 * DAY) * 1000);
  const used = await as.compliance.signEligibility({ wallet: address.spareWallet, country: 276, investorClass: "accredited", kycExpiry, deadline: new Date((later + DAY) * 1000) });
  await as.spareWallet.submitEligibility(used);
  const expired = await as.compliance.signEligibility({ wallet: address.outsider, country: 276, investorClass: "accredited", kycExpiry, deadline: new Date((later + 60) * 1000) });
  await connection.networkHelpers.time.increase(120);
  return { platform, copper, closed, open, used, expired };
}

/** What a refused call must not change. */
async function snapshot(f: Fixture): Promise<string> {
  const { as, address, deployment, provider } = f.platform;
  const state: Record<string, unknown> = { block: await provider.request({ method: "eth_blockNumber" }) };
  for (const actor of ACTORS) {
    state[`nonce ${actor}`] = await provider.request({ method: "eth_getTransactionCount", params: [address[actor], "latest"] });
    state[`usd ${actor}`] = await as.admin.readContract({ address: deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "balanceOf", args: [address[actor]] });
    state[`units ${actor}`] = await as.admin.readContract({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [address[actor], f.copper] });
  }
  state.lot = await as.admin.getLot({ lotId: f.copper });
  for (const offeringId of [f.closed, f.open]) state[`offering ${offeringId}`] = await as.admin.getOffering({ offeringId, investor: address.investorA });
  return JSON.stringify(state, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** One bad call: the error class it must throw and the one line it must say. */
interface SdkCase {
  title: string;
  error: new (...args: never[]) => Error;
  /** For an InvalidArgumentError: the argument it names. */
  argument?: string;
  message: RegExp;
  call: (f: Fixture) => Promise<unknown>;
}

/** Passes a value the types forbid, as an untyped (JavaScript) caller could. */
const unsafe = <T>(value: unknown): T => value as T;

const CASES: SdkCase[] = [
  { title: "a malformed receiver address", error: InvalidArgumentError, argument: "to", message: /^Invalid to: expected a 0x-prefixed 20-byte hex address, got "0x1234"$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: unsafe("0x1234"), amount: t("1") }) },
  { title: "the zero address as receiver", error: InvalidArgumentError, argument: "to", message: /^Invalid to: expected a non-zero address, got "0x0{40}"$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: zeroAddress, amount: t("1") }) },
  { title: "a negative amount", error: InvalidArgumentError, argument: "amount", message: /^Invalid amount: expected a non-negative whole number of kg or a Quantity, got -1$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: -1n }) },
  { title: "a fractional base amount", error: InvalidArgumentError, argument: "amount", message: /^Invalid amount: expected a non-negative whole number of kg or a Quantity, got 1\.5$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: unsafe(1.5) }) },
  { title: "an amount that overflows a lot (2^128 kg)", error: InvalidArgumentError, argument: "amount", message: /^Invalid amount: expected a non-negative whole number of kg or a Quantity, got 340282366920938463463374607431768211456$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: 2n ** 128n }) },
  { title: "a zero amount", error: InvalidArgumentError, argument: "amount", message: /^Invalid amount: expected an amount greater than zero, got 0$/, call: (f) => f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorA, amount: 0n }) },
  { title: "a gold quantity for a copper lot (wrong mineral)", error: InvalidArgumentError, argument: "amount", message: /^Invalid amount: expected a quantity of copper, got "160\.754 ozt fine Au"$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: Quantity.parse(Commodity.Gold, "5 kg") }) },
  { title: "an unknown lot", error: ContractRevertError, message: /^Cannot read lot 999: Lot 999 does not exist$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: 999n, to: f.platform.address.investorB, amount: t("1") }) },
  { title: "a negative lot id", error: InvalidArgumentError, argument: "lotId", message: /^Invalid lotId: expected a positive integer lot id, got -1$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: -1n, to: f.platform.address.investorB, amount: t("1") }) },
  { title: "a mint beyond the attested quantity", error: ContractRevertError, message: /^Cannot mint 5,000\.000 t Cu of lot \d+: only .* remain unminted/, call: (f) => f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorA, amount: t("5000") }) },
  { title: "more units than the sender holds", error: ContractRevertError, message: /^Cannot transfer 500\.000 t Cu of lot \d+: 0x\w+\.\.\w+ holds 103\.000 t Cu of lot \d+, fewer than the 500\.000 t Cu asked for$/, call: (f) => f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("500") }) },
  { title: "a duplicate investor registration", error: ContractRevertError, message: /^Cannot register 0x\w{40} as an institutional investor of PE-604: 0x\w+\.\.\w+ is already registered, as investor 2$/, call: async (f) => f.platform.as.compliance.registerInvestor({ wallet: f.platform.address.investorA, country: 604, investorClass: "institutional", kycExpiry: new Date(Date.now() + 400 * DAY * 1000) }) },
  { title: "a KYC expiry in the past", error: InvalidArgumentError, argument: "kycExpiry", message: /^Invalid kycExpiry: expected a date after the chain's current time/, call: (f) => f.platform.as.compliance.registerInvestor({ wallet: f.platform.address.outsider, country: 276, investorClass: "retail", kycExpiry: new Date("2001-01-01") }) },
  { title: "an unknown investor class", error: InvalidArgumentError, argument: "investorClass", message: /^Invalid investorClass: expected one of retail, accredited, institutional, got "superhero"$/, call: (f) => f.platform.as.compliance.registerInvestor({ wallet: f.platform.address.outsider, country: 276, investorClass: unsafe("superhero"), kycExpiry: new Date(Date.now() + 400 * DAY * 1000) }) },
  { title: "a subscription without enough stablecoin", error: OfferingRefusedError, message: /^0x\w+\.\.\w+ holds 0\.00 USD, less than the 19,500\.00 USD that 2\.000 t Cu of offering \d+ costs$/, call: (f) => f.platform.as.investorD.subscribe({ offeringId: f.open, amount: t("2") }) },
  { title: "a subscription to a closed offering", error: OfferingRefusedError, message: /^Offering \d+ is closed \(succeeded\)$/, call: (f) => f.platform.as.investorB.subscribe({ offeringId: f.closed, amount: t("2") }) },
  { title: "a second claim", error: OfferingRefusedError, message: /^0x\w+\.\.\w+ already claimed from offering \d+$/, call: (f) => f.platform.as.investorA.claimOffering({ offeringId: f.closed }) },
  { title: "the offers of an unknown lot", error: ContractRevertError, message: /^Cannot read lot 999: Lot 999 does not exist$/, call: (f) => f.platform.as.investorA.listOffers({ lotId: 999n }) },
  { title: "the trade figures of an unknown lot", error: ContractRevertError, message: /^Cannot read lot 999: Lot 999 does not exist$/, call: (f) => f.platform.as.investorA.getTradeStats({ lotId: 999n }) },
  { title: "a trade period that is not a date", error: InvalidArgumentError, argument: "since", message: /^Invalid since: expected a valid date, got/, call: (f) => f.platform.as.investorA.getTradeStats({ lotId: f.copper, since: unsafe("last week") }) },
  { title: "a report's trade period that is not a date", error: InvalidArgumentError, argument: "tradesSince", message: /^Invalid tradesSince: expected a valid date, got/, call: (f) => f.platform.as.investorA.getLotReport({ lotId: f.copper, tradesSince: new Date(Number.NaN) }) },
  { title: "an unknown offering", error: MineralsError, message: /^Cannot read offering 77: Offering 77 does not exist$/, call: (f) => f.platform.as.investorA.subscribe({ offeringId: 77n, amount: t("2") }) },
  { title: "an expired eligibility statement (a signed permit past its deadline)", error: ContractRevertError, message: /^Cannot submit the eligibility of 0x\w{40}: The eligibility statement expired at \d{4}-/, call: (f) => f.platform.as.outsider.submitEligibility(f.expired) },
  { title: "a replayed eligibility statement", error: ContractRevertError, message: /^Cannot submit the eligibility of 0x\w{40}: The eligibility statement 0x\w+ was already used or was cancelled by a compliance officer$/, call: (f) => f.platform.as.spareWallet.submitEligibility(f.used) },
  { title: "an eligibility statement signed by an account without the COMPLIANCE role", error: ContractRevertError, message: /^Cannot submit the eligibility of 0x\w{40}: The eligibility statement was signed by 0x\w+\.\.\w+, which does not hold the COMPLIANCE role$/, call: async (f) => {
    const forged = await f.platform.as.investorA.signEligibility({ wallet: f.platform.address.outsider, country: 276, investorClass: "accredited", kycExpiry: new Date(Date.now() + 400 * DAY * 1000), deadline: new Date(Date.now() + 30 * DAY * 1000) });
    return f.platform.as.outsider.submitEligibility(forged);
  } },
  { title: "a call by an account without the role", error: ContractRevertError, message: /^Cannot mint 1\.000 t Cu of lot \d+: 0x\w+\.\.\w+ does not hold the ISSUER role$/, call: (f) => f.platform.as.investorA.mintUnits({ lotId: f.copper, to: f.platform.address.investorA, amount: t("1") }) },
  { title: "a deployment of another chain (wrong chain id)", error: DeploymentError, message: /^The deployment is for chain 11155111 but the RPC serves chain 31337\.$/, call: (f) => verifyDeployment(f.platform.as.admin, { ...f.platform.deployment, chainId: 11155111 }) },
  { title: "a stale deployment (its block is not on this chain)", error: DeploymentError, message: /^The deployment manifest for chain 31337 is stale: block 999999 is missing, .*run `minerals deploy` again\.$/, call: (f) => verifyDeployment(f.platform.as.admin, { ...f.platform.deployment, block: { ...f.platform.deployment.block, number: 999_999n } }) },
  { title: "a missing manifest", error: DeploymentError, message: /^No deployment for chain 31337: .* does not exist\. Run `minerals deploy` first\.$/, call: async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "minerals-no-manifest-"));
    try {
      return await readDeployment(31337, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } },
  { title: "a node that is not running", error: TransactionError, message: /^The chain at http:\/\/127\.0\.0\.1:9 does not answer \(fetch failed\): is its node running\?$/, call: (f) => {
    const offline = createWalletClient({ chain: hardhat, transport: http("http://127.0.0.1:9", { retryCount: 0 }), account: f.platform.address.investorA }).extend(mineralsActions(f.platform.deployment));
    return offline.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") });
  } },
  { title: "a client without an account", error: InvalidArgumentError, argument: "client", message: /^Invalid client: expected a viem client with an account/, call: (f) => {
    const readOnly = createWalletClient({ chain: hardhat, transport: custom(f.platform.provider) }).extend(mineralsActions(f.platform.deployment));
    return unsafe<{ transferUnits: (p: unknown) => Promise<unknown> }>(readOnly).transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") });
  } },
];

describe("bad input through the SDK: a typed error in one line, chain unchanged (in-process chain)", function () {
  const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(badInputFixture);

  it("has at least 25 cases", function () {
    expect(CASES).to.have.length.of.at.least(25);
  });

  it("a quantity finer than the unit's precision or in another mineral's unit is refused when parsed, before any call", function () {
    expect(() => Quantity.parse(Commodity.Copper, "0.0001 t")).to.throw(RangeError, /"0\.0001 t" \(t\) is not a whole number of kg of copper/);
    expect(() => Quantity.parse(Commodity.Copper, "5 ozt")).to.throw(/Unit "ozt" is not used for copper: write an amount of copper in t or kg/);
    expect(() => Quantity.parse(Commodity.Copper, "-5 t")).to.throw(SyntaxError, /Invalid quantity "-5 t"/);
  });

  for (const c of CASES) {
    it(`refuses ${c.title} with ${c.error.name}, changing nothing`, async function () {
      const f = await load();
      const before = await snapshot(f);
      const error = await rejection(c.call(f));
      expect(error, String(error)).to.be.instanceOf(c.error);
      const message = (error as MineralsError).shortMessage;
      if (process.env.SHOW_MESSAGES) console.log(`      ${message}`);
      expect(message.split("\n")).to.have.lengthOf(1);
      expect(message).to.match(c.message);
      if (c.argument) expect((error as InvalidArgumentError).argument).to.equal(c.argument);
      expect(await snapshot(f)).to.equal(before);
    });
  }
});
