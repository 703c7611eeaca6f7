import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress, id } from "ethers";
import { network } from "hardhat";

import { redeemUnits } from "./helpers/proceeds.ts";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import {
  COPPER_LOT,
  DocType,
  LotState,
  MINTED_WAREHOUSED,
  ZERO_BYTES32,
  bytes32,
  deployLotsFixture,
  type LotsFixture, saleTerms } from "./helpers/fixtures.ts";

// A lot in transit can always be recovered, and every lot with no units outstanding can reach RETIRED:
// the issuer recalls a lot whose receiving custodian never confirms, redirects it to another custodian, or
// withdraws a lot with nothing outstanding. On arrival the receiving custodian attests what it holds, and that
// attestation (not the previous custodian's) caps minting from then on.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployLotsFixture);

const REASON = bytes32("receiver lost its key");
const DESTINATION = bytes32("Port of Arica W2");

/** The lots fixture plus a third custodian, holding CUSTODIAN_ROLE and none of the lots. */
async function withThirdCustodian(): Promise<LotsFixture & { thirdCustodian: HardhatEthersSigner }> {
  const f = await load();
  const thirdCustodian = f.wallets[0]!;
  await f.registry.connect(f.actors.admin).grantRole(f.roles.CUSTODIAN, thirdCustodian.address);
  return { ...f, thirdCustodian };
}

/** Takes every unit the fixture's holder has of `lotId` out of the lot (handed to a platform account that burns them). */
async function burnAll(f: LotsFixture, lotId: bigint): Promise<void> {
  const balance = await f.token.balanceOf(f.holder.address, lotId);
  if (balance > 0n) await redeemUnits(f, f.holder, lotId, balance);
}

describe("LotRegistry recovery and arrival attestation", function () {
  describe("recallLot", function () {
    it("recallLot puts a lot in transit back in the warehouse with the custodian that dispatched it", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      const tx = f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      await expect(tx)
        .to.emit(f.registry, "LotRecalled")
        .withArgs(lotId, f.actors.custodian.address, f.actors.otherCustodian.address, REASON);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.InTransit, LotState.Warehoused);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Warehoused);
      expect(lot.custodian).to.equal(f.actors.custodian.address);
      expect(lot.pendingCustodian).to.equal(ZeroAddress);
      expect(lot.updatedAt).to.equal(await time.latest());
      // The pre-journey attestation is kept on record but no longer lets anything be minted.
      expect(lot.attestedQuantity).to.equal(COPPER_LOT.payableKg);
      expect(await f.registry.awaitingAttestation(lotId)).to.equal(true);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });

    it("recallLot reverts when the reason is empty", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.issuer).recallLot(f.lots.InTransit, ZERO_BYTES32))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("reason", 0n);
    });

    it("mint reverts after a recall until the custodian attests the lot again", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "AttestationRequired")
        .withArgs(lotId, f.actors.custodian.address);

      const counted = 1_500_000n;
      await f.registry.connect(f.actors.custodian).attestCustody(lotId, counted, bytes32("Antofagasta W3"));
      expect(await f.registry.awaitingAttestation(lotId)).to.equal(false);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(counted - MINTED_WAREHOUSED);
      await f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, counted - MINTED_WAREHOUSED, "0x");
      expect((await f.registry.getLot(lotId)).mintedQuantity).to.equal(counted);
    });

    it("confirmArrival reverts for the receiving custodian once the lot was recalled", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      await expect(
        f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, bytes32("Rotterdam 4"), COPPER_LOT.payableKg),
      )
        .to.be.revertedWithCustomError(f.registry, "InvalidLotState")
        .withArgs(lotId, LotState.Warehoused, LotState.InTransit);
    });

    it("a recalled lot dispatched again is attested afresh on arrival", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      await f.registry.connect(f.actors.custodian).dispatchLot(lotId, f.actors.otherCustodian.address, DESTINATION);
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, DESTINATION, 3_000n);
      expect(await f.registry.awaitingAttestation(lotId)).to.equal(false);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(3_000n - MINTED_WAREHOUSED);
    });

    describe("recallLot is refused to every role but the issuer", function () {
      shouldRefuseToEveryRoleExcept(["issuer"], {
        load,
        call: (f, caller) => f.registry.connect(caller).recallLot(f.lots.InTransit, REASON),
        succeeds: async (f, tx) => {
          await expect(tx)
            .to.emit(f.registry, "LotRecalled")
            .withArgs(f.lots.InTransit, f.actors.custodian.address, f.actors.otherCustodian.address, REASON);
          const lot = await f.registry.getLot(f.lots.InTransit);
          expect([lot.state, lot.pendingCustodian]).to.deep.equal([BigInt(LotState.Warehoused), ZeroAddress]);
        },
        refusal: (f, caller) => ({
          contract: f.registry,
          error: "AccessControlUnauthorizedAccount",
          args: [caller.address, f.roles.ISSUER],
        }),
      });
    });
  });

  describe("redirectLot", function () {
    it("redirectLot names a new receiving custodian and keeps the lot in transit", async function () {
      const f = await withThirdCustodian();
      const lotId = f.lots.InTransit;
      const reason = bytes32("port strike at Rotterdam");
      const tx = f.registry.connect(f.actors.issuer).redirectLot(lotId, f.thirdCustodian.address, DESTINATION, reason);
      await expect(tx)
        .to.emit(f.registry, "LotRedirected")
        .withArgs(lotId, f.actors.otherCustodian.address, f.thirdCustodian.address, DESTINATION, reason);
      await expect(tx).not.to.emit(f.registry, "LotStateChanged");

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.InTransit);
      expect(lot.custodian).to.equal(f.actors.custodian.address);
      expect(lot.pendingCustodian).to.equal(f.thirdCustodian.address);
      expect(lot.updatedAt).to.equal(await time.latest());
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });

    it("after a redirect only the new receiving custodian can confirm arrival", async function () {
      const f = await withThirdCustodian();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).redirectLot(lotId, f.thirdCustodian.address, DESTINATION, REASON);
      await expect(
        f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, bytes32("Rotterdam 4"), COPPER_LOT.payableKg),
      )
        .to.be.revertedWithCustomError(f.registry, "NotPendingCustodian")
        .withArgs(lotId, f.actors.otherCustodian.address, f.thirdCustodian.address);

      await expect(f.registry.connect(f.thirdCustodian).confirmArrival(lotId, DESTINATION, 2_000_000n))
        .to.emit(f.registry, "LotArrived")
        .withArgs(lotId, f.thirdCustodian.address, DESTINATION);
      const lot = await f.registry.getLot(lotId);
      expect(lot.custodian).to.equal(f.thirdCustodian.address);
      expect(lot.attestedQuantity).to.equal(2_000_000n);
      expect(await f.registry.hasHeldLot(lotId, f.thirdCustodian.address)).to.equal(true);
      expect(await f.registry.hasHeldLot(lotId, f.actors.otherCustodian.address)).to.equal(false);
    });

    it("redirectLot reverts when the new receiver does not hold CUSTODIAN_ROLE", async function () {
      const f = await load();
      for (const account of [f.actors.outsider.address, f.actors.issuer.address, ZeroAddress]) {
        await expect(f.registry.connect(f.actors.issuer).redirectLot(f.lots.InTransit, account, DESTINATION, REASON))
          .to.be.revertedWithCustomError(f.registry, "NotACustodian")
          .withArgs(account);
      }
    });

    it("redirectLot reverts when the destination is empty", async function () {
      const f = await load();
      await expect(
        f.registry
          .connect(f.actors.issuer)
          .redirectLot(f.lots.InTransit, f.actors.custodian.address, ZERO_BYTES32, REASON),
      )
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("destination", 0n);
    });

    it("redirectLot reverts when the reason is empty", async function () {
      const f = await load();
      await expect(
        f.registry
          .connect(f.actors.issuer)
          .redirectLot(f.lots.InTransit, f.actors.custodian.address, DESTINATION, ZERO_BYTES32),
      )
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("reason", 0n);
    });

    describe("redirectLot is refused to every role but the issuer", function () {
      shouldRefuseToEveryRoleExcept(["issuer"], {
        load,
        call: (f, caller) =>
          f.registry.connect(caller).redirectLot(f.lots.InTransit, f.actors.custodian.address, DESTINATION, REASON),
        succeeds: async (f, tx) => {
          await expect(tx)
            .to.emit(f.registry, "LotRedirected")
            .withArgs(f.lots.InTransit, f.actors.otherCustodian.address, f.actors.custodian.address, DESTINATION, REASON);
          const lot = await f.registry.getLot(f.lots.InTransit);
          expect([lot.state, lot.pendingCustodian]).to.deep.equal([BigInt(LotState.InTransit), f.actors.custodian.address]);
        },
        refusal: (f, caller) => ({
          contract: f.registry,
          error: "AccessControlUnauthorizedAccount",
          args: [caller.address, f.roles.ISSUER],
        }),
      });
    });
  });

  describe("withdrawLot", function () {
    for (const state of ["Registered", "Assayed", "Warehoused"] as const) {
      it(`withdrawLot retires a ${state} lot with no units outstanding and emits LotWithdrawn with the reason`, async function () {
        const f = await load();
        const lotId = f.lots[state];
        await burnAll(f, lotId);
        const reason = bytes32("assayer licence revoked");
        const tx = f.registry.connect(f.actors.issuer).withdrawLot(lotId, reason);
        await expect(tx).to.emit(f.registry, "LotWithdrawn").withArgs(lotId, LotState[state], reason);
        await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState[state], LotState.Retired);
        await expect(tx).not.to.emit(f.registry, "LotRetired");
        const lot = await f.registry.getLot(lotId);
        expect(lot.state).to.equal(LotState.Retired);
        expect(lot.updatedAt).to.equal(await time.latest());
        expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
      });
    }

    it("withdrawLot reverts with the exact outstanding units while any unit of the lot is unburned", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      await expect(f.registry.connect(f.actors.issuer).withdrawLot(lotId, REASON))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(lotId, MINTED_WAREHOUSED);
      await redeemUnits(f, f.holder, lotId, MINTED_WAREHOUSED - 1n);
      await expect(f.registry.connect(f.actors.issuer).withdrawLot(lotId, REASON))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(lotId, 1n);
    });

    it("withdrawLot reverts when the reason is empty", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.issuer).withdrawLot(f.lots.Registered, ZERO_BYTES32))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("reason", 0n);
    });

    it("a withdrawn lot can be neither minted nor documented", async function () {
      const f = await load();
      const lotId = f.lots.Assayed;
      await f.registry.connect(f.actors.issuer).withdrawLot(lotId, REASON);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotState")
        .withArgs(lotId, LotState.Retired, LotState.Warehoused);
      await expect(
        f.registry.connect(f.actors.issuer).addDocument(lotId, DocType.Other, id("late"), "", await time.latest()),
      )
        .to.be.revertedWithCustomError(f.registry, "LotAlreadyRetired")
        .withArgs(lotId);
    });

    describe("withdrawLot is refused to every role but the issuer", function () {
      shouldRefuseToEveryRoleExcept(["issuer"], {
        load,
        call: (f, caller) => f.registry.connect(caller).withdrawLot(f.lots.Registered, REASON),
        succeeds: async (f, tx) => {
          await expect(tx).to.emit(f.registry, "LotWithdrawn").withArgs(f.lots.Registered, LotState.Registered, REASON);
          expect((await f.registry.getLot(f.lots.Registered)).state).to.equal(BigInt(LotState.Retired));
        },
        refusal: (f, caller) => ({
          contract: f.registry,
          error: "AccessControlUnauthorizedAccount",
          args: [caller.address, f.roles.ISSUER],
        }),
      });
    });
  });

  describe("confirmArrival attests the quantity received", function () {
    it("confirmArrival reverts when the attested quantity is zero", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lots.InTransit, DESTINATION, 0n))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("attestedQuantity", 0n);
    });

    it("confirmArrival reverts when the attested quantity exceeds the payable quantity", async function () {
      const f = await load();
      await expect(
        f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lots.InTransit, DESTINATION, COPPER_LOT.payableKg + 1n),
      )
        .to.be.revertedWithCustomError(f.registry, "AttestationExceedsPayable")
        .withArgs(f.lots.InTransit, COPPER_LOT.payableKg + 1n, COPPER_LOT.payableKg);
    });

    it("confirmArrival reverts when the attested quantity is below the units already minted", async function () {
      const f = await load();
      await expect(
        f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lots.InTransit, DESTINATION, MINTED_WAREHOUSED - 1n),
      )
        .to.be.revertedWithCustomError(f.registry, "AttestationBelowMinted")
        .withArgs(f.lots.InTransit, MINTED_WAREHOUSED - 1n, MINTED_WAREHOUSED);
    });

    it("confirmArrival floors the attestation at the units minted, not at those still outstanding", async function () {
      // Burned units gave up their claim, but their metal never left the lot: a custodian that counts less than
      // what was minted reports a loss, which the registry does not let an arrival hide.
      const f = await load();
      const lotId = f.lots.InTransit;
      await redeemUnits(f, f.holder, lotId, 400n);
      await expect(f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, DESTINATION, 600n))
        .to.be.revertedWithCustomError(f.registry, "AttestationBelowMinted")
        .withArgs(lotId, 600n, MINTED_WAREHOUSED);
    });

    it("confirmArrival accepts an attestation of exactly the units minted, after which nothing more may be minted", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, DESTINATION, MINTED_WAREHOUSED);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, 1n, 0n);
    });

    it("a loss in transit: the new custodian attests less, and minting is capped by its figure, not the old one", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      // Dispatched with the whole payable quantity attested and 1,000 kg minted; 52,670 kg are lost on the way.
      expect((await f.registry.getLot(lotId)).attestedQuantity).to.equal(COPPER_LOT.payableKg);
      const received = COPPER_LOT.payableKg - 52_670n;
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, DESTINATION, received);

      const available = received - MINTED_WAREHOUSED;
      expect((await f.registry.getLot(lotId)).attestedQuantity).to.equal(received);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(available);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, available + 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, available + 1n, available);
      await f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, available, "0x");
      expect((await f.registry.getLot(lotId)).mintedQuantity).to.equal(received);
    });

    it("after arrival the previous custodian can no longer re-attest the lot", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, DESTINATION, 5_000n);
      await expect(
        f.registry.connect(f.actors.custodian).attestCustody(lotId, COPPER_LOT.payableKg, bytes32("Antofagasta W3")),
      )
        .to.be.revertedWithCustomError(f.registry, "NotLotCustodian")
        .withArgs(lotId, f.actors.custodian.address, f.actors.otherCustodian.address);
      expect((await f.registry.getLot(lotId)).attestedQuantity).to.equal(5_000n);
    });
  });

  describe("scenarios", function () {
    it("the receiving custodian never confirms: the issuer recalls, the custodian re-attests, the lot is settled and retired", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      // The receiving custodian's key is lost: its role is revoked while the lot is on its way.
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.CUSTODIAN, f.actors.otherCustodian.address);
      await f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      await f.registry.connect(f.actors.custodian).attestCustody(lotId, COPPER_LOT.payableKg, bytes32("Antofagasta W3"));
      await burnAll(f, lotId); // before settlement: a settling lot's units are redeemed, not burned by investors
      await f.registry.connect(f.actors.issuer).startSettlement(lotId, id("SALE-2026-CU-114"), ...(await saleTerms(f)));
      await expect(f.registry.connect(f.actors.issuer).retireLot(lotId)).to.emit(f.registry, "LotRetired").withArgs(lotId);
      expect((await f.registry.getLot(lotId)).state).to.equal(LotState.Retired);
    });

    it("a lot in transit with no units outstanding is recalled and withdrawn straight to RETIRED", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await burnAll(f, lotId);
      await f.registry.connect(f.actors.issuer).recallLot(lotId, REASON);
      // No new attestation is needed to withdraw: nothing is minted any more.
      await expect(f.registry.connect(f.actors.issuer).withdrawLot(lotId, bytes32("shipment cancelled")))
        .to.emit(f.registry, "LotStateChanged")
        .withArgs(lotId, LotState.Warehoused, LotState.Retired);
    });

    it("the issuer redirects the lot and the new custodian confirms it with its own count", async function () {
      const f = await withThirdCustodian();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).redirectLot(lotId, f.thirdCustodian.address, DESTINATION, REASON);
      await f.registry.connect(f.thirdCustodian).confirmArrival(lotId, DESTINATION, 10_000n);
      await f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 10_000n - MINTED_WAREHOUSED, "0x");
      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Warehoused);
      expect(lot.custodian).to.equal(f.thirdCustodian.address);
      expect(lot.mintedQuantity).to.equal(10_000n);
    });

    it("a registered lot whose assayer is gone is withdrawn to RETIRED", async function () {
      const f = await load();
      const lotId = f.lots.Registered;
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.ASSAYER, f.actors.assayer.address);
      await f.registry.connect(f.actors.issuer).withdrawLot(lotId, bytes32("assayer licence revoked"));
      expect((await f.registry.getLot(lotId)).state).to.equal(LotState.Retired);
    });
  });
});
