/**
 * What the compiled contracts say, read straight from Hardhat's artifacts (the solc output with its AST under
 * `artifacts/build-info/`), without the SDK's generated files: tests compare the SDK's names against it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../artifacts");

interface Node {
  nodeType?: string;
  name?: string;
  members?: { name: string }[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(artifacts, file), "utf8")) as T;
}

/** The ABI of a compiled contract, e.g. `contracts/lots/LotRegistry.sol/LotRegistry.json`. */
export function compiledAbi(artifact: string): { type: string; name?: string; inputs?: unknown[] }[] {
  return readJson<{ abi: { type: string; name?: string; inputs?: unknown[] }[] }>(artifact).abi;
}

let sources: Record<string, { ast: unknown }> | undefined;

/** The sources of the compilation the token came from, each with its AST (read once: the file is large). */
function compiledSources(): Record<string, { ast: unknown }> {
  if (sources === undefined) {
    const { buildInfoId } = readJson<{ buildInfoId: string }>("contracts/lots/LotToken.sol/LotToken.json");
    sources = readJson<{ output: { sources: Record<string, { ast: unknown }> } }>(`build-info/${buildInfoId}.output.json`).output.sources;
  }
  return sources;
}

/** The members of the Solidity enum `name`, in declaration order, from the AST the token was compiled with. */
export function solidityEnumMembers(name: string): string[] {
  const found: string[][] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    const node = value as Node;
    if (node.nodeType === "EnumDefinition" && node.name === name) found.push((node.members ?? []).map((m) => m.name));
    for (const child of Object.values(value)) visit(child);
  };
  for (const [source, { ast }] of Object.entries(compiledSources())) if (source.startsWith("project/contracts/")) visit(ast);
  if (found.length !== 1) throw new Error(`expected one enum ${name} in the compiled contracts, found ${found.length}`);
  return found[0]!;
}
