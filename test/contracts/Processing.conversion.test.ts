import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { expireKyc, now, setRules, updateInvestor } from "./helpers/compliance.ts";
import { InvestorClass, Reason, bytes32 } from "./helpers/fixtures.ts";
import { MAGNITUDE } from "./helpers/proceeds.ts";
import {
  HOLDINGS,
  OUTSTANDING,
  PAYABLE,
  type ProcessingFixture,
  cathode,
  deployProcessingFixture,
  goldBars,
  GOLD_CONTAINED_MG,
  mulDiv,
  nextLot,
  output,
} from "./helpers/processing.ts";

// Carrying holders into a step's outputs: a holder sends its units of a consumed lot to the processing contract and
// receives its share of every output at once. Shares are computed on cumulative totals, so that whatever the order
// and size of the conversions, all holders together receive exactly what the step minted for them: no dust, no share
// lost. Where an output's rules refuse a holder its units are held for it: it claims them when it may, compliance
// releases them to a wallet it names, or it redeems them at the proceeds vault once the output is sold.

const { networkHelpers } = await network.create();

/** Lot A split 60/40 into two shipments; lot B untouched. */
async function deploySplitFixture(connection: Parameters<typeof deployProcessingFixture>[0]) {
  const f = await deployProcessingFixture(connection);
  const first = 1_411_602n;
  const outputs = [await nextLot(f), (await nextLot(f)) + 1n] as const;
  await f.processing.connect(f.actors.issuer).split(f.lotA, [output(f, first), output(f, PAYABLE - first)]);
  return { ...f, outputs, shares: [first, PAYABLE - first] as const };
}
type SplitFixture = Awaited<ReturnType<typeof deploySplitFixture>>;
const load = () => networkHelpers.loadFixture(deploySplitFixture);

const convert = (f: ProcessingFixture, holder: HardhatEthersSigner, units: bigint, lotId = f.lotA) =>
  f.token.connect(holder).safeTransferFrom(holder.address, f.processingAddress, lotId, units, "0x");

/** What the next conversion of `units` delivers of an output whose share is `share`, after `before` converted. */
const cumulative = (before: bigint, units: bigint, share: bigint) => mulDiv(before + units, share, PAYABLE) - mulDiv(before, share, PAYABLE);

/** Makes the holder's units of output `lotId` refused to it: its class falls below the output's minimum. */
async function refuseOutputTo(f: SplitFixture, holder: HardhatEthersSigner, lotId: bigint) {
  await setRules(f, lotId, { minClass: InvestorClass.Institutional });
  await updateInvestor(f, holder.address, { investorClass: InvestorClass.Accredited });
}

describe("LotProcessing conversions", function () {
  it("holders convert in any order and sizes, each receiving its cumulative share of every output; together they receive exactly what the step minted", async function () {
    const f = await load();
    let converted = 0n;
    const received = new Map<string, bigint[]>();
    for (const [holder, units] of [
      [f.third, 137n],
      [f.holder, HOLDINGS.holder],
      [f.third, HOLDINGS.third - 137n],
      [f.investor, HOLDINGS.investor],
    ] as const) {
      const expected = f.shares.map((share) => cumulative(converted, units, share));
      await expect(convert(f, holder, units))
        .to.emit(f.processing, "UnitsConverted")
        .withArgs(f.lotA, holder.address, units)
        .and.to.emit(f.processing, "OutputDelivered")
        .withArgs(f.outputs[0], holder.address, expected[0], false)
        .and.to.emit(f.processing, "OutputDelivered")
        .withArgs(f.outputs[1], holder.address, expected[1], false);
      converted += units;
      const sums = received.get(holder.address) ?? [0n, 0n];
      received.set(holder.address, sums.map((sum, j) => sum + expected[j]!));
    }
    for (const [j, lotId] of f.outputs.entries()) {
      for (const [address, sums] of received) expect(await f.token.balanceOf(address, lotId)).to.equal(sums[j]);
      // Nothing left here: the holders took every unit minted for them.
      expect(await f.token.balanceOf(f.processingAddress, lotId)).to.equal(0n);
      expect(await f.token.totalSupply(lotId)).to.equal(mulDiv(OUTSTANDING, f.shares[j]!, PAYABLE));
    }
    expect(await f.token.totalSupply(f.lotA)).to.equal(0n);
    expect((await f.processing.conversionOf(f.lotA)).converted).to.equal(OUTSTANDING);
    const lot = await f.registry.getLot(f.lotA);
    expect(lot.burnedQuantity).to.equal(OUTSTANDING);
  });

  it("previewConversion says what a conversion of that many units would deliver now, and caps it at the units left", async function () {
    const f = await load();
    const [outputs, amounts] = await f.processing.previewConversion(f.lotA, 250n);
    expect(outputs).to.deep.equal([...f.outputs]);
    expect(amounts).to.deep.equal(f.shares.map((share) => cumulative(0n, 250n, share)));
    const [, all] = await f.processing.previewConversion(f.lotA, 10n ** 30n);
    expect(all).to.deep.equal(f.shares.map((share) => mulDiv(OUTSTANDING, share, PAYABLE)));
    await convert(f, f.holder, 250n);
    const after = await f.token.balanceOf(f.holder.address, f.outputs[0]);
    expect(after).to.equal(amounts[0]);
    await expect(f.processing.previewConversion(f.lotB, 1n)).to.be.revertedWithCustomError(f.processing, "NotConsumed").withArgs(f.lotB);
  });

  it("a refined lot's holders receive the product and the by-product at once", async function () {
    const f = await networkHelpers.loadFixture(deployProcessingFixture);
    const produced = mulDiv(PAYABLE, 9_650n, 10_000n);
    const [cu, au] = [await nextLot(f), (await nextLot(f)) + 1n];
    await f.processing.connect(f.actors.refiner).process([f.lotA], cathode(f, produced), [goldBars(f, GOLD_CONTAINED_MG)]);
    await convert(f, f.holder, HOLDINGS.holder);
    expect(await f.token.balanceOf(f.holder.address, cu)).to.equal(mulDiv(HOLDINGS.holder, produced, PAYABLE));
    expect(await f.token.balanceOf(f.holder.address, au)).to.equal(mulDiv(HOLDINGS.holder, GOLD_CONTAINED_MG, PAYABLE));
  });

  it("an approved operator converts for a holder, who receives the outputs", async function () {
    const f = await load();
    const operator = f.stranger;
    await f.token.connect(f.holder).setApprovalForAll(operator.address, true);
    await f.token.connect(operator).safeTransferFrom(f.holder.address, f.processingAddress, f.lotA, 100n, "0x");
    expect(await f.token.balanceOf(f.holder.address, f.outputs[0])).to.equal(cumulative(0n, 100n, f.shares[0]));
    expect(await f.token.balanceOf(operator.address, f.outputs[0])).to.equal(0n);
  });

  describe("refused conversions", function () {
    it("units of a lot no step consumed are refused", async function () {
      const f = await load();
      await expect(convert(f, f.holder, 1n, f.lotB)).to.be.revertedWithCustomError(f.processing, "NotConsumed").withArgs(f.lotB);
    });

    it("units sent by a platform account, or in a batch, are refused: a conversion is a holder's own, one lot at a time", async function () {
      const f = await load();
      const platform = f.stranger;
      await f.registrar.connect(f.actors.admin).setPlatformAccount(platform.address, true);
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, platform.address, f.lotA, 10n, "0x");
      await expect(convert(f, platform, 10n))
        .to.be.revertedWithCustomError(f.processing, "ConversionNotByHolder")
        .withArgs(f.lotA, platform.address, platform.address);
      await expect(f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.processingAddress, [f.lotA], [10n], "0x"))
        .to.be.revertedWithCustomError(f.processing, "ConversionNotByHolder")
        .withArgs(f.lotA, f.holder.address, f.holder.address);
    });

    it("the receiver hook refuses any caller but the token", async function () {
      const f = await load();
      await expect(f.processing.connect(f.holder).onERC1155Received(f.holder.address, f.holder.address, f.lotA, 1n, "0x"))
        .to.be.revertedWithCustomError(f.processing, "NotLotToken")
        .withArgs(f.holder.address);
    });

    it("a frozen holder cannot convert, nor convert frozen units; zero units convert nothing", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lotA, HOLDINGS.holder);
      await expect(convert(f, f.holder, 1n)).to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance");
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
      await expect(convert(f, f.investor, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderFrozen, f.investor.address, f.processingAddress, f.lotA, 1n);
      await expect(convert(f, f.third, 0n)).to.be.revertedWithCustomError(f.token, "ZeroAmount").withArgs(f.lotA);
    });
  });

  describe("held units", function () {
    it("a holder whose KYC lapsed still converts (an exit); its outputs are held for it, and it claims them once renewed", async function () {
      const f = await load();
      await expireKyc(f, f.holder.address);
      const expected = f.shares.map((share) => cumulative(0n, HOLDINGS.holder, share));
      await expect(convert(f, f.holder, HOLDINGS.holder))
        .to.emit(f.processing, "OutputDelivered")
        .withArgs(f.outputs[0], f.holder.address, expected[0], true);
      expect(await f.processing.heldOf(f.outputs[0], f.holder.address)).to.equal(expected[0]);
      await expect(f.processing.connect(f.holder).claimHeld(f.outputs[0]))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverKycExpired, f.processingAddress, f.holder.address, f.outputs[0], expected[0]);
      await updateInvestor(f, f.holder.address, { kycExpiry: (await now(f)) + 365n * 86_400n });
      await expect(f.processing.connect(f.holder).claimHeld(f.outputs[0]))
        .to.emit(f.processing, "HeldUnitsReleased")
        .withArgs(f.outputs[0], f.holder.address, f.holder.address, expected[0], bytes32(""));
      expect(await f.token.balanceOf(f.holder.address, f.outputs[0])).to.equal(expected[0]);
      expect(await f.processing.heldOf(f.outputs[0], f.holder.address)).to.equal(0n);
      await expect(f.processing.connect(f.holder).claimHeld(f.outputs[0]))
        .to.be.revertedWithCustomError(f.processing, "NothingHeld")
        .withArgs(f.outputs[0], f.holder.address);
    });

    describe("releaseHeld", function () {
      async function loadHeld() {
        const f = await load();
        await refuseOutputTo(f, f.holder, f.outputs[0]);
        await convert(f, f.holder, HOLDINGS.holder);
        return f;
      }

      shouldRefuseToEveryRoleExcept<SplitFixture>(["compliance"], {
        load: loadHeld,
        call: (f, caller) => f.processing.connect(caller).releaseHeld(f.outputs[0], f.holder.address, f.investor.address, bytes32("COURT ORDER 2026-91")),
        succeeds: async (f, tx) => {
          const held = cumulative(0n, HOLDINGS.holder, f.shares[0]);
          await expect(tx)
            .to.emit(f.processing, "HeldUnitsReleased")
            .withArgs(f.outputs[0], f.holder.address, f.investor.address, held, bytes32("COURT ORDER 2026-91"));
          await tx;
          expect(await f.token.balanceOf(f.investor.address, f.outputs[0])).to.equal(held);
        },
        refusal: (f, caller) => ({ contract: f.processing, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.COMPLIANCE] }),
      });

      it("releaseHeld refuses no reason, the holder itself, the zero address, the contract itself and a holder with nothing held", async function () {
        const f = await loadHeld();
        const asCompliance = f.processing.connect(f.actors.compliance);
        const lotId = f.outputs[0];
        await expect(asCompliance.releaseHeld(lotId, f.holder.address, f.investor.address, bytes32("")))
          .to.be.revertedWithCustomError(f.processing, "InvalidHeldRelease")
          .withArgs(lotId, f.investor.address);
        for (const to of [f.holder.address, "0x0000000000000000000000000000000000000000", f.processingAddress]) {
          await expect(asCompliance.releaseHeld(lotId, f.holder.address, to, bytes32("X"))).to.be.revertedWithCustomError(f.processing, "InvalidHeldRelease").withArgs(lotId, to);
        }
        await expect(asCompliance.releaseHeld(lotId, f.third.address, f.investor.address, bytes32("X")))
          .to.be.revertedWithCustomError(f.processing, "NothingHeld")
          .withArgs(lotId, f.third.address);
      });
    });

    it("redeemHeld: once the output lot is sold, a holder refused its units redeems them at the vault and is paid its share", async function () {
      const f = await load();
      const lotId = f.outputs[0];
      await refuseOutputTo(f, f.holder, lotId);
      await convert(f, f.holder, HOLDINGS.holder);
      const held = await f.processing.heldOf(lotId, f.holder.address);
      await expect(f.processing.connect(f.holder).redeemHeld(lotId)).to.be.revertedWithCustomError(f.processing, "OutputNotSelling").withArgs(lotId);

      const usd = await f.connection.ethers.deployContract("TestStablecoin");
      await usd.mint(f.actors.treasury.address, 10n ** 12n);
      await usd.connect(f.actors.treasury).approve(await f.vault.getAddress(), 2n ** 255n);
      await f.registry.connect(f.actors.issuer).startSettlement(lotId, id("SALE-PK-CU-2027"), await usd.getAddress(), f.actors.treasury.address);
      await expect(f.processing.connect(f.holder).redeemHeld(lotId))
        .to.emit(f.processing, "HeldUnitsRedeemed")
        .withArgs(lotId, f.holder.address, held)
        .and.to.emit(f.vault, "UnitsRedeemed")
        .withArgs(lotId, f.holder.address, held, held);
      expect((await f.vault.getPosition(lotId, f.holder.address)).units).to.equal(held);
      await f.vault.connect(f.actors.treasury).deposit(lotId, 1_000_000_000n);
      const acc = (await f.vault.getLotProceeds(lotId)).proceeds.accPerUnit;
      await f.vault.connect(f.holder).claim(lotId);
      expect(await usd.balanceOf(f.holder.address)).to.equal((held * acc) / MAGNITUDE);
      await expect(f.processing.connect(f.holder).redeemHeld(lotId)).to.be.revertedWithCustomError(f.processing, "NothingHeld").withArgs(lotId, f.holder.address);
    });
  });
});
