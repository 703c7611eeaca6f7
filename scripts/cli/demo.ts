/**
 * `minerals demo`: the investor flow end to end on a fresh chain. Deploys, registers one lot of each of the five
 * minerals with realistic figures, assays, warehouses, documents, mints, moves one lot between warehouses,
 * transfers units to two investors, and prints a report per lot in each mineral's market unit.
 * Runs on Hardhat's in-process chain unless --rpc is given (then the manifest is written, so that
 * `minerals report --rpc ...` from another process sees the same lots).
 */
import { createHash } from "node:crypto";
import { Command } from "commander";
import type { Address } from "viem";
import { mineralsActions } from "../../src/client.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { writeDeployment } from "../../src/deployment/manifest.ts";
import type { FormName } from "../../src/domain.ts";
import { Commodity, Quantity, parseMass, percentToBps, percentToPpb, type Rounding } from "../../src/units/index.ts";
import { connect, run, toJson, withCommonOptions } from "./context.ts";
import { printLot } from "./format.ts";

/** A demo lot: its physical figures, and the units each investor buys, in the market unit. */
interface DemoLot {
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

export function demoCommand(): Command {
  return withCommonOptions(
    new Command("demo").description("run the investor flow end to end: five minerals, from registration to investors' holdings"),
    "JSON-RPC URL of a running chain, e.g. http://127.0.0.1:8545 (default: Hardhat's in-process chain)",
  ).action((options) =>
    run(async () => {
      const started = Date.now();
      const connection = await connect({ rpc: options.rpc, account: options.account, inProcess: options.rpc === undefined });
      const log = (line: string) => {
        if (!options.json) console.log(line);
      };
      try {
        const [issuer, assayer, custodian, portCustodian, investorA, investorB] = connection.accounts as (Address | undefined)[];
        if (!issuer || !assayer || !custodian || !portCustodian || !investorA || !investorB) {
          throw new Error("the demo needs a chain with at least 6 unlocked accounts (Hardhat's in-process chain or `npx hardhat node`)");
        }
        log(`Chain ${connection.chainId} (${connection.inProcess ? "Hardhat in-process" : options.rpc})`);
        log(`  issuer ${issuer}, assayer ${assayer}, custodians ${custodian} and ${portCustodian}`);
        log(`  investors A ${investorA}, B ${investorB}\n`);

        const deployment = await deployPlatform(connection.clientFor(issuer), {
          roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian, portCustodian] },
        });
        log(`Deployed LotRegistry ${deployment.contracts.LotRegistry} and LotToken ${deployment.contracts.LotToken}`);
        if (!connection.inProcess) log(`Manifest: ${await writeDeployment(deployment, options.deployments)}`);

        const as = (account: Address) => connection.clientFor(account).extend(mineralsActions(deployment));
        const issuerSdk = as(issuer);
        const assayerSdk = as(assayer);
        const custodianSdk = as(custodian);

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
            uri: `ipfs://demo-assay-certificates/${lotId}`, issuedAt: new Date(Date.now() - 60_000),
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
        const tungsten = lotIds[2]!;
        await custodianSdk.dispatchLot({ lotId: tungsten, toCustodian: portCustodian, destination: "Port of Arica" });
        await as(portCustodian).confirmArrival({ lotId: tungsten, location: "Arica port warehouse 1" });
        log(`Lot ${tungsten} moved Oruro -> Arica: custody passed to ${portCustodian}\n`);

        const reports = [];
        for (const lotId of lotIds) reports.push(await issuerSdk.getLotReport({ lotId }));
        if (options.json) console.log(toJson({ chainId: connection.chainId, contracts: deployment.contracts, lots: reports }));
        else {
          for (const report of reports) printLot(report);
          console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        }
      } finally {
        await connection.close();
      }
    }),
  );
}
