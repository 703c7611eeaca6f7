/**
 * Physical delivery through the SDK, against a real in-process chain: the issuer sets a lot's minimum, a holder
 * requests delivery (units sent to the escrow with an instructions reference), the custodian confirms or rejects,
 * the holder cancels; every refusal explained in one sentence before anything is sent, the chain unchanged.
 *
 * Fixture: the platform (with its delivery escrow), a warehoused copper lot of which investor A holds 100 t and
 * whose minimum delivery is 10 t.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { Commodity, DeliveryRefusedError, Quantity } from "../../src/index.ts";
import { chainState, deployPlatformOn, expectChainUnchanged, expectInvalidArgument, rejection, shortAddress, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

const connection = await network.create();

interface Fixture {
  platform: Platform;
  copper: bigint;
}

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);

async function deliveryFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: t("100") });
  await platform.as.issuer.setMinimumDelivery({ lotId: copper, minimum: t("10") });
  return { platform, copper };
}
const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(deliveryFixture);

async function expectDeliveryRefused(f: Fixture, send: () => Promise<unknown>, reason: string, message: string): Promise<void> {
  const before = await chainState(f.platform);
  const error = await rejection(send());
  expect(error, String(error)).to.be.instanceOf(DeliveryRefusedError);
  expect((error as DeliveryRefusedError).reason).to.equal(reason);
  expect((error as DeliveryRefusedError).shortMessage).to.equal(message);
  await expectChainUnchanged(f.platform, before);
}

const request = (f: Fixture, amount = "20") => f.platform.as.investorA.requestDelivery({ lotId: f.copper, amount: t(amount), instructionsRef: "DLV-2026-0001" });

describe("SDK physical delivery", function () {
  it("requestDelivery locks the units and getDelivery reads the request in tonnes", async function () {
    const f = await load();
    const { requestId, amount } = await request(f);
    expect([requestId, amount.format()]).to.deep.equal([1n, "20.000 t Cu"]);
    const read = await f.platform.as.outsider.getDelivery({ requestId });
    expect(read.holder).to.equal(f.platform.address.investorA);
    expect(read.status).to.equal("pending");
    expect(read.instructionsRef).to.equal("DLV-2026-0001");
    expect(read.amount.format()).to.equal("20.000 t Cu");
    expect(read.outcomeRef).to.equal(undefined);
    const mine = await f.platform.as.outsider.listDeliveries({ holder: f.platform.address.investorA });
    expect(mine.map((r) => r.requestId)).to.deep.equal([1n]);
    expect(await f.platform.as.outsider.listDeliveries({ holder: f.platform.address.investorB })).to.deep.equal([]);
  });

  it("confirmDelivery burns the units; rejectDelivery returns them with the reason; cancelDelivery returns them", async function () {
    const f = await load();
    await request(f);
    await request(f);
    await request(f);
    await f.platform.as.custodian.confirmDelivery({ requestId: 1n, deliveryRef: "RELEASE-NOTE-77" });
    await f.platform.as.custodian.rejectDelivery({ requestId: 2n, reason: "instructions incomplete" });
    await f.platform.as.investorA.cancelDelivery({ requestId: 3n });
    const [one, two, three] = await f.platform.as.outsider.listDeliveries({});
    expect([one!.status, one!.outcomeRef]).to.deep.equal(["delivered", "RELEASE-NOTE-77"]);
    expect([two!.status, two!.outcomeRef]).to.deep.equal(["rejected", "instructions incomplete"]);
    expect(three!.status).to.equal("cancelled");
    const lot = await f.platform.as.outsider.getLot({ lotId: f.copper });
    expect(lot.burned.format()).to.equal("20.000 t Cu");
  });

  it("checkDelivery and requestDelivery refuse below the lot's minimum, the chain unchanged", async function () {
    const f = await load();
    const check = await f.platform.as.investorA.checkDelivery({ lotId: f.copper, amount: t("5") });
    expect([check.allowed, check.reason]).to.deep.equal([false, "below-minimum"]);
    await expectDeliveryRefused(f, () => request(f, "5"), "below-minimum", `Lot ${f.copper} delivers at least 10.000 t Cu; 5.000 t Cu is below it`);
  });

  it("requestDelivery refuses when delivery is not offered for the lot", async function () {
    const f = await load();
    await f.platform.as.issuer.setMinimumDelivery({ lotId: f.copper, minimum: 0n });
    await expectDeliveryRefused(f, () => request(f), "not-offered", `Physical delivery is not offered for lot ${f.copper}`);
  });

  it("requestDelivery refuses a frozen holder with the compliance sentence", async function () {
    const f = await load();
    await f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorA, frozen: true });
    const check = await f.platform.as.investorA.checkDelivery({ lotId: f.copper, amount: t("20") });
    expect(check.reason).to.equal("sender-frozen");
    await expectDeliveryRefused(f, () => request(f), "sender-frozen", check.message);
  });

  it("requestDelivery refuses once the lot is settling", async function () {
    const f = await load();
    await f.platform.as.issuer.startSettlement({ lotId: f.copper, saleRef: "SALE-CU-1", treasury: f.platform.address.issuer });
    await expectDeliveryRefused(f, () => request(f), "trading-stopped", `Lot ${f.copper} is settling: no delivery can be requested`);
  });

  it("confirmDelivery refuses a custodian of other lots and a decided request", async function () {
    const f = await load();
    await request(f);
    const custodian = shortAddress(f.platform.address.custodian);
    const other = shortAddress(f.platform.address.otherCustodian);
    await expectDeliveryRefused(
      f,
      () => f.platform.as.otherCustodian.confirmDelivery({ requestId: 1n, deliveryRef: "X" }),
      "not-lot-custodian",
      `Cannot confirm delivery request 1: only lot ${f.copper}'s custodian ${custodian} may, not ${other}`,
    );
    await f.platform.as.custodian.confirmDelivery({ requestId: 1n, deliveryRef: "RELEASE-NOTE-77" });
    await expectDeliveryRefused(f, () => f.platform.as.custodian.rejectDelivery({ requestId: 1n, reason: "late" }), "not-pending", "Cannot reject delivery request 1: it is already delivered");
  });

  it("checkDeliveryDecision says, before anything is sent, whether each party may confirm, reject or cancel, and why not", async function () {
    const f = await load();
    await request(f);
    const { as, address } = f.platform;
    const custodian = shortAddress(address.custodian);
    const before = await chainState(f.platform);
    const confirm = await as.custodian.checkDeliveryDecision({ requestId: 1n, decision: "confirm" });
    expect([confirm.allowed, confirm.reason, confirm.message]).to.deep.equal([true, "ok", `${custodian} may confirm delivery request 1 (20.000 t Cu of lot ${f.copper}): the units are burned`]);
    const other = await as.otherCustodian.checkDeliveryDecision({ requestId: 1n, decision: "reject" });
    expect([other.allowed, other.reason]).to.deep.equal([false, "not-lot-custodian"]);
    const stranger = await as.investorB.checkDeliveryDecision({ requestId: 1n, decision: "cancel" });
    expect([stranger.allowed, stranger.reason]).to.deep.equal([false, "not-holder"]);
    expect((await as.investorA.checkDeliveryDecision({ requestId: 1n, decision: "cancel" })).allowed).to.equal(true);
    const unknown = await as.custodian.checkDeliveryDecision({ requestId: 9n, decision: "confirm" });
    expect([unknown.allowed, unknown.reason, unknown.message]).to.deep.equal([false, "unknown-request", "Cannot confirm delivery request 9: no delivery request has id 9"]);
    await as.compliance.freezeAccount({ account: address.investorA, frozen: true });
    // A freeze stops the metal leaving, not the units going back to the holder (where the freeze binds them).
    const frozen = await as.custodian.checkDeliveryDecision({ requestId: 1n, decision: "confirm" });
    expect([frozen.allowed, frozen.reason, frozen.message]).to.deep.equal([
      false,
      "holder-frozen",
      `Cannot confirm delivery request 1: its holder ${shortAddress(address.investorA)} is frozen (compliance may release the request to a wallet it names)`,
    ]);
    expect((await as.custodian.checkDeliveryDecision({ requestId: 1n, decision: "reject" })).allowed).to.equal(true);
    expect((await as.investorA.checkDeliveryDecision({ requestId: 1n, decision: "cancel" })).allowed).to.equal(true);
    // Asking sent nothing (the freeze above is the only transaction).
    expect((await chainState(f.platform)).blockNumber).to.equal(before.blockNumber + 1n);
  });

  it("cancelDelivery refuses anyone but the holder", async function () {
    const f = await load();
    await request(f);
    await expectDeliveryRefused(
      f,
      () => f.platform.as.investorB.cancelDelivery({ requestId: 1n }),
      "not-holder",
      `Cannot cancel delivery request 1: only its holder ${shortAddress(f.platform.address.investorA)} may, not ${shortAddress(f.platform.address.investorB)}`,
    );
  });

  it("confirmDelivery refuses a holder frozen since its request, before anything is sent; rejectDelivery gives it its units back, where the freeze binds them", async function () {
    const f = await load();
    const { as, address } = f.platform;
    await request(f);
    await as.compliance.freezeAccount({ account: address.investorA, frozen: true });
    await expectDeliveryRefused(
      f,
      () => as.custodian.confirmDelivery({ requestId: 1n, deliveryRef: "RELEASE-NOTE-77" }),
      "holder-frozen",
      `Cannot confirm delivery request 1: its holder ${shortAddress(address.investorA)} is frozen (compliance may release the request to a wallet it names)`,
    );
    await as.custodian.rejectDelivery({ requestId: 1n, reason: "holder frozen" });
    const [back] = await as.outsider.getBalances({ owner: address.investorA });
    expect(back!.balance.format()).to.equal("100.000 t Cu");
    expect((await as.investorA.checkTransfer({ from: address.investorA, to: address.investorB, lotId: f.copper, amount: 1n })).reason).to.equal("sender-frozen");
  });

  it("confirmDelivery refuses while units frozen for the holder reach into the request's units, and once the lot is no longer in its warehouse", async function () {
    const f = await load();
    const { as, address } = f.platform;
    await request(f); // 80 t stay in the wallet
    await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: t("90") });
    await expectDeliveryRefused(
      f,
      () => as.custodian.confirmDelivery({ requestId: 1n, deliveryRef: "RELEASE-NOTE-77" }),
      "units-frozen",
      `Cannot confirm delivery request 1: 90.000 t Cu of lot ${f.copper} are frozen for ${shortAddress(address.investorA)}, more than the 80.000 t Cu in its wallet, so the freeze reaches the units waiting for delivery`,
    );
    await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: t("80") });
    expect((await as.custodian.checkDeliveryDecision({ requestId: 1n, decision: "confirm" })).allowed).to.equal(true);
    await as.issuer.startSettlement({ lotId: f.copper, saleRef: "SALE-CU-1", treasury: address.issuer });
    await expectDeliveryRefused(
      f,
      () => as.custodian.confirmDelivery({ requestId: 1n, deliveryRef: "RELEASE-NOTE-77" }),
      "not-warehoused",
      `Cannot confirm delivery request 1: lot ${f.copper} is settling, not in its custodian's warehouse (reject it, or confirm once the lot is back in a warehouse)`,
    );
    await as.custodian.rejectDelivery({ requestId: 1n, reason: "lot sold" });
    expect((await as.outsider.getDelivery({ requestId: 1n })).status).to.equal("rejected");
  });

  it("rejectDelivery gives a holder whose KYC lapsed since its request its units back; only a pause or a hold stops a return", async function () {
    const f = await load();
    const { as, address } = f.platform;
    await request(f);
    await request(f);
    const holder = await as.outsider.getInvestor({ wallet: address.investorA });
    await connection.networkHelpers.time.increaseTo(Math.floor(holder.kycExpiry!.getTime() / 1000) + 1);
    await as.pauser.pauseTransfers();
    const paused = await as.custodian.checkDeliveryDecision({ requestId: 1n, decision: "reject" });
    expect([paused.allowed, paused.reason]).to.deep.equal([false, "paused"]);
    expect(paused.message).to.match(/^Cannot reject delivery request 1: the units cannot go back\. /);
    const why = paused.message.slice("Cannot reject delivery request 1: ".length);
    await expectDeliveryRefused(f, () => as.investorA.cancelDelivery({ requestId: 2n }), "paused", `Cannot cancel delivery request 2: ${why}`);
    await as.pauser.unpauseTransfers();
    await as.custodian.rejectDelivery({ requestId: 1n, reason: "instructions incomplete" });
    await as.investorA.cancelDelivery({ requestId: 2n });
    const [back] = await as.outsider.getBalances({ owner: address.investorA });
    expect(back!.balance.format()).to.equal("100.000 t Cu");
  });

  it("releaseDelivery sends a frozen holder's pending units to the wallet the compliance officer names", async function () {
    const f = await load();
    await request(f);
    await f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorA, frozen: true });
    const r = await f.platform.as.compliance.releaseDelivery({ requestId: 1n, to: f.platform.address.investorB, reason: "holder frozen" });
    expect([r.lotId, r.holder, r.to, r.amount.format()]).to.deep.equal([f.copper, f.platform.address.investorA, f.platform.address.investorB, "20.000 t Cu"]);
    const read = await f.platform.as.outsider.getDelivery({ requestId: 1n });
    expect([read.status, read.outcomeRef]).to.deep.equal(["released", "holder frozen"]);
    const holdings = await f.platform.as.outsider.getBalances({ owner: f.platform.address.investorB });
    expect(holdings.map((h) => [h.lotId, h.balance.format()])).to.deep.equal([[f.copper, "20.000 t Cu"]]);
  });

  it("releaseDelivery refuses anyone but a compliance officer, a decided request and a receiver the lot's rules refuse, before anything is sent", async function () {
    const f = await load();
    await request(f);
    await expectDeliveryRefused(
      f,
      () => f.platform.as.custodian.releaseDelivery({ requestId: 1n, to: f.platform.address.investorB, reason: "holder frozen" }),
      "not-compliance",
      `Cannot release delivery request 1: only a compliance officer may, not ${shortAddress(f.platform.address.custodian)}`,
    );
    const before = await chainState(f.platform);
    const error = await rejection(f.platform.as.compliance.releaseDelivery({ requestId: 1n, to: f.platform.address.outsider, reason: "holder frozen" }));
    expect(error).to.be.instanceOf(DeliveryRefusedError);
    expect((error as DeliveryRefusedError).reason).to.equal("receiver-not-verified");
    expect((error as DeliveryRefusedError).shortMessage).to.match(/^Cannot release delivery request 1: /);
    await expectChainUnchanged(f.platform, before);
    await f.platform.as.investorA.cancelDelivery({ requestId: 1n });
    await expectDeliveryRefused(
      f,
      () => f.platform.as.compliance.releaseDelivery({ requestId: 1n, to: f.platform.address.investorB, reason: "holder frozen" }),
      "not-pending",
      "Cannot release delivery request 1: it is already cancelled",
    );
    await expectInvalidArgument(f.platform.as.compliance.releaseDelivery({ requestId: 1n, to: f.platform.deployment.contracts.DeliveryEscrow!, reason: "x" }), "to");
  });

  it("confirmDelivery, cancelDelivery and releaseDelivery refuse an id no request has, before anything is sent", async function () {
    const f = await load();
    await request(f);
    await expectDeliveryRefused(f, () => f.platform.as.custodian.confirmDelivery({ requestId: 2n, deliveryRef: "X" }), "unknown-request", "Cannot confirm delivery request 2: no delivery request has id 2");
    await expectDeliveryRefused(f, () => f.platform.as.investorA.cancelDelivery({ requestId: 2n }), "unknown-request", "Cannot cancel delivery request 2: no delivery request has id 2");
    await expectDeliveryRefused(
      f,
      () => f.platform.as.compliance.releaseDelivery({ requestId: 2n, to: f.platform.address.investorB, reason: "x" }),
      "unknown-request",
      "Cannot release delivery request 2: no delivery request has id 2",
    );
    const error = await rejection(f.platform.as.outsider.getDelivery({ requestId: 2n }));
    expect((error as Error & { shortMessage: string }).shortMessage).to.equal("Cannot read delivery request 2: No delivery request has id 2");
  });

  it("requestDelivery refuses an empty instructions reference and a request id of 0 before reading anything", async function () {
    const f = await load();
    await expectInvalidArgument(f.platform.as.investorA.requestDelivery({ lotId: f.copper, amount: t("20"), instructionsRef: " " }), "instructionsRef");
    await expectInvalidArgument(f.platform.as.investorA.cancelDelivery({ requestId: 0n }), "requestId");
  });
});
