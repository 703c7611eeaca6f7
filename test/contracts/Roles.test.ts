import { id } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import {
  COPPER_LOT,
  DocType,
  bytes32,
  copperRegistration,
  deployLotsFixture,
  deployUnboundFixture,
} from "./helpers/fixtures.ts";

// Each privileged call is refused to every role but the one it belongs to: no single key can do everything.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);
const loadUnbound = () => networkHelpers.loadFixture(deployUnboundFixture);

describe("Roles: each privileged call is refused to every other role", function () {
  describe("LotRegistry.registerLot", function () {
    shouldRefuseToEveryRoleExcept(["issuer"], {
      load,
      call: (f, caller) => f.registry.connect(caller).registerLot(copperRegistration(f.actors.custodian.address)),
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
      call: (f, caller) => f.registry.connect(caller).confirmArrival(f.lots.InTransit, bytes32("Rotterdam Botlek"), COPPER_LOT.payableKg),
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
      call: (f, caller) => f.registry.connect(caller).startSettlement(f.lots.Warehoused, id("SALE-1")),
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
        // Burn the settling lot's outstanding units so that only the role stands between it and retirement.
        const balance = await f.token.balanceOf(f.holder.address, f.lots.Settling);
        await f.token.connect(f.holder).burn(f.holder.address, f.lots.Settling, balance);
        return f;
      },
      call: (f, caller) => f.registry.connect(caller).retireLot(f.lots.Settling),
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
        error: "ERC1155MissingApprovalForAll",
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
