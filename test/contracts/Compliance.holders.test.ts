import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";

import { HELD, type ComplianceFixture, deployComplianceFixture, holdersOf } from "./helpers/compliance.ts";
import { registerInvestor } from "./helpers/fixtures.ts";

// `getLotRules(lotId).holders` counts investors (not wallets) holding units of a lot, and must stay exact through
// mints, transfers, moves between linked wallets, batches naming a lot twice, exits to zero and forced transfers:
// the holder limit relies on it.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

/** Investors A (holder + a linked wallet), B (investor + a linked wallet), C and D, each wallet a signer. */
async function withInvestors(f: ComplianceFixture) {
  const [a2, b2, c, d] = [f.wallets[0]!, f.wallets[1]!, f.wallets[2]!, f.wallets[3]!];
  const asCompliance = f.registrar.connect(f.actors.compliance);
  await asCompliance.linkWallet(f.holderId, a2.address);
  await asCompliance.linkWallet(f.investorId, b2.address);
  await registerInvestor(f, c.address);
  await registerInvestor(f, d.address);
  return { a: f.holder, a2, b: f.investor, b2, c, d, all: [f.holder, a2, f.investor, b2, c, d] };
}

/** The number of distinct investors with a non-zero balance of `lotId` among `wallets`. */
async function countHolders(
  f: ComplianceFixture,
  wallets: readonly HardhatEthersSigner[],
  lotId: bigint,
): Promise<bigint> {
  const investors = new Set<bigint>();
  for (const w of wallets) {
    if ((await f.token.balanceOf(w.address, lotId)) > 0n)
      investors.add((await f.token.getInvestor(w.address)).investorId);
  }
  return BigInt(investors.size);
}

/** A small deterministic pseudo-random generator (mulberry32), so the sequence is the same on every run. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe("Compliance: holder counting", function () {
  it("holders stays exact through mints, linked-wallet moves, exits to zero and forced transfers", async function () {
    const f = await load();
    const { a, a2, b, b2, c } = await withInvestors(f);
    const lot = f.lot;
    const step = async (expected: bigint, action: () => Promise<unknown>) => {
      await action();
      expect(await holdersOf(f, lot)).to.equal(expected);
    };
    const asIssuer = f.token.connect(f.actors.issuer);
    const asCompliance = f.registrar.connect(f.actors.compliance);

    expect(await holdersOf(f, lot)).to.equal(1n); // A
    await step(2n, () => asIssuer.mint(b.address, lot, 50n, "0x")); // A, B
    await step(2n, () => asIssuer.mint(b2.address, lot, 50n, "0x")); // B's second wallet: still B
    await step(2n, () => f.token.connect(a).safeTransferFrom(a.address, a2.address, lot, 400n, "0x")); // within A
    await step(2n, () => f.token.connect(a).safeTransferFrom(a.address, a2.address, lot, HELD.lot - 400n, "0x")); // a leaves, a2 holds
    await step(2n, () => f.token.connect(a2).safeTransferFrom(a2.address, a2.address, lot, 10n, "0x")); // to itself
    await step(1n, () => f.token.connect(a2).safeTransferFrom(a2.address, b.address, lot, HELD.lot, "0x")); // A leaves
    const exit = (w: typeof b, amount: bigint) => f.token.connect(w).safeTransferFrom(w.address, f.burner, lot, amount, "0x");
    await step(1n, () => exit(b, HELD.lot + 50n)); // b to zero (its units leave the lot), b2 still holds
    await step(0n, () => exit(b2, 50n)); // B leaves: no one holds
    await step(1n, () => asIssuer.mint(c.address, lot, 30n, "0x")); // C
    await step(2n, () => f.token.connect(f.actors.compliance).forcedTransfer(c.address, a.address, lot, 10n)); // A joins by force
    await step(1n, () => f.token.connect(f.actors.compliance).forcedTransfer(c.address, a2.address, lot, 20n)); // C leaves, a2 within A
    await step(1n, () => f.token.connect(f.actors.compliance).forcedTransfer(a.address, a2.address, lot, 10n)); // within A
    expect(await countHolders(f, [a, a2, b, b2, c], lot)).to.equal(1n);
  });

  it("a batch naming a lot twice counts a joining and a leaving investor once", async function () {
    const f = await load();
    const { c } = await withInvestors(f);
    const lot = f.lot;
    await f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, c.address, [lot, lot], [1n, 2n], "0x");
    expect(await holdersOf(f, lot)).to.equal(2n);
    await f.token.connect(c).safeBatchTransferFrom(c.address, f.burner, [lot, lot], [1n, 2n], "0x");
    expect(await holdersOf(f, lot)).to.equal(1n);
  });

  it("a removed investor still counts while it holds units, and its units recovered by force free its seat", async function () {
    const f = await load();
    await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.lot, 10n, "0x");
    await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
    expect(await holdersOf(f, f.lot)).to.equal(2n);
    await f.token.connect(f.actors.compliance).forcedTransfer(f.investor.address, f.holder.address, f.lot, 10n);
    expect(await holdersOf(f, f.lot)).to.equal(1n);
  });

  it("holders are counted per lot", async function () {
    const f = await load();
    await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, f.otherLots[0], 1n, "0x");
    expect(await holdersOf(f, f.otherLots[0])).to.equal(2n);
    expect(await holdersOf(f, f.lot)).to.equal(1n);
    expect(await holdersOf(f, f.otherLots[1])).to.equal(1n);
  });

  it("holders equals the distinct investors holding units after each of 60 pseudo-random movements", async function () {
    const f = await load();
    const { all } = await withInvestors(f);
    const lots = [f.lot, f.otherLots[0]];
    const random = prng(7);
    const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;

    for (let i = 0; i < 60; i++) {
      const lotId = pick(lots);
      const to = pick(all);
      const holding: HardhatEthersSigner[] = [];
      for (const w of all) if ((await f.token.balanceOf(w.address, lotId)) > 0n) holding.push(w);
      if (holding.length === 0) {
        if (lotId !== f.lot) continue; // nothing left of that lot, and it cannot be minted
        holding.push(to);
      }
      const from = pick(holding);
      const balance = await f.token.balanceOf(from.address, lotId);
      // Half the time move everything, to make wallets leave the lot often.
      const amount = balance === 0n ? 0n : random(2) === 0 ? balance : BigInt(1 + random(Number(balance)));
      const drawn = amount === 0n ? "mint" : pick(["transfer", "transfer", "burn", "forced", "mint"]);
      // A forced transfer to its own sender is refused by design; move ordinarily instead.
      const kind = drawn === "forced" && from.address === to.address ? "transfer" : drawn;
      if (kind === "mint") await f.token.connect(f.actors.issuer).mint(to.address, f.lot, BigInt(1 + random(20)), "0x");
      else if (kind === "transfer")
        await f.token.connect(from).safeTransferFrom(from.address, to.address, lotId, amount, "0x");
      else if (kind === "burn") await f.token.connect(from).safeTransferFrom(from.address, f.burner, lotId, amount, "0x");
      else if (kind === "forced")
        await f.token.connect(f.actors.compliance).forcedTransfer(from.address, to.address, lotId, amount);
      for (const id of lots)
        expect(await holdersOf(f, id)).to.equal(await countHolders(f, all, id), `after step ${i} (${kind})`);
    }
  });
});
