import { expect } from "chai";
import { network } from "hardhat";

import { type OfferingsFixture, deployOfferingsFixture, openOffering, paymentUp } from "./helpers/offerings.ts";

// allocationOf before the close: what each investor would receive if the offering closed now, with its hard cap as
// capacity (below the soft cap nothing, and the whole payment back).

const connection = await network.create();
const { networkHelpers } = connection;
const load = () => networkHelpers.loadFixture(deployOfferingsFixture);

async function subscribe(f: OfferingsFixture, id: bigint, index: number, units: bigint) {
  const investor = f.investors[index]!;
  await f.offerings.connect(investor).subscribe(id, units);
  return investor;
}

describe("LotOfferings.allocationOf while the offering is open", function () {
  it("allocationOf below the soft cap previews no units and the whole payment back", async function () {
    const f = await load();
    const { id, terms } = await openOffering(f);
    const a = await subscribe(f, id, 0, terms.softCap - 1n);
    const [units, payment, refund] = await f.offerings.allocationOf(id, a.address);
    const paid = (await f.offerings.subscriptionOf(id, a.address)).paid;
    expect([units, payment, refund]).to.deep.equal([0n, 0n, paid]);
  });

  it("allocationOf when oversubscribed previews the pro-rata share, rounded down, and its exact refund", async function () {
    const f = await load();
    const { id, terms } = await openOffering(f);
    const a = await subscribe(f, id, 0, 40_000n);
    await subscribe(f, id, 1, 20_001n);
    const total = 60_001n;
    const expected = (40_000n * terms.hardCap) / total; // floor(requested x hard cap / total requested)
    const [units, payment, refund] = await f.offerings.allocationOf(id, a.address);
    const paid = (await f.offerings.subscriptionOf(id, a.address)).paid;
    expect(units).to.equal(expected);
    expect(payment).to.equal(paymentUp(expected, terms.priceAmount, terms.priceUnit));
    expect(payment + refund).to.equal(paid);
  });
});
