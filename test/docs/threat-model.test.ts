/**
 * docs/threat-model.md names, for every claim, the test that fails when the claim is false, and
 * scripts/mutation/mutations.ts reverts each mitigation so that `npm run mutations` can show it. This checks, without a
 * chain and in well under a second, that the two still fit the code: every test title the threat model quotes exists
 * under test/, every mutation still applies (its snippet occurs exactly once), names a test the threat model cites, and
 * the sections are numbered in order and every one but the last, 13 (operational faults, no attacker), has at least one
 * mutation.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";

import { MUTATIONS, ROOT, occurrences } from "../../scripts/mutation/mutations.ts";

const THREAT_MODEL = "docs/threat-model.md";
const doc = readFileSync(path.join(ROOT, THREAT_MODEL), "utf8");

/** Every `backticked` span of the threat model. */
const spans = [...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

/**
 * Whether a span quotes a test (an `it` title, a suite or a Solidity test function) rather than a command or a
 * formula such as `floor(units x acc) - paid`: a command starts with the tool's name; a formula uses an arithmetic
 * operator and has fewer than four plain words.
 */
function looksLikeTestTitle(span: string): boolean {
  if (!span.includes(" ")) return false;
  if (/^(npm|npx|grep|node) /.test(span)) return false;
  const words = span.split(/\s+/);
  const operator = words.some((w) => ["x", "-", "+", "/", "=", "<=", ">="].includes(w));
  const plainWords = words.filter((w) => /^[A-Za-z']{3,}[,;:.]?$/.test(w)).length;
  return !(operator && plainWords < 4);
}

/** The text of every TypeScript and Solidity file under test/, but this one's folder (it quotes no title). */
function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(ROOT, "test/docs") ? [] : testSources(full);
    return /\.(ts|sol)$/.test(entry.name) ? [readFileSync(full, "utf8")] : [];
  });
}

describe("docs/threat-model.md and its mutations", function () {
  const titles = spans.filter(looksLikeTestTitle);

  it("quotes test titles: the formulas and commands it backticks are told apart from them", function () {
    expect(titles.length, "test titles quoted").to.be.above(100);
    for (const formula of ["floor(units x acc) - paid", "acc x N <= deposited x 2^128", "priceAmount / priceUnit", "npm run mutations"]) {
      expect(spans, "the threat model still quotes it").to.include(formula);
      expect(looksLikeTestTitle(formula), formula).to.equal(false);
    }
  });

  it("every test title it quotes exists under test/", function () {
    const sources = testSources(path.join(ROOT, "test"));
    const missing = titles.filter((title) => !sources.some((source) => source.includes(title)));
    expect(missing, "quoted in the threat model but found in no file under test/").to.deep.equal([]);
  });

  it("every mutation has a unique id and test files that exist", function () {
    const ids = MUTATIONS.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "ids used twice").to.deep.equal([]);
    for (const m of MUTATIONS) {
      expect(m.id, "kebab-case id").to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(m.test.files.length, m.id).to.be.above(0);
      for (const file of [m.file, ...m.test.files]) expect(existsSync(path.join(ROOT, file)), `${m.id}: ${file}`).to.equal(true);
    }
  });

  it("every mutation's snippet occurs exactly once in its file, and the mutation changes it", function () {
    const stale = MUTATIONS.filter((m) => occurrences(readFileSync(path.join(ROOT, m.file), "utf8"), m.from) !== 1).map((m) => m.id);
    expect(stale, "mutations whose `from` no longer occurs exactly once").to.deep.equal([]);
    expect(MUTATIONS.filter((m) => m.from === m.to).map((m) => m.id), "mutations that change nothing").to.deep.equal([]);
  });

  it("every mutation names a test the threat model quotes", function () {
    const uncited = MUTATIONS.filter((m) => !spans.includes(m.test.grep)).map((m) => `${m.id}: ${m.test.grep}`);
    expect(uncited, "mutation tests not quoted in the threat model").to.deep.equal([]);
  });

  it("its sections are numbered in order, and every one but 13 (operational faults) has a mutation, named by its claim", function () {
    const sections = [...doc.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(sections, "the threat model's sections, in the order they appear").to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const claimed = new Set<number>();
    for (const m of MUTATIONS) {
      const section = /^§(\d+) /.exec(m.claim);
      expect(section, `${m.id}: the claim starts with its section, "§N ..."`).to.not.equal(null);
      claimed.add(Number(section![1]));
    }
    expect(sections.filter((s) => s !== 13 && !claimed.has(s)), "sections without a mutation").to.deep.equal([]);
    expect(claimed.has(13), "section 13 (operational faults) claims nothing an attacker could undo").to.equal(false);
  });
});
