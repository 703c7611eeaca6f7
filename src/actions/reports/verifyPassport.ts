import { isAddress, type Client, type Hash } from "viem";
import type { Deployment } from "../../deployment/manifest.ts";
import { MineralsError } from "../../errors/base.ts";
import type { OnProgress } from "../../internal/logs.ts";
import { getPassport, PASSPORT_FORMAT, type Passport } from "./passport.ts";

export interface VerifyPassportParameters {
  deployment: Deployment;
  /** A passport as read from its JSON file (`JSON.parse` of `minerals passport --lot N --json`). */
  passport: unknown;
  /** What the passport was read from (a file name), for the sentence that refuses it. */
  source?: string;
  onProgress?: OnProgress;
}

/** One line of a passport (a value at a path, such as `lots[lot 3].documents[0].sha256`), compared with the chain. */
export interface PassportLine {
  path: string;
  status: "matches" | "differs" | "not on chain" | "not in file";
  /** The value in the file and the value the chain gives, as JSON text (absent where one side has no such line). */
  file?: string;
  chain?: string;
}

/** How a part of the passport compares: its chain and block, its provenance graph, or one lot. */
export interface PassportSection {
  section: string;
  matched: number;
  differing: number;
}

export interface VerifyPassportReturnType {
  /** True when every line of the file is the chain's and the chain has no line the file lacks. */
  verified: boolean;
  lotId: string;
  block: string;
  matched: number;
  /** Every line, in the file's order, then the chain's lines the file lacks. */
  lines: PassportLine[];
  /** The lines that do not match. */
  differences: PassportLine[];
  sections: PassportSection[];
  /** The passport made again from the chain at the file's block. */
  chain: Passport;
}

export type VerifyPassportErrorType = MineralsError;

/**
 * Makes a passport again from the chain, at the block the file names, and compares the two line by line: every value
 * at every path, lots matched by id, steps by step id, holders by address, offerings by id, anything else by position.
 * Refuses (with one sentence) a file that is not a passport, or a passport of another chain or registry.
 *
 * @example
 * const result = await verifyPassport(client, { deployment, passport: JSON.parse(await readFile("passport-9.json", "utf8")) })
 * result.verified // false when any line differs
 * result.differences[0] // { path: "lots[lot 1].documents[0].sha256", status: "differs", file: "\"0xaa…\"", chain: "\"0xbb…\"" }
 */
export async function verifyPassport(client: Client, parameters: VerifyPassportParameters): Promise<VerifyPassportReturnType> {
  const { deployment } = parameters;
  const file = asPassport(parameters.passport, parameters.source);
  if (file.asOf.chainId !== deployment.chainId) {
    throw new MineralsError(`This passport is of chain ${file.asOf.chainId}, but the chain read is chain ${deployment.chainId}: verify it against the chain it was made on`);
  }
  if (file.asOf.registry.toLowerCase() !== deployment.contracts.LotRegistry.toLowerCase()) {
    throw new MineralsError(`This passport is of the lot registry ${file.asOf.registry}, but the deployment's registry is ${deployment.contracts.LotRegistry}: verify it against the deployment it was made from`);
  }
  const chain = await getPassport(client, {
    deployment,
    lotId: file.lotId,
    blockNumber: BigInt(file.asOf.block),
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
  });
  const lines = comparePassports(parameters.passport, chain);
  const differences = lines.filter((l) => l.status !== "matches");
  const sections = new Map<string, PassportSection>();
  for (const line of lines) {
    const name = sectionOf(line.path);
    const section = sections.get(name) ?? { section: name, matched: 0, differing: 0 };
    if (line.status === "matches") section.matched += 1;
    else section.differing += 1;
    sections.set(name, section);
  }
  return {
    verified: differences.length === 0,
    lotId: file.lotId,
    block: file.asOf.block,
    matched: lines.length - differences.length,
    lines,
    differences,
    sections: [...sections.values()],
    chain,
  };
}

/** The few fields a passport must have to be made again, checked; anything else is compared as it stands. */
function asPassport(value: unknown, source: string | undefined): Pick<Passport, "lotId" | "asOf"> {
  const p = value as Partial<Passport> | null;
  const notOne = source === undefined ? "Not a lot passport" : `${source} is not a lot passport`;
  if (typeof p !== "object" || p === null || Array.isArray(p) || p.passport !== PASSPORT_FORMAT) {
    throw new MineralsError(`${notOne}: it has no "passport": "${PASSPORT_FORMAT}" (make one with \`minerals passport --lot N --json\`)`);
  }
  const asOf = p.asOf as Partial<Passport["asOf"]> | undefined;
  const wellFormed =
    typeof p.lotId === "string" &&
    /^\d+$/.test(p.lotId) &&
    typeof asOf === "object" &&
    asOf !== null &&
    typeof asOf.chainId === "number" &&
    typeof asOf.block === "string" &&
    /^\d+$/.test(asOf.block) &&
    typeof asOf.registry === "string" &&
    isAddress(asOf.registry);
  if (!wellFormed) throw new MineralsError(`${notOne}: its "lotId" or "asOf" (chain id, registry, block) is missing or malformed`);
  return { lotId: p.lotId!, asOf: asOf as Passport["asOf"] };
}

/** Array items matched by these keys (when every item has one, and no two the same) rather than by position. */
const ITEM_KEYS: readonly [string, string][] = [
  ["lotId", "lot "],
  ["stepId", "step "],
  ["offeringId", "offering "],
  ["holder", ""],
];

/** Every value of a JSON document at its path, in document order. */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, "[]");
    const key = ITEM_KEYS.find(
      ([k]) => value.every((item) => typeof item === "object" && item !== null && typeof (item as Record<string, unknown>)[k] === "string") && new Set(value.map((item) => (item as Record<string, unknown>)[k])).size === value.length,
    );
    value.forEach((item, i) => flatten(item, `${path}[${key ? `${key[1]}${(item as Record<string, string>)[key[0]]}` : i}]`, out));
  } else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path, "{}");
    for (const [k, v] of entries) flatten(v, path === "" ? k : `${path}.${k}`, out);
  } else out.set(path, JSON.stringify(value));
}

/**
 * A passport file compared with the chain's, line by line: each line of the file matches, differs, or is not on the
 * chain; then each line of the chain's that the file lacks.
 *
 * @example
 * comparePassports(JSON.parse(text), await getPassport(client, { deployment, lotId: 9n, blockNumber: 120n }))
 */
export function comparePassports(file: unknown, chain: Passport): PassportLine[] {
  const fileLines = new Map<string, string>();
  const chainLines = new Map<string, string>();
  flatten(file, "", fileLines);
  // The chain's passport through JSON, as its file was written: bigints and dates are text there already.
  flatten(JSON.parse(JSON.stringify(chain)) as unknown, "", chainLines);
  const lines: PassportLine[] = [];
  for (const [path, value] of fileLines) {
    const expected = chainLines.get(path);
    if (expected === undefined) lines.push({ path, status: "not on chain", file: value });
    else lines.push({ path, status: expected === value ? "matches" : "differs", file: value, chain: expected });
  }
  for (const [path, value] of chainLines) if (!fileLines.has(path)) lines.push({ path, status: "not in file", chain: value });
  return lines;
}

/** The part of the passport a path belongs to: "chain and block", "provenance graph" or "lot N". */
function sectionOf(path: string): string {
  const lot = /^lots\[lot (\d+)\]/.exec(path);
  if (lot) return `lot ${lot[1]}`;
  return /^(origins|products|steps|edges)\b/.test(path) ? "provenance graph" : "chain and block";
}

/** A document file offered for checking: its name relative to the directory given ("/" between folders) and its hash. */
export interface DocumentFile {
  name: string;
  sha256: Hash;
}

/** A document as a passport records it, for the checks of its files. */
export interface RecordedDocument {
  lotId: string;
  index: number;
  docType: string;
  uri: string;
  /** The sha256 the chain records. */
  sha256: Hash;
}

/** How one file given stands: the document it is (its hash is the recorded one), differs from, or none. */
export interface DocumentFileCheck {
  file: string;
  sha256: Hash;
  status: "matches" | "differs" | "unrecognised";
  /** The document it matches; for a file that differs, every document recorded under its name. */
  documents: RecordedDocument[];
}

export interface CheckDocumentFilesReturnType {
  files: DocumentFileCheck[];
  /** Recorded documents that no file given matches. */
  notGiven: RecordedDocument[];
  /** Whether no file given differs from the document it names. */
  allMatch: boolean;
}

/** The path of a document's uri below its host ("lots/1/assay.pdf"), and its file name ("assay.pdf"), decoded. */
export function documentFileName(uri: string): { path: string; name: string } {
  let path = uri.trim();
  try {
    const url = new URL(path);
    path = `${url.host}${url.pathname}`;
  } catch {
    path = path.replace(/[?#].*$/, "");
  }
  const parts = path.split("/").filter((p) => p !== "" && p !== "." && p !== "..").map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { path: parts.join("/"), name: parts.at(-1) ?? "" };
}

/**
 * Checks document files against the hashes a passport records. A file is a document's when its name is the file name
 * at the end of the document's recorded uri (`https://docs.example/lots/1/assay-1.pdf` → `assay-1.pdf`), or its path
 * below the directory is the uri's path (`docs.example/lots/1/assay-1.pdf`, for documents that share a file name); a
 * file under no recorded name whose hash a document records is that document's too. Where several documents have the
 * file's name, it matches the one whose hash it has.
 *
 * @example
 * const { documents, allMatch } = checkDocumentFiles(passport, [{ name: "assay-1.pdf", sha256: "0x…" }])
 */
export function checkDocumentFiles(passport: Pick<Passport, "lots">, files: readonly DocumentFile[]): CheckDocumentFilesReturnType {
  const recorded = passport.lots.flatMap((lot) =>
    lot.documents.map((d) => ({ document: { lotId: lot.lotId, index: d.index, docType: d.docType, uri: d.uri, sha256: d.sha256 }, ...documentFileName(d.uri) })),
  );
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const matched = new Set<RecordedDocument>();
  const checks: DocumentFileCheck[] = files.map((file) => {
    const byPath = recorded.filter((d) => d.path !== "" && file.name === d.path);
    const byName = recorded.filter((d) => d.name !== "" && file.name.split("/").at(-1) === d.name);
    const named = byPath.length > 0 ? byPath : byName;
    const candidates = named.length > 0 ? named : recorded.filter((d) => same(d.document.sha256, file.sha256));
    if (candidates.length === 0) return { file: file.name, sha256: file.sha256, status: "unrecognised", documents: [] };
    const hit = candidates.find((d) => same(d.document.sha256, file.sha256));
    if (hit === undefined) return { file: file.name, sha256: file.sha256, status: "differs", documents: candidates.map((d) => d.document) };
    matched.add(hit.document);
    return { file: file.name, sha256: file.sha256, status: "matches", documents: [hit.document] };
  });
  return {
    files: checks,
    notGiven: recorded.map((d) => d.document).filter((d) => !matched.has(d)),
    allMatch: checks.every((c) => c.status !== "differs"),
  };
}
