import { id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

// The offerings contract against the mock platform (test/contracts/mocks/OfferingPlatformMock.sol): roles and mint
// capacity set freely, a token whose `receiveStatus` answers a reason set per account. Independent of the real
// token's restructuring; the lead wires the real registry and token in afterwards.

export const ROLE = { ISSUER: id("ISSUER_ROLE"), TREASURY: id("TREASURY_ROLE") } as const;
export const OfferingState = { Open: 0n, Succeeded: 1n, Failed: 2n } as const;
export const LOT = 1n;
export const CAPACITY = 1_000_000n;
export const GRACE = 7n * 24n * 3600n;
/** USD 9,000.00 per t of a lot counted in kg, in a 6-decimal stablecoin. */
export const PRICE = { amount: 9_000_000_000n, unit: 1000n } as const;

export const paymentUp = (units: bigint, amount = PRICE.amount, unit = PRICE.unit) =>
  (units * amount + unit - 1n) / unit;

export async function deployOfferingsFixture(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const [admin, issuer, treasury, outsider, ...investors] = await ethers.getSigners();
  const registry = await ethers.deployContract("OfferingRegistryMock");
  const token = await ethers.deployContract("OfferingTokenMock", [await registry.getAddress()]);
  const offerings = await ethers.deployContract("LotOfferings", [await registry.getAddress(), await token.getAddress()]);
  const usd = await ethers.deployContract("TestStablecoin");
  await registry.setRole(ROLE.ISSUER, issuer.address, true);
  await registry.setRole(ROLE.TREASURY, treasury.address, true);
  await registry.setRole(ROLE.ISSUER, await offerings.getAddress(), true);
  await registry.setCapacity(LOT, CAPACITY);
  for (const investor of investors.slice(0, 6)) {
    await usd.mint(investor.address, 10n ** 15n);
    await usd.connect(investor).approve(await offerings.getAddress(), 2n ** 255n);
  }
  const start = BigInt(await networkHelpers.time.latest()) + 100n;
  const terms = {
    lotId: LOT,
    paymentToken: await usd.getAddress(),
    treasury: treasury.address,
    priceAmount: PRICE.amount,
    priceUnit: PRICE.unit,
    start,
    end: start + 86_400n,
    minTicket: 100n,
    maxTicket: 50_000n,
    softCap: 10_000n,
    hardCap: 30_000n,
  };
  return { admin, issuer, treasury, outsider, investors, registry, token, offerings, usd, terms, connection };
}

export type OfferingsFixture = Awaited<ReturnType<typeof deployOfferingsFixture>>;
export type Terms = OfferingsFixture["terms"];

/** Creates an offering with `overrides` on the fixture's terms; returns its id and terms. */
export async function createOffering(f: OfferingsFixture, overrides: Partial<Terms> = {}) {
  const terms = { ...f.terms, ...overrides };
  await f.offerings.connect(f.issuer).createOffering(terms);
  return { id: await f.offerings.offeringCount(), terms };
}

/** Creates an offering and moves time into its window. */
export async function openOffering(f: OfferingsFixture, overrides: Partial<Terms> = {}) {
  const offering = await createOffering(f, overrides);
  await f.connection.networkHelpers.time.increaseTo(offering.terms.start);
  return offering;
}

