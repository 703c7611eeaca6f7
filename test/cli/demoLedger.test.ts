/**
 * The demo's books fail the demo when the chain disagrees with them by a single base unit: of stablecoin held by an
 * account, of money in an account the story does not know, of units held, or of a lot's supply.
 */
import { expect } from "chai";
import type { Address } from "viem";
import { DemoLedger, ReconciliationError, type ChainReader } from "../../scripts/cli/demo/ledger.ts";
import { Commodity, Money } from "../../src/units/index.ts";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
const ESCROW = "0x00000000000000000000000000000000000000ee" as Address;

/** A ledger after a little story: A is paid 1,000 USD, pays 250 into the escrow; 100 kg of lot 1 minted to A, 40 to B. */
function books(): DemoLedger {
  const ledger = new DemoLedger();
  ledger.name(A, "A");
  ledger.name(B, "B");
  ledger.name(ESCROW, "escrow");
  ledger.lot(1n, Commodity.Copper);
  ledger.issueMoney(A, Money.parseUsd("1,000 USD"));
  ledger.pay(A, ESCROW, Money.parseUsd("250 USD"));
  ledger.mintUnits(1n, A, 100n);
  ledger.moveUnits(1n, A, B, 40n);
  ledger.burnUnits(1n, B, 10n);
  return ledger;
}

/** A chain that agrees with `books()`, with `change` applied. */
function chain(change: Partial<{ money: Record<string, bigint>; supply: bigint; units: Record<string, bigint>; lot: Partial<{ outstanding: bigint; minted: bigint; burned: bigint; attested: bigint; delivered: bigint }> }> = {}): ChainReader {
  const money: Record<string, bigint> = { [A]: 750_000_000n, [B]: 0n, [ESCROW]: 250_000_000n, ...change.money };
  const units: Record<string, bigint> = { [A]: 60n, [B]: 30n, [ESCROW]: 0n, ...change.units };
  return {
    money: async (owner) => money[owner] ?? 0n,
    moneySupply: async () => change.supply ?? 1_000_000_000n,
    units: async (_lot, owner) => units[owner] ?? 0n,
    lot: async () => ({ outstanding: 90n, minted: 100n, burned: 10n, attested: 100n, delivered: 0n, ...change.lot }),
  };
}

async function differences(reader: ChainReader): Promise<string> {
  try {
    await books().reconcile(reader);
  } catch (error) {
    expect(error).to.be.instanceOf(ReconciliationError);
    return (error as Error).message;
  }
  return expect.fail("expected the reconciliation to fail");
}

describe("the demo's reconciliation", function () {
  it("passes when the chain agrees with the books to the base unit", async function () {
    const lines = await books().reconcile(chain());
    expect(lines[0]).to.equal("Stablecoin: 1,000.00 USD in existence (1000000000 base units), every base unit with one of 3 accounts, each as the books say");
    expect(lines[1]).to.equal("Lot 1: attested 0.100 t Cu, minted 0.100 t Cu, burned 0.010 t Cu, outstanding 0.090 t Cu = what its holders hold, to the base unit");
  });

  it("passes when a delivery lowered the attestation by what left: minted less delivered stays backed", async function () {
    const lines = await books().reconcile(chain({ lot: { attested: 90n, delivered: 10n } }));
    expect(lines[1]).to.match(/^Lot 1: attested 0\.090 t Cu/);
  });

  it("fails when an account holds one stablecoin base unit more than the books say", async function () {
    expect(await differences(chain({ money: { [A]: 750_000_001n }, supply: 1_000_000_001n }))).to.include("A holds 750.00 USD (750000001 base units) on chain, the books say 750.00 USD");
  });

  it("fails when money sits with an account the story does not know", async function () {
    expect(await differences(chain({ supply: 1_000_000_001n }))).to.include("the stablecoin's supply is 1,000.00 USD (1000000001 base units), but the accounts the story knows hold 1,000.00 USD");
  });

  it("fails when a holder holds one unit of metal more or less than the books say, or a lot's supply differs", async function () {
    expect(await differences(chain({ units: { [B]: 29n } }))).to.include("B holds 0.029 t Cu of lot 1 on chain, the books say 0.030 t Cu");
    expect(await differences(chain({ lot: { outstanding: 91n, minted: 101n } }))).to.include("lot 1 has 0.091 t Cu outstanding, but the accounts the story knows hold 0.090 t Cu");
    expect(await differences(chain({ lot: { burned: 11n } }))).to.include("lot 1 burned 0.011 t Cu on chain, the books say 0.010 t Cu");
    expect(await differences(chain({ lot: { attested: 99n } }))).to.include("lot 1 minted 0.100 t Cu and delivered 0.000 t Cu, more than the 0.099 t Cu its custodian attests it holds");

  });

  it("refuses to write a payment or a movement the books cannot cover", function () {
    const ledger = books();
    expect(() => ledger.pay(B, A, 1n)).to.throw(ReconciliationError, "would overdraw B by under 0.01 USD (1 base unit)");
    expect(() => ledger.moveUnits(1n, B, A, 31n)).to.throw(ReconciliationError, "would take 31 base units of lot 1 from B, which holds 30");
  });
});
