/**
 * Every text the platform stores as a `bytes32` (origin, location, destination, sale reference, hold reason) reads
 * back exactly as written: for every printable ASCII character at every position of texts of 1 to 32 bytes, for
 * multi-byte UTF-8, and through the chain (registerLot/getLot, a dispatch and arrival, a hold reason).
 */
import { expect } from "chai";

import { fromShortString, toShortString } from "../../src/internal/validate.ts";
import { Commodity, Quantity } from "../../src/index.ts";
import { COPPER_FIGURES, COPPER_PAYABLE_KG, assayOf, copperLot, deployPlatformFixture } from "./helpers/platform.ts";

const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));

const roundTrip = (text: string): string => fromShortString(toShortString(text, "text"));

describe("short texts stored as bytes32", function () {
  it("every printable ASCII character at every position of texts of 1 to 32 characters reads back as written", function () {
    const failures: string[] = [];
    for (let length = 1; length <= 32; length++) {
      for (let position = 0; position < length; position++) {
        for (const char of PRINTABLE) {
          const text = `${"x".repeat(position)}${char}${"x".repeat(length - position - 1)}`;
          if (text === " ") continue; // a blank text is refused on the way in
          if (roundTrip(text) !== text) failures.push(JSON.stringify(text));
        }
      }
    }
    expect(failures.slice(0, 10), `${failures.length} texts read back wrong`).to.deep.equal([]);
  });

  it("texts made only of one printable character, at every length, read back as written", function () {
    for (const char of PRINTABLE.filter((c) => c !== " ")) {
      for (let length = 1; length <= 32; length++) {
        const text = char.repeat(length);
        expect(roundTrip(text), JSON.stringify(text)).to.equal(text);
      }
    }
  });

  it("multi-byte UTF-8 texts read back as written, up to exactly 32 bytes", function () {
    for (const text of ["Depósito Nº 3", "Nº 0", "東京倉庫 P", "Öl@", "€ 0", "🪙 gold P", "Matarani muelle Nº 0", "ñ".repeat(16)]) {
      expect(roundTrip(text), text).to.equal(text);
    }
  });

  it("the zero bytes of the padding are dropped, and nothing else", function () {
    expect(fromShortString(`0x${"50".padEnd(64, "0")}`)).to.equal("P");
    expect(fromShortString(`0x${"3030".padEnd(64, "0")}`)).to.equal("00");
    expect(fromShortString(`0x${"0".repeat(64)}`)).to.equal("");
  });

  describe("through the chain", function () {
    it("origin PE-CU-0040 and location Vault P read back by getLot, and a dispatch, arrival and hold reason by their readers", async function () {
      const platform = await deployPlatformFixture();
      const { lotId } = await platform.as.issuer.registerLot(copperLot(platform, { originId: "PE-CU-0040", location: "Vault P" }));
      const registered = await platform.as.outsider.getLot({ lotId });
      expect(registered.originId).to.equal("PE-CU-0040");
      expect(registered.location).to.equal("Vault P");

      await platform.as.assayer.recordAssay({ lotId, ...assayOf(COPPER_FIGURES) });
      await platform.as.custodian.attestCustody({ lotId, quantity: Quantity.fromBase(Commodity.Copper, COPPER_PAYABLE_KG), location: "Vault @" });
      await platform.as.custodian.dispatchLot({ lotId, toCustodian: platform.address.otherCustodian, destination: "Pier 0" });
      await platform.as.otherCustodian.confirmArrival({ lotId, location: "Callao port vault p", quantity: COPPER_PAYABLE_KG });
      expect((await platform.as.outsider.getLot({ lotId })).location).to.equal("Callao port vault p");

      const timeline = await platform.as.outsider.getLotHistory({ lotId });
      const texts = timeline.flatMap((e) => ["originId", "location", "destination"].filter((k) => k in e.args).map((k) => `${e.event}.${k}=${String(e.args[k])}`));
      expect(texts).to.deep.equal([
        "LotRegistered.originId=PE-CU-0040",
        "CustodyAttested.location=Vault @",
        "LotDispatched.destination=Pier 0",
        "LotArrived.location=Callao port vault p",
        "CustodyAttested.location=Callao port vault p", // arrival attests the quantity received, at its location
      ]);

      await platform.as.compliance.setLotHold({ lotId, onHold: true, reason: "PERF-0" });
      expect((await platform.as.outsider.getLotRules({ lotId })).holdReason).to.equal("PERF-0");
    });
  });
});
