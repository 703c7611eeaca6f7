import { expect } from "chai";
import { ZeroAddress, id } from "ethers";
import { network } from "hardhat";

import {
  Basis,
  COPPER_LOT,
  COUNTRY,
  Commodity,
  Form,
  LotState,
  MINTED_SETTLING,
  MINTED_WAREHOUSED,
  bytes32,
  copperRegistration,
  deployLotsFixture,
  deployRegistryFixture, saleTerms } from "./helpers/fixtures.ts";
import { redeemUnits } from "./helpers/proceeds.ts";

// Every lifecycle step succeeds from its allowed state, emits its own event and LotStateChanged, and stores
// the figures it is responsible for.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployLotsFixture);

describe("LotRegistry lifecycle", function () {
  describe("registerLot", function () {
    it("registerLot stores every declared figure and the derived quantities, and emits LotRegistered", async function () {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      const registration = copperRegistration(f.actors.custodian.address);
      const tx = f.registry.connect(f.actors.issuer).registerLot(registration);

      await expect(tx)
        .to.emit(f.registry, "LotRegistered")
        .withArgs(
          1n,
          Commodity.Copper,
          Form.Concentrate,
          registration.externalRef,
          registration.originId,
          COUNTRY.Chile,
          f.actors.custodian.address,
        );
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(1n, LotState.None, LotState.Registered);

      const now = await time.latest();
      const lot = await f.registry.getLot(1n);
      expect(lot.commodity).to.equal(Commodity.Copper);
      expect(lot.form).to.equal(Form.Concentrate);
      expect(lot.basis).to.equal(Basis.Element);
      expect(lot.state).to.equal(LotState.Registered);
      expect(lot.countryCode).to.equal(COUNTRY.Chile);
      expect(lot.originId).to.equal(registration.originId);
      expect(lot.externalRef).to.equal(registration.externalRef);
      expect(lot.location).to.equal(registration.location);
      expect(lot.custodian).to.equal(f.actors.custodian.address);
      expect(lot.pendingCustodian).to.equal(ZeroAddress);
      expect(lot.wetMassGrams).to.equal(COPPER_LOT.wetMassGrams);
      expect(lot.moistureBps).to.equal(COPPER_LOT.moistureBps);
      expect(lot.gradePpb).to.equal(COPPER_LOT.gradePpb);
      expect(lot.payableBps).to.equal(COPPER_LOT.payableBps);
      expect(lot.containedQuantity).to.equal(COPPER_LOT.containedKg);
      expect(lot.payableQuantity).to.equal(COPPER_LOT.payableKg);
      expect(lot.attestedQuantity).to.equal(0n);
      expect(lot.mintedQuantity).to.equal(0n);
      expect(lot.burnedQuantity).to.equal(0n);
      expect(lot.registeredAt).to.equal(now);
      expect(lot.updatedAt).to.equal(now);

      expect(await f.registry.lotCount()).to.equal(1n);
      expect(await f.registry.lotIdByExternalRef(registration.externalRef)).to.equal(1n);
      expect(await f.registry.mintableQuantity(1n)).to.equal(0n);
      expect(await f.registry.documentCount(1n)).to.equal(0n);
    });

    it("registerLot numbers lots from 1 upwards", async function () {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      for (const expected of [1n, 2n, 3n]) {
        await expect(f.registry.connect(f.actors.issuer).registerLot(copperRegistration(f.actors.custodian.address)))
          .to.emit(f.registry, "LotRegistered")
          .withArgs(expected, Commodity.Copper, Form.Concentrate, anyBytes32, anyBytes32, COUNTRY.Chile, anyAddress);
      }
      expect(await f.registry.lotCount()).to.equal(3n);
    });
  });

  describe("recordAssay", function () {
    it("recordAssay moves a registered lot to assayed, recomputes its quantities and emits LotAssayed", async function () {
      const f = await load();
      const lotId = f.lots.Registered;
      // The independent assay finds 9% moisture, 25% Cu, payable 96.5%:
      // 10,000 t wet x 0.91 = 9,100 t dry; x 0.25 = 2,275 t Cu = 2,275,000 kg; x 0.965 = 2,195,375 kg payable.
      const tx = f.registry.connect(f.actors.assayer).recordAssay(lotId, 900, 250_000_000, 9650);
      await expect(tx)
        .to.emit(f.registry, "LotAssayed")
        .withArgs(lotId, f.actors.assayer.address, 900, 250_000_000, 9650, 2_275_000n, 2_195_375n);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.Registered, LotState.Assayed);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Assayed);
      expect(lot.moistureBps).to.equal(900);
      expect(lot.gradePpb).to.equal(250_000_000);
      expect(lot.payableBps).to.equal(9650);
      expect(lot.containedQuantity).to.equal(2_275_000n);
      expect(lot.payableQuantity).to.equal(2_195_375n);
      expect(lot.wetMassGrams).to.equal(COPPER_LOT.wetMassGrams);
      expect(lot.updatedAt).to.equal(await time.latest());
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });
  });

  describe("attestCustody", function () {
    it("attestCustody moves an assayed lot into the warehouse and caps minting at the attested quantity", async function () {
      const f = await load();
      const lotId = f.lots.Assayed;
      const location = bytes32("Antofagasta W7");
      const tx = f.registry.connect(f.actors.custodian).attestCustody(lotId, 2_000_000n, location);
      await expect(tx)
        .to.emit(f.registry, "CustodyAttested")
        .withArgs(lotId, f.actors.custodian.address, 2_000_000n, location);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.Assayed, LotState.Warehoused);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Warehoused);
      expect(lot.attestedQuantity).to.equal(2_000_000n);
      expect(lot.location).to.equal(location);
      expect(lot.updatedAt).to.equal(await time.latest());
      expect(await f.registry.mintableQuantity(lotId)).to.equal(2_000_000n);
    });

    it("attestCustody accepts exactly the payable quantity", async function () {
      const f = await load();
      await f.registry
        .connect(f.actors.custodian)
        .attestCustody(f.lots.Assayed, COPPER_LOT.payableKg, bytes32("Antofagasta W7"));
      expect(await f.registry.mintableQuantity(f.lots.Assayed)).to.equal(COPPER_LOT.payableKg);
    });

    it("attestCustody re-attests a warehoused lot without a state change", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const location = bytes32("Antofagasta W9");
      const tx = f.registry.connect(f.actors.custodian).attestCustody(lotId, MINTED_WAREHOUSED, location);
      await expect(tx)
        .to.emit(f.registry, "CustodyAttested")
        .withArgs(lotId, f.actors.custodian.address, MINTED_WAREHOUSED, location);
      await expect(tx).not.to.emit(f.registry, "LotStateChanged");

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Warehoused);
      expect(lot.attestedQuantity).to.equal(MINTED_WAREHOUSED);
      expect(lot.location).to.equal(location);
      expect(lot.updatedAt).to.equal(await time.latest());
      // Attested down to exactly what was minted: nothing more may be minted.
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });
  });

  describe("dispatchLot", function () {
    it("dispatchLot puts a warehoused lot in transit to another custodian and stops minting", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const destination = bytes32("Rotterdam Botlek");
      const tx = f.registry.connect(f.actors.custodian).dispatchLot(lotId, f.actors.otherCustodian.address, destination);
      await expect(tx)
        .to.emit(f.registry, "LotDispatched")
        .withArgs(lotId, f.actors.custodian.address, f.actors.otherCustodian.address, destination);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.Warehoused, LotState.InTransit);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.InTransit);
      expect(lot.custodian).to.equal(f.actors.custodian.address);
      expect(lot.pendingCustodian).to.equal(f.actors.otherCustodian.address);
      expect(lot.attestedQuantity).to.equal(COPPER_LOT.payableKg);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });
  });

  describe("confirmArrival", function () {
    it("confirmArrival hands the lot to the receiving custodian, records its attestation and puts it back in the warehouse", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      const location = bytes32("Rotterdam Botlek 4");
      const received = 2_000_000n;
      const tx = f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, location, received);
      await expect(tx).to.emit(f.registry, "LotArrived").withArgs(lotId, f.actors.otherCustodian.address, location);
      await expect(tx)
        .to.emit(f.registry, "CustodyAttested")
        .withArgs(lotId, f.actors.otherCustodian.address, received, location);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.InTransit, LotState.Warehoused);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Warehoused);
      expect(lot.custodian).to.equal(f.actors.otherCustodian.address);
      expect(lot.pendingCustodian).to.equal(ZeroAddress);
      expect(lot.location).to.equal(location);
      expect(lot.attestedQuantity).to.equal(received);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(received - MINTED_WAREHOUSED);
      expect(await f.registry.hasHeldLot(lotId, f.actors.otherCustodian.address)).to.equal(true);
      expect(await f.registry.hasHeldLot(lotId, f.actors.custodian.address)).to.equal(true);
    });

    it("after arrival only the new custodian may attest custody of the lot", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, bytes32("Rotterdam Botlek 4"), 5_000n);

      await expect(f.registry.connect(f.actors.custodian).attestCustody(lotId, 5_000n, bytes32("Antofagasta W3")))
        .to.be.revertedWithCustomError(f.registry, "NotLotCustodian")
        .withArgs(lotId, f.actors.custodian.address, f.actors.otherCustodian.address);
      await expect(f.registry.connect(f.actors.otherCustodian).attestCustody(lotId, 5_000n, bytes32("Botlek 4")))
        .to.emit(f.registry, "CustodyAttested")
        .withArgs(lotId, f.actors.otherCustodian.address, 5_000n, bytes32("Botlek 4"));
    });

    it("a lot may go back and forth between warehouse and transit", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const { custodian, otherCustodian } = f.actors;
      await f.registry.connect(custodian).dispatchLot(lotId, otherCustodian.address, bytes32("Rotterdam"));
      await f.registry.connect(otherCustodian).confirmArrival(lotId, bytes32("Rotterdam"), COPPER_LOT.payableKg);
      await f.registry.connect(otherCustodian).dispatchLot(lotId, custodian.address, bytes32("Antofagasta"));
      await expect(f.registry.connect(custodian).confirmArrival(lotId, bytes32("Antofagasta"), COPPER_LOT.payableKg))
        .to.emit(f.registry, "LotStateChanged")
        .withArgs(lotId, LotState.InTransit, LotState.Warehoused);
      expect((await f.registry.getLot(lotId)).custodian).to.equal(custodian.address);
    });
  });

  describe("startSettlement", function () {
    it("startSettlement moves a warehoused lot to settling and stops minting", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const saleRef = id("SALE-2025-CU-077");
      const tx = f.registry.connect(f.actors.issuer).startSettlement(lotId, saleRef, ...(await saleTerms(f)));
      await expect(tx).to.emit(f.registry, "SettlementStarted").withArgs(lotId, saleRef, ...(await saleTerms(f)));
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.Warehoused, LotState.Settling);

      expect((await f.registry.getLot(lotId)).state).to.equal(LotState.Settling);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });
  });

  describe("retireLot", function () {
    it("retireLot reverts with the exact outstanding units while any unit of the lot is unburned", async function () {
      const f = await load();
      const lotId = f.lots.Settling;
      await expect(f.registry.connect(f.actors.issuer).retireLot(lotId))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(lotId, MINTED_SETTLING);

      await redeemUnits(f, f.holder, lotId, MINTED_SETTLING - 1n);
      await expect(f.registry.connect(f.actors.issuer).retireLot(lotId))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(lotId, 1n);
    });

    it("retireLot retires a settling lot once all its units are burned", async function () {
      const f = await load();
      const lotId = f.lots.Settling;
      await redeemUnits(f, f.holder, lotId, MINTED_SETTLING);

      const tx = f.registry.connect(f.actors.issuer).retireLot(lotId);
      await expect(tx).to.emit(f.registry, "LotRetired").withArgs(lotId);
      await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.Settling, LotState.Retired);

      const lot = await f.registry.getLot(lotId);
      expect(lot.state).to.equal(LotState.Retired);
      expect(lot.mintedQuantity).to.equal(MINTED_SETTLING);
      expect(lot.burnedQuantity).to.equal(MINTED_SETTLING);
      expect(await f.token.totalSupply(lotId)).to.equal(0n);
    });

    it("retireLot retires a settling lot that never had units minted", async function () {
      const f = await load();
      const lotId = f.lots.Assayed;
      await f.registry.connect(f.actors.custodian).attestCustody(lotId, 1n, bytes32("W1"));
      await f.registry.connect(f.actors.issuer).startSettlement(lotId, id("SALE-X"), ...(await saleTerms(f)));
      await expect(f.registry.connect(f.actors.issuer).retireLot(lotId)).to.emit(f.registry, "LotRetired").withArgs(lotId);
    });
  });

  describe("full lifecycle", function () {
    it("a lot walks Registered -> Assayed -> Warehoused -> InTransit -> Warehoused -> Settling -> Retired", async function () {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      const { registry, token, actors, holder } = f;
      await registry.connect(actors.issuer).registerLot(copperRegistration(actors.custodian.address));
      const lotId = await registry.lotCount();
      const seen: bigint[] = [(await registry.getLot(lotId)).state];
      const step = async (send: () => Promise<unknown>) => {
        await send();
        seen.push((await registry.getLot(lotId)).state);
      };

      await step(() => registry.connect(actors.assayer).recordAssay(lotId, 800, 265_000_000, 9650));
      await step(() => registry.connect(actors.custodian).attestCustody(lotId, 1_000_000n, bytes32("W3")));
      await token.connect(actors.issuer).mint(holder.address, lotId, 600_000n, "0x");
      await step(() => registry.connect(actors.custodian).dispatchLot(lotId, actors.otherCustodian.address, bytes32("R")));
      await step(() => registry.connect(actors.otherCustodian).confirmArrival(lotId, bytes32("R4"), 1_000_000n));
      await token.connect(actors.issuer).mint(holder.address, lotId, 400_000n, "0x");
      await step(async () => registry.connect(actors.issuer).startSettlement(lotId, id("SALE"), ...(await saleTerms(f))));
      await redeemUnits(f, holder, lotId, 1_000_000n);
      await step(() => registry.connect(actors.issuer).retireLot(lotId));

      expect(seen).to.deep.equal([
        LotState.Registered,
        LotState.Assayed,
        LotState.Warehoused,
        LotState.InTransit,
        LotState.Warehoused,
        LotState.Settling,
        LotState.Retired,
      ]);
      const lot = await registry.getLot(lotId);
      expect(lot.mintedQuantity).to.equal(1_000_000n);
      expect(lot.burnedQuantity).to.equal(1_000_000n);
      expect(lot.custodian).to.equal(actors.otherCustodian.address);
    });
  });
});

function anyBytes32(value: unknown): boolean {
  return typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value);
}

function anyAddress(value: unknown): boolean {
  return typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value);
}
