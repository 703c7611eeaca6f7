import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import {
  COPPER_LOT,
  Commodity,
  Form,
  LotState,
  MINTED_WAREHOUSED,
  bytes32,
  copperRegistration,
  deployLotsFixture,
  type LotsFixture,
} from "./helpers/fixtures.ts";

// The contracts the registry binds once (offerings, delivery escrow, processing) and the hooks only each may call:
// reserving and releasing mint capacity, recording a delivery, consuming a lot and registering its products. Here a
// plain account stands bound in each contract's place, so that every hook's refusals can be reached directly.

const { networkHelpers } = await network.create();

interface BoundFixture extends LotsFixture {
  /** The account bound as the offerings contract, the delivery escrow and the processing contract. */
  bound: HardhatEthersSigner;
}

async function deployBoundFixture(connection: Parameters<typeof deployLotsFixture>[0]): Promise<BoundFixture> {
  const f = await deployLotsFixture(connection);
  const bound = f.wallets[0]!;
  const admin = f.registry.connect(f.actors.admin);
  await admin.bindOfferings(bound.address);
  await admin.bindDelivery(bound.address);
  await admin.bindProcessing(bound.address);
  return { ...f, bound };
}
const load = () => networkHelpers.loadFixture(deployLotsFixture);
const loadBound = () => networkHelpers.loadFixture(deployBoundFixture);

const BINDINGS = [
  { name: "bindOfferings", event: "OfferingsBound", view: "offerings" },
  { name: "bindDelivery", event: "DeliveryBound", view: "delivery" },
  { name: "bindProcessing", event: "ProcessingBound", view: "processing" },
] as const;

/** A product registration: refined copper cathode held by the fixture's custodian. */
function cathode(f: LotsFixture, overrides: Parameters<typeof copperRegistration>[1] = {}) {
  return copperRegistration(f.actors.custodian.address, {
    form: Form.Cathode,
    wetMassGrams: 25_000_000n,
    moistureBps: 0,
    gradePpb: 999_900_000,
    payableBps: 10_000,
    ...overrides,
  });
}

describe("LotRegistry bindings and the hooks of bound contracts", function () {
  for (const binding of BINDINGS) {
    describe(`LotRegistry.${binding.name}`, function () {
      shouldRefuseToEveryRoleExcept(["admin"], {
        load,
        call: (f, caller) => f.registry.connect(caller)[binding.name](f.wallets[1]!.address),
        succeeds: async (f, tx) => {
          await expect(tx).to.emit(f.registry, binding.event).withArgs(f.wallets[1]!.address);
          expect(await f.registry[binding.view]()).to.equal(f.wallets[1]!.address);
        },
        refusal: (f, caller) => ({ contract: f.registry, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.DEFAULT_ADMIN] }),
      });

      it(`${binding.name} reverts with AlreadyBound the second time, and for the zero address`, async function () {
        const f = await load();
        const admin = f.registry.connect(f.actors.admin);
        await expect(admin[binding.name](ZeroAddress)).to.be.revertedWithCustomError(f.registry, "AlreadyBound").withArgs(ZeroAddress);
        await admin[binding.name](f.wallets[1]!.address);
        await expect(admin[binding.name](f.wallets[2]!.address))
          .to.be.revertedWithCustomError(f.registry, "AlreadyBound")
          .withArgs(f.wallets[1]!.address);
      });
    });
  }

  describe("hooks refuse every caller but the bound contract", function () {
    it("reserveMint, releaseMint, recordDelivery, consumeLot and registerProduct revert with CallerNotBound before binding and for anyone else", async function () {
      const unbound = await load();
      const calls = (f: LotsFixture, caller: HardhatEthersSigner) => [
        () => f.registry.connect(caller).reserveMint(f.lots.Warehoused, 1n),
        () => f.registry.connect(caller).releaseMint(f.lots.Warehoused, 0n),
        () => f.registry.connect(caller).recordDelivery(f.lots.Warehoused, 1n),
        () => f.registry.connect(caller).consumeLot(f.lots.Warehoused),
        () => f.registry.connect(caller).registerProduct(cathode(f), 1n),
      ];
      for (const call of calls(unbound, unbound.wallets[0]!)) {
        await expect(call()).to.be.revertedWithCustomError(unbound.registry, "CallerNotBound").withArgs(unbound.wallets[0]!.address);
      }
      const f = await loadBound();
      for (const caller of [f.actors.admin, f.actors.issuer, f.actors.custodian, f.wallets[1]!]) {
        for (const call of calls(f, caller)) {
          await expect(call()).to.be.revertedWithCustomError(f.registry, "CallerNotBound").withArgs(caller.address);
        }
      }
    });
  });

  describe("reserveMint and releaseMint (the offerings contract)", function () {
    it("reserveMint holds capacity out of what may be minted, and releaseMint gives it back", async function () {
      const f = await loadBound();
      const mintable = await f.registry.mintableQuantity(f.lots.Warehoused);
      await expect(f.registry.connect(f.bound).reserveMint(f.lots.Warehoused, 500n))
        .to.emit(f.registry, "MintReservationChanged")
        .withArgs(f.lots.Warehoused, 500n);
      expect(await f.registry.mintableQuantity(f.lots.Warehoused)).to.equal(mintable - 500n);
      await expect(f.registry.connect(f.bound).releaseMint(f.lots.Warehoused, 200n))
        .to.emit(f.registry, "MintReservationChanged")
        .withArgs(f.lots.Warehoused, 300n);
      expect(await f.registry.mintableQuantity(f.lots.Warehoused)).to.equal(mintable - 300n);
    });

    it("reserveMint reverts with ReservationExceedsMintable beyond the capacity; releaseMint with ReservationUnderflow beyond the reservation", async function () {
      const f = await loadBound();
      const mintable = await f.registry.mintableQuantity(f.lots.Warehoused);
      await expect(f.registry.connect(f.bound).reserveMint(f.lots.Warehoused, mintable + 1n))
        .to.be.revertedWithCustomError(f.registry, "ReservationExceedsMintable")
        .withArgs(f.lots.Warehoused, mintable + 1n, mintable);
      await f.registry.connect(f.bound).reserveMint(f.lots.Warehoused, 10n);
      await expect(f.registry.connect(f.bound).releaseMint(f.lots.Warehoused, 11n))
        .to.be.revertedWithCustomError(f.registry, "ReservationUnderflow")
        .withArgs(f.lots.Warehoused, 11n, 10n);
    });
  });

  describe("recordDelivery (the delivery escrow)", function () {
    it("recordDelivery moves metal from the attestation to what was delivered, keeping mint capacity", async function () {
      const f = await loadBound();
      const mintable = await f.registry.mintableQuantity(f.lots.Warehoused);
      await expect(f.registry.connect(f.bound).recordDelivery(f.lots.Warehoused, 400n))
        .to.emit(f.registry, "DeliveryRecorded")
        .withArgs(f.lots.Warehoused, 400n, 400n, COPPER_LOT.payableKg - 400n);
      const lot = await f.registry.getLot(f.lots.Warehoused);
      expect([lot.attestedQuantity, lot.deliveredQuantity]).to.deep.equal([COPPER_LOT.payableKg - 400n, 400n]);
      expect(await f.registry.mintableQuantity(f.lots.Warehoused)).to.equal(mintable);
    });

    it("recordDelivery reverts with DeliveryExceedsAttested beyond the attestation, and for a lot that is not warehoused", async function () {
      const f = await loadBound();
      await expect(f.registry.connect(f.bound).recordDelivery(f.lots.Warehoused, COPPER_LOT.payableKg + 1n))
        .to.be.revertedWithCustomError(f.registry, "DeliveryExceedsAttested")
        .withArgs(f.lots.Warehoused, COPPER_LOT.payableKg + 1n, COPPER_LOT.payableKg);
      await expect(f.registry.connect(f.bound).recordDelivery(f.lots.InTransit, 1n))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotState")
        .withArgs(f.lots.InTransit, LotState.InTransit, LotState.Warehoused);
    });
  });

  describe("consumeLot (the processing contract)", function () {
    it("consumeLot makes a warehoused lot PROCESSED, stops its trading and returns its metal and outstanding units", async function () {
      const f = await loadBound();
      const result = await f.registry.connect(f.bound).consumeLot.staticCall(f.lots.Warehoused);
      expect([result[0], result[1]]).to.deep.equal([COPPER_LOT.payableKg, MINTED_WAREHOUSED]);
      await expect(f.registry.connect(f.bound).consumeLot(f.lots.Warehoused))
        .to.emit(f.registry, "LotConsumed")
        .withArgs(f.lots.Warehoused, COPPER_LOT.payableKg, MINTED_WAREHOUSED)
        .and.to.emit(f.registry, "LotStateChanged")
        .withArgs(f.lots.Warehoused, LotState.Warehoused, LotState.Processed);
      expect((await f.token.getLotRules(f.lots.Warehoused)).tradingStopped).to.equal(true);
      expect(await f.registry.mintableQuantity(f.lots.Warehoused)).to.equal(0n);
      await expect(f.token.connect(f.actors.issuer).mint(f.holder.address, f.lots.Warehoused, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotState")
        .withArgs(f.lots.Warehoused, LotState.Processed, LotState.Warehoused);
    });

    it("consumeLot reverts for a lot that is not warehoused, on offer, or awaiting a new attestation", async function () {
      const f = await loadBound();
      for (const lot of [f.lots.Registered, f.lots.Assayed, f.lots.InTransit, f.lots.Settling, f.lots.Retired]) {
        const state = (await f.registry.getLot(lot)).state;
        await expect(f.registry.connect(f.bound).consumeLot(lot))
          .to.be.revertedWithCustomError(f.registry, "InvalidLotState")
          .withArgs(lot, state, LotState.Warehoused);
      }
      await f.registry.connect(f.bound).reserveMint(f.lots.Warehoused, 10n);
      await expect(f.registry.connect(f.bound).consumeLot(f.lots.Warehoused))
        .to.be.revertedWithCustomError(f.registry, "LotOnOffer")
        .withArgs(f.lots.Warehoused, 10n);
      await f.registry.connect(f.actors.issuer).recallLot(f.lots.InTransit, bytes32("ROUTE CLOSED"));
      await expect(f.registry.connect(f.bound).consumeLot(f.lots.InTransit))
        .to.be.revertedWithCustomError(f.registry, "AttestationRequired")
        .withArgs(f.lots.InTransit, f.actors.custodian.address);
    });
  });

  describe("registerProduct (the processing contract)", function () {
    it("registerProduct registers a lot warehoused at once, its contained, payable and attested quantity as given", async function () {
      const f = await loadBound();
      const lotId = f.unknownLot;
      await expect(f.registry.connect(f.bound).registerProduct(cathode(f), 24_990n))
        .to.emit(f.registry, "ProductRegistered")
        .withArgs(lotId, 24_990n)
        .and.to.emit(f.registry, "LotStateChanged")
        .withArgs(lotId, LotState.None, LotState.Warehoused);
      const lot = await f.registry.getLot(lotId);
      expect([lot.state, lot.form, lot.containedQuantity, lot.payableQuantity, lot.attestedQuantity]).to.deep.equal([
        BigInt(LotState.Warehoused),
        BigInt(Form.Cathode),
        24_990n,
        24_990n,
        24_990n,
      ]);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(24_990n);
      expect(await f.registry.hasHeldLot(lotId, f.actors.custodian.address)).to.equal(true);
    });

    it("registerProduct refuses what registerLot refuses, and a zero quantity", async function () {
      const f = await loadBound();
      const asBound = f.registry.connect(f.bound);
      await expect(asBound.registerProduct(cathode(f), 0n)).to.be.revertedWithCustomError(f.registry, "InvalidLotField").withArgs("quantity", 0n);
      await expect(asBound.registerProduct(cathode(f, { commodity: Commodity.Gold }), 1n))
        .to.be.revertedWithCustomError(f.registry, "FormNotAllowed")
        .withArgs(Commodity.Gold, Form.Cathode);
      await expect(asBound.registerProduct(cathode(f, { custodian: f.actors.outsider.address }), 1n))
        .to.be.revertedWithCustomError(f.registry, "NotACustodian")
        .withArgs(f.actors.outsider.address);
      await expect(asBound.registerProduct(cathode(f, { wetMassGrams: 0n }), 1n))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("wetMassGrams", 0n);
      const first = cathode(f);
      await asBound.registerProduct(first, 1n);
      await expect(asBound.registerProduct(cathode(f, { externalRef: first.externalRef }), 1n))
        .to.be.revertedWithCustomError(f.registry, "DuplicateExternalRef")
        .withArgs(first.externalRef, f.unknownLot);
    });
  });
});
