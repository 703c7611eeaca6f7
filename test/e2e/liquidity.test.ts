/**
 * End to end, liquidity: a real `hardhat node` on a free loopback port and the `minerals` CLI run against it as
 * separate processes: `minerals trade offers --lot N` lists a lot's open offers best price per market unit first,
 * marks an offer its seller can no longer settle, and gives the last traded price (text and --json); the lot and
 * platform reports show the last traded price and volume; a lot with no offers says so in a sentence; an unknown lot
 * or a bad period is refused in one line with the chain unchanged.
 *
 * Accounts: 0 issuer, 1 assayer, 2 custodian, 6 compliance officer; investors 4 (Chile, accredited), 5 (United
 * States, institutional) and 8 (Pakistan, retail).
 */
import { expect } from "chai";
import { getAddress } from "viem";
import { startCliNode, type CliNode } from "./helpers/cliNode.ts";

describe("minerals trade offers and the reports' trading figures against a hardhat node (e2e)", function () {
  this.timeout(300_000);

  let cli: CliNode;
  const address: string[] = [];
  const short = (index: number): string => `${address[index]!.slice(0, 6)}..${address[index]!.slice(-4)}`;

  before(async function () {
    cli = await startCliNode("minerals-liquidity-e2e");
    address.push(...((await cli.rpcCall("eth_accounts")) as string[]).map((a) => getAddress(a)));
    await cli.ok("deploy");
    for (const [wallet, country, investorClass] of [["4", "Chile", "accredited"], ["5", "US", "institutional"], ["8", "Pakistan", "retail"]]) {
      await cli.ok("investor", "register", "--account", "6", "--wallet", wallet!, "--country", country!, "--class", investorClass!, "--kyc-expiry", "2099-12-31");
    }
    await cli.ok(
      "lot", "register", "--commodity", "copper", "--form", "cathode", "--country", "Pakistan", "--origin", "PK-CU-CHAGAI-01",
      "--ref", "CATH-KHI-2026-0001", "--wet-mass", "100 t", "--moisture", "0", "--grade", "99.99", "--payable", "100",
      "--custodian", "2", "--location", "Karachi bonded warehouse 1",
    );
    await cli.ok("lot", "assay", "--lot", "1", "--account", "1", "--moisture", "0", "--grade", "99.99", "--payable", "100");
    await cli.ok("lot", "attest", "--lot", "1", "--account", "2", "--location", "Karachi bonded warehouse 1");
    await cli.ok("lot", "mint", "--lot", "1", "--to", "4", "--amount", "50 t");
    await cli.ok("lot", "mint", "--lot", "1", "--to", "5", "--amount", "20 t");
    await cli.ok(
      "lot", "register", "--commodity", "antimony", "--form", "regulus", "--country", "Pakistan", "--origin", "PK-SB-CHITRAL-02",
      "--ref", "SB-KHI-2026-0002", "--wet-mass", "20 t", "--moisture", "0", "--grade", "99.65", "--payable", "100",
      "--custodian", "2", "--location", "Karachi bonded warehouse 1",
    );
    await cli.ok("stablecoin", "mint", "--to", "8", "--amount", "1,000,000 USD");
    await cli.ok("trade", "offer", "--account", "4", "--lot", "1", "--amount", "10 t", "--price", "95,000 USD"); // 1: 9,500 per t
    await cli.ok("trade", "offer", "--account", "5", "--lot", "1", "--amount", "4 t", "--price", "37,000 USD"); // 2: 9,250 per t
    await cli.ok("trade", "offer", "--account", "4", "--lot", "1", "--amount", "2 t", "--price", "18,800 USD"); // 3: 9,400 per t
    await cli.ok("trade", "offer", "--account", "5", "--lot", "1", "--amount", "15 t", "--price", "144,000 USD"); // 4: 9,600 per t
    await cli.ok("trade", "offer", "--account", "4", "--lot", "1", "--amount", "1 t", "--price", "1,000 USD"); // 5: cancelled below
    await cli.ok("trade", "cancel", "--account", "4", "--offer", "5");
    await cli.ok("trade", "take", "--account", "8", "--offer", "3", "--permit");
    await cli.ok("transfer", "--account", "5", "--lot", "1", "--to", "4", "--amount", "10 t"); // 5 keeps 10 t: offer 4 (15 t) cannot settle
  });

  after(async function () {
    await cli?.stop();
  });

  it("lists a lot's open offers best price per tonne first, marks the one its seller cannot settle, and gives the last traded price", async function () {
    const out = await cli.ok("trade", "offers", "--lot", "1");
    const lines = out.trim().split("\n");
    expect(lines[0]).to.equal("Open offers of lot 1 (copper), best price first:");
    const rows = lines.filter((line) => /^\s*│?\s*\d+( \*)?\s+│/.test(line)).map((line) => line.split("│").map((cell) => cell.trim()).filter(Boolean));
    expect(rows.map((r) => r.slice(0, 4))).to.deep.equal([
      ["2", "9,250.00 USD", "4.000 t Cu", "37,000.00 USD"],
      ["1", "9,500.00 USD", "10.000 t Cu", "95,000.00 USD"],
      ["4 *", "9,600.00 USD", "15.000 t Cu", "144,000.00 USD"],
    ]);
    expect(rows.map((r) => r[4])).to.deep.equal([short(5), short(4), short(5)]);
    expect(out).to.include(`* offer 4 cannot settle now: The seller ${short(5)} no longer holds the 15.000 t Cu of lot 1 it offered\n`);
    expect(lines.at(-1)).to.match(/^Last traded at 9,400\.00 USD per tonne: offer 3, 2\.000 t Cu for 18,800\.00 USD, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; 1 trade in all: 2\.000 t Cu for 18,800\.00 USD$/);
  });

  it("gives the same in --json, exact to the base unit", async function () {
    const json = JSON.parse(await cli.ok("trade", "offers", "--lot", "1", "--json"));
    expect(json).to.include({ lotId: "1", commodity: "copper" });
    expect(json.offers.map((o: any) => [o.offerId, o.pricePerMarketUnit.base, o.amount.base, o.price.base, o.available, o.reason])).to.deep.equal([
      ["2", "9250000000", "4000", "37000000000", true, null],
      ["1", "9500000000", "10000", "95000000000", true, null],
      ["4", "9600000000", "15000", "144000000000", false, "seller-lacks-units"],
    ]);
    expect(json.offers[0]).to.include({ seller: address[5], buyer: null, priceText: "9,250.00 USD per tonne", message: null });
    expect(json.offers[2].message).to.equal(`The seller ${short(5)} no longer holds the 15.000 t Cu of lot 1 it offered`);
    expect(json.lastTrade).to.include({ offerId: "3", seller: address[4], buyer: address[8], priceText: "9,400.00 USD per tonne" });
    expect(json.lastTrade.price).to.deep.equal({ usd: "18800.00", base: "18800000000" });
    expect(json.traded).to.deep.equal({ trades: 1, volume: json.lastTrade.amount, value: { usd: "18800.00", base: "18800000000" } });
  });

  it("says in a sentence that a lot has no offers and has not traded, as text and as empty JSON", async function () {
    expect(await cli.ok("trade", "offers", "--lot", "2")).to.equal("Lot 2 has no open offers.\nLot 2 has not traded yet.\n");
    const json = JSON.parse(await cli.ok("trade", "offers", "--lot", "2", "--json"));
    expect(json).to.deep.include({ lotId: "2", commodity: "antimony", offers: [], lastTrade: null });
  });

  it("refuses an unknown lot, a bad lot id and a bad period in one line, changing nothing", async function () {
    await cli.refused("Cannot read lot 99: Lot 99 does not exist", "trade", "offers", "--lot", "99");
    await cli.refused(/^error: Invalid --lot: expected a positive integer lot id, got "?abc"?$/, "trade", "offers", "--lot", "abc");
    await cli.refused(/^error: Invalid --trades-since: expected a duration/, "report", "lot", "1", "--trades-since", "soon");
    await cli.refused(/^error: Invalid --trades-since: expected a duration/, "report", "platform", "--trades-since", "-3d");
  });

  it("the lot and platform reports show the last traded price and the traded volume, also over a period", async function () {
    const lot = JSON.parse(await cli.ok("report", "lot", "1", "--json"));
    expect(lot.trading).to.include({ trades: 1, lastTradeText: lot.trading.lastTradeText, volumeText: "1 trade: 2.000 t Cu for 18,800.00 USD" });
    expect(lot.trading.lastTrade).to.include({ offerId: "3", priceText: "9,400.00 USD per tonne" });
    expect(lot.trading.overTime).to.have.lengthOf(1);
    const text = await cli.ok("report", "lot", "1");
    expect(text).to.match(/last traded price\s+│\s+9,400\.00 USD per tonne: offer 3, 2\.000 t Cu for 18,800\.00 USD/);
    expect(text).to.match(/traded volume\s+│\s+1 trade: 2\.000 t Cu for 18,800\.00 USD/);

    const platform = await cli.ok("report", "platform");
    expect(platform).to.match(/│\s+1\s+│\s+copper\s+│.*│\s+9,400\.00 USD per tonne\s+│\s+2\.000 t Cu for 18,800\.00 USD \(1\)/);
    const csv = (await cli.ok("report", "platform", "--csv")).trim().split("\n");
    expect(csv[1]).to.match(/^1,copper,.*,1,2000,18800000000,9400000000$/);

    await cli.rpcCall("evm_increaseTime", [3 * 86_400]);
    await cli.rpcCall("evm_mine");
    const recent = JSON.parse(await cli.ok("report", "platform", "--json", "--trades-since", "1d"));
    const copper = recent.lots.find((l: any) => l.lotId === "1");
    expect(copper.trading).to.include({ trades: 0 });
    expect(copper.trading.lastTrade).to.include({ offerId: "3" }); // the last price still stands
    expect(copper.trading.volumeText).to.match(/^no trades since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
