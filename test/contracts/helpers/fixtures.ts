import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { encodeBytes32String, id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { InvestorRegistrar, LotRegistry, LotToken } from "../../../types/ethers-contracts/index.ts";
import type { LotRegistrationStruct } from "../../../types/ethers-contracts/lots/LotRegistry.ts";

import { solidityEnum } from "../../../src/domain.ts";
import {
  BASIS_MEMBERS,
  COMMODITY_MEMBERS,
  DOC_TYPE_MEMBERS,
  FORM_MEMBERS,
  INVESTOR_CLASS_MEMBERS,
  LOT_STATE_MEMBERS,
  REASON_MEMBERS,
} from "../../../src/generated/enums.ts";

// ------------------------------------------------------------------ enums, generated from the compiled contracts

// Member name -> on-chain value, from the enums `npm run build` reads out of the solc AST (src/generated/enums.ts):
// the tests keep no copy of their own, so they cannot drift from the contracts.
export const Commodity = solidityEnum(COMMODITY_MEMBERS);
export const Form = solidityEnum(FORM_MEMBERS);
export const Basis = solidityEnum(BASIS_MEMBERS);
export const LotState = solidityEnum(LOT_STATE_MEMBERS);
export const DocType = solidityEnum(DOC_TYPE_MEMBERS);
/** `contracts/compliance/ComplianceTypes.sol` `InvestorClass`. */
export const InvestorClass = solidityEnum(INVESTOR_CLASS_MEMBERS);
/** Why a movement would be refused (`contracts/compliance/ComplianceTypes.sol` `Reason`). */
export const Reason = solidityEnum(REASON_MEMBERS);
export type ReasonName = keyof typeof Reason;

export type CommodityName = keyof typeof Commodity;
export type FormName = keyof typeof Form;
export type LotStateName = keyof typeof LotState;

/** Every state a registered lot can be in along its lifecycle (everything but `None`, and `Processed`, which only a
 * processing step reaches: test/contracts/Processing.*.test.ts). */
export type LiveLotState = Exclude<LotStateName, "None" | "Processed">;
export const LOT_STATES = LOT_STATE_MEMBERS.filter((state): state is LiveLotState => state !== "None" && state !== "Processed");

// ------------------------------------------------------------------ constants

/** Seconds a new default admin waits before it may accept the role. */
export const ADMIN_TRANSFER_DELAY = 3n * 24n * 60n * 60n;
export const BASE_URI = "ipfs://lots/";
export const ZERO_BYTES32 = `0x${"00".repeat(32)}`;

/** ISO 3166-1 numeric country codes. */
export const COUNTRY = { Chile: 152, Peru: 604, Rwanda: 646, Bolivia: 68, Tajikistan: 762 } as const;

export const bytes32 = (text: string): string => encodeBytes32String(text);

/** The reference copper lot of the issue: 10,000 wmt at 8% moisture, 26.5% Cu, 96.5% payable. */
export const COPPER_LOT = {
  wetMassGrams: 10_000_000_000n, // 10,000 wet metric tonnes
  moistureBps: 800, // 8%
  gradePpb: 265_000_000, // 26.5% Cu, dry basis
  payableBps: 9650, // 96.5%
  // Independent figures: 10,000 t wet x 0.92 = 9,200 t dry; x 0.265 = 2,438 t Cu = 2,438,000 kg;
  // x 0.965 = 2,352,670 kg payable.
  containedKg: 2_438_000n,
  payableKg: 2_352_670n,
} as const;

/** How long the KYC of an investor the fixture registers stays valid, from the moment it is registered. */
export const KYC_VALIDITY = 365n * 24n * 60n * 60n;
/** The country of the investors the fixture registers (Peru). */
export const INVESTOR_COUNTRY = COUNTRY.Peru;

/** Amount minted from the warehoused lot and from the settling lot by the fixture. */
export const MINTED_WAREHOUSED = 1_000n;
export const MINTED_SETTLING = 500n;

// ------------------------------------------------------------------ registrations

let refCounter = 0;

/** A fresh external reference (warehouse receipt number hash), distinct on every call. */
export function nextExternalRef(): string {
  refCounter += 1;
  return id(`WR-CL-${refCounter.toString().padStart(6, "0")}`);
}

/** A copper concentrate registration for `custodian`, with the reference figures and any overrides. */
export function copperRegistration(
  custodian: string,
  overrides: Partial<LotRegistrationStruct> = {},
): LotRegistrationStruct {
  return {
    commodity: Commodity.Copper,
    form: Form.Concentrate,
    basis: Basis.Element,
    countryCode: COUNTRY.Chile,
    originId: bytes32("CL-ANTOFAGASTA-0042"),
    externalRef: nextExternalRef(),
    wetMassGrams: COPPER_LOT.wetMassGrams,
    moistureBps: COPPER_LOT.moistureBps,
    gradePpb: COPPER_LOT.gradePpb,
    payableBps: COPPER_LOT.payableBps,
    custodian,
    location: bytes32("Port of Antofagasta W3"),
    ...overrides,
  };
}

// ------------------------------------------------------------------ actors

/** Everyone who might try a privileged call. `otherCustodian` holds CUSTODIAN_ROLE but none of the lots. */
export const ACTORS = [
  "admin",
  "issuer",
  "assayer",
  "custodian",
  "otherCustodian",
  "compliance",
  "treasury",
  "pauser",
  "refiner",
  "outsider",
] as const;
export type Actor = (typeof ACTORS)[number];

export interface Roles {
  DEFAULT_ADMIN: string;
  ISSUER: string;
  ASSAYER: string;
  CUSTODIAN: string;
  COMPLIANCE: string;
  TREASURY: string;
  PAUSER: string;
  REFINER: string;
}

export interface RegistryFixture {
  connection: NetworkConnection;
  registry: LotRegistry;
  token: LotToken;
  /** The investor registrar bound to the token (registration, links, freezes, eligibility statements). */
  registrar: InvestorRegistrar;
  roles: Roles;
  actors: Record<Actor, HardhatEthersSigner>;
  /** Accounts with no role that hold or receive units, each registered as its own institutional investor from
   * Peru (investor ids 1 and 2) with a KYC valid for `KYC_VALIDITY` from deployment. */
  holder: HardhatEthersSigner;
  investor: HardhatEthersSigner;
  /** An account with no role, not registered: it may move units only as an operator a holder approved. */
  operator: HardhatEthersSigner;
  newAdmin: HardhatEthersSigner;
  /** Spare accounts with no role, not registered, for tests that need more investors. */
  wallets: HardhatEthersSigner[];
}

export interface LotsFixture extends RegistryFixture {
  /** One lot in each lifecycle state. All are the reference copper lot, held by `actors.custodian`. */
  lots: Record<LiveLotState, bigint>;
  /** A lot id no lot has. */
  unknownLot: bigint;
}

async function deployContracts(connection: NetworkConnection, bind: boolean): Promise<RegistryFixture> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const signer = (index: number): HardhatEthersSigner => {
    const account = signers[index];
    if (account === undefined) throw new Error(`the fixture needs at least ${index + 1} accounts`);
    return account;
  };
  const actors: Record<Actor, HardhatEthersSigner> = {
    admin: signer(0),
    issuer: signer(1),
    assayer: signer(2),
    custodian: signer(3),
    otherCustodian: signer(4),
    compliance: signer(5),
    treasury: signer(6),
    pauser: signer(7),
    outsider: signer(8),
    refiner: signer(13),
  };
  const { admin, issuer, assayer, custodian, otherCustodian, compliance, treasury, pauser, refiner } = actors;

  const registry = await ethers.deployContract("LotRegistry", [ADMIN_TRANSFER_DELAY, admin.address], admin);
  const token = await ethers.deployContract("LotToken", [await registry.getAddress(), BASE_URI], admin);
  if (bind) await registry.connect(admin).bindToken(await token.getAddress());
  const registrar = await ethers.deployContract("InvestorRegistrar", [await registry.getAddress(), await token.getAddress()], admin);
  await token.connect(admin).bindRegistrar(await registrar.getAddress());

  const roles: Roles = {
    DEFAULT_ADMIN: await registry.DEFAULT_ADMIN_ROLE(),
    ISSUER: await registry.ISSUER_ROLE(),
    ASSAYER: await registry.ASSAYER_ROLE(),
    CUSTODIAN: await registry.CUSTODIAN_ROLE(),
    COMPLIANCE: await registry.COMPLIANCE_ROLE(),
    TREASURY: await registry.TREASURY_ROLE(),
    PAUSER: await registry.PAUSER_ROLE(),
    REFINER: await registry.REFINER_ROLE(),
  };
  const asAdmin = registry.connect(admin);
  await asAdmin.grantRole(roles.ISSUER, issuer.address);
  await asAdmin.grantRole(roles.ASSAYER, assayer.address);
  await asAdmin.grantRole(roles.CUSTODIAN, custodian.address);
  await asAdmin.grantRole(roles.CUSTODIAN, otherCustodian.address);
  await asAdmin.grantRole(roles.COMPLIANCE, compliance.address);
  await asAdmin.grantRole(roles.TREASURY, treasury.address);
  await asAdmin.grantRole(roles.PAUSER, pauser.address);
  await asAdmin.grantRole(roles.REFINER, refiner.address);

  const f: RegistryFixture = {
    connection,
    registry,
    token,
    registrar,
    roles,
    actors,
    holder: signer(9),
    investor: signer(10),
    operator: signer(11),
    newAdmin: signer(12),
    wallets: signers.slice(14),
  };
  // Only registered investors may receive units: the two wallets the lots fixture mints to are registered.
  await registerInvestor(f, f.holder.address);
  await registerInvestor(f, f.investor.address);
  return f;
}

export interface InvestorData {
  country: number;
  investorClass: number;
  /** The first second at which the KYC is no longer valid. Default: `KYC_VALIDITY` after the latest block. */
  kycExpiry: bigint;
}

/** Registers `wallet` as a new investor (by the compliance officer) and returns its investor id. */
export async function registerInvestor(
  f: RegistryFixture,
  wallet: string,
  data: Partial<InvestorData> = {},
): Promise<bigint> {
  const kycExpiry = data.kycExpiry ?? BigInt(await f.connection.networkHelpers.time.latest()) + KYC_VALIDITY;
  await f.registrar
    .connect(f.actors.compliance)
    .registerInvestor(wallet, data.country ?? INVESTOR_COUNTRY, data.investorClass ?? InvestorClass.Institutional, kycExpiry);
  return f.registrar.investorCount();
}

/** Registry and token deployed and bound, every role granted, no lots. */
export async function deployRegistryFixture(connection: NetworkConnection): Promise<RegistryFixture> {
  return deployContracts(connection, true);
}

/** Registry and token deployed but the token not bound to the registry. */
export async function deployUnboundFixture(connection: NetworkConnection): Promise<RegistryFixture> {
  return deployContracts(connection, false);
}

/** Registers a reference copper lot held by `custodian` and returns its id. */
export async function registerLot(
  f: RegistryFixture,
  overrides: Partial<LotRegistrationStruct> = {},
): Promise<bigint> {
  const registration = copperRegistration(f.actors.custodian.address, overrides);
  await f.registry.connect(f.actors.issuer).registerLot(registration);
  return f.registry.lotCount();
}

/**
 * The payment token and treasury `startSettlement` names after the sale reference. The registry fixtures bind no
 * proceeds vault, so these are only recorded in `SettlementStarted`; the proceeds fixtures name a real stablecoin.
 */
export async function saleTerms(f: RegistryFixture): Promise<[string, string]> {
  return [await f.token.getAddress(), f.actors.treasury.address];
}

/** Walks a fresh reference lot up to `target` along the lifecycle, minting where the fixture says so. */
export async function lotInState(f: RegistryFixture, target: LiveLotState, minted = 0n): Promise<bigint> {
  const { registry, token, actors, holder } = f;
  const lotId = await registerLot(f);
  if (target === "Registered") return lotId;

  await registry
    .connect(actors.assayer)
    .recordAssay(lotId, COPPER_LOT.moistureBps, COPPER_LOT.gradePpb, COPPER_LOT.payableBps);
  if (target === "Assayed") return lotId;

  await registry.connect(actors.custodian).attestCustody(lotId, COPPER_LOT.payableKg, bytes32("Antofagasta W3"));
  if (minted > 0n) await token.connect(actors.issuer).mint(holder.address, lotId, minted, "0x");
  if (target === "Warehoused") return lotId;
  // Investors do not burn units: a lot the fixture retires has its units handed to a platform account that burns them
  // before settlement (as a confirmed delivery would).
  if (target === "Retired" && minted > 0n) {
    const burner = await f.connection.ethers.deployContract("PlatformBurner");
    await f.registrar.connect(actors.admin).setPlatformAccount(await burner.getAddress(), true);
    await token.connect(holder).safeTransferFrom(holder.address, await burner.getAddress(), lotId, minted, "0x");
  }

  if (target === "InTransit") {
    await registry
      .connect(actors.custodian)
      .dispatchLot(lotId, actors.otherCustodian.address, bytes32("Rotterdam Botlek"));
    return lotId;
  }

  // No proceeds vault is bound in this fixture: the payment token and treasury are recorded in the event only.
  await registry.connect(actors.issuer).startSettlement(lotId, id("SALE-2025-CU-001"), ...(await saleTerms(f)));
  if (target === "Settling") return lotId;

  await registry.connect(actors.issuer).retireLot(lotId);
  return lotId;
}

/** The registry and token with one reference lot in each lifecycle state. */
export async function deployLotsFixture(connection: NetworkConnection): Promise<LotsFixture> {
  const f = await deployRegistryFixture(connection);
  const lots = {
    Registered: await lotInState(f, "Registered"),
    Assayed: await lotInState(f, "Assayed"),
    Warehoused: await lotInState(f, "Warehoused", MINTED_WAREHOUSED),
    InTransit: await lotInState(f, "InTransit", MINTED_WAREHOUSED),
    Settling: await lotInState(f, "Settling", MINTED_SETTLING),
    Retired: await lotInState(f, "Retired", MINTED_SETTLING),
  };
  return { ...f, lots, unknownLot: (await f.registry.lotCount()) + 1n };
}
