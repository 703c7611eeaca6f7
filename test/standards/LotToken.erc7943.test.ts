import { network } from "hardhat";

import { type ERC7943MultiToken, type ERC7943Subject, shouldBehaveLikeERC7943MultiToken } from "./ERC7943.behavior.ts";
import { deployStandardsFixture, verify } from "./helpers.ts";

// The ERC-7943 suite against the real LotToken: lots 1 and 2 warehoused, the holder and the receiver verified, the
// compliance officer as the enforcer, every other role (and the holder itself) refused its enforcement actions.

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const BALANCE = 1_000n;

async function fixture() {
  const f = await deployStandardsFixture(connection);
  const [holder, receiver, stranger] = f.wallets;
  if (holder === undefined || receiver === undefined || stranger === undefined)
    throw new Error("needs three spare accounts");
  await verify(f, holder);
  await verify(f, receiver);
  const [id, otherId] = f.lots;
  await f.token.connect(f.actors.issuer).mint(holder.address, id, BALANCE, "0x");
  await f.token.connect(f.actors.issuer).mint(holder.address, otherId, BALANCE, "0x");
  // A platform account (an escrow): where a holder whose eligibility lapsed may still exit.
  const platform = f.wallets[3]!.address;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(platform, true);
  return { f, holder, receiver, stranger, id, otherId, platform };
}

async function load(): Promise<ERC7943Subject> {
  const { f, holder, receiver, stranger, id, otherId, platform } = await networkHelpers.loadFixture(fixture);
  const { admin, issuer, assayer, custodian, treasury, pauser, outsider, compliance } = f.actors;
  return {
    ethers,
    token: f.token as unknown as ERC7943MultiToken,
    id,
    otherId,
    balance: BALANCE,
    holder,
    receiver,
    stranger,
    enforcer: compliance,
    unauthorized: { admin, issuer, assayer, custodian, treasury, pauser, outsider, holder },
    mint: (to, lotId, amount) => f.token.connect(issuer).mint(to, lotId, amount, "0x"),
    forbidSending: async (account) => {
      await f.registrar.connect(compliance).setAccountFrozen(account, true);
    },
    stopTransfers: async () => {
      await f.token.connect(pauser).pause();
    },
    invalidFreezes: [
      { title: "the zero account", account: ethers.ZeroAddress, id, amount: 1n },
      { title: "a lot that does not exist", account: holder.address, id: f.unknownLot, amount: 1n },
    ],
    // Only platform accounts burn, their own units: investors redeem or request delivery instead.
    burning: "permissioned",
    lapseEligibility: async (account) => {
      const record = await f.token.getInvestor(account);
      const now = BigInt(await networkHelpers.time.latest());
      await f.registrar.connect(compliance).updateInvestor(record.investorId, Number(record.country), Number(record.investorClass), now + 10n);
      await networkHelpers.time.increaseTo(now + 10n);
    },
    exitAccount: platform,
  };
}

describe("LotToken: ERC-7943 (uRWA) multi token, from the standard's MUSTs and SHOULDs", function () {
  shouldBehaveLikeERC7943MultiToken(load);
});
