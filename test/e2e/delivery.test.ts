/**
 * End to end, physical delivery: a real `hardhat node` on a free loopback port and the `minerals delivery` commands
 * run against it as separate processes: minimum, request, confirm, reject, cancel, release and show, each with --json
 * and as text, and each refusal explained in one sentence before anything is sent (exit code 1, the chain unchanged:
 * no block mined, no account's nonce moved).
 *
 * Accounts: 0 issuer, 1 assayer, 2 the lot's custodian, 3 a custodian of other lots, 6 compliance officer; investors
 * 4 (Chile, institutional) and 5 (United States, accredited); 9 is not an investor.
 */
import { expect } from "chai";
import { getAddress } from "viem";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

describe("minerals delivery against a hardhat node (e2e)", function () {
  this.timeout(300_000);

  let cli: CliNode;
  const address: string[] = [];
  const short = (index: number): string => `${address[index]!.slice(0, 6)}..${address[index]!.slice(-4)}`;

  const refused = (sentence: string | RegExp, ...args: string[]) => cli.refused(sentence, ...args);

  const request = (account: string, amount = "20 mtu", ...more: string[]) =>
    cli.ok("delivery", "request", "--lot", "1", "--amount", amount, "--instructions", "DLV-2026-0001", "--account", account, ...more);

  before(async function () {
    cli = await startCliNode("minerals-delivery-e2e");
    address.push(...((await cli.rpcCall("eth_accounts")) as string[]).map((a) => getAddress(a)));
    await cli.ok("deploy");
    for (const [wallet, country, investorClass] of [["4", "152", "institutional"], ["5", "840", "accredited"]]) {
      await cli.ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    await cli.ok(
      "lot", "register", "--commodity", "tungsten", "--form", "concentrate", "--country", "068", "--origin", "BO-W-CHOJLLA-03",
      "--ref", "WR-ARICA-2026-00311", "--wet-mass", "20 wmt", "--moisture", "2", "--grade", "65", "--payable", "100",
      "--custodian", "2", "--location", "Arica bonded warehouse 1",
    );
    await cli.ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "2", "--grade", "65", "--payable", "100");
    await cli.ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Arica bonded warehouse 1");
    await cli.ok("lot", "mint", "--lot", "1", "--to", "5", "--amount", "200 mtu");
    await cli.ok("lot", "mint", "--lot", "1", "--to", "4", "--amount", "50 mtu");
  });

  after(async function () {
    await cli?.stop();
  });

  it("sets a minimum, requests, confirms, rejects, cancels, releases and shows, each with --json and as text", async function () {
    await refused("Physical delivery is not offered for lot 1", "delivery", "request", "--lot", "1", "--amount", "20 mtu", "--instructions", "DLV-2026-0001", "--account", "5");

    const minimum = JSON.parse(await cli.ok("delivery", "minimum", "--json", "--lot", "1", "--amount", "5 mtu"));
    expect(minimum).to.include({ lotId: "1", offered: true });
    expect(minimum.minimum).to.include({ market: "5.0", base: "50" });
    expect(await cli.ok("delivery", "minimum", "--lot", "1", "--amount", "10 mtu")).to.equal("Lot 1: physical delivery from 10.0 mtu WO3\n");

    const first = JSON.parse(await request("5", "20 mtu", "--json"));
    expect(first).to.include({ requestId: "1", lotId: "1", instructionsRef: "DLV-2026-0001", status: "pending" });
    expect(first.amount).to.include({ market: "20.0", base: "200" });
    expect(first.transaction).to.match(/^0x[0-9a-f]{64}$/);
    expect(await request("5")).to.equal("Delivery request 2: 20.0 mtu WO3 of lot 1 locked until the custodian confirms or rejects it\n");
    for (const account of ["5", "4", "5", "4", "5", "5"]) await request(account); // requests 3 to 8

    const confirmed = JSON.parse(await cli.ok("delivery", "confirm", "--json", "--request", "1", "--ref", "RELEASE-NOTE-77", "--account", "2"));
    expect(confirmed).to.include({ requestId: "1", lotId: "1", status: "delivered", deliveryRef: "RELEASE-NOTE-77" });
    expect(confirmed.amount).to.include({ base: "200" });
    expect(await cli.ok("delivery", "confirm", "--request", "2", "--ref", "RELEASE-NOTE-78", "--account", "2")).to.equal(
      "Delivered request 2: 20.0 mtu WO3 of lot 1 burned (RELEASE-NOTE-78)\n",
    );

    const rejected = JSON.parse(await cli.ok("delivery", "reject", "--json", "--request", "3", "--reason", "instructions incomplete", "--account", "2"));
    expect(rejected).to.include({ requestId: "3", status: "rejected", reason: "instructions incomplete" });
    expect(await cli.ok("delivery", "reject", "--request", "4", "--reason", "no import permit", "--account", "2")).to.equal(
      "Rejected request 4 (no import permit): 20.0 mtu WO3 of lot 1 returned to the holder\n",
    );

    const cancelled = JSON.parse(await cli.ok("delivery", "cancel", "--json", "--request", "5", "--account", "5"));
    expect(cancelled).to.include({ requestId: "5", lotId: "1", status: "cancelled" });
    expect(await cli.ok("delivery", "cancel", "--request", "6", "--account", "4")).to.equal("Cancelled request 6: 20.0 mtu WO3 of lot 1 returned\n");

    // Investor 5 is frozen: no metal leaves for it (its units could still come back to it, where the freeze binds them);
    // the compliance officer releases its requests to another wallet.
    await cli.ok("freeze", "account", "--account", "6", "--wallet", "5");
    await refused(
      `Cannot confirm delivery request 7: its holder ${short(5)} is frozen (compliance may release the request to a wallet it names)`,
      "delivery", "confirm", "--request", "7", "--ref", "RELEASE-NOTE-79", "--account", "2",
    );
    const released = JSON.parse(await cli.ok("delivery", "release", "--json", "--request", "7", "--to", "4", "--reason", "holder frozen", "--account", "6"));
    expect(released).to.include({ requestId: "7", status: "released", holder: address[5], to: address[4], reason: "holder frozen" });
    expect(await cli.ok("delivery", "release", "--request", "8", "--to", "4", "--reason", "holder frozen", "--account", "6")).to.equal(
      `Released request 8 (holder frozen): 20.0 mtu WO3 of lot 1 sent to ${address[4]} instead of ${address[5]}\n`,
    );

    const one = JSON.parse(await cli.ok("delivery", "show", "--json", "--request", "1"));
    expect(one).to.include({ requestId: "1", holder: address[5], lotId: "1", status: "delivered", instructionsRef: "DLV-2026-0001", outcomeRef: "RELEASE-NOTE-77" });
    expect(one.decidedAt).to.match(/^\d{4}-\d\d-\d\dT/);
    const all = JSON.parse(await cli.ok("delivery", "show", "--json"));
    expect(all.map((r: { status: string }) => r.status)).to.deep.equal(["delivered", "delivered", "rejected", "rejected", "cancelled", "cancelled", "released", "released"]);
    expect(await cli.ok("delivery", "show", "--holder", "4")).to.equal(
      [
        `Request 4 (rejected): 20.0 mtu WO3 of lot 1 for ${address[4]}; instructions DLV-2026-0001; reason no import permit`,
        `Request 6 (cancelled): 20.0 mtu WO3 of lot 1 for ${address[4]}; instructions DLV-2026-0001`,
        "",
      ].join("\n"),
    );
    expect(await cli.ok("delivery", "show", "--holder", "9")).to.equal(`No delivery requests by ${address[9]}\n`);

    // 200 and 50 minted; 5 sent 120 (40 burned, 40 released to 4, 40 back), 4 sent 40 (both back).
    const market = async (owner: string) => JSON.parse(await cli.ok("balances", "--json", "--owner", owner)).holdings.map((h: { balance: { market: string } }) => h.balance.market);
    expect(await market("4")).to.deep.equal(["90.0"]);
    expect(await market("5")).to.deep.equal(["120.0"]);

    expect(await cli.ok("delivery", "minimum", "--lot", "1", "--amount", "0")).to.equal("Physical delivery of lot 1 is no longer offered\n");
    await refused("Physical delivery is not offered for lot 1", "delivery", "request", "--lot", "1", "--amount", "20 mtu", "--instructions", "DLV-2026-0002", "--account", "4");
  });

  it("refuses each wrong step in one sentence before anything is sent, the chain unchanged", async function () {
    await cli.ok("delivery", "minimum", "--lot", "1", "--amount", "10 mtu");
    await request("4"); // request 9

    await refused("Lot 1 delivers at least 10.0 mtu WO3; 5.0 mtu WO3 is below it", "delivery", "request", "--lot", "1", "--amount", "5 mtu", "--instructions", "DLV-2026-0003", "--account", "4");
    await refused(
      `Cannot confirm delivery request 9: only lot 1's custodian ${short(2)} may, not ${short(3)}`,
      "delivery", "confirm", "--request", "9", "--ref", "RELEASE-NOTE-79", "--account", "3",
    );
    await refused(
      `Cannot reject delivery request 9: only lot 1's custodian ${short(2)} may, not ${short(3)}`,
      "delivery", "reject", "--request", "9", "--reason", "late", "--account", "3",
    );
    await refused(`Cannot cancel delivery request 9: only its holder ${short(4)} may, not ${short(5)}`, "delivery", "cancel", "--request", "9", "--account", "5");
    await refused(`Cannot release delivery request 9: only a compliance officer may, not ${short(2)}`, "delivery", "release", "--request", "9", "--to", "5", "--reason", "x", "--account", "2");
    await refused(`Cannot release delivery request 9: ${short(9)} cannot receive lot 1: it is not in the investor registry`, "delivery", "release", "--request", "9", "--to", "9", "--reason", "lost wallet", "--account", "6");

    await refused("Cannot confirm delivery request 1: it is already delivered", "delivery", "confirm", "--request", "1", "--ref", "RELEASE-NOTE-77", "--account", "2");
    await refused("Cannot reject delivery request 3: it is already rejected", "delivery", "reject", "--request", "3", "--reason", "again", "--account", "2");
    await refused("Cannot cancel delivery request 5: it is already cancelled", "delivery", "cancel", "--request", "5", "--account", "5");
    await refused("Cannot release delivery request 7: it is already released", "delivery", "release", "--request", "7", "--to", "4", "--reason", "again", "--account", "6");

    await refused("Cannot confirm delivery request 99: no delivery request has id 99", "delivery", "confirm", "--request", "99", "--ref", "RELEASE-NOTE-80", "--account", "2");
    await refused("Cannot read delivery request 99: No delivery request has id 99", "delivery", "show", "--request", "99");
    await refused(/^error: Invalid --request: /, "delivery", "cancel", "--request", "0", "--account", "4");
    await refused(/^error: Invalid --instructions: /, "delivery", "request", "--lot", "1", "--amount", "20 mtu", "--instructions", "x".repeat(33), "--account", "4");

    // What a refusal left alone is still there to act on.
    expect(await cli.ok("delivery", "cancel", "--request", "9", "--account", "4")).to.equal("Cancelled request 9: 20.0 mtu WO3 of lot 1 returned\n");
  });
});
