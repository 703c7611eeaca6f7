/**
 * listOfferings: every offering the platform created, oldest first, each read as getOffering reads it, with the
 * investor's position (what a portal lists, and what an investor can still claim), optionally for one lot only.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, Quantity } from "../../src/index.ts";
import { InvalidArgumentError } from "../../src/index.ts";
import { deployPlatformOn, rejection, warehousedCopperLot } from "./helpers/platform.ts";

const connection = await network.create();
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);

async function twoOfferingsFixture() {
  const platform = await deployPlatformOn(connection);
  const firstLot = await warehousedCopperLot(platform);
  const secondLot = await warehousedCopperLot(platform);
  await platform.as.admin.grantRole({ role: "treasury", account: platform.address.spareWallet });
  await platform.as.admin.mintTestStablecoin({ to: platform.address.investorA, amount: 100_000_000_000n });
  const now = await connection.networkHelpers.time.latest();
  const terms = { price: "9,750 USD", treasury: platform.address.spareWallet, start: new Date(now * 1000), end: new Date((now + 86_400) * 1000), minTicket: t("1"), maxTicket: t("8"), softCap: t("5"), hardCap: t("10") };
  await platform.as.issuer.createOffering({ lotId: firstLot, ...terms });
  await platform.as.issuer.createOffering({ lotId: secondLot, ...terms });
  await platform.as.investorA.subscribe({ offeringId: 2n, amount: t("3") });
  return { platform, firstLot, secondLot };
}

describe("listOfferings", function () {
  it("returns no offerings on a platform that has created none", async function () {
    const platform = await deployPlatformOn(connection);
    expect(await platform.as.issuer.listOfferings()).to.deep.equal([]);
  });

  it("returns every offering oldest first, with the investor's position in each", async function () {
    const { platform, firstLot, secondLot } = await connection.networkHelpers.loadFixture(twoOfferingsFixture);
    const offerings = await platform.as.issuer.listOfferings({ investor: platform.address.investorA });
    expect(offerings.map((o) => [o.offeringId, o.lotId, o.state])).to.deep.equal([[1n, firstLot, "open"], [2n, secondLot, "open"]]);
    expect(offerings.map((o) => o.position?.requested.format())).to.deep.equal(["0.000 t Cu", "3.000 t Cu"]);
  });

  it("returns only the offerings of the lot asked for", async function () {
    const { platform, secondLot } = await connection.networkHelpers.loadFixture(twoOfferingsFixture);
    const offerings = await platform.as.issuer.listOfferings({ lotId: secondLot });
    expect(offerings.map((o) => o.offeringId)).to.deep.equal([2n]);
  });

  it("refuses an investor that is not an address, naming the argument, before reading anything", async function () {
    const platform = await deployPlatformOn(connection);
    const error = await rejection(platform.as.issuer.listOfferings({ investor: "0x12" }));
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).to.equal("investor");
  });
});
