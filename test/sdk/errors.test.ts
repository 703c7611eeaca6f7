/**
 * When the chain refuses a call, the SDK throws a `ContractRevertError` carrying the decoded custom error
 * (`errorName`, `args`) and a `shortMessage` a person can act on: role names instead of hashes, lifecycle states
 * by name, quantities in the commodity's market unit. The refusal is caught by simulation, so nothing is sent.
 */
import { expect } from "chai";
import { keccak256, stringToHex, type Address } from "viem";

import {
  Commodity,
  ContractRevertError,
  MineralsError,
  Quantity,
  ROLES,
  TransactionError,
  decodeError,
  explainRevert,
  mineralsActions,
  type Deployment,
} from "../../src/index.ts";
import {
  chainState,
  chainTime,
  copperLot,
  daysAgo,
  daysFromNow,
  deployPlatformFixture,
  expectChainUnchanged,
  expectRevert,
  rejection,
  shortAddress,
  walletClient,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

/** LotState values, as the decoded `args` carry them. */
const STATE = { registered: 1, assayed: 2, warehoused: 3, inTransit: 4, settling: 5 } as const;

interface Lots {
  /** A copper lot, registered. */
  registered: bigint;
  /** A copper lot, warehoused with all 2,352.670 t attested; investor A holds 1,000 t. */
  warehoused: bigint;
  /** A copper lot dispatched by the custodian to the other custodian. */
  inTransit: bigint;
  /** A copper lot in settlement; investor A still holds 500 t. */
  settling: bigint;
  /** A gold lot, warehoused; investor A holds 1,000 ozt (31,103,477 mg). */
  gold: bigint;
  /** The warehouse receipt the warehoused lot was registered with. */
  warehousedReceipt: string;
}

/** What a refusal must decode to. */
interface ExpectedRevert {
  errorName: string;
  args?: (p: Platform, lots: Lots) => readonly unknown[];
  /** The exact `shortMessage`, or a pattern for it. */
  message: (p: Platform, lots: Lots) => string | RegExp;
}

describe("decoded reverts", function () {
  let platform: Platform;
  const lots = {} as Lots;

  before(async function () {
    platform = await deployPlatformFixture();
    const { as, address } = platform;

    ({ lotId: lots.registered } = await as.issuer.registerLot(copperLot(platform)));

    lots.warehoused = await warehousedCopperLot(platform);
    lots.warehousedReceipt = (await as.outsider.getLot({ lotId: lots.warehoused })).externalRef;
    await as.issuer.mintUnits({ lotId: lots.warehoused, to: address.investorA, amount: Quantity.parse(Commodity.Copper, "1,000 t") });

    lots.inTransit = await warehousedCopperLot(platform);
    await as.custodian.dispatchLot({ lotId: lots.inTransit, toCustodian: address.otherCustodian, destination: "Port of Matarani" });

    lots.settling = await warehousedCopperLot(platform);
    await as.issuer.mintUnits({ lotId: lots.settling, to: address.investorA, amount: Quantity.parse(Commodity.Copper, "500 t") });
    await as.issuer.startSettlement({ lotId: lots.settling, saleRef: "OFFTAKE-2026-117", treasury: address.issuer });

    ({ lotId: lots.gold } = await as.issuer.registerLot(
      copperLot(platform, { commodity: Commodity.Gold, form: "dore", wetMassGrams: 125_000n, moistureBps: 0, gradePpb: 885_000_000n, payableBps: 9990 }),
    ));
    await as.assayer.recordAssay({ lotId: lots.gold, moistureBps: 0, gradePpb: 885_000_000n, payableBps: 9990 });
    await as.custodian.attestCustody({ lotId: lots.gold, quantity: 110_514_375n, location: "Accra refinery vault 2" });
    await as.issuer.mintUnits({
      lotId: lots.gold,
      to: address.investorA,
      amount: Quantity.parse(Commodity.Gold, "1,000 ozt", undefined, "half-even"),
    });
    // A contract that does not accept ERC-1155 units, registered as an investor so that the compliance rules let the
    // mint through to the ERC-1155 receiver check.
    await as.compliance.registerInvestor({
      wallet: platform.deployment.contracts.LotRegistry,
      country: 604,
      investorClass: "institutional",
      kycExpiry: await daysFromNow(platform, 365),
    });
  });

  /** Shared behaviour: the call is refused with the expected decoded error and message, and nothing is sent. */
  function shouldRevertWith(title: string, call: (p: Platform, lots: Lots) => Promise<unknown>, expected: ExpectedRevert): void {
    it(title, async function () {
      const before = await chainState(platform);
      const error = await expectRevert(call(platform, lots), expected.errorName);
      if (expected.args) expect(error.args).to.deep.equal(expected.args(platform, lots));
      const message = expected.message(platform, lots);
      if (message instanceof RegExp) expect(error.shortMessage).to.match(message);
      else expect(error.shortMessage).to.equal(message);
      expect(error.message.startsWith(error.shortMessage)).to.equal(true);
      expect(error).to.be.instanceOf(MineralsError);
      await expectChainUnchanged(platform, before);
    });
  }

  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const who = (p: Platform, actor: keyof Platform["address"]): string => shortAddress(p.address[actor]);

  describe("missing roles", function () {
    shouldRevertWith(
      "naming a lot's treasury without the TREASURY role says where proceeds may go",
      (p, l) => p.as.admin.replaceLotTreasury({ lotId: l.settling, treasury: p.address.outsider }),
      {
        errorName: "TreasuryLacksRole",
        args: (p) => [p.address.outsider],
        message: (p, l) =>
          `Cannot name the treasury of lot ${l.settling}: ${who(p, "outsider")} does not hold the TREASURY role: an offering's and a sale's proceeds go only to a treasury account (the default admin grants the role)`,
      },
    );

    shouldRevertWith("registering a lot without the ISSUER role names the role", (p) => p.as.outsider.registerLot(copperLot(p)), {
      errorName: "AccessControlUnauthorizedAccount",
      args: (p) => [p.address.outsider, ROLES.issuer],
      message: (p) => `Cannot register the copper lot: ${who(p, "outsider")} does not hold the ISSUER role`,
    });

    shouldRevertWith(
      "recording an assay without the ASSAYER role names the role",
      (p, l) => p.as.issuer.recordAssay({ lotId: l.registered, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 }),
      {
        errorName: "AccessControlUnauthorizedAccount",
        args: (p) => [p.address.issuer, ROLES.assayer],
        message: (p, l) => `Cannot record the assay of lot ${l.registered}: ${who(p, "issuer")} does not hold the ASSAYER role`,
      },
    );

    shouldRevertWith(
      "minting without the ISSUER role is refused by the token, naming the registry's role",
      (p, l) => p.as.custodian.mintUnits({ lotId: l.warehoused, to: p.address.custodian, amount: 1n }),
      {
        errorName: "AccessControlUnauthorizedAccount",
        args: (p) => [p.address.custodian, ROLES.issuer],
        message: (p, l) => `Cannot mint 0.001 t Cu of lot ${l.warehoused}: ${who(p, "custodian")} does not hold the ISSUER role`,
      },
    );

    shouldRevertWith(
      "starting settlement without the ISSUER role names the role",
      (p, l) => p.as.custodian.startSettlement({ lotId: l.warehoused, saleRef: "OFFTAKE-2026-118", treasury: p.address.issuer }),
      {
        errorName: "AccessControlUnauthorizedAccount",
        message: (p, l) => `Cannot start settlement of lot ${l.warehoused}: ${who(p, "custodian")} does not hold the ISSUER role`,
      },
    );

    shouldRevertWith(
      "granting a role without being the admin names the ADMIN role",
      (p) => p.as.issuer.grantRole({ role: "issuer", account: p.address.outsider }),
      {
        errorName: "AccessControlUnauthorizedAccount",
        args: (p) => [p.address.issuer, ROLES.admin],
        message: (p) => `Cannot grant the issuer role to ${p.address.outsider}: ${who(p, "issuer")} does not hold the ADMIN role`,
      },
    );

    shouldRevertWith(
      "adding a document without any of the document roles",
      (p, l) =>
        p.as.outsider.addDocument({
          lotId: l.warehoused,
          docType: "other",
          sha256: keccak256(stringToHex("a document")),
          uri: "",
          issuedAt: new Date("2026-01-02T00:00:00Z"),
        }),
      {
        errorName: "NotADocumentIssuer",
        message: (p, l) =>
          new RegExp(`^Cannot add .* to lot ${l.warehoused}: ${escape(who(p, "outsider"))} holds none of the ISSUER, ASSAYER or CUSTODIAN roles$`),
      },
    );
  });

  describe("quantities beyond what the lot supports, in market units", function () {
    // Attested 2,352.670 t, minted 1,000 t: 1,352.670 t remain mintable.
    shouldRevertWith(
      "minting one kilogram more than remains attested",
      (p, l) => p.as.issuer.mintUnits({ lotId: l.warehoused, to: p.address.investorA, amount: Quantity.parse(Commodity.Copper, "1,352.671 t") }),
      {
        errorName: "MintExceedsAttested",
        args: (_p, l) => [l.warehoused, 1_352_671n, 1_352_670n],
        message: (_p, l) =>
          `Cannot mint 1,352.671 t Cu of lot ${l.warehoused}: only 1,352.670 t Cu of its attested quantity remain unminted (or it is not warehoused)`,
      },
    );

    shouldRevertWith(
      "attesting more than the assayed payable quantity",
      (p, l) => p.as.custodian.attestCustody({ lotId: l.warehoused, quantity: 2_352_671n, location: "Callao bonded warehouse 3" }),
      {
        errorName: "AttestationExceedsPayable",
        args: (_p, l) => [l.warehoused, 2_352_671n, 2_352_670n],
        message: (_p, l) => `Cannot attest 2,352.671 t Cu for lot ${l.warehoused}: its assayed payable quantity, less what left by delivery, is 2,352.670 t Cu`,
      },
    );

    shouldRevertWith(
      "attesting less than has been minted",
      (p, l) => p.as.custodian.attestCustody({ lotId: l.warehoused, quantity: Quantity.parse(Commodity.Copper, "999.999 t"), location: "Callao bonded warehouse 3" }),
      {
        errorName: "AttestationBelowMinted",
        message: (_p, l) => `Cannot attest 999.999 t Cu for lot ${l.warehoused}: the units minted and not delivered, with the capacity open offerings reserved, come to 1,000.000 t Cu`,
      },
    );

    shouldRevertWith(
      "transferring more copper than the sender holds",
      (p, l) => p.as.investorA.transferUnits({ lotId: l.warehoused, to: p.address.investorB, amount: Quantity.parse(Commodity.Copper, "1,000.001 t") }),
      {
        errorName: "ERC1155InsufficientBalance",
        args: (p, l) => [p.address.investorA, 1_000_000n, 1_000_001n, l.warehoused],
        message: (p, l) =>
          `Cannot transfer 1,000.001 t Cu of lot ${l.warehoused}: ${who(p, "investorA")} holds 1,000.000 t Cu of lot ${l.warehoused}, fewer than the 1,000.001 t Cu asked for`,
      },
    );

    shouldRevertWith(
      "transferring gold from an account that holds none, in troy ounces",
      (p, l) => p.as.investorB.transferUnits({ lotId: l.gold, to: p.address.investorC, amount: Quantity.parse(Commodity.Gold, "1 kg") }),
      {
        errorName: "ERC1155InsufficientBalance",
        args: (p, l) => [p.address.investorB, 0n, 1_000_000n, l.gold],
        message: (p, l) =>
          `Cannot transfer 32.151 ozt fine Au of lot ${l.gold}: ${who(p, "investorB")} holds 0.000 ozt fine Au of lot ${l.gold}, fewer than the 32.151 ozt fine Au asked for`,
      },
    );

    it("a batch transfer beyond a balance names the lot", async function () {
      const before = await chainState(platform);
      const error = await expectRevert(
        platform.as.investorA.batchTransferUnits({
          to: platform.address.investorB,
          items: [
            { lotId: lots.gold, amount: 1n },
            { lotId: lots.warehoused, amount: Quantity.parse(Commodity.Copper, "2,000 t") },
          ],
        }),
        "ERC1155InsufficientBalance",
      );
      expect(error.args).to.deep.equal([platform.address.investorA, 1_000_000n, 2_000_000n, lots.warehoused]);
      expect(error.shortMessage).to.match(new RegExp(`^Cannot transfer units of lots ${lots.gold}, ${lots.warehoused}: .* of lot ${lots.warehoused}, fewer than`));
      await expectChainUnchanged(platform, before);
    });

    it("retiring a lot with units outstanding says how many, in market units", async function () {
      const before = await chainState(platform);
      const error = await expectRevert(platform.as.issuer.retireLot({ lotId: lots.settling }), "UnitsOutstanding");
      expect(error.args).to.deep.equal([lots.settling, 500_000n]);
      expect(error.shortMessage).to.equal(
        `Cannot retire lot ${lots.settling}: Lot ${lots.settling} cannot be retired while 500.000 t Cu of its units are outstanding: its final sale payment is not declared yet (once it is and the notice period has passed, the lot may retire with its units still redeemable)`,
      );
      await expectChainUnchanged(platform, before);
    });
  });

  describe("steps the lot's state does not allow, with states by name", function () {
    shouldRevertWith(
      "minting from a lot that is only registered",
      (p, l) => p.as.issuer.mintUnits({ lotId: l.registered, to: p.address.investorA, amount: 1n }),
      {
        errorName: "InvalidLotState",
        args: (_p, l) => [l.registered, STATE.registered, STATE.warehoused],
        message: (_p, l) => `Cannot mint 0.001 t Cu of lot ${l.registered}: Lot ${l.registered} is registered; this step needs it warehoused`,
      },
    );

    shouldRevertWith(
      "minting from a lot in transit",
      (p, l) => p.as.issuer.mintUnits({ lotId: l.inTransit, to: p.address.investorA, amount: 1n }),
      {
        errorName: "InvalidLotState",
        args: (_p, l) => [l.inTransit, STATE.inTransit, STATE.warehoused],
        message: (_p, l) => `Cannot mint 0.001 t Cu of lot ${l.inTransit}: Lot ${l.inTransit} is in-transit; this step needs it warehoused`,
      },
    );

    shouldRevertWith(
      "assaying a lot that is already warehoused",
      (p, l) => p.as.assayer.recordAssay({ lotId: l.warehoused, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 }),
      {
        errorName: "InvalidLotState",
        message: (_p, l) => `Cannot record the assay of lot ${l.warehoused}: Lot ${l.warehoused} is warehoused; this step needs it registered`,
      },
    );

    shouldRevertWith(
      "attesting custody of a lot that has not been assayed",
      (p, l) => p.as.custodian.attestCustody({ lotId: l.registered, quantity: 1n, location: "Callao bonded warehouse 3" }),
      {
        errorName: "InvalidLotState",
        args: (_p, l) => [l.registered, STATE.registered, STATE.assayed],
        message: (_p, l) => `Cannot attest custody of lot ${l.registered}: Lot ${l.registered} is registered; this step needs it assayed`,
      },
    );

    shouldRevertWith(
      "starting settlement of a lot in transit",
      (p, l) => p.as.issuer.startSettlement({ lotId: l.inTransit, saleRef: "OFFTAKE-2026-119", treasury: p.address.issuer }),
      {
        errorName: "InvalidLotState",
        message: (_p, l) => `Cannot start settlement of lot ${l.inTransit}: Lot ${l.inTransit} is in-transit; this step needs it warehoused`,
      },
    );

    shouldRevertWith(
      "minting from a lot in settlement",
      (p, l) => p.as.issuer.mintUnits({ lotId: l.settling, to: p.address.investorA, amount: 1n }),
      {
        errorName: "InvalidLotState",
        args: (_p, l) => [l.settling, STATE.settling, STATE.warehoused],
        message: (_p, l) => `Cannot mint 0.001 t Cu of lot ${l.settling}: Lot ${l.settling} is settling; this step needs it warehoused`,
      },
    );

    shouldRevertWith("retiring a lot that is not settling", (p, l) => p.as.issuer.retireLot({ lotId: l.warehoused }), {
      errorName: "InvalidLotState",
      args: (_p, l) => [l.warehoused, STATE.warehoused, STATE.settling],
      message: (_p, l) => `Cannot retire lot ${l.warehoused}: Lot ${l.warehoused} is warehoused; this step needs it settling`,
    });

    shouldRevertWith(
      "dispatching a lot that is settling",
      (p, l) => p.as.custodian.dispatchLot({ lotId: l.settling, toCustodian: p.address.otherCustodian, destination: "Port of Matarani" }),
      {
        errorName: "InvalidLotState",
        message: (_p, l) => `Cannot dispatch lot ${l.settling}: Lot ${l.settling} is settling; this step needs it warehoused`,
      },
    );
  });

  describe("unknown lots", function () {
    shouldRevertWith("reading a lot that does not exist", (p) => p.as.outsider.getLot({ lotId: 999n }), {
      errorName: "UnknownLot",
      args: () => [999n],
      message: () => "Cannot read lot 999: Lot 999 does not exist",
    });

    shouldRevertWith("minting units of a lot that does not exist", (p) => p.as.issuer.mintUnits({ lotId: 999n, to: p.address.investorA, amount: 1n }), {
      errorName: "UnknownLot",
      message: () => "Cannot read lot 999: Lot 999 does not exist",
    });

    shouldRevertWith(
      "dispatching a lot that does not exist",
      (p) => p.as.custodian.dispatchLot({ lotId: 999n, toCustodian: p.address.otherCustodian, destination: "Port of Matarani" }),
      { errorName: "UnknownLot", message: () => "Cannot dispatch lot 999: Lot 999 does not exist" },
    );

    shouldRevertWith(
      "adding a document to a lot that does not exist",
      (p) =>
        p.as.custodian.addDocument({
          lotId: 999n,
          docType: "bill-of-lading",
          sha256: keccak256(stringToHex("B/L")),
          uri: "",
          issuedAt: new Date("2026-01-02T00:00:00Z"),
        }),
      { errorName: "UnknownLot", message: () => /^Cannot add .*bill-of-lading.* to lot 999: Lot 999 does not exist$/ },
    );

    shouldRevertWith("reading the documents of a lot that does not exist", (p) => p.as.outsider.getDocuments({ lotId: 999n }), {
      errorName: "UnknownLot",
      message: () => "Cannot read the documents of lot 999: Lot 999 does not exist",
    });
  });

  describe("custody", function () {
    shouldRevertWith(
      "attesting a lot held by another custodian",
      (p, l) => p.as.otherCustodian.attestCustody({ lotId: l.warehoused, quantity: 1_000_000n, location: "Matarani warehouse 2" }),
      {
        errorName: "NotLotCustodian",
        args: (p, l) => [l.warehoused, p.address.otherCustodian, p.address.custodian],
        message: (p, l) =>
          `Cannot attest custody of lot ${l.warehoused}: ${who(p, "otherCustodian")} is not the custodian of lot ${l.warehoused} (its custodian is ${who(p, "custodian")})`,
      },
    );

    shouldRevertWith(
      "dispatching a lot held by another custodian",
      (p, l) => p.as.otherCustodian.dispatchLot({ lotId: l.warehoused, toCustodian: p.address.otherCustodian, destination: "Port of Matarani" }),
      {
        errorName: "NotLotCustodian",
        message: (p, l) =>
          `Cannot dispatch lot ${l.warehoused}: ${who(p, "otherCustodian")} is not the custodian of lot ${l.warehoused} (its custodian is ${who(p, "custodian")})`,
      },
    );

    shouldRevertWith(
      "dispatching to an account without the CUSTODIAN role",
      (p, l) => p.as.custodian.dispatchLot({ lotId: l.warehoused, toCustodian: p.address.investorA, destination: "Port of Matarani" }),
      {
        errorName: "NotACustodian",
        args: (p) => [p.address.investorA],
        message: (p, l) => `Cannot dispatch lot ${l.warehoused}: ${who(p, "investorA")} does not hold the CUSTODIAN role`,
      },
    );

    shouldRevertWith(
      "confirming the arrival of a lot dispatched to someone else",
      (p, l) => p.as.custodian.confirmArrival({ lotId: l.inTransit, location: "Matarani warehouse 2", quantity: 1_000n }),
      {
        errorName: "NotPendingCustodian",
        args: (p, l) => [l.inTransit, p.address.custodian, p.address.otherCustodian],
        message: (p, l) =>
          `Cannot confirm arrival of lot ${l.inTransit}: ${who(p, "custodian")} cannot confirm arrival of lot ${l.inTransit}: it was dispatched to ${who(p, "otherCustodian")}`,
      },
    );

    shouldRevertWith(
      "registering a lot with a custodian that lacks the CUSTODIAN role",
      (p) => p.as.issuer.registerLot(copperLot(p, { custodian: p.address.investorA })),
      {
        errorName: "NotACustodian",
        message: (p) => `Cannot register the copper lot: ${who(p, "investorA")} does not hold the CUSTODIAN role`,
      },
    );
  });

  describe("registrations the registry refuses", function () {
    shouldRevertWith(
      "registering the same warehouse receipt twice",
      (p, l) => p.as.issuer.registerLot(copperLot(p, { externalRef: l.warehousedReceipt })),
      {
        errorName: "DuplicateExternalRef",
        args: (_p, l) => [l.warehousedReceipt, l.warehoused],
        message: (_p, l) => `Cannot register the copper lot: External reference ${l.warehousedReceipt} is already registered as lot ${l.warehoused}`,
      },
    );

    shouldRevertWith(
      "registering gold as a concentrate",
      (p) => p.as.issuer.registerLot(copperLot(p, { commodity: Commodity.Gold, form: "concentrate", wetMassGrams: 125_000n })),
      {
        errorName: "FormNotAllowed",
        args: () => [Commodity.Gold, 2],
        message: () => "Cannot register the gold lot: gold is not traded as concentrate",
      },
    );

    shouldRevertWith(
      "registering antimony as cathode",
      (p) => p.as.issuer.registerLot(copperLot(p, { commodity: Commodity.Antimony, form: "cathode" })),
      { errorName: "FormNotAllowed", message: () => "Cannot register the antimony lot: antimony is not traded as cathode" },
    );
  });

  describe("units of other holders", function () {

    shouldRevertWith(
      "transferring another holder's units without its approval",
      (p, l) => p.as.investorB.transferUnits({ lotId: l.warehoused, from: p.address.investorA, to: p.address.investorB, amount: 1n }),
      {
        errorName: "ERC1155MissingApprovalForAll",
        message: (p, l) =>
          `Cannot transfer 0.001 t Cu of lot ${l.warehoused}: ${who(p, "investorB")} is not approved to move or burn the units of ${who(p, "investorA")}`,
      },
    );

    shouldRevertWith(
      "minting to a (registered) contract that does not accept ERC-1155 units",
      (p, l) => p.as.issuer.mintUnits({ lotId: l.warehoused, to: p.deployment.contracts.LotRegistry, amount: 1n }),
      {
        errorName: "ERC1155InvalidReceiver",
        message: (p, l) =>
          `Cannot mint 0.001 t Cu of lot ${l.warehoused}: ${shortAddress(p.deployment.contracts.LotRegistry)} cannot receive units: it is the zero address or a contract that does not accept ERC-1155 tokens`,
      },
    );
  });

  describe("documents", function () {
    it("a document dated after the chain's clock is refused with the field and the value", async function () {
      const future = new Date((await chainTime(platform)).getTime() + 86_400_000);
      const before = await chainState(platform);
      const error = await expectRevert(
        platform.as.custodian.addDocument({ lotId: lots.warehoused, docType: "insurance", sha256: keccak256(stringToHex("policy")), uri: "", issuedAt: future }),
        "InvalidLotField",
      );
      const seconds = BigInt(future.getTime() / 1000);
      expect(error.args).to.deep.equal(["issuedAt", seconds]);
      expect(error.shortMessage).to.match(new RegExp(`^Cannot add .* to lot ${lots.warehoused}: Invalid issuedAt: ${seconds} is out of range or empty$`));
      await expectChainUnchanged(platform, before);
    });

    it("a document dated in the past is accepted", async function () {
      const { index } = await platform.as.custodian.addDocument({
        lotId: lots.warehoused,
        docType: "insurance",
        sha256: keccak256(stringToHex("policy")),
        uri: "",
        issuedAt: await daysAgo(platform, 1),
      });
      expect(index).to.equal(0n);
    });
  });

  describe("failures that are not reverts", function () {
    it("reading through a manifest whose addresses hold no contract is a TransactionError", async function () {
      const nowhere: Deployment = {
        ...platform.deployment,
        contracts: { LotRegistry: platform.address.outsider, LotToken: platform.address.investorC, InvestorRegistrar: platform.address.investorC },
      };
      const client = walletClient(platform.provider, platform.address.outsider).extend(mineralsActions(nowhere));
      const error = await rejection(client.getLot({ lotId: 1n }));
      expect(error).to.be.instanceOf(TransactionError);
      expect(error).to.not.be.instanceOf(ContractRevertError);
      expect((error as TransactionError).shortMessage).to.match(/returned no data/);
    });

    it("decodeError passes SDK errors through and wraps anything else", function () {
      const revert = new ContractRevertError("UnknownLot", [1n], "Lot 1 does not exist");
      expect(decodeError(revert)).to.equal(revert);
      const wrapped = decodeError(new Error("socket hang up"));
      expect(wrapped).to.be.instanceOf(TransactionError);
      expect(wrapped.shortMessage).to.equal("socket hang up");
    });

    it("explainRevert knows the registry's errors and leaves unknown ones to the caller", function () {
      expect(explainRevert("UnknownLot", [7n])).to.equal("Lot 7 does not exist");
      expect(explainRevert("ZeroAmount", [7n])).to.equal("The amount for lot 7 must be greater than zero");
      expect(explainRevert("SomethingElse", [])).to.equal(undefined);
      const account: Address = platform.address.outsider;
      expect(explainRevert("AccessControlUnauthorizedAccount", [account, ROLES.custodian])).to.equal(
        `${shortAddress(account)} does not hold the CUSTODIAN role`,
      );
    });
  });
});
