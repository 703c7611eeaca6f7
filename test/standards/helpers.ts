import type { Addressable } from "ethers";
import { resolveAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import {
  INVESTOR_COUNTRY,
  InvestorClass,
  KYC_VALIDITY,
  type RegistryFixture,
  deployRegistryFixture,
  lotInState,
} from "../contracts/helpers/fixtures.ts";

// What the standards' suites need from this project: a token with lots ready to mint, and a way to make any party
// (a wallet or a contract) verified. Investor registration happens here and nowhere else in test/standards/, so when
// it moves to another contract only `verify` changes.

/** Makes `party` a verified investor (institutional, from Peru, KYC valid for a year), as the compliance officer. */
export async function verify(f: RegistryFixture, party: string | Addressable): Promise<void> {
  const wallet = await resolveAddress(party);
  const kycExpiry = BigInt(await f.connection.networkHelpers.time.latest()) + KYC_VALIDITY;
  await f.registrar
    .connect(f.actors.compliance)
    .registerInvestor(wallet, INVESTOR_COUNTRY, InvestorClass.Institutional, kycExpiry);
}

export interface StandardsFixture extends RegistryFixture {
  /** Lots 1 and 2, warehoused with the reference copper lot's attested quantity (2,352,670 units), none minted. */
  lots: readonly [bigint, bigint];
  /** A lot id no lot has (3). */
  unknownLot: bigint;
}

/** Registry and token with two warehoused lots (ids 1 and 2) and nothing minted; no investor verified here. */
export async function deployStandardsFixture(connection: NetworkConnection): Promise<StandardsFixture> {
  const f = await deployRegistryFixture(connection);
  const first = await lotInState(f, "Warehoused");
  const second = await lotInState(f, "Warehoused");
  return { ...f, lots: [first, second], unknownLot: second + 1n };
}
