/**
 * End to end, sale proceeds: a real `hardhat node` on a free loopback port and the `minerals proceeds` commands run
 * against it as separate processes (in the manner of offerings.test.ts): deposit, claim, show and sweep, each with
 * --json, each refusal explained in one sentence before anything is sent, and `minerals lot retire` waiting for the
 * notice period after the final payment.
 */
import { expect } from "chai";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

describe("minerals proceeds against a hardhat node (e2e)", function () {
  this.timeout(180_000);

  let cli: CliNode;
  const minerals = (...args: string[]) => cli.minerals(...args);
  const ok = (...args: string[]) => cli.ok(...args);
  const rpcCall = (method: string, params: unknown[] = []) => cli.rpcCall(method, params);
  const refused = (pattern: RegExp, ...args: string[]) => cli.refused(pattern, ...args);

  before(async function () {
    cli = await startCliNode("minerals-proceeds-e2e");
    await ok("deploy");
    await ok("roles", "grant", "--role", "treasury", "--to", "7");
    for (const [wallet, country] of [["4", "152"], ["5", "840"]]) {
      await ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", "institutional", "--kyc-expiry", "2099-12-31");
    }
    for (const ref of ["WR-CALLAO-2026-00091", "WR-CALLAO-2026-00092"]) {
      await ok(
        "lot", "register", "--commodity", "copper", "--form", "concentrate", "--country", "604", "--origin", "PE-CU-0042",
        "--ref", ref, "--wet-mass", "10000 wmt", "--moisture", "8", "--grade", "26.5", "--payable", "96.5",
        "--custodian", "2", "--location", "Callao bonded warehouse 3",
      );
    }
    for (const lot of ["1", "2"]) {
      await ok("lot", "assay", "--lot", lot, "--account", "1", "--moisture", "8", "--grade", "26.5", "--payable", "96.5");
      await ok("lot", "attest", "--lot", lot, "--account", "2", "--location", "Callao bonded warehouse 3");
    }
    await ok("lot", "mint", "--lot", "1", "--to", "4", "--amount", "750 t");
    await ok("lot", "mint", "--lot", "1", "--to", "5", "--amount", "250 t");
    await ok("lot", "mint", "--lot", "2", "--to", "4", "--amount", "10 t");
    await ok("lot", "settle", "--lot", "1", "--sale-ref", "OFFTAKE-2026-CU-91", "--treasury", "7");
    await ok("stablecoin", "mint", "--to", "7", "--amount", "20,000,000 USD");
  });

  after(async function () {
    await cli?.stop();
  });

  it("deposits, claims, shows, retires after notice and sweeps, refusing each wrong step in one sentence", async function () {
    await refused(/^error: 0x\w+\.\.\w+ has nothing to claim from lot 1: it holds no units of the lot and redeemed none$/, "proceeds", "claim", "--account", "8", "--lot", "1");
    await refused(/^error: Lot 2 is warehoused: its units are redeemed for proceeds only once it is settling$/, "proceeds", "claim", "--account", "4", "--lot", "2");
    await refused(/^error: 0x\w+\.\.\w+ is not lot 1's treasury: only 0x\w+\.\.\w+, named when its settlement opened, may deposit proceeds$/, "proceeds", "deposit", "--account", "4", "--lot", "1", "--amount", "1 USD");
    await refused(/^error: Lot 2's settlement has not been opened \(it is warehoused\): an issuer opens it, naming the payment token and the treasury$/, "proceeds", "deposit", "--account", "7", "--lot", "2", "--amount", "1 USD");
    await refused(/^error: Lot 1's final payment has not been declared: until it is, every base unit may still be owed to holders$/, "proceeds", "sweep", "--account", "7", "--lot", "1");
    await refused(/^error: Invalid --amount/, "proceeds", "deposit", "--account", "7", "--lot", "1", "--amount", "ten dollars");

    expect(await ok("proceeds", "deposit", "--account", "7", "--lot", "1", "--amount", "9,000,000.000001 USD")).to.equal(
      "Deposited 9,000,000.00 USD of proceeds for lot 1: 9,000,000.00 USD in total\n",
    );
    const claimed = JSON.parse(await ok("proceeds", "claim", "--json", "--account", "4", "--lot", "1"));
    expect(claimed.redeemed.market).to.equal("750.000");
    expect(claimed.paid).to.deep.equal({ usd: "6750000.00", base: "6750000000000" });
    await refused(/^error: 0x\w+\.\.\w+ has nothing to claim from lot 1: it was paid 6,750,000.00 USD for its 750.000 t Cu and nothing more has been deposited$/, "proceeds", "claim", "--account", "4", "--lot", "1");

    const final = JSON.parse(await ok("proceeds", "deposit", "--json", "--account", "7", "--lot", "1", "--amount", "1,000,000 USD", "--final"));
    expect(final).to.include({ lotId: "1", final: true });
    await refused(/^error: Lot 1's final payment was declared at .*: nothing more can be deposited$/, "proceeds", "deposit", "--account", "7", "--lot", "1", "--amount", "1 USD");
    const shown = JSON.parse(await ok("proceeds", "show", "--json", "--lot", "1", "--holder", "5"));
    expect(shown.deposited).to.deep.equal({ usd: "10000000.000001", base: "10000000000001" });
    expect(shown.position.claimable).to.deep.equal({ usd: "2500000.00", base: "2500000000000" });
    expect(shown.claim).to.include({ allowed: true, reason: "ok" });
    expect(await ok("proceeds", "show", "--lot", "1", "--holder", "5")).to.match(/claimable 2,500,000\.00 USD/);

    // Retirement waits for the notice period (60 s on a local chain); then holder 5's units stay claimable.
    const early = await minerals("lot", "retire", "--lot", "1");
    expect(early.code).to.not.equal(0);
    // A time-bound refusal says the chain's own time, and on a local chain how far `minerals chain advance` must move it.
    expect(early.stderr.trim()).to.match(/^error: Cannot retire lot 1: Lot 1 cannot be retired while 250\.000 t Cu of its units are outstanding: the notice period after its final sale payment ends at \S+ \(its units stay redeemable and claimable after it\) \(the chain's time is \S+Z; on this local chain, `minerals chain advance \w+` moves it past \S+Z\)$/);
    const advance = /`minerals chain advance (\w+)`/.exec(early.stderr)![1]!;
    expect(await ok("chain", "advance", advance)).to.match(/^Chain 31337's clock moved forward \w+: \S+Z -> \S+Z\n$/);
    await ok("lot", "retire", "--lot", "1");
    expect(await ok("proceeds", "claim", "--account", "5", "--lot", "1")).to.equal("Lot 1: redeemed 250.000 t Cu, paid 2,500,000.00 USD\n");
    expect(await ok("proceeds", "claim", "--account", "4", "--lot", "1")).to.equal("Lot 1: redeemed 0.000 t Cu, paid 750,000.00 USD\n");
    expect(await ok("proceeds", "sweep", "--account", "7", "--lot", "1")).to.equal("Swept under 0.01 USD of rounding dust from lot 1\n");
    await refused(/^error: Lot 1 has no rounding dust to sweep$/, "proceeds", "sweep", "--account", "7", "--lot", "1");
  });
});
