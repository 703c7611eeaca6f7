/**
 * Recovering lots in transit, attesting on arrival, withdrawing lots with nothing outstanding, and documents that
 * come only from the parties that hold a lot and are read in pages: through the SDK, against a real in-process chain.
 */
import { createHash } from "node:crypto";

import { expect } from "chai";
import type { Hex } from "viem";

import { Commodity, DOCUMENT_PAGE_SIZE, Quantity } from "../../src/index.ts";
import {
  chainState,
  copperLot,
  daysAgo,
  deployPlatformFixture,
  expectChainUnchanged,
  expectRevert,
  shortAddress,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

const sha256 = (content: string): Hex => `0x${createHash("sha256").update(content).digest("hex")}`;
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, text);

describe("lot recovery, arrival attestation and documents through the SDK", function () {
  let platform: Platform;

  before(async function () {
    platform = await deployPlatformFixture();
    // A third custodian, holding none of the lots: the spare wallet.
    await platform.as.admin.grantRole({ role: "custodian", account: platform.address.spareWallet });
  });

  /** A warehoused copper lot with 1,000 t minted to investor A, dispatched by the custodian to the other custodian. */
  async function lotInTransit(): Promise<bigint> {
    const lotId = await warehousedCopperLot(platform);
    await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("1,000 t") });
    await platform.as.custodian.dispatchLot({ lotId, toCustodian: platform.address.otherCustodian, destination: "Port of Matarani" });
    return lotId;
  }

  describe("recallLot", function () {
    it("brings a lot in transit back to its dispatching custodian, and minting waits for that custodian's new attestation", async function () {
      const lotId = await lotInTransit();
      await platform.as.issuer.recallLot({ lotId, reason: "receiver lost its key" });

      const recalled = await platform.as.outsider.getLot({ lotId });
      expect(recalled.state).to.equal("warehoused");
      expect(recalled.custodian).to.equal(platform.address.custodian);
      expect(recalled.pendingCustodian).to.equal(undefined);
      expect(recalled.awaitingAttestation).to.equal(true);
      expect(recalled.mintable.isZero()).to.equal(true);

      const refused = await expectRevert(platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("1 t") }), "AttestationRequired");
      expect(refused.shortMessage).to.equal(
        `Cannot mint 1.000 t Cu of lot ${lotId}: Lot ${lotId} came back from transit: its custodian ${shortAddress(platform.address.custodian)} must attest what it holds before more units are minted`,
      );

      await platform.as.custodian.attestCustody({ lotId, quantity: t("2,000 t"), location: "Callao bonded warehouse 3" });
      const attested = await platform.as.outsider.getLot({ lotId });
      expect(attested.awaitingAttestation).to.equal(false);
      expect(attested.mintable.toMarket()).to.equal("1000.000");
      await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("1,000 t") });

      const timeline = await platform.as.outsider.getLotHistory({ lotId });
      const recall = timeline.find((e) => e.event === "LotRecalled");
      expect(recall?.args).to.include({ custodian: platform.address.custodian, pendingCustodian: platform.address.otherCustodian });
    });

    it("is refused, with the role named, to anyone but the issuer, and nothing is sent", async function () {
      const lotId = await lotInTransit();
      const before = await chainState(platform);
      const refused = await expectRevert(platform.as.custodian.recallLot({ lotId, reason: "changed my mind" }), "AccessControlUnauthorizedAccount");
      expect(refused.shortMessage).to.equal(`Cannot recall lot ${lotId}: ${shortAddress(platform.address.custodian)} does not hold the ISSUER role`);
      await expectChainUnchanged(platform, before);
    });
  });

  describe("redirectLot", function () {
    it("sends a lot in transit to another custodian, which confirms it with its own count", async function () {
      const lotId = await lotInTransit();
      await platform.as.issuer.redirectLot({ lotId, toCustodian: platform.address.spareWallet, destination: "Port of Ilo", reason: "strike at Matarani" });
      const moving = await platform.as.outsider.getLot({ lotId });
      expect(moving.state).to.equal("in-transit");
      expect(moving.pendingCustodian).to.equal(platform.address.spareWallet);

      await expectRevert(
        platform.as.otherCustodian.confirmArrival({ lotId, location: "Matarani warehouse 2", quantity: t("2,000 t") }),
        "NotPendingCustodian",
      );
      const { attested } = await platform.as.spareWallet.confirmArrival({ lotId, location: "Ilo warehouse 1", quantity: t("2,000 t") });
      expect(attested.toMarket()).to.equal("2000.000");
      const arrived = await platform.as.outsider.getLot({ lotId });
      expect(arrived.state).to.equal("warehoused");
      expect(arrived.custodian).to.equal(platform.address.spareWallet);
      expect(arrived.location).to.equal("Ilo warehouse 1");
    });

    it("refuses a receiver without the CUSTODIAN role, with a plain sentence", async function () {
      const lotId = await lotInTransit();
      const refused = await expectRevert(
        platform.as.issuer.redirectLot({ lotId, toCustodian: platform.address.investorB, destination: "Port of Ilo", reason: "strike" }),
        "NotACustodian",
      );
      expect(refused.shortMessage).to.equal(`Cannot redirect lot ${lotId}: ${shortAddress(platform.address.investorB)} does not hold the CUSTODIAN role`);
    });
  });

  describe("confirmArrival attests what arrived", function () {
    it("a loss in transit: the receiving custodian attests less, and minting is capped by its figure", async function () {
      const lotId = await lotInTransit();
      // 2,352.670 t were attested before the journey and 1,000 t minted; 2,300 t arrive.
      await platform.as.otherCustodian.confirmArrival({ lotId, location: "Matarani warehouse 2", quantity: t("2,300 t") });
      const arrived = await platform.as.outsider.getLot({ lotId });
      expect(arrived.attested.toMarket()).to.equal("2300.000");
      expect(arrived.mintable.toMarket()).to.equal("1300.000");

      const refused = await expectRevert(
        platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("1,300.001 t") }),
        "MintExceedsAttested",
      );
      expect(refused.args).to.deep.equal([lotId, 1_300_001n, 1_300_000n]);
      await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("1,300 t") });
      expect((await platform.as.outsider.getLot({ lotId })).minted.toMarket()).to.equal("2300.000");
    });

    it("refuses an attestation below the units minted, in the lot's market unit", async function () {
      const lotId = await lotInTransit();
      const refused = await expectRevert(
        platform.as.otherCustodian.confirmArrival({ lotId, location: "Matarani warehouse 2", quantity: t("999.999 t") }),
        "AttestationBelowMinted",
      );
      expect(refused.shortMessage).to.equal(`Cannot attest 999.999 t Cu for lot ${lotId}: the units minted and not delivered, with the capacity open offerings reserved, come to 1,000.000 t Cu`);
    });
  });

  describe("withdrawLot", function () {
    it("retires a registered lot whose assay never came", async function () {
      const { lotId } = await platform.as.issuer.registerLot(copperLot(platform));
      await platform.as.issuer.withdrawLot({ lotId, reason: "assayer licence revoked" });
      expect((await platform.as.outsider.getLot({ lotId })).state).to.equal("retired");
      const withdrawn = (await platform.as.outsider.getLotHistory({ lotId })).find((e) => e.event === "LotWithdrawn");
      expect(withdrawn?.args.from).to.equal(1); // LotState.Registered
    });

    it("refuses a lot with units outstanding, saying how many", async function () {
      const lotId = await warehousedCopperLot(platform);
      await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: t("5 t") });
      const refused = await expectRevert(platform.as.issuer.withdrawLot({ lotId, reason: "shipment cancelled" }), "UnitsOutstanding");
      expect(refused.shortMessage).to.equal(`Cannot withdraw lot ${lotId}: Lot ${lotId} cannot be retired while 5.000 t Cu of its units are outstanding`);
    });

    it("refuses a lot in transit and says to recall it first", async function () {
      const lotId = await lotInTransit();
      const refused = await expectRevert(platform.as.issuer.withdrawLot({ lotId, reason: "shipment cancelled" }), "LotNotWithdrawable");
      expect(refused.shortMessage).to.equal(
        `Cannot withdraw lot ${lotId}: Lot ${lotId} is in-transit; only a registered, assayed or warehoused lot can be withdrawn (recall a lot in transit first; retire a settling lot)`,
      );
    });
  });

  describe("documents", function () {
    const document = (lotId: bigint, content: string) => ({
      lotId,
      docType: "bill-of-lading" as const,
      sha256: sha256(content),
      uri: "",
    });

    it("refuses a custodian that never held the lot, and accepts the one it is dispatched to", async function () {
      const lotId = await warehousedCopperLot(platform);
      const issuedAt = await daysAgo(platform, 1);
      const refused = await expectRevert(platform.as.otherCustodian.addDocument({ ...document(lotId, "B/L 1"), issuedAt }), "CustodianNeverHeldLot");
      expect(refused.shortMessage).to.equal(
        `Cannot add the document (bill-of-lading) to lot ${lotId}: ${shortAddress(platform.address.otherCustodian)} has never held lot ${lotId} and is not receiving it: a custodian documents only the lots it holds or held`,
      );

      await platform.as.custodian.dispatchLot({ lotId, toCustodian: platform.address.otherCustodian, destination: "Port of Matarani" });
      const { index } = await platform.as.otherCustodian.addDocument({ ...document(lotId, "B/L 2"), issuedAt });
      expect(index).to.equal(0n);
    });

    it("refuses anything attached to a retired lot", async function () {
      const { lotId } = await platform.as.issuer.registerLot(copperLot(platform));
      await platform.as.issuer.withdrawLot({ lotId, reason: "duplicate registration" });
      const refused = await expectRevert(
        platform.as.issuer.addDocument({ ...document(lotId, "late"), issuedAt: await daysAgo(platform, 1) }),
        "LotAlreadyRetired",
      );
      expect(refused.shortMessage).to.equal(
        `Cannot add the document (bill-of-lading) to lot ${lotId}: Lot ${lotId} is retired: nothing more can be attached to its record`,
      );
    });

    it("reads documents in pages: first, middle, past the end, limit 0, and all of them across several pages", async function () {
      const lotId = await warehousedCopperLot(platform);
      const issuedAt = await daysAgo(platform, 1);
      const count = DOCUMENT_PAGE_SIZE + 3;
      for (let i = 0; i < count; i += 1) {
        await platform.as.custodian.addDocument({ ...document(lotId, `doc ${i}`), issuedAt });
      }

      const first = await platform.as.outsider.getDocuments({ lotId, limit: 2 });
      expect(first.documents.map((d) => d.index)).to.deep.equal([0, 1]);
      expect(first.documents[1]!.sha256).to.equal(sha256("doc 1"));
      expect(first.total).to.equal(count);
      expect(first.nextOffset).to.equal(2);

      const middle = await platform.as.outsider.getDocuments({ lotId, offset: 20, limit: 3 });
      expect(middle.documents.map((d) => d.sha256)).to.deep.equal([sha256("doc 20"), sha256("doc 21"), sha256("doc 22")]);
      expect(middle.documents.map((d) => d.index)).to.deep.equal([20, 21, 22]);
      expect(middle.nextOffset).to.equal(23);

      const last = await platform.as.outsider.getDocuments({ lotId, offset: count - 1, limit: 10 });
      expect(last.documents.map((d) => d.index)).to.deep.equal([count - 1]);
      expect(last.nextOffset).to.equal(undefined);

      const past = await platform.as.outsider.getDocuments({ lotId, offset: count + 5, limit: 10 });
      expect(past).to.deep.equal({ documents: [], total: count, nextOffset: undefined });

      const none = await platform.as.outsider.getDocuments({ lotId, limit: 0 });
      expect(none).to.deep.equal({ documents: [], total: count, nextOffset: undefined });

      const byDefault = await platform.as.outsider.getDocuments({ lotId });
      expect(byDefault.documents).to.have.length(DOCUMENT_PAGE_SIZE);
      expect(byDefault.nextOffset).to.equal(DOCUMENT_PAGE_SIZE);

      const all = await platform.as.outsider.getAllDocuments({ lotId });
      expect(all.map((d) => d.index)).to.deep.equal([...Array(count).keys()]);
      expect(all.map((d) => d.sha256)).to.deep.equal([...Array(count).keys()].map((i) => sha256(`doc ${i}`)));
      expect((await platform.as.outsider.getLotReport({ lotId })).documents).to.have.length(count);
    });
  });
});
