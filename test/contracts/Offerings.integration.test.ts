import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { expireKyc, holdersOf, now, setRules } from "./helpers/compliance.ts";
import { COUNTRY, COPPER_LOT, InvestorClass, Reason, deployLotsFixture, lotInState, registerInvestor } from "./helpers/fixtures.ts";
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
    const id = await open(f);
    const capacityBefore = await f.registry.mintableQuantity(f.lot);

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
        .withArgs(id, who.address, units, refund, Reason.Ok);
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
    const id = await open(f);
    const capacityBefore = await f.registry.mintableQuantity(f.lot);
    await f.offerings.connect(chile).subscribe(id, 2_000n);
    await f.offerings.connect(peru).subscribe(id, 1_500n);

    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);
    expect((await f.offerings.statusOf(id)).state).to.equal(OfferingState.Failed);
    expect(await f.registry.mintableQuantity(f.lot)).to.equal(capacityBefore);

    for (const [who, requested] of [[chile, 2_000n], [peru, 1_500n]] as const) {
      await expect(f.offerings.connect(who).claim(id, who.address))
        .to.emit(f.offerings, "Claimed")
        .withArgs(id, who.address, 0n, paymentUp(requested), Reason.Ok);
      expect(await f.usd.balanceOf(who.address)).to.equal(FUNDS);
    }
    expect(await f.usd.balanceOf(f.offeringsAddress)).to.equal(0n);
    expect(await f.token.balanceOf(f.offeringsAddress, f.lot)).to.equal(0n);
    expect(await holdersOf(f, f.lot)).to.equal(0n);
  });

  it("an investor whose KYC lapses before it claims receives no units and is refunded in full", async function () {
    const f = await load();
    const { chile, peru } = f.investors;
    const id = await open(f);
    await f.offerings.connect(chile).subscribe(id, 4_000n);
    await f.offerings.connect(peru).subscribe(id, 3_000n);
    await time.increaseTo(f.terms.end);
    await f.offerings.connect(f.actors.issuer).close(id);

    await expireKyc(f, peru.address);
    expect(await f.token.platformTransferStatus(peru.address, f.lot, 3_000n)).to.equal(Reason.ReceiverKycExpired);
    await expect(f.offerings.connect(peru).claim(id, peru.address))
      .to.emit(f.offerings, "Claimed")
      .withArgs(id, peru.address, 0n, paymentUp(3_000n), Reason.ReceiverKycExpired);
    expect(await f.usd.balanceOf(peru.address)).to.equal(FUNDS);
    expect(await f.token.balanceOf(peru.address, f.lot)).to.equal(0n);

    await f.offerings.connect(chile).claim(id, chile.address);
    expect(await f.token.balanceOf(chile.address, f.lot)).to.equal(4_000n);
    expect(await holdersOf(f, f.lot)).to.equal(1n);
    await f.offerings.withdrawProceeds(id);
    expect(await f.usd.balanceOf(f.actors.treasury.address)).to.equal(paymentUp(4_000n));
    expect((await f.offerings.statusOf(id)).unitsRefused).to.equal(3_000n);
    expect(COPPER_LOT.payableKg).to.be.greaterThan(f.terms.hardCap); // the lot's capacity never limited the offering
  });
});
