import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

// The offerings contract against the mock platform (test/contracts/mocks/OfferingPlatformMock.sol): roles and mint
// capacity set freely, a token whose `platformTransferStatus` answers a reason set per account. Isolates the
// offering's own accounting; Offerings.integration.test.ts runs it against the real registry and token.

export const ROLE = { ISSUER: id("ISSUER_ROLE"), TREASURY: id("TREASURY_ROLE"), COMPLIANCE: id("COMPLIANCE_ROLE") } as const;
export const OfferingState = { Open: 0n, Succeeded: 1n, Failed: 2n, Cancelled: 3n } as const;
export const LOT = 1n;
export const CAPACITY = 1_000_000n;
export const GRACE = 7n * 24n * 3600n;
/** USD 9,000.00 per t of a lot counted in kg, in a 6-decimal stablecoin. */
export const PRICE = { amount: 9_000_000_000n, unit: 1000n } as const;

export const paymentUp = (units: bigint, amount: bigint = PRICE.amount, unit: bigint = PRICE.unit): bigint =>
  (units * amount + unit - 1n) / unit;

/** `OfferingTerms`, as the tests write them. */
export type Terms = {
  lotId: bigint;
  paymentToken: string;
  treasury: string;
  priceAmount: bigint;
  priceUnit: bigint;
  start: bigint;
  end: bigint;
  minTicket: bigint;
  maxTicket: bigint;
  softCap: bigint;
  hardCap: bigint;
};

export async function deployOfferingsFixture(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const signer = (index: number): HardhatEthersSigner => {
    const account = signers[index];
    if (account === undefined) throw new Error(`the fixture needs at least ${index + 1} accounts`);
    return account;
  };
  const [admin, issuer, treasury, outsider] = [signer(0), signer(1), signer(2), signer(3)];
  const investors = [signer(4), signer(5), signer(6), signer(7), signer(8), signer(9)] as const;
  const registry = await ethers.deployContract("OfferingRegistryMock");
  const token = await ethers.deployContract("OfferingTokenMock", [await registry.getAddress()]);
  const offerings = await ethers.deployContract("LotOfferings", [await registry.getAddress(), await token.getAddress()]);
  const usd = await ethers.deployContract("TestStablecoin");
  // The mocks live under test/ and get no generated types: they are called through getFunction.
  await registry.getFunction("setRole")(ROLE.ISSUER, issuer.address, true);
  await registry.getFunction("setRole")(ROLE.TREASURY, treasury.address, true);
  await registry.getFunction("setRole")(ROLE.ISSUER, await offerings.getAddress(), true);
  await registry.getFunction("setCapacity")(LOT, CAPACITY);
  for (const investor of investors) {
    await usd.mint(investor.address, 10n ** 15n);
    await usd.connect(investor).approve(await offerings.getAddress(), 2n ** 255n);
  }
  const start = BigInt(await networkHelpers.time.latest()) + 100n;
  const terms: Terms = {
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

