import { expect } from "chai";
import { ZeroAddress, id } from "ethers";
import { network } from "hardhat";

import type { LotRegistrationStruct } from "../../types/ethers-contracts/lots/LotRegistry.ts";
import {
  Basis,
  COPPER_LOT,
  Commodity,
  Form,
  type CommodityName,
  type FormName,
  MINTED_WAREHOUSED,
  ZERO_BYTES32,
  bytes32,
  copperRegistration,
  deployLotsFixture,
  deployUnboundFixture, saleTerms } from "./helpers/fixtures.ts";

// Zero or malformed input is refused with an error that names the field and the figure.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);

/** The forms each commodity is traded in (DESIGN.md section 2); every other pairing is refused. */
const ALLOWED_FORMS: Record<CommodityName, readonly FormName[]> = {
  Gold: ["Dore", "Bar"],
  Copper: ["Concentrate", "Cathode"],
  Tungsten: ["Concentrate", "Apt"],
  Antimony: ["Regulus", "Trioxide", "Concentrate"],
  RareEarths: ["Concentrate", "Oxide"],
};

/** The basis of each commodity's base unit: oxide for WO3 and TREO. */
const BASIS: Record<CommodityName, number> = {
  Gold: Basis.Element,
  Copper: Basis.Element,
  Tungsten: Basis.Oxide,
  Antimony: Basis.Element,
  RareEarths: Basis.Oxide,
};

/** A registration of `commodity` in `form` with figures that give a positive payable quantity. */
function registrationOf(custodian: string, commodity: CommodityName, form: FormName): LotRegistrationStruct {
  return copperRegistration(custodian, {
    commodity: Commodity[commodity],
    form: Form[form],
    basis: BASIS[commodity],
    gradePpb: 650_000_000,
  });
}

describe("LotRegistry input validation", function () {
  describe("registerLot: malformed fields", function () {
    const cases: { field: string; overrides: Partial<LotRegistrationStruct>; value: bigint }[] = [
      { field: "countryCode", overrides: { countryCode: 0 }, value: 0n },
      { field: "countryCode", overrides: { countryCode: 1000 }, value: 1000n },
      { field: "originId", overrides: { originId: ZERO_BYTES32 }, value: 0n },
      { field: "externalRef", overrides: { externalRef: ZERO_BYTES32 }, value: 0n },
      { field: "location", overrides: { location: ZERO_BYTES32 }, value: 0n },
      { field: "wetMassGrams", overrides: { wetMassGrams: 0n }, value: 0n },
      { field: "wetMassGrams", overrides: { wetMassGrams: 10n ** 15n + 1n }, value: 10n ** 15n + 1n },
      { field: "moistureBps", overrides: { moistureBps: 10_000 }, value: 10_000n },
      { field: "moistureBps", overrides: { moistureBps: 65_535 }, value: 65_535n },
      { field: "gradePpb", overrides: { gradePpb: 0 }, value: 0n },
      { field: "gradePpb", overrides: { gradePpb: 1_000_000_001 }, value: 1_000_000_001n },
      { field: "payableBps", overrides: { payableBps: 0 }, value: 0n },
      { field: "payableBps", overrides: { payableBps: 10_001 }, value: 10_001n },
      // 1 g of 1 ppb copper holds far less than one kilogram: the payable quantity rounds down to zero.
      { field: "payableQuantity", overrides: { wetMassGrams: 1n, gradePpb: 1 }, value: 0n },
      // 999 g of pure copper is 0.999 kg, which rounds down to 0 kg.
      { field: "payableQuantity", overrides: { wetMassGrams: 999n, moistureBps: 0, gradePpb: 1e9, payableBps: 10_000 }, value: 0n },
    ];
    for (const { field, overrides, value } of cases) {
      it(`registerLot reverts when ${field} is ${value}`, async function () {
        const f = await load();
        const registration = copperRegistration(f.actors.custodian.address, overrides);
        await expect(f.registry.connect(f.actors.issuer).registerLot(registration))
          .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
          .withArgs(field, value);
      });
    }

    it("registerLot accepts the boundary figures (country 1 and 999, 1e15 g, 99.99% moisture, 100% grade and payable)", async function () {
      const f = await load();
      const issuer = f.registry.connect(f.actors.issuer);
      const custodian = f.actors.custodian.address;
      await expect(issuer.registerLot(copperRegistration(custodian, { countryCode: 1 }))).to.emit(f.registry, "LotRegistered");
      await expect(issuer.registerLot(copperRegistration(custodian, { countryCode: 999 }))).to.emit(f.registry, "LotRegistered");
      await expect(
        issuer.registerLot(
          copperRegistration(custodian, { wetMassGrams: 10n ** 15n, moistureBps: 9_999, gradePpb: 1e9, payableBps: 10_000 }),
        ),
      ).to.emit(f.registry, "LotRegistered");
      const lot = await f.registry.getLot(await f.registry.lotCount());
      // 1e15 g wet x 0.0001 dry = 1e11 g = 1e8 kg of pure copper.
      expect(lot.containedQuantity).to.equal(100_000_000n);
      expect(lot.payableQuantity).to.equal(100_000_000n);
    });

    it("registerLot accepts the smallest lot whose payable quantity is one base unit", async function () {
      const f = await load();
      await f.registry
        .connect(f.actors.issuer)
        .registerLot(
          copperRegistration(f.actors.custodian.address, { wetMassGrams: 1_000n, moistureBps: 0, gradePpb: 1e9, payableBps: 10_000 }),
        );
      const lot = await f.registry.getLot(await f.registry.lotCount());
      expect(lot.payableQuantity).to.equal(1n);
    });
  });

  describe("registerLot: forms and bases", function () {
    for (const commodity of Object.keys(ALLOWED_FORMS) as CommodityName[]) {
      for (const form of Object.keys(Form) as FormName[]) {
        if (ALLOWED_FORMS[commodity].includes(form)) {
          it(`registerLot accepts ${commodity} in ${form} form`, async function () {
            const f = await load();
            await expect(
              f.registry.connect(f.actors.issuer).registerLot(registrationOf(f.actors.custodian.address, commodity, form)),
            ).to.emit(f.registry, "LotRegistered");
          });
        } else {
          it(`registerLot reverts when ${commodity} is declared in ${form} form`, async function () {
            const f = await load();
            await expect(
              f.registry.connect(f.actors.issuer).registerLot(registrationOf(f.actors.custodian.address, commodity, form)),
            )
              .to.be.revertedWithCustomError(f.registry, "FormNotAllowed")
              .withArgs(Commodity[commodity], Form[form]);
          });
        }
      }

      it(`registerLot reverts when ${commodity} is declared on the wrong basis`, async function () {
        const f = await load();
        const wrongBasis = BASIS[commodity] === Basis.Oxide ? Basis.Element : Basis.Oxide;
        const registration = {
          ...registrationOf(f.actors.custodian.address, commodity, ALLOWED_FORMS[commodity][0]!),
          basis: wrongBasis,
        };
        await expect(f.registry.connect(f.actors.issuer).registerLot(registration))
          .to.be.revertedWithCustomError(f.registry, "BasisNotAllowed")
          .withArgs(Commodity[commodity], wrongBasis);
      });
    }
  });

  describe("registerLot: custodian and external reference", function () {
    it("registerLot reverts when the custodian does not hold CUSTODIAN_ROLE", async function () {
      const f = await load();
      for (const account of [f.actors.outsider.address, f.actors.issuer.address, ZeroAddress]) {
        await expect(f.registry.connect(f.actors.issuer).registerLot(copperRegistration(account)))
          .to.be.revertedWithCustomError(f.registry, "NotACustodian")
          .withArgs(account);
      }
    });

    it("registerLot reverts when the custodian's role has been revoked", async function () {
      const f = await load();
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.CUSTODIAN, f.actors.otherCustodian.address);
      await expect(f.registry.connect(f.actors.issuer).registerLot(copperRegistration(f.actors.otherCustodian.address)))
        .to.be.revertedWithCustomError(f.registry, "NotACustodian")
        .withArgs(f.actors.otherCustodian.address);
    });

    it("registerLot reverts when the external reference is already registered, naming the existing lot", async function () {
      const f = await load();
      const existing = await f.registry.getLot(f.lots.Warehoused);
      const duplicate = copperRegistration(f.actors.custodian.address, { externalRef: existing.externalRef });
      await expect(f.registry.connect(f.actors.issuer).registerLot(duplicate))
        .to.be.revertedWithCustomError(f.registry, "DuplicateExternalRef")
        .withArgs(existing.externalRef, f.lots.Warehoused);
    });

    it("registerLot reverts when the external reference belongs to a retired lot", async function () {
      const f = await load();
      const retired = await f.registry.getLot(f.lots.Retired);
      await expect(
        f.registry
          .connect(f.actors.issuer)
          .registerLot(copperRegistration(f.actors.custodian.address, { externalRef: retired.externalRef })),
      )
        .to.be.revertedWithCustomError(f.registry, "DuplicateExternalRef")
        .withArgs(retired.externalRef, f.lots.Retired);
    });
  });

  describe("recordAssay: malformed figures", function () {
    const cases: { field: string; figures: [number, number, number]; value: bigint }[] = [
      { field: "moistureBps", figures: [10_000, 265_000_000, 9650], value: 10_000n },
      { field: "gradePpb", figures: [800, 0, 9650], value: 0n },
      { field: "gradePpb", figures: [800, 1_000_000_001, 9650], value: 1_000_000_001n },
      { field: "payableBps", figures: [800, 265_000_000, 0], value: 0n },
      { field: "payableBps", figures: [800, 265_000_000, 10_001], value: 10_001n },
      // 10,000 t at 99.99% moisture and 1 ppb grade contains 1e10 x 1 x 1 / 1e16 kg: nothing.
      { field: "payableQuantity", figures: [9_999, 1, 10_000], value: 0n },
    ];
    for (const { field, figures, value } of cases) {
      it(`recordAssay reverts when ${field} is ${value}`, async function () {
        const f = await load();
        await expect(f.registry.connect(f.actors.assayer).recordAssay(f.lots.Registered, ...figures))
          .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
          .withArgs(field, value);
      });
    }
  });

  describe("attestCustody", function () {
    it("attestCustody reverts when the attested quantity is zero", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lots.Assayed, 0n, bytes32("W1")))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("attestedQuantity", 0n);
    });

    it("attestCustody reverts when the location is empty", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lots.Assayed, 1n, ZERO_BYTES32))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("location", 0n);
    });

    it("attestCustody reverts when the attested quantity exceeds the payable quantity by one unit", async function () {
      const f = await load();
      await expect(
        f.registry.connect(f.actors.custodian).attestCustody(f.lots.Assayed, COPPER_LOT.payableKg + 1n, bytes32("W1")),
      )
        .to.be.revertedWithCustomError(f.registry, "AttestationExceedsPayable")
        .withArgs(f.lots.Assayed, COPPER_LOT.payableKg + 1n, COPPER_LOT.payableKg);
    });

    it("attestCustody re-attestation reverts when it exceeds the payable quantity", async function () {
      const f = await load();
      const max = 2n ** 128n - 1n;
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lots.Warehoused, max, bytes32("W1")))
        .to.be.revertedWithCustomError(f.registry, "AttestationExceedsPayable")
        .withArgs(f.lots.Warehoused, max, COPPER_LOT.payableKg);
    });

    it("attestCustody re-attestation reverts when it falls below what has been minted", async function () {
      const f = await load();
      await expect(
        f.registry.connect(f.actors.custodian).attestCustody(f.lots.Warehoused, MINTED_WAREHOUSED - 1n, bytes32("W1")),
      )
        .to.be.revertedWithCustomError(f.registry, "AttestationBelowMinted")
        .withArgs(f.lots.Warehoused, MINTED_WAREHOUSED - 1n, MINTED_WAREHOUSED);
    });

    it("attestCustody reverts when the lot's custodian has lost CUSTODIAN_ROLE", async function () {
      const f = await load();
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.CUSTODIAN, f.actors.custodian.address);
      await expect(f.registry.connect(f.actors.custodian).attestCustody(f.lots.Assayed, 1n, bytes32("W1")))
        .to.be.revertedWithCustomError(f.registry, "NotLotCustodian")
        .withArgs(f.lots.Assayed, f.actors.custodian.address, f.actors.custodian.address);
    });
  });

  describe("dispatchLot", function () {
    it("dispatchLot reverts when the receiving account is not a custodian", async function () {
      const f = await load();
      for (const account of [f.actors.outsider.address, f.actors.issuer.address, ZeroAddress]) {
        await expect(f.registry.connect(f.actors.custodian).dispatchLot(f.lots.Warehoused, account, bytes32("R")))
          .to.be.revertedWithCustomError(f.registry, "NotACustodian")
          .withArgs(account);
      }
    });

    it("dispatchLot reverts when the destination is empty", async function () {
      const f = await load();
      await expect(
        f.registry.connect(f.actors.custodian).dispatchLot(f.lots.Warehoused, f.actors.otherCustodian.address, ZERO_BYTES32),
      )
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("destination", 0n);
    });
  });

  describe("confirmArrival", function () {
    it("confirmArrival reverts when the location is empty", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lots.InTransit, ZERO_BYTES32, COPPER_LOT.payableKg))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("location", 0n);
    });

    it("confirmArrival reverts when the pending custodian lost CUSTODIAN_ROLE while the lot was in transit", async function () {
      const f = await load();
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.CUSTODIAN, f.actors.otherCustodian.address);
      await expect(f.registry.connect(f.actors.otherCustodian).confirmArrival(f.lots.InTransit, bytes32("R4"), COPPER_LOT.payableKg))
        .to.be.revertedWithCustomError(f.registry, "NotPendingCustodian")
        .withArgs(f.lots.InTransit, f.actors.otherCustodian.address, f.actors.otherCustodian.address);
    });
  });

  describe("startSettlement", function () {
    it("startSettlement reverts when the sale reference is empty", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.issuer).startSettlement(f.lots.Warehoused, ZERO_BYTES32, ...(await saleTerms(f))))
        .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
        .withArgs("saleRef", 0n);
    });
  });

  describe("unknown lots", function () {
    it("every view that takes a lot id reverts with UnknownLot for an id no lot has", async function () {
      const f = await load();
      for (const lotId of [0n, f.unknownLot, 2n ** 256n - 1n]) {
        await expect(f.registry.getLot(lotId)).to.be.revertedWithCustomError(f.registry, "UnknownLot").withArgs(lotId);
        await expect(f.registry.lotState(lotId)).to.be.revertedWithCustomError(f.registry, "UnknownLot").withArgs(lotId);
        await expect(f.registry.mintableQuantity(lotId))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
        await expect(f.registry.documentCount(lotId))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
        await expect(f.registry.getDocument(lotId, 0n))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
        await expect(f.registry.getDocuments(lotId, 0n, 10n))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
        await expect(f.registry.hasHeldLot(lotId, f.actors.custodian.address))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
        await expect(f.registry.awaitingAttestation(lotId))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(lotId);
      }
    });

    it("lotIdByExternalRef returns zero for a reference no lot has", async function () {
      const f = await load();
      expect(await f.registry.lotIdByExternalRef(id("no such receipt"))).to.equal(0n);
    });
  });

  describe("bindToken", function () {
    it("bindToken binds the token once and emits TokenBound", async function () {
      const f = await networkHelpers.loadFixture(deployUnboundFixture);
      const tokenAddress = await f.token.getAddress();
      expect(await f.registry.token()).to.equal(ZeroAddress);
      await expect(f.registry.connect(f.actors.admin).bindToken(tokenAddress))
        .to.emit(f.registry, "TokenBound")
        .withArgs(tokenAddress);
      expect(await f.registry.token()).to.equal(tokenAddress);
    });

    it("bindToken reverts when a token is already bound", async function () {
      const f = await load();
      const bound = await f.token.getAddress();
      await expect(f.registry.connect(f.actors.admin).bindToken(f.actors.outsider.address))
        .to.be.revertedWithCustomError(f.registry, "TokenAlreadyBound")
        .withArgs(bound);
      await expect(f.registry.connect(f.actors.admin).bindToken(bound))
        .to.be.revertedWithCustomError(f.registry, "TokenAlreadyBound")
        .withArgs(bound);
    });

    it("bindToken reverts when asked to bind the zero address", async function () {
      const f = await networkHelpers.loadFixture(deployUnboundFixture);
      await expect(f.registry.connect(f.actors.admin).bindToken(ZeroAddress))
        .to.be.revertedWithCustomError(f.registry, "TokenAlreadyBound")
        .withArgs(ZeroAddress);
    });

    it("mint reverts with TokenNotBound while no token is bound to the registry", async function () {
      const f = await networkHelpers.loadFixture(deployUnboundFixture);
      const issuer = f.registry.connect(f.actors.issuer);
      await issuer.registerLot(copperRegistration(f.actors.custodian.address));
      await f.registry.connect(f.actors.assayer).recordAssay(1n, 800, 265_000_000, 9650);
      await f.registry.connect(f.actors.custodian).attestCustody(1n, 1_000n, bytes32("W1"));
      await expect(f.token.connect(f.actors.issuer).mint(f.holder.address, 1n, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "TokenNotBound")
        .withArgs();
    });

    it("recordMint and recordBurn revert with TokenNotBound for any caller while no token is bound", async function () {
      const f = await networkHelpers.loadFixture(deployUnboundFixture);
      await expect(f.registry.connect(f.actors.outsider).recordMint(1n, 1n)).to.be.revertedWithCustomError(
        f.registry,
        "TokenNotBound",
      );
      await expect(f.registry.connect(f.actors.admin).recordBurn(1n, 1n)).to.be.revertedWithCustomError(
        f.registry,
        "TokenNotBound",
      );
    });
  });
});
