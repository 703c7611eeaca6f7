import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { TestStablecoin } from "../../../types/ethers-contracts/index.ts";

import { type RegistryFixture, deployRegistryFixture, lotInState, registerInvestor } from "./fixtures.ts";

/** A short notice period for tests: a lot may be retired with units outstanding this long after its final payment. */
export const NOTICE_PERIOD = 30n * 24n * 3600n;
/** The scale of `accPerUnit` (`ProceedsVault.MAGNITUDE`). */
export const MAGNITUDE = 2n ** 128n;

/** Deploys a proceeds vault on the fixture's registry and token and marks it a platform account (not bound). */
export async function deployVault(f: RegistryFixture, noticePeriod: bigint = NOTICE_PERIOD) {
  const vault = await f.connection.ethers.deployContract("ProceedsVault", [
    await f.registry.getAddress(),
    await f.token.getAddress(),
    noticePeriod,
  ]);
  await f.registrar.connect(f.actors.admin).setPlatformAccount(await vault.getAddress(), true);
  return vault;
}

/** Deploys a platform account that burns whatever units it receives (`test/contracts/mocks/PlatformBurner.sol`). */
export async function deployBurner(f: RegistryFixture) {
  const burner = await f.connection.ethers.deployContract("PlatformBurner");
  await f.registrar.connect(f.actors.admin).setPlatformAccount(await burner.getAddress(), true);
  return burner;
}

/**
 * Takes `amount` units held by `holder` out of a lot the way the platform does now that investors may not burn units
 * themselves: hands them to a platform account (deployed for the purpose unless given) that burns them, as a
 * redemption or a confirmed delivery would.
 */
export async function redeemUnits(
  f: RegistryFixture,
  holder: HardhatEthersSigner,
  lotId: bigint,
  amount: bigint,
  burner?: Awaited<ReturnType<typeof deployBurner>>,
): Promise<void> {
  const to = burner ?? (await deployBurner(f));
  await f.token.connect(holder).safeTransferFrom(holder.address, await to.getAddress(), lotId, amount, "0x");
}

/** Units each holder of the proceeds fixture's lot holds at settlement: N = 10,000 (a prime-free 3-way split). */
export const HOLDINGS = { holder: 5_000n, investor: 3_000n, third: 2_000n } as const;
export const SUPPLY = HOLDINGS.holder + HOLDINGS.investor + HOLDINGS.third;
/** USD 1,000,000.00 of stablecoin (6 decimals) given to the treasury. */
export const TREASURY_FUNDS = 10n ** 12n;

/**
 * A copper lot held by three investors (`holder`, `investor`, `third`), a proceeds vault bound in the registry and
 * marked a platform account, the treasury funded with a 6-decimal stablecoin and approving the vault; the lot is
 * settling. `seller` sold its units to `holder` before settlement.
 */
export async function deployProceedsFixture(connection: NetworkConnection) {
  return deployProceedsFixtureIn(connection, "TestStablecoin");
}

/**
 * The proceeds fixture with the lot settled in another ERC-20 (`stablecoin`, a contract of `test/contracts/mocks` with
 * `mint(to, amount)`), e.g. a hostile payment token: settlement fixes the token, so each test settles in its own.
 */
export async function deployProceedsFixtureIn(connection: NetworkConnection, stablecoin: string) {
  const f = await deployRegistryFixture(connection);
  const [third, seller, stranger] = f.wallets as [HardhatEthersSigner, HardhatEthersSigner, HardhatEthersSigner];
  await registerInvestor(f, third.address);
  await registerInvestor(f, seller.address);
  const lot = await lotInState(f, "Warehoused");
  const asIssuer = f.token.connect(f.actors.issuer);
  await asIssuer.mint(seller.address, lot, 1_000n, "0x");
  await f.token.connect(seller).safeTransferFrom(seller.address, f.holder.address, lot, 1_000n, "0x");
  await asIssuer.mint(f.holder.address, lot, HOLDINGS.holder - 1_000n, "0x");
  await asIssuer.mint(f.investor.address, lot, HOLDINGS.investor, "0x");
  await asIssuer.mint(third.address, lot, HOLDINGS.third, "0x");
  // A second lot, still warehoused, to show deposits and redemptions refused outside settlement.
  const warehoused = await lotInState(f, "Warehoused");
  await asIssuer.mint(f.holder.address, warehoused, 1_000n, "0x");

  const vault = await deployVault(f);
  const vaultAddress = await vault.getAddress();
  await f.registry.connect(f.actors.admin).bindProceeds(vaultAddress);
  // Every stablecoin the tests settle in has TestStablecoin's mint, approve and balanceOf.
  const usd = (await connection.ethers.deployContract(stablecoin)) as unknown as TestStablecoin;
  await usd.mint(f.actors.treasury.address, TREASURY_FUNDS);
  await usd.connect(f.actors.treasury).approve(vaultAddress, 2n ** 255n);
  await f.registry
    .connect(f.actors.issuer)
    .startSettlement(lot, id("SALE-2026-CU-PROCEEDS"), await usd.getAddress(), f.actors.treasury.address);
  return { ...f, lot, warehoused, vault, vaultAddress, usd, usdAddress: await usd.getAddress(), third, seller, stranger };
}
export type ProceedsFixture = Awaited<ReturnType<typeof deployProceedsFixture>>;

/**
 * The treasury deposits `amount` of the fixture's stablecoin for the fixture's lot; with `isFinal`, it declares the
 * final payment in the same transaction (`multicall([deposit, finalize])`).
 */
export const depositAs = (f: ProceedsFixture, amount: bigint, isFinal = false, who: HardhatEthersSigner = f.actors.treasury) =>
  isFinal
    ? f.vault
        .connect(who)
        .multicall([
          f.vault.interface.encodeFunctionData("deposit", [f.lot, amount]),
          f.vault.interface.encodeFunctionData("finalize", [f.lot]),
        ])
    : f.vault.connect(who).deposit(f.lot, amount);

/** `holder` sends `amount` units of the fixture's lot to the vault (a redemption). */
export const redeem = (f: ProceedsFixture, holder: HardhatEthersSigner, amount: bigint, lotId: bigint = f.lot) =>
  f.token.connect(holder).safeTransferFrom(holder.address, f.vaultAddress, lotId, amount, "0x");

/** floor(units x acc / MAGNITUDE), as the vault rounds every entitlement. */
export const entitlement = (units: bigint, acc: bigint): bigint => (units * acc) / MAGNITUDE;
/** accPerUnit after `deposited` in total over `supply` units. */
export const accFor = (deposited: bigint, supply: bigint = SUPPLY): bigint => (deposited * MAGNITUDE) / supply;
