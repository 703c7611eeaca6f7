/**
 * The SDK's browser-safe entry: nothing reachable from `src/index.ts` imports a node built-in (`node:fs`,
 * `path`, ...), so a bundler can build it for a web page; the node entry `src/node.ts` adds the file-system parts.
 */
import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import ts from "typescript";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/** Every module reachable from `entry` through relative imports and re-exports, with the bare specifiers each imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [path.resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const bare: string[] = [];
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith(".")) pending.push(path.resolve(path.dirname(file), fileName));
      else bare.push(fileName);
    }
    graph.set(file, bare);
  }
  return graph;
}

/** "file imports specifier" for every node built-in the graph reaches. */
function nodeImports(entry: string): string[] {
  const found: string[] = [];
  for (const [file, specifiers] of importGraph(entry)) {
    for (const specifier of specifiers) if (isBuiltin(specifier)) found.push(`${path.relative(SRC, file)} imports ${specifier}`);
  }
  return found;
}

describe("SDK entry points", function () {
  it("src/index.ts reaches no node built-in module through any import or re-export", function () {
    expect(nodeImports(path.join(SRC, "index.ts"))).to.deep.equal([]);
  });

  it("the import walk finds node built-ins where they are (src/node.ts reaches node:fs)", function () {
    // Guards the walk itself: if it stopped following re-exports, the first test would pass on anything.
    expect(nodeImports(path.join(SRC, "node.ts"))).to.include("deployment/files.ts imports node:fs/promises");
  });

  it("src/node.ts exports everything src/index.ts exports, plus reading and writing manifests and the HTML reports", async function () {
    const browser = await import("../../src/index.ts");
    const node = await import("../../src/node.ts");
    expect(Object.keys(node)).to.include.members([...Object.keys(browser), "readDeployment", "writeDeployment", "lotHtml"]);
    expect(Object.keys(browser)).to.not.include.members(["readDeployment"]);
    expect(Object.keys(browser)).to.include.members(["mineralsActions", "parseDeployment", "serializeDeployment", "verifyDeployment"]);
  });
});
