/**
 * The investor and compliance actions check their arguments before anything is sent: a malformed argument throws an
 * `InvalidArgumentError` that names it, and the chain is left exactly as it was (no block mined, no nonce used).
 * Untyped callers (JavaScript, a CLI passing parsed text) can pass values the TypeScript types exclude; those are
 * refused the same way.
 */
import { zeroAddress, type Address, type Hex } from "viem";

import {
  Commodity,
  Quantity,
  type Eligibility,
  type InvestorClassName,
  type ReasonName,
} from "../../src/index.ts";
import {
  DAY_MS,
  chainState,
  chainTime,
  deployPlatformFixture,
  expectChainUnchanged,
  expectInvalidArgument,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

/** Passes a value the types forbid, as an untyped (JavaScript or CLI) caller could. */
const unsafe = <T>(value: unknown): T => value as T;

interface Fixture {
  platform: Platform;
  /** A warehoused copper lot; investor A holds 100 t. */
  copper: bigint;
  /** A year of chain time ahead. */
  future: Date;
  /** A day of chain time back. */
  past: Date;
  signed: { eligibility: Eligibility; signature: Hex };
}

interface Refusal {
  title: string;
  argument: string;
  call: (f: Fixture) => Promise<unknown>;
}

describe("investor and compliance argument validation before sending", function () {
  const fixture = {} as Fixture;

  before(async function () {
    const platform = await deployPlatformFixture();
    const copper = await warehousedCopperLot(platform);
    await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: Quantity.parse(Commodity.Copper, "100 t") });
    const now = (await chainTime(platform)).getTime();
    const future = new Date(now + 365 * DAY_MS);
    const signed = await platform.as.compliance.signEligibility({
      wallet: platform.address.spareWallet,
      country: 604,
      investorClass: "retail",
      kycExpiry: future,
      deadline: new Date(now + DAY_MS),
    });
    Object.assign(fixture, { platform, copper, future, past: new Date(now - DAY_MS), signed });
  });

  function shouldRefuseBeforeSending(action: string, refusals: readonly Refusal[]): void {
    describe(action, function () {
      for (const refusal of refusals) {
        it(`refuses ${refusal.title}, naming ${refusal.argument}, and sends nothing`, async function () {
          const before = await chainState(fixture.platform);
          await expectInvalidArgument(refusal.call(fixture), refusal.argument);
          await expectChainUnchanged(fixture.platform, before);
        });
      }
    });
  }

  const register = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.registerInvestor({
      wallet: f.platform.address.spareWallet,
      country: 604,
      investorClass: "retail",
      kycExpiry: f.future,
      ...(overrides as object),
    });

  shouldRefuseBeforeSending("registerInvestor", [
    { title: "a wallet that is not an address", argument: "wallet", call: (f) => register(f, { wallet: "0x1234" }) },
    { title: "the zero address", argument: "wallet", call: (f) => register(f, { wallet: zeroAddress }) },
    { title: "country 0", argument: "country", call: (f) => register(f, { country: 0 }) },
    { title: "country 1000", argument: "country", call: (f) => register(f, { country: 1000 }) },
    { title: 'the country as the text "PK"', argument: "country", call: (f) => register(f, { country: "PK" }) },
    { title: 'the class "none"', argument: "investorClass", call: (f) => register(f, { investorClass: unsafe<InvestorClassName>("none") }) },
    { title: 'an unknown class "professional"', argument: "investorClass", call: (f) => register(f, { investorClass: "professional" }) },
    { title: "a class given as a number", argument: "investorClass", call: (f) => register(f, { investorClass: 2 }) },
    { title: "a KYC expiry in the chain's past", argument: "kycExpiry", call: (f) => register(f, { kycExpiry: f.past }) },
    { title: "an invalid KYC expiry", argument: "kycExpiry", call: (f) => register(f, { kycExpiry: new Date("never") }) },
    { title: "a KYC expiry given as text", argument: "kycExpiry", call: (f) => register(f, { kycExpiry: "2027-01-01" }) },
  ]);

  const update = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.updateInvestor({ investorId: 2n, country: 604, investorClass: "retail", kycExpiry: f.future, ...(overrides as object) });

  shouldRefuseBeforeSending("updateInvestor", [
    { title: "investor id 0", argument: "investorId", call: (f) => update(f, { investorId: 0n }) },
    { title: 'investor id "abc"', argument: "investorId", call: (f) => update(f, { investorId: "abc" }) },
    { title: "an investor id above 2^64 - 1", argument: "investorId", call: (f) => update(f, { investorId: 2n ** 64n }) },
    { title: "country -1", argument: "country", call: (f) => update(f, { country: -1 }) },
    { title: "the class of a lot minimum that is not one", argument: "investorClass", call: (f) => update(f, { investorClass: "gold" }) },
    { title: "a KYC expiry in the chain's past", argument: "kycExpiry", call: (f) => update(f, { kycExpiry: f.past }) },
  ]);

  shouldRefuseBeforeSending("linkWallet and removeInvestor", [
    { title: "a linked wallet of zero", argument: "wallet", call: (f) => f.platform.as.compliance.linkWallet({ investorId: 2n, wallet: zeroAddress }) },
    { title: "a negative investor id", argument: "investorId", call: (f) => f.platform.as.compliance.linkWallet({ investorId: -2, wallet: f.platform.address.spareWallet }) },
    { title: "a removed wallet that is not an address", argument: "wallet", call: (f) => f.platform.as.compliance.removeInvestor({ wallet: unsafe<Address>("investor B") }) },
    { title: "a wallet to read that is not an address", argument: "wallet", call: (f) => f.platform.as.outsider.getInvestor({ wallet: unsafe<Address>(42) }) },
  ]);

  const sign = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.signEligibility({
      wallet: f.platform.address.spareWallet,
      country: 604,
      investorClass: "retail",
      kycExpiry: f.future,
      deadline: f.future,
      ...(overrides as object),
    });

  shouldRefuseBeforeSending("signEligibility", [
    { title: "a deadline in the chain's past", argument: "deadline", call: (f) => sign(f, { deadline: f.past }) },
    { title: "a KYC expiry in the chain's past", argument: "kycExpiry", call: (f) => sign(f, { kycExpiry: f.past }) },
    { title: "an investor id of -1", argument: "investorId", call: (f) => sign(f, { investorId: -1 }) },
    { title: "a wallet of zero", argument: "wallet", call: (f) => sign(f, { wallet: zeroAddress }) },
  ]);

  const submit = (f: Fixture, eligibility: Record<string, unknown>, signature: unknown = f.signed.signature) =>
    f.platform.as.spareWallet.submitEligibility({
      eligibility: unsafe<Eligibility>({ ...f.signed.eligibility, ...eligibility }),
      signature: unsafe<Hex>(signature),
    });

  shouldRefuseBeforeSending("submitEligibility", [
    { title: "a signature of 64 bytes", argument: "signature", call: (f) => submit(f, {}, f.signed.signature.slice(0, 130)) },
    { title: "a signature that is not hex", argument: "signature", call: (f) => submit(f, {}, `0x${"zz".repeat(65)}`) },
    { title: "a statement for the zero address", argument: "eligibility.wallet", call: (f) => submit(f, { wallet: zeroAddress }) },
    { title: "an investor class 4", argument: "eligibility.investorClass", call: (f) => submit(f, { investorClass: 4 }) },
    { title: "country 1000", argument: "eligibility.country", call: (f) => submit(f, { country: 1000 }) },
    { title: "a negative issue time", argument: "eligibility.issuedAt", call: (f) => submit(f, { issuedAt: -1 }) },
    { title: "a deadline as a fraction", argument: "eligibility.deadline", call: (f) => submit(f, { deadline: 1.5 }) },
    { title: "no statement at all", argument: "eligibility", call: (f) => f.platform.as.spareWallet.submitEligibility({ eligibility: unsafe<Eligibility>(null), signature: f.signed.signature }) },
  ]);

  const rules = (f: Fixture, overrides: Record<string, unknown>) => f.platform.as.compliance.setLotRules({ lotId: f.copper, ...(overrides as object) });

  shouldRefuseBeforeSending("setLotRules", [
    { title: "lot id 0", argument: "lotId", call: (f) => rules(f, { lotId: 0 }) },
    { title: 'a minimum class "gold"', argument: "minClass", call: (f) => rules(f, { minClass: "gold" }) },
    { title: 'restrictCountries as the text "yes"', argument: "restrictCountries", call: (f) => rules(f, { restrictCountries: "yes" }) },
    { title: "a negative holder limit", argument: "maxHolders", call: (f) => rules(f, { maxHolders: -1 }) },
    { title: "a holder limit above 2^32 - 1", argument: "maxHolders", call: (f) => rules(f, { maxHolders: 2 ** 32 }) },
    { title: "an invalid lock-up end", argument: "lockupEnd", call: (f) => rules(f, { lockupEnd: new Date(Number.NaN) }) },
    { title: "a minimum holding of gold for a copper lot", argument: "minHolding", call: (f) => rules(f, { minHolding: Quantity.parse(Commodity.Gold, "1 ozt", undefined, "half-even") }) },
    { title: "a negative minimum holding", argument: "minHolding", call: (f) => rules(f, { minHolding: -1n }) },
  ]);

  const countries = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.setAllowedCountries({ lotId: f.copper, countries: [604], allowed: true, ...(overrides as object) });

  shouldRefuseBeforeSending("setAllowedCountries", [
    { title: "an empty list", argument: "countries", call: (f) => countries(f, { countries: [] }) },
    { title: "a list that is not an array", argument: "countries", call: (f) => countries(f, { countries: 604 }) },
    { title: "country 0 in the list", argument: "countries[1]", call: (f) => countries(f, { countries: [604, 0] }) },
    { title: "country 1000 in the list", argument: "countries[0]", call: (f) => countries(f, { countries: [1000] }) },
    { title: 'allowed as the text "true"', argument: "allowed", call: (f) => countries(f, { allowed: "true" }) },
  ]);

  const hold = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.setLotHold({ lotId: f.copper, onHold: true, reason: "court order", ...(overrides as object) });

  shouldRefuseBeforeSending("setLotHold", [
    { title: "a reason of 33 bytes", argument: "reason", call: (f) => hold(f, { reason: "Due diligence red flag, OECD step" }) },
    { title: "an empty reason for placing a hold", argument: "reason", call: (f) => hold(f, { reason: "" }) },
    { title: "no reason at all", argument: "reason", call: (f) => hold(f, { reason: undefined }) },
    { title: 'onHold as the number 1', argument: "onHold", call: (f) => hold(f, { onHold: 1 }) },
  ]);

  const check = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.outsider.checkTransfer({
      from: f.platform.address.investorA,
      to: f.platform.address.investorB,
      lotId: f.copper,
      amount: 1n,
      ...(overrides as object),
    });

  shouldRefuseBeforeSending("checkTransfer and explainRefusal", [
    { title: "a sender that is not an address", argument: "from", call: (f) => check(f, { from: "0x12" }) },
    { title: "the zero address as receiver", argument: "to", call: (f) => check(f, { to: zeroAddress }) },
    { title: "a zero amount", argument: "amount", call: (f) => check(f, { amount: 0n }) },
    { title: "a quantity of tungsten for a copper lot", argument: "amount", call: (f) => check(f, { amount: Quantity.parse(Commodity.Tungsten, "1 mtu") }) },
    {
      title: "an unknown reason",
      argument: "reason",
      call: (f) =>
        f.platform.as.outsider.explainRefusal({
          reason: unsafe<ReasonName>("bad-weather"),
          from: f.platform.address.investorA,
          to: f.platform.address.investorB,
          lotId: f.copper,
          amount: 1n,
        }),
    },
  ]);

  shouldRefuseBeforeSending("freezes", [
    { title: 'frozen as the text "false"', argument: "frozen", call: (f) => f.platform.as.compliance.freezeAccount({ account: f.platform.address.investorA, frozen: unsafe<boolean>("false") }) },
    { title: "freezing the zero address", argument: "account", call: (f) => f.platform.as.compliance.freezeAccount({ account: zeroAddress, frozen: true }) },
    {
      title: "a negative frozen amount",
      argument: "amount",
      call: (f) => f.platform.as.compliance.setFrozenUnits({ account: f.platform.address.investorA, lotId: f.copper, amount: -1n }),
    },
    {
      title: "frozen units of a lot id that is not one",
      argument: "lotId",
      call: (f) => f.platform.as.compliance.setFrozenUnits({ account: f.platform.address.investorA, lotId: "first", amount: 1n }),
    },
    { title: "reading frozen units of the zero address", argument: "account", call: (f) => f.platform.as.outsider.getFrozenUnits({ account: zeroAddress, lotId: f.copper }) },
  ]);

  const forced = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.compliance.forcedTransfer({
      from: f.platform.address.investorA,
      to: f.platform.address.investorB,
      lotId: f.copper,
      amount: 1n,
      reason: "court order",
      ...(overrides as object),
    });

  shouldRefuseBeforeSending("forcedTransfer", [
    { title: "an empty reason", argument: "reason", call: (f) => forced(f, { reason: " " }) },
    { title: "a reason of 1,025 bytes", argument: "reason", call: (f) => forced(f, { reason: "x".repeat(1025) }) },
    { title: "the sender as receiver", argument: "to", call: (f) => forced(f, { to: f.platform.address.investorA }) },
    { title: "the zero address as sender", argument: "from", call: (f) => forced(f, { from: zeroAddress }) },
    { title: "a zero amount", argument: "amount", call: (f) => forced(f, { amount: 0n }) },
  ]);
});
