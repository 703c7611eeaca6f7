/**
 * The story `minerals demo` tells, and `minerals serve --present` plays act by act: Pakistan's lots of five minerals,
 * exported to a US refiner now and refined at home later, and investors from Pakistan and abroad who take part in them
 * through the platform, with every payment and every unit of metal written in the demo's books (`DemoLedger`) and
 * reconciled against the chain at the end, across processing. Each act is one function here over a `Story` (what the
 * acts before it built); acts.ts lists them in order with their narration, and data.ts holds the story's data.
 *
 *   1. The platform and its parties: roles, and six investors onboarded (one by a signed eligibility statement).
 *   2. Five lots registered, assayed (the gold in the copper concentrate too), documented and attested; the tungsten
 *      lot moves to the port.
 *   3. An oversubscribed copper offering: two investors refused with the reason, pro-rata allocation, refunds.
 *   4. A gold offering that misses its soft cap: everyone refunded in full.
 *   5. Secondary trades, delivery versus payment; a trade waits for a frozen account's review.
 *   6. The copper export is split into two vessels; the second is refined at home into cathode and gold bars; its
 *      holders are carried into every product.
 *   7. Physical delivery of tungsten to an investor.
 *   8. The first vessel is sold to the US refiner: provisional and final payments, holders redeem and claim, the lot
 *      retires with one holder's share still claimable, which it then claims.
 *   9. The books against the chain: today's prices, and every stablecoin base unit and every unit of metal.
 */
import { createHash } from "node:crypto";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { lotTokenAbi, testStablecoinAbi } from "../../../src/abis.ts";
import { mineralsActions } from "../../../src/client.ts";
import { deployPlatform, type DeployPlatformReturnType } from "../../../src/actions/deploy/deployPlatform.ts";
import { countryDisplay } from "../../../src/domain.ts";
import { DeliveryRefusedError, MineralsError, OfferingRefusedError, TradeRefusedError, type ProcessingOutput } from "../../../src/index.ts";
import { COMMODITIES, Commodity, Money, Quantity, formatFixed, parseCommodity, parseMass, percentToBps, percentToPpb } from "../../../src/units/index.ts";
import type { Connection } from "../context.ts";
import { COPPER_OFFERING, COUNTRY, DELIVERY, DEMO_INVESTORS, DEMO_LOTS, GOLD_OFFERING, PORT, PROCESSING, REVIEW, SALE, TODAY_PRICES, TRADES, producerCountry, type DemoInvestor, type DemoLot } from "./data.ts";
import { DemoLedger } from "./ledger.ts";
import { parseGrade } from "../processing.ts";

export { COUNTRY, DEMO_LOTS, type DemoLot } from "./data.ts";

/** Every party of the story, by the account index the guides' step-by-step commands use. */
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
  /** The refinery at home (REFINER role): refines lots into products at the recovery it attests. */
  refinery: Address;
  stranger: Address;
}

export const PARTY_ORDER = ["issuer", "assayer", "custodian", "portCustodian", "investorA", "investorB", "officer", "pauser", "investorC", "investorD", "investorE", "investorF", "refinery", "stranger"] as const;

/** What the story leaves on chain, for the reports, the web page and the tests. */
export interface DemoResult {
  deployment: DeployPlatformReturnType;
  parties: DemoParties;
  lots: { copper: bigint; gold: bigint; tungsten: bigint; antimony: bigint; rareEarths: bigint; vessels: [bigint, bigint]; cathode: bigint; goldBars: bigint; all: bigint[] };
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
  const certificate = demoCertificate(lotId, lot);
  await sdks.assayer.addDocument({ lotId, docType: "assay-certificate", sha256: sha256(certificate.content), uri: `ipfs://demo-assay-certificates/${certificate.file}`, issuedAt });
  for (const byProduct of lot.byProducts ?? []) await sdks.assayer.recordByProduct({ lotId, byProduct: byProduct.mineral, gradePpb: parseGrade(byProduct.grade) });
  await sdks.custodian.attestCustody({ lotId, quantity: assay.payable, location: lot.location });
  return { lotId, payable: assay.payable };
}
/**
 * The demo's assay certificate of a lot: the file the demo writes beside its reports, whose sha256 the assayer records
 * on chain and whose recorded uri ends in its file name (so `minerals passport verify --documents` finds it).
 */
export function demoCertificate(lotId: bigint, lot: DemoLot): { file: string; content: string } {
  const byProducts = (lot.byProducts ?? []).map((b) => `, ${COMMODITIES[b.mineral].name} ${b.grade}`).join("");
  return {
    file: `assay-certificate-lot-${lotId}.txt`,
    content: `Assay certificate, lot ${lotId}, ${lot.ref}, ${lot.origin}: ${lot.grade}% dry, ${lot.moisture}% H2O${byProducts} (illustrative, demo)\n`,
  };
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

/**
 * Days pass in the story (an offering's window): the clock moves forward, and the market's feeds publish their
 * prices again at the new time, as daily feeds do, so the page and reports keep valuing the lots in between acts.
 */
async function daysPass(story: StoryContext, days: number): Promise<void> {
  await advanceChainTime(story.connection, days * DAY);
  const issuer = story.as(story.parties.issuer);
  const prices = await issuer.getPrices({ maxAgeSeconds: Number.MAX_SAFE_INTEGER });
  for (const price of Object.values(prices)) {
    if (price.status === "missing") continue;
    const name = COMMODITIES[price.commodity].name as (typeof TODAY_PRICES)[number][0];
    await issuer.updatePrice({ commodity: name, usd: formatFixed(price.answer, price.decimals) });
  }
}
const sha256 = (text: string) => `0x${createHash("sha256").update(text).digest("hex")}` as const;

/** The story as it stands between acts: its parties and books, and what the acts so far have built. */
export interface Story {
  connection: Connection;
  parties: DemoParties;
  ledger: DemoLedger;
  /** Prints one line of the story (the CLI), or records it (the presenter). */
  log: (line: string) => void;
  /** Prints a table of the books (the CLI); the presenter shows the books itself and leaves it out. */
  logTable?: (table: string) => void;
  chainNow: () => Promise<number>;
  /** Called once the platform is deployed (the CLI writes the manifest of a node). */
  onDeployed?: (deployment: DeployPlatformReturnType) => Promise<void>;
  deployment?: DeployPlatformReturnType;
  lotIds: bigint[];
  lots: Partial<{ copper: bigint; gold: bigint; tungsten: bigint; antimony: bigint; rareEarths: bigint; vessels: [bigint, bigint]; cathode: bigint; goldBars: bigint }>;
  offerings: Partial<{ copper: bigint; gold: bigint }>;
  /** The lines of act 8, once the books reconciled. */
  reconciliation?: string[];
}

/** A story about to begin on `connection`: its parties named in the books, nothing built yet. */
export function newStory(connection: Connection, parties: DemoParties, log: (line: string) => void, options: { logTable?: (table: string) => void; onDeployed?: (deployment: DeployPlatformReturnType) => Promise<void> } = {}): Story {
  const ledger = new DemoLedger();
  ledger.name(parties.issuer, "issuer (treasury)");
  ledger.name(parties.refinery, "refinery");
  for (const investor of DEMO_INVESTORS) ledger.name(investorOf(parties, investor.letter), `${investor.letter} (${investor.countryName})`);
  return {
    connection,
    parties,
    ledger,
    log,
    ...(options.logTable ? { logTable: options.logTable } : {}),
    ...(options.onDeployed ? { onDeployed: options.onDeployed } : {}),
    chainNow: async () => Number((await connection.client.getBlock()).timestamp),
    lotIds: [],
    lots: {},
    offerings: {},
  };
}

/** The wallet of investor A to F, or the issuer's treasury. */
function investorOf(parties: DemoParties, letter: DemoInvestor["letter"] | "issuer"): Address {
  return letter === "issuer" ? parties.issuer : parties[`investor${letter}`];
}

/** The SDK signing as `account`, bound to the story's deployment. */
function sdkOf(story: Story, account: Address): Sdk {
  if (!story.deployment) throw new MineralsError("the story's platform is not deployed yet: act 1 comes first");
  return sdkFor(story.connection, story.deployment, account);
}

/** What the later acts need from the first two; refuses an act played before them. */
function ready(story: Story): StoryContext {
  const { deployment } = story;
  const { copper, gold, tungsten } = story.lots;
  if (!deployment || copper === undefined || gold === undefined || tungsten === undefined) throw new MineralsError("the story's lots are not registered yet: acts 1 and 2 come first");
  return { connection: story.connection, deployment, parties: story.parties, ledger: story.ledger, as: (a) => sdkOf(story, a), log: story.log, chainNow: story.chainNow, lots: { copper, gold, tungsten } };
}

/** Act 1: the platform is deployed and its investors onboarded and funded. */
export async function actPlatform(story: Story): Promise<void> {
  const { connection, parties: p, ledger, log } = story;
  const deployment = await deployPlatform(connection.clientFor(p.issuer), {
    roles: { issuer: [p.issuer], assayer: [p.assayer], custodian: [p.custodian, p.portCustodian], compliance: [p.officer], pauser: [p.pauser], treasury: [p.issuer], refiner: [p.refinery] },
    // Investors pay in a stablecoin anyone can mint: on a local chain or a testnet only (deployPlatform refuses others).
    testStablecoin: true,
  });
  story.deployment = deployment;
  const c = deployment.contracts;
  log(`  Deployed the lot registry ${c.LotRegistry}, the units token ${c.LotToken}, the investor registrar ${c.InvestorRegistrar},`);
  log(`  the offerings ${c.LotOfferings}, the trades ${c.LotTrades}, the processing ${c.LotProcessing} and the test stablecoin ${c.TestStablecoin} (6 decimals, USD)`);
  ledger.name(c.LotOfferings!, "offering escrow");
  ledger.name(c.LotProcessing!, "processing");
  ledger.name(c.LotTrades!, "trade escrow");
  if (story.onDeployed) await story.onDeployed(deployment);

  const as = (account: Address) => sdkOf(story, account);
  const issuer = as(p.issuer);
  const officer = as(p.officer);
  const now = new Date((await story.chainNow()) * 1000);
  const kycExpiry = new Date(now.getTime() + 365 * DAY * 1000);

  // No names on chain: a country, an investor class and a KYC expiry per wallet.
  await officer.registerInvestor({ wallet: p.issuer, country: COUNTRY, investorClass: "institutional", kycExpiry });
  log(`  Onboarded ${ledger.label(p.issuer).padEnd(18)} ${p.issuer}: institutional, ${countryDisplay(COUNTRY)}`);
  for (const investor of DEMO_INVESTORS.filter((i) => !i.bySignedStatement)) {
    const wallet = investorOf(p, investor.letter);
    await officer.registerInvestor({ wallet, country: investor.country, investorClass: investor.investorClass, kycExpiry });
    log(`  Onboarded ${ledger.label(wallet).padEnd(18)} ${wallet}: ${investor.investorClass}, ${countryDisplay(investor.country)}`);
  }
  // An investor onboards itself with a statement the compliance officer signed off chain: the issuer pays no gas for it.
  for (const investor of DEMO_INVESTORS.filter((i) => i.bySignedStatement)) {
    const wallet = investorOf(p, investor.letter);
    const statement = await officer.signEligibility({ wallet, country: investor.country, investorClass: investor.investorClass, kycExpiry, deadline: new Date(now.getTime() + 3600_000) });
    await as(wallet).submitEligibility(statement);
    log(`  Onboarded ${ledger.label(wallet).padEnd(18)} ${wallet}: ${investor.investorClass}, ${countryDisplay(investor.country)}, by a signed eligibility statement`);
  }
  for (const investor of DEMO_INVESTORS) {
    const { minted } = await issuer.mintTestStablecoin({ to: investorOf(p, investor.letter), amount: usd(investor.funds) });
    ledger.issueMoney(investorOf(p, investor.letter), minted);
  }
  const byLetter = [...DEMO_INVESTORS].sort((a, b) => a.letter.localeCompare(b.letter));
  log(`  Each investor holds test stablecoin: ${byLetter.map((i) => `${i.letter} ${i.funds.replace(" USD", "")}`).join(", ")} USD`);
}

/** Act 2: the producer's lots registered, assayed, documented and attested; one moves to the port; three minted to the issuer. */
export async function actLots(story: Story): Promise<void> {
  const { parties: p, ledger, log } = story;
  const as = (account: Address) => sdkOf(story, account);
  const issuer = as(p.issuer);
  const custodian = as(p.custodian);
  const now = new Date((await story.chainNow()) * 1000);
  for (const lot of DEMO_LOTS) {
    const { lotId, payable } = await registerDemoLot({ issuer, assayer: as(p.assayer), custodian }, lot, p.custodian, now);
    ledger.lot(lotId, lot.commodity);
    const carried = (lot.byProducts ?? []).map((b) => `, with ${COMMODITIES[b.mineral].name} at ${b.grade}`).join("");
    log(`  Lot ${lotId}: ${lot.wetMass} ${lot.form} from ${lot.origin}${carried} -> payable ${payable.format()}, attested at ${lot.location}`);
    story.lotIds.push(lotId);
  }
  const [copper, gold, tungsten, antimony, rareEarths] = story.lotIds as [bigint, bigint, bigint, bigint, bigint];
  story.lots = { copper, gold, tungsten, antimony, rareEarths };
  await custodian.dispatchLot({ lotId: tungsten, toCustodian: p.portCustodian, destination: PORT.name });
  const dispatched = await issuer.getLot({ lotId: tungsten });
  const arrived = await as(p.portCustodian).confirmArrival({ lotId: tungsten, location: PORT.warehouse, quantity: dispatched.attested });
  log(`  Lot ${tungsten} moved ${PORT.origin} -> ${PORT.name}: the port custodian counted and attested ${arrived.attested.format()} on arrival`);
  // The issuer keeps the lots nobody is offered on its own books, as units.
  for (const lotId of [tungsten, antimony, rareEarths]) {
    const lot = await issuer.getLot({ lotId });
    await issuer.mintUnits({ lotId, to: p.issuer, amount: lot.mintable });
    ledger.mintUnits(lotId, p.issuer, lot.mintable);
  }
  log(`  The issuer minted lots ${tungsten}, ${antimony} and ${rareEarths} to its own treasury`);
}

/** Act 3: an oversubscribed copper offering, allocated pro rata; two investors refused before anything is sent. */
export async function actCopperOffering(story: Story): Promise<void> {
  const { parties: p, ledger, log } = ready(story);
  const as = (account: Address) => sdkOf(story, account);
  const issuer = as(p.issuer);
  const officer = as(p.officer);
  const c = story.deployment!.contracts;
  const copper = story.lots.copper!;
  const cu = (text: string) => Quantity.parse(Commodity.Copper, text);
  const terms = COPPER_OFFERING;
  await officer.setAllowedCountries({ lotId: copper, countries: terms.countries, allowed: true });
  await officer.setLotRules({ lotId: copper, minClass: terms.minClass, restrictCountries: true, maxHolders: terms.maxHolders, minHolding: cu(terms.minHolding) });
  log(`  Lot ${copper}'s rules: ${terms.minClass} investors or above, of ${terms.countries.map((code) => countryDisplay(code).replace(/ \(.*\)$/, "")).join(", ")}; at most ${terms.maxHolders} holders`);
  const opens = await story.chainNow();
  const copperTerms = { minTicket: cu(terms.minTicket), maxTicket: cu(terms.maxTicket), softCap: cu(terms.softCap), hardCap: cu(terms.hardCap) };
  const { offeringId: copperOffering } = await issuer.createOffering({
    lotId: copper, price: terms.price, treasury: p.issuer, start: new Date(opens * 1000), end: new Date((opens + terms.days * DAY) * 1000), ...copperTerms,
  });
  story.offerings.copper = copperOffering;
  log(`  Offering ${copperOffering}: tickets ${copperTerms.minTicket.format()} to ${copperTerms.maxTicket.format()}, soft cap ${copperTerms.softCap.format()}, hard cap ${copperTerms.hardCap.format()}, open for ${terms.days} days`);
  const requested = new Map<Address, Quantity>();
  for (const [letter, amount, payWith] of terms.requests) {
    const investor = investorOf(p, letter);
    const { payment } = await as(investor).subscribe({ offeringId: copperOffering, amount: cu(amount), payWith });
    ledger.pay(investor, c.LotOfferings!, payment);
    requested.set(investor, cu(amount));
    log(`  ${ledger.label(investor).padEnd(12)} subscribes ${cu(amount).format().padStart(14)} ${payWith === "permit" ? "(permit, one transaction)" : "(approval, then subscribe)"} and escrows ${payment.format()}`);
  }
  const reduced = await as(p.investorB).reduceSubscription({ offeringId: copperOffering, amount: cu(terms.reduceB) });
  ledger.pay(c.LotOfferings!, p.investorB, reduced.refund);
  requested.set(p.investorB, cu(terms.reduceB));
  log(`  ${ledger.label(p.investorB).padEnd(12)} reduces its request to ${cu(terms.reduceB).format()} before the close: ${reduced.refund.format()} back at once`);
  for (const letter of terms.refused) {
    const refused = investorOf(p, letter);
    try {
      await as(refused).subscribe({ offeringId: copperOffering, amount: cu("100 t") });
      throw new MineralsError(`${ledger.label(refused)} was not refused: the copper lot's rules should refuse it`);
    } catch (error) {
      if (!(error instanceof OfferingRefusedError)) throw error;
      log(`  ${ledger.label(refused).padEnd(12)} is refused before anything is sent: ${error.shortMessage}`);
    }
  }
  await daysPass(ready(story), terms.days);
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
  log(`  The issuer mints the rest of the lot, ${rest.format()}, to its treasury and takes back the ${dust.units.format()} the rounding left`);
}

/** Act 4: a gold offering that misses its soft cap: nothing is minted and every payment comes back. */
export async function actGoldOffering(story: Story): Promise<void> {
  const { parties: p, ledger, log } = ready(story);
  const as = (account: Address) => sdkOf(story, account);
  const issuer = as(p.issuer);
  const c = story.deployment!.contracts;
  const gold = story.lots.gold!;
  const terms = GOLD_OFFERING;
  // Fine gold is counted in mg; an ozt is 31,103.4768 mg, so tickets are written in kg, which are exact.
  const au = (text: string) => Quantity.parse(Commodity.Gold, text);
  const kgAu = (q: Quantity) => `${q.format("kg", { decimals: 3 })} (${q.format()})`;
  const goldOpens = await story.chainNow();
  const { offeringId: goldOffering } = await issuer.createOffering({
    lotId: gold, price: terms.price, treasury: p.issuer, start: new Date(goldOpens * 1000), end: new Date((goldOpens + terms.days * DAY) * 1000),
    minTicket: au(terms.minTicket), maxTicket: au(terms.maxTicket), softCap: au(terms.softCap), hardCap: au(terms.hardCap),
  });
  story.offerings.gold = goldOffering;
  log(`  Offering ${goldOffering}: lot ${gold} at ${terms.price} per fine troy oz, soft cap ${kgAu(au(terms.softCap))}, open for ${terms.days} days`);
  const goldBuyers = terms.requests.map(([letter, amount]) => [investorOf(p, letter), amount] as const);
  for (const [investor, amount] of goldBuyers) {
    const { payment } = await as(investor).subscribe({ offeringId: goldOffering, amount: au(amount), payWith: "permit" });
    ledger.pay(investor, c.LotOfferings!, payment);
    log(`  ${ledger.label(investor).padEnd(12)} subscribes ${kgAu(au(amount))} with a permit and escrows ${payment.format()}`);
  }
  await daysPass(ready(story), terms.days);
  const goldClosed = await issuer.closeOffering({ offeringId: goldOffering });
  log(`  Closed: ${kgAu(goldClosed.totalRequested)} requested, below the ${terms.softCap} soft cap: the offering ${goldClosed.state}, nothing is minted`);
  for (const [investor] of goldBuyers) {
    const claim = await as(investor).claimOffering({ offeringId: goldOffering });
    ledger.pay(c.LotOfferings!, investor, claim.refund);
    log(`  ${ledger.label(investor).padEnd(12)} takes back every cent: ${claim.refund.format()}`);
  }
  const goldLot = await issuer.getLot({ lotId: gold });
  await issuer.mintUnits({ lotId: gold, to: p.issuer, amount: goldLot.mintable });
  ledger.mintUnits(gold, p.issuer, goldLot.mintable);
  log(`  The issuer keeps the gold on its books: ${kgAu(goldLot.mintable)} minted to its treasury`);
}

/** Act 5: secondary trades, delivery versus payment. */
export async function actTrades(story: Story): Promise<void> {
  const { parties: p, ledger, log } = ready(story);
  const as = (account: Address) => sdkOf(story, account);
  const lotOf = (commodity: Commodity): bigint => story.lotIds[DEMO_LOTS.findIndex((lot) => lot.commodity === commodity)]!;
  for (const t of TRADES) {
    const seller = investorOf(p, t.seller);
    const buyer = investorOf(p, t.buyer);
    const amount = Quantity.parse(t.mineral, t.amount);
    const price = usd(t.price);
    const expiry = new Date(((await story.chainNow()) + DAY) * 1000);
    const { offerId } = await as(seller).offerUnits({ lotId: lotOf(t.mineral), amount, price, buyer, expiry });
    if (t.buyer === REVIEW.investor) await frozenForReview(story, buyer, offerId);
    const taken = await as(buyer).takeOffer({ offerId, payWith: "permit" });
    ledger.moveUnits(lotOf(t.mineral), seller, buyer, taken.received);
    ledger.pay(buyer, seller, taken.paid);
    log(`  ${ledger.label(seller)} offers ${amount.format()} to ${ledger.label(buyer)} for ${price.format()}; ${ledger.label(buyer)} takes it: both legs or neither`);
  }
  story.logTable?.(`\nWho holds what now, by the demo's books (checked against the chain in act 8):\n${ledger.holdingsTable()}`);
}

/**
 * The compliance officer freezes `buyer`'s account for a review before it takes an offer: the take is refused with the
 * reason before anything is sent, and goes through once the review clears and the account is unfrozen.
 */
async function frozenForReview(story: Story, buyer: Address, offerId: bigint): Promise<void> {
  const { parties: p, ledger, log } = story;
  const officer = sdkOf(story, p.officer);
  await officer.freezeAccount({ account: buyer, frozen: true });
  try {
    await sdkOf(story, buyer).takeOffer({ offerId, payWith: "permit" });
    throw new MineralsError(`${ledger.label(buyer)} took an offer while its account was frozen`);
  } catch (error) {
    if (!(error instanceof TradeRefusedError)) throw error;
    log(`  The compliance officer freezes ${ledger.label(buyer)}'s account for a ${REVIEW.reason}; its take is refused before anything is sent: ${error.shortMessage}`);
  }
  await officer.freezeAccount({ account: buyer, frozen: false });
  log(`  The review clears and the officer lifts the freeze`);
}

/** Act 6: the copper export split into two vessels, the second refined at home; holders carried into every product. */
export async function actProcessing(story: Story): Promise<void> {
  await processCopper(ready(story), story);
}

/** Act 7: physical delivery of tungsten at the port. */
export async function actDelivery(story: Story): Promise<void> {
  await deliverTungsten(ready(story));
}

/** Act 8: the first vessel is sold to the US refiner and its holders paid. */
export async function actSale(story: Story): Promise<void> {
  const vessel = story.lots.vessels?.[0];
  if (vessel === undefined) throw new MineralsError("the copper export is not split yet: act 6 comes first");
  await sellCopper(ready(story), vessel);
  story.logTable?.(`\nWho holds what at the end, by the demo's books:\n${story.ledger.holdingsTable()}`);
}

/** Act 9: the market's prices of the day, and the books against the chain; a difference of one base unit throws. */
export async function actBooks(story: Story): Promise<void> {
  const context = ready(story);
  const issuer = context.as(context.parties.issuer);
  // The market today: the local feeds publish fresh prices, so the reports value every lot.
  for (const [commodity, price] of TODAY_PRICES) await issuer.updatePrice({ commodity, usd: price });
  story.log(`  The feeds publish today's prices: ${TODAY_PRICES.map(([mineral, price]) => `${mineral} ${Money.parseUsd(price).format()} ${COMMODITIES[parseCommodity(mineral)].priceQuote.replace(/^USD /, "")}`).join("; ")}`);
  story.reconciliation = await reconcile(context);
  for (const line of story.reconciliation) story.log(`  ${line}`);
}

/** What the whole story built, once its acts have run. */
export function storyResult(story: Story): DemoResult {
  const { copper, gold, tungsten, antimony, rareEarths, vessels, cathode, goldBars } = story.lots;
  if (
    !story.deployment ||
    copper === undefined ||
    gold === undefined ||
    tungsten === undefined ||
    antimony === undefined ||
    rareEarths === undefined ||
    vessels === undefined ||
    cathode === undefined ||
    goldBars === undefined
  ) {
    throw new MineralsError("the story has not been told to its end");
  }
  return {
    deployment: story.deployment,
    parties: story.parties,
    lots: { copper, gold, tungsten, antimony, rareEarths, vessels, cathode, goldBars, all: [...story.lotIds, ...vessels, cathode, goldBars] },
    offerings: { copper: story.offerings.copper!, gold: story.offerings.gold! },
    ledger: story.ledger,
    reconciliation: story.reconciliation ?? [],
  };
}

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

/** The producer country's name, for the acts' titles and narration. */
export const producer = producerCountry;

/**
 * Act 8: the first vessel of copper concentrate is sold to the US refiner. Trading stops; the treasury deposits a
 * provisional and then a final payment; holders redeem their units into the proceeds vault and claim, some between
 * the payments; the dust is swept; after the notice period the lot retires with F's share unclaimed, and F claims it
 * afterwards. Each holder's total is checked against its share computed here: units x total paid / units entitled,
 * rounded down, never more.
 */
export async function sellCopper(story: StoryContext, lotId: bigint): Promise<void> {
  const { parties: p, ledger, as, log, connection } = story;
  const vault = story.deployment.contracts.ProceedsVault!;
  ledger.name(vault, "proceeds vault");
  const issuer = as(p.issuer);
  const cu = (text: string) => Quantity.parse(Commodity.Copper, text);
  await issuer.startSettlement({ lotId, saleRef: SALE.saleRef, treasury: p.issuer });
  const stopped = await as(p.investorA).checkTransfer({ from: p.investorA, to: p.investorB, lotId, amount: cu("10 t") });
  log(`  Lot ${lotId} is sold (${SALE.saleRef}): settlement starts and trading stops. A -> B, 10 t, now: ${stopped.message}`);
  const entitled = new Map(ledger.holders(lotId).map((holder) => [holder, ledger.unitsOf(lotId, holder)]));
  const supply = [...entitled.values()].reduce((sum, units) => sum + units, 0n);

  const refinery = async (amount: Money, final: boolean, why: string) => {
    // The US refiner's payment reaches the treasury: on a test chain, minted as test stablecoin.
    const { minted } = await issuer.mintTestStablecoin({ to: p.issuer, amount });
    ledger.issueMoney(p.issuer, minted);
    const r = await issuer.depositProceeds({ lotId, amount, final });
    ledger.pay(p.issuer, vault, r.deposited);
    log(`  The US refiner pays ${r.deposited.format()} (${why}); the treasury deposits it in the proceeds vault: ${r.total.format()} in all${final ? ", final" : ""}`);
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

  await refinery(usd(SALE.provisional.amount), false, SALE.provisional.why);
  await claim(p.investorA, " (its share of the provisional payment)");
  await claim(p.investorB, " (its share of the provisional payment)");
  await refinery(usd(SALE.final.amount), true, SALE.final.why);
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
  log(`  Every holder was paid its units x ${before.deposited.format()} / ${Quantity.fromBase(Commodity.Copper, supply).format()}, rounded down, to within one base unit`);
}

/**
 * Act 6: the copper export is split into two vessels; every holder converts into its share of both; the second vessel
 * goes to the refinery at home, which refines it into cathode and recovers the gold it carried as bars; that vessel's
 * holders convert into both products. What each holder receives is computed here from the step's figures (its units x
 * each output's share of the consumed metal, on cumulative totals, rounded down) and checked against the chain.
 */
export async function processCopper(story: StoryContext, plot: Story): Promise<void> {
  const { parties: p, ledger, as, log } = story;
  const processing = story.deployment.contracts.LotProcessing!;
  const export_ = story.lots.copper;
  const cu = (text: string) => Quantity.parse(Commodity.Copper, text);
  const at = (custodian: Address, location: string) => ({ massGrams: 0n, gradePpb: 0n, custodian, location });
  const lot = await as(p.issuer).getLot({ lotId: export_ });
  const shipment = (v: (typeof PROCESSING.vessels)[number], custodian: Address): ProcessingOutput => {
    const quantity = cu(v.quantity);
    return { ...at(custodian, v.location), quantity, massGrams: (lot.wetMassGrams * quantity.base) / lot.attested.base, gradePpb: lot.gradePpb, externalRef: v.ref };
  };
  const split = await as(p.issuer).splitLot({ lotId: export_, outputs: [shipment(PROCESSING.vessels[0], p.portCustodian), shipment(PROCESSING.vessels[1], p.custodian)] });
  const vessels = split.outputs.map((o) => o.lotId) as [bigint, bigint];
  plot.lots.vessels = vessels;
  recordStep(ledger, processing, [export_], split.outputs);
  log(`  The export (lot ${export_}, ${split.consumed.format()}) is split into two vessels: lot ${vessels[0]} (${split.outputs[0]!.quantity.format()}) for the US refiner, lot ${vessels[1]} (${split.outputs[1]!.quantity.format()}) for the refinery at home`);
  await convertAll(story, export_, split.consumed.base, split.outputs);

  const purity = (text: string) => percentToPpb(text);
  const cathode = cu(PROCESSING.cathode.quantity);
  const gold = Quantity.parse(Commodity.Gold, PROCESSING.goldBars.quantity);
  const refined = await as(p.refinery).processLots({
    lotIds: [vessels[1]],
    product: { ...at(p.custodian, "Karachi refinery hub"), form: "cathode", quantity: cathode, massGrams: (cathode.base * 1_000n * 10_000n) / 9_999n, gradePpb: purity(PROCESSING.cathode.purity), externalRef: PROCESSING.cathode.ref },
    byProducts: [{ ...at(p.custodian, "Karachi refinery hub"), commodity: Commodity.Gold, form: "bar", quantity: gold, massGrams: gold.base / 1_000n + 1n, gradePpb: purity(PROCESSING.goldBars.purity), externalRef: PROCESSING.goldBars.ref }],
  });
  plot.lots.cathode = refined.outputs[0]!.lotId;
  plot.lots.goldBars = refined.outputs[1]!.lotId;
  recordStep(ledger, processing, [vessels[1]], refined.outputs);
  log(`  The refinery refines lot ${vessels[1]} into ${refined.outputs[0]!.quantity.format()} of cathode (lot ${refined.outputs[0]!.lotId}, ${refined.loss!.format()} lost in refining)`);
  log(`  and recovers ${refined.outputs[1]!.quantity.format()} of the gold the concentrate carried, as bars (lot ${refined.outputs[1]!.lotId})`);
  await convertAll(story, vessels[1], refined.consumed.base, refined.outputs);
}

/** The outputs of a step in the books: the lots, and the holders' part of each minted to the processing contract. */
function recordStep(ledger: DemoLedger, processing: Address, inputs: bigint[], outputs: { lotId: bigint; quantity: Quantity; toHolders: Quantity }[]): void {
  for (const o of outputs) {
    ledger.lot(o.lotId, o.quantity.commodity);
    ledger.mintUnits(o.lotId, processing, o.toHolders);
  }
  ledger.step(inputs, outputs.map((o) => ({ lotId: o.lotId, quantity: o.quantity })));
}

/**
 * Every holder of a consumed lot converts all its units, largest holding first; what it gets of each output is
 * computed here on cumulative totals (units converted so far x the output's quantity / the metal consumed, rounded
 * down, less the same before it converted) and must be what the chain delivered.
 */
async function convertAll(story: StoryContext, lotId: bigint, consumed: bigint, outputs: { lotId: bigint; quantity: Quantity }[]): Promise<void> {
  const { ledger, as, log } = story;
  const processing = story.deployment.contracts.LotProcessing!;
  let converted = 0n;
  for (const holder of ledger.holders(lotId)) {
    const units = ledger.unitsOf(lotId, holder);
    const r = await as(holder).convertUnits({ lotId });
    ledger.burnUnits(lotId, holder, r.converted);
    const parts: string[] = [];
    for (const [j, o] of outputs.entries()) {
      const expected = ((converted + units) * o.quantity.base) / consumed - (converted * o.quantity.base) / consumed;
      const got = r.outputs.find((d) => d.lotId === o.lotId)?.amount.base ?? 0n;
      if (got !== expected || r.outputs[j]?.held) {
        throw new MineralsError(`${ledger.label(holder)} received ${Quantity.fromBase(o.quantity.commodity, got).format()} of lot ${o.lotId}, but its share is ${Quantity.fromBase(o.quantity.commodity, expected).format()}`);
      }
      ledger.moveUnits(o.lotId, processing, holder, got);
      parts.push(`${Quantity.fromBase(o.quantity.commodity, got).format()} of lot ${o.lotId}`);
    }
    converted += units;
    log(`  ${ledger.label(holder).padEnd(18)} converts ${r.converted.format()} of lot ${lotId} into ${parts.join(" and ")}`);
  }
}

/** Act 7: an investor takes metal out of the warehouse instead of holding units; another's request is rejected. */
export async function deliverTungsten(story: StoryContext): Promise<void> {
  const { parties: p, ledger, as, log } = story;
  const lotId = story.lots.tungsten;
  const escrow = story.deployment.contracts.DeliveryEscrow!;
  ledger.name(escrow, "delivery escrow");
  const mtu = (text: string) => Quantity.parse(Commodity.Tungsten, text);
  const { minimum } = await as(p.issuer).setMinimumDelivery({ lotId, minimum: mtu(DELIVERY.minimum) });
  log(`  The issuer offers delivery of lot ${lotId} from ${minimum.format()} (a part of a bag is not delivered)`);
  const below = investorOf(p, DELIVERY.belowMinimum.investor);
  try {
    await as(below).requestDelivery({ lotId, amount: mtu(DELIVERY.belowMinimum.amount), instructionsRef: DELIVERY.belowMinimum.ref });
    throw new MineralsError(`${ledger.label(below)}'s request below the minimum delivery was not refused`);
  } catch (error) {
    if (!(error instanceof DeliveryRefusedError)) throw error;
    log(`  ${ledger.label(below).padEnd(12)} asks for ${mtu(DELIVERY.belowMinimum.amount).format()} and is refused before anything is sent: ${error.shortMessage}`);
  }
  // The delivery instructions (consignee, address) stay off chain: only their reference is recorded.
  const confirmed = investorOf(p, DELIVERY.confirmed.investor);
  const rejectedHolder = investorOf(p, DELIVERY.rejected.investor);
  const byA = await as(confirmed).requestDelivery({ lotId, amount: mtu(DELIVERY.confirmed.amount), instructionsRef: DELIVERY.confirmed.ref });
  ledger.moveUnits(lotId, confirmed, escrow, byA.amount);
  log(`  ${ledger.label(confirmed).padEnd(12)} requests delivery of ${byA.amount.format()}: the units are locked in the delivery escrow (request ${byA.requestId})`);
  const byF = await as(rejectedHolder).requestDelivery({ lotId, amount: mtu(DELIVERY.rejected.amount), instructionsRef: DELIVERY.rejected.ref });
  ledger.moveUnits(lotId, rejectedHolder, escrow, byF.amount);
  log(`  ${ledger.label(rejectedHolder).padEnd(12)} requests delivery of ${byF.amount.format()} (request ${byF.requestId})`);
  const port = as(p.portCustodian);
  const delivered = await port.confirmDelivery({ requestId: byA.requestId, deliveryRef: DELIVERY.confirmed.handover });
  ledger.burnUnits(lotId, escrow, delivered.amount);
  log(`  The port custodian hands ${DELIVERY.confirmed.investor} the bags and confirms: ${delivered.amount.format()} burned, as the metal left the warehouse`);
  const rejected = await port.rejectDelivery({ requestId: byF.requestId, reason: DELIVERY.rejected.reason });
  ledger.moveUnits(lotId, escrow, rejectedHolder, rejected.amount);
  log(`  It rejects ${DELIVERY.rejected.investor}'s request ("${DELIVERY.rejected.reason}"): ${rejected.amount.format()} back to ${DELIVERY.rejected.investor}`);
}
