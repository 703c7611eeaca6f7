import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import {
  COPPER_LOT,
  Commodity,
  Form,
  type RegistryFixture,
  bytes32,
  deployRegistryFixture,
  lotInState,
  nextExternalRef,
  registerInvestor,
  registerLot,
} from "./fixtures.ts";
import { deployVault } from "./proceeds.ts";

/** Units minted of the fixture's copper lot A: N = 2,000 (holder 1,000, investor 600, third 400). */
export const HOLDINGS = { holder: 1_000n, investor: 600n, third: 400n } as const;
export const OUTSTANDING = HOLDINGS.holder + HOLDINGS.investor + HOLDINGS.third;
/** Units of copper lot B, all the holder's. */
export const B_HOLDING = 300n;
/** Lot A's copper concentrate carries gold: 2.5 g/t on a dry basis (2,500 ppb of the dry mass). */
export const GOLD_GRADE_PPB = 2_500;
/** 10,000 t wet x 92% dry x 2.5 g/t = 23,000 g of gold = 23,000,000 mg (gold's base unit). */
export const GOLD_CONTAINED_MG = 23_000_000n;

/**
 * The registry fixture with the processing contract deployed, bound in the registry, a platform account holding
 * ISSUER_ROLE (it mints the outputs' units for the inputs' holders), and a proceeds vault bound (held units are
 * redeemed there). Lots: A and B, warehoused copper concentrate (A held by holder, investor and a third investor; B by
 * the holder), A assayed for gold; a warehoused gold dore lot nobody holds.
 */
export async function deployProcessingFixture(connection: NetworkConnection) {
  const f = await deployRegistryFixture(connection);
  const [third, stranger] = f.wallets as [HardhatEthersSigner, HardhatEthersSigner];
  await registerInvestor(f, third.address);
  const processing = await connection.ethers.deployContract("LotProcessing", [await f.registry.getAddress(), await f.token.getAddress()]);
  const processingAddress = await processing.getAddress();
  const admin = f.registry.connect(f.actors.admin);
  await f.registrar.connect(f.actors.admin).setPlatformAccount(processingAddress, true);
  await admin.grantRole(f.roles.ISSUER, processingAddress);
  await admin.bindProcessing(processingAddress);
  const vault = await deployVault(f);
  await admin.bindProceeds(await vault.getAddress());

  const asIssuer = f.token.connect(f.actors.issuer);
  const lotA = await lotInState(f, "Warehoused");
  await asIssuer.mint(f.holder.address, lotA, HOLDINGS.holder, "0x");
  await asIssuer.mint(f.investor.address, lotA, HOLDINGS.investor, "0x");
  await asIssuer.mint(third.address, lotA, HOLDINGS.third, "0x");
  await processing.connect(f.actors.assayer).recordByProduct(lotA, Commodity.Gold, GOLD_GRADE_PPB);
  const lotB = await lotInState(f, "Warehoused");
  await asIssuer.mint(f.holder.address, lotB, B_HOLDING, "0x");
  return { ...f, processing, processingAddress, vault, lotA, lotB, third, stranger };
}
export type ProcessingFixture = Awaited<ReturnType<typeof deployProcessingFixture>>;

/** An output of a step: `quantity` of copper in `form` (concentrate by default) at the fixture's custodian. */
export function output(f: RegistryFixture, quantity: bigint, overrides: Partial<OutputLotInput> = {}): OutputLotInput {
  return {
    commodity: Commodity.Copper,
    form: Form.Concentrate,
    quantity,
    massGrams: quantity * 4_000n, // about 25 % copper in concentrate
    gradePpb: 250_000_000,
    custodian: f.actors.custodian.address,
    location: bytes32("PK-KARACHI-W2"),
    externalRef: nextExternalRef(),
    ...overrides,
  };
}

/** Copper cathode, 99.99 % Cu. */
export function cathode(f: RegistryFixture, quantity: bigint, overrides: Partial<OutputLotInput> = {}): OutputLotInput {
  return output(f, quantity, { form: Form.Cathode, massGrams: quantity * 1_000n, gradePpb: 999_900_000, ...overrides });
}

/** Gold bars recovered as a by-product, 99.99 % Au (`quantity` in mg). */
export function goldBars(f: RegistryFixture, quantity: bigint, overrides: Partial<OutputLotInput> = {}): OutputLotInput {
  return output(f, quantity, { commodity: Commodity.Gold, form: Form.Bar, massGrams: quantity / 1_000n + 1n, gradePpb: 999_900_000, ...overrides });
}

export interface OutputLotInput {
  commodity: number;
  form: number;
  quantity: bigint;
  massGrams: bigint;
  gradePpb: number;
  custodian: string;
  location: string;
  externalRef: string;
}

/** The id the next lot registered will have. */
export const nextLot = async (f: RegistryFixture): Promise<bigint> => (await f.registry.lotCount()) + 1n;

/** A warehoused lot of gold dore (25 kg at 91.25 % Au, 99.5 % payable) nobody holds; returns its id. */
export async function warehousedGoldDore(f: RegistryFixture): Promise<bigint> {
  const lotId = await registerLot(f, { commodity: Commodity.Gold, form: Form.Dore, wetMassGrams: 25_000n, moistureBps: 0, gradePpb: 912_500_000, payableBps: 9_950 });
  await f.registry.connect(f.actors.assayer).recordAssay(lotId, 0, 912_500_000, 9_950);
  const payable = (await f.registry.getLot(lotId)).payableQuantity;
  await f.registry.connect(f.actors.custodian).attestCustody(lotId, payable, bytes32("PK-KARACHI-VAULT"));
  return lotId;
}

/** The payable copper of a reference lot (every lot of the fixture): what a step consumes of it. */
export const PAYABLE = COPPER_LOT.payableKg;

/** floor(a x b / c), as the contracts round. */
export const mulDiv = (a: bigint, b: bigint, c: bigint): bigint => (a * b) / c;
