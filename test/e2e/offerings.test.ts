/**
 * End to end, primary offerings: a real `hardhat node` on a free loopback port and the `minerals offering` commands
 * run against it as separate processes (in the manner of cli.test.ts): create, subscribe (approval and permit),
 * cancel and reduce, close, claim, show, each with --json, and each refusal explained in one sentence before
 * anything is sent.
 */
import { expect } from "chai";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

describe("minerals offering against a hardhat node (e2e)", function () {
  this.timeout(180_000);

  let cli: CliNode;
  const ok = (...args: string[]) => cli.ok(...args);
  const rpcCall = (method: string, params: unknown[] = []) => cli.rpcCall(method, params);
  const refused = (pattern: RegExp, ...args: string[]) => cli.refused(pattern, ...args);

  before(async function () {
    cli = await startCliNode("minerals-offerings-e2e");
    await ok("deploy");
    await ok("roles", "grant", "--role", "treasury", "--to", "7");
    for (const [wallet, country, investorClass] of [["4", "152", "institutional"], ["5", "840", "accredited"], ["8", "586", "retail"]]) {
      await ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    await ok(
      "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042",
      "--ref", "WR-CALLAO-2026-00077", "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5",
      "--custodian", "2", "--location", "Callao bonded warehouse 3",
    );
    await ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
    await ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Callao bonded warehouse 3");
    await ok("rules", "set", "--account", "6", "--lot", "1", "--min-class", "accredited");
    for (const investor of ["4", "5", "8"]) await ok("stablecoin", "mint", "--to", investor, "--amount", "1,000,000 USD");
  });

  after(async function () {
    await cli?.stop();
  });

  it("runs an oversubscribed offering from create to claim and refuses each wrong step in one sentence", async function () {
    await refused(
      /^error: Invalid --treasury: expected an account holding the TREASURY role, which is paid the offering's proceeds, got "0x\w+\.\.\w+ \(no TREASURY role\)"$/,
      "offering", "create", "--lot", "1", "--price", "9,750 USD", "--treasury", "8", "--min", "1 t", "--max", "8 t", "--soft-cap", "5 t", "--hard-cap", "10 t", "--ends-in", "1d",
    );
    const created = JSON.parse(
      await ok("offering", "create", "--json", "--lot", "1", "--price", "9,750 USD", "--treasury", "7", "--min", "1 t", "--max", "8 t", "--soft-cap", "5 t", "--hard-cap", "10 t", "--ends-in", "1d"),
    );
    expect(created).to.include({ offeringId: "1", lotId: "1", priceAmount: "9750000", priceUnit: "1" });

    await refused(/^error: 0x\w+\.\.\w+ cannot receive lot 1: its investor class is retail, below the lot's minimum of accredited$/, "offering", "subscribe", "--account", "8", "--offering", "1", "--amount", "2 t");
    await refused(/^error: Offering 1 asks at least 1\.000 t Cu per investor; .* would request 0\.500 t Cu$/, "offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "0.5 t");
    await refused(/^error: Offering 1 takes at most 8\.000 t Cu per investor; .* would request 9\.000 t Cu$/, "offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "9 t");
    await refused(/^error: Offering 1 is not closed yet: claims open once it closes$/, "offering", "claim", "--account", "4", "--offering", "1");

    expect(await ok("offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "6 t")).to.equal("Subscribed 6.000 t Cu to offering 1, escrowed 58,500.00 USD\n");
    const permitted = JSON.parse(await ok("offering", "subscribe", "--json", "--account", "5", "--offering", "1", "--amount", "8 t", "--permit"));
    expect(permitted.payment).to.deep.equal({ usd: "78000.00", base: "78000000000" });
    expect(await ok("offering", "cancel", "--account", "5", "--offering", "1", "--reduce-to", "5 t")).to.equal("Reduced the subscription to 5.000 t Cu in offering 1, refunded 29,250.00 USD\n");
    await refused(/^error: .* has no subscription in offering 1$/, "offering", "cancel", "--account", "0", "--offering", "1");
    await refused(/^error: Offering 1 cannot be closed by .* before /, "offering", "close", "--offering", "1");

    await rpcCall("evm_increaseTime", [86_400]);
    await rpcCall("evm_mine");
    await refused(/^error: The subscription window of offering 1 closed at /, "offering", "subscribe", "--account", "4", "--offering", "1", "--amount", "1 t");
    await refused(/before .*\(its end plus the grace period; an issuer may close it at its end\) \(the chain's time is \S+Z; on this local chain, `minerals chain advance \w+` moves it past \S+Z\)$/, "offering", "close", "--account", "4", "--offering", "1");
    expect(await ok("offering", "close", "--offering", "1")).to.equal("Offering 1 succeeded: 10.000 t Cu allocated of 11.000 t Cu requested\n");
    await refused(/^error: Offering 1 is already closed \(succeeded\)$/, "offering", "close", "--offering", "1");

    const claimed = JSON.parse(await ok("offering", "claim", "--json", "--account", "4", "--offering", "1"));
    expect(claimed.units.market).to.equal("5.454");
    expect(claimed.refund).to.deep.equal({ usd: "5323.50", base: "5323500000" });
    await refused(/^error: .* already claimed from offering 1$/, "offering", "claim", "--account", "4", "--offering", "1");
    await refused(/^error: .* has nothing to claim from offering 1: it holds no subscription$/, "offering", "claim", "--account", "8", "--offering", "1");

    const shown = JSON.parse(await ok("offering", "show", "--json", "--offering", "1", "--investor", "5"));
    expect(shown).to.include({ state: "succeeded", unclaimed: 1 });
    expect(shown.position.allocation.market).to.equal("4.545");
    expect(shown.claim).to.include({ allowed: true, reason: "ok" });
    expect(await ok("offering", "show", "--offering", "1")).to.match(/^Offering 1 \(succeeded\): lot 1 at 9,750\.00 USD per tonne/);
  });

  it("a claim and a refund instead held up by a KYC lapse give the chain's time; with the KYC renewed, the claim goes through", async function () {
    const now = new Date(JSON.parse(await ok("chain", "time", "--json")).time);
    const kycExpiry = new Date(now.getTime() + 2 * 86_400_000).toISOString();
    await ok("investor", "register", "--account", "6", "--wallet", "9", "--country", "CL", "--class", "accredited", "--kyc-expiry", kycExpiry);
    const investorId = JSON.parse(await ok("investor", "show", "--json", "--wallet", "9")).investorId as string;
    await ok("stablecoin", "mint", "--to", "9", "--amount", "100,000 USD");
    const { offeringId } = JSON.parse(
      await ok("offering", "create", "--json", "--lot", "1", "--price", "9,750 USD", "--treasury", "7", "--min", "1 t", "--max", "8 t", "--soft-cap", "1 t", "--hard-cap", "10 t", "--ends-in", "1d"),
    ) as { offeringId: string };
    await ok("offering", "subscribe", "--account", "9", "--offering", offeringId, "--amount", "2 t");
    await ok("chain", "advance", "3d"); // past the window's end and the KYC expiry
    await ok("offering", "close", "--offering", offeringId);

    const lapse = String.raw`0x\w+\.\.\w+ cannot receive lot 1: KYC expired \d{4}-\d{2}-\d{2}`;
    const chainTime = String.raw` \(the chain's time is \S+Z\)$`;
    await refused(new RegExp(`^error: ${lapse}; the allocation stays 0x\\w+\\.\\.\\w+'s and can be claimed once that passes${chainTime}`), "offering", "claim", "--account", "9", "--offering", offeringId);
    await refused(
      new RegExp(`^error: ${lapse}; that passes, so 0x\\w+\\.\\.\\w+ claims its allocation once it does: a refund instead is only for a refusal for good${chainTime}`),
      "offering", "refund-instead", "--account", "9", "--offering", offeringId,
    );

    await ok("investor", "update", "--account", "6", "--investor", investorId, "--country", "CL", "--class", "accredited", "--kyc-expiry", "2099-12-31");
    expect(await ok("offering", "claim", "--account", "9", "--offering", offeringId)).to.equal(`Claimed from offering ${offeringId}: 2.000 t Cu and a refund of 0.00 USD\n`);
  });
});
