import { expect } from "chai";
import { id, sha256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import { DocType, LOT_STATES, ZERO_BYTES32, deployLotsFixture } from "./helpers/fixtures.ts";

// Documents are recorded by content hash, never by content, by the issuer, an assayer or a custodian.

const { networkHelpers } = await network.create();
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

    const all = await f.registry.getDocuments(lotId);
    expect(all.map((d) => d.sha256Hash)).to.deep.equal([ASSAY_CERTIFICATE, WAREHOUSE_RECEIPT]);
    expect(all[1]!.issuer).to.equal(f.actors.custodian.address);
    // Documents of one lot do not leak into another.
    expect(await f.registry.documentCount(f.lots.Registered)).to.equal(0n);
    expect(await f.registry.getDocuments(f.lots.Registered)).to.deep.equal([]);
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

  for (const state of LOT_STATES) {
    it(`addDocument accepts a document for a lot in the ${state} state`, async function () {
      const f = await load();
      await expect(
        f.registry
          .connect(f.actors.issuer)
          .addDocument(f.lots[state], DocType.DueDiligenceReport, id(`dd-${state}`), "", await time.latest()),
      ).to.emit(f.registry, "DocumentAdded");
    });
  }

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
