/**
 * `minerals passport --lot N [--json | --html FILE]`: a lot's passport, its whole history from the mine to its latest
 * products; `minerals passport verify FILE [--documents DIR]`: the passport made again from the chain at the file's
 * block and compared line by line, and document files checked against their recorded hashes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import Table from "cli-table3";
import { Command } from "commander";
import type { Hash } from "viem";
import type { Passport, PassportLot } from "../../src/actions/reports/passport.ts";
import { checkDocumentFiles, type CheckDocumentFilesReturnType, type DocumentFile, type RecordedDocument, type VerifyPassportReturnType } from "../../src/actions/reports/verifyPassport.ts";
import { InvalidArgumentError, MineralsError } from "../../src/errors/base.ts";
import { toLotId } from "../../src/internal/validate.ts";
import { passportHtml } from "../../src/reports/passportHtml.ts";
import { stepNodeName } from "../../src/reports/provenanceGraph.ts";
import { parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { market, STYLE, time, tx, who } from "./format.ts";
import { writeHtml } from "./report.ts";

/** The exit code of a verification that ran and found a difference (1 is kept for input it could not verify). */
export const NOT_VERIFIED_EXIT_CODE = 2;

export function passportCommand(): Command {
  const passport = withCommonOptions(
    new Command("passport")
      .description("a lot's passport: origin, assays, custody, documents, every split, blend and refining step with its mass balance, offerings and holders, for every lot from the mine to its latest products (subcommand: verify)")
      .option("--lot <id>", "the lot (any lot of the graph: the passport follows it back to the mine and forward to its products)")
      .option("--html <file>", "write a self-contained HTML page with the provenance graph drawn to <file>")
      .option("--block <number>", "read the chain as it was at this block (default: the latest)")
      .enablePositionalOptions(),
  ).action((options) =>
    run(async () => {
      if (options.lot === undefined) throw new MineralsError("Missing --lot: name the lot whose passport to read (`minerals passport --lot 7`), or verify a passport file (`minerals passport verify FILE`)");
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const blockNumber = options.block === undefined ? undefined : parseBlock(options.block);
      await withPlatform(options, async ({ sdk }) => {
        const p = await sdk.getPassport({ lotId, ...(blockNumber === undefined ? {} : { blockNumber }) });
        if (options.html) await writeHtml(options.html, passportHtml(p));
        else if (options.json) console.log(toJson(p));
        else printPassport(p);
      });
    }),
  );
  passport.addCommand(
    withCommonOptions(
      new Command("verify")
        .description(`make the passport in FILE again from the chain, at the block it names, and compare them line by line; with --documents, check each file of DIR against the sha256 its document records (a file is a document's by the file name its recorded uri ends in). Exit 0 when all matches, ${NOT_VERIFIED_EXIT_CODE} when anything differs, 1 when it cannot verify`)
        .argument("<file>", "a passport written by `minerals passport --lot N --json`")
        .option("--documents <dir>", "a directory of the documents' files, named as their recorded uris end (sub-folders read too)")
        .option("--verbose", "print every line compared, not only those that differ"),
    ).action((file: string, options) =>
      run(async () => {
        const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new MineralsError(error.code === "ENOENT" ? `No such file: ${file}` : `Cannot read ${file}: ${error.message.split("\n")[0]}`);
        });
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw new MineralsError(`${file} is not a lot passport: it is not JSON (${(error as Error).message.split("\n")[0]})`);
        }
        const files = options.documents === undefined ? undefined : await readDocumentFiles(options.documents);
        await withPlatform(options, async ({ sdk }) => {
          const result = await sdk.verifyPassport({ passport: parsed, source: file });
          const documents = files === undefined ? undefined : checkDocumentFiles(result.chain, files);
          const noneRecognised = files !== undefined && files.length > 0 && documents!.files.every((f) => f.status === "unrecognised");
          const verified = result.verified && (documents?.allMatch ?? true) && !noneRecognised;
          if (options.json) {
            const { chain: _chain, lines, ...summary } = result;
            console.log(toJson({ ...summary, verified, ...(options.verbose ? { lines } : {}), ...(documents ? { documents: { directory: path.resolve(options.documents), ...documents } } : {}) }));
          } else printVerification(file, result, options.verbose === true, options.documents, documents, verified);
          if (!verified) process.exitCode = NOT_VERIFIED_EXIT_CODE;
        });
      }),
    ),
  );
  return passport;
}

function parseBlock(text: string): bigint {
  if (!/^\d+$/.test(String(text).trim())) throw new InvalidArgumentError("--block", "a block number (a whole number)", text);
  return BigInt(String(text).trim());
}

/** Every file below `dir` (sub-folders too), named by its path below it, with its sha256. */
async function readDocumentFiles(dir: string): Promise<DocumentFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new MineralsError(`No such directory: ${dir} (--documents names the directory of the documents' files)`);
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  const files: DocumentFile[] = [];
  for (const name of names.sort()) {
    const sha256 = `0x${createHash("sha256").update(await readFile(path.join(dir, name))).digest("hex")}` as Hash;
    files.push({ name: name.split(path.sep).join("/"), sha256 });
  }
  return files;
}

const lots = (ids: readonly string[]): string => (ids.length === 0 ? "none" : ids.map((id) => `lot ${id}`).join(", "));

/** Prints a passport: where it comes from, its steps, then every lot of the graph. */
export function printPassport(p: Passport): void {
  const self = p.lots.find((l) => l.lotId === p.lotId)!;
  const byId = new Map(p.lots.map((l) => [l.lotId, l]));
  console.log(`Passport of lot ${p.lotId}: ${self.commodity} ${self.form}, ${self.state}`);
  console.log(`as the chain recorded it at block ${p.asOf.block} (${time(p.asOf.time)}) on chain ${p.asOf.chainId}, lot registry ${p.asOf.registry}`);
  console.log(`from the mine: ${p.origins.map((id) => `lot ${id} (${originText(byId.get(id)!)})`).join("; ")}`);
  console.log(`latest products: ${lots(p.products)}`);
  if (p.steps.length > 0) {
    const steps = new Table({ head: ["step", "when", "by", "inputs (consumed)", "outputs (given by each input)", "mass balance"], style: STYLE });
    for (const s of p.steps) {
      steps.push([
        stepNodeName(s),
        time(s.at),
        who(s.by, s.byLabel),
        s.inputs.map((id) => `lot ${id}: ${market(byId.get(id)!.consumed!)}`).join("\n"),
        s.outputs.map((id) => `lot ${id}: ${p.edges.filter((e) => e.stepId === s.stepId && e.to === id).map((e) => `${market(e.quantity)} from lot ${e.from}`).join(", ")}`).join("\n"),
        s.massBalance ? `consumed ${market(s.massBalance.consumed)}\nproduced ${market(s.massBalance.produced)}\nloss ${market(s.massBalance.loss)}` : "exact",
      ]);
    }
    console.log(steps.toString());
  } else console.log("steps: none (the lot has not been split, blended or refined)");
  for (const lot of p.lots) printPassportLot(lot);
}

const originText = (lot: PassportLot): string =>
  `${lot.origin.place} (${[lot.origin.province, lot.origin.countryLabel].filter(Boolean).join(", ")}), concession ${lot.origin.concession}`;

function printPassportLot(lot: PassportLot): void {
  console.log(`\nLot ${lot.lotId}: ${lot.commodity} ${lot.form}, ${lot.state}`);
  const facts = new Table({ style: STYLE });
  facts.push(
    { origin: `${originText(lot)} (origin id ${lot.origin.originId})` },
    { "produced by": lot.producedBy === null ? "registered from the mine" : `step ${lot.producedBy}` },
    {
      processing: lot.conversion
        ? `consumed by step ${lot.consumedBy}: ${market(lot.conversion.consumed)}; holders converted ${market(lot.conversion.converted)} of ${market(lot.conversion.outstanding)}${lot.conversion.convertedPercent === null ? "" : ` (${lot.conversion.convertedPercent} %)`}`
        : "not processed",
    },
    { custodian: `${who(lot.custodian, null)} at ${lot.location}` },
    { "payable / attested": `${market(lot.quantities.payable)} / ${market(lot.quantities.attested)}` },
    { "minted / outstanding": `${market(lot.quantities.minted)} / ${market(lot.quantities.outstanding)}` },
    { "by-products": lot.byProducts.length === 0 ? "none assayed" : lot.byProducts.map((b) => `${b.commodity} at ${b.grade}: ${market(b.contained)}`).join("; ") },
    { offerings: lot.offerings.length === 0 ? "none" : lot.offerings.map((o) => `#${o.offeringId} ${o.outcome}`).join("\n") },
  );
  console.log(facts.toString());
  const history = new Table({ head: ["time", "step", "what it recorded", "by", "transaction"], style: STYLE, colWidths: [null, null, 64, null, null], wordWrap: true });
  for (const e of lot.history) history.push([time(e.timestamp), e.to ? `${e.event}: ${e.from} -> ${e.to}` : e.event, e.text, who(e.actor, e.actorLabel), tx(e.transactionHash)]);
  console.log(history.toString());
  if (lot.documents.length > 0) {
    const documents = new Table({ head: ["#", "document", "sha256 (the document stays off chain)", "uri", "recorded by", "recorded at"], style: STYLE });
    for (const d of lot.documents) documents.push([d.index, d.docType, d.sha256, d.uri, who(d.recordedBy, null), d.recordedAt ? time(d.recordedAt) : "-"]);
    console.log(documents.toString());
  } else console.log("documents: none recorded");
  if (lot.holders.length > 0) {
    const holders = new Table({ head: ["holder", "investor", "country", "class", "units", "share"], style: STYLE, colAligns: ["left", "right", "left", "left", "right", "right"] });
    for (const h of lot.holders) holders.push([who(h.holder, h.label), ...(h.label ? ["-", "platform account", "-"] : [h.investorId, `${h.countryName} (${h.countryLabel})`, h.investorClass]), market(h.balance), `${h.sharePercent} %`]);
    console.log(holders.toString());
  } else console.log("holders: none");
}

const documentName = (d: RecordedDocument): string => `document ${d.index} of lot ${d.lotId} (${d.docType})`;

/** Prints what matches and what differs, section by section, then each document file. */
function printVerification(file: string, result: VerifyPassportReturnType, verbose: boolean, dir: string | undefined, documents: CheckDocumentFilesReturnType | undefined, verified: boolean): void {
  console.log(`${file}: passport of lot ${result.lotId} at block ${result.block}, made again from the chain and compared line by line`);
  for (const s of result.sections) console.log(`  ${s.section}: ${s.matched} line(s) match${s.differing > 0 ? `, ${s.differing} DIFFER` : ""}`);
  for (const line of verbose ? result.lines : result.differences) {
    if (line.status === "matches") console.log(`    matches       ${line.path} = ${line.file}`);
    else if (line.status === "differs") console.log(`    DIFFERS       ${line.path}: the file says ${line.file}, the chain says ${line.chain}`);
    else if (line.status === "not on chain") console.log(`    NOT ON CHAIN  ${line.path}: the file says ${line.file}, the chain has no such line`);
    else console.log(`    MISSING       ${line.path}: the chain says ${line.chain}, the file lacks it`);
  }
  if (documents && dir !== undefined) {
    console.log(`documents in ${dir} (a file is a document's by the file name its recorded uri ends in, else by its hash):`);
    for (const f of documents.files) {
      if (f.status === "matches") console.log(`  matches       ${f.file}: ${documentName(f.documents[0]!)}, sha256 ${f.sha256}`);
      else if (f.status === "differs") console.log(`  DIFFERS       ${f.file}: its sha256 is ${f.sha256}; ${f.documents.map((d) => `${documentName(d)} records ${d.sha256}`).join("; ")}`);
      else console.log(`  not checked   ${f.file}: no document of this passport has this file name or hash`);
    }
    for (const d of documents.notGiven) console.log(`  not given     ${documentName(d)}: ${d.uri || "(no uri)"}`);
    if (documents.files.length > 0 && documents.files.every((f) => f.status === "unrecognised")) console.log(`  no file of ${dir} is a document of this passport: nothing was checked`);
  }
  const differing = result.differences.length;
  const badFiles = documents?.files.filter((f) => f.status === "differs").length ?? 0;
  const checked = documents?.files.filter((f) => f.status === "matches").length ?? 0;
  if (verified) console.log(`VERIFIED: all ${result.matched} lines are the chain's${documents ? `, and ${checked} document file(s) match their recorded sha256` : ""}`);
  else {
    const why = [differing > 0 && `${differing} line(s) differ from the chain`, badFiles > 0 && `${badFiles} document file(s) do not match their recorded sha256`, documents && checked + badFiles === 0 && "no document file was checked"].filter(Boolean);
    console.log(`NOT VERIFIED: ${why.join("; ")}`);
  }
}
