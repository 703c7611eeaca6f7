import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { AbiCoder, ZeroAddress, ZeroHash } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { shouldRefuseToEveryRoleExcept, shouldRequireRole } from "./helpers/behaviours.ts";
import { type ComplianceFixture, deployComplianceFixture, expireKyc, holdersOf, now, setRules } from "./helpers/compliance.ts";
import { ACTORS, LotState, Reason, bytes32, registerInvestor, saleTerms } from "./helpers/fixtures.ts";

// Physical delivery through the real platform: the holder sends units to the escrow (a platform account) with a
// reference of its delivery instructions; the lot's current custodian confirms (the units are burned) or rejects (they
// go back); the holder may cancel while the request is pending.

const { networkHelpers } = await network.create();

const Status = { None: 0, Pending: 1, Delivered: 2, Rejected: 3, Cancelled: 4, Released: 5 } as const;
const MINIMUM = 100n;
const AMOUNT = 300n;
const INSTRUCTIONS = bytes32("DLV-2025-0001");
const DELIVERY_REF = bytes32("RELEASE-NOTE-77");
const REASON = bytes32("INSTRUCTIONS INCOMPLETE");
const RELEASE_REASON = bytes32("HOLDER FROZEN: CASE 2026-14");
const encodeRef = (ref: string): string => AbiCoder.defaultAbiCoder().encode(["bytes32"], [ref]);

async function deployDeliveryFixture(c: NetworkConnection) {
  const f = await deployComplianceFixture(c);
  const escrow = await c.ethers.deployContract("DeliveryEscrow", [await f.registry.getAddress(), await f.token.getAddress()]);
  const escrowAddress = await escrow.getAddress();
  await f.registrar.connect(f.actors.admin).setPlatformAccount(escrowAddress, true);
  await f.registry.connect(f.actors.admin).bindDelivery(escrowAddress);
  await escrow.connect(f.actors.issuer).setMinimumDelivery(f.lot, MINIMUM);
  return { ...f, escrow, escrowAddress };
}
type Fixture = Awaited<ReturnType<typeof deployDeliveryFixture>>;
const load = () => networkHelpers.loadFixture(deployDeliveryFixture);

/** The holder sends `amount` units of `lot` to the escrow with `data` (by default the instructions reference). */
const send = (f: Fixture, from: HardhatEthersSigner, amount = AMOUNT, lot = f.lot, data = encodeRef(INSTRUCTIONS)) =>
  f.token.connect(from).safeTransferFrom(from.address, f.escrowAddress, lot, amount, data);

/** A fixture with one pending request (id 1) of `AMOUNT` units by the holder. */
async function loadWithRequest(): Promise<Fixture> {
  const f = await load();
  await send(f, f.holder);
  return f;
}

/** Refusal of a custodian-only call: the lot's custodian may, another custodian is not the lot's, the rest lack the role. */
const custodianRefusal = (f: Fixture, caller: HardhatEthersSigner) =>
  caller.address === f.actors.otherCustodian.address
    ? { contract: f.escrow, error: "NotLotCustodian", args: [1n, f.lot, caller.address, f.actors.custodian.address] }
    : { contract: f.escrow, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.CUSTODIAN] };

describe("DeliveryEscrow", function () {
  describe("setMinimumDelivery", function () {
    shouldRequireRole<Fixture>("issuer", "ISSUER", {
      load,
      contract: (f) => f.escrow,
      call: (f, caller) => f.escrow.connect(caller).setMinimumDelivery(f.lot, 250n),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.escrow, "MinimumDeliverySet").withArgs(f.lot, 250n, caller.address);
        expect(await f.escrow.minimumDelivery(f.lot)).to.equal(250n);
      },
    });

    it("setMinimumDelivery reverts for a lot that is not registered", async function () {
      const f = await load();
      await expect(f.escrow.connect(f.actors.issuer).setMinimumDelivery(f.unknownLot, 1n))
        .to.be.revertedWithCustomError(f.registry, "UnknownLot")
        .withArgs(f.unknownLot);
    });

    it("a minimum of 0 stops offering delivery of the lot", async function () {
      const f = await load();
      await f.escrow.connect(f.actors.issuer).setMinimumDelivery(f.lot, 0n);
      await expect(send(f, f.holder)).to.be.revertedWithCustomError(f.escrow, "DeliveryNotOffered").withArgs(f.lot);
    });
  });

  describe("requesting delivery (sending units to the escrow)", function () {
    it("locks the units and records a pending request, in one transaction and without approval", async function () {
      const f = await load();
      const tx = send(f, f.holder);
      await expect(tx).to.emit(f.escrow, "DeliveryRequested").withArgs(1n, f.lot, f.holder.address, AMOUNT, INSTRUCTIONS);
      const request = await f.escrow.getRequest(1n);
      expect(request.holder).to.equal(f.holder.address);
      expect(request.lotId).to.equal(f.lot);
      expect(request.amount).to.equal(AMOUNT);
      expect(request.instructionsRef).to.equal(INSTRUCTIONS);
      expect(request.status).to.equal(Status.Pending);
      expect(request.requestedAt).to.equal(await now(f));
      expect(request.decidedAt).to.equal(0n);
      expect(await f.escrow.requestCount()).to.equal(1n);
      expect(await f.escrow.pendingUnits(f.lot)).to.equal(AMOUNT);
      expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(AMOUNT);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n - AMOUNT);
    });

    it("the escrow is never counted as a holder: the count drops when a holder sends all its units, and returns on cancel", async function () {
      const f = await load();
      expect(await holdersOf(f, f.lot)).to.equal(1n);
      await send(f, f.holder, 1_000n);
      expect(await holdersOf(f, f.lot)).to.equal(0n);
      await f.escrow.connect(f.holder).cancelDelivery(1n);
      expect(await holdersOf(f, f.lot)).to.equal(1n);
    });

    it("reverts with BelowMinimumDelivery when the amount is below the lot's minimum", async function () {
      const f = await load();
      await expect(send(f, f.holder, MINIMUM - 1n))
        .to.be.revertedWithCustomError(f.escrow, "BelowMinimumDelivery")
        .withArgs(f.lot, MINIMUM - 1n, MINIMUM);
      expect(await f.escrow.requestCount()).to.equal(0n);
    });

    it("accepts exactly the minimum", async function () {
      const f = await load();
      await expect(send(f, f.holder, MINIMUM)).to.emit(f.escrow, "DeliveryRequested");
    });

    it("reverts with DeliveryNotOffered for a lot with no minimum set", async function () {
      const f = await load();
      const other = f.lots.InTransit;
      await expect(send(f, f.holder, AMOUNT, other)).to.be.revertedWithCustomError(f.escrow, "DeliveryNotOffered").withArgs(other);
    });

    it("reverts with LotNotWarehoused when the lot is in transit", async function () {
      const f = await load();
      await f.escrow.connect(f.actors.issuer).setMinimumDelivery(f.lots.InTransit, MINIMUM);
      await expect(send(f, f.holder, AMOUNT, f.lots.InTransit))
        .to.be.revertedWithCustomError(f.escrow, "LotNotWarehoused")
        .withArgs(f.lots.InTransit, LotState.InTransit);
    });

    it("reverts with LotTradingStopped when the lot is settling", async function () {
      const f = await load();
      await f.escrow.connect(f.actors.issuer).setMinimumDelivery(f.lots.Settling, MINIMUM);
      await expect(send(f, f.holder, AMOUNT, f.lots.Settling))
        .to.be.revertedWithCustomError(f.escrow, "LotTradingStopped")
        .withArgs(f.lots.Settling);
    });

    it("reverts with InstructionsRefRequired when no instructions reference comes with the units", async function () {
      const f = await load();
      await expect(send(f, f.holder, AMOUNT, f.lot, "0x")).to.be.revertedWithCustomError(f.escrow, "InstructionsRefRequired").withArgs(f.lot, 0n);
      await expect(send(f, f.holder, AMOUNT, f.lot, encodeRef(ZeroHash)))
        .to.be.revertedWithCustomError(f.escrow, "InstructionsRefRequired")
        .withArgs(f.lot, 32n);
    });

    it("reverts with BatchRefused for a batch transfer", async function () {
      const f = await load();
      await expect(
        f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.escrowAddress, [f.lot], [AMOUNT], encodeRef(INSTRUCTIONS)),
      )
        .to.be.revertedWithCustomError(f.escrow, "BatchRefused")
        .withArgs(1n);
    });

    it("reverts with MintRefused when units are minted straight to the escrow", async function () {
      const f = await load();
      await expect(f.token.connect(f.actors.issuer).mint(f.escrowAddress, f.lot, AMOUNT, encodeRef(INSTRUCTIONS)))
        .to.be.revertedWithCustomError(f.escrow, "MintRefused")
        .withArgs(f.lot, AMOUNT);
    });

    it("onERC1155Received reverts with CallerNotToken when called by anything but the token", async function () {
      const f = await load();
      const { outsider } = f.actors;
      await expect(f.escrow.connect(outsider).onERC1155Received(outsider.address, outsider.address, f.lot, AMOUNT, encodeRef(INSTRUCTIONS)))
        .to.be.revertedWithCustomError(f.escrow, "CallerNotToken")
        .withArgs(outsider.address);
    });

    it("a holder whose KYC lapsed can still request delivery", async function () {
      const f = await load();
      await expireKyc(f, f.holder.address);
      await expect(send(f, f.holder)).to.emit(f.escrow, "DeliveryRequested").withArgs(1n, f.lot, f.holder.address, AMOUNT, INSTRUCTIONS);
    });

    it("a frozen holder cannot request delivery", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await expect(send(f, f.holder))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderFrozen, f.holder.address, f.escrowAddress, f.lot, AMOUNT);
    });

    it("the lot's lock-up binds a delivery request", async function () {
      const f = await load();
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 86_400n });
      await expect(send(f, f.holder))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.LockedUp, f.holder.address, f.escrowAddress, f.lot, AMOUNT);
    });

    it("frozen units cannot be sent for delivery", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, 1_000n - AMOUNT + 1n);
      await expect(send(f, f.holder)).to.be.revertedWithCustomError(f.token, "ERC7943InsufficientUnfrozenBalance");
    });
  });

  describe("confirmDelivery", function () {
    shouldRefuseToEveryRoleExcept<Fixture>(["custodian"], {
      load: loadWithRequest,
      call: (f, caller) => f.escrow.connect(caller).confirmDelivery(1n, DELIVERY_REF),
      refusal: custodianRefusal,
      succeeds: async (f, tx, caller) => {
        const burnedBefore = (await f.registry.getLot(f.lot)).burnedQuantity;
        await expect(tx).to.emit(f.escrow, "DeliveryConfirmed").withArgs(1n, f.lot, caller.address, AMOUNT, DELIVERY_REF);
        await expect(tx).to.emit(f.token, "UnitsBurned").withArgs(f.lot, f.escrowAddress, AMOUNT, f.escrowAddress);
        const request = await f.escrow.getRequest(1n);
        expect(request.status).to.equal(Status.Delivered);
        expect(request.outcomeRef).to.equal(DELIVERY_REF);
        expect(request.decidedAt).to.equal(await now(f));
        expect((await f.registry.getLot(f.lot)).burnedQuantity).to.equal(burnedBefore + AMOUNT);
        expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(0n);
        expect(await f.escrow.pendingUnits(f.lot)).to.equal(0n);
      },
    });

    it("confirmDelivery records the metal that left: the delivered quantity grows, the attestation falls, mint capacity stays", async function () {
      const f = await loadWithRequest();
      const before = await f.registry.getLot(f.lot);
      const mintable = await f.registry.mintableQuantity(f.lot);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.emit(f.registry, "DeliveryRecorded")
        .withArgs(f.lot, AMOUNT, AMOUNT, before.attestedQuantity - AMOUNT);
      const after = await f.registry.getLot(f.lot);
      expect(after.deliveredQuantity).to.equal(AMOUNT);
      expect(after.attestedQuantity).to.equal(before.attestedQuantity - AMOUNT);
      expect(await f.registry.mintableQuantity(f.lot)).to.equal(mintable);
    });

    it("after a delivery the custodian attests what it holds without inflating it, and capacity never comes back", async function () {
      const f = await loadWithRequest();
      await f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF);
      const lot = await f.registry.getLot(f.lot);
      const outstanding = lot.mintedQuantity - lot.burnedQuantity; // the units still backed by metal in the warehouse
      // It may attest exactly the metal behind the units still outstanding: no figure inflated by what left.
      await f.registry.connect(f.actors.custodian).attestCustody(f.lot, outstanding, bytes32("Antofagasta W3"));
      expect(await f.registry.mintableQuantity(f.lot)).to.equal(0n);
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lot, outstanding - 1n, bytes32("Antofagasta W3")))
        .to.be.revertedWithCustomError(f.registry, "AttestationBelowMinted")
        .withArgs(f.lot, outstanding - 1n, outstanding);
      // It can never attest the delivered metal again: the ceiling is the payable quantity less what left.
      const ceiling = lot.payableQuantity - lot.deliveredQuantity;
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lot, ceiling + 1n, bytes32("Antofagasta W3")))
        .to.be.revertedWithCustomError(f.registry, "AttestationExceedsPayable")
        .withArgs(f.lot, ceiling + 1n, ceiling);
      // And an arrival elsewhere counts the same way.
      await f.registry.connect(f.actors.custodian).dispatchLot(f.lot, f.actors.otherCustodian.address, bytes32("Port Qasim"));
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lot, bytes32("Port Qasim"), outstanding);
      expect((await f.registry.getLot(f.lot)).attestedQuantity).to.equal(outstanding);
    });

    it("confirmDelivery reverts while the lot is in transit: the dispatching custodian no longer holds the metal", async function () {
      const f = await loadWithRequest();
      await f.registry.connect(f.actors.custodian).dispatchLot(f.lot, f.actors.otherCustodian.address, bytes32("Port Qasim"));
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "LotNotWarehoused")
        .withArgs(f.lot, LotState.InTransit);
      expect((await f.escrow.getRequest(1n)).status).to.equal(Status.Pending);
      // It can still be rejected (the units go back), or confirmed by the custodian that receives the lot.
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lot, bytes32("Port Qasim"), (await f.registry.getLot(f.lot)).attestedQuantity);
      await f.escrow.connect(f.actors.otherCustodian).confirmDelivery(1n, DELIVERY_REF);
    });

    it("confirmDelivery reverts once the lot is sold (settling): the request is rejected or cancelled and the units redeemed instead", async function () {
      const f = await loadWithRequest();
      await f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("SALE"), ...(await saleTerms(f)));
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "LotNotWarehoused")
        .withArgs(f.lot, LotState.Settling);
      await f.escrow.connect(f.holder).cancelDelivery(1n);
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
    });

    it("confirmDelivery reverts while the holder's account is frozen, even when the freeze came after the request", async function () {
      const f = await loadWithRequest();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "DeliveryHolderFrozen")
        .withArgs(1n, f.holder.address);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, false);
      await f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF);
    });

    it("confirmDelivery reverts while units frozen for the holder reach into the request's units", async function () {
      const f = await loadWithRequest();
      const wallet = await f.token.balanceOf(f.holder.address, f.lot);
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, wallet + 1n);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "DeliveryUnitsFrozen")
        .withArgs(1n, f.holder.address, wallet + 1n, wallet);
      // A freeze the wallet balance covers does not reach the request.
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, wallet);
      await f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF);
    });

    it("confirmDelivery reverts when called by the holder", async function () {
      const f = await loadWithRequest();
      await expect(f.escrow.connect(f.holder).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "AccessControlUnauthorizedAccount")
        .withArgs(f.holder.address, f.roles.CUSTODIAN);
    });

    it("confirmDelivery follows the lot's current custodian after the lot moves to another warehouse", async function () {
      const f = await loadWithRequest();
      await f.registry.connect(f.actors.custodian).dispatchLot(f.lot, f.actors.otherCustodian.address, bytes32("Rotterdam"));
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lot, bytes32("Rotterdam"), (await f.registry.getLot(f.lot)).attestedQuantity);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "NotLotCustodian")
        .withArgs(1n, f.lot, f.actors.custodian.address, f.actors.otherCustodian.address);
      await expect(f.escrow.connect(f.actors.otherCustodian).confirmDelivery(1n, DELIVERY_REF)).to.emit(f.escrow, "DeliveryConfirmed");
    });

    it("confirmDelivery reverts with RequestNotPending when the request was already decided", async function () {
      const f = await loadWithRequest();
      await f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Delivered);
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Delivered);
      await expect(f.escrow.connect(f.holder).cancelDelivery(1n))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Delivered);
    });

    it("confirmDelivery reverts with UnknownRequest for an id no request has", async function () {
      const f = await loadWithRequest();
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(2n, DELIVERY_REF))
        .to.be.revertedWithCustomError(f.escrow, "UnknownRequest")
        .withArgs(2n);
      await expect(f.escrow.getRequest(2n)).to.be.revertedWithCustomError(f.escrow, "UnknownRequest").withArgs(2n);
    });
  });

  describe("rejectDelivery", function () {
    shouldRefuseToEveryRoleExcept<Fixture>(["custodian"], {
      load: loadWithRequest,
      call: (f, caller) => f.escrow.connect(caller).rejectDelivery(1n, REASON),
      refusal: custodianRefusal,
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.escrow, "DeliveryRejected").withArgs(1n, f.lot, caller.address, f.holder.address, AMOUNT, REASON);
        const request = await f.escrow.getRequest(1n);
        expect(request.status).to.equal(Status.Rejected);
        expect(request.outcomeRef).to.equal(REASON);
        expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
        expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(0n);
        expect(await f.escrow.pendingUnits(f.lot)).to.equal(0n);
      },
    });

    it("rejectDelivery gives a holder frozen since its request its units back, where the freeze binds them", async function () {
      const f = await loadWithRequest();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON)).to.emit(f.escrow, "DeliveryRejected");
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderFrozen, f.holder.address, f.investor.address, f.lot, 1n);
    });

    it("rejectDelivery gives a holder whose KYC lapsed since its request its units back: the exit guarantee holds", async function () {
      const f = await loadWithRequest();
      await expireKyc(f, f.holder.address);
      expect(await f.token.canReceive(f.holder.address)).to.equal(false);
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON)).to.emit(f.escrow, "DeliveryRejected");
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
      // Back in its wallet it may exit again (a new request), though not trade.
      await send(f, f.holder);
      expect((await f.escrow.getRequest(2n)).status).to.equal(Status.Pending);
    });

    it("rejectDelivery waits while transfers are paused or the lot is on hold, and the request stays pending", async function () {
      const f = await loadWithRequest();
      await f.token.connect(f.actors.pauser).pause();
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.Paused, f.escrowAddress, f.holder.address, f.lot, AMOUNT);
      expect((await f.escrow.getRequest(1n)).status).to.equal(Status.Pending);
      await f.token.connect(f.actors.pauser).unpause();
      await f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON);
    });

    it("rejectDelivery returns the units even after the lot started settling", async function () {
      const f = await loadWithRequest();
      await f.registry.connect(f.actors.issuer).startSettlement(f.lot, bytes32("SALE"), ...(await saleTerms(f)));
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON)).to.emit(f.escrow, "DeliveryRejected");
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
    });
  });

  describe("cancelDelivery", function () {
    it("the holder cancels its pending request and gets its units back", async function () {
      const f = await loadWithRequest();
      await expect(f.escrow.connect(f.holder).cancelDelivery(1n))
        .to.emit(f.escrow, "DeliveryCancelled")
        .withArgs(1n, f.lot, f.holder.address, AMOUNT);
      const request = await f.escrow.getRequest(1n);
      expect(request.status).to.equal(Status.Cancelled);
      expect(request.decidedAt).to.equal(await now(f));
      expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n);
      expect(await f.escrow.pendingUnits(f.lot)).to.equal(0n);
    });

    for (const actor of ACTORS) {
      it(`cancelDelivery reverts with NotRequestHolder when called by ${actor}`, async function () {
        const f = await loadWithRequest();
        const caller = f.actors[actor];
        await expect(f.escrow.connect(caller).cancelDelivery(1n))
          .to.be.revertedWithCustomError(f.escrow, "NotRequestHolder")
          .withArgs(1n, caller.address, f.holder.address);
      });
    }

    it("cancelDelivery reverts with NotRequestHolder when called by another investor", async function () {
      const f = await loadWithRequest();
      await expect(f.escrow.connect(f.investor).cancelDelivery(1n))
        .to.be.revertedWithCustomError(f.escrow, "NotRequestHolder")
        .withArgs(1n, f.investor.address, f.holder.address);
    });

    it("cancelDelivery reverts with RequestNotPending after a rejection", async function () {
      const f = await loadWithRequest();
      await f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON);
      await expect(f.escrow.connect(f.holder).cancelDelivery(1n))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Rejected);
    });
  });

  describe("releaseDelivery", function () {
    /** Releases request `id` to `to` as `caller`. */
    const release = (f: Fixture, caller: HardhatEthersSigner, to = f.investor.address, id = 1n, reason = RELEASE_REASON) =>
      f.escrow.connect(caller).releaseDelivery(id, to, reason);

    shouldRefuseToEveryRoleExcept<Fixture>(["compliance"], {
      load: loadWithRequest,
      call: (f, caller) => release(f, caller),
      refusal: (f, caller) => ({ contract: f.escrow, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.COMPLIANCE] }),
      succeeds: async (f, tx, caller) => {
        const investorBefore = await f.token.balanceOf(f.investor.address, f.lot);
        await expect(tx)
          .to.emit(f.escrow, "DeliveryReleased")
          .withArgs(1n, f.lot, caller.address, f.holder.address, f.investor.address, AMOUNT, RELEASE_REASON);
        await expect(tx).to.emit(f.token, "TransferSingle").withArgs(f.escrowAddress, f.escrowAddress, f.investor.address, f.lot, AMOUNT);
        const request = await f.escrow.getRequest(1n);
        expect(request.status).to.equal(Status.Released);
        expect(request.outcomeRef).to.equal(RELEASE_REASON);
        expect(request.decidedAt).to.equal(await now(f));
        expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(investorBefore + AMOUNT);
        expect(await f.token.balanceOf(f.holder.address, f.lot)).to.equal(1_000n - AMOUNT);
        expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(0n);
        expect(await f.escrow.pendingUnits(f.lot)).to.equal(0n);
      },
    });

    it("releaseDelivery reverts when called by the request's holder", async function () {
      const f = await loadWithRequest();
      await expect(release(f, f.holder, f.holder.address))
        .to.be.revertedWithCustomError(f.escrow, "AccessControlUnauthorizedAccount")
        .withArgs(f.holder.address, f.roles.COMPLIANCE);
    });

    it("releaseDelivery settles the request of a frozen holder, which the custodian may not confirm, to another wallet", async function () {
      const f = await loadWithRequest();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF)).to.be.revertedWithCustomError(f.escrow, "DeliveryHolderFrozen");
      await expect(release(f, f.actors.compliance)).to.emit(f.escrow, "DeliveryReleased");
      expect((await f.escrow.getRequest(1n)).status).to.equal(Status.Released);
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(AMOUNT);
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Released);
    });

    it("releaseDelivery reverts with the receiver's compliance reason when the wallet is not verified, and the request stays pending", async function () {
      const f = await loadWithRequest();
      const { outsider } = f.actors;
      await expect(release(f, f.actors.compliance, outsider.address))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.ReceiverNotVerified, f.escrowAddress, outsider.address, f.lot, AMOUNT);
      expect((await f.escrow.getRequest(1n)).status).to.equal(Status.Pending);
      expect(await f.escrow.pendingUnits(f.lot)).to.equal(AMOUNT);
    });

    it("releaseDelivery reverts with InvalidReleaseReceiver for the zero address or the escrow itself", async function () {
      const f = await loadWithRequest();
      await expect(release(f, f.actors.compliance, ZeroAddress))
        .to.be.revertedWithCustomError(f.escrow, "InvalidReleaseReceiver")
        .withArgs(1n, ZeroAddress);
      await expect(release(f, f.actors.compliance, f.escrowAddress))
        .to.be.revertedWithCustomError(f.escrow, "InvalidReleaseReceiver")
        .withArgs(1n, f.escrowAddress);
    });

    it("releaseDelivery reverts with ReleaseReasonRequired when no reason is given", async function () {
      const f = await loadWithRequest();
      await expect(release(f, f.actors.compliance, f.investor.address, 1n, ZeroHash))
        .to.be.revertedWithCustomError(f.escrow, "ReleaseReasonRequired")
        .withArgs(1n);
    });

    it("releaseDelivery reverts with RequestNotPending when the request was already decided", async function () {
      const f = await loadWithRequest();
      await f.escrow.connect(f.holder).cancelDelivery(1n);
      await expect(release(f, f.actors.compliance))
        .to.be.revertedWithCustomError(f.escrow, "RequestNotPending")
        .withArgs(1n, Status.Cancelled);
    });

    it("releaseDelivery reverts with UnknownRequest for an id no request has", async function () {
      const f = await loadWithRequest();
      await expect(release(f, f.actors.compliance, f.investor.address, 2n))
        .to.be.revertedWithCustomError(f.escrow, "UnknownRequest")
        .withArgs(2n);
    });
  });

  describe("hostile holders", function () {
    async function loadHostile() {
      const f = await load();
      const hostile = await f.connection.ethers.deployContract("DeliveryHolder", [await f.token.getAddress(), f.escrowAddress]);
      const hostileAddress = await hostile.getAddress();
      await registerInvestor(f, hostileAddress);
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, hostileAddress, f.lot, 400n, "0x");
      await hostile.getFunction("request")(f.lot, 200n, INSTRUCTIONS); // request 1
      await send(f, f.holder); // request 2, an honest holder
      return { ...f, hostile, hostileAddress };
    }

    it("a holder reentering cancelDelivery while its units come back cannot get them twice", async function () {
      const f = await loadHostile();
      await f.hostile.getFunction("setMode")(1, 1n); // Reenter, cancelling request 1 again
      await f.hostile.getFunction("cancel")(1n);
      expect(await f.hostile.getFunction("reentered")()).to.equal(0n);
      const guard = f.escrow.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      expect(await f.hostile.getFunction("reentryError")()).to.equal(guard);
      expect(await f.token.balanceOf(f.hostileAddress, f.lot)).to.equal(400n);
      expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(AMOUNT);
      expect(await f.escrow.pendingUnits(f.lot)).to.equal(AMOUNT);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(2n, DELIVERY_REF)).to.emit(f.escrow, "DeliveryConfirmed");
      expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(0n);
    });

    it("a holder refusing its returned units blocks only its own rejection, not other requests", async function () {
      const f = await loadHostile();
      await f.hostile.getFunction("setMode")(2, 0n); // Refuse
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(1n, REASON)).to.be.revertedWithCustomError(f.hostile, "UnitsRefused");
      await expect(f.escrow.connect(f.actors.custodian).rejectDelivery(2n, REASON)).to.emit(f.escrow, "DeliveryRejected");
      expect((await f.escrow.getRequest(1n)).status).to.equal(Status.Pending);
      expect(await f.escrow.pendingUnits(f.lot)).to.equal(200n);
      await expect(f.escrow.connect(f.actors.custodian).confirmDelivery(1n, DELIVERY_REF)).to.emit(f.escrow, "DeliveryConfirmed");
      expect(await f.token.balanceOf(f.escrowAddress, f.lot)).to.equal(0n);
    });
  });
});
