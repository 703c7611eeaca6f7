import { expect } from "chai";

import {
  ALL_COMMODITIES,
  COMMODITIES,
  Commodity,
  MASS_UNITS,
  Quantity,
  UNIT_MILLIGRAMS,
  defaultDecimals,
  Money,
  deriveQuantities,
  divRound,
  formatUsd,
  formatUsdCents,
  groupThousands,
  isOxideBasis,
  parseCommodity,
  parseDecimal,
  parseMass,
  percentToBps,
  percentToPpb,
  ratioToDecimal,
} from "../../src/units/index.ts";
import type { MassUnit, Rounding } from "../../src/units/index.ts";
import { solidityEnumMembers } from "./helpers/compiled.ts";

/** A deterministic 64-bit LCG (Knuth's MMIX constants) yielding values of every magnitude up to 2^64. */
function* lcgValues(count: number, seed = 0x2545f4914f6cdd1dn): Generator<bigint> {
  const mask = (1n << 64n) - 1n;
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
    yield state >> (state % 64n);
  }
}

const EDGE_VALUES: readonly bigint[] = [
  0n, 1n, 2n, 3n, 5n, 9n, 10n, 15n, 16n, 31n, 32n, 49n, 50n, 51n, 99n, 100n, 499n, 500n, 501n, 999n, 1000n, 1001n,
  31_103n, 31_104n, 31_103_476n, 31_103_477n, 311_034_768n, 999_999_999n, 1_000_000_000n, 123_456_789_012n,
  10n ** 15n - 1n, 10n ** 15n, 10n ** 15n + 1n, (1n << 128n) - 1n,
];

const SWEEP: readonly bigint[] = [...EDGE_VALUES, ...lcgValues(2_000)];

function unitsFor(commodity: Commodity): MassUnit[] {
  return MASS_UNITS.filter((unit) => unit !== "mtu" || commodity === Commodity.Tungsten);
}

/** Runs `fn` and returns what it threw, failing the test when it does not throw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error;
  }
  expect.fail("expected the call to throw");
}

describe("units", function () {
  describe("commodities", function () {
    it("numbers the commodities like the Solidity enum", function () {
      // Against the compiled contract's own enum (the solc AST in the artifacts), not a copy kept here.
      const members = solidityEnumMembers("Commodity");
      expect(Object.entries(Commodity)).to.deep.equal(members.map((member, index) => [member, index]));
      expect(ALL_COMMODITIES).to.deep.equal(members.map((_, index) => index));
    });

    it("describes every commodity", function () {
      const table = ALL_COMMODITIES.map((c) => {
        const { symbol, name, baseUnit, basisLabel, marketUnit, marketDecimals, priceQuote } = COMMODITIES[c];
        return [symbol, name, baseUnit, basisLabel, marketUnit, marketDecimals, priceQuote];
      });
      expect(table).to.deep.equal([
        ["Au", "gold", "mg", "fine Au", "ozt", 6, "USD per fine troy oz"],
        ["Cu", "copper", "kg", "Cu", "t", 3, "USD per tonne"],
        ["W", "tungsten", "kg", "WO3", "mtu", 1, "USD per mtu WO3"],
        ["Sb", "antimony", "kg", "Sb", "t", 3, "USD per tonne"],
        ["REE", "rare earths", "kg", "TREO", "kg", 0, "USD per kg TREO"],
      ]);
      for (const c of ALL_COMMODITIES) expect(COMMODITIES[c].commodity).to.equal(c);
    });

    it("parses names and symbols case-insensitively", function () {
      const cases: [string, Commodity][] = [
        ["gold", Commodity.Gold],
        ["AU", Commodity.Gold],
        ["Copper", Commodity.Copper],
        ["cu", Commodity.Copper],
        ["TUNGSTEN", Commodity.Tungsten],
        ["w", Commodity.Tungsten],
        ["antimony", Commodity.Antimony],
        ["Sb", Commodity.Antimony],
        ["rare-earths", Commodity.RareEarths],
        ["RareEarths", Commodity.RareEarths],
        ["ree", Commodity.RareEarths],
        ["  gold ", Commodity.Gold],
      ];
      for (const [text, commodity] of cases) expect(parseCommodity(text), text).to.equal(commodity);
    });

    it("names the accepted commodities when parsing fails", function () {
      for (const text of ["silver", "", "toString", "__proto__"]) {
        const error = thrown(() => parseCommodity(text));
        expect(error.message).to.include("gold/au").and.include("rare-earths");
      }
    });

    it("knows which commodities are measured on an oxide", function () {
      expect(ALL_COMMODITIES.map(isOxideBasis)).to.deep.equal([false, false, true, false, true]);
    });
  });

  describe("decimal helpers", function () {
    it("rounds divisions with every mode", function () {
      const cases: [bigint, bigint, Rounding, bigint][] = [
        [7n, 2n, "down", 3n],
        [7n, 2n, "up", 4n],
        [7n, 2n, "half-even", 4n],
        [5n, 2n, "half-even", 2n],
        [9n, 4n, "half-even", 2n],
        [11n, 4n, "half-even", 3n],
        [8n, 2n, "exact", 4n],
        [0n, 3n, "up", 0n],
      ];
      for (const [n, d, r, q] of cases) expect(divRound(n, d, r), `${n}/${d} ${r}`).to.equal(q);
      expect(() => divRound(7n, 2n, "exact")).to.throw(RangeError);
      expect(() => divRound(-1n, 2n, "down")).to.throw(RangeError);
      expect(() => divRound(1n, 0n, "down")).to.throw(RangeError);
    });

    it("writes exact ratios as decimals", function () {
      expect(ratioToDecimal(1n, 3n, 4, "half-even")).to.equal("0.3333");
      expect(ratioToDecimal(2n, 3n, 2, "down")).to.equal("0.66");
      expect(ratioToDecimal(2n, 3n, 2, "up")).to.equal("0.67");
      expect(ratioToDecimal(1n, 8n, 3, "exact")).to.equal("0.125");
      expect(ratioToDecimal(5n, 1n, 0, "exact")).to.equal("5");
      expect(() => ratioToDecimal(1n, 8n, 2, "exact")).to.throw(RangeError);
    });

    it("groups thousands", function () {
      expect(groupThousands(0n)).to.equal("0");
      expect(groupThousands(999n)).to.equal("999");
      expect(groupThousands(1000n)).to.equal("1,000");
      expect(groupThousands(1234567n)).to.equal("1,234,567");
      expect(groupThousands("75640.123456")).to.equal("75,640.123456");
      expect(groupThousands("2352.670", "_")).to.equal("2_352.670");
      expect(groupThousands("123456.1234567")).to.equal("123,456.1234567");
    });

    it("parses decimals with well-formed thousands separators only", function () {
      expect(parseDecimal("2,352.670")).to.deep.equal({ digits: 2352670n, decimals: 3 });
      expect(parseDecimal("1_000_000")).to.deep.equal({ digits: 1000000n, decimals: 0 });
      expect(parseDecimal("0.000001")).to.deep.equal({ digits: 1n, decimals: 6 });
      for (const bad of ["1,5", "1,23,456", "1_0", "1,000_000", "1.000,5", "+5", "5.", " ", "1 000", "0x10", "Infinity"]) {
        expect(() => parseDecimal(bad), bad).to.throw(SyntaxError, /expected/);
      }
    });
  });

  describe("Quantity round trips", function () {
    for (const commodity of ALL_COMMODITIES) {
      const info = COMMODITIES[commodity];

      it(`${info.name}: base → market string → base, for ${SWEEP.length} values`, function () {
        for (const base of SWEEP) {
          const market = Quantity.fromBase(commodity, base).toMarket();
          expect(market, `${base}`).to.match(info.marketDecimals === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${info.marketDecimals}}$`));
          expect(Quantity.parse(commodity, market, undefined, "half-even").base, `${base} → ${market}`).to.equal(base);
          expect(Quantity.parse(commodity, `${market} ${info.marketUnit}`, undefined, "half-even").base).to.equal(base);
        }
      });

      it(`${info.name}: base → every unit it is written in (default decimals) → base`, function () {
        for (const unit of info.inputUnits) {
          for (const base of SWEEP) {
            const text = Quantity.fromBase(commodity, base).to(unit);
            expect(Quantity.parse(commodity, text, unit, "half-even").base, `${base} → ${text} ${unit}`).to.equal(base);
          }
        }
      });

      it(`${info.name}: the market string is the nearest value (half-even)`, function () {
        const { numerator, denominator } = UNIT_MILLIGRAMS[info.marketUnit];
        const baseMg = info.baseUnit === "mg" ? 1n : 1_000_000n;
        const scale = 10n ** BigInt(info.marketDecimals);
        for (const base of SWEEP) {
          const digits = BigInt(Quantity.fromBase(commodity, base).toMarket().replace(".", ""));
          // |digits * unit - base * scale| ≤ unit / 2, measured in mg * denominator * scale
          const error = digits * numerator - base * baseMg * denominator * scale;
          const abs = error < 0n ? -error : error;
          expect(abs * 2n <= numerator, `${base}`).to.equal(true);
          if (abs * 2n === numerator) expect(digits % 2n, `tie at ${base}`).to.equal(0n);
        }
      });

      it(`${info.name}: market decimals are the smallest that round-trip`, function () {
        const { numerator, denominator } = UNIT_MILLIGRAMS[info.marketUnit];
        const baseMg = info.baseUnit === "mg" ? 1n : 1_000_000n;
        const step = (decimals: number): [bigint, bigint] => [numerator, baseMg * denominator * 10n ** BigInt(decimals)];
        const [n, d] = step(info.marketDecimals);
        expect(n <= d, "one step of the last decimal is at most one base unit").to.equal(true);
        if (commodity !== Commodity.Gold && info.marketDecimals > 0) {
          // gold keeps 6 decimals of ozt by convention (5 would be enough)
          const [n1, d1] = step(info.marketDecimals - 1);
          expect(n1 > d1, "one decimal fewer would not round-trip").to.equal(true);
        }
      });
    }

    it("round-trips exactly for kilogram-based market units", function () {
      for (const commodity of [Commodity.Copper, Commodity.Tungsten, Commodity.Antimony, Commodity.RareEarths]) {
        for (const base of SWEEP) {
          const q = Quantity.fromBase(commodity, base);
          expect(Quantity.parse(commodity, q.to(COMMODITIES[commodity].marketUnit, { rounding: "exact" })).base).to.equal(base);
        }
      }
    });

    it("uses documented default decimals", function () {
      const gold = MASS_UNITS.filter((u) => u !== "mtu").map((u) => defaultDecimals(Commodity.Gold, u));
      expect(gold).to.deep.equal([0, 3, 6, 9, 6]);
      expect(MASS_UNITS.map((u) => defaultDecimals(Commodity.Tungsten, u))).to.deep.equal([0, 0, 0, 3, 0, 1]);
      expect(defaultDecimals(Commodity.RareEarths, "kg")).to.equal(0);
      expect(defaultDecimals(Commodity.Copper, "t")).to.equal(3);
    });
  });

  describe("known conversions", function () {
    it("troy ounces of gold", function () {
      // 1 ozt = 31,103.4768 mg exactly, so 10,000 ozt = 311,034,768 mg
      expect(Quantity.parse(Commodity.Gold, "10,000 ozt").base).to.equal(311_034_768n);
      expect(Quantity.fromBase(Commodity.Gold, 311_034_768n).to("ozt", { rounding: "exact" })).to.equal("10000.000000");
      expect(Quantity.fromBase(Commodity.Gold, 311_034_768n).to("ozt", { decimals: 0, rounding: "exact" })).to.equal("10000");
      // 31,103.4768 g = 1,000 ozt = 31,103,476.8 mg: not a whole mg
      expect(() => Quantity.parse(Commodity.Gold, "31,103.4768 g")).to.throw(RangeError, /whole number of mg/);
      expect(() => Quantity.parse(Commodity.Gold, "1000 ozt")).to.throw(RangeError);
      expect(Quantity.parse(Commodity.Gold, "31,103.4768 g", undefined, "half-even").base).to.equal(31_103_477n);
      expect(Quantity.parse(Commodity.Gold, "1000", "ozt", "down").base).to.equal(31_103_476n);
      // 31,103,477 mg = 1000 + 0.2/31103.4768 ozt = 1000.00000643... ozt
      const au = Quantity.fromBase(Commodity.Gold, 31_103_477n);
      expect(au.toMarket()).to.equal("1000.000006");
      expect(au.to("ozt", { decimals: 9 })).to.equal("1000.000006430");
      expect(au.to("g")).to.equal("31103.477");
      expect(au.to("kg")).to.equal("31.103477");
      expect(au.to("t")).to.equal("0.031103477");
      expect(Quantity.fromBase(Commodity.Gold, 1n).toMarket()).to.equal("0.000032");
      expect(Quantity.fromBase(Commodity.Gold, 10n ** 15n).toMarket()).to.equal("32150746568.627981");
      expect(Quantity.parse(Commodity.Gold, "578.71ozt", undefined, "half-even").base).to.equal(17_999_893n);
      expect(Quantity.parse(Commodity.Gold, "1 kg").to("ozt")).to.equal("32.150747");
    });

    it("tonnes, kilograms and mtu", function () {
      expect(Quantity.parse(Commodity.Copper, "12.5 t").base).to.equal(12_500n);
      expect(Quantity.parse(Commodity.Copper, "2,352.670").base).to.equal(2_352_670n);
      expect(Quantity.parse(Commodity.Copper, "2_352_670", "kg").base).to.equal(2_352_670n);
      expect(Quantity.parse(Commodity.Tungsten, "35 mtu").base).to.equal(350n);
      expect(Quantity.parse(Commodity.Tungsten, "35").base).to.equal(350n);
      expect(Quantity.parse(Commodity.Tungsten, "6,500.5 MTU").base).to.equal(65_005n);
      expect(Quantity.fromBase(Commodity.Tungsten, 65_000n).to("t")).to.equal("65.000");
      expect(Quantity.parse(Commodity.RareEarths, "1,234").base).to.equal(1_234n);
      expect(Quantity.parse(Commodity.Antimony, "0.001 t").base).to.equal(1n);
      expect(Quantity.fromBase(Commodity.Antimony, 1n).to("g")).to.equal("1000");
      expect(Quantity.fromBase(Commodity.Copper, 1_000n).to("ozt")).to.equal("32151");
    });

    it("accepts an explicit unit matching the suffix and refuses a conflicting one", function () {
      expect(Quantity.parse(Commodity.Copper, "12 t", "t").base).to.equal(12_000n);
      expect(() => Quantity.parse(Commodity.Copper, "12 t", "kg")).to.throw(Error, /Conflicting units/);
    });
  });

  describe("rounding modes", function () {
    it("rounds when writing", function () {
      const q = Quantity.fromBase(Commodity.Copper, 1_234n);
      expect(q.to("t", { decimals: 1, rounding: "down" })).to.equal("1.2");
      expect(q.to("t", { decimals: 1, rounding: "up" })).to.equal("1.3");
      expect(q.to("t", { decimals: 1, rounding: "half-even" })).to.equal("1.2");
      expect(q.to("t", { decimals: 1 })).to.equal("1.2");
      expect(q.to("t", { decimals: 3, rounding: "exact" })).to.equal("1.234");
      expect(() => q.to("t", { decimals: 1, rounding: "exact" })).to.throw(RangeError);
      expect(Quantity.fromBase(Commodity.Copper, 1_250n).to("t", { decimals: 1 })).to.equal("1.2");
      expect(Quantity.fromBase(Commodity.Copper, 1_350n).to("t", { decimals: 1 })).to.equal("1.4");
      expect(Quantity.fromBase(Commodity.Copper, 1_251n).to("t", { decimals: 1 })).to.equal("1.3");
    });

    it("rounds when parsing", function () {
      const parse = (text: string, rounding: Rounding) => Quantity.parse(Commodity.Copper, text, "t", rounding).base;
      expect(parse("0.0005", "down")).to.equal(0n);
      expect(parse("0.0005", "up")).to.equal(1n);
      expect(parse("0.0005", "half-even")).to.equal(0n);
      expect(parse("0.0015", "half-even")).to.equal(2n);
      expect(parse("0.00151", "down")).to.equal(1n);
      expect(() => parse("0.0005", "exact")).to.throw(RangeError, /pass a rounding mode/);
      expect(parse("0.0010000", "exact")).to.equal(1n);
      expect(() => Quantity.parse(Commodity.Copper, "1", "t", "nearest" as Rounding)).to.throw(TypeError, /half-even/);
    });

    it("rounds basis-point multiplications", function () {
      const q = Quantity.fromBase(Commodity.Copper, 2_438_000n);
      expect(q.mulBps(9650).base).to.equal(2_352_670n);
      expect(q.mulBps(9650n).base).to.equal(2_352_670n);
      const odd = Quantity.fromBase(Commodity.Copper, 3n);
      expect(odd.mulBps(5000).base).to.equal(1n);
      expect(odd.mulBps(5000, "up").base).to.equal(2n);
      expect(odd.mulBps(5000, "half-even").base).to.equal(2n);
      expect(() => odd.mulBps(5000, "exact")).to.throw(RangeError);
      expect(odd.mulBps(20_000).base).to.equal(6n);
      expect(() => odd.mulBps(-1)).to.throw(RangeError);
      expect(() => odd.mulBps(1.5)).to.throw(RangeError);
    });
  });

  describe("units allowed per commodity", function () {
    it("refuses mtu for everything but tungsten", function () {
      for (const commodity of [Commodity.Gold, Commodity.Copper, Commodity.Antimony, Commodity.RareEarths]) {
        const q = Quantity.fromBase(commodity, 1_000n);
        expect(() => q.to("mtu"), COMMODITIES[commodity].name).to.throw(Error, /only valid for tungsten/);
        expect(() => q.format("mtu")).to.throw(Error, /only valid for tungsten/);
        expect(() => Quantity.parse(commodity, "35 mtu")).to.throw(Error, /only valid for tungsten/);
        expect(() => Quantity.parse(commodity, "35", "mtu")).to.throw(Error, /only valid for tungsten/);
      }
      expect(Quantity.fromBase(Commodity.Tungsten, 1_000n).to("mtu")).to.equal("100.0");
    });

    const accepted: [Commodity, MassUnit[]][] = [
      [Commodity.Gold, ["ozt", "g", "kg", "mg"]],
      [Commodity.Copper, ["t", "kg"]],
      [Commodity.Tungsten, ["mtu", "t", "kg"]],
      [Commodity.Antimony, ["t", "kg"]],
      [Commodity.RareEarths, ["kg", "t"]],
    ];
    for (const [commodity, units] of accepted) {
      const info = COMMODITIES[commodity];
      it(`${info.name} amounts are read in ${units.join(", ")} only; any other unit is refused naming those, not converted`, function () {
        expect(info.inputUnits).to.deep.equal(units);
        for (const unit of MASS_UNITS) {
          if (units.includes(unit)) {
            expect(Quantity.parse(commodity, `1000 ${unit}`, undefined, "down").base, unit).to.be.a("bigint");
          } else {
            const expected = `Unit "${unit}" is not used for ${info.name}${unit === "mtu" ? " (the metric tonne unit of WO3 is only valid for tungsten)" : ""}: write an amount of ${info.name} in ${units.slice(0, -1).join(", ")} or ${units.at(-1)}`;
            expect(() => Quantity.parse(commodity, `1000 ${unit}`, undefined, "down"), `${info.name} in ${unit}`).to.throw(Error, expected);
            expect(() => Quantity.parse(commodity, "1000", unit, "down"), `${info.name} in ${unit} (argument)`).to.throw(Error, expected);
          }
        }
      });
    }

    it("troy ounces of copper and mtu of gold are refused", function () {
      expect(() => Quantity.parse(Commodity.Copper, "100 ozt")).to.throw(Error, /not used for copper: write an amount of copper in t or kg/);
      expect(() => Quantity.parse(Commodity.Gold, "10 mtu")).to.throw(Error, /only valid for tungsten\): write an amount of gold in ozt, g, kg or mg/);
      expect(() => Quantity.parse(Commodity.Gold, "1 t")).to.throw(Error, /not used for gold: write an amount of gold in ozt, g, kg or mg/);
    });

    it("refuses unknown units", function () {
      expect(() => Quantity.parse(Commodity.Gold, "5 oz")).to.throw(Error, /ozt/);
      expect(() => Quantity.parse(Commodity.Gold, "5 lb")).to.throw(Error, /mg, g, kg, t, ozt, mtu/);
      expect(() => Quantity.fromBase(Commodity.Gold, 1n).to("lb" as MassUnit)).to.throw(TypeError);
    });
  });

  describe("parse errors", function () {
    for (const text of ["-5", "", "abc", "1.2.3", "-5 t", "1e3", "1,5", ".5", "5..0", "NaN", "t", "1 2 t", "   "]) {
      it(`refuses ${JSON.stringify(text)} with a message saying what was expected`, function () {
        const error = thrown(() => Quantity.parse(Commodity.Copper, text));
        expect(error.message).to.include("expected");
        expect(error.message).to.include(JSON.stringify(text));
      });
    }

    it("says negative numbers are not allowed", function () {
      expect(() => Quantity.parse(Commodity.Gold, "-5")).to.throw(SyntaxError, /Negative/);
    });

    it("refuses invalid commodities", function () {
      expect(() => Quantity.fromBase(9 as Commodity, 1n)).to.throw(TypeError, /commodity/);
      expect(() => Quantity.parse(-1 as Commodity, "1")).to.throw(TypeError, /commodity/);
    });
  });

  describe("arithmetic", function () {
    const cu = (base: bigint) => Quantity.fromBase(Commodity.Copper, base);

    it("adds, subtracts and compares", function () {
      expect(cu(5n).add(cu(7n)).base).to.equal(12n);
      expect(cu(7n).sub(cu(5n)).base).to.equal(2n);
      expect(cu(7n).sub(cu(7n)).isZero()).to.equal(true);
      expect(cu(1n).cmp(cu(2n))).to.equal(-1);
      expect(cu(2n).cmp(cu(2n))).to.equal(0);
      expect(cu(3n).cmp(cu(2n))).to.equal(1);
      expect(cu(2n).eq(cu(2n))).to.equal(true);
      expect(cu(2n).eq(Quantity.fromBase(Commodity.Antimony, 2n))).to.equal(false);
      expect(Quantity.zero(Commodity.Gold).isZero()).to.equal(true);
      expect(cu(1n).isZero()).to.equal(false);
      const big = cu(10n ** 30n);
      expect(big.add(big).base).to.equal(2n * 10n ** 30n);
    });

    it("refuses negative quantities", function () {
      expect(() => cu(5n).sub(cu(6n))).to.throw(RangeError, /negative/);
      expect(() => Quantity.fromBase(Commodity.Copper, -1n)).to.throw(RangeError, /negative/);
      expect(() => Quantity.fromBase(Commodity.Copper, 1 as unknown as bigint)).to.throw(TypeError, /bigint/);
    });

    it("refuses to mix commodities", function () {
      const au = Quantity.fromBase(Commodity.Gold, 1n);
      expect(() => cu(1n).add(au)).to.throw(Error, /different commodities \(copper and gold\)/);
      expect(() => cu(1n).sub(au)).to.throw(Error, /different commodities/);
      expect(() => cu(1n).cmp(au)).to.throw(Error, /different commodities/);
    });

    it("is immutable", function () {
      const q = cu(5n);
      expect(Object.isFrozen(q)).to.equal(true);
      expect(() => {
        (q as { base: bigint }).base = 6n;
      }).to.throw(TypeError);
      q.add(cu(1n));
      expect(q.base).to.equal(5n);
    });
  });

  describe("formatting", function () {
    it("formats with thousands separators, unit and basis", function () {
      expect(Quantity.fromBase(Commodity.Gold, 2_352_670_825n).format()).to.equal("75,640.123 ozt fine Au");
      expect(Quantity.fromBase(Commodity.Copper, 2_352_670n).format()).to.equal("2,352.670 t Cu");
      expect(Quantity.fromBase(Commodity.Tungsten, 253_500n).format()).to.equal("25,350.0 mtu WO3");
      expect(Quantity.fromBase(Commodity.Antimony, 28_500n).format()).to.equal("28.500 t Sb");
      expect(Quantity.fromBase(Commodity.RareEarths, 1_234n).format()).to.equal("1,234 kg TREO");
      expect(Quantity.fromBase(Commodity.RareEarths, 0n).format()).to.equal("0 kg TREO");
      expect(Quantity.fromBase(Commodity.Gold, 2_352_670_000n).format("kg")).to.equal("2,352.670000 kg fine Au");
      expect(Quantity.fromBase(Commodity.Copper, 2_352_670n).format("t", { decimals: 1 })).to.equal("2,352.7 t Cu");
      expect(`${Quantity.fromBase(Commodity.Copper, 2_352_670n)}`).to.equal("2,352.670 t Cu");
    });

    it("gold typed in troy ounces comes back as typed: fine ounces to the market's 3 decimals, the exact mg in JSON", function () {
      // "100 ozt" is 3,110,347.68 mg; rounded down it is 3,110,347 mg, 99.99997814 ozt: a person reads 100.000 ozt.
      const hundred = Quantity.parse(Commodity.Gold, "100 ozt", undefined, "down");
      expect(hundred.base).to.equal(3_110_347n);
      expect(hundred.format()).to.equal("100.000 ozt fine Au");
      expect(hundred.toJSON().market).to.equal("99.999978");
      // The demo's gold lot: 22,698,437 mg payable; "729.771695 ozt" rounded down is one mg less. Both read 729.772.
      expect(Quantity.fromBase(Commodity.Gold, 22_698_437n).format()).to.equal("729.772 ozt fine Au");
      expect(Quantity.parse(Commodity.Gold, "729.772 ozt", undefined, "down").format()).to.equal("729.772 ozt fine Au");
      for (const typed of ["0.5", "1", "12.345", "729.771", "1,000", "75,640.123"]) {
        expect(Quantity.parse(Commodity.Gold, `${typed} ozt`, undefined, "half-even").format()).to.equal(`${Number(typed.replaceAll(",", "")).toLocaleString("en-US", { minimumFractionDigits: 3 })} ozt fine Au`);
      }
      expect(COMMODITIES[Commodity.Gold].displayDecimals).to.equal(3);
    });

    it("money reads to the cent, one format everywhere; the exact base units stay in JSON", function () {
      expect(Money.fromBase(4_191_937_776_000n).format()).to.equal("4,191,937.78 USD");
      expect(Money.fromBase(4_191_937_776_000n).toJSON()).to.deep.equal({ usd: "4191937.776", base: "4191937776000" });
      expect(Money.fromBase(538_525_005_025n).format()).to.equal("538,525.01 USD");
      expect(Money.fromBase(1_250_500_000n).format()).to.equal("1,250.50 USD");
      expect(Money.fromBase(0n).format()).to.equal("0.00 USD");
      expect(Money.fromBase(1n).format()).to.equal("under 0.01 USD");
      expect(Money.fromBase(5_000n).format()).to.equal("under 0.01 USD"); // half a cent rounds to even: 0.00, but is not nothing
      expect(Money.fromBase(15_000n).format()).to.equal("0.02 USD");
      expect(formatUsd(9_000_000_000n)).to.equal("9,000.00 USD");
      expect(formatUsdCents(123_456_789n)).to.equal("1,234,567.89 USD");
      expect(Money.fromBase(250_000_123_457n).isWholeCents()).to.equal(false);
    });

    it("serializes to JSON", function () {
      expect(Quantity.fromBase(Commodity.Copper, 2_352_670n).toJSON()).to.deep.equal({
        commodity: "copper",
        base: "2352670",
        baseUnit: "kg",
        market: "2352.670",
        marketUnit: "t",
      });
      expect(JSON.parse(JSON.stringify({ q: Quantity.fromBase(Commodity.Gold, 31_103_477n) }))).to.deep.equal({
        q: { commodity: "gold", base: "31103477", baseUnit: "mg", market: "1000.000006", marketUnit: "ozt" },
      });
    });
  });

  describe("lot math", function () {
    it("copper concentrate: 10,000 wmt, 8% moisture, 26.5% Cu, 96.5% payable", function () {
      const { contained, payable } = deriveQuantities(Commodity.Copper, {
        wetMassGrams: parseMass("10000 wmt"),
        moistureBps: percentToBps("8"),
        gradePpb: percentToPpb("26.5"),
        payableBps: percentToBps("96.5"),
      });
      expect(contained.base).to.equal(2_438_000n);
      expect(payable.base).to.equal(2_352_670n);
      expect(contained.format()).to.equal("2,438.000 t Cu");
      expect(payable.format()).to.equal("2,352.670 t Cu");
    });

    it("tungsten concentrate: 100 t at 65% WO3 is 6,500 mtu", function () {
      const { contained, payable } = deriveQuantities(Commodity.Tungsten, {
        wetMassGrams: parseMass("100 t"),
        moistureBps: 0,
        gradePpb: percentToPpb("65"),
        payableBps: 10_000,
      });
      expect(contained.base).to.equal(65_000n);
      expect(contained.toMarket()).to.equal("6500.0");
      expect(payable.eq(contained)).to.equal(true);
    });

    it("gold doré, antimony and rare earth concentrates", function () {
      const gold = deriveQuantities(Commodity.Gold, {
        wetMassGrams: parseMass("25 kg"),
        moistureBps: 0,
        gradePpb: percentToPpb("92.5"),
        payableBps: percentToBps("99.9"),
      });
      expect(gold.contained.base).to.equal(23_125_000n);
      expect(gold.payable.base).to.equal(23_101_875n);
      const sb = deriveQuantities(Commodity.Antimony, {
        wetMassGrams: parseMass("50 wmt"),
        moistureBps: percentToBps("5"),
        gradePpb: percentToPpb("60"),
        payableBps: percentToBps("70"),
      });
      expect([sb.contained.base, sb.payable.base]).to.deep.equal([28_500n, 19_950n]);
      const ree = deriveQuantities(Commodity.RareEarths, {
        wetMassGrams: parseMass("20 t"),
        moistureBps: percentToBps("2"),
        gradePpb: percentToPpb("58.25"),
        payableBps: percentToBps("30"),
      });
      expect([ree.contained.base, ree.payable.base]).to.deep.equal([11_417n, 3_425n]);
    });

    it("rounds down like the registry", function () {
      const figures = { wetMassGrams: 999n, moistureBps: 1, gradePpb: 1n, payableBps: 1 };
      expect(deriveQuantities(Commodity.Gold, figures).contained.base).to.equal(0n);
      const kg = deriveQuantities(Commodity.Copper, { wetMassGrams: 1_999_999n, moistureBps: 0, gradePpb: 1_000_000_000n, payableBps: 9999 });
      expect(kg.contained.base).to.equal(1_999n);
      expect(kg.payable.base).to.equal(1_998n);
      for (const wet of lcgValues(200, 42n)) {
        const wetMassGrams = (wet % (1n << 100n)) + 1n;
        const got = deriveQuantities(Commodity.Antimony, { wetMassGrams, moistureBps: 737, gradePpb: 123_456_789n, payableBps: 8_765 });
        const contained = (wetMassGrams * 9_263n * 123_456_789n) / 10n ** 16n;
        expect(got.contained.base).to.equal(contained);
        expect(got.payable.base).to.equal((contained * 8_765n) / 10_000n);
      }
    });

    it("checks the figures against the registry's ranges", function () {
      const ok = { wetMassGrams: 1n, moistureBps: 0, gradePpb: 1n, payableBps: 1 };
      expect(() => deriveQuantities(Commodity.Copper, ok)).not.to.throw();
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, wetMassGrams: 0n })).to.throw(RangeError, /wetMassGrams/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, wetMassGrams: 1n << 128n })).to.throw(RangeError, /wetMassGrams/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, moistureBps: 10_000 })).to.throw(RangeError, /moistureBps/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, moistureBps: 1.5 })).to.throw(TypeError, /moistureBps/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, gradePpb: 0n })).to.throw(RangeError, /gradePpb/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, gradePpb: 1_000_000_001n })).to.throw(RangeError, /gradePpb/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, payableBps: 0 })).to.throw(RangeError, /payableBps/);
      expect(() => deriveQuantities(Commodity.Copper, { ...ok, payableBps: 10_001 })).to.throw(RangeError, /payableBps/);
      expect(() => deriveQuantities(7 as Commodity, ok)).to.throw(TypeError);
    });

    it("parses percentages exactly", function () {
      expect(percentToBps("8")).to.equal(800);
      expect(percentToBps("96.5")).to.equal(9650);
      expect(percentToBps("96.55")).to.equal(9655);
      expect(percentToBps("96.550")).to.equal(9655);
      expect(percentToBps("0")).to.equal(0);
      expect(percentToBps("100")).to.equal(10_000);
      expect(percentToBps("8 %")).to.equal(800);
      expect(percentToPpb("26.5")).to.equal(265_000_000n);
      expect(percentToPpb("0.0000001")).to.equal(1n);
      expect(percentToPpb("100%")).to.equal(1_000_000_000n);
      expect(() => percentToBps("1.234")).to.throw(RangeError, /at most 2 decimals/);
      expect(() => percentToPpb("0.00000001")).to.throw(RangeError, /at most 7 decimals/);
      expect(() => percentToBps("100.01")).to.throw(RangeError, /0\.\.100/);
      expect(() => percentToPpb("101")).to.throw(RangeError, /0\.\.100/);
      for (const bad of ["-1", "", "abc", "1.2.3", "5%%"]) expect(() => percentToBps(bad), bad).to.throw(SyntaxError, /expected/);
    });

    it("parses wet masses exactly", function () {
      expect(parseMass("10000 wmt")).to.equal(10_000_000_000n);
      expect(parseMass("10,000 t")).to.equal(10_000_000_000n);
      expect(parseMass("20 kg")).to.equal(20_000n);
      expect(parseMass("20000 g")).to.equal(20_000n);
      expect(parseMass("20000g")).to.equal(20_000n);
      expect(parseMass("1.5 kg")).to.equal(1_500n);
      expect(parseMass("0.000001 WMT")).to.equal(1n);
      expect(parseMass("2000 mg")).to.equal(2n);
      expect(() => parseMass("0.5 g")).to.throw(RangeError, /whole number of grams/);
      expect(() => parseMass("100 dmt")).to.throw(Error, /dry/);
      expect(() => parseMass("100")).to.throw(SyntaxError, /unit/);
      expect(() => parseMass("100 lb")).to.throw(Error, /wmt/);
      expect(() => parseMass("-5 t")).to.throw(SyntaxError, /Negative/);
      expect(() => parseMass("kg")).to.throw(SyntaxError);
    });
  });
});
