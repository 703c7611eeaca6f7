import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { expireKyc, holdersOf, now, setRules } from "./helpers/compliance.ts";
import { COUNTRY, InvestorClass, Reason, bytes32, deployLotsFixture, lotInState, registerInvestor, saleTerms } from "./helpers/fixtures.ts";
import { OfferingState } from "./helpers/offerings.ts";

// The offerings contract wired to the REAL registry and token (not the mocks of Offerings.*.test.ts): it is a
// platform account with ISSUER_ROLE, mints the allocation to itself at close out of the lot's capacity, and every
// subscription and delivery is judged by LotToken.platformTransferStatus.

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** USD 9,750.00 per t of copper, the lot counted in kg, in a 6-decimal stablecoin: 9,750,000,000 per 1,000 units. */
const PRICE = { amount: 9_750_000_000n, unit: 1000n } as const;
const paymentUp = (units: bigint): bigint => (units * PRICE.amount + PRICE.unit - 1n) / PRICE.unit;
const FUNDS = 10n ** 12n; // USD 1,000,000.00 per investor

async function deployIntegrationFixture(c: NetworkConnection) {
  const f = await deployLotsFixture(c);
  const lot = await lotInState(f, "Warehoused"); // a fresh warehoused lot nobody holds
  const offerings = await c.ethers.deployContract("LotOfferings", [await f.registry.getAddress(), await f.token.getAddress()]);
  const offeringsAddress = await offerings.getAddress();
  await f.registrar.connect(f.actors.admin).setPlatformAccount(offeringsAddress, true);
  await f.registry.connect(f.actors.admin).grantRole(f.roles.ISSUER, offeringsAddress);
  await f.registry.connect(f.actors.admin).bindOfferings(offeringsAddress);
  const usd = await c.ethers.deployContract("TestStablecoin");

  // Four investors from different countries and classes; the lot admits Accredited and above, so the retail one is
  // refused.
  const [chile, peru, rwanda, retail] = f.wallets as [HardhatEthersSigner, HardhatEthersSigner, HardhatEthersSigner, HardhatEthersSigner];
  await registerInvestor(f, chile.address, { country: COUNTRY.Chile, investorClass: InvestorClass.Institutional });
  await registerInvestor(f, peru.address, { country: COUNTRY.Peru, investorClass: InvestorClass.Accredited });
  await registerInvestor(f, rwanda.address, { country: COUNTRY.Rwanda, investorClass: InvestorClass.Institutional });
  await registerInvestor(f, retail.address, { country: COUNTRY.Bolivia, investorClass: InvestorClass.Retail });
  await setRules(f, lot, { minClass: InvestorClass.Accredited });
  for (const investor of [chile, peru, rwanda, retail]) {
    await usd.mint(investor.address, FUNDS);
    await usd.connect(investor).approve(offeringsAddress, 2n ** 255n);
  }
  const start = (await now(f)) + 100n;
  const terms = {
    lotId: lot,
    paymentToken: await usd.getAddress(),
    treasury: f.actors.treasury.address,
    priceAmount: PRICE.amount,
    priceUnit: PRICE.unit,
    start,
    end: start + 86_400n,
    minTicket: 1_000n,
    maxTicket: 8_000n,
    softCap: 5_000n,
    hardCap: 10_000n,
  };
  return { ...f, lot, offerings, offeringsAddress, usd, terms, investors: { chile, peru, rwanda, retail } };
}
type Fixture = Awaited<ReturnType<typeof deployIntegrationFixture>>;
const load = () => networkHelpers.loadFixture(deployIntegrationFixture);

/** Creates the fixture's offering with `overrides` and moves into its window; returns its id. */
async function open(f: Fixture, overrides: Partial<Fixture["terms"]> = {}): Promise<bigint> {
  await f.offerings.connect(f.actors.issuer).createOffering({ ...f.terms, ...overrides });
  await time.increaseTo(f.terms.start);
  return f.offerings.offeringCount();
}

describe("LotOfferings against the real registry and token", function () {
  it("an oversubscribed copper offering allocates pro rata, delivers units, refunds to the cent and pays the treasury", async function () {
    const f = await load();
    const { chile, peru, rwanda, retail } = f.investors;
    const capacityBefore = await f.registry.mintableQuantity(f.lot);
    const id = await open(f);
    // The hard cap is reserved out of the lot's capacity from the offering's creation to its close.
    expect(await f.registry.mintableQuantity(f.lot)).to.equal(capacityBefore - f.terms.hardCap);
    expect((await f.registry.getLot(f.lot)).reservedQuantity).to.equal(f.terms.hardCap);

    await f.offerings.connect(chile).subscribe(id, 6_000n);
    await f.offerings.connect(peru).subscribe(id, 5_000n);
    await f.offerings.connect(rwanda).subscribe(id, 4_000n);
    await expect(f.offerings.connect(retail).subscribe(id, 2_000n))
      .to.be.revertedWithCustomError(f.offerings, "NotEligible")
      .withArgs(id, retail.address, Reason.ClassTooLow);
    expect(await f.usd.balanceOf(retail.address)).to.equal(FUNDS);

    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    const status = await f.offerings.statusOf(id);
    expect(status.state).to.equal(OfferingState.Succeeded);
    expect(status.unitsMinted).to.equal(10_000n);
    expect(await f.registry.mintableQuantity(f.lot)).to.equal(capacityBefore - 10_000n);
    expect(await f.token.balanceOf(f.offeringsAddress, f.lot)).to.equal(10_000n);
    expect(await holdersOf(f, f.lot)).to.equal(0n); // the offering holds everything and is never a holder

    // 15,000 kg requested for 10,000: each allocation is requested x 2/3, rounded down.
    const expected = [
      { who: chile, requested: 6_000n, units: 4_000n },
      { who: peru, requested: 5_000n, units: 3_333n },
      { who: rwanda, requested: 4_000n, units: 2_666n },
    ];
    for (const { who, requested, units } of expected) {
      const refund = paymentUp(requested) - paymentUp(units);
      await expect(f.offerings.connect(who).claim(id, who.address))
        .to.emit(f.offerings, "Claimed")
        .withArgs(id, who.address, units, refund);
      expect(await f.token.balanceOf(who.address, f.lot)).to.equal(units);
      expect(await f.usd.balanceOf(who.address)).to.equal(FUNDS - paymentUp(units));
    }
    expect(await holdersOf(f, f.lot)).to.equal(3n);
    expect(await f.token.balanceOf(f.offeringsAddress, f.lot)).to.equal(1n); // the rounding remainder

    const proceeds = expected.reduce((sum, e) => sum + paymentUp(e.units), 0n);
    await f.offerings.connect(f.actors.outsider).withdrawProceeds(id);
    expect(await f.usd.balanceOf(f.actors.treasury.address)).to.equal(proceeds);
    expect(await f.usd.balanceOf(f.offeringsAddress)).to.equal(0n);

    await f.offerings.connect(f.actors.issuer).withdrawUnits(id, f.investors.chile.address);
    expect(await f.token.balanceOf(f.offeringsAddress, f.lot)).to.equal(0n);
    expect(await holdersOf(f, f.lot)).to.equal(3n);
  });

  it("an offering that misses its soft cap mints nothing and refunds every investor in full", async function () {
    const f = await load();
    const { chile, peru } = f.investors;
    const capacityBefore = await f.registry.mintableQuantity(f.lot);
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 2_000n);
    await f.offerings.connect(peru).subscribe(id, 1_500n);

    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    expect((await f.offerings.statusOf(id)).state).to.equal(OfferingState.Failed);
    expect(await f.registry.mintableQuantity(f.lot)).to.equal(capacityBefore);

    for (const [who, requested] of [[chile, 2_000n], [peru, 1_500n]] as const) {
      await expect(f.offerings.connect(who).claim(id, who.address))
        .to.emit(f.offerings, "Claimed")
        .withArgs(id, who.address, 0n, paymentUp(requested));
      expect(await f.usd.balanceOf(who.address)).to.equal(FUNDS);
    }
    expect(await f.usd.balanceOf(f.offeringsAddress)).to.equal(0n);
    expect(await f.token.balanceOf(f.offeringsAddress, f.lot)).to.equal(0n);
    expect(await holdersOf(f, f.lot)).to.equal(0n);
  });

  it("an investor whose KYC lapses before it claims keeps its allocation: the claim waits for the renewal, and no refund replaces it", async function () {
    const f = await load();
    const { chile, peru } = f.investors;
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 4_000n);
    await f.offerings.connect(peru).subscribe(id, 3_000n);
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);

    const expiry = await expireKyc(f, peru.address);
    expect(await f.token.platformTransferStatus(peru.address, f.lot, 3_000n)).to.equal(Reason.ReceiverKycExpired);
    await expect(f.offerings.connect(peru).claim(id, peru.address))
      .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
      .withArgs(Reason.ReceiverKycExpired, f.offeringsAddress, peru.address, f.lot, 3_000n);
    await expect(f.offerings.connect(peru).refundInstead(id))
      .to.be.revertedWithCustomError(f.offerings, "RefusalNotPermanent")
      .withArgs(id, peru.address, Reason.ReceiverKycExpired);
    // The issuer claiming for it changes nothing either: the allocation stays the investor's.
    await expect(f.offerings.connect(f.actors.issuer).claim(id, peru.address)).to.be.revertedWithCustomError(f.token, "ComplianceViolation");

    await f.registrar.connect(f.actors.compliance).updateInvestor((await f.token.getInvestor(peru.address)).investorId, COUNTRY.Peru, InvestorClass.Accredited, expiry + 86_400n * 365n);
    await f.offerings.connect(peru).claim(id, peru.address);
    expect(await f.token.balanceOf(peru.address, f.lot)).to.equal(3_000n);
    await f.offerings.connect(chile).claim(id, chile.address);
    expect(await holdersOf(f, f.lot)).to.equal(2n);
    await f.offerings.withdrawProceeds(id);
    expect(await f.usd.balanceOf(f.actors.treasury.address)).to.equal(paymentUp(7_000n));
    expect((await f.offerings.statusOf(id)).unitsRefused).to.equal(0n);
  });

  it("an investor its country no longer admits may take a full refund instead, and the issuer takes the units back", async function () {
    const f = await load();
    const { chile, peru } = f.investors;
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 4_000n);
    await f.offerings.connect(peru).subscribe(id, 3_000n);
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    await setRules(f, f.lot, { minClass: InvestorClass.Accredited, restrictCountries: true });
    await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [COUNTRY.Chile], true);
    await expect(f.offerings.connect(peru).refundInstead(id))
      .to.emit(f.offerings, "RefundedInstead")
      .withArgs(id, peru.address, 3_000n, paymentUp(3_000n), Reason.CountryNotAllowed);
    expect(await f.usd.balanceOf(peru.address)).to.equal(FUNDS);
    await f.offerings.connect(chile).claim(id, chile.address);
    await f.offerings.connect(f.actors.issuer).withdrawUnits(id, chile.address);
    expect(await f.token.balanceOf(chile.address, f.lot)).to.equal(7_000n);
    expect((await f.registry.getLot(f.lot)).reservedQuantity).to.equal(0n);
    expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(0n);
  });

  it("with a minimum holding, oversubscription stops before any allocation falls below it, and every allocation is delivered", async function () {
    const f = await load();
    const { chile, peru, rwanda } = f.investors;
    await setRules(f, f.lot, { minClass: InvestorClass.Accredited, minHolding: 1_000n });
    const id = await open(f, { minTicket: 1_500n });
    await f.offerings.connect(chile).subscribe(id, 1_500n);
    await f.offerings.connect(peru).subscribe(id, 8_000n);
    // 15,000 requested for 10,000: the smallest (1,500) still gets 1,000. One more unit would give it 999.
    await f.offerings.connect(rwanda).subscribe(id, 5_500n);
    await expect(f.offerings.connect(rwanda).subscribe(id, 1n))
      .to.be.revertedWithCustomError(f.offerings, "AllocationBelowMinimumHolding")
      .withArgs(id, 1_500n, 15_001n, 1_000n);
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    for (const who of [chile, peru, rwanda]) {
      const { units } = await f.offerings.allocationOf(id, who.address);
      expect(units).to.be.greaterThanOrEqual(1_000n);
      await f.offerings.connect(who).claim(id, who.address);
      expect(await f.token.balanceOf(who.address, f.lot)).to.equal(units);
    }
  });

  it("with a holder limit, subscribers take the slots when they subscribe: a third is refused, and the first two claim in any order", async function () {
    const f = await load();
    const { chile, peru, rwanda } = f.investors;
    await setRules(f, f.lot, { minClass: InvestorClass.Accredited, maxHolders: 2 });
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 3_000n);
    await f.offerings.connect(peru).subscribe(id, 3_000n);
    await expect(f.offerings.connect(rwanda).subscribe(id, 3_000n))
      .to.be.revertedWithCustomError(f.token, "HolderSlotUnavailable")
      .withArgs(f.lot, 2, 0, 2);
    expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(2n);
    // The slots are spoken for: compliance cannot lower the limit under them, and no one else can take one meanwhile.
    await expect(setRules(f, f.lot, { minClass: InvestorClass.Accredited, maxHolders: 1 }))
      .to.be.revertedWithCustomError(f.token, "MaxHoldersBelowHolders")
      .withArgs(f.lot, 1, 2);
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    // The issuer claiming for one first picks no winner: each subscriber's slot is its own.
    await f.offerings.connect(f.actors.issuer).claim(id, peru.address);
    await f.offerings.connect(chile).claim(id, chile.address);
    expect(await holdersOf(f, f.lot)).to.equal(2n);
    expect((await f.token.getLotRules(f.lot)).reservedHolders).to.equal(0n);
  });

  it("the maximum ticket counts an investor's linked wallets together", async function () {
    const f = await load();
    const { chile } = f.investors;
    const linked = f.wallets[4]!;
    await f.registrar.connect(f.actors.compliance).linkWallet((await f.token.getInvestor(chile.address)).investorId, linked.address);
    await f.usd.mint(linked.address, FUNDS);
    await f.usd.connect(linked).approve(f.offeringsAddress, 2n ** 255n);
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 5_000n);
    await expect(f.offerings.connect(linked).subscribe(id, 3_001n))
      .to.be.revertedWithCustomError(f.offerings, "AboveMaximumTicket")
      .withArgs(id, 8_001n, 8_000n);
    await f.offerings.connect(linked).subscribe(id, 3_000n);
  });

  it("the preview while open is what the close delivers: the hard cap's capacity is reserved", async function () {
    const f = await load();
    const { chile, peru } = f.investors;
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 8_000n);
    await f.offerings.connect(peru).subscribe(id, 4_000n);
    const preview = await f.offerings.allocationOf(id, chile.address);
    // Meanwhile the issuer mints all the lot's capacity it may: the hard cap is not part of it.
    const rwanda = f.investors.rwanda.address;
    await f.token.connect(f.actors.issuer).mint(rwanda, f.lot, await f.registry.mintableQuantity(f.lot), "0x");
    await expect(f.token.connect(f.actors.issuer).mint(rwanda, f.lot, 1n, "0x")).to.be.revertedWithCustomError(f.registry, "MintExceedsAttested");
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    expect(await f.offerings.allocationOf(id, chile.address)).to.deep.equal(preview);
    await f.offerings.connect(chile).claim(id, chile.address);
    expect(await f.token.balanceOf(chile.address, f.lot)).to.equal(preview.units);
  });

  it("createOffering is refused, taking no money, for a lot that can never mint its hard cap (in transit, settling, retired, short of capacity)", async function () {
    const f = await load();
    const create = (lotId: bigint, hardCap = f.terms.hardCap) =>
      f.offerings.connect(f.actors.issuer).createOffering({ ...f.terms, lotId, hardCap, softCap: 0n });
    const mintable = await f.registry.mintableQuantity(f.lot);
    await expect(create(f.lot, mintable + 1n))
      .to.be.revertedWithCustomError(f.registry, "ReservationExceedsMintable")
      .withArgs(f.lot, mintable + 1n, mintable);
    for (const lotId of [f.lots.InTransit, f.lots.Settling, f.lots.Retired]) {
      await expect(create(lotId, 1n)).to.be.revertedWithCustomError(f.registry, "ReservationExceedsMintable").withArgs(lotId, 1n, 0n);
    }
    expect(await f.offerings.offeringCount()).to.equal(0n);
  });

  it("a lot on offer cannot leave its warehouse, be sold or be withdrawn until its offering closes or is cancelled", async function () {
    const f = await load();
    const id = await open(f);
    const reserved = f.terms.hardCap;
    await expect(f.registry.connect(f.actors.custodian).dispatchLot(f.lot, f.actors.otherCustodian.address, bytes32("Karachi")))
      .to.be.revertedWithCustomError(f.registry, "LotOnOffer")
      .withArgs(f.lot, reserved);
    await expect(f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("SALE"), ...(await saleTerms(f))))
      .to.be.revertedWithCustomError(f.registry, "LotOnOffer")
      .withArgs(f.lot, reserved);
    await expect(f.registry.connect(f.actors.issuer).withdrawLot(f.lot, bytes32("withdrawn")))
      .to.be.revertedWithCustomError(f.registry, "LotOnOffer")
      .withArgs(f.lot, reserved);
    // Nor can the custodian attest less than what the offering holds.
    const lot = await f.registry.getLot(f.lot);
    await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lot, reserved - 1n, bytes32("W3")))
      .to.be.revertedWithCustomError(f.registry, "AttestationBelowMinted")
      .withArgs(f.lot, reserved - 1n, lot.mintedQuantity - lot.deliveredQuantity + reserved);
    await f.offerings.connect(f.actors.issuer).cancelOffering(id, bytes32("lot sold instead"));
    await f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("SALE"), ...(await saleTerms(f)));
  });

  it("units anyone sends to the offerings contract are refused", async function () {
    const f = await load();
    await f.token.connect(f.actors.issuer).mint(f.investors.chile.address, f.lot, 10n, "0x");
    await expect(f.token.connect(f.investors.chile).safeTransferFrom(f.investors.chile.address, f.offeringsAddress, f.lot, 10n, "0x"))
      .to.be.revertedWithCustomError(f.offerings, "UnitsNotAccepted")
      .withArgs(f.investors.chile.address, f.lot, 10n);
  });
});
