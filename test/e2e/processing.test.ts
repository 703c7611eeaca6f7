/**
 * End to end, processing: a real `hardhat node` and the `minerals lot split|blend|process|byproduct|convert|held`
 * commands run against it as separate processes, each with --json and as text, and each refusal explained in one
 * sentence before anything is sent (exit code 1, the chain unchanged).
 *
 * Accounts: 0 issuer, 1 assayer, 2 the lots' custodian, 6 compliance officer, 12 the refinery (REFINER); investors 4
 * (Pakistan, institutional) and 5 (United States, accredited); 9 is not an investor.
 */
import { expect } from "chai";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

describe("minerals lot split, blend, process and convert against a hardhat node (e2e)", function () {
  this.timeout(300_000);

  let cli: CliNode;
  const register = async (ref: string) =>
    cli.ok(
      "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "PK", "--origin", "PK-BA-CHAGAI-SDK-0042",
      "--ref", ref, "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5",
      "--custodian", "2", "--location", "PK-KARACHI-PORT-W2",
    );

  before(async function () {
    cli = await startCliNode("minerals-processing-e2e");
    await cli.ok("deploy");
    for (const [wallet, country, investorClass] of [["4", "586", "institutional"], ["5", "840", "accredited"]]) {
      await cli.ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    for (const [lot, ref] of [["1", "PK-EXP-2026-0001"], ["2", "PK-EXP-2026-0002"], ["3", "PK-EXP-2026-0003"]]) {
      await register(ref!);
      await cli.ok("lot", "assay", "--lot", lot!, "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
      await cli.ok("lot", "attest", "--lot", lot!, "--account", "2", "--location", "PK-KARACHI-PORT-W2");
    }
    await cli.ok("lot", "mint", "--lot", "1", "--to", "4", "--amount", "100 t");
    await cli.ok("lot", "mint", "--lot", "1", "--to", "5", "--amount", "60 t");
    await cli.ok("lot", "mint", "--lot", "3", "--to", "4", "--amount", "50 t");
  });

  after(async function () {
    await cli?.stop();
  });

  it("splits a lot into two vessels; holders convert into both; a blend and a refining step follow, with the loss and the gold recorded", async function () {
    const split = JSON.parse(await cli.ok("lot", "split", "--json", "--lot", "1", "--into", "1411.602 t:VESSEL-PQ-1", "--into", "941.068 t:VESSEL-PQ-2", "--custodian", "2", "--location", "PK-PORT-QASIM-B4"));
    expect(split).to.include({ stepId: "1" });
    expect(split.outputs.map((o: { lotId: string }) => o.lotId)).to.deep.equal(["4", "5"]);
    expect(split.consumed).to.include({ market: "2352.670" });

    const converted = await cli.ok("lot", "convert", "--lot", "1", "--account", "4");
    expect(converted).to.match(/^Converted 100\.000 t Cu of lot 1 into 60\.000 t Cu of lot 4, 40\.000 t Cu of lot 5\n$/);
    const json = JSON.parse(await cli.ok("lot", "convert", "--json", "--lot", "1", "--account", "5"));
    expect(json.outputs.map((o: { lotId: string; held: boolean }) => [o.lotId, o.held])).to.deep.equal([["4", false], ["5", false]]);

    const blend = await cli.ok("lot", "blend", "--lots", "4,2", "--ref", "BLEND-PQ-1", "--custodian", "2", "--location", "PK-PORT-QASIM-B4");
    expect(blend).to.match(/^Step 2: blend lots 4, 2 \(3,764\.272 t Cu consumed\)\n  lot 6: 3,764\.272 t Cu, 96\.000 t Cu of it for the holders to convert into\n/);

    await cli.ok("lot", "byproduct", "--lot", "3", "--account", "1", "--commodity", "gold", "--grade", "2.5 g/t");
    const refined = JSON.parse(
      await cli.ok(
        "lot", "process", "--json", "--lots", "3", "--account", "12", "--form", "cathode", "--quantity", "2270.327 t", "--ref", "CATHODE-PK-1",
        "--by-product", "20 kg gold bar:AU-BARS-PK-1", "--custodian", "2", "--location", "PK-REFINERY-HUB",
      ),
    );
    expect(refined.loss).to.include({ market: "82.343" });
    expect(refined.outputs.map((o: { quantity: { market: string } }) => o.quantity.market)).to.deep.equal(["2270.327", "643.014931"]);
    // 50 t of 2,352.670 t: 48.250 t of the cathode and 425,048 mg (13.666 ozt) of the gold.
    expect(await cli.ok("lot", "convert", "--lot", "3", "--account", "4")).to.equal("Converted 50.000 t Cu of lot 3 into 48.250 t Cu of lot 7, 13.666 ozt fine Au of lot 8\n");
  });

  it("refuses each wrong step in one sentence before anything is sent, the chain unchanged", async function () {
    await cli.refused(/^error: 0x\w+\.\.\w+ is not a refiner: only a refiner refines lots$/, "lot", "process", "--lots", "2", "--account", "0", "--form", "cathode", "--quantity", "1 t", "--ref", "X-1", "--custodian", "2", "--location", "X");
    await cli.refused(/^error: Lot 1 is processed: only a warehoused lot can be split$/, "lot", "split", "--lot", "1", "--into", "1 t:A", "--into", "1 t:B", "--custodian", "2", "--location", "X");
    await cli.refused(/^error: Invalid --into: expected "<quantity>:<reference>"/, "lot", "split", "--lot", "2", "--into", "1 t", "--into", "1 t:B", "--custodian", "2", "--location", "X");
    await cli.refused(/^error: Invalid --grade: /, "lot", "byproduct", "--lot", "2", "--account", "1", "--commodity", "gold", "--grade", "much");
    await cli.refused(/^error: No units of lot 4 are held for 0x\w+\.\.\w+$/, "lot", "held", "--lot", "4", "--claim", "--account", "4");
    await cli.refused(/^error: 0x\w+\.\.\w+ holds no units of lot 1 to convert$/, "lot", "convert", "--lot", "1", "--account", "4");
  });
});
