/**
 * Explaining a refusal is pure: `refusalSentence` turns facts into one sentence without a chain. Every reason is
 * explained from facts literals, with its figures and without them, and the facts `readRefusalFacts` reads for a
 * reason (`REFUSAL_FACTS`) are all its sentence uses.
 */
import { expect } from "chai";
import { getAddress } from "viem";

import {
  Commodity,
  ContractRevertError,
  InvalidArgumentError,
  REASONS,
  TransactionError,
  type ContractRevertErrorType,
  type ExplainRefusalErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
  REFUSAL_FACTS,
  describeRefusal,
  reasonName,
  refusalSentence,
  type ReasonName,
  type RefusalFacts,
} from "../../src/index.ts";

const A = getAddress("0x1234567890abcdef1234567890abcdef12345678"); // printed 0x1234..5678
const B = getAddress("0xabcdef0123456789abcdef0123456789abcdef01"); // printed 0xabCD..EF01
const OCT_1_2026 = 1_790_812_800; // 2026-10-01T00:00:00Z

/** A copper lot's movement of 10 t from A to B, with every fact known and nothing unusual in any of them. */
const ALL_FACTS: Required<Omit<RefusalFacts, "reason">> = {
  from: A,
  to: B,
  lotId: 3n,
  amount: 10_000n,
  commodity: Commodity.Copper,
  sender: { investorId: 1n, country: 604, investorClass: 3, kycExpiry: OCT_1_2026 },
  receiver: { investorId: 2n, country: 604, investorClass: 3, kycExpiry: OCT_1_2026 },
  rules: { minClass: 0, maxHolders: 0, holders: 1, lockupEnd: 0, minHolding: 0n },
  holdReason: "OECD DD red flag review",
  senderBalance: 100_000n,
  receiverBalance: 0n,
  senderFrozen: 0n,
};

interface Case {
  /** Facts that differ from `ALL_FACTS` for this reason. */
  facts?: Partial<RefusalFacts>;
  /** The sentence from those facts. */
  detailed: string;
  /** The sentence from the reason and the parties alone. */
  bare: string;
}

// A record over the generated reason names: a new Solidity reason does not compile here until it has its case.
const CASES: { [R in ReasonName]: Case } = {
  ok: {
    detailed: "0x1234..5678 may transfer 10.000 t Cu of lot 3 to 0xabCD..EF01",
    bare: "0x1234..5678 may transfer units of lot 3 to 0xabCD..EF01",
  },
  paused: {
    detailed: "lot 3 cannot move: all transfers of units are paused",
    bare: "lot 3 cannot move: all transfers of units are paused",
  },
  "lot-on-hold": {
    detailed: "lot 3 is on hold (OECD DD red flag review), so its units cannot move",
    bare: "lot 3 is on hold, so its units cannot move",
  },
  "sender-not-verified": {
    facts: { sender: { investorId: 0n, country: 0, investorClass: 0, kycExpiry: 0 } },
    detailed: "0x1234..5678 cannot send lot 3: it is not in the investor registry",
    bare: "0x1234..5678 cannot send lot 3: it is not a verified investor",
  },
  "sender-kyc-expired": {
    detailed: "0x1234..5678 cannot send lot 3: KYC expired 2026-10-01",
    bare: "0x1234..5678 cannot send lot 3: its KYC has expired",
  },
  "sender-frozen": {
    detailed: "0x1234..5678 cannot send lot 3: its account is frozen",
    bare: "0x1234..5678 cannot send lot 3: its account is frozen",
  },
  "receiver-not-verified": {
    facts: { receiver: { investorId: 2n, country: 604, investorClass: 0, kycExpiry: OCT_1_2026 } },
    detailed: "0xabCD..EF01 cannot receive lot 3: it was removed from the investor registry (investor 2)",
    bare: "0xabCD..EF01 cannot receive lot 3: it is not a verified investor",
  },
  "receiver-kyc-expired": {
    detailed: "0xabCD..EF01 cannot receive lot 3: KYC expired 2026-10-01",
    bare: "0xabCD..EF01 cannot receive lot 3: its KYC has expired",
  },
  "receiver-frozen": {
    detailed: "0xabCD..EF01 cannot receive lot 3: its account is frozen",
    bare: "0xabCD..EF01 cannot receive lot 3: its account is frozen",
  },
  "country-not-allowed": {
    facts: { receiver: { investorId: 2n, country: 586, investorClass: 3, kycExpiry: OCT_1_2026 } },
    detailed: "0xabCD..EF01 cannot receive lot 3: country PK-586 is not in the lot's allowed list",
    bare: "0xabCD..EF01 cannot receive lot 3: its country is not in the lot's allowed list",
  },
  "class-too-low": {
    facts: {
      receiver: { investorId: 2n, country: 604, investorClass: 1, kycExpiry: OCT_1_2026 },
      rules: { minClass: 2, maxHolders: 0, holders: 1, lockupEnd: 0, minHolding: 0n },
    },
    detailed: "0xabCD..EF01 cannot receive lot 3: its investor class is retail, below the lot's minimum of accredited",
    bare: "0xabCD..EF01 cannot receive lot 3: its investor class is below the lot's minimum",
  },
  "holder-limit": {
    facts: { rules: { minClass: 0, maxHolders: 2, holders: 2, lockupEnd: 0, minHolding: 0n } },
    detailed: "0xabCD..EF01 cannot receive lot 3: the lot is limited to 2 holders and already has 2, so it cannot take a new one",
    bare: "0xabCD..EF01 cannot receive lot 3: the lot has reached its maximum number of holders",
  },
  "below-minimum-holding": {
    facts: { rules: { minClass: 0, maxHolders: 0, holders: 1, lockupEnd: 0, minHolding: 20_000n }, receiverBalance: 5_000n },
    detailed: "0xabCD..EF01 cannot receive lot 3: it would hold 15.000 t Cu, below the lot's minimum holding of 20.000 t Cu",
    bare: "0xabCD..EF01 cannot receive lot 3: it would hold less than the lot's minimum holding",
  },
  "sender-below-minimum-holding": {
    facts: { amount: 90_000n, rules: { minClass: 0, maxHolders: 0, holders: 1, lockupEnd: 0, minHolding: 20_000n } },
    detailed:
      "0x1234..5678 cannot send lot 3: it would keep 10.000 t Cu of its 100.000 t Cu, below the lot's minimum holding of 20.000 t Cu (it may move all of it or keep at least the minimum)",
    bare: "0x1234..5678 cannot send lot 3: it would keep less than the lot's minimum holding",
  },
  "locked-up": {
    facts: { rules: { minClass: 0, maxHolders: 0, holders: 1, lockupEnd: OCT_1_2026, minHolding: 0n } },
    detailed: "lot 3 is locked up until 2026-10-01T00:00:00.000Z",
    bare: "lot 3 is locked up",
  },
  "insufficient-unfrozen-balance": {
    facts: { amount: 70_000n, senderFrozen: 40_000n },
    detailed: "0x1234..5678 cannot send lot 3: 40.000 t Cu of its 100.000 t Cu are frozen, so at most 60.000 t Cu may move",
    bare: "0x1234..5678 cannot send lot 3: the amount exceeds its unfrozen balance",
  },
  "lot-settling": {
    detailed:
      "lot 3 is settling or retired, so its units no longer trade between investors and are not burned by them (they can still be redeemed at the proceeds vault or handed to a platform escrow)",
    bare: "lot 3 is settling or retired, so its units no longer trade between investors and are not burned by them (they can still be redeemed at the proceeds vault or handed to a platform escrow)",
  },
};

describe("refusalSentence: facts in, sentence out, no chain", function () {
  for (const reason of REASONS) {
    const { facts = {}, detailed, bare } = CASES[reason];

    it(`explains ${reason} with the figures it is given`, function () {
      expect(refusalSentence({ ...ALL_FACTS, ...facts, reason })).to.equal(detailed);
    });

    it(`explains ${reason} from the reason and the parties alone`, function () {
      expect(refusalSentence({ reason, from: A, to: B, lotId: 3n })).to.equal(bare);
      expect(describeRefusal(reason, A, B, 3n)).to.equal(bare);
    });

    it(`explains ${reason} from only the facts REFUSAL_FACTS lists for it`, function () {
      const all: RefusalFacts = { ...ALL_FACTS, ...facts, reason };
      const listed: RefusalFacts = { reason, from: A, to: B, lotId: 3n, amount: all.amount, commodity: all.commodity };
      for (const fact of REFUSAL_FACTS[reason]) Object.assign(listed, { [fact]: all[fact] });
      expect(refusalSentence(listed)).to.equal(detailed);
    });
  }

  it("tells a wallet removed from the registry from one never in it, for the sender too", function () {
    const removed = { ...ALL_FACTS.sender, investorClass: 0 };
    expect(refusalSentence({ ...ALL_FACTS, reason: "sender-not-verified", sender: removed })).to.equal(
      "0x1234..5678 cannot send lot 3: it was removed from the investor registry (investor 1)",
    );
  });

  it("counts a receiver sending to itself at its balance, not its balance plus the amount", function () {
    const facts = CASES["below-minimum-holding"].facts;
    expect(refusalSentence({ ...ALL_FACTS, ...facts, reason: "below-minimum-holding", to: A, receiverBalance: 5_000n })).to.equal(
      "0x1234..5678 cannot receive lot 3: it would hold 5.000 t Cu, below the lot's minimum holding of 20.000 t Cu",
    );
  });

  it("says a sender with nothing frozen holds fewer units than asked for", function () {
    expect(refusalSentence({ ...ALL_FACTS, reason: "insufficient-unfrozen-balance", amount: 200_000n })).to.equal(
      "0x1234..5678 cannot send lot 3: it holds 100.000 t Cu, fewer than the 200.000 t Cu asked for",
    );
  });

  it("prints quantities in base units when the commodity is not known", function () {
    expect(refusalSentence({ ...ALL_FACTS, reason: "ok", commodity: undefined })).to.equal(
      "0x1234..5678 may transfer 10000 base units of lot 3 to 0xabCD..EF01",
    );
  });

  it("reasonName reads an on-chain value and knows no value past the enum", function () {
    expect(reasonName(0)).to.equal("ok");
    expect(reasonName(9n)).to.equal("country-not-allowed");
    expect(reasonName(REASONS.length)).to.equal(undefined);
    expect(reasonName(-1)).to.equal(undefined);
    expect(reasonName(1.5)).to.equal(undefined);
  });
});

describe("the errors of explaining a refusal, typed by literal name", function () {
  it("each error's runtime name is the literal its type declares, so a union of them narrows by name", function () {
    const errors: ExplainRefusalErrorType[] = [
      new InvalidArgumentError("reason", "one of ok, paused", "bad-weather") as InvalidArgumentErrorType,
      new ContractRevertError("UnknownLot", [9n], "Lot 9 does not exist") as ContractRevertErrorType,
      new TransactionError("the chain could not be reached") as TransactionErrorType,
    ];
    // Each branch reads a field only its own error has: this compiles only because `name` is a literal per type.
    const told = errors.map((error) => {
      switch (error.name) {
        case "InvalidArgumentError":
          return error.argument;
        case "ContractRevertError":
          return error.errorName;
        case "TransactionError":
          return error.shortMessage;
      }
    });
    expect(told).to.deep.equal(["reason", "UnknownLot", "the chain could not be reached"]);
  });
});
