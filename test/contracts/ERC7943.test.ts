import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Interface, MaxUint256, Wallet, ZeroAddress, id } from "ethers";
import { network } from "hardhat";

import {
  AMOUNT,
  type ComplianceFixture,
  HELD,
  SITUATIONS,
  deployComplianceFixture,
  expireKyc,
  now,
  setRules,
} from "./helpers/compliance.ts";
import { REASON_MEMBERS } from "../../src/generated/enums.ts";
import { Reason, type ReasonName, registerInvestor } from "./helpers/fixtures.ts";

// ERC-7943 (uRWA) for multi-tokens: the interface id, and the views. `transferStatus` names each reason in a
// situation built for it; `canTransfer` says true exactly when the transfer would go through, and a refused
// transfer reverts for the reason `transferStatus` gave; none of the views ever reverts.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

const ERC7943_MULTI_TOKEN_FUNCTIONS = [
  "forcedTransfer(address,address,uint256,uint256)",
  "setFrozenTokens(address,uint256,uint256)",
  "canSend(address)",
  "canReceive(address)",
  "getFrozenTokens(address,uint256)",
  "canTransfer(address,address,uint256,uint256)",
] as const;

const selector = (signature: string): bigint => BigInt(id(signature).slice(0, 10));

/** The outcome of actually trying a transfer (eth_call): success, or the custom error it reverted with. */
async function tryTransfer(
  f: ComplianceFixture,
  from: HardhatEthersSigner,
  to: string,
  lotId: bigint,
  amount: bigint,
): Promise<{ ok: true } | { ok: false; error: string; args: readonly unknown[] }> {
  try {
    await f.token.connect(from).safeTransferFrom.staticCall(from.address, to, lotId, amount, "0x");
    return { ok: true };
  } catch (e) {
    const data = (e as { data?: string }).data;
    const parsed = data === undefined ? null : f.token.interface.parseError(data);
    if (parsed === null) throw e;
    return { ok: false, error: parsed.name, args: [...parsed.args] };
  }
}

interface Row {
  title: string;
  setup?: (f: ComplianceFixture) => Promise<void>;
  from?: (f: ComplianceFixture) => HardhatEthersSigner;
  to?: (f: ComplianceFixture) => string;
  lotId?: (f: ComplianceFixture) => bigint;
  amount?: bigint;
  expected: ReasonName;
}

/** Situations for the table: every refusal of the shared situations, and the odd cases around them. */
const ROWS: readonly Row[] = [
  ...SITUATIONS.map((s): Row => ({ title: s.title, setup: s.setup, expected: s.reason })),
  { title: "no rule applies", expected: "Ok" },
  { title: "the sender sends its whole balance", amount: HELD.lot, expected: "Ok" },
  {
    title: "the sender sends one unit more than its balance",
    amount: HELD.lot + 1n,
    expected: "InsufficientUnfrozenBalance",
  },
  { title: "zero units are sent", amount: 0n, expected: "Ok" },
  {
    title: "zero units are sent by a wallet whose frozen amount exceeds its balance",
    setup: async (f) => {
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot + 1n);
    },
    amount: 0n,
    expected: "InsufficientUnfrozenBalance",
  },
  {
    title: "the sender sends exactly its unfrozen units",
    setup: async (f) => {
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - AMOUNT);
    },
    expected: "Ok",
  },
  {
    title: "the sender sends frozen units to itself",
    setup: async (f) => {
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot - AMOUNT + 1n);
    },
    to: (f) => f.holder.address,
    expected: "InsufficientUnfrozenBalance",
  },
  { title: "the sender sends unfrozen units to itself", to: (f) => f.holder.address, expected: "Ok" },
  {
    title: "the lot is locked up and the units are frozen",
    setup: async (f) => {
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 1_000n });
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, HELD.lot);
    },
    expected: "InsufficientUnfrozenBalance",
  },
  {
    title: "the receiver is a linked wallet of the holder at the holder limit",
    setup: async (f) => {
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, f.wallets[0]!.address);
      await setRules(f, f.lot, { maxHolders: 1 });
    },
    to: (f) => f.wallets[0]!.address,
    expected: "Ok",
  },
  {
    title: "the sender leaves the lot to a new investor at the holder limit",
    setup: async (f) => {
      await setRules(f, f.lot, { maxHolders: 1 });
    },
    amount: HELD.lot,
    expected: "Ok",
  },
  {
    title: "the receiver ends exactly at the minimum holding",
    setup: async (f) => {
      await setRules(f, f.lot, { minHolding: AMOUNT });
    },
    expected: "Ok",
  },
  {
    title: "the receiver's KYC expired and the lot is locked up (the account reason comes first)",
    setup: async (f) => {
      await setRules(f, f.lot, { lockupEnd: (await now(f)) + 10_000n });
      await expireKyc(f, f.investor.address);
    },
    expected: "ReceiverKycExpired",
  },
  {
    title: "the receiver's class is too low and the sender would keep too little (the receiver reason comes first)",
    setup: async (f) => {
      await SITUATIONS.find((s) => s.reason === "SenderBelowMinimumHolding")!.setup(f);
      await SITUATIONS.find((s) => s.reason === "ClassTooLow")!.setup(f);
    },
    expected: "ClassTooLow",
  },
  { title: "the receiver is not registered", to: (f) => f.actors.outsider.address, expected: "ReceiverNotVerified" },
  { title: "the receiver is the zero address", to: () => ZeroAddress, expected: "ReceiverNotVerified" },
  {
    title: "an unregistered wallet sends zero units",
    from: (f) => f.actors.outsider,
    amount: 0n,
    expected: "SenderNotVerified",
  },
  { title: "zero units of a lot id no lot has are sent", lotId: (f) => f.unknownLot, amount: 0n, expected: "Ok" },
  {
    title: "one unit of a lot id no lot has is sent",
    lotId: (f) => f.unknownLot,
    amount: 1n,
    expected: "InsufficientUnfrozenBalance",
  },
];

describe("ERC-7943 multi-token (uRWA)", function () {
  describe("supportsInterface", function () {
    it("the ERC-7943 multi-token id 0x41c4fbad is the XOR of its six function selectors", async function () {
      const f = await load();
      const xor = ERC7943_MULTI_TOKEN_FUNCTIONS.map(selector).reduce((a, b) => a ^ b, 0n);
      expect(`0x${xor.toString(16).padStart(8, "0")}`).to.equal("0x41c4fbad");
      // The token's ABI has each of them.
      const abi: Interface = f.token.interface;
      for (const signature of ERC7943_MULTI_TOKEN_FUNCTIONS)
        expect(abi.getFunction(signature)?.selector).to.equal(id(signature).slice(0, 10));
    });

    it("supportsInterface is true for ERC-7943 multi-token and ERC-1155 and false for 0xffffffff", async function () {
      const f = await load();
      expect(await f.token.supportsInterface("0x41c4fbad")).to.equal(true);
      expect(await f.token.supportsInterface("0xd9b67a26")).to.equal(true);
      expect(await f.token.supportsInterface("0xffffffff")).to.equal(false);
      // Neither the fungible (0x3edbb4c4) nor the non-fungible (0xbf1ef5fe) ERC-7943 interface.
      expect(await f.token.supportsInterface("0x3edbb4c4")).to.equal(false);
      expect(await f.token.supportsInterface("0xbf1ef5fe")).to.equal(false);
    });
  });

  describe("transferStatus names each reason", function () {
    it("transferStatus returns Ok when no rule applies", async function () {
      const f = await load();
      expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, AMOUNT)).to.equal(
        BigInt(Reason.Ok),
      );
    });

    for (const situation of SITUATIONS) {
      it(`transferStatus returns ${situation.reason} when ${situation.title}`, async function () {
        const f = await load();
        await situation.setup(f);
        expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, AMOUNT)).to.equal(
          BigInt(Reason[situation.reason]),
        );
        expect(await f.token.canTransfer(f.holder.address, f.investor.address, f.lot, AMOUNT)).to.equal(false);
      });
    }

    it("the situations cover every value of the Reason enum", function () {
      // The members as the compiled contract declares them (generated from the solc AST by `npm run build`), so a
      // reason added in Solidity fails here until it has a situation.
      const covered = new Set<string>(["Ok", ...SITUATIONS.map((s) => s.reason)]);
      expect([...covered].sort()).to.deep.equal([...REASON_MEMBERS].sort());
    });
  });

  describe("canTransfer is true exactly when the transfer goes through", function () {
    for (const row of ROWS) {
      it(`canTransfer is ${row.expected === "Ok"} when ${row.title}, and the transfer ${row.expected === "Ok" ? "goes through" : "reverts"}`, async function () {
        const f = await load();
        if (row.setup !== undefined) await row.setup(f);
        const from = row.from?.(f) ?? f.holder;
        const to = row.to?.(f) ?? f.investor.address;
        const lotId = row.lotId?.(f) ?? f.lot;
        const amount = row.amount ?? AMOUNT;

        const status = await f.token.transferStatus(from.address, to, lotId, amount);
        expect(status).to.equal(BigInt(Reason[row.expected]));
        const allowed = await f.token.canTransfer(from.address, to, lotId, amount);
        expect(allowed).to.equal(row.expected === "Ok");

        const outcome = await tryTransfer(f, from, to, lotId, amount);
        expect(outcome.ok).to.equal(allowed);
        if (outcome.ok) return;
        // A refusal by the rules reverts for the very reason the view gave.
        if (outcome.error === "ComplianceViolation") expect(outcome.args[0]).to.equal(status);
        else if (outcome.error === "ERC7943InsufficientUnfrozenBalance")
          expect(status).to.equal(BigInt(Reason.InsufficientUnfrozenBalance));
        else if (outcome.error === "ERC1155InsufficientBalance")
          expect(status).to.equal(BigInt(Reason.InsufficientUnfrozenBalance));
        else expect(outcome.error).to.equal("ERC1155InvalidReceiver"); // the zero receiver
      });
    }
  });

  describe("canSend and canReceive are account-level", function () {
    it("a pause or a lot rule makes canTransfer false but leaves canSend and canReceive true", async function () {
      const f = await load();
      await f.token.connect(f.actors.pauser).pause();
      await setRules(f, f.lot, { maxHolders: 1 });
      expect(await f.token.canTransfer(f.holder.address, f.investor.address, f.lot, AMOUNT)).to.equal(false);
      expect(await f.token.canSend(f.holder.address)).to.equal(true);
      expect(await f.token.canReceive(f.investor.address)).to.equal(true);
    });

    it("canReceive is false for the zero address, an unregistered, a removed, a frozen and an expired wallet; canSend only for a frozen one", async function () {
      const f = await load();
      const [removed, frozen, expired] = [f.wallets[0]!, f.wallets[1]!, f.wallets[2]!];
      for (const w of [removed, frozen, expired]) await registerInvestor(f, w.address);
      await f.registrar.connect(f.actors.compliance).removeInvestor(removed.address);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(frozen.address, true);
      await expireKyc(f, expired.address);
      for (const account of [ZeroAddress, f.actors.outsider.address, removed.address, frozen.address, expired.address]) {
        expect(await f.token.canReceive(account)).to.equal(false);
      }
      // canSend is account-level and only a freeze stops an account sending: a removed or expired wallet may still exit
      // (hand its units to a platform account); canTransfer refuses its transfers to anyone else.
      expect(await f.token.canSend(frozen.address)).to.equal(false);
      for (const account of [removed.address, expired.address, f.holder.address]) {
        expect(await f.token.canSend(account)).to.equal(true);
      }
      expect(await f.token.canTransfer(expired.address, f.holder.address, f.lot, 0n)).to.equal(false);
    });
  });

  describe("the views never revert", function () {
    it("canTransfer and transferStatus answer for zero addresses, unknown lots, 2^256-1 units and frozen > balance", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, MaxUint256);
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.investor.address, f.lots.Retired, MaxUint256);
      const accounts = [ZeroAddress, f.holder.address, f.investor.address, f.actors.outsider.address];
      const lots = [0n, f.lot, f.lots.Retired, f.unknownLot, MaxUint256];
      const amounts = [0n, 1n, HELD.lot, MaxUint256];
      const calls: Promise<unknown>[] = [];
      for (const from of accounts)
        for (const to of accounts)
          for (const lotId of lots)
            for (const amount of amounts) {
              calls.push(f.token.canTransfer(from, to, lotId, amount), f.token.transferStatus(from, to, lotId, amount));
            }
      const answers = await Promise.all(calls);
      expect(answers).to.have.length(accounts.length ** 2 * lots.length * amounts.length * 2);
      // A few of them, exactly.
      expect(await f.token.transferStatus(ZeroAddress, f.investor.address, f.lot, 1n)).to.equal(
        BigInt(Reason.SenderNotVerified),
      );
      expect(await f.token.transferStatus(f.holder.address, ZeroAddress, f.lot, 1n)).to.equal(
        BigInt(Reason.ReceiverNotVerified),
      );
      expect(await f.token.transferStatus(f.holder.address, f.investor.address, f.lot, MaxUint256)).to.equal(
        BigInt(Reason.InsufficientUnfrozenBalance),
      );
      expect(await f.token.transferStatus(f.holder.address, f.holder.address, MaxUint256, MaxUint256)).to.equal(
        BigInt(Reason.InsufficientUnfrozenBalance),
      );
      expect(await f.token.canTransfer(f.investor.address, f.holder.address, f.lots.Retired, 0n)).to.equal(false);
    });

    it("canSend, canReceive and getFrozenTokens answer for any account and lot", async function () {
      const f = await load();
      const stranger = Wallet.createRandom().address;
      for (const account of [ZeroAddress, stranger, f.holder.address]) {
        await f.token.canSend(account);
        await f.token.canReceive(account);
        for (const lotId of [0n, f.unknownLot, MaxUint256])
          expect(await f.token.getFrozenTokens(account, lotId)).to.equal(0n);
      }
    });
  });
});
