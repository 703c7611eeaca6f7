/**
 * The investor-participation story `minerals demo` tells: a producer country's lots of five minerals, and investors
 * from several countries who take part in them through the platform, with every payment and every unit of metal
 * written in the demo's books (`DemoLedger`) and reconciled against the chain at the end.
 *
 *   1. The platform and its parties: roles, and six investors onboarded (one by a signed eligibility statement).
 *   2. Five lots registered, assayed, documented and attested; the tungsten lot moves to the port.
 *   3. An oversubscribed copper offering: one investor refused with the reason, pro-rata allocation, refunds.
 *   4. A gold offering that misses its soft cap: everyone refunded in full.
 *   5. Secondary trades, delivery versus payment: copper between two investors, tungsten from the issuer.
 *   6. Physical delivery of tungsten to an investor.
 *   7. The copper lot is sold: provisional and final payments, holders redeem and claim, the lot retires with one
 *      holder's share still claimable, which it then claims.
 *   8. Reconciliation: every stablecoin base unit and every unit of metal.
 */
import { createHash } from "node:crypto";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi, testStablecoinAbi } from "../../../src/abis.ts";
import { mineralsActions } from "../../../src/client.ts";
import { deployPlatform, type DeployPlatformReturnType } from "../../../src/actions/deploy/deployPlatform.ts";
import type { FormName, InvestorClassName } from "../../../src/domain.ts";
import type { MineralName } from "../../../src/deployment/manifest.ts";
import { DeliveryRefusedError, MineralsError, OfferingRefusedError } from "../../../src/index.ts";
import { Commodity, Money, Quantity, parseMass, percentToBps, percentToPpb } from "../../../src/units/index.ts";
import type { Connection } from "../context.ts";
import { DemoLedger } from "./ledger.ts";

/** A demo lot: its physical figures in the units the trade uses. */
export interface DemoLot {
  commodity: Commodity;
  form: FormName;
  origin: string;
  ref: string;
  wetMass: string;
  moisture: string;
  grade: string;
  payable: string;
  location: string;
}

/** ISO 3166-1 numeric 068: Bolivia, a producer of all five. */
export const COUNTRY = 68;

export const DEMO_LOTS: readonly DemoLot[] = [
  { commodity: Commodity.Copper, form: "concentrate", origin: "BO-CU-CORO-0042", ref: "WR-ARICA-2026-00042", wetMass: "10000 wmt", moisture: "8", grade: "26.5", payable: "96.5", location: "Arica bonded warehouse 3" },
  { commodity: Commodity.Gold, form: "dore", origin: "BO-AU-TIPUANI-07", ref: "DORE-BARS-TP07-1-4", wetMass: "25 kg", moisture: "0", grade: "91.25", payable: "99.5", location: "El Alto vault 1" },
  { commodity: Commodity.Tungsten, form: "concentrate", origin: "BO-W-CHOJLLA-03", ref: "BAGS-CHJ-2026-0310-0410", wetMass: "100 wmt", moisture: "1", grade: "65", payable: "100", location: "Oruro warehouse 2" },
  { commodity: Commodity.Antimony, form: "regulus", origin: "BO-SB-VINTO-11", ref: "WR-VINTO-2026-118", wetMass: "50 t", moisture: "0", grade: "99.65", payable: "100", location: "Vinto smelter yard" },
  { commodity: Commodity.RareEarths, form: "concentrate", origin: "BO-REE-CERRO-01", ref: "WR-POTOSI-2026-0007", wetMass: "200 wmt", moisture: "5", grade: "60", payable: "90", location: "Potosi warehouse 5" },
];

/** Every party of the story, by the account index the README's step-by-step commands use. */
export interface DemoParties {
  issuer: Address;
  assayer: Address;
  custodian: Address;
  portCustodian: Address;
  investorA: Address;
  investorB: Address;
  officer: Address;
  pauser: Address;
  investorC: Address;
  investorD: Address;
  investorE: Address;
  investorF: Address;
  spareWallet: Address;
  stranger: Address;
}

export const PARTY_ORDER = ["issuer", "assayer", "custodian", "portCustodian", "investorA", "investorB", "officer", "pauser", "investorC", "investorD", "investorE", "investorF", "spareWallet", "stranger"] as const;

/** What the story leaves on chain, for the reports, the web page and the tests. */
export interface DemoResult {
  deployment: DeployPlatformReturnType;
  parties: DemoParties;
  lots: { copper: bigint; gold: bigint; tungsten: bigint; antimony: bigint; rareEarths: bigint; all: bigint[] };
  offerings: { copper: bigint; gold: bigint };
  ledger: DemoLedger;
  reconciliation: string[];
}

type Sdk = ReturnType<typeof sdkFor>;

/**
 * Registers a demo lot and brings it to the warehouse through the SDK, each step by its own party: the issuer
 * registers it, the assayer records the assay and its certificate's hash, the custodian attests the payable quantity.
 */
export async function registerDemoLot(
  sdks: { issuer: Sdk; assayer: Sdk; custodian: Sdk },
  lot: DemoLot,
  custodian: Address,
  issuedAt: Date,
): Promise<{ lotId: bigint; payable: Quantity }> {
  const figures = { wetMassGrams: parseMass(lot.wetMass), moistureBps: percentToBps(lot.moisture), gradePpb: percentToPpb(lot.grade), payableBps: percentToBps(lot.payable) };
  const { lotId } = await sdks.issuer.registerLot({ commodity: lot.commodity, form: lot.form, countryCode: COUNTRY, originId: lot.origin, externalRef: lot.ref, ...figures, custodian, location: lot.location });
  const assay = await sdks.assayer.recordAssay({ lotId, moistureBps: figures.moistureBps, gradePpb: figures.gradePpb, payableBps: figures.payableBps });
  const certificate = `Assay certificate, lot ${lotId}, ${lot.ref}: ${lot.grade}% dry, ${lot.moisture}% H2O (demo)`;
  await sdks.assayer.addDocument({ lotId, docType: "assay-certificate", sha256: sha256(certificate), uri: `ipfs://demo-assay-certificates/${lotId}`, issuedAt });
  await sdks.custodian.attestCustody({ lotId, quantity: assay.payable, location: lot.location });
  return { lotId, payable: assay.payable };
}
function sdkFor(connection: Connection, deployment: DeployPlatformReturnType, account: Address) {
  return connection.clientFor(account).extend(mineralsActions(deployment));
}

/** Moves the chain's clock forward (Hardhat and Anvil both answer `evm_increaseTime`), then mines a block. */
export async function advanceChainTime(connection: Connection, seconds: number): Promise<void> {
  const request = connection.client.request as (args: { method: string; params?: unknown[] }) => Promise<unknown>;
  try {
    await request({ method: "evm_increaseTime", params: [seconds] });
    await request({ method: "evm_mine", params: [] });
  } catch (error) {
    throw new MineralsError(`The demo moves the chain's clock forward (offering windows, notice periods), which this chain refuses: ${(error as Error).message.split("\n")[0]}. Run it on Hardhat's in-process chain, a hardhat node or anvil.`);
  }
}

const DAY = 86_400;
const usd = (text: string): Money => Money.parseUsd(text);
const sha256 = (text: string) => `0x${createHash("sha256").update(text).digest("hex")}` as const;

/**
 * Runs the whole story on `connection`, printing each step with `log`; returns what it built. Throws a
 * `ReconciliationError` (and so fails the demo) if any stablecoin base unit or unit of metal is not where the
 * books say.
 */
export async function runDemoStory(connection: Connection, parties: DemoParties, log: (line: string) => void, onDeployed?: (deployment: DeployPlatformReturnType) => Promise<void>): Promise<DemoResult> {
  const p = parties;
  const ledger = new DemoLedger();
  const labels: [Address, string][] = [
    [p.issuer, "issuer (treasury)"], [p.investorA, "A (Chile)"], [p.investorB, "B (USA)"], [p.investorC, "C (Pakistan)"],
    [p.investorD, "D (Peru)"], [p.investorE, "E (Germany)"], [p.investorF, "F (Japan)"],
  ];
  for (const [address, label] of labels) ledger.name(address, label);

  // ------------------------------------------------------------------ 1. the platform and its parties
  log("1. The platform and its parties");
  const deployment = await deployPlatform(connection.clientFor(p.issuer), {
    roles: { issuer: [p.issuer], assayer: [p.assayer], custodian: [p.custodian, p.portCustodian], compliance: [p.officer], pauser: [p.pauser], treasury: [p.issuer] },
    // Investors pay in a stablecoin anyone can mint: on a local chain or a testnet only (deployPlatform refuses others).
    testStablecoin: true,
  });
  const c = deployment.contracts;
  log(`  Deployed the lot registry ${c.LotRegistry}, the units token ${c.LotToken}, the investor registrar ${c.InvestorRegistrar},`);
  log(`  the offerings ${c.LotOfferings}, the trades ${c.LotTrades} and the test stablecoin ${c.TestStablecoin} (6 decimals, USD)`);
  ledger.name(c.LotOfferings!, "offerings escrow");
  ledger.name(c.LotTrades!, "trades contract");
  if (onDeployed) await onDeployed(deployment);

  const as = (account: Address): Sdk => sdkFor(connection, deployment, account);
  const issuer = as(p.issuer);
  const officer = as(p.officer);
  const chainNow = async () => Number((await connection.client.getBlock()).timestamp);
  const now = new Date((await chainNow()) * 1000);
  const kycExpiry = new Date(now.getTime() + 365 * DAY * 1000);

  // No names on chain: a country, an investor class and a KYC expiry per wallet.
  const onboard: [Address, number, InvestorClassName][] = [
    [p.issuer, COUNTRY, "institutional"], [p.investorA, 152, "accredited"], [p.investorB, 840, "institutional"],
    [p.investorC, 586, "accredited"], [p.investorD, 604, "retail"], [p.investorF, 392, "institutional"],
  ];
  for (const [wallet, country, investorClass] of onboard) {
    await officer.registerInvestor({ wallet, country, investorClass, kycExpiry });
    log(`  Onboarded ${ledger.label(wallet).padEnd(18)} ${wallet}: ${investorClass}, country ${String(country).padStart(3, "0")}`);
  }
  // E onboards itself with a statement the compliance officer signed off chain: the issuer pays no gas for it.
  const statement = await officer.signEligibility({ wallet: p.investorE, country: 276, investorClass: "accredited", kycExpiry, deadline: new Date(now.getTime() + 3600_000) });
  await as(p.investorE).submitEligibility(statement);
  log(`  Onboarded ${ledger.label(p.investorE).padEnd(18)} ${p.investorE}: accredited, country 276, by a signed eligibility statement`);

  const funds: [Address, string][] = [
    [p.investorA, "8,000,000 USD"], [p.investorB, "8,000,000 USD"], [p.investorC, "1,000,000 USD"],
    [p.investorD, "1,000,000 USD"], [p.investorE, "5,000,000 USD"], [p.investorF, "3,000,000 USD"],
  ];
  for (const [wallet, amount] of funds) {
    const { minted } = await issuer.mintTestStablecoin({ to: wallet, amount: usd(amount) });
    ledger.issueMoney(wallet, minted);
  }
  log(`  Each investor holds test stablecoin: ${funds.map(([w, a]) => `${ledger.label(w).split(" ")[0]} ${a.replace(" USD", "")}`).join(", ")} USD\n`);

  // ------------------------------------------------------------------ 2. the lots
  log("2. Five lots from Bolivia, each assayed, documented and attested by its custodian");
  const lotIds: bigint[] = [];
  const custodian = as(p.custodian);
  for (const lot of DEMO_LOTS) {
    const { lotId, payable } = await registerDemoLot({ issuer, assayer: as(p.assayer), custodian }, lot, p.custodian, now);
    ledger.lot(lotId, lot.commodity);
    log(`  Lot ${lotId}: ${lot.wetMass} ${lot.form} at ${lot.grade}% -> payable ${payable.format()}, attested at ${lot.location}`);
    lotIds.push(lotId);
  }
  const [copper, gold, tungsten, antimony, rareEarths] = lotIds as [bigint, bigint, bigint, bigint, bigint];
  await custodian.dispatchLot({ lotId: tungsten, toCustodian: p.portCustodian, destination: "Port of Arica" });
  const dispatched = await issuer.getLot({ lotId: tungsten });
  const arrived = await as(p.portCustodian).confirmArrival({ lotId: tungsten, location: "Arica port warehouse 1", quantity: dispatched.attested });
  log(`  Lot ${tungsten} moved Oruro -> Arica: the port custodian counted and attested ${arrived.attested.format()} on arrival`);
  // The issuer keeps the lots nobody is offered on its own books, as units.
  for (const lotId of [tungsten, antimony, rareEarths]) {
    const lot = await issuer.getLot({ lotId });
    await issuer.mintUnits({ lotId, to: p.issuer, amount: lot.mintable });
    ledger.mintUnits(lotId, p.issuer, lot.mintable);
  }
  log(`  The issuer minted lots ${tungsten}, ${antimony} and ${rareEarths} to its own treasury\n`);

  // ------------------------------------------------------------------ 3. the copper offering
  const cu = (text: string) => Quantity.parse(Commodity.Copper, text);
  log(`3. Copper offering: lot ${copper} to accredited investors from six countries, at 9,750 USD per t`);
  await officer.setAllowedCountries({ lotId: copper, countries: [COUNTRY, 152, 840, 276, 392, 604], allowed: true });
  await officer.setLotRules({ lotId: copper, minClass: "accredited", restrictCountries: true, maxHolders: 10, minHolding: cu("1 t") });
  const opens = await chainNow();
  const copperTerms = { minTicket: cu("10 t"), maxTicket: cu("800 t"), softCap: cu("500 t"), hardCap: cu("1500 t") };
  const { offeringId: copperOffering } = await issuer.createOffering({
    lotId: copper, price: "9,750 USD", treasury: p.issuer, start: new Date(opens * 1000), end: new Date((opens + 7 * DAY) * 1000), ...copperTerms,
  });
  log(`  Offering ${copperOffering}: tickets 10 t to 800 t, soft cap 500 t, hard cap 1,500 t, open for 7 days`);
  const requests: [Address, string, "approve" | "permit"][] = [
    [p.investorA, "800 t", "approve"], [p.investorB, "700 t", "permit"], [p.investorE, "400 t", "permit"], [p.investorF, "300 t", "approve"],
  ];
  const requested = new Map<Address, Quantity>();
  for (const [investor, amount, payWith] of requests) {
    const { payment } = await as(investor).subscribe({ offeringId: copperOffering, amount: cu(amount), payWith });
    ledger.pay(investor, c.LotOfferings!, payment);
    requested.set(investor, cu(amount));
    log(`  ${ledger.label(investor).padEnd(12)} subscribes ${cu(amount).format().padStart(14)} ${payWith === "permit" ? "(permit, one transaction)" : "(approval, then subscribe)"} and escrows ${payment.format()}`);
  }
  const reduced = await as(p.investorB).reduceSubscription({ offeringId: copperOffering, amount: cu("600 t") });
  ledger.pay(c.LotOfferings!, p.investorB, reduced.refund);
  requested.set(p.investorB, cu("600 t"));
  log(`  B (USA)      reduces its request to 600.000 t Cu before the close: ${reduced.refund.format()} back at once`);
  for (const refused of [p.investorC, p.investorD]) {
    try {
      await as(refused).subscribe({ offeringId: copperOffering, amount: cu("100 t") });
      throw new MineralsError(`${ledger.label(refused)} was not refused: the copper lot's rules should refuse it`);
    } catch (error) {
      if (!(error instanceof OfferingRefusedError)) throw error;
      log(`  ${ledger.label(refused).padEnd(12)} is refused before anything is sent: ${error.shortMessage}`);
    }
  }
  await advanceChainTime(connection, 7 * DAY);
  const closed = await issuer.closeOffering({ offeringId: copperOffering });
  log(`  The window ends; the issuer closes: ${closed.totalRequested.format()} requested for a hard cap of ${copperTerms.hardCap.format()},`);
  log(`  so each investor is allocated ${copperTerms.hardCap.format()} / ${closed.totalRequested.format()} of its request, rounded down to the kg`);
  ledger.mintUnits(copper, c.LotOfferings!, closed.unitsMinted);
  const totalRequested = [...requested.values()].reduce((sum, q) => sum + q.base, 0n);
  for (const [investor, asked] of requested) {
    const claim = await as(investor).claimOffering({ offeringId: copperOffering });
    // The allocation by the offering's terms, computed here: pro rata, rounded down to the base unit (kg).
    const expected = (asked.base * copperTerms.hardCap.base) / totalRequested;
    if (claim.units.base !== expected) throw new MineralsError(`${ledger.label(investor)} was allocated ${claim.units.format()}, but pro rata it is ${Quantity.fromBase(Commodity.Copper, expected).format()}`);
    ledger.moveUnits(copper, c.LotOfferings!, investor, claim.units);
    ledger.pay(c.LotOfferings!, investor, claim.refund);
    log(`  ${ledger.label(investor).padEnd(12)} claims ${claim.units.format().padStart(14)} and a refund of ${claim.refund.format()}`);
  }
  const paidOut = await issuer.withdrawOfferingProceeds({ offeringId: copperOffering });
  ledger.pay(c.LotOfferings!, p.issuer, paidOut.amount);
  log(`  The offering pays the issuer's treasury ${paidOut.amount.format()} for the units delivered`);
  // The rest of the lot to the issuer's treasury first: the rounding it then takes back joins a holding above the minimum.
  const rest = (await issuer.getLot({ lotId: copper })).mintable;
  await issuer.mintUnits({ lotId: copper, to: p.issuer, amount: rest });
  ledger.mintUnits(copper, p.issuer, rest);
  const dust = await issuer.withdrawOfferingUnits({ offeringId: copperOffering, to: p.issuer });
  ledger.moveUnits(copper, c.LotOfferings!, p.issuer, dust.units);
  log(`  The issuer mints the rest of the lot, ${rest.format()}, to its treasury and takes back the ${dust.units.format()} the rounding left\n`);

  // ------------------------------------------------------------------ 4. the gold offering
  // Fine gold is counted in mg; an ozt is 31,103.4768 mg, so tickets are written in kg, which are exact.
  const au = (text: string) => Quantity.parse(Commodity.Gold, text);
  const kgAu = (q: Quantity) => `${q.format("kg")} (${q.format()})`;
  log(`4. Gold offering: lot ${gold} at 3,350 USD per ozt, soft cap 15 kg of fine gold`);
  const goldOpens = await chainNow();
  const { offeringId: goldOffering } = await issuer.createOffering({
    lotId: gold, price: "3,350 USD", treasury: p.issuer, start: new Date(goldOpens * 1000), end: new Date((goldOpens + 3 * DAY) * 1000),
    minTicket: au("0.5 kg"), maxTicket: au("10 kg"), softCap: au("15 kg"), hardCap: au("22 kg"),
  });
  const goldBuyers: [Address, string][] = [[p.investorA, "5 kg"], [p.investorE, "3 kg"], [p.investorD, "0.6 kg"]];
  for (const [investor, amount] of goldBuyers) {
    const { payment } = await as(investor).subscribe({ offeringId: goldOffering, amount: au(amount), payWith: "permit" });
    ledger.pay(investor, c.LotOfferings!, payment);
    log(`  ${ledger.label(investor).padEnd(12)} subscribes ${kgAu(au(amount))} with a permit and escrows ${payment.format()}`);
  }
  await advanceChainTime(connection, 3 * DAY);
  const goldClosed = await issuer.closeOffering({ offeringId: goldOffering });
  log(`  Closed: ${kgAu(goldClosed.totalRequested)} requested, below the 15 kg soft cap: the offering ${goldClosed.state}, nothing is minted`);
  for (const [investor] of goldBuyers) {
    const claim = await as(investor).claimOffering({ offeringId: goldOffering });
    ledger.pay(c.LotOfferings!, investor, claim.refund);
    log(`  ${ledger.label(investor).padEnd(12)} takes back every cent: ${claim.refund.format()}`);
  }
  const goldLot = await issuer.getLot({ lotId: gold });
  await issuer.mintUnits({ lotId: gold, to: p.issuer, amount: goldLot.mintable });
  ledger.mintUnits(gold, p.issuer, goldLot.mintable);
  log(`  The issuer keeps the gold on its books: ${kgAu(goldLot.mintable)} minted to its treasury\n`);

  // ------------------------------------------------------------------ 5. secondary trades
  log("5. Secondary trades, delivery versus payment: units and stablecoin change hands in one transaction");
  const trade = async (seller: Address, buyer: Address, lotId: bigint, amount: Quantity, price: Money) => {
    const expiry = new Date(((await chainNow()) + DAY) * 1000);
    const { offerId } = await as(seller).offerUnits({ lotId, amount, price, buyer, expiry });
    const taken = await as(buyer).takeOffer({ offerId, payWith: "permit" });
    ledger.moveUnits(lotId, seller, buyer, taken.received);
    ledger.pay(buyer, seller, taken.paid);
    log(`  ${ledger.label(seller)} offers ${amount.format()} to ${ledger.label(buyer)} for ${price.format()}; ${ledger.label(buyer)} takes it: both legs or neither`);
  };
  await trade(p.investorA, p.investorB, copper, cu("100 t"), usd("1,010,000 USD"));
  const mtu = (text: string) => Quantity.parse(Commodity.Tungsten, text);
  await trade(p.issuer, p.investorA, tungsten, mtu("500 mtu"), usd("172,500 USD"));
  await trade(p.issuer, p.investorF, tungsten, mtu("200 mtu"), usd("69,000 USD"));
  log("");

  log("Who holds what now, by the demo's books (checked against the chain at the end):");
  log(ledger.holdingsTable());
  log("");

  const story: StoryContext = { connection, deployment, parties: p, ledger, as, log, chainNow, lots: { copper, gold, tungsten } };
  await settleAndDeliver(story);

  log("Who holds what at the end, by the demo's books:");
  log(ledger.holdingsTable());
  log("");

  // The market today: the local feeds publish fresh prices, so the reports value every lot.
  for (const [commodity, price] of TODAY_PRICES) await issuer.updatePrice({ commodity, usd: price });

  // 8. Reconciliation: a difference throws here; the caller prints the lines (the demo ends with them).
  const reconciliation = await reconcile(story);

  return {
    deployment,
    parties: p,
    lots: { copper, gold, tungsten, antimony, rareEarths, all: lotIds },
    offerings: { copper: copperOffering, gold: goldOffering },
    ledger,
    reconciliation,
  };
}

/** Prices the local feeds publish at the end of the story, USD per market unit. */
const TODAY_PRICES: readonly [MineralName, string][] = [["copper", "9900.00"], ["gold", "3400.00"], ["tungsten", "610.00"], ["antimony", "51500.00"], ["rare earths", "12.75"]];

/** Reads what the ledger compares: balances straight from the token and the stablecoin, lots through the SDK. */
function reconcile(story: StoryContext): Promise<string[]> {
  const { client } = story.connection;
  const c = story.deployment.contracts;
  const sdk = story.as(story.parties.issuer);
  return story.ledger.reconcile({
    money: (owner) => readContract(client, { address: c.TestStablecoin!, abi: testStablecoinAbi, functionName: "balanceOf", args: [owner] }),
    moneySupply: () => readContract(client, { address: c.TestStablecoin!, abi: testStablecoinAbi, functionName: "totalSupply" }),
    units: (lotId, owner) => readContract(client, { address: c.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [owner, lotId] }),
    lot: async (lotId) => {
      const lot = await sdk.getLot({ lotId });
      return { outstanding: lot.outstanding.base, minted: lot.minted.base, burned: lot.burned.base, attested: lot.attested.base, delivered: lot.delivered.base };
    },
  });
}

/** What the later acts need from the first ones. */
export interface StoryContext {
  connection: Connection;
  deployment: DeployPlatformReturnType;
  parties: DemoParties;
  ledger: DemoLedger;
  as: (account: Address) => Sdk;
  log: (line: string) => void;
  chainNow: () => Promise<number>;
  lots: { copper: bigint; gold: bigint; tungsten: bigint };
}

/** Acts 6 and 7: delivery of tungsten, and the sale and retirement of the copper lot. */
async function settleAndDeliver(story: StoryContext): Promise<void> {
  await deliverTungsten(story);
  await sellCopper(story);
}

/**
 * Act 7: the copper lot is sold. Trading stops; the treasury deposits a provisional and then a final payment; holders
 * redeem their units into the proceeds vault and claim, some between the payments; the dust is swept; after the
 * notice period the lot retires with F's share unclaimed, and F claims it afterwards. Each holder's total is checked
 * against its share computed here: units x total paid / units entitled, rounded down, never more.
 */
async function sellCopper(story: StoryContext): Promise<void> {
  const { parties: p, ledger, as, log, connection } = story;
  const lotId = story.lots.copper;
  const vault = story.deployment.contracts.ProceedsVault!;
  ledger.name(vault, "proceeds vault");
  const issuer = as(p.issuer);
  const cu = (text: string) => Quantity.parse(Commodity.Copper, text);
  log(`7. Lot ${lotId} is sold to a refinery: its holders are paid their share of the proceeds`);
  await issuer.startSettlement({ lotId, saleRef: "SALE-CU-0042-REFINERY", treasury: p.issuer });
  const stopped = await as(p.investorA).checkTransfer({ from: p.investorA, to: p.investorB, lotId, amount: cu("10 t") });
  log(`  Settlement starts and trading stops. A -> B, 10 t, now: ${stopped.message}`);
  const entitled = new Map(ledger.holders(lotId).map((holder) => [holder, ledger.unitsOf(lotId, holder)]));
  const supply = [...entitled.values()].reduce((sum, units) => sum + units, 0n);

  const refinery = async (amount: Money, final: boolean, why: string) => {
    // The refinery's payment reaches the treasury: on a test chain, minted as test stablecoin.
    const { minted } = await issuer.mintTestStablecoin({ to: p.issuer, amount });
    ledger.issueMoney(p.issuer, minted);
    const r = await issuer.depositProceeds({ lotId, amount, final });
    ledger.pay(p.issuer, vault, r.deposited);
    log(`  The refinery pays ${r.deposited.format()} (${why}); the treasury deposits it in the proceeds vault: ${r.total.format()} in all${final ? ", final" : ""}`);
  };
  const paid = new Map<string, bigint>();
  const claim = async (holder: Address, when: string) => {
    const r = await as(holder).claimProceeds({ lotId });
    ledger.burnUnits(lotId, holder, r.redeemed);
    ledger.pay(vault, holder, r.paid);
    paid.set(holder.toLowerCase(), (paid.get(holder.toLowerCase()) ?? 0n) + r.paid.base);
    const redeemed = r.redeemed.base === 0n ? "" : `redeems ${r.redeemed.format()} and `;
    log(`  ${ledger.label(holder).padEnd(18)} ${redeemed}claims ${r.paid.format()}${when}`);
  };

  await refinery(usd("20,919,941.64 USD"), false, "provisional: 90% of 2,352.670 t at 9,880 USD on the provisional invoice");
  await claim(p.investorA, " (its share of the provisional payment)");
  await claim(p.investorB, " (its share of the provisional payment)");
  await refinery(usd("2,281,212.37 USD"), true, "final, after the umpire assay");
  for (const holder of [p.investorA, p.investorB, p.investorE, p.issuer]) await claim(holder, "");
  if ((await issuer.getProceeds({ lotId })).sweepable.base > 0n) {
    const { swept } = await issuer.sweepDust({ lotId });
    ledger.pay(vault, p.issuer, swept);
    log(`  Rounding dust no holder can ever claim, ${swept.format()}, is swept to the treasury`);
  }

  const before = await issuer.getProceeds({ lotId });
  const wait = Math.max(0, Math.ceil(((before.retirableAt?.getTime() ?? 0) - before.now.getTime()) / 1000)) + 1;
  await advanceChainTime(connection, wait);
  await issuer.retireLot({ lotId });
  const late = await issuer.getProceeds({ lotId, holder: p.investorF });
  log(`  After the notice period the issuer retires lot ${lotId}; F has not claimed, and its ${late.position!.claimable.format()} stays claimable`);
  await claim(p.investorF, " after the retirement");

  // Each holder's share, computed here: its units x what was paid in / the units entitled, rounded down.
  const total = before.deposited.base;
  for (const [holder, units] of entitled) {
    const share = (units * total) / supply;
    const got = paid.get(holder.toLowerCase()) ?? 0n;
    if (got > share || share - got > 1n) {
      throw new MineralsError(`${ledger.label(holder)} was paid ${Money.fromBase(got).format()} for ${Quantity.fromBase(Commodity.Copper, units).format()}, but its share is ${Money.fromBase(share).format()}`);
    }
  }
  log(`  Every holder was paid its units x ${before.deposited.format()} / ${Quantity.fromBase(Commodity.Copper, supply).format()}, rounded down, to within one base unit\n`);
}

/** Act 6: an investor takes metal out of the warehouse instead of holding units; another's request is rejected. */
async function deliverTungsten(story: StoryContext): Promise<void> {
  const { parties: p, ledger, as, log } = story;
  const lotId = story.lots.tungsten;
  const escrow = story.deployment.contracts.DeliveryEscrow!;
  ledger.name(escrow, "delivery escrow");
  const mtu = (text: string) => Quantity.parse(Commodity.Tungsten, text);
  log(`6. Physical delivery of tungsten concentrate from lot ${lotId} at the port`);
  const { minimum } = await as(p.issuer).setMinimumDelivery({ lotId, minimum: mtu("100 mtu") });
  log(`  The issuer offers delivery of lot ${lotId} from ${minimum.format()} (a part of a bag is not delivered)`);
  try {
    await as(p.investorF).requestDelivery({ lotId, amount: mtu("50 mtu"), instructionsRef: "DI-F-2026-0001" });
    throw new MineralsError("F's request below the minimum delivery was not refused");
  } catch (error) {
    if (!(error instanceof DeliveryRefusedError)) throw error;
    log(`  F (Japan)    asks for 50.0 mtu WO3 and is refused before anything is sent: ${error.shortMessage}`);
  }
  // The delivery instructions (consignee, address) stay off chain: only their reference is recorded.
  const byA = await as(p.investorA).requestDelivery({ lotId, amount: mtu("300 mtu"), instructionsRef: "DI-A-2026-0001" });
  ledger.moveUnits(lotId, p.investorA, escrow, byA.amount);
  log(`  A (Chile)    requests delivery of ${byA.amount.format()}: the units are locked in the delivery escrow (request ${byA.requestId})`);
  const byF = await as(p.investorF).requestDelivery({ lotId, amount: mtu("200 mtu"), instructionsRef: "DI-F-2026-0002" });
  ledger.moveUnits(lotId, p.investorF, escrow, byF.amount);
  log(`  F (Japan)    requests delivery of ${byF.amount.format()} (request ${byF.requestId})`);
  const port = as(p.portCustodian);
  const delivered = await port.confirmDelivery({ requestId: byA.requestId, deliveryRef: "HANDOVER-ARICA-0001" });
  ledger.burnUnits(lotId, escrow, delivered.amount);
  log(`  The port custodian hands A the bags and confirms: ${delivered.amount.format()} burned, as the metal left the warehouse`);
  const rejected = await port.rejectDelivery({ requestId: byF.requestId, reason: "export permit pending" });
  ledger.moveUnits(lotId, escrow, p.investorF, rejected.amount);
  log(`  It rejects F's request ("export permit pending"): ${rejected.amount.format()} back to F\n`);
}
