/**
 * The compliance layer through the SDK, against a real in-process chain: per-lot rules, `checkTransfer` with its
 * reason and plain sentence for every reason the token can give, the `TransferRefusedError` that transfers, batch
 * transfers, mints and burns throw with that same sentence, freezes, forced transfers, pause and holder counting
 * across linked wallets.
 *
 * Every test starts from the same snapshot (`loadFixture`): the platform with the issuer and investors A to D
 * registered (A: Peru, institutional; B: Switzerland, accredited; C: Pakistan, retail; D: United States,
 * accredited), and two warehoused copper lots of which investor A holds 100 t and 50 t.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { parseEventLogs, zeroAddress, type Address } from "viem";

import {
  Commodity,
  Quantity,
  REASONS,
  TransferRefusedError,
  lotTokenAbi,
  type ReasonName,
} from "../../src/index.ts";
import {
  DAY_MS,
  advanceTime,
  chainState,
  chainTime,
  deployPlatformOn,
  expectChainUnchanged,
  expectRefused,
  expectRevert,
  shortAddress,
  warehousedCopperLot,
  type Actor,
  type Platform,
} from "./helpers/platform.ts";

const connection = await network.create();

interface Fixture {
  platform: Platform;
  /** A warehoused copper lot; investor A holds 100 t. */
  copper: bigint;
  /** Another warehoused copper lot; investor A holds 50 t. */
  second: bigint;
}

async function complianceFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  const second = await warehousedCopperLot(platform);
  await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: t("100") });
  await platform.as.issuer.mintUnits({ lotId: second, to: platform.address.investorA, amount: t("50") });
  return { platform, copper, second };
}

const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(complianceFixture);

/** A copper quantity in tonnes, as a trader would type it. */
const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);
const who = (f: Fixture, actor: Actor): string => shortAddress(f.platform.address[actor]);
/** Investor ids in registration order: the issuer 1, then A 2, B 3, C 4, D 5. */
const INVESTOR_ID = { issuer: 1n, investorA: 2n, investorB: 3n, investorC: 4n, investorD: 5n } as const;

/** Sets the KYC of a registered investor to expire `seconds` from now, then lets that time pass. */
async function expireKyc(f: Fixture, actor: keyof typeof INVESTOR_ID, country: number, investorClass: "institutional" | "accredited" | "retail"): Promise<Date> {
  const kycExpiry = new Date((await chainTime(f.platform)).getTime() + 3_600_000);
  await f.platform.as.compliance.updateInvestor({ investorId: INVESTOR_ID[actor], country, investorClass, kycExpiry });
  await advanceTime(f.platform, 7_200);
  return kycExpiry;
}

/** One state of the chain in which a transfer from investor A is refused (or allowed), and the sentence for it. */
interface ReasonCase {
  reason: ReasonName;
  title: string;
  setup?: (f: Fixture) => Promise<unknown>;
  from?: Actor;
  to: Actor;
  amount: Quantity;
  message: (f: Fixture, context: Record<string, string>) => string;
  /** Whether `transferUnits` reaches the compliance rules (false when ERC-1155's own balance check refuses first). */
  transferRefused?: boolean;
}

const REASON_CASES: ReasonCase[] = [
  {
    reason: "ok",
    title: "a transfer between two verified investors with no lot rules",
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "investorA")} may transfer 10.000 t Cu of lot ${f.copper} to ${who(f, "investorB")}`,
    transferRefused: false,
  },
  {
    reason: "lot-settling",
    title: "a transfer between investors once the lot is settling",
    setup: (f) => f.platform.as.issuer.startSettlement({ lotId: f.copper, saleRef: "OFFTAKE-2026-117", treasury: f.platform.address.issuer }),
    to: "investorB",
    amount: t("10"),
    message: (f) =>
      `lot ${f.copper} is settling or retired, so its units no longer trade between investors and are not burned by them (they can still be redeemed at the proceeds vault or handed to a platform escrow)`,
  },
  {
    reason: "paused",
    title: "any transfer while transfers are paused",
    setup: (f) => f.platform.as.pauser.pauseTransfers(),
    to: "investorB",
    amount: t("10"),
    message: (f) => `lot ${f.copper} cannot move: all transfers of units are paused`,
  },
  {
    reason: "lot-on-hold",
    title: "a transfer of a lot on hold, with the hold's reason",
    setup: (f) => f.platform.as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "OECD DD red flag review" }),
    to: "investorB",
    amount: t("10"),
    message: (f) => `lot ${f.copper} is on hold (OECD DD red flag review), so its units cannot move`,
  },
  {
    reason: "sender-not-verified",
    title: "a transfer from a wallet removed from the registry",
    setup: (f) => f.platform.as.compliance.removeInvestor({ wallet: f.platform.address.investorA }),
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "investorA")} cannot send lot ${f.copper}: it was removed from the investor registry (investor 2)`,
  },
  {
    reason: "sender-not-verified",
    title: "a transfer from a wallet never registered",
    from: "outsider",
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "outsider")} cannot send lot ${f.copper}: it is not in the investor registry`,
    transferRefused: false, // the outsider holds nothing: ERC-1155's balance check refuses first
  },
  {
    reason: "sender-kyc-expired",
    title: "a transfer from an investor whose KYC has expired, with the date",
    setup: async (f) => ({ day: (await expireKyc(f, "investorA", 604, "institutional")).toISOString().slice(0, 10) }),
    to: "investorB",
    amount: t("10"),
    message: (f, c) => `${who(f, "investorA")} cannot send lot ${f.copper}: KYC expired ${c.day}`,
  },
  {
    reason: "sender-frozen",
    title: "a transfer from a frozen account",
    setup: (f) => f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorA, frozen: true }),
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "investorA")} cannot send lot ${f.copper}: its account is frozen`,
  },
  {
    reason: "receiver-not-verified",
    title: "a transfer to a wallet never registered",
    to: "outsider",
    amount: t("10"),
    message: (f) => `${who(f, "outsider")} cannot receive lot ${f.copper}: it is not in the investor registry`,
  },
  {
    reason: "receiver-kyc-expired",
    title: "a transfer to an investor whose KYC has expired, with the date",
    setup: async (f) => ({ day: (await expireKyc(f, "investorB", 756, "accredited")).toISOString().slice(0, 10) }),
    to: "investorB",
    amount: t("10"),
    message: (f, c) => `${who(f, "investorB")} cannot receive lot ${f.copper}: KYC expired ${c.day}`,
  },
  {
    reason: "receiver-frozen",
    title: "a transfer to a frozen account",
    setup: (f) => f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorB, frozen: true }),
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "investorB")} cannot receive lot ${f.copper}: its account is frozen`,
  },
  {
    reason: "country-not-allowed",
    title: "a transfer to an investor of a country not on the lot's allowed list, with the country",
    setup: async (f) => {
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, restrictCountries: true });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.copper, countries: [604, 756], allowed: true });
    },
    to: "investorC",
    amount: t("10"),
    message: (f) => `${who(f, "investorC")} cannot receive lot ${f.copper}: country PK-586 is not in the lot's allowed list`,
  },
  {
    reason: "class-too-low",
    title: "a transfer to a retail investor of a lot for accredited investors, with both classes",
    setup: (f) => f.platform.as.compliance.setLotRules({ lotId: f.copper, minClass: "accredited" }),
    to: "investorC",
    amount: t("10"),
    message: (f) => `${who(f, "investorC")} cannot receive lot ${f.copper}: its investor class is retail, below the lot's minimum of accredited`,
  },
  {
    reason: "holder-limit",
    title: "a transfer to a new holder of a lot at its holder limit, with the numbers",
    setup: async (f) => {
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, maxHolders: 2 });
      await f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("10") });
    },
    to: "investorC",
    amount: t("10"),
    message: (f) => `${who(f, "investorC")} cannot receive lot ${f.copper}: the lot is limited to 2 holders and already has 2, so it cannot take a new one`,
  },
  {
    reason: "below-minimum-holding",
    title: "a transfer that would leave the receiver below the minimum holding, in tonnes",
    setup: (f) => f.platform.as.compliance.setLotRules({ lotId: f.copper, minHolding: t("20") }),
    to: "investorB",
    amount: t("10"),
    message: (f) => `${who(f, "investorB")} cannot receive lot ${f.copper}: it would hold 10.000 t Cu, below the lot's minimum holding of 20.000 t Cu`,
  },
  {
    reason: "sender-below-minimum-holding",
    title: "a transfer that would leave the sender below the minimum holding, in tonnes",
    setup: (f) => f.platform.as.compliance.setLotRules({ lotId: f.copper, minHolding: t("20") }),
    to: "investorB",
    amount: t("90"),
    message: (f) =>
      `${who(f, "investorA")} cannot send lot ${f.copper}: it would keep 10.000 t Cu of its 100.000 t Cu, below the lot's minimum holding of 20.000 t Cu (it may move all of it or keep at least the minimum)`,
  },
  {
    reason: "locked-up",
    title: "a transfer before the lot's lock-up ends, with the date",
    setup: async (f) => {
      const lockupEnd = new Date(Math.floor(((await chainTime(f.platform)).getTime() + 30 * DAY_MS) / 1000) * 1000);
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, lockupEnd });
      return { lockupEnd: lockupEnd.toISOString() };
    },
    to: "investorB",
    amount: t("10"),
    message: (f, c) => `lot ${f.copper} is locked up until ${c.lockupEnd}`,
  },
  {
    reason: "insufficient-unfrozen-balance",
    title: "a transfer of more than the unfrozen part of a partly frozen position, with the figures",
    setup: (f) => f.platform.as.compliance.setFrozenUnits({ account: f.platform.address.investorA, lotId: f.copper, amount: t("40") }),
    to: "investorB",
    amount: t("70"),
    message: (f) => `${who(f, "investorA")} cannot send lot ${f.copper}: 40.000 t Cu of its 100.000 t Cu are frozen, so at most 60.000 t Cu may move`,
  },
  {
    reason: "insufficient-unfrozen-balance",
    title: "a transfer of more than the sender holds, with nothing frozen",
    to: "investorB",
    amount: t("200"),
    message: (f) => `${who(f, "investorA")} cannot send lot ${f.copper}: it holds 100.000 t Cu, fewer than the 200.000 t Cu asked for`,
    transferRefused: false, // ERC-1155's balance check refuses first, with ERC1155InsufficientBalance
  },
];

describe("compliance through the SDK", function () {
  describe("checkTransfer: the reason and one plain sentence, before anything is sent", function () {
    it("has a case for every reason the token can give", function () {
      expect([...new Set(REASON_CASES.map((c) => c.reason))].sort()).to.deep.equal([...REASONS].sort());
    });

    for (const c of REASON_CASES) {
      it(`${c.reason}: ${c.title}`, async function () {
        const f = await load();
        const context = ((await c.setup?.(f)) ?? {}) as Record<string, string>;
        const from = f.platform.address[c.from ?? "investorA"];
        const before = await chainState(f.platform);
        const check = await f.platform.as.outsider.checkTransfer({ from, to: f.platform.address[c.to], lotId: f.copper, amount: c.amount });
        expect(check).to.deep.equal({ allowed: c.reason === "ok", reason: c.reason, message: c.message(f, context) });
        await expectChainUnchanged(f.platform, before);
      });
    }
  });

  describe("transferUnits refused with a TransferRefusedError saying why in the same sentence", function () {
    for (const c of REASON_CASES.filter((c) => c.transferRefused !== false)) {
      it(`${c.reason}: ${c.title}`, async function () {
        const f = await load();
        const context = ((await c.setup?.(f)) ?? {}) as Record<string, string>;
        const sender = c.from ?? "investorA";
        const before = await chainState(f.platform);
        const error = await expectRefused(
          f.platform.as[sender].transferUnits({ lotId: f.copper, to: f.platform.address[c.to], amount: c.amount }),
          c.reason,
          c.message(f, context),
        );
        expect(error.from).to.equal(f.platform.address[sender]);
        expect(error.to).to.equal(f.platform.address[c.to]);
        expect(error.lotId).to.equal(f.copper);
        expect(error.errorName).to.be.oneOf(["ComplianceViolation", "ERC7943InsufficientUnfrozenBalance"]);
        expect(error.metaMessages).to.include(`Reason: ${c.reason}`);
        await expectChainUnchanged(f.platform, before);
      });
    }

    it("lets the transfer through once the rule is lifted", async function () {
      const f = await load();
      await f.platform.as.pauser.pauseTransfers();
      await f.platform.as.pauser.unpauseTransfers();
      const { transferred } = await f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("10") });
      expect(transferred.format()).to.equal("10.000 t Cu");
    });
  });

  describe("batchTransferUnits refused, naming the lot that breaks a rule", function () {
    it("class too low on the second lot of the batch", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.second, minClass: "institutional" });
      const before = await chainState(f.platform);
      const error = await expectRefused(
        f.platform.as.investorA.batchTransferUnits({
          to: f.platform.address.investorB,
          items: [
            { lotId: f.copper, amount: t("10") },
            { lotId: f.second, amount: t("10") },
          ],
        }),
        "class-too-low",
        `${who(f, "investorB")} cannot receive lot ${f.second}: its investor class is accredited, below the lot's minimum of institutional`,
      );
      expect(error.lotId).to.equal(f.second);
      await expectChainUnchanged(f.platform, before);
    });

    it("a partial freeze on one lot of the batch", async function () {
      const f = await load();
      await f.platform.as.compliance.setFrozenUnits({ account: f.platform.address.investorA, lotId: f.second, amount: t("45") });
      const error = await expectRefused(
        f.platform.as.investorA.batchTransferUnits({
          to: f.platform.address.investorD,
          items: [
            { lotId: f.copper, amount: t("10") },
            { lotId: f.second, amount: t("10") },
          ],
        }),
        "insufficient-unfrozen-balance",
        `${who(f, "investorA")} cannot send lot ${f.second}: 45.000 t Cu of its 50.000 t Cu are frozen, so at most 5.000 t Cu may move`,
      );
      expect(error.errorName).to.equal("ERC7943InsufficientUnfrozenBalance");
      expect(error.to).to.equal(f.platform.address.investorD);
    });

    it("a receiver whose country is not allowed for one of the lots", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.second, restrictCountries: true });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.second, countries: [604], allowed: true });
      await expectRefused(
        f.platform.as.investorA.batchTransferUnits({ to: f.platform.address.investorD, items: [{ lotId: f.second, amount: t("1") }] }),
        "country-not-allowed",
        `${who(f, "investorD")} cannot receive lot ${f.second}: country US-840 is not in the lot's allowed list`,
      );
    });
  });

  describe("mintUnits refused: the receiver's rules apply to a mint", function () {
    it("to a wallet that is not verified", async function () {
      const f = await load();
      const before = await chainState(f.platform);
      const error = await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.outsider, amount: t("1") }),
        "receiver-not-verified",
        `${who(f, "outsider")} cannot receive lot ${f.copper}: it is not in the investor registry`,
      );
      expect(error.from).to.equal(zeroAddress);
      expect(error.to).to.equal(f.platform.address.outsider);
      await expectChainUnchanged(f.platform, before);
    });

    it("to an investor whose KYC has expired", async function () {
      const f = await load();
      const day = (await expireKyc(f, "investorB", 756, "accredited")).toISOString().slice(0, 10);
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") }),
        "receiver-kyc-expired",
        `${who(f, "investorB")} cannot receive lot ${f.copper}: KYC expired ${day}`,
      );
    });

    it("to an investor of a country the lot does not allow", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, restrictCountries: true });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.copper, countries: [604], allowed: true });
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorC, amount: t("1") }),
        "country-not-allowed",
        `${who(f, "investorC")} cannot receive lot ${f.copper}: country PK-586 is not in the lot's allowed list`,
      );
    });

    it("to a new holder beyond the holder limit", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, maxHolders: 1 });
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorD, amount: t("1") }),
        "holder-limit",
        `${who(f, "investorD")} cannot receive lot ${f.copper}: the lot is limited to 1 holders and already has 1, so it cannot take a new one`,
      );
      // An existing holder may still receive more.
      await f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorA, amount: t("1") });
    });

    it("below the minimum holding", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, minHolding: t("5") });
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("4.5") }),
        "below-minimum-holding",
        `${who(f, "investorB")} cannot receive lot ${f.copper}: it would hold 4.500 t Cu, below the lot's minimum holding of 5.000 t Cu`,
      );
    });

    it("while transfers are paused, and while the lot is on hold", async function () {
      const f = await load();
      await f.platform.as.pauser.pauseTransfers();
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") }),
        "paused",
        `lot ${f.copper} cannot move: all transfers of units are paused`,
      );
      await f.platform.as.pauser.unpauseTransfers();
      await f.platform.as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "pledged to Afreximbank" });
      await expectRefused(
        f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") }),
        "lot-on-hold",
        `lot ${f.copper} is on hold (pledged to Afreximbank), so its units cannot move`,
      );
    });

    it("is not stopped by a lock-up", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, lockupEnd: new Date((await chainTime(f.platform)).getTime() + DAY_MS) });
      const { minted } = await f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("1") });
      expect(minted.format()).to.equal("1.000 t Cu");
    });
  });

  describe("lot rules", function () {
    it("are none on a new lot", async function () {
      const f = await load();
      const rules = await f.platform.as.outsider.getLotRules({ lotId: f.copper });
      expect({ ...rules, minHolding: rules.minHolding.base }).to.deep.equal({
        minClass: "none",
        restrictCountries: false,
        allowedCountries: [],
        onHold: false,
        holdReason: undefined,
        maxHolders: 0,
        holders: 1,
        lockupEnd: undefined,
        minHolding: 0n,
      });
    });

    it("read back exactly as set, with the allowed list as it stands after additions and removals", async function () {
      const f = await load();
      const lockupEnd = new Date("2027-01-01T00:00:00Z");
      await f.platform.as.compliance.setLotRules({
        lotId: f.copper,
        minClass: "accredited",
        restrictCountries: true,
        maxHolders: 50,
        lockupEnd,
        minHolding: t("2.5"),
      });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.copper, countries: [756, 604, 586], allowed: true });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.copper, countries: [586], allowed: false });
      await f.platform.as.compliance.setAllowedCountries({ lotId: f.second, countries: [840], allowed: true });
      await f.platform.as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "pledge to Afreximbank" });

      const rules = await f.platform.as.outsider.getLotRules({ lotId: f.copper });
      expect(rules.minClass).to.equal("accredited");
      expect(rules.restrictCountries).to.equal(true);
      expect(rules.allowedCountries).to.deep.equal([604, 756]);
      expect(rules.onHold).to.equal(true);
      expect(rules.holdReason).to.equal("pledge to Afreximbank");
      expect(rules.maxHolders).to.equal(50);
      expect(rules.holders).to.equal(1);
      expect(rules.lockupEnd?.toISOString()).to.equal("2027-01-01T00:00:00.000Z");
      expect(rules.minHolding.format()).to.equal("2.500 t Cu");
      expect((await f.platform.as.outsider.getLotRules({ lotId: f.second })).allowedCountries).to.deep.equal([840]);

      await f.platform.as.compliance.setLotHold({ lotId: f.copper, onHold: false, reason: "" });
      const lifted = await f.platform.as.outsider.getLotRules({ lotId: f.copper });
      expect([lifted.onHold, lifted.holdReason]).to.deep.equal([false, undefined]);
    });

    it("left out of setLotRules are lifted", async function () {
      const f = await load();
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, minClass: "institutional", maxHolders: 3, minHolding: 1n });
      await f.platform.as.compliance.setLotRules({ lotId: f.copper, restrictCountries: true });
      const rules = await f.platform.as.outsider.getLotRules({ lotId: f.copper });
      expect([rules.minClass, rules.restrictCountries, rules.maxHolders, rules.minHolding.base, rules.lockupEnd]).to.deep.equal([
        "none",
        true,
        0,
        0n,
        undefined,
      ]);
    });

    it("refuse a holder limit below the current number of holders, with both numbers", async function () {
      const f = await load();
      await f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: t("10") });
      const before = await chainState(f.platform);
      const error = await expectRevert(f.platform.as.compliance.setLotRules({ lotId: f.copper, maxHolders: 1 }), "MaxHoldersBelowHolders");
      expect(error.shortMessage).to.equal(
        `Cannot set the rules of lot ${f.copper}: Lot ${f.copper} already has 2 holders and reserved holder slots, more than the maximum of 1 asked for`,
      );
      await expectChainUnchanged(f.platform, before);
    });

    it("are the compliance officer's alone", async function () {
      const f = await load();
      const error = await expectRevert(f.platform.as.issuer.setLotRules({ lotId: f.copper, minClass: "retail" }), "AccessControlUnauthorizedAccount");
      expect(error.shortMessage).to.equal(`Cannot set the rules of lot ${f.copper}: ${who(f, "issuer")} does not hold the COMPLIANCE role`);
      await expectRevert(f.platform.as.investorA.setLotHold({ lotId: f.copper, onHold: true, reason: "mine" }), "AccessControlUnauthorizedAccount");
      await expectRevert(
        f.platform.as.pauser.setAllowedCountries({ lotId: f.copper, countries: [604], allowed: true }),
        "AccessControlUnauthorizedAccount",
      );
    });

    it("of a lot that does not exist are refused", async function () {
      const f = await load();
      const error = await expectRevert(f.platform.as.compliance.setLotRules({ lotId: 999n, minClass: "retail" }), "UnknownLot");
      expect(error.shortMessage).to.equal("Cannot read lot 999: Lot 999 does not exist");
      const hold = await expectRevert(f.platform.as.compliance.setLotHold({ lotId: 999n, onHold: true, reason: "test" }), "UnknownLot");
      expect(hold.shortMessage).to.equal("Cannot place a hold on lot 999: Lot 999 does not exist");
    });
  });

  describe("holder counting across linked wallets", function () {
    it("counts an investor once, however many of its wallets hold units", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.linkWallet({ investorId: INVESTOR_ID.investorA, wallet: address.spareWallet });
      await as.compliance.setLotRules({ lotId: f.copper, maxHolders: 2 });
      await as.investorA.transferUnits({ lotId: f.copper, to: address.investorB, amount: t("10") });
      expect((await as.outsider.getLotRules({ lotId: f.copper })).holders).to.equal(2);

      // A's second wallet is the same investor: no new holder, so the limit does not stop it.
      const toSpare = await as.outsider.checkTransfer({ from: address.investorA, to: address.spareWallet, lotId: f.copper, amount: t("30") });
      expect(toSpare.reason).to.equal("ok");
      await as.investorA.transferUnits({ lotId: f.copper, to: address.spareWallet, amount: t("30") });
      expect((await as.outsider.getLotRules({ lotId: f.copper })).holders).to.equal(2);

      await expectRefused(
        as.investorA.transferUnits({ lotId: f.copper, to: address.investorC, amount: t("1") }),
        "holder-limit",
        `${who(f, "investorC")} cannot receive lot ${f.copper}: the lot is limited to 2 holders and already has 2, so it cannot take a new one`,
      );

      // When B sells out to C, one investor leaves as another joins.
      await as.investorB.transferUnits({ lotId: f.copper, to: address.investorC, amount: t("10") });
      expect((await as.outsider.getLotRules({ lotId: f.copper })).holders).to.equal(2);

      // Investor A's first wallet empties into its second: still one holder for A.
      await as.investorA.transferUnits({ lotId: f.copper, to: address.spareWallet, amount: t("60") });
      const rules = await as.outsider.getLotRules({ lotId: f.copper });
      expect(rules.holders).to.equal(2);
      const holders = await as.outsider.getHolders({ lotId: f.copper });
      expect(holders.map((h) => [h.holder, h.balance.toMarket()])).to.deep.equal([
        [address.spareWallet, "90.000"],
        [address.investorC, "10.000"],
      ]);
    });
  });

  describe("freezes", function () {
    it("freeze part of a position, which getFrozenUnits reads in tonnes, and leave the rest free to move", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const { frozen } = await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: t("40") });
      expect(frozen.format()).to.equal("40.000 t Cu");
      expect((await as.outsider.getFrozenUnits({ account: address.investorA, lotId: f.copper })).format()).to.equal("40.000 t Cu");
      expect((await as.outsider.getFrozenUnits({ account: address.investorA, lotId: f.second })).isZero()).to.equal(true);
      await as.investorA.transferUnits({ lotId: f.copper, to: address.investorB, amount: t("60") });
      await expectRefused(
        as.investorA.transferUnits({ lotId: f.copper, to: address.investorB, amount: 1n }),
        "insufficient-unfrozen-balance",
        `${who(f, "investorA")} cannot send lot ${f.copper}: 40.000 t Cu of its 40.000 t Cu are frozen, so at most 0.000 t Cu may move`,
      );
      await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: 0n });
      expect((await as.outsider.getFrozenUnits({ account: address.investorA, lotId: f.copper })).isZero()).to.equal(true);
      await as.investorA.transferUnits({ lotId: f.copper, to: address.investorB, amount: 1n });
    });

    it("may freeze more than the balance (ERC-7943)", async function () {
      const f = await load();
      await f.platform.as.compliance.setFrozenUnits({ account: f.platform.address.investorB, lotId: f.copper, amount: t("500") });
      expect((await f.platform.as.outsider.getFrozenUnits({ account: f.platform.address.investorB, lotId: f.copper })).toMarket()).to.equal("500.000");
    });

    it("freeze and unfreeze a whole account, which getInvestor shows", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.freezeAccount({ account: address.investorB, frozen: true });
      const frozen = await as.outsider.getInvestor({ wallet: address.investorB });
      expect([frozen.frozen, frozen.canSend, frozen.canReceive]).to.deep.equal([true, false, false]);
      await as.compliance.freezeAccount({ account: address.investorB, frozen: false });
      const thawed = await as.outsider.getInvestor({ wallet: address.investorB });
      expect([thawed.frozen, thawed.canSend, thawed.canReceive]).to.deep.equal([false, true, true]);
    });

    it("are the compliance officer's alone", async function () {
      const f = await load();
      const error = await expectRevert(
        f.platform.as.issuer.freezeAccount({ account: f.platform.address.investorA, frozen: true }),
        "AccessControlUnauthorizedAccount",
      );
      expect(error.shortMessage).to.equal(`Cannot freeze ${f.platform.address.investorA}: ${who(f, "issuer")} does not hold the COMPLIANCE role`);
      await expectRevert(
        f.platform.as.investorA.setFrozenUnits({ account: f.platform.address.investorA, lotId: f.copper, amount: 0n }),
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("forced transfers", function () {
    it("recover every unit of a frozen account with partly frozen units, unfreezing them first (ERC-7943 event order)", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.freezeAccount({ account: address.investorA, frozen: true });
      await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: t("40") });
      // Neither the holder, nor the pause, nor a hold stop a forced transfer.
      await as.pauser.pauseTransfers();
      await as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "lost-wallet recovery" });

      const { transferred, receipt } = await as.compliance.forcedTransfer({
        from: address.investorA,
        to: address.investorD,
        lotId: f.copper,
        amount: t("100"),
        reason: "lost-wallet recovery, ticket 2026-114",
      });
      expect(transferred.format()).to.equal("100.000 t Cu");

      const events = parseEventLogs({ abi: lotTokenAbi, logs: receipt.logs });
      const names = events.map((e) => e.eventName);
      expect(names).to.deep.equal(["Frozen", "TransferSingle", "ForcedTransfer", "ForcedTransferReason"]);
      const reasonEvent = events.find((e) => e.eventName === "ForcedTransferReason");
      expect(reasonEvent?.args).to.deep.include({ from: address.investorA, to: address.investorD, lotId: f.copper, amount: 100_000n });
      expect((reasonEvent?.args as { reason: string }).reason).to.equal("lost-wallet recovery, ticket 2026-114");

      expect((await as.outsider.getFrozenUnits({ account: address.investorA, lotId: f.copper })).isZero()).to.equal(true);
      const [held] = await as.outsider.getBalances({ owner: address.investorD });
      expect([held?.lotId, held?.balance.format()]).to.deep.equal([f.copper, "100.000 t Cu"]);
      expect((await as.outsider.getLotRules({ lotId: f.copper })).holders).to.equal(1);
    });

    it("take part of a partly frozen position, lowering the frozen amount to what remains", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.setFrozenUnits({ account: address.investorA, lotId: f.copper, amount: t("40") });
      await as.compliance.forcedTransfer({ from: address.investorA, to: address.investorB, lotId: f.copper, amount: t("70"), reason: "court order" });
      expect((await as.outsider.getFrozenUnits({ account: address.investorA, lotId: f.copper })).format()).to.equal("30.000 t Cu");
    });

    it("recover the units of a wallet removed from the registry", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.removeInvestor({ wallet: address.investorA });
      await as.compliance.forcedTransfer({ from: address.investorA, to: address.investorB, lotId: f.second, amount: t("50"), reason: "offboarding" });
      expect((await as.outsider.getBalances({ owner: address.investorA })).map((h) => h.lotId)).to.deep.equal([f.copper]);
    });

    it("still obey the receiver's rules, refused with the explained sentence", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const before = await chainState(f.platform);
      const error = await expectRefused(
        as.compliance.forcedTransfer({ from: address.investorA, to: address.outsider, lotId: f.copper, amount: t("1"), reason: "court order" }),
        "receiver-not-verified",
        `${who(f, "outsider")} cannot receive lot ${f.copper}: it is not in the investor registry`,
      );
      expect(error.errorName).to.equal("ComplianceViolation");
      await as.compliance.setLotRules({ lotId: f.copper, minClass: "institutional" });
      await expectRefused(
        as.compliance.forcedTransfer({ from: address.investorA, to: address.investorC, lotId: f.copper, amount: t("1"), reason: "court order" }),
        "class-too-low",
        `${who(f, "investorC")} cannot receive lot ${f.copper}: its investor class is retail, below the lot's minimum of institutional`,
      );
      expect((await chainState(f.platform)).nonces.compliance).to.equal(before.nonces.compliance! + 1n);
    });

    it("are the compliance officer's alone", async function () {
      const f = await load();
      const error = await expectRevert(
        f.platform.as.issuer.forcedTransfer({
          from: f.platform.address.investorA,
          to: f.platform.address.issuer,
          lotId: f.copper,
          amount: t("1"),
          reason: "mine now",
        }),
        "AccessControlUnauthorizedAccount",
      );
      expect(error).to.not.be.instanceOf(TransferRefusedError);
      expect(error.shortMessage).to.match(/does not hold the COMPLIANCE role$/);
    });
  });

  describe("pause", function () {
    it("pauses and unpauses every lot, which isPaused reports", async function () {
      const f = await load();
      const { as, address } = f.platform;
      expect(await as.outsider.isPaused()).to.equal(false);
      await as.pauser.pauseTransfers();
      expect(await as.outsider.isPaused()).to.equal(true);
      await expectRefused(
        as.investorA.transferUnits({ lotId: f.second, to: address.investorB, amount: t("1") }),
        "paused",
        `lot ${f.second} cannot move: all transfers of units are paused`,
      );
      await as.pauser.unpauseTransfers();
      expect(await as.outsider.isPaused()).to.equal(false);
    });

    it("refuses to pause twice or unpause when not paused, in words", async function () {
      const f = await load();
      const notPaused = await expectRevert(f.platform.as.pauser.unpauseTransfers(), "ExpectedPause");
      expect(notPaused.shortMessage).to.equal("Cannot unpause transfers: Transfers of units are not paused");
      await f.platform.as.pauser.pauseTransfers();
      const twice = await expectRevert(f.platform.as.pauser.pauseTransfers(), "EnforcedPause");
      expect(twice.shortMessage).to.equal("Cannot pause transfers: Transfers of units are paused");
    });

    it("is the pauser's alone", async function () {
      const f = await load();
      const error = await expectRevert(f.platform.as.compliance.pauseTransfers(), "AccessControlUnauthorizedAccount");
      expect(error.shortMessage).to.equal(`Cannot pause transfers: ${who(f, "compliance")} does not hold the PAUSER role`);
    });
  });

  describe("explainRefusal", function () {
    it("explains a reason given by name for any parties, amounts in the lot's market unit", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.setLotRules({ lotId: f.copper, minHolding: t("20") });
      expect(
        await as.outsider.explainRefusal({ reason: "below-minimum-holding", from: zeroAddress, to: address.investorB, lotId: f.copper, amount: 5_000n }),
      ).to.equal(`${who(f, "investorB")} cannot receive lot ${f.copper}: it would hold 5.000 t Cu, below the lot's minimum holding of 20.000 t Cu`);
      expect(
        await as.outsider.explainRefusal({ reason: "sender-frozen", from: address.investorD, to: address.investorB as Address, lotId: f.copper, amount: 1n }),
      ).to.equal(`${who(f, "investorD")} cannot send lot ${f.copper}: its account is frozen`);
    });
  });
});
