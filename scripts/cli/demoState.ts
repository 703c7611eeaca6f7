/**
 * The demo's platform as a state to look at and act on (what `minerals serve` starts from): the five minerals of
 * `minerals demo` registered, assayed, documented, attested, minted and spread over two investors, four onboarded
 * investors and the treasury with test stablecoin, one copper lot offered to accredited investors in an open primary offering, and
 * physical delivery offered for the tungsten lot (the other minted lots can be settled from the page).
 * Every step goes through the SDK, as the demo's do.
 */
import type { Address } from "viem";
import { mineralsActions } from "../../src/client.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import type { Deployment } from "../../src/deployment/manifest.ts";
import type { InvestorClassName } from "../../src/domain.ts";
import { MineralsError } from "../../src/errors/base.ts";
import { Commodity, Money, Quantity } from "../../src/units/index.ts";
import type { Connection } from "./context.ts";
import { COUNTRY, DEMO_LOTS, registerDemoLot, type DemoLot } from "./demo/story.ts";
import type { Rounding } from "../../src/units/index.ts";

/** What investors A and B hold of each demo lot, in the market unit (gold rounded down to the mg). */
const SPLITS: Record<Commodity, [string, string, Rounding]> = {
  [Commodity.Copper]: ["250 t", "100 t", "exact"],
  [Commodity.Gold]: ["100 ozt", "25 ozt", "down"],
  [Commodity.Tungsten]: ["500 mtu", "250 mtu", "exact"],
  [Commodity.Antimony]: ["10 t", "5 t", "exact"],
  [Commodity.RareEarths]: ["20000 kg", "5000 kg", "exact"],
};

/** The tungsten lot's minimum physical delivery (investor A holds 500 mtu, B 250 mtu). */
export const MINIMUM_TUNGSTEN_DELIVERY = "10 mtu";

/** The treasury's test stablecoin, for depositing sale proceeds. */
export const TREASURY_FUNDS = "10,000,000 USD";

/** The parties of the demo state, by role, and the ids of what it created. */
export interface DemoState {
  deployment: Deployment;
  parties: {
    issuer: Address;
    assayer: Address;
    custodian: Address;
    portCustodian: Address;
    officer: Address;
    pauser: Address;
    /** Investors by label ("A", "B", ...): A accredited (United Arab Emirates), B institutional (United States), C accredited (Pakistan), D retail (Pakistan). */
    investors: Record<string, Address>;
    /** What the page calls each party, by lower-case address ("Custodian (warehouses)", "Investor A"). */
    labels: Record<string, string>;
  };
  lotIds: bigint[];
  /** The copper lot offered in the open offering (attested, its units minted only at the close). */
  offeredLotId: bigint;
  offeringId: bigint;
}

/**
 * Deploys the platform on a local chain and builds the demo's state through the SDK, with the node's unlocked
 * accounts as parties (the same indexes as `minerals demo`: 0 issuer and treasury, 1 assayer, 2 and 3 custodians,
 * 4 and 5 investors A and B, 6 compliance officer, 7 pauser, 8 and 9 investors C and D).
 *
 * @example
 * const connection = await connect({ inProcess: true })
 * const { deployment, offeringId } = await buildDemoState(connection)
 */
export async function buildDemoState(connection: Connection): Promise<DemoState> {
  const [issuer, assayer, custodian, portCustodian, investorA, investorB, officer, pauser, investorC, investorD] = connection.accounts as (Address | undefined)[];
  if (!connection.local || !issuer || !assayer || !custodian || !portCustodian || !investorA || !investorB || !officer || !pauser || !investorC || !investorD) {
    throw new MineralsError("the demo state needs a local chain with at least 10 unlocked accounts (Hardhat's in-process chain or `npx hardhat node`)");
  }
  const deployment = await deployPlatform(connection.clientFor(issuer), {
    roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian, portCustodian], compliance: [officer], pauser: [pauser], treasury: [issuer] },
  });
  const as = (account: Address) => connection.clientFor(account).extend(mineralsActions(deployment));
  const issuerSdk = as(issuer);
  const assayerSdk = as(assayer);
  const custodianSdk = as(custodian);
  const officerSdk = as(officer);

  const chainNow = new Date(Number((await connection.client.getBlock()).timestamp) * 1000);
  const kycExpiry = new Date(chainNow.getTime() + 365 * 24 * 3600 * 1000);
  const onboard: [Address, number, InvestorClassName][] = [
    [issuer, COUNTRY, "institutional"],
    [investorA, 784, "accredited"],
    [investorB, 840, "institutional"],
    [investorC, 586, "accredited"],
    [investorD, 586, "retail"],
  ];
  for (const [wallet, country, investorClass] of onboard) await officerSdk.registerInvestor({ wallet, country, investorClass, kycExpiry });

  const register = (lot: DemoLot) => registerDemoLot({ issuer: issuerSdk, assayer: assayerSdk, custodian: custodianSdk }, lot, custodian, chainNow);

  const lotIds: bigint[] = [];
  for (const lot of DEMO_LOTS) {
    const { lotId, payable } = await register(lot);
    await issuerSdk.mintUnits({ lotId, to: issuer, amount: payable });
    const [toA, toB, rounding] = SPLITS[lot.commodity];
    await issuerSdk.transferUnits({ lotId, to: investorA, amount: Quantity.parse(lot.commodity, toA, undefined, rounding) });
    await issuerSdk.transferUnits({ lotId, to: investorB, amount: Quantity.parse(lot.commodity, toB, undefined, rounding) });
    // The tungsten lot offers physical delivery, so the presenter can request one from the page and confirm it as its custodian.
    if (lot.commodity === Commodity.Tungsten) await issuerSdk.setMinimumDelivery({ lotId, minimum: Quantity.parse(lot.commodity, MINIMUM_TUNGSTEN_DELIVERY) });
    lotIds.push(lotId);
  }

  // A small copper lot, attested but not minted: its units are minted to the subscribers when the offering closes.
  const { lotId: offeredLotId } = await register({
    ...DEMO_LOTS.find((lot) => lot.commodity === Commodity.Copper)!,
    origin: "PK-BA-CHAGAI-CU-0043", ref: "PK-EXP-CU-2026-0043", wetMass: "50 wmt", moisture: "8", grade: "26.5", payable: "96.5", location: "Chagai mine site yard",
  });
  await officerSdk.setLotRules({ lotId: offeredLotId, minClass: "accredited", restrictCountries: false, maxHolders: 0, minHolding: 0n });
  const t = (text: string) => Quantity.parse(Commodity.Copper, text);
  const { offeringId } = await issuerSdk.createOffering({
    lotId: offeredLotId, price: "9,750 USD", treasury: issuer, start: chainNow, end: new Date(chainNow.getTime() + 7 * 24 * 3600 * 1000),
    minTicket: t("1 t"), maxTicket: t("8 t"), softCap: t("5 t"), hardCap: t("10 t"),
  });
  for (const investor of [investorA, investorB, investorC, investorD]) await issuerSdk.mintTestStablecoin({ to: investor, amount: Money.fromBase(1_000_000_000_000n) });
  // The treasury's stablecoin for the sale proceeds a presenter deposits from the page (the gold lot is worth about 2.4 million USD).
  await issuerSdk.mintTestStablecoin({ to: issuer, amount: Money.parseUsd(TREASURY_FUNDS) });

  return {
    deployment,
    parties: {
      issuer,
      assayer,
      custodian,
      portCustodian,
      officer,
      pauser,
      investors: { A: investorA, B: investorB, C: investorC, D: investorD },
      labels: {
        [issuer.toLowerCase()]: "Issuer (treasury)",
        [assayer.toLowerCase()]: "Assayer",
        [custodian.toLowerCase()]: "Custodian (warehouses)",
        [portCustodian.toLowerCase()]: "Custodian (port)",
        [officer.toLowerCase()]: "Compliance officer",
        [pauser.toLowerCase()]: "Pauser",
        ...Object.fromEntries(([["A", investorA], ["B", investorB], ["C", investorC], ["D", investorD]] as const).map(([letter, address]) => [address.toLowerCase(), `Investor ${letter}`])),
      },
    },
    lotIds,
    offeredLotId,
    offeringId,
  };
}
