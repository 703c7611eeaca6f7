import { expect } from "chai";
import { id, sha256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import {
  COPPER_LOT,
  DocType,
  LOT_STATES,
  ZERO_BYTES32,
  bytes32,
  deployLotsFixture,
  type LotsFixture,
} from "./helpers/fixtures.ts";

// Documents are recorded by content hash, never by content, by the issuer, an assayer or a custodian that holds,
// held or is receiving the lot; a retired lot's record is closed. They are read one at a time or in pages.

const { networkHelpers } = await network.create();
const anyValue = () => true;
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployLotsFixture);

const ASSAY_CERTIFICATE = sha256(toUtf8Bytes("assay certificate AC-2025-0193, SGS Antofagasta"));
const WAREHOUSE_RECEIPT = sha256(toUtf8Bytes("warehouse receipt WR-CL-000193"));
const MAX_URI_LENGTH = 512;

describe("LotRegistry documents", function () {
  it("addDocument stores the document by hash, emits DocumentAdded and numbers documents from 0", async function () {
    const f = await load();
    const lotId = f.lots.Assayed;
    const issuedAt = BigInt(await time.latest());

    await expect(
      f.registry
        .connect(f.actors.assayer)
        .addDocument(lotId, DocType.AssayCertificate, ASSAY_CERTIFICATE, "ipfs://bafy-assay", issuedAt),
    )
      .to.emit(f.registry, "DocumentAdded")
      .withArgs(lotId, 0n, DocType.AssayCertificate, ASSAY_CERTIFICATE, "ipfs://bafy-assay", f.actors.assayer.address);
    await expect(
      f.registry
        .connect(f.actors.custodian)
        .addDocument(lotId, DocType.WarehouseReceipt, WAREHOUSE_RECEIPT, "", issuedAt - 86_400n),
    )
      .to.emit(f.registry, "DocumentAdded")
      .withArgs(lotId, 1n, DocType.WarehouseReceipt, WAREHOUSE_RECEIPT, "", f.actors.custodian.address);

    expect(await f.registry.documentCount(lotId)).to.equal(2n);
    const first = await f.registry.getDocument(lotId, 0n);
    expect(first.docType).to.equal(DocType.AssayCertificate);
    expect(first.sha256Hash).to.equal(ASSAY_CERTIFICATE);
    expect(first.uri).to.equal("ipfs://bafy-assay");
    expect(first.issuer).to.equal(f.actors.assayer.address);
    expect(first.issuedAt).to.equal(issuedAt);

    const [all, total] = await f.registry.getDocuments(lotId, 0n, 10n);
    expect(total).to.equal(2n);
    expect(all.map((d) => d.sha256Hash)).to.deep.equal([ASSAY_CERTIFICATE, WAREHOUSE_RECEIPT]);
    expect(all[1]!.issuer).to.equal(f.actors.custodian.address);
    // Documents of one lot do not leak into another.
    expect(await f.registry.documentCount(f.lots.Registered)).to.equal(0n);
    const [none, noneTotal] = await f.registry.getDocuments(f.lots.Registered, 0n, 10n);
    expect(none).to.deep.equal([]);
    expect(noneTotal).to.equal(0n);
  });

  it("addDocument returns the new document's index", async function () {
    const f = await load();
    const issuedAt = await time.latest();
    const asIssuer = f.registry.connect(f.actors.issuer);
    await asIssuer.addDocument(f.lots.Warehoused, DocType.ExportPermit, id("permit"), "", issuedAt);
    expect(
      await asIssuer.addDocument.staticCall(f.lots.Warehoused, DocType.Insurance, id("policy"), "", issuedAt),
    ).to.equal(1n);
  });

  for (const state of LOT_STATES.filter((s) => s !== "Retired")) {
    it(`addDocument accepts a document for a lot in the ${state} state`, async function () {
      const f = await load();
      await expect(
        f.registry
          .connect(f.actors.issuer)
          .addDocument(f.lots[state], DocType.DueDiligenceReport, id(`dd-${state}`), "", await time.latest()),
      ).to.emit(f.registry, "DocumentAdded");
    });
  }

  for (const actor of ["issuer", "assayer", "custodian"] as const) {
    it(`addDocument reverts when the lot is retired, even for ${actor === "custodian" ? "the custodian that held it" : `the ${actor}`}`, async function () {
      const f = await load();
      const lotId = f.lots.Retired;
      await expect(
        f.registry.connect(f.actors[actor]).addDocument(lotId, DocType.Other, id("late"), "", await time.latest()),
      )
        .to.be.revertedWithCustomError(f.registry, "LotAlreadyRetired")
        .withArgs(lotId);
      expect(await f.registry.documentCount(lotId)).to.equal(0n);
    });
  }

  describe("which custodian may document a lot", function () {
    const document = async (f: LotsFixture, who: "custodian" | "otherCustodian", lotId: bigint) =>
      f.registry
        .connect(f.actors[who])
        .addDocument(lotId, DocType.BillOfLading, id(`bl-${who}-${lotId}`), "", await time.latest());

    it("addDocument reverts when a custodian never held the lot", async function () {
      const f = await load();
      for (const state of ["Registered", "Assayed", "Warehoused", "Settling"] as const) {
        await expect(document(f, "otherCustodian", f.lots[state]))
          .to.be.revertedWithCustomError(f.registry, "CustodianNeverHeldLot")
          .withArgs(f.lots[state], f.actors.otherCustodian.address);
        expect(await f.registry.hasHeldLot(f.lots[state], f.actors.otherCustodian.address)).to.equal(false);
      }
    });

    it("addDocument accepts a document from the custodian the lot was registered with", async function () {
      const f = await load();
      expect(await f.registry.hasHeldLot(f.lots.Registered, f.actors.custodian.address)).to.equal(true);
      await expect(document(f, "custodian", f.lots.Registered))
        .to.emit(f.registry, "DocumentAdded")
        .withArgs(f.lots.Registered, 0n, DocType.BillOfLading, anyValue, "", f.actors.custodian.address);
    });

    it("addDocument accepts a document from the custodian a lot in transit is dispatched to (a bill of lading)", async function () {
      const f = await load();
      await expect(document(f, "otherCustodian", f.lots.InTransit))
        .to.emit(f.registry, "DocumentAdded")
        .withArgs(f.lots.InTransit, 0n, DocType.BillOfLading, anyValue, "", f.actors.otherCustodian.address);
    });

    it("addDocument reverts for a custodian the issuer redirected the lot away from, which never received it", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry
        .connect(f.actors.issuer)
        .redirectLot(lotId, f.actors.custodian.address, bytes32("Antofagasta W3"), bytes32("port strike"));
      await expect(document(f, "otherCustodian", lotId))
        .to.be.revertedWithCustomError(f.registry, "CustodianNeverHeldLot")
        .withArgs(lotId, f.actors.otherCustodian.address);
    });

    it("addDocument reverts for the receiving custodian once the issuer recalled the lot", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.issuer).recallLot(lotId, bytes32("receiver lost its key"));
      await expect(document(f, "otherCustodian", lotId))
        .to.be.revertedWithCustomError(f.registry, "CustodianNeverHeldLot")
        .withArgs(lotId, f.actors.otherCustodian.address);
    });

    it("addDocument accepts documents from both the previous and the current custodian after a move", async function () {
      const f = await load();
      const lotId = f.lots.InTransit;
      await f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, bytes32("Rotterdam 4"), COPPER_LOT.payableKg);
      await expect(document(f, "otherCustodian", lotId)).to.emit(f.registry, "DocumentAdded");
      await expect(document(f, "custodian", lotId)).to.emit(f.registry, "DocumentAdded");
      expect(await f.registry.documentCount(lotId)).to.equal(2n);
    });

    it("addDocument reverts for a custodian that held the lot but lost CUSTODIAN_ROLE", async function () {
      const f = await load();
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.CUSTODIAN, f.actors.custodian.address);
      await expect(document(f, "custodian", f.lots.Warehoused))
        .to.be.revertedWithCustomError(f.registry, "NotADocumentIssuer")
        .withArgs(f.actors.custodian.address);
    });

    it("addDocument accepts documents from the issuer and the assayer on a lot they never held", async function () {
      const f = await load();
      for (const actor of ["issuer", "assayer"] as const) {
        await expect(
          f.registry.connect(f.actors[actor]).addDocument(f.lots.InTransit, DocType.Insurance, id(actor), "", await time.latest()),
        ).to.emit(f.registry, "DocumentAdded");
      }
    });
  });

  describe("getDocuments reads in pages", function () {
    const COUNT = 5;
    async function withDocuments(): Promise<{ f: LotsFixture; lotId: bigint; hashes: string[] }> {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const hashes: string[] = [];
      for (let i = 0; i < COUNT; i += 1) {
        hashes.push(id(`doc-${i}`));
        await f.registry.connect(f.actors.issuer).addDocument(lotId, DocType.Other, id(`doc-${i}`), `ipfs://doc-${i}`, await time.latest());
      }
      return { f, lotId, hashes };
    }
    const hashesOf = (page: readonly { sha256Hash: string }[]) => page.map((d) => d.sha256Hash);

    it("getDocuments returns the first page and the total", async function () {
      const { f, lotId, hashes } = await withDocuments();
      const [page, total] = await f.registry.getDocuments(lotId, 0n, 2n);
      expect(hashesOf(page)).to.deep.equal(hashes.slice(0, 2));
      expect(total).to.equal(BigInt(COUNT));
    });

    it("getDocuments returns a middle page", async function () {
      const { f, lotId, hashes } = await withDocuments();
      const [page, total] = await f.registry.getDocuments(lotId, 2n, 2n);
      expect(hashesOf(page)).to.deep.equal(hashes.slice(2, 4));
      expect(page[0]!.uri).to.equal("ipfs://doc-2");
      expect(total).to.equal(BigInt(COUNT));
    });

    it("getDocuments returns a short last page when the limit runs past the end", async function () {
      const { f, lotId, hashes } = await withDocuments();
      const [page] = await f.registry.getDocuments(lotId, 4n, 10n);
      expect(hashesOf(page)).to.deep.equal(hashes.slice(4));
    });

    it("getDocuments returns an empty page, with the total, for an offset at or past the end", async function () {
      const { f, lotId } = await withDocuments();
      for (const offset of [BigInt(COUNT), BigInt(COUNT) + 1n, 2n ** 256n - 1n]) {
        const [page, total] = await f.registry.getDocuments(lotId, offset, 10n);
        expect(page).to.deep.equal([]);
        expect(total).to.equal(BigInt(COUNT));
      }
    });

    it("getDocuments returns an empty page, with the total, for a limit of zero", async function () {
      const { f, lotId } = await withDocuments();
      const [page, total] = await f.registry.getDocuments(lotId, 0n, 0n);
      expect(page).to.deep.equal([]);
      expect(total).to.equal(BigInt(COUNT));
    });

    it("getDocuments accepts the largest limit without overflow", async function () {
      const { f, lotId, hashes } = await withDocuments();
      const [page] = await f.registry.getDocuments(lotId, 1n, 2n ** 256n - 1n);
      expect(hashesOf(page)).to.deep.equal(hashes.slice(1));
    });
  });

  it("addDocument accepts a URI of exactly 512 bytes", async function () {
    const f = await load();
    const uri = `ipfs://${"a".repeat(MAX_URI_LENGTH - 7)}`;
    expect(uri.length).to.equal(MAX_URI_LENGTH);
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("x"), uri, await time.latest()),
    ).to.emit(f.registry, "DocumentAdded");
    expect((await f.registry.getDocument(f.lots.Assayed, 0n)).uri).to.equal(uri);
  });

  it("addDocument reverts when the URI is longer than 512 bytes", async function () {
    const f = await load();
    const uri = `ipfs://${"a".repeat(MAX_URI_LENGTH - 6)}`;
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("x"), uri, await time.latest()),
    )
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("uri", MAX_URI_LENGTH + 1);
  });

  it("addDocument counts the URI length in bytes, not characters", async function () {
    const f = await load();
    const uri = "é".repeat(257); // 257 characters, 514 bytes in UTF-8
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("x"), uri, await time.latest()),
    )
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("uri", 514);
  });

  it("addDocument reverts when issuedAt is in the future", async function () {
    const f = await load();
    const future = BigInt(await time.latest()) + 3_600n;
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.AssayCertificate, ASSAY_CERTIFICATE, "", future),
    )
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("issuedAt", future);
  });

  it("addDocument accepts issuedAt equal to the block's timestamp and refuses one second later", async function () {
    const f = await load();
    const next = BigInt(await time.latest()) + 10n;
    await time.setNextBlockTimestamp(next);
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("now"), "", next),
    ).to.emit(f.registry, "DocumentAdded");
    await time.setNextBlockTimestamp(next + 10n);
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("later"), "", next + 11n),
    )
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("issuedAt", next + 11n);
    await networkHelpers.mine(); // use up the timestamp set above if the refusal came at gas estimation
  });

  it("addDocument reverts when issuedAt is zero", async function () {
    const f = await load();
    await expect(f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, id("x"), "", 0n))
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("issuedAt", 0n);
  });

  it("addDocument reverts when the hash is zero", async function () {
    const f = await load();
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.lots.Assayed, DocType.Other, ZERO_BYTES32, "", await time.latest()),
    )
      .to.be.revertedWithCustomError(f.registry, "InvalidLotField")
      .withArgs("sha256Hash", 0n);
  });

  it("addDocument reverts for a lot id no lot has", async function () {
    const f = await load();
    await expect(
      f.registry.connect(f.actors.issuer).addDocument(f.unknownLot, DocType.Other, id("x"), "", await time.latest()),
    )
      .to.be.revertedWithCustomError(f.registry, "UnknownLot")
      .withArgs(f.unknownLot);
  });

  it("addDocument reverts for a caller holding none of the document roles, before looking at the lot", async function () {
    const f = await load();
    await expect(
      f.registry.connect(f.actors.compliance).addDocument(f.unknownLot, DocType.Other, id("x"), "", await time.latest()),
    )
      .to.be.revertedWithCustomError(f.registry, "NotADocumentIssuer")
      .withArgs(f.actors.compliance.address);
  });

  it("getDocument reverts when the index is out of range", async function () {
    const f = await load();
    await f.registry
      .connect(f.actors.issuer)
      .addDocument(f.lots.Assayed, DocType.Other, id("x"), "", await time.latest());
    await expect(f.registry.getDocument(f.lots.Assayed, 1n))
      .to.be.revertedWithCustomError(f.registry, "UnknownDocument")
      .withArgs(f.lots.Assayed, 1n);
  });
});
