import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { type ComplianceFixture, HELD, deployComplianceFixture, setRules } from "./helpers/compliance.ts";
import { InvestorClass, Reason, bytes32, saleTerms } from "./helpers/fixtures.ts";

// The token knows when a lot stops trading: the registry tells it when the lot moves to SETTLING (and RETIRED), and
// from then on ordinary transfers between investors are refused with LotSettling (investors redeem at the proceeds
// vault, which burns; they never burn units themselves), while transfers to or from platform accounts, burns by
// platform accounts of their own units and forced transfers remain possible.

const { networkHelpers } = await network.create();

interface SettlingFixture extends ComplianceFixture {
  platform: HardhatEthersSigner;
}

async function deploySettlingFixture(connection: Parameters<typeof deployComplianceFixture>[0]): Promise<SettlingFixture> {
  const f = await deployComplianceFixture(connection);
  const platform = f.wallets[5]!;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(platform.address, true);
  await f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("OFFTAKE-1"), ...(await saleTerms(f)));
  return { ...f, platform };
}
const load = () => networkHelpers.loadFixture(deploySettlingFixture);
const loadTrading = () => networkHelpers.loadFixture(deployComplianceFixture);

const send = (f: ComplianceFixture, from: HardhatEthersSigner, to: string, amount: bigint) =>
  f.token.connect(from).safeTransferFrom(from.address, to, f.lot, amount, "0x");

describe("Compliance: a settling or retired lot stops trading", function () {
  it("startSettlement tells the token, which emits TradingStopped and reports tradingStopped in the lot's rules", async function () {
    const f = await loadTrading();
    expect((await f.token.getLotRules(f.lot)).tradingStopped).to.equal(false);
    await expect(f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("OFFTAKE-1"), ...(await saleTerms(f))))
      .to.emit(f.token, "TradingStopped")
      .withArgs(f.lot);
    expect((await f.token.getLotRules(f.lot)).tradingStopped).to.equal(true);
  });

  it("retireLot tells the token again once every unit is burned", async function () {
    const f = await load();
    await send(f, f.holder, f.platform.address, HELD.lot);
    await f.token.connect(f.platform).burn(f.platform.address, f.lot, HELD.lot);
    await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.token, "TradingStopped").withArgs(f.lot);
    expect((await f.token.getLotRules(f.lot)).tradingStopped).to.equal(true);
  });

  it("a transfer between investors reverts with LotSettling, and transferStatus says so", async function () {
    const f = await load();
    expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, 10n)).to.equal(Reason.LotSettling);
    await expect(send(f, f.holder, f.investor.address, 10n))
      .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
      .withArgs(Reason.LotSettling, f.holder.address, f.investor.address, f.lot, 10n);
  });

  it("a holder can still hand its units to a platform account, which can hand them on or burn them", async function () {
    const f = await load();
    await send(f, f.holder, f.platform.address, 30n);
    await send(f, f.platform, f.investor.address, 5n); // e.g. a rejected delivery returned
    await f.token.connect(f.platform).burn(f.platform.address, f.lot, 10n); // e.g. a redemption or a confirmed delivery
    expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot - 30n);
    expect(await f.token.balanceOf(f.platform.address, f.lot)).to.equal(15n);
    expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(5n);
  });

  it("an investor cannot burn units itself (burning is a platform account's): it redeems them instead", async function () {
    const f = await load();
    expect(await f.token.transferStatus(f.holder.address, ZeroAddress, f.lot, 10n)).to.equal(Reason.ReceiverNotVerified);
    await expect(f.token.connect(f.holder).burn(f.holder.address, f.lot, 10n))
      .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
      .withArgs(f.holder.address, f.holder.address);
    await expect(f.token.connect(f.holder).burnBatch(f.holder.address, [f.otherLots[0], f.lot], [1n, 10n]))
      .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
      .withArgs(f.holder.address, f.holder.address);
    expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot);
  });

  it("a forced transfer still goes through", async function () {
    const f = await load();
    await f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, 10n);
    expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(10n);
  });

  it("other lots keep trading", async function () {
    const f = await load();
    await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.otherLots[0], 10n, "0x");
    expect(await f.token.balanceOf(f.investor.address, f.otherLots[0])).to.equal(10n);
  });

  it("the packed rules keep each flag apart: a hold, the allowed-countries switch and the settling flag", async function () {
    const f = await load();
    await setRules(f, f.lot, { restrictCountries: true, minClass: InvestorClass.Accredited, maxHolders: 9, lockupEnd: 7n, minHolding: 3n });
    await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, bytes32("pledge"));
    let rules = await f.token.getLotRules(f.lot);
    expect([rules.restrictCountries, rules.onHold, rules.tradingStopped]).to.deep.equal([true, true, true]);
    expect([rules.minClass, rules.maxHolders, rules.holders, rules.lockupEnd, rules.minHolding]).to.deep.equal([
      BigInt(InvestorClass.Accredited), 9n, 1n, 7n, 3n,
    ]);
    await f.token.connect(f.actors.compliance).setLotHold(f.lot, false, bytes32(""));
    await setRules(f, f.lot, {});
    rules = await f.token.getLotRules(f.lot);
    expect([rules.restrictCountries, rules.onHold, rules.tradingStopped]).to.deep.equal([false, false, true]);
  });

  describe("LotToken.stopTrading", function () {
    shouldRefuseToEveryRoleExcept<ComplianceFixture>([], {
      load: loadTrading,
      call: (f, caller) => f.token.connect(caller).stopTrading(f.lot),
      refusal: (f, caller) => ({ contract: f.token, error: "CallerNotRegistry", args: [caller.address] }),
    });
  });
});
