/**
 * `minerals demo`: the investor flow end to end on a fresh chain. Deploys, registers one lot of each of the five
 * minerals with realistic figures, assays, warehouses, documents, mints, moves one lot between warehouses,
 * transfers units to two investors, and prints a report per lot in each mineral's market unit.
 * Runs on Hardhat's in-process chain unless --rpc is given (then the manifest is written, so that
 * `minerals report --rpc ...` from another process sees the same lots).
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { parseEther, type Address } from "viem";
import { mineralsActions } from "../../src/client.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { saveManifest } from "./deploy.ts";
import type { FormName, InvestorClassName } from "../../src/domain.ts";
import { MineralsError, TransferRefusedError } from "../../src/index.ts";
import { waitForReceipt } from "../../src/internal/receipt.ts";
import { requireAccount } from "../../src/internal/write.ts";
import { Commodity, Quantity, parseMass, percentToBps, percentToPpb, type Rounding } from "../../src/units/index.ts";
import { connect, parseFlag, run, toJson, withCommonOptions, type Connection } from "./context.ts";
import { printLot } from "./format.ts";
import { lotHtml, platformHtml } from "../../src/reports/html.ts";

/** A demo lot: its physical figures, and the units each investor buys, in the market unit. */
export interface DemoLot {
  commodity: Commodity;
  form: FormName;
  origin: string;
  ref: string;
  wetMass: string;
  moisture: string;
  grade: string;
  payable: string;
  location: string;
  investorA: string;
  investorB: string;
  rounding: Rounding;
}

/** ISO 3166-1 numeric 068: Bolivia, a producer of all five. */
const COUNTRY = 68;

export const DEMO_LOTS: readonly DemoLot[] = [
  { commodity: Commodity.Copper, form: "concentrate", origin: "BO-CU-CORO-0042", ref: "WR-ARICA-2026-00042", wetMass: "10000 wmt", moisture: "8", grade: "26.5", payable: "96.5", location: "Arica bonded warehouse 3", investorA: "250 t", investorB: "100 t", rounding: "exact" },
  { commodity: Commodity.Gold, form: "dore", origin: "BO-AU-TIPUANI-07", ref: "DORE-BARS-TP07-1-4", wetMass: "25 kg", moisture: "0", grade: "91.25", payable: "99.5", location: "El Alto vault 1", investorA: "100 ozt", investorB: "25 ozt", rounding: "down" },
  { commodity: Commodity.Tungsten, form: "concentrate", origin: "BO-W-CHOJLLA-03", ref: "BAGS-CHJ-2026-0310-0410", wetMass: "100 wmt", moisture: "1", grade: "65", payable: "100", location: "Oruro warehouse 2", investorA: "500 mtu", investorB: "250 mtu", rounding: "exact" },
  { commodity: Commodity.Antimony, form: "regulus", origin: "BO-SB-VINTO-11", ref: "WR-VINTO-2026-118", wetMass: "50 t", moisture: "0", grade: "99.65", payable: "100", location: "Vinto smelter yard", investorA: "10 t", investorB: "5 t", rounding: "exact" },
  { commodity: Commodity.RareEarths, form: "concentrate", origin: "BO-REE-CERRO-01", ref: "WR-POTOSI-2026-0007", wetMass: "200 wmt", moisture: "5", grade: "60", payable: "90", location: "Potosi warehouse 5", investorA: "20000 kg", investorB: "5000 kg", rounding: "exact" },
];

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
      .description("run the investor flow end to end: five minerals, from registration to investors' holdings")
      .option("--html-dir <dir>", "where the demo writes the platform report and each lot's report as HTML", "reports"),
    "JSON-RPC URL of a running chain, e.g. http://127.0.0.1:8545 (default: Hardhat's in-process chain)",
  )
    .option("--fund <ether>", "ether the operator sends to each signing party that has none", "0.05")
    .action((options) =>
    run(async () => {
      const started = Date.now();
      const fund = parseFlag("--fund", () => parseEther(options.fund));
      const connection = await connect({ ...options, inProcess: options.rpc === undefined && options.network === undefined });
      const log = (line: string) => {
        if (!options.json) console.log(line);
      };
      try {
        const [issuer, assayer, custodian, portCustodian, investorA, investorB, officer, pauser, investorC, investorD, investorE, lostWallet, newWallet, stranger] =
          connection.accounts as (Address | undefined)[];
        if (!stranger || !issuer || !assayer || !custodian || !portCustodian || !investorA || !investorB || !officer || !pauser || !investorC || !investorD || !investorE || !lostWallet || !newWallet) {
          throw new MineralsError(
            connection.local
              ? "the demo needs 14 accounts: set MINERALS_MNEMONIC, or use a chain with 14 unlocked accounts (Hardhat's in-process chain or `npx hardhat node`)"
              : `the demo's parties sign locally on chain ${connection.chainId}: set MINERALS_MNEMONIC (they are derived from it) and MINERALS_PRIVATE_KEY (the account that pays their gas)`,
          );
        }
        log(`Chain ${connection.chainId} (${connection.inProcess ? "Hardhat in-process" : connection.rpc})`);
        log(`  issuer ${issuer}, assayer ${assayer}, custodians ${custodian} and ${portCustodian}`);
        log(`  compliance officer ${officer}, pauser ${pauser}`);
        log(`  investors A ${investorA}, B ${investorB}\n`);

        // Parties derived from a mnemonic start with no ether: the operator's account pays their gas.
        const funded = await fundParties(connection, [issuer, assayer, custodian, portCustodian, officer, pauser, investorA, investorE], fund);
        if (funded.length > 0) log(`Funded ${funded.length} parties with ${options.fund} ETH each from ${connection.client.account.address}\n`);

        const deployment = await deployPlatform(connection.clientFor(issuer), {
          roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian, portCustodian], compliance: [officer], pauser: [pauser] },
        });
        log(`Deployed LotRegistry ${deployment.contracts.LotRegistry}, LotToken ${deployment.contracts.LotToken} and InvestorRegistrar ${deployment.contracts.InvestorRegistrar}`);
        if (!connection.inProcess) {
          const saved = await saveManifest(connection, deployment, options.deployments);
          if (saved.note) log(saved.note);
          log(`Manifest: ${saved.file}`);
        }

        const as = (account: Address) => connection.clientFor(account).extend(mineralsActions(deployment));
        const issuerSdk = as(issuer);
        const assayerSdk = as(assayer);
        const custodianSdk = as(custodian);
        const officerSdk = as(officer);

        // Onboarding: no names on chain, only country, class and KYC expiry. Investor E onboards itself with an
        // eligibility statement the compliance officer signed off chain, so the issuer pays no gas for it.
        const chainNow = new Date(Number((await connection.client.getBlock()).timestamp) * 1000);
        const kycExpiry = new Date(chainNow.getTime() + 365 * 24 * 3600 * 1000);
        const onboard: [Address, number, InvestorClassName, string][] = [
          [issuer, COUNTRY, "institutional", "issuer treasury"],
          [investorA, 152, "accredited", "investor A"],
          [investorB, 840, "institutional", "investor B"],
          [investorC, 586, "accredited", "investor C"],
          [investorD, 604, "retail", "investor D"],
          [lostWallet, 392, "institutional", "investor F"],
        ];
        for (const [wallet, country, investorClass, label] of onboard) {
          const { investorId } = await officerSdk.registerInvestor({ wallet, country, investorClass, kycExpiry });
          if (label === "investor F") await officerSdk.linkWallet({ investorId, wallet: newWallet });
          log(`Onboarded ${label.padEnd(15)} ${wallet}: ${investorClass}, country ${String(country).padStart(3, "0")}${label === "investor F" ? ` (second wallet ${newWallet} linked)` : ""}`);
        }
        const statement = await officerSdk.signEligibility({ wallet: investorE, country: 276, investorClass: "accredited", kycExpiry, deadline: new Date(chainNow.getTime() + 3600_000) });
        await as(investorE).submitEligibility(statement);
        log(`Onboarded ${"investor E".padEnd(15)} ${investorE}: accredited, country 276, by submitting a signed eligibility statement\n`);

        const lotIds: bigint[] = [];
        for (const lot of DEMO_LOTS) {
          const figures = {
            wetMassGrams: parseMass(lot.wetMass),
            moistureBps: percentToBps(lot.moisture),
            gradePpb: percentToPpb(lot.grade),
            payableBps: percentToBps(lot.payable),
          };
          const { lotId } = await issuerSdk.registerLot({
            commodity: lot.commodity, form: lot.form, countryCode: COUNTRY, originId: lot.origin, externalRef: lot.ref,
            ...figures, custodian, location: lot.location,
          });
          const assay = await assayerSdk.recordAssay({ lotId, moistureBps: figures.moistureBps, gradePpb: figures.gradePpb, payableBps: figures.payableBps });
          const certificate = `Assay certificate, lot ${lotId}, ${lot.ref}: ${lot.grade}% dry, ${lot.moisture}% H2O (demo)`;
          await assayerSdk.addDocument({
            lotId, docType: "assay-certificate", sha256: `0x${createHash("sha256").update(certificate).digest("hex")}`,
            uri: `ipfs://demo-assay-certificates/${lotId}`, issuedAt: chainNow,
          });
          await custodianSdk.attestCustody({ lotId, quantity: assay.payable, location: lot.location });
          await issuerSdk.mintUnits({ lotId, to: issuer, amount: assay.payable });
          const toA = Quantity.parse(lot.commodity, lot.investorA, undefined, lot.rounding);
          const toB = Quantity.parse(lot.commodity, lot.investorB, undefined, lot.rounding);
          await issuerSdk.transferUnits({ lotId, to: investorA, amount: toA });
          await issuerSdk.transferUnits({ lotId, to: investorB, amount: toB });
          const rounded = (text: string, q: Quantity) =>
            lot.rounding === "exact" ? q.format() : `${q.format()} (${text} rounded ${lot.rounding} to ${q.format("mg")})`;
          log(`Lot ${lotId}: ${lot.wetMass} ${lot.form} -> payable ${assay.payable.format()}; minted, ${rounded(lot.investorA, toA)} to A, ${rounded(lot.investorB, toB)} to B`);
          lotIds.push(lotId);
        }

        // One lot moves from the inland warehouse to the port: the custody chain stays on the record.
        const copper = lotIds[0]!;
        const tungsten = lotIds[2]!;
        await custodianSdk.dispatchLot({ lotId: tungsten, toCustodian: portCustodian, destination: "Port of Arica" });
        // The port custodian counts what arrived and attests it in the same step; here nothing was lost.
        const dispatched = await issuerSdk.getLot({ lotId: tungsten });
        const arrived = await as(portCustodian).confirmArrival({ lotId: tungsten, location: "Arica port warehouse 1", quantity: dispatched.attested });
        log(`Lot ${tungsten} moved Oruro -> Arica: custody passed to ${portCustodian}, which attested ${arrived.attested.format()} on arrival\n`);

        // The copper lot is offered to accredited investors from a list of countries, at most 10 of them,
        // with no position under 1 t.
        const t = (text: string) => Quantity.parse(Commodity.Copper, text);
        await officerSdk.setAllowedCountries({ lotId: copper, countries: [COUNTRY, 152, 840, 276, 392, 604], allowed: true });
        await officerSdk.setLotRules({ lotId: copper, minClass: "accredited", restrictCountries: true, maxHolders: 10, minHolding: t("1 t") });
        await issuerSdk.transferUnits({ lotId: copper, to: investorE, amount: t("20 t") });
        await issuerSdk.transferUnits({ lotId: copper, to: lostWallet, amount: t("50 t") });
        log(`Lot ${copper} rules: accredited or above, countries 068/152/840/276/392/604, at most 10 holders, minimum 1 t`);
        log(`  20.000 t Cu to investor E, 50.000 t Cu to investor F\n`);

        // Refusals: each is explained by the SDK before anything is sent, and the transaction is refused on chain
        // with the same reason if it is sent anyway.
        log("Transfers the rules refuse, with the SDK's explanation:");
        const attempt = async (label: string, sender: Address, to: Address, lotId: bigint, amount: Quantity) => {
          const check = await as(sender).checkTransfer({ from: sender, to, lotId, amount });
          let onChain = "accepted";
          try {
            await as(sender).transferUnits({ lotId, to, amount });
          } catch (error) {
            onChain = error instanceof TransferRefusedError ? `refused on chain (${error.reason})` : `failed: ${(error as Error).message.split("\n")[0]}`;
          }
          log(`  ${label.padEnd(38)} ${check.allowed ? "allowed" : check.message} -> ${onChain}`);
        };
        await attempt("issuer -> C (Pakistan), 10 t:", issuer, investorC, copper, t("10 t"));
        await attempt("issuer -> D (retail), 10 t:", issuer, investorD, copper, t("10 t"));
        await attempt("issuer -> unregistered wallet, 10 t:", issuer, stranger, copper, t("10 t"));
        await attempt("A -> B, 249.5 t (A keeps 0.5 t):", investorA, investorB, copper, t("249.5 t"));
        await officerSdk.setFrozenUnits({ account: investorA, lotId: copper, amount: t("200 t") });
        await attempt("A (200 t frozen) -> B, 100 t:", investorA, investorB, copper, t("100 t"));
        await officerSdk.freezeAccount({ account: investorB, frozen: true });
        await attempt("issuer -> B (account frozen), 10 t:", issuer, investorB, copper, t("10 t"));
        await officerSdk.freezeAccount({ account: investorB, frozen: false });
        await officerSdk.setLotHold({ lotId: tungsten, onHold: true, reason: "due-diligence review" });
        await attempt("A -> B, lot on hold, 10 mtu:", investorA, investorB, tungsten, Quantity.parse(Commodity.Tungsten, "10 mtu"));
        await officerSdk.setLotHold({ lotId: tungsten, onHold: false, reason: "review closed" });
        await as(pauser).pauseTransfers();
        await attempt("A -> B while paused, 10 t:", investorA, investorB, copper, t("10 t"));
        await as(pauser).unpauseTransfers();
        await attempt("A -> B, 40 t (within unfrozen):", investorA, investorB, copper, t("40 t"));

        // Lost-wallet recovery: investor F lost the key of its first wallet. The compliance officer freezes it so
        // nobody holding the key can move the units, then moves them by forced transfer to F's linked wallet.
        await officerSdk.freezeAccount({ account: lostWallet, frozen: true });
        await officerSdk.forcedTransfer({ lotId: copper, from: lostWallet, to: newWallet, amount: t("50 t"), reason: "lost-wallet recovery" });
        const recovered = await issuerSdk.getBalances({ owner: newWallet });
        const rules = await issuerSdk.getLotRules({ lotId: copper });
        log(`\nLost wallet of investor F frozen; forced transfer of 50.000 t Cu to F's linked wallet (${recovered.map((h) => h.balance.format()).join(", ")} there now)`);
        log(`Lot ${copper} has ${rules.holders} holders (linked wallets count once) of at most ${rules.maxHolders}\n`);

        const reports = [];
        for (const lotId of lotIds) reports.push(await issuerSdk.getLotReport({ lotId }));
        const dir = path.resolve(options.htmlDir as string);
        await mkdir(dir, { recursive: true });
        const pages = [path.join(dir, "platform.html")];
        await writeFile(pages[0]!, platformHtml(await issuerSdk.getPlatformReport()));
        for (const report of reports) {
          pages.push(path.join(dir, `lot-${report.lotId}.html`));
          await writeFile(pages.at(-1)!, lotHtml(report));
        }
        if (options.json) console.log(toJson({ chainId: connection.chainId, contracts: deployment.contracts, lots: reports, html: pages }));
        else {
          for (const report of reports) printLot(report);
          console.log(`\nHTML reports (open in a browser, no network needed):\n${pages.map((p) => `  ${p}`).join("\n")}`);
          console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        }
      } finally {
        await connection.close();
      }
    }),
  );
}
