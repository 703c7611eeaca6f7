/**
 * The demo's own books: every stablecoin base unit and every unit of metal the story moves, written down as it
 * moves, then checked against the chain at the end. A difference anywhere fails the demo.
 *
 * The books are kept from what each step was told to do and what the contracts must do by their terms (the
 * pro-rata allocation, a holder's share of a payment), computed here independently of the contracts; the chain is
 * then read through the SDK and compared account by account, plus two conservation checks that need no books:
 * every stablecoin base unit in existence sits with an account the story knows, and every lot's units sum to its
 * supply, which never exceeds the custodian's attestation.
 */
import Table from "cli-table3";
import type { Address } from "viem";
import { MineralsError } from "../../../src/errors/base.ts";
import { Money, Quantity, type Commodity } from "../../../src/units/index.ts";

/** The demo's books disagree with the chain: which account, which asset, by how much. */
export class ReconciliationError extends MineralsError {
  override name = "ReconciliationError";
}

/** The books as data: the lots (with the unit their columns are in) and one row per account. */
export interface Books {
  lots: { lotId: string; unit: string }[];
  rows: BooksRow[];
}

/** One account in the books: its stablecoin and its units of each lot, exact and as a person reads them. */
export interface BooksRow {
  address: string;
  label: string;
  usd: { base: string; text: string };
  units: Record<string, { base: string; text: string }>;
}

/** What the ledger reads from the chain to reconcile. */
export interface ChainReader {
  money(owner: Address): Promise<bigint>;
  moneySupply(): Promise<bigint>;
  units(lotId: bigint, owner: Address): Promise<bigint>;
  /** minted - burned, as the registry counts them, the custodian's attested quantity and what left by delivery. */
  lot(lotId: bigint): Promise<{ outstanding: bigint; minted: bigint; burned: bigint; attested: bigint; delivered: bigint }>;
}

const key = (address: Address): string => address.toLowerCase();

/** An amount in a difference the books report: to the cent as always, and its exact base units when a cent hides them. */
const exactUsd = (base: bigint): string => {
  const money = Money.fromBase(base);
  return money.isWholeCents() ? money.format() : `${money.format()} (${base} base unit${base === 1n ? "" : "s"})`;
};

export class DemoLedger {
  private readonly names = new Map<string, string>();
  private readonly money = new Map<string, bigint>();
  private readonly units = new Map<string, Map<string, bigint>>();
  private readonly commodities = new Map<string, Commodity>();
  private readonly minted = new Map<string, bigint>();
  private readonly burned = new Map<string, bigint>();
  /** The processing steps the story took: the lots each consumed and the lots it produced, with their quantities. */
  private readonly steps: { inputs: bigint[]; outputs: { lotId: bigint; quantity: Quantity }[] }[] = [];

  /** Names an account, so every line and every difference says whose it is. */
  name(address: Address, label: string): void {
    this.names.set(key(address), label);
    if (!this.money.has(key(address))) this.money.set(key(address), 0n);
  }

  label(address: Address): string {
    return this.names.get(key(address)) ?? `${address.slice(0, 6)}..${address.slice(-4)}`;
  }

  lot(lotId: bigint, commodity: Commodity): void {
    this.commodities.set(String(lotId), commodity);
    this.units.set(String(lotId), new Map());
    this.minted.set(String(lotId), 0n);
    this.burned.set(String(lotId), 0n);
  }

  /** The test stablecoin minted to `to` (the only way money enters the story). */
  issueMoney(to: Address, amount: Money): void {
    this.money.set(key(to), this.usd(to) + amount.base);
  }

  pay(from: Address, to: Address, amount: Money | bigint): void {
    const base = typeof amount === "bigint" ? amount : amount.base;
    if (this.usd(from) < base) throw new ReconciliationError(`The demo's books would overdraw ${this.label(from)} by ${exactUsd(base - this.usd(from))}`);
    this.money.set(key(from), this.usd(from) - base);
    this.money.set(key(to), this.usd(to) + base);
  }

  mintUnits(lotId: bigint, to: Address, amount: Quantity | bigint): void {
    const base = typeof amount === "bigint" ? amount : amount.base;
    this.setUnits(lotId, to, this.unitsOf(lotId, to) + base);
    this.minted.set(String(lotId), (this.minted.get(String(lotId)) ?? 0n) + base);
  }

  moveUnits(lotId: bigint, from: Address, to: Address, amount: Quantity | bigint): void {
    const base = typeof amount === "bigint" ? amount : amount.base;
    this.takeUnits(lotId, from, base);
    this.setUnits(lotId, to, this.unitsOf(lotId, to) + base);
  }

  burnUnits(lotId: bigint, from: Address, amount: Quantity | bigint): void {
    const base = typeof amount === "bigint" ? amount : amount.base;
    this.takeUnits(lotId, from, base);
    this.burned.set(String(lotId), (this.burned.get(String(lotId)) ?? 0n) + base);
  }

  /** A processing step: its inputs, consumed whole, and its outputs with the metal each holds (reconciled at the end). */
  step(inputs: bigint[], outputs: { lotId: bigint; quantity: Quantity }[]): void {
    this.steps.push({ inputs, outputs });
  }

  private setUnits(lotId: bigint, address: Address, base: bigint): void {
    const holders = this.units.get(String(lotId));
    if (!holders) throw new ReconciliationError(`The demo's books have no lot ${lotId}`);
    holders.set(key(address), base);
  }

  private takeUnits(lotId: bigint, from: Address, base: bigint): void {
    const held = this.unitsOf(lotId, from);
    if (held < base) throw new ReconciliationError(`The demo's books would take ${base} base units of lot ${lotId} from ${this.label(from)}, which holds ${held}`);
    this.setUnits(lotId, from, held - base);
  }

  usd(address: Address): bigint {
    return this.money.get(key(address)) ?? 0n;
  }

  unitsOf(lotId: bigint, address: Address): bigint {
    return this.units.get(String(lotId))?.get(key(address)) ?? 0n;
  }

  /** The accounts holding units of a lot in the books, largest first. */
  holders(lotId: bigint): Address[] {
    return [...(this.units.get(String(lotId)) ?? new Map<string, bigint>()).entries()]
      .filter(([, base]) => base > 0n)
      .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
      .map(([address]) => address as Address);
  }

  /** Who holds what, by the books: one row per account holding money or units, one column per lot. */
  holdingsTable(): string {
    const lots = [...this.units.keys()];
    const table = new Table({
      head: ["account", "stablecoin", ...lots.map((lot) => `lot ${lot} (${Quantity.zero(this.commodities.get(lot)!).format().split(" ").slice(1).join(" ")})`)],
      style: { head: [], border: [], compact: true },
      colAligns: ["left", "right", ...lots.map(() => "right" as const)],
    });
    const accounts = new Set([...this.money.keys(), ...lots.flatMap((lot) => [...this.units.get(lot)!.keys()])]);
    for (const address of accounts) {
      const usd = this.money.get(address) ?? 0n;
      const units = lots.map((lot) => this.units.get(lot)?.get(address) ?? 0n);
      if (usd === 0n && units.every((u) => u === 0n)) continue;
      table.push([this.label(address as Address), Money.fromBase(usd).format(), ...units.map((u, i) => (u === 0n ? "-" : Quantity.fromBase(this.commodities.get(lots[i]!)!, u).format().split(" ")[0]!))]);
    }
    return table.toString();
  }

  /**
   * The books as data, for the presenter's page: one row per account holding money or units (every named account
   * otherwise), one column per lot, exact base units beside the text a person reads.
   */
  snapshot(): Books {
    const lots = [...this.units.keys()];
    const unitOf = (lot: string) => Quantity.zero(this.commodities.get(lot)!).format().split(" ").slice(1).join(" ");
    const accounts = new Set([...this.money.keys(), ...lots.flatMap((lot) => [...this.units.get(lot)!.keys()])]);
    const rows: BooksRow[] = [];
    for (const address of accounts) {
      const usd = this.money.get(address) ?? 0n;
      const units = Object.fromEntries(
        lots.map((lot) => {
          const base = this.units.get(lot)?.get(address) ?? 0n;
          return [lot, { base: base.toString(), text: Quantity.fromBase(this.commodities.get(lot)!, base).format().split(" ")[0]! }];
        }),
      );
      const named = this.names.has(address);
      if (!named && usd === 0n && Object.values(units).every((u) => u.base === "0")) continue;
      rows.push({ address, label: this.label(address as Address), usd: { base: usd.toString(), text: Money.fromBase(usd).format() }, units });
    }
    return { lots: lots.map((lot) => ({ lotId: lot, unit: unitOf(lot) })), rows };
  }

  /**
   * Reconciles the books with the chain: each named account's stablecoin and units of each lot, the stablecoin's
   * total supply against the sum of the accounts, and each lot's supply against its holders and attestation.
   * Returns the lines to print; throws a `ReconciliationError` listing every difference.
   */
  async reconcile(chain: ChainReader): Promise<string[]> {
    const differences: string[] = [];
    const lines: string[] = [];
    let accounted = 0n;
    for (const [address, expected] of this.money) {
      const actual = await chain.money(address as Address);
      accounted += actual;
      if (actual !== expected) {
        differences.push(`${this.label(address as Address)} holds ${exactUsd(actual)} on chain, the books say ${exactUsd(expected)}`);
      }
    }
    const supply = await chain.moneySupply();
    if (supply !== accounted) differences.push(`the stablecoin's supply is ${exactUsd(supply)}, but the accounts the story knows hold ${exactUsd(accounted)}`);
    lines.push(`Stablecoin: ${Money.fromBase(supply).format()} in existence (${supply} base units), every base unit with one of ${this.money.size} accounts, each as the books say`);

    for (const [lot, holders] of this.units) {
      const lotId = BigInt(lot);
      const commodity = this.commodities.get(lot)!;
      const q = (base: bigint) => Quantity.fromBase(commodity, base).format();
      let held = 0n;
      for (const [address, expected] of holders) {
        const actual = await chain.units(lotId, address as Address);
        held += actual;
        if (actual !== expected) differences.push(`${this.label(address as Address)} holds ${q(actual)} of lot ${lotId} on chain, the books say ${q(expected)}`);
      }
      const facts = await chain.lot(lotId);
      if (facts.outstanding !== held) differences.push(`lot ${lotId} has ${q(facts.outstanding)} outstanding, but the accounts the story knows hold ${q(held)}`);
      if (facts.minted !== this.minted.get(lot)) differences.push(`lot ${lotId} minted ${q(facts.minted)} on chain, the books say ${q(this.minted.get(lot)!)}`);
      if (facts.burned !== this.burned.get(lot)) differences.push(`lot ${lotId} burned ${q(facts.burned)} on chain, the books say ${q(this.burned.get(lot)!)}`);
      // Every unit minted and not delivered is backed by metal the custodian attests it holds.
      if (facts.minted - facts.delivered > facts.attested) {
        differences.push(`lot ${lotId} minted ${q(facts.minted)} and delivered ${q(facts.delivered)}, more than the ${q(facts.attested)} its custodian attests it holds`);
      }
      const delivered = facts.delivered === 0n ? "" : ` (${q(facts.delivered)} of them delivered)`;
      lines.push(`Lot ${lotId}: attested ${q(facts.attested)}, minted ${q(facts.minted)}, burned ${q(facts.burned)}${delivered}, outstanding ${q(facts.outstanding)} = what its holders hold, to the base unit`);
    }
    for (const { inputs, outputs } of this.steps) {
      const commodity = this.commodities.get(String(inputs[0]))!;
      const q = (c: Commodity, base: bigint) => Quantity.fromBase(c, base).format();
      let consumed = 0n;
      for (const input of inputs) consumed += (await chain.lot(input)).attested;
      let produced = 0n;
      for (const o of outputs) {
        const attested = (await chain.lot(o.lotId)).attested;
        if (attested !== o.quantity.base) differences.push(`lot ${o.lotId} holds ${q(o.quantity.commodity, attested)} on chain, the step produced ${o.quantity.format()}`);
        if (o.quantity.commodity === commodity) produced += attested;
      }
      const from = `${inputs.length === 1 ? `Lot ${inputs[0]}'s` : `Lots ${inputs.join(", ")}'s`} ${q(commodity, consumed)}`;
      const into = outputs.map((o) => `${o.quantity.format()} (lot ${o.lotId})`).join(" and ");
      if (produced > consumed) differences.push(`${from} became ${q(commodity, produced)}: metal created`);
      const balance = produced === consumed ? "exactly what was consumed" : `${q(commodity, consumed - produced)} lost in refining`;
      lines.push(`${from} became ${into}: ${balance}`);
    }
    if (differences.length > 0) {
      throw new ReconciliationError(`The demo does not reconcile:\n${differences.map((d) => `  - ${d}`).join("\n")}`);
    }
    return lines;
  }
}
