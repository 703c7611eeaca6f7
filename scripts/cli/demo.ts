/**
 * `minerals demo`: the investor-participation story end to end on a fresh chain (scripts/cli/demo/story.ts):
 * offerings, refunds, trades, delivery, the sale of a lot and its proceeds, reconciled to the base unit at the end,
 * then a report per lot in each mineral's market unit. Runs on Hardhat's in-process chain unless --rpc is given (then the manifest is written, so that
 * `minerals report --rpc ...` from another process sees the same lots).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { parseEther, type Address } from "viem";
import { mineralsActions } from "../../src/client.ts";
import { saveManifest } from "./deploy.ts";
import { MineralsError } from "../../src/index.ts";
import { waitForReceipt } from "../../src/internal/receipt.ts";
import { requireAccount } from "../../src/internal/write.ts";
import { connect, parseFlag, run, toJson, withCommonOptions, type Connection } from "./context.ts";
import { printLot } from "./format.ts";
import { lotHtml, platformHtml } from "../../src/reports/html.ts";
import { passportHtml } from "../../src/reports/passportHtml.ts";
import { ACTS, runDemoStory } from "./demo/acts.ts";
import { DEMO_LOTS } from "./demo/data.ts";
import { PARTY_ORDER, demoCertificate, type DemoParties } from "./demo/story.ts";
import { startProgress } from "./progress.ts";

/**
 * Sends `amount` from the connection's signer (the operator) to each party that holds no ether, one transaction
 * at a time, each waited for under the connection's receipt policy. Returns the parties it funded.
 */
export async function fundParties(connection: Connection, parties: readonly Address[], amount: bigint): Promise<Address[]> {
  const operator = requireAccount(connection.client).address.toLowerCase();
  const funded: Address[] = [];
  for (const party of new Set(parties)) {
    if (party.toLowerCase() === operator || (await connection.client.getBalance({ address: party })) > 0n) continue;
    const hash = await connection.client.sendTransaction({ to: party, value: amount });
    const receipt = await waitForReceipt(connection.client, hash);
    if (receipt.status !== "success") throw new MineralsError(`Funding ${party} failed in transaction ${hash}.`);
    funded.push(party);
  }
  return funded;
}

export function demoCommand(): Command {
  return withCommonOptions(
    new Command("demo")
      .description("the investor-participation story end to end: offerings, trades, delivery, a lot sold and its proceeds, reconciled to the base unit")
      .option("--html-dir <dir>", "where the demo writes the platform report and each lot's report as HTML", "reports"),
    "JSON-RPC URL of a running chain, e.g. http://127.0.0.1:8545 (default: Hardhat's in-process chain)",
  )
    .option("--fund <ether>", "ether the operator sends to each signing party that has none", "0.05")
    .action((options) =>
    run(async () => {
      const fund = parseFlag("--fund", () => parseEther(options.fund));
      const progress = startProgress({ quiet: options.json === true });
      const log = progress.log;
      progress.step("connecting to the chain");
      const connection = await connect({ ...options, inProcess: options.rpc === undefined && options.network === undefined });
      try {
        const accounts = connection.accounts as (Address | undefined)[];
        if (accounts.length < PARTY_ORDER.length || accounts.slice(0, PARTY_ORDER.length).some((a) => a === undefined)) {
          throw new MineralsError(
            connection.local
              ? `the demo needs ${PARTY_ORDER.length} accounts: set MINERALS_MNEMONIC, or use a chain with ${PARTY_ORDER.length} unlocked accounts (Hardhat's in-process chain or \`npx hardhat node\`)`
              : `the demo's parties sign locally on chain ${connection.chainId}: set MINERALS_MNEMONIC (they are derived from it) and MINERALS_PRIVATE_KEY (the account that pays their gas)`,
          );
        }
        const parties = Object.fromEntries(PARTY_ORDER.map((name, i) => [name, accounts[i]!])) as unknown as DemoParties;
        log(`Chain ${connection.chainId} (${connection.inProcess ? "Hardhat in-process" : connection.rpc})`);
        log(`  issuer (the state exporter) ${parties.issuer}, assayer ${parties.assayer}, custodians ${parties.custodian} (mine sites) and ${parties.portCustodian} (port)`);
        log(`  refinery ${parties.refinery}, compliance officer ${parties.officer}, pauser ${parties.pauser}\n`);

        // Parties derived from a mnemonic start with no ether: the operator's account pays their gas.
        progress.step("funding the parties' gas");
        const signers = PARTY_ORDER.filter((name) => name !== "stranger").map((name) => parties[name]);
        const funded = await fundParties(connection, signers, fund);
        if (funded.length > 0) log(`Funded ${funded.length} parties with ${options.fund} ETH each from ${connection.client.account.address}\n`);

        const result = await runDemoStory(connection, parties, log, {
          onDeployed: async (deployment) => {
            if (connection.inProcess) return;
            const saved = await saveManifest(connection, deployment, options.deployments);
            if (saved.note) log(`  ${saved.note}`);
            log(`  Manifest: ${saved.file}`);
          },
          logTable: log,
          onAct: (act, index) => progress.step(`act ${index + 1} of ${ACTS.length}: ${act.title}`),
        });
        const sdk = connection.clientFor(parties.issuer).extend(mineralsActions(result.deployment));

        const reports = [];
        for (const lotId of result.lots.all) {
          progress.step(`reading the report of lot ${lotId} (${reports.length + 1} of ${result.lots.all.length})`);
          reports.push(await sdk.getLotReport({ lotId }));
        }
        progress.step("writing the HTML reports");
        const dir = path.resolve(options.htmlDir as string);
        await mkdir(dir, { recursive: true });
        const pages = [path.join(dir, "platform.html")];
        await writeFile(pages[0]!, platformHtml(await sdk.getPlatformReport()));
        for (const report of reports) {
          pages.push(path.join(dir, `lot-${report.lotId}.html`));
          await writeFile(pages.at(-1)!, lotHtml(report));
        }
        // The assay certificates whose hashes the chain records, and the refined cathode's passport, which
        // `minerals passport verify` checks against the chain and those files.
        progress.step(`writing the passport of lot ${result.lots.cathode} and the documents`);
        const documents = path.join(dir, "documents");
        await mkdir(documents, { recursive: true });
        for (const [i, lot] of DEMO_LOTS.entries()) {
          const certificate = demoCertificate(result.lots.all[i]!, lot);
          await writeFile(path.join(documents, certificate.file), certificate.content);
        }
        const passport = await sdk.getPassport({ lotId: result.lots.cathode });
        const passportFile = path.join(dir, `passport-lot-${result.lots.cathode}.json`);
        await writeFile(passportFile, `${toJson(passport)}\n`);
        await writeFile(passportFile.replace(/\.json$/, ".html"), passportHtml(passport));
        progress.stop();
        if (options.json) {
          console.log(toJson({ chainId: connection.chainId, contracts: result.deployment.contracts, lots: reports, offerings: result.offerings, reconciliation: result.reconciliation, html: pages, passport: passportFile, documents }));
        } else {
          const refs = new Map(result.lots.all.map((lotId, i) => [lotId.toString(), DEMO_LOTS[i]?.ref]));
          for (const report of reports) printLot(report, { ...(refs.get(report.lotId) ? { externalRef: refs.get(report.lotId)! } : {}) });
          console.log(`\nHTML reports (open in a browser, no network needed):\n${pages.map((p) => `  ${p}`).join("\n")}`);
          console.log(`\nThe passport of the refined cathode (lot ${result.lots.cathode}), from the mine to the cathode: ${passportFile.replace(/\.json$/, ".html")}`);
          console.log(
            connection.inProcess
              ? "  (the in-process chain is gone once the demo ends: run the demo with --rpc against a node you keep to verify it)"
              : `  verify it against the chain and the assay certificates: npx minerals passport verify ${path.relative(process.cwd(), passportFile)} --documents ${path.relative(process.cwd(), documents)}`,
          );
          // From the process's start, so that it is the time the presenter waited, start-up included.
          console.log(`\nDemo finished in ${process.uptime().toFixed(1)} s: ${ACTS.length} acts, reconciled to the base unit (act ${ACTS.length} above).`);
        }
      } finally {
        progress.stop();
        await connection.close();
      }
    }),
  );
}
