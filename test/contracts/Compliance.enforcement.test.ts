import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  AMOUNT,
  type ComplianceFixture,
  HELD,
  SITUATIONS,
  type Situation,
  UNFROZEN_IN_SITUATION,
  deployComplianceFixture,
  eventNames,
  holdersOf,
  now,
  setRules,
} from "./helpers/compliance.ts";
import { InvestorClass, Reason, ZERO_BYTES32, bytes32, registerInvestor } from "./helpers/fixtures.ts";

// Every path that moves units (transfer, batch transfer, mint, an exit to a platform account that burns them, a batch
// exit, forced transfer) passes through the token's one `_update` hook: for each refusal situation, each path is
// refused with the exact error, or goes through where the rule does not concern it. Then the details of forced
// transfers. Investors never burn units themselves: burning is a platform account's, of its own units.

const { networkHelpers, ethers } = await network.create();
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

type Kind = "transfer" | "mint" | "exit" | "forced";

interface Path {
  name: string;
  kind: Kind;
  run: (f: ComplianceFixture) => Promise<ContractTransactionResponse>;
  /** The lot and amount the error names, for a rule on every lot ("account") or on the lot under test ("lot"). */
  reported: (f: ComplianceFixture, scope: Situation["scope"]) => { lotId: bigint; amount: bigint };
}

const PATHS: readonly Path[] = [
  {
    name: "safeTransferFrom",
    kind: "transfer",
    run: (f) => f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, AMOUNT, "0x"),
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
  {
    // Two lots that trade: the fixture's third lot is settling, where transfers between investors stop.
    name: "safeBatchTransferFrom of two lots",
    kind: "transfer",
    run: (f) =>
      f.token
        .connect(f.holder)
        .safeBatchTransferFrom(f.holder.address, f.investor.address, [f.otherLots[0], f.lot], [1n, AMOUNT], "0x"),
    // An account rule stops the first lot of the batch; a lot rule stops the lot under test.
    reported: (f, scope) =>
      scope === "account" ? { lotId: f.otherLots[0], amount: 1n } : { lotId: f.lot, amount: AMOUNT },
  },
  {
    name: "safeBatchTransferFrom naming the lot twice",
    kind: "transfer",
    run: (f) =>
      f.token
        .connect(f.holder)
        .safeBatchTransferFrom(
          f.holder.address,
          f.investor.address,
          [f.lot, f.otherLots[0], f.lot],
          [4n, 1n, AMOUNT - 4n],
          "0x",
        ),
    // The two entries of the lot are judged as one movement of their sum.
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
  {
    name: "mint",
    kind: "mint",
    run: (f) => f.token.connect(f.actors.issuer).mint(f.investor.address, f.lot, AMOUNT, "0x"),
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
  {
    name: "an exit (safeTransferFrom to a platform account that burns them)",
    kind: "exit",
    run: (f) => f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, AMOUNT, "0x"),
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
  {
    name: "an exit of two lots (safeBatchTransferFrom to a platform account that burns them)",
    kind: "exit",
    run: (f) =>
      f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.burner, [f.otherLots[0], f.lot], [1n, AMOUNT], "0x"),
    reported: (f, scope) =>
      scope === "account" ? { lotId: f.otherLots[0], amount: 1n } : { lotId: f.lot, amount: AMOUNT },
  },
  {
    name: "forcedTransfer",
    kind: "forced",
    run: (f) =>
      f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, AMOUNT),
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
  {
    name: "forcedTransferWithReason",
    kind: "forced",
    run: (f) =>
      f.token
        .connect(f.actors.compliance)
        .forcedTransferWithReason(f.holder.address, f.investor.address, f.lot, AMOUNT, "court order 2025/17"),
    reported: (f) => ({ lotId: f.lot, amount: AMOUNT }),
  },
];

function isStopped(situation: Situation, kind: Kind): boolean {
  return kind === "transfer" ? true : situation.stops[kind];
}

/** The parties a path names in its error and its expected balance changes of the lot under test. */
function parties(
  f: ComplianceFixture,
  kind: Kind,
): { from: string; to: string; holderDelta: bigint; investorDelta: bigint } {
  switch (kind) {
    case "mint":
      return { from: ZeroAddress, to: f.investor.address, holderDelta: 0n, investorDelta: AMOUNT };
    case "exit":
      return { from: f.holder.address, to: f.burner, holderDelta: -AMOUNT, investorDelta: 0n };
    default:
      return { from: f.holder.address, to: f.investor.address, holderDelta: -AMOUNT, investorDelta: AMOUNT };
  }
}

describe("Compliance enforcement: every path that moves units obeys every rule", function () {
  for (const situation of SITUATIONS) {
    describe(`when ${situation.title} (${situation.reason})`, function () {
      for (const path of PATHS) {
        const stopped = isStopped(situation, path.kind);
        it(`${path.name} ${stopped ? `reverts with ${situation.reason}` : "goes through"}`, async function () {
          const f = await load();
          await situation.setup(f);
          const { from, to, holderDelta, investorDelta } = parties(f, path.kind);
          const holderBefore = await f.token.balanceOf(f.holder.address, f.lot);
          const investorBefore = await f.token.balanceOf(f.investor.address, f.lot);

          if (!stopped) {
            await path.run(f);
            expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(holderBefore + holderDelta);
            expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(investorBefore + investorDelta);
            return;
          }
          const { lotId, amount } = path.reported(f, situation.scope);
          if (situation.reason === "InsufficientUnfrozenBalance") {
            await expect(path.run(f))
              .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
              .withArgs(f.holder.address, lotId, amount, UNFROZEN_IN_SITUATION);
          } else {
            await expect(path.run(f))
              .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
              .withArgs(Reason[situation.reason], from, to, lotId, amount);
          }
        });
      }
    });
  }

  describe("paths without a refusal", function () {
    for (const path of PATHS) {
      it(`${path.name} goes through when no rule applies`, async function () {
        const f = await load();
        const { holderDelta, investorDelta } = parties(f, path.kind);
        await path.run(f);
        expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot + holderDelta);
        expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(investorDelta);
      });
    }

    it("an approved operator that is not a registered investor may move a holder's units (it is no party)", async function () {
      const f = await load();
      expect(await f.token.canReceive(f.operator.address)).to.equal(false);
      await f.token.connect(f.holder).setApprovalForAll(f.operator.address, true);
      await f.token.connect(f.operator).safeTransferFrom(f.holder.address, f.investor.address, f.lot, AMOUNT, "0x");
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(AMOUNT);
    });

    it("safeTransferFrom to an unregistered wallet reverts even through an approved operator", async function () {
      const f = await load();
      await f.token.connect(f.holder).setApprovalForAll(f.operator.address, true);
      await expect(
        f.token.connect(f.operator).safeTransferFrom(f.holder.address, f.operator.address, f.lot, AMOUNT, "0x"),
      )
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverNotVerified, f.holder.address, f.operator.address, f.lot, AMOUNT);
    });

    it("a batch in which one lot breaks a rule moves none of its lots", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 1 });
      const ids = [f.otherLots[0], f.lot];
      await expect(
        f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.investor.address, ids, [1n, 1n], "0x"),
      ).to.be.revertedWithCustomError(f.token, "ComplianceViolation");
      expect(await f.token.balanceOfBatch([f.investor.address, f.investor.address], ids)).to.deep.equal([0n, 0n]);
    });
  });

  describe("frozen units on every path", function () {
    it("safeTransferFrom to oneself cannot move frozen units, as canTransfer says", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - 5n);
      expect(await f.token.canTransfer(f.holder.address, f.holder.address, f.lot, 6n)).to.equal(false);
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.holder.address, f.lot, 6n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 6n, 5n);
      expect(await f.token.canTransfer(f.holder.address, f.holder.address, f.lot, 5n)).to.equal(true);
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.holder.address, f.lot, 5n, "0x");
    });

    it("safeBatchTransferFrom naming a lot twice is refused when the sum, not each entry, exceeds the unfrozen units", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - 9n);
      await expect(
        f.token
          .connect(f.holder)
          .safeBatchTransferFrom(f.holder.address, f.investor.address, [f.lot, f.lot], [5n, 5n], "0x"),
      )
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 10n, 9n);
      await f.token
        .connect(f.holder)
        .safeBatchTransferFrom(f.holder.address, f.investor.address, [f.lot, f.lot], [5n, 4n], "0x");
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(9n);
    });

    it("a frozen amount above the balance stops every ordinary movement, even of one unit", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot + 1n);
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 1n, 0n);
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.burner, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(f.holder.address, f.lot, 1n, 0n);
      // Receiving is not sending: the holder may still be minted units, and they stay frozen up to the amount set.
      await f.token.connect(f.actors.issuer).mint(f.holder.address, f.lot, 3n, "0x");
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, 2n, "0x");
    });
  });

  describe("forcedTransfer", function () {
    it("forcedTransfer moves the units, returns true and emits TransferSingle then ForcedTransfer", async function () {
      const f = await load();
      const { compliance } = f.actors;
      expect(
        await f.token
          .connect(compliance)
          .forcedTransfer.staticCall(f.holder.address, f.investor.address, f.lot, AMOUNT),
      ).to.equal(true);
      const tx = f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, AMOUNT);
      await expect(tx)
        .to.emit(f.token, "TransferSingle")
        .withArgs(compliance.address, f.holder.address, f.investor.address, f.lot, AMOUNT);
      await expect(tx).to.emit(f.token, "ForcedTransfer").withArgs(f.holder.address, f.investor.address, f.lot, AMOUNT);
      await expect(tx).not.to.emit(f.token, "Frozen");
      expect(
        await eventNames(
          f,
          f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, 1n),
        ),
      ).to.deep.equal(["TransferSingle", "ForcedTransfer"]);
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(AMOUNT + 1n);
    });

    it("forcedTransferWithReason emits ForcedTransferReason with the legal ground after ForcedTransfer", async function () {
      const f = await load();
      const reason = "lost-wallet recovery, ticket 4411";
      const tx = f.token
        .connect(f.actors.compliance)
        .forcedTransferWithReason(f.holder.address, f.investor.address, f.lot, AMOUNT, reason);
      await expect(tx)
        .to.emit(f.token, "ForcedTransferReason")
        .withArgs(f.holder.address, f.investor.address, f.lot, AMOUNT, reason);
      expect(await eventNames(f, tx)).to.deep.equal(["TransferSingle", "ForcedTransfer", "ForcedTransferReason"]);
    });

    it("forcedTransfer of frozen units first lowers the frozen amount, emitting Frozen before TransferSingle", async function () {
      const f = await load();
      const { compliance } = f.actors;
      await f.token.connect(compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - 5n); // 5 unfrozen
      const tx = f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, 300n);
      await expect(tx)
        .to.emit(f.token, "Frozen")
        .withArgs(f.holder.address, f.lot, HELD.lot - 300n);
      expect(await eventNames(f, tx)).to.deep.equal(["Frozen", "TransferSingle", "ForcedTransfer"]);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot - 300n);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot - 300n);
    });

    // balance HELD.lot (1,000): the freeze drops by exactly the part of the forced amount that was frozen, the
    // unfrozen units moving first: max(0, amount - max(0, balance - frozen)).
    const FREEZE_CASES = [
      { frozen: 2_000n, amount: 100n, after: 1_900n, title: "a freeze above the balance loses only the 100 units moved" },
      { frozen: 1_000n, amount: 100n, after: 900n, title: "a freeze of the whole balance loses the 100 units moved" },
      { frozen: 950n, amount: 100n, after: 900n, title: "with 50 unfrozen, forcing 100 unfreezes 50" },
      { frozen: 900n, amount: 100n, after: 900n, title: "with exactly 100 unfrozen, forcing 100 leaves the freeze" },
      { frozen: 1_500n, amount: 1_000n, after: 500n, title: "forcing the whole balance keeps the freeze beyond it" },
      { frozen: 1_000n, amount: 1_000n, after: 0n, title: "forcing a wholly frozen balance clears the freeze" },
    ] as const;
    for (const c of FREEZE_CASES) {
      it(`forcedTransfer lowers the freeze by its frozen part: ${c.title} (${c.frozen} -> ${c.after})`, async function () {
        const f = await load();
        const { compliance } = f.actors;
        expect(HELD.lot).to.equal(1_000n);
        await f.token.connect(compliance).setFrozenTokens(f.holder.address, f.lot, c.frozen);
        const tx = f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, c.amount);
        const changes = c.after !== c.frozen;
        expect(await eventNames(f, tx)).to.deep.equal(
          changes ? ["Frozen", "TransferSingle", "ForcedTransfer"] : ["TransferSingle", "ForcedTransfer"],
        );
        expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(c.after);
        expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(HELD.lot - c.amount);
      });
    }

    it("forcedTransfer of zero units reverts with ZeroForcedTransfer and leaves a freeze above the balance", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await asCompliance.setFrozenTokens(f.holder.address, f.lot, HELD.lot * 3n);
      await expect(asCompliance.forcedTransfer(f.holder.address, f.investor.address, f.lot, 0n))
        .to.be.revertedWithCustomError(f.token, "ZeroForcedTransfer")
        .withArgs(f.holder.address, f.investor.address, f.lot);
      await expect(asCompliance.forcedTransferWithReason(f.holder.address, f.investor.address, f.lot, 0n, "order"))
        .to.be.revertedWithCustomError(f.token, "ZeroForcedTransfer")
        .withArgs(f.holder.address, f.investor.address, f.lot);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot * 3n);
    });

    it("forcedTransfer of only unfrozen units leaves the frozen amount and emits no Frozen", async function () {
      const f = await load();
      const { compliance } = f.actors;
      await f.token.connect(compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - 5n);
      await expect(
        f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, 5n),
      ).not.to.emit(f.token, "Frozen");
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot - 5n);
    });

    it("forcedTransfer of the whole balance of a frozen account during a pause, a hold and a lock-up", async function () {
      const f = await load();
      const { compliance } = f.actors;
      await f.token.connect(compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot * 2n);
      await f.registrar.connect(compliance).setAccountFrozen(f.holder.address, true);
      await f.token.connect(compliance).setLotHold(f.lot, true, bytes32("court order"));
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 86_400n });
      await f.token.connect(f.actors.pauser).pause();
      await f.registrar.connect(compliance).removeInvestor(f.holder.address);

      const tx = f.token.connect(compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, HELD.lot);
      expect(await eventNames(f, tx)).to.deep.equal(["Frozen", "TransferSingle", "ForcedTransfer"]);
      // Every unit moved was frozen, so the freeze drops by the balance; what was frozen beyond it still withholds.
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot);
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(HELD.lot);
      expect(await holdersOf(f, f.lot)).to.equal(1n);
    });

    it("forcedTransfer to a new investor is allowed at the holder limit when the sender leaves the lot", async function () {
      const f = await load();
      await setRules(f, f.lot, { maxHolders: 1 });
      await f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, HELD.lot);
      expect(await holdersOf(f, f.lot)).to.equal(1n);
    });

    it("forcedTransfer reverts for the zero sender or receiver with the ERC-7943 errors", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await expect(asCompliance.forcedTransfer(ZeroAddress, f.investor.address, f.lot, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotSend")
        .withArgs(ZeroAddress);
      await expect(asCompliance.forcedTransfer(f.holder.address, ZeroAddress, f.lot, 1n))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotReceive")
        .withArgs(ZeroAddress);
    });

    it("forcedTransfer reverts from a wallet to itself, and leaves the frozen amount alone", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await asCompliance.setFrozenTokens(f.holder.address, f.lot, HELD.lot);
      await expect(asCompliance.forcedTransfer(f.holder.address, f.holder.address, f.lot, AMOUNT))
        .to.be.revertedWithCustomError(f.token, "ERC7943CannotTransfer")
        .withArgs(f.holder.address, f.holder.address, f.lot, AMOUNT);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot);
    });

    it("forcedTransfer reverts when the sender's balance is short, and leaves the frozen amount alone", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await asCompliance.setFrozenTokens(f.holder.address, f.lot, HELD.lot);
      await expect(asCompliance.forcedTransfer(f.holder.address, f.investor.address, f.lot, HELD.lot + 1n))
        .to.be.revertedWithCustomError(f.token, "ERC1155InsufficientBalance")
        .withArgs(f.holder.address, HELD.lot, HELD.lot + 1n, f.lot);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot);
    });

    it("forcedTransfer to a wallet that is not registered reverts even with the sender's units frozen", async function () {
      const f = await load();
      const asCompliance = f.token.connect(f.actors.compliance);
      await asCompliance.setFrozenTokens(f.holder.address, f.lot, HELD.lot);
      const outsider = f.actors.outsider.address;
      await expect(asCompliance.forcedTransfer(f.holder.address, outsider, f.lot, AMOUNT))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverNotVerified, f.holder.address, outsider, f.lot, AMOUNT);
      expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(HELD.lot);
    });

    it("forcedTransfer to a contract that does not accept ERC-1155 units reverts", async function () {
      const f = await load();
      const receiver = await f.registry.getAddress();
      await registerInvestor(f, receiver);
      await expect(f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, receiver, f.lot, AMOUNT))
        .to.be.revertedWithCustomError(f.token, "ERC1155InvalidReceiver")
        .withArgs(receiver);
    });

    it("a receiver's ERC-1155 hook cannot ride a forced transfer: its own transfer during a pause is refused", async function () {
      const f = await load();
      const receiver = await ethers.deployContract("ReentrantReceiver", [await f.token.getAddress()]);
      const receiverAddress = await receiver.getAddress();
      await registerInvestor(f, receiverAddress, { investorClass: InvestorClass.Institutional });
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, receiverAddress, f.lot, 100n, "0x");
      await f.token.connect(f.actors.pauser).pause();
      // Outside a forced transfer, the pause stops the receiver from moving its units.
      await expect(receiver.getFunction("send")(f.investor.address, f.lot, 100n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.Paused, receiverAddress, f.investor.address, f.lot, 100n);

      // Inside the hook of a forced transfer to it, the same transfer must be refused just the same.
      await receiver.getFunction("arm")(receiverAddress, f.investor.address, f.lot, 100n);
      await f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, receiverAddress, f.lot, AMOUNT);
      expect(await receiver.getFunction("reentered")()).to.equal(false);
      const refusal = f.token.interface.parseError(await receiver.getFunction("reentryError")());
      expect(refusal?.name).to.equal("ComplianceViolation");
      expect(refusal?.args[0]).to.equal(BigInt(Reason.Paused));
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(0n);
      expect(await f.token.balanceOf(receiverAddress, f.lot)).to.equal(100n + AMOUNT);
    });

    it("forcedTransfer leaves later ordinary transfers in the same rules (no lasting bypass)", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, ZERO_BYTES32);
      await f.token.connect(f.actors.compliance).forcedTransfer(f.holder.address, f.investor.address, f.lot, AMOUNT);
      await expect(f.token.connect(f.investor).safeTransferFrom(f.investor.address, f.holder.address, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.LotOnHold, f.investor.address, f.holder.address, f.lot, 1n);
    });
  });
});
