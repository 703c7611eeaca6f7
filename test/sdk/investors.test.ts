/**
 * The investor registry through the SDK, against a real in-process chain: registering, updating, linking and
 * removing investors, the `getInvestor` view, EIP-712 eligibility statements signed by a compliance officer and
 * submitted by the investor, and every refusal decoded into words.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, keccak256, recoverTypedDataAddress, stringToHex, type Address, type Hex } from "viem";

import {
  ELIGIBILITY_TYPES,
  INVESTOR_CLASSES,
  REASONS,
  ROLES,
  countryLabel,
  describeRefusal,
  eligibilityDomain,
  explainRevert,
  kebabCase,
  type Eligibility,
} from "../../src/index.ts";
import { solidityEnumMembers } from "./helpers/compiled.ts";
import {
  DAY_MS,
  INVESTOR_PROFILES,
  advanceTime,
  chainState,
  chainTime,
  deployPlatformOn,
  expectChainUnchanged,
  expectRevert,
  shortAddress,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

const connection = await network.create();

interface Fixture {
  platform: Platform;
  /** A warehoused copper lot with nothing minted. */
  copper: bigint;
  /** A whole-second KYC expiry two years of chain time ahead. */
  kycExpiry: Date;
  /** A whole-second deadline a week of chain time ahead. */
  deadline: Date;
}

async function investorsFixture(): Promise<Fixture> {
  const platform = await deployPlatformOn(connection);
  const copper = await warehousedCopperLot(platform);
  const now = (await chainTime(platform)).getTime();
  return { platform, copper, kycExpiry: new Date(now + 730 * DAY_MS), deadline: new Date(now + 7 * DAY_MS) };
}

const load = (): Promise<Fixture> => connection.networkHelpers.loadFixture(investorsFixture);

/** Addresses that are nobody's account, for wallets that are only linked. */
const wallet = (n: number): Address => getAddress(`0x${n.toString(16).padStart(4, "0")}${"ab".repeat(18)}`);

describe("the investor registry through the SDK", function () {
  describe("registerInvestor and getInvestor", function () {
    it("registers a new investor with a new id, and reads it back with its country label and class by name", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const { investorId, receipt } = await as.compliance.registerInvestor({
        wallet: address.spareWallet,
        country: 586,
        investorClass: "accredited",
        kycExpiry: f.kycExpiry,
      });
      // The fixture registered five wallets first (issuer, investors A to D).
      expect(investorId).to.equal(6n);
      expect(receipt.status).to.equal("success");
      expect(await as.outsider.getInvestor({ wallet: address.spareWallet })).to.deep.equal({
        wallet: address.spareWallet,
        investorId: 6n,
        country: 586,
        countryLabel: "PK-586",
        investorClass: "accredited",
        kycExpiry: f.kycExpiry,
        frozen: false,
        canSend: true,
        canReceive: true,
        linkedWallets: [address.spareWallet],
      });
    });

    it("reads a wallet never registered as class none with no KYC, unable to receive (only a freeze stops sending, ERC-7943)", async function () {
      const f = await load();
      expect(await f.platform.as.outsider.getInvestor({ wallet: f.platform.address.outsider })).to.deep.equal({
        wallet: f.platform.address.outsider,
        investorId: 0n,
        country: 0,
        countryLabel: "0",
        investorClass: "none",
        kycExpiry: undefined,
        frozen: false,
        canSend: true,
        canReceive: false,
        linkedWallets: [],
      });
    });

    it("gives the fixture's investors the profiles the helpers declare", async function () {
      const f = await load();
      for (const [actor, profile] of Object.entries(INVESTOR_PROFILES)) {
        const investor = await f.platform.as.outsider.getInvestor({ wallet: f.platform.address[actor as keyof typeof INVESTOR_PROFILES] });
        expect([investor.country, investor.investorClass, investor.canReceive]).to.deep.equal([profile.country, profile.investorClass, true]);
      }
    });

    it("lets a registered wallet receive units that it could not before", async function () {
      const f = await load();
      const { as, address } = f.platform;
      expect((await as.outsider.checkTransfer({ from: address.investorA, to: address.spareWallet, lotId: f.copper, amount: 1n })).reason).to.equal(
        "receiver-not-verified",
      );
      await as.compliance.registerInvestor({ wallet: address.spareWallet, country: 756, investorClass: "retail", kycExpiry: f.kycExpiry });
      const { minted } = await as.issuer.mintUnits({ lotId: f.copper, to: address.spareWallet, amount: 1_000n });
      expect(minted.format()).to.equal("1.000 t Cu");
    });

    it("refuses a wallet that is already registered, naming its investor", async function () {
      const f = await load();
      const before = await chainState(f.platform);
      const error = await expectRevert(
        f.platform.as.compliance.registerInvestor({ wallet: f.platform.address.investorB, country: 756, investorClass: "retail", kycExpiry: f.kycExpiry }),
        "WalletAlreadyRegistered",
      );
      expect(error.args).to.deep.equal([f.platform.address.investorB, 3n]);
      expect(error.shortMessage).to.equal(
        `Cannot register ${f.platform.address.investorB} as a retail investor of CH-756: ${shortAddress(f.platform.address.investorB)} is already registered, as investor 3`,
      );
      await expectChainUnchanged(f.platform, before);
    });

    it("is the compliance officer's alone", async function () {
      const f = await load();
      const error = await expectRevert(
        f.platform.as.issuer.registerInvestor({ wallet: f.platform.address.outsider, country: 604, investorClass: "retail", kycExpiry: f.kycExpiry }),
        "AccessControlUnauthorizedAccount",
      );
      expect(error.args).to.deep.equal([f.platform.address.issuer, ROLES.compliance]);
      expect(error.shortMessage).to.match(/does not hold the COMPLIANCE role$/);
    });
  });

  describe("updateInvestor", function () {
    it("changes country, class and KYC expiry of every linked wallet", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.linkWallet({ investorId: 4n, wallet: address.spareWallet }); // investor C
      const renewed = new Date(f.kycExpiry.getTime() + 365 * DAY_MS);
      await as.compliance.updateInvestor({ investorId: 4n, country: 826, investorClass: "institutional", kycExpiry: renewed });
      for (const w of [address.investorC, address.spareWallet]) {
        const investor = await as.outsider.getInvestor({ wallet: w });
        expect([investor.investorId, investor.countryLabel, investor.investorClass, investor.kycExpiry]).to.deep.equal([
          4n,
          "GB-826",
          "institutional",
          renewed,
        ]);
      }
    });

    it("renews an expired KYC, after which the investor may receive again", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const soon = new Date((await chainTime(f.platform)).getTime() + 60_000);
      await as.compliance.updateInvestor({ investorId: 3n, country: 756, investorClass: "accredited", kycExpiry: soon });
      await advanceTime(f.platform, 120);
      const expired = await as.outsider.getInvestor({ wallet: address.investorB });
      // ERC-7943: an expired investor may still exit (canSend), but receives nothing.
      expect([expired.canSend, expired.canReceive]).to.deep.equal([true, false]);
      await as.compliance.updateInvestor({ investorId: 3n, country: 756, investorClass: "accredited", kycExpiry: f.kycExpiry });
      expect((await as.outsider.getInvestor({ wallet: address.investorB })).canReceive).to.equal(true);
    });

    it("refuses an investor id that does not exist", async function () {
      const f = await load();
      const error = await expectRevert(
        f.platform.as.compliance.updateInvestor({ investorId: 99n, country: 604, investorClass: "retail", kycExpiry: f.kycExpiry }),
        "UnknownInvestor",
      );
      expect(error.shortMessage).to.equal("Cannot update investor 99 to a retail investor of PE-604: Investor 99 does not exist");
    });
  });

  describe("linkWallet", function () {
    it("gives the new wallet its investor's record and lists it among the linked wallets", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.linkWallet({ investorId: 2n, wallet: address.spareWallet });
      const linked = await as.outsider.getInvestor({ wallet: address.spareWallet });
      const first = await as.outsider.getInvestor({ wallet: address.investorA });
      expect({ ...linked, wallet: address.investorA }).to.deep.equal(first);
      expect(first.linkedWallets).to.deep.equal([address.investorA, address.spareWallet]);
    });

    it("refuses a ninth wallet for one investor, a wallet already registered and an unknown investor", async function () {
      const f = await load();
      const { as, address } = f.platform;
      for (let i = 1; i <= 7; i += 1) await as.compliance.linkWallet({ investorId: 5n, wallet: wallet(i) });
      expect((await as.outsider.getInvestor({ wallet: address.investorD })).linkedWallets).to.have.length(8);
      const before = await chainState(f.platform);
      const tooMany = await expectRevert(as.compliance.linkWallet({ investorId: 5n, wallet: wallet(8) }), "TooManyWallets");
      expect(tooMany.shortMessage).to.equal(`Cannot link ${wallet(8)} to investor 5: Investor 5 already has the most linked wallets allowed (8)`);
      const taken = await expectRevert(as.compliance.linkWallet({ investorId: 5n, wallet: address.investorA }), "WalletAlreadyRegistered");
      expect(taken.shortMessage).to.equal(`Cannot link ${address.investorA} to investor 5: ${shortAddress(address.investorA)} is already registered, as investor 2`);
      const unknown = await expectRevert(as.compliance.linkWallet({ investorId: 42n, wallet: wallet(9) }), "UnknownInvestor");
      expect(unknown.shortMessage).to.equal(`Cannot link ${wallet(9)} to investor 42: Investor 42 does not exist`);
      await expectChainUnchanged(f.platform, before);
    });
  });

  describe("removeInvestor", function () {
    it("takes away the right to receive and to send to investors, but keeps the investor id and its exit", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.removeInvestor({ wallet: address.investorB });
      const removed = await as.outsider.getInvestor({ wallet: address.investorB });
      expect([removed.investorId, removed.investorClass, removed.kycExpiry, removed.canSend, removed.canReceive]).to.deep.equal([
        3n,
        "none",
        undefined,
        true,
        false,
      ]);
      const check = await as.outsider.checkTransfer({ from: address.investorA, to: address.investorB, lotId: f.copper, amount: 1n });
      expect(check.message).to.equal(
        `${shortAddress(address.investorB)} cannot receive lot ${f.copper}: it was removed from the investor registry (investor 3)`,
      );
    });

    it("unlinkWallet frees the slot of a wallet holding nothing, and is refused while it holds units", async function () {
      const f = await load();
      const { as, address } = f.platform;
      await as.compliance.linkWallet({ investorId: 2n, wallet: wallet(1) });
      await as.compliance.unlinkWallet({ wallet: wallet(1) });
      expect((await as.outsider.getInvestor({ wallet: address.investorA })).linkedWallets).to.deep.equal([address.investorA]);
      expect((await as.outsider.getInvestor({ wallet: wallet(1) })).investorId).to.equal(0n);
      await as.issuer.mintUnits({ lotId: f.copper, to: address.investorA, amount: 10n });
      const error = await expectRevert(as.compliance.unlinkWallet({ wallet: address.investorA }), "WalletHoldsUnits");
      expect(error.shortMessage).to.equal(
        `Cannot unlink ${address.investorA} from its investor: ${shortAddress(address.investorA)} still holds units of 1 lot; recover them by forced transfer before unlinking it`,
      );
    });

    it("unlinkWallet validates the wallet before sending and is refused to an account without the COMPLIANCE role", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const before = await chainState(f.platform);
      let thrown: unknown;
      try {
        await as.compliance.unlinkWallet({ wallet: "0x1234" as Address });
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { name?: string }).name).to.equal("InvalidArgumentError");
      await expectChainUnchanged(f.platform, before);
      await expectRevert(as.outsider.unlinkWallet({ wallet: address.investorA }), "AccessControlUnauthorizedAccount");
    });

    it("refuses a wallet that is not registered, or already removed", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const error = await expectRevert(as.compliance.removeInvestor({ wallet: address.outsider }), "WalletNotRegistered");
      expect(error.shortMessage).to.equal(
        `Cannot remove ${address.outsider} from the investor registry: ${shortAddress(address.outsider)} is not registered in the investor registry`,
      );
      await as.compliance.removeInvestor({ wallet: address.investorC });
      await expectRevert(as.compliance.removeInvestor({ wallet: address.investorC }), "WalletNotRegistered");
    });
  });

  describe("EIP-712 eligibility: signed by the compliance officer, submitted by the investor", function () {
    it("registers a new investor: the investor pays, the officer sends nothing", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const before = await chainState(f.platform);
      const { eligibility, signature } = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 586,
        investorClass: "accredited",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      await expectChainUnchanged(f.platform, before);
      expect(eligibility).to.deep.equal({
        wallet: address.spareWallet,
        investorId: 0n,
        country: 586,
        investorClass: 2,
        kycExpiry: f.kycExpiry.getTime() / 1000,
        issuedAt: (await chainTime(f.platform)).getTime() / 1000,
        sequence: 1n,
        deadline: BigInt(f.deadline.getTime() / 1000),
      });
      expect(signature).to.match(/^0x[0-9a-f]{130}$/);

      const { investorId } = await as.spareWallet.submitEligibility({ eligibility, signature });
      expect(investorId).to.equal(6n);
      const after = await chainState(f.platform);
      expect(after.nonces.spareWallet).to.equal(before.nonces.spareWallet! + 1n);
      expect(after.nonces.compliance).to.equal(before.nonces.compliance);

      const investor = await as.outsider.getInvestor({ wallet: address.spareWallet });
      expect([investor.investorId, investor.countryLabel, investor.investorClass, investor.kycExpiry, investor.canReceive]).to.deep.equal([
        6n,
        "PK-586",
        "accredited",
        f.kycExpiry,
        true,
      ]);
    });

    it("is the same typed data viem signs with the domain and types the SDK exports", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const { eligibility, signature } = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "retail",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const signer = await recoverTypedDataAddress({
        domain: eligibilityDomain(f.platform.deployment, 31337),
        types: ELIGIBILITY_TYPES,
        primaryType: "Eligibility",
        message: eligibility,
        signature,
      });
      expect(signer).to.equal(address.compliance);
    });

    it("survives a JSON round trip, as a CLI would carry it from officer to investor", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const signed = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "institutional",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const json = JSON.parse(JSON.stringify(signed, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as {
        eligibility: Eligibility;
        signature: Hex;
      };
      const { investorId } = await as.spareWallet.submitEligibility(json);
      expect(investorId).to.equal(6n);
    });

    it("links a wallet to an existing investor when the statement names it", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const { eligibility, signature } = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        investorId: 2n,
        country: 604,
        investorClass: "institutional",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const { investorId } = await as.spareWallet.submitEligibility({ eligibility, signature });
      expect(investorId).to.equal(2n);
      expect((await as.outsider.getInvestor({ wallet: address.investorA })).linkedWallets).to.deep.equal([address.investorA, address.spareWallet]);
      // The statement updates the whole investor: the first wallet has the new KYC expiry too.
      expect((await as.outsider.getInvestor({ wallet: address.investorA })).kycExpiry).to.deep.equal(f.kycExpiry);
    });

    it("cannot be used twice", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const signed = await as.compliance.signEligibility({
        wallet: address.investorB,
        investorId: 3n,
        country: 756,
        investorClass: "institutional",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      await as.investorB.submitEligibility(signed);
      const before = await chainState(f.platform);
      const error = await expectRevert(as.investorB.submitEligibility(signed), "EligibilitySpent");
      expect(error.shortMessage).to.match(
        new RegExp(`^Cannot submit the eligibility of ${address.investorB}: The eligibility statement 0x[0-9a-f]{64} was already used or was cancelled by a compliance officer$`),
      );
      await expectChainUnchanged(f.platform, before);
    });

    it("is refused after the officer removed the wallet, in words that say a newer decision stands", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const signed = await as.compliance.signEligibility({
        wallet: address.investorB,
        investorId: 3n,
        country: 756,
        investorClass: "institutional",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      await as.compliance.removeInvestor({ wallet: address.investorB });
      const error = await expectRevert(as.investorB.submitEligibility(signed), "EligibilitySuperseded");
      expect(error.shortMessage).to.contain("is out of date: the registry decided about investor 3 later");
      expect((await as.outsider.getInvestor({ wallet: address.investorB })).canReceive).to.equal(false);
    });

    it("cancelEligibility makes a signed statement unusable and returns its digest", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const signed = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "retail",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const { digest } = await as.compliance.cancelEligibility({ eligibility: signed.eligibility });
      expect(digest).to.match(/^0x[0-9a-f]{64}$/);
      const error = await expectRevert(as.spareWallet.submitEligibility(signed), "EligibilitySpent");
      expect(error.args).to.deep.equal([digest]);
    });

    it("cancelEligibility is refused to an account without the COMPLIANCE role", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const signed = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "retail",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      await expectRevert(as.outsider.cancelEligibility({ eligibility: signed.eligibility }), "AccessControlUnauthorizedAccount");
    });

    it("is refused after its deadline", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const deadline = new Date((await chainTime(f.platform)).getTime() + 60_000);
      const signed = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "retail",
        kycExpiry: f.kycExpiry,
        deadline,
      });
      await advanceTime(f.platform, 120);
      const error = await expectRevert(as.spareWallet.submitEligibility(signed), "EligibilityExpired");
      expect(error.shortMessage).to.equal(
        `Cannot submit the eligibility of ${address.spareWallet}: The eligibility statement expired at ${deadline.toISOString()}`,
      );
    });

    it("is refused when signed by someone without the COMPLIANCE role, or when altered after signing", async function () {
      const f = await load();
      const { as, address } = f.platform;
      const forged = await as.spareWallet.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "institutional",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const error = await expectRevert(as.spareWallet.submitEligibility(forged), "InvalidEligibilitySigner");
      expect(error.args).to.deep.equal([address.spareWallet]);
      expect(error.shortMessage).to.equal(
        `Cannot submit the eligibility of ${address.spareWallet}: The eligibility statement was signed by ${shortAddress(address.spareWallet)}, which does not hold the COMPLIANCE role`,
      );

      const genuine = await as.compliance.signEligibility({
        wallet: address.spareWallet,
        country: 604,
        investorClass: "retail",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const altered = { ...genuine, eligibility: { ...genuine.eligibility, investorClass: 3 } };
      const tampered = await expectRevert(as.spareWallet.submitEligibility(altered), "InvalidEligibilitySigner");
      expect(tampered.args[0]).to.not.equal(address.compliance);
    });

    it("refuses to register a wallet that is already registered as a new investor", async function () {
      const f = await load();
      const signed = await f.platform.as.compliance.signEligibility({
        wallet: f.platform.address.investorC,
        country: 586,
        investorClass: "accredited",
        kycExpiry: f.kycExpiry,
        deadline: f.deadline,
      });
      const error = await expectRevert(f.platform.as.investorC.submitEligibility(signed), "WalletAlreadyRegistered");
      expect(error.args).to.deep.equal([f.platform.address.investorC, 4n]);
    });
  });

  describe("decoded words for every compliance error", function () {
    const A = getAddress("0x1234567890abcdef1234567890abcdef12345678");
    const B = getAddress("0xabcdef0123456789abcdef0123456789abcdef01");
    // Checksummed: 0x1234..5678 and 0xabCD..EF01.
    const cases: [string, readonly unknown[], string][] = [
      ["ComplianceViolation", [6, A, B, 3n, 10n], "0xabCD..EF01 cannot receive lot 3: it is not a verified investor"],
      ["ComplianceViolation", [1, A, B, 3n, 10n], "lot 3 cannot move: all transfers of units are paused"],
      ["ComplianceViolation", [99, A, B, 3n, 10n], "Lot 3: the compliance rules refused the movement (reason 99)"],
      [
        "ERC7943InsufficientUnfrozenBalance",
        [A, 3n, 70n, 60n],
        "0x1234..5678 cannot send lot 3: only 60 base units of its units are unfrozen, fewer than the 70 base units asked for",
      ],
      ["ERC7943CannotSend", [A], "0x1234..5678 cannot send units"],
      ["ERC7943CannotReceive", [B], "0xabCD..EF01 cannot receive units"],
      ["ERC7943CannotTransfer", [A, B, 3n, 5n], "0x1234..5678 cannot transfer 5 base units of lot 3 to 0xabCD..EF01"],
      ["WalletAlreadyRegistered", [A, 4n], "0x1234..5678 is already registered, as investor 4"],
      ["WalletNotRegistered", [A], "0x1234..5678 is not registered in the investor registry"],
      ["UnknownInvestor", [9n], "Investor 9 does not exist"],
      ["TooManyWallets", [9n, 8n], "Investor 9 already has the most linked wallets allowed (8)"],
      ["InvalidComplianceField", ["country", 1000n], "Invalid country: 1000 is not an ISO 3166-1 numeric code (1 to 999)"],
      ["InvalidComplianceField", ["investorClass", 0n], "Invalid investorClass: an investor must be retail, accredited or institutional"],
      ["InvalidComplianceField", ["kycExpiry", 1_767_225_600n], "Invalid kycExpiry: 2026-01-01T00:00:00.000Z is not after the chain's current time"],
      ["InvalidComplianceField", ["countries", 0n], "Invalid countries: the list is empty"],
      ["InvalidComplianceField", ["somethingNew", 7n], "Invalid somethingNew: 7"],
      ["MaxHoldersBelowHolders", [3n, 1, 2], "Lot 3 already has 2 holders and reserved holder slots, more than the maximum of 1 asked for"],
      ["EligibilityExpired", [1_767_225_600n], "The eligibility statement expired at 2026-01-01T00:00:00.000Z"],
      ["InvalidEligibilitySigner", [A], "The eligibility statement was signed by 0x1234..5678, which does not hold the COMPLIANCE role"],
      [
        "EligibilitySuperseded",
        [A, 4n, 1_767_225_600, 1_767_225_660],
        "The eligibility statement for 0x1234..5678, issued 2026-01-01T00:00:00.000Z, is out of date: the registry decided about investor 4 later, at 2026-01-01T00:01:00.000Z; ask the compliance officer for a new one",
      ],
      [
        "EligibilitySuperseded",
        [A, 0n, 1_767_225_600, 1_767_225_660],
        "The eligibility statement for 0x1234..5678, issued 2026-01-01T00:00:00.000Z, is out of date: the registry decided about that wallet later, at 2026-01-01T00:01:00.000Z; ask the compliance officer for a new one",
      ],
      [
        "EligibilityNotYetIssued",
        [1_767_225_660, 1_767_225_600n],
        "The eligibility statement claims to be issued at 2026-01-01T00:01:00.000Z, after the chain's current time 2026-01-01T00:00:00.000Z",
      ],
      ["EligibilitySpent", [keccak256(stringToHex("s"))], `The eligibility statement ${keccak256(stringToHex("s"))} was already used or was cancelled by a compliance officer`],
      ["WalletHoldsUnits", [A, 1], "0x1234..5678 still holds units of 1 lot; recover them by forced transfer before unlinking it"],
      ["WalletHoldsUnits", [A, 2], "0x1234..5678 still holds units of 2 lots; recover them by forced transfer before unlinking it"],
      ["ZeroForcedTransfer", [A, B, 3n], "A forced transfer of lot 3 from 0x1234..5678 to 0xabCD..EF01 must move at least one unit"],
      ["EmptyMovement", [A, B], "A movement of units from 0x1234..5678 to 0xabCD..EF01 must name at least one lot"],
      ["EnforcedPause", [], "Transfers of units are paused"],
      ["ExpectedPause", [], "Transfers of units are not paused"],
      ["ECDSAInvalidSignature", [], "The signature is not valid"],
      ["ECDSAInvalidSignatureLength", [64n], "The signature is 64 bytes long; a signature has 65"],
      ["ECDSAInvalidSignatureS", [keccak256(stringToHex("s"))], "The signature is malformed (its s value is out of range)"],
    ];
    for (const [name, args, message] of cases) {
      it(`${name}(${args.map(String).join(", ")})`, function () {
        expect(explainRevert(name, args)).to.equal(message);
      });
    }

    it("describeRefusal has a sentence for every reason", function () {
      for (const reason of REASONS) expect(describeRefusal(reason, A, B, 3n)).to.match(/^(0x|lot 3)/);
    });

    it("names every investor class and reason in the Solidity enum order", function () {
      // Against the compiled contract's own enums (the solc AST in the artifacts), not a copy kept here.
      expect([...INVESTOR_CLASSES]).to.deep.equal(solidityEnumMembers("InvestorClass").map(kebabCase));
      expect([...REASONS]).to.deep.equal(solidityEnumMembers("Reason").map(kebabCase));
    });

    it("labels countries with their ISO 3166-1 alpha-2 code, and unknown numbers bare", function () {
      expect([586, 604, 4, 756, 840, 999, 0].map(countryLabel)).to.deep.equal(["PK-586", "PE-604", "AF-004", "CH-756", "US-840", "999", "0"]);
    });
  });
});
