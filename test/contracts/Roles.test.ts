import { expect } from "chai";
import { ZeroAddress, id } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import {
  COPPER_LOT,
  DocType,
  LotState,
  bytes32,
  copperRegistration,
  deployLotsFixture,
  deployUnboundFixture, saleTerms } from "./helpers/fixtures.ts";
import { redeemUnits } from "./helpers/proceeds.ts";

// Each privileged call is refused to every role but the one it belongs to: no single key can do everything.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);
const loadUnbound = () => networkHelpers.loadFixture(deployUnboundFixture);

describe("Roles: each privileged call is refused to every other role", function () {
  describe("LotRegistry.registerLot", function () {
    shouldRefuseToEveryRoleExcept(["issuer"], {
      load,
      call: (f, caller) => f.registry.connect(caller).registerLot(copperRegistration(f.actors.custodian.address)),
      succeeds: async (f, tx) => {
        const lotId = f.unknownLot; // the next id
        await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState.None, LotState.Registered);
        expect(await f.registry.lotCount()).to.equal(lotId);
        expect((await f.registry.getLot(lotId)).custodian).to.equal(f.actors.custodian.address);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.ISSUER],
      }),
    });
  });

  describe("LotRegistry.recordAssay", function () {
    shouldRefuseToEveryRoleExcept(["assayer"], {
      load,
      call: (f, caller) =>
        f.registry
          .connect(caller)
          .recordAssay(f.lots.Registered, COPPER_LOT.moistureBps, COPPER_LOT.gradePpb, COPPER_LOT.payableBps),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "LotAssayed")
          .withArgs(
            f.lots.Registered,
            caller.address,
            COPPER_LOT.moistureBps,
            COPPER_LOT.gradePpb,
            COPPER_LOT.payableBps,
            COPPER_LOT.containedKg,
            COPPER_LOT.payableKg,
          );
        expect((await f.registry.getLot(f.lots.Registered)).state).to.equal(BigInt(LotState.Assayed));
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.ASSAYER],
      }),
    });
  });

  describe("LotRegistry.attestCustody (moving an assayed lot into the warehouse)", function () {
    shouldRefuseToEveryRoleExcept(["custodian"], {
      load,
      call: (f, caller) => f.registry.connect(caller).attestCustody(f.lots.Assayed, 1_000n, bytes32("Antofagasta W3")),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "CustodyAttested")
          .withArgs(f.lots.Assayed, caller.address, 1_000n, bytes32("Antofagasta W3"));
        const lot = await f.registry.getLot(f.lots.Assayed);
        expect([lot.state, lot.attestedQuantity]).to.deep.equal([BigInt(LotState.Warehoused), 1_000n]);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "NotLotCustodian",
        args: [f.lots.Assayed, caller.address, f.actors.custodian.address],
      }),
    });
  });

  describe("LotRegistry.attestCustody (re-attesting a warehoused lot)", function () {
    shouldRefuseToEveryRoleExcept(["custodian"], {
      load,
      call: (f, caller) =>
        f.registry.connect(caller).attestCustody(f.lots.Warehoused, 2_000n, bytes32("Antofagasta W4")),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "CustodyAttested")
          .withArgs(f.lots.Warehoused, caller.address, 2_000n, bytes32("Antofagasta W4"));
        expect((await f.registry.getLot(f.lots.Warehoused)).attestedQuantity).to.equal(2_000n);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "NotLotCustodian",
        args: [f.lots.Warehoused, caller.address, f.actors.custodian.address],
      }),
    });
  });

  describe("LotRegistry.dispatchLot", function () {
    shouldRefuseToEveryRoleExcept(["custodian"], {
      load,
      call: (f, caller) =>
        f.registry
          .connect(caller)
          .dispatchLot(f.lots.Warehoused, f.actors.otherCustodian.address, bytes32("Rotterdam Botlek")),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "LotDispatched")
          .withArgs(f.lots.Warehoused, caller.address, f.actors.otherCustodian.address, bytes32("Rotterdam Botlek"));
        const lot = await f.registry.getLot(f.lots.Warehoused);
        expect([lot.state, lot.pendingCustodian]).to.deep.equal([BigInt(LotState.InTransit), f.actors.otherCustodian.address]);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "NotLotCustodian",
        args: [f.lots.Warehoused, caller.address, f.actors.custodian.address],
      }),
    });
  });

  describe("LotRegistry.confirmArrival", function () {
    shouldRefuseToEveryRoleExcept(["otherCustodian"], {
      load,
      call: (f, caller) =>
        f.registry.connect(caller).confirmArrival(f.lots.InTransit, bytes32("Rotterdam Botlek"), COPPER_LOT.payableKg),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "LotArrived")
          .withArgs(f.lots.InTransit, caller.address, bytes32("Rotterdam Botlek"));
        const lot = await f.registry.getLot(f.lots.InTransit);
        expect([lot.state, lot.custodian, lot.attestedQuantity]).to.deep.equal([
          BigInt(LotState.Warehoused),
          caller.address,
          COPPER_LOT.payableKg,
        ]);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "NotPendingCustodian",
        args: [f.lots.InTransit, caller.address, f.actors.otherCustodian.address],
      }),
    });
  });

  describe("LotRegistry.startSettlement", function () {
    shouldRefuseToEveryRoleExcept(["issuer"], {
      load,
      call: async (f, caller) => f.registry.connect(caller).startSettlement(f.lots.Warehoused, id("SALE-1"), ...(await saleTerms(f))),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.registry, "SettlementStarted").withArgs(f.lots.Warehoused, id("SALE-1"), ...(await saleTerms(f)));
        expect((await f.registry.getLot(f.lots.Warehoused)).state).to.equal(BigInt(LotState.Settling));
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.ISSUER],
      }),
    });
  });

  describe("LotRegistry.retireLot", function () {
    shouldRefuseToEveryRoleExcept(["issuer"], {
      load: async () => {
        const f = await load();
        // Redeem the settling lot's outstanding units so that only the role stands between it and retirement.
        const balance = await f.token.balanceOf(f.holder.address, f.lots.Settling);
        await redeemUnits(f, f.holder, f.lots.Settling, balance);
        return f;
      },
      call: (f, caller) => f.registry.connect(caller).retireLot(f.lots.Settling),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.registry, "LotRetired").withArgs(f.lots.Settling);
        expect((await f.registry.getLot(f.lots.Settling)).state).to.equal(BigInt(LotState.Retired));
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.ISSUER],
      }),
    });
  });

  describe("LotRegistry.addDocument", function () {
    // A custodian documents only lots it holds or held: the custodian of other lots is refused this one.
    shouldRefuseToEveryRoleExcept(["issuer", "assayer", "custodian"], {
      load,
      call: async (f, caller) =>
        f.registry
          .connect(caller)
          .addDocument(
            f.lots.Registered,
            DocType.AssayCertificate,
            id("assay.pdf"),
            "ipfs://doc",
            await f.connection.networkHelpers.time.latest(),
          ),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "DocumentAdded")
          .withArgs(f.lots.Registered, 0n, DocType.AssayCertificate, id("assay.pdf"), "ipfs://doc", caller.address);
        expect(await f.registry.documentCount(f.lots.Registered)).to.equal(1n);
      },
      refusal: (f, caller) =>
        caller === f.actors.otherCustodian
          ? { contract: f.registry, error: "CustodianNeverHeldLot", args: [f.lots.Registered, caller.address] }
          : { contract: f.registry, error: "NotADocumentIssuer", args: [caller.address] },
    });
  });

  describe("LotRegistry.bindToken", function () {
    shouldRefuseToEveryRoleExcept(["admin"], {
      load: loadUnbound,
      call: async (f, caller) => f.registry.connect(caller).bindToken(await f.token.getAddress()),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.registry, "TokenBound").withArgs(await f.token.getAddress());
        expect(await f.registry.token()).to.equal(await f.token.getAddress());
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.DEFAULT_ADMIN],
      }),
    });
  });

  describe("LotRegistry.grantRole", function () {
    shouldRefuseToEveryRoleExcept(["admin"], {
      load,
      call: (f, caller) => f.registry.connect(caller).grantRole(f.roles.ISSUER, f.actors.outsider.address),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.registry, "RoleGranted")
          .withArgs(f.roles.ISSUER, f.actors.outsider.address, caller.address);
        expect(await f.registry.hasRole(f.roles.ISSUER, f.actors.outsider.address)).to.equal(true);
      },
      refusal: (f, caller) => ({
        contract: f.registry,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.DEFAULT_ADMIN],
      }),
    });
  });

  describe("LotRegistry.recordMint (the token's hook)", function () {
    shouldRefuseToEveryRoleExcept([], {
      load,
      call: (f, caller) => f.registry.connect(caller).recordMint(f.lots.Warehoused, 1n),
      refusal: (f, caller) => ({ contract: f.registry, error: "CallerNotToken", args: [caller.address] }),
    });
  });

  describe("LotRegistry.recordBurn (the token's hook)", function () {
    shouldRefuseToEveryRoleExcept([], {
      load,
      call: (f, caller) => f.registry.connect(caller).recordBurn(f.lots.Warehoused, 1n),
      refusal: (f, caller) => ({ contract: f.registry, error: "CallerNotToken", args: [caller.address] }),
    });
  });

  describe("LotToken.mint", function () {
    shouldRefuseToEveryRoleExcept(["issuer"], {
      load,
      call: (f, caller) => f.token.connect(caller).mint(f.investor.address, f.lots.Warehoused, 10n, "0x"),
      succeeds: async (f, tx, caller) => {
        await expect(tx)
          .to.emit(f.token, "TransferSingle")
          .withArgs(caller.address, ZeroAddress, f.investor.address, f.lots.Warehoused, 10n);
        expect(await f.token.balanceOf(f.investor.address, f.lots.Warehoused)).to.equal(10n);
      },
      refusal: (f, caller) => ({
        contract: f.token,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.ISSUER],
      }),
    });
  });

  describe("LotToken.burn (of the holder's units)", function () {
    shouldRefuseToEveryRoleExcept([], {
      load,
      call: (f, caller) => f.token.connect(caller).burn(f.holder.address, f.lots.Warehoused, 1n),
      refusal: (f, caller) => ({
        contract: f.token,
        error: "BurnNotPermitted",
        args: [caller.address, f.holder.address],
      }),
    });
  });

  describe("LotToken.safeTransferFrom (of the holder's units)", function () {
    shouldRefuseToEveryRoleExcept([], {
      load,
      call: (f, caller) =>
        f.token
          .connect(caller)
          .safeTransferFrom(f.holder.address, caller.address, f.lots.Warehoused, 1n, "0x"),
      refusal: (f, caller) => ({
        contract: f.token,
        error: "ERC1155MissingApprovalForAll",
        args: [caller.address, f.holder.address],
      }),
    });
  });
});
