/**
 * The page's modules import one another without a cycle: shared hooks and types live in web/src/shared.ts, which
 * the views and the App import; no view imports the App. A cycle makes the order modules run in depend on which is
 * loaded first, and hides which module owns what.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/src");

/** Every .ts/.tsx file under `dir`. */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : Promise.resolve(/\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

/** The page's own modules each file imports (relative imports inside web/src, type-only imports included). */
async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of await sources(web)) {
    const text = await readFile(file, "utf8");
    const targets = [...text.matchAll(/^\s*import\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gms)].map((m) => path.resolve(path.dirname(file), m[1]!)).filter((target) => target.startsWith(web));
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle of the graph, each as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) {
      found.push(trail.slice(at).concat(file).map((f) => path.relative(web, f)));
      return;
    }
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

describe("the page's modules", function () {
  it("import one another without a cycle", async function () {
    const graph = await importGraph();
    expect(graph.size).to.be.greaterThan(8);
    expect(cycles(graph)).to.deep.equal([]);
  });

  it("no view imports the App: shared hooks and types come from shared.ts", async function () {
    const graph = await importGraph();
    const app = path.join(web, "App.tsx");
    for (const [file, targets] of graph) if (file.includes(`${path.sep}views${path.sep}`)) expect(targets, path.relative(web, file)).to.not.include(app);
    const shared = path.join(web, "shared.ts");
    expect([...graph.values()].filter((targets) => targets.includes(shared)).length).to.be.greaterThan(3);
  });

  it("finds a cycle when there is one (the check itself works)", function () {
    const a = path.join(web, "a.ts");
    const b = path.join(web, "b.ts");
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).to.have.length.greaterThan(0);
  });
});
