import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { TypedDataEncoder, Wallet, ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  ELIGIBILITY_TYPES,
  type ComplianceFixture,
  type Eligibility,
  deployComplianceFixture,
  eligibility,
  eligibilityDomain,
  now,
  signEligibility,
} from "./helpers/compliance.ts";
import { COUNTRY, INVESTOR_COUNTRY, InvestorClass, KYC_VALIDITY } from "./helpers/fixtures.ts";

// The investor registry: who may hold units. Per wallet a country, a class, a KYC expiry and an account freeze;
// linked wallets share an investor. Managed by COMPLIANCE_ROLE directly or by an EIP-712 statement it signs.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

const MAX_WALLETS = 8n;

/** A fresh address that no one registered. */
const randomAddress = () => Wallet.createRandom().address;

const holders = async (f: ComplianceFixture, lotId: bigint) => (await f.token.getLotRules(lotId)).holders;

async function register(
  f: ComplianceFixture,
  wallet: string,
  country: number = INVESTOR_COUNTRY,
  investorClass: number = InvestorClass.Accredited,
  kycExpiry?: bigint,
) {
  return f.registrar
    .connect(f.actors.compliance)
    .registerInvestor(wallet, country, investorClass, kycExpiry ?? (await now(f)) + KYC_VALIDITY);
}

async function expectRecord(
  f: ComplianceFixture,
  wallet: string,
  expected: { investorId: bigint; country: number; investorClass: number; kycExpiry: bigint; frozen?: boolean },
) {
  const record = await f.token.getInvestor(wallet);
  expect(record.investorId).to.equal(expected.investorId);
  expect(record.country).to.equal(BigInt(expected.country));
  expect(record.investorClass).to.equal(BigInt(expected.investorClass));
  expect(record.kycExpiry).to.equal(expected.kycExpiry);
  expect(record.frozen).to.equal(expected.frozen ?? false);
}

describe("Compliance: investor registry", function () {
  describe("registerInvestor", function () {
    it("registerInvestor stores the wallet's record under a new investor id and emits InvestorSet", async function () {
      const f = await load();
      const wallet = randomAddress();
      const expiry = (await now(f)) + KYC_VALIDITY;
      const asCompliance = f.registrar.connect(f.actors.compliance);
      expect(
        await asCompliance.registerInvestor.staticCall(wallet, COUNTRY.Chile, InvestorClass.Retail, expiry),
      ).to.equal(3n);
      await expect(asCompliance.registerInvestor(wallet, COUNTRY.Chile, InvestorClass.Retail, expiry))
        .to.emit(f.registrar, "InvestorSet")
        .withArgs(wallet, 3n, COUNTRY.Chile, InvestorClass.Retail, expiry);
      expect(await f.registrar.investorCount()).to.equal(3n);
      await expectRecord(f, wallet, {
        investorId: 3n,
        country: COUNTRY.Chile,
        investorClass: InvestorClass.Retail,
        kycExpiry: expiry,
      });
      expect(await f.registrar.walletsOf(3n)).to.deep.equal([wallet]);
      expect(await f.token.canSend(wallet)).to.equal(true);
      expect(await f.token.canReceive(wallet)).to.equal(true);
    });

    it("a wallet never registered reads as investor 0 with class None and cannot receive (only a freeze stops sending)", async function () {
      const f = await load();
      const wallet = randomAddress();
      await expectRecord(f, wallet, { investorId: 0n, country: 0, investorClass: InvestorClass.None, kycExpiry: 0n });
      // ERC-7943: canSend is account-level and false only for a frozen account; the transfer rules refuse the rest.
      expect(await f.token.canSend(wallet)).to.equal(true);
      expect(await f.token.canReceive(wallet)).to.equal(false);
    });

    it("registerInvestor accepts countries 1 and 999 and every class above None", async function () {
      const f = await load();
      await register(f, randomAddress(), 1, InvestorClass.Retail);
      await register(f, randomAddress(), 999, InvestorClass.Accredited);
      await register(f, randomAddress(), 999, InvestorClass.Institutional);
      expect(await f.registrar.investorCount()).to.equal(5n);
    });

    it("registerInvestor reverts for the zero wallet", async function () {
      const f = await load();
      await expect(register(f, ZeroAddress))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("wallet", 0);
    });

    it("registerInvestor reverts for a wallet already registered, naming its investor", async function () {
      const f = await load();
      await expect(register(f, f.investor.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletAlreadyRegistered")
        .withArgs(f.investor.address, f.investorId);
    });

    it("registerInvestor reverts for country 0 and country 1000", async function () {
      const f = await load();
      await expect(register(f, randomAddress(), 0))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 0);
      await expect(register(f, randomAddress(), 1000))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 1000);
    });

    it("registerInvestor reverts for class None", async function () {
      const f = await load();
      await expect(register(f, randomAddress(), INVESTOR_COUNTRY, InvestorClass.None))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("investorClass", 0);
    });

    it("registerInvestor reverts for a KYC expiry in the past", async function () {
      const f = await load();
      const past = (await now(f)) - 1n;
      await expect(register(f, randomAddress(), INVESTOR_COUNTRY, InvestorClass.Retail, past))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("kycExpiry", past);
    });

    it("registerInvestor reverts for a KYC expiring in the block's own second and accepts one a second later", async function () {
      const f = await load();
      const next = (await now(f)) + 10n;
      await time.setNextBlockTimestamp(next);
      await expect(register(f, randomAddress(), INVESTOR_COUNTRY, InvestorClass.Retail, next))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("kycExpiry", next);
      await time.setNextBlockTimestamp(next);
      await register(f, randomAddress(), INVESTOR_COUNTRY, InvestorClass.Retail, next + 1n);
    });
  });

  describe("updateInvestor", function () {
    it("updateInvestor rewrites every linked wallet of the investor and emits InvestorSet for each", async function () {
      const f = await load();
      const [second, third] = [randomAddress(), randomAddress()];
      const asCompliance = f.registrar.connect(f.actors.compliance);
      await asCompliance.linkWallet(f.holderId, second);
      await asCompliance.linkWallet(f.holderId, third);
      const expiry = (await now(f)) + 1_000n;
      const tx = asCompliance.updateInvestor(f.holderId, COUNTRY.Rwanda, InvestorClass.Retail, expiry);
      for (const wallet of [f.holder.address, second, third]) {
        await expect(tx)
          .to.emit(f.registrar, "InvestorSet")
          .withArgs(wallet, f.holderId, COUNTRY.Rwanda, InvestorClass.Retail, expiry);
      }
      for (const wallet of [f.holder.address, second, third]) {
        await expectRecord(f, wallet, {
          investorId: f.holderId,
          country: COUNTRY.Rwanda,
          investorClass: InvestorClass.Retail,
          kycExpiry: expiry,
        });
      }
      // Another investor is untouched.
      expect((await f.token.getInvestor(f.investor.address)).country).to.equal(BigInt(INVESTOR_COUNTRY));
    });

    it("updateInvestor keeps a wallet's account freeze", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await f.registrar
        .connect(f.actors.compliance)
        .updateInvestor(f.holderId, COUNTRY.Chile, InvestorClass.Accredited, (await now(f)) + 1_000n);
      expect((await f.token.getInvestor(f.holder.address)).frozen).to.equal(true);
    });

    it("updateInvestor reverts for investor 0 and for an id beyond the last one", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const expiry = (await now(f)) + 1_000n;
      await expect(asCompliance.updateInvestor(0n, INVESTOR_COUNTRY, InvestorClass.Retail, expiry))
        .to.be.revertedWithCustomError(f.registrar, "UnknownInvestor")
        .withArgs(0n);
      await expect(asCompliance.updateInvestor(3n, INVESTOR_COUNTRY, InvestorClass.Retail, expiry))
        .to.be.revertedWithCustomError(f.registrar, "UnknownInvestor")
        .withArgs(3n);
    });

    it("updateInvestor reverts for country 0 or 1000, class None and a KYC expiry not in the future", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const t = await now(f);
      const expiry = t + 1_000n;
      await expect(asCompliance.updateInvestor(f.holderId, 0, InvestorClass.Retail, expiry))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 0);
      await expect(asCompliance.updateInvestor(f.holderId, 1000, InvestorClass.Retail, expiry))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 1000);
      await expect(asCompliance.updateInvestor(f.holderId, INVESTOR_COUNTRY, InvestorClass.None, expiry))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("investorClass", 0);
      await expect(asCompliance.updateInvestor(f.holderId, INVESTOR_COUNTRY, InvestorClass.Retail, t))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("kycExpiry", t);
    });
  });

  describe("linkWallet", function () {
    it("linkWallet adds a wallet to an investor with the investor's data and emits InvestorSet", async function () {
      const f = await load();
      const wallet = randomAddress();
      const holder = await f.token.getInvestor(f.holder.address);
      await expect(f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, wallet))
        .to.emit(f.registrar, "InvestorSet")
        .withArgs(wallet, f.holderId, holder.country, holder.investorClass, holder.kycExpiry);
      await expectRecord(f, wallet, {
        investorId: f.holderId,
        country: Number(holder.country),
        investorClass: Number(holder.investorClass),
        kycExpiry: holder.kycExpiry,
      });
      expect(await f.registrar.walletsOf(f.holderId)).to.deep.equal([f.holder.address, wallet]);
      expect(await f.registrar.investorCount()).to.equal(2n);
    });

    it("linkWallet accepts up to eight wallets per investor and reverts for a ninth", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      for (let i = 1n; i < MAX_WALLETS; i++) await asCompliance.linkWallet(f.holderId, randomAddress());
      expect((await f.registrar.walletsOf(f.holderId)).length).to.equal(Number(MAX_WALLETS));
      await expect(asCompliance.linkWallet(f.holderId, randomAddress()))
        .to.be.revertedWithCustomError(f.registrar, "TooManyWallets")
        .withArgs(f.holderId, MAX_WALLETS);
    });

    it("linkWallet reverts for the zero wallet", async function () {
      const f = await load();
      await expect(f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, ZeroAddress))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("wallet", 0);
    });

    it("linkWallet reverts for an unknown investor", async function () {
      const f = await load();
      await expect(f.registrar.connect(f.actors.compliance).linkWallet(9n, randomAddress()))
        .to.be.revertedWithCustomError(f.registrar, "UnknownInvestor")
        .withArgs(9n);
    });

    it("linkWallet reverts for a wallet already registered, to the same or another investor", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      await expect(asCompliance.linkWallet(f.holderId, f.investor.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletAlreadyRegistered")
        .withArgs(f.investor.address, f.investorId);
      await expect(asCompliance.linkWallet(f.holderId, f.holder.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletAlreadyRegistered")
        .withArgs(f.holder.address, f.holderId);
    });
  });

  describe("removeInvestor", function () {
    it("removeInvestor sets the wallet's class to None and its KYC to 0, keeps its investor id and emits InvestorRemoved", async function () {
      const f = await load();
      await expect(f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address))
        .to.emit(f.registrar, "InvestorRemoved")
        .withArgs(f.investor.address, f.investorId);
      await expectRecord(f, f.investor.address, {
        investorId: f.investorId,
        country: INVESTOR_COUNTRY,
        investorClass: InvestorClass.None,
        kycExpiry: 0n,
      });
      // A removed investor may still exit (canSend), but receives nothing and sends to no investor.
      expect(await f.token.canSend(f.investor.address)).to.equal(true);
      expect(await f.token.canReceive(f.investor.address)).to.equal(false);
      expect(await f.token.canTransfer(f.investor.address, f.holder.address, 1n, 0n)).to.equal(false);
    });

    it("removeInvestor removes one wallet and leaves the investor's other linked wallets verified", async function () {
      const f = await load();
      const linked = randomAddress();
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, linked);
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.holder.address);
      expect(await f.token.canReceive(linked)).to.equal(true);
    });

    it("removeInvestor reverts for a wallet never registered, and for one already removed", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const stranger = randomAddress();
      await expect(asCompliance.removeInvestor(stranger))
        .to.be.revertedWithCustomError(f.registrar, "WalletNotRegistered")
        .withArgs(stranger);
      await asCompliance.removeInvestor(f.investor.address);
      await expect(asCompliance.removeInvestor(f.investor.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletNotRegistered")
        .withArgs(f.investor.address);
    });
  });

  describe("a removed wallet", function () {
    it("registerInvestor reinstates a removed wallet under its original investor id, for all its active wallets", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const linked = randomAddress();
      await asCompliance.linkWallet(f.holderId, linked);
      await asCompliance.removeInvestor(f.holder.address);
      const expiry = (await now(f)) + 1_000n;
      expect(
        await asCompliance.registerInvestor.staticCall(f.holder.address, COUNTRY.Chile, InvestorClass.Retail, expiry),
      ).to.equal(f.holderId);
      await expect(asCompliance.registerInvestor(f.holder.address, COUNTRY.Chile, InvestorClass.Retail, expiry))
        .to.emit(f.registrar, "InvestorSet")
        .withArgs(f.holder.address, f.holderId, COUNTRY.Chile, InvestorClass.Retail, expiry);
      expect(await f.registrar.investorCount()).to.equal(2n);
      for (const wallet of [f.holder.address, linked]) {
        await expectRecord(f, wallet, {
          investorId: f.holderId,
          country: COUNTRY.Chile,
          investorClass: InvestorClass.Retail,
          kycExpiry: expiry,
        });
      }
    });

    it("updateInvestor leaves a removed wallet removed and updates the investor's other wallets", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const linked = randomAddress();
      await asCompliance.linkWallet(f.holderId, linked);
      await asCompliance.removeInvestor(f.holder.address);
      const expiry = (await now(f)) + 1_000n;
      await asCompliance.updateInvestor(f.holderId, COUNTRY.Rwanda, InvestorClass.Accredited, expiry);
      expect(await f.token.canReceive(f.holder.address)).to.equal(false);
      expect((await f.token.getInvestor(f.holder.address)).investorClass).to.equal(BigInt(InvestorClass.None));
      expect((await f.token.getInvestor(linked)).country).to.equal(BigInt(COUNTRY.Rwanda));
    });

    it("updateInvestor reverts with UnknownInvestor once every wallet of the investor was removed", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
      await expect(
        f.registrar
          .connect(f.actors.compliance)
          .updateInvestor(f.investorId, INVESTOR_COUNTRY, InvestorClass.Retail, (await now(f)) + 1_000n),
      )
        .to.be.revertedWithCustomError(f.registrar, "UnknownInvestor")
        .withArgs(f.investorId);
    });

    it("linkWallet gives the new wallet the data of an active wallet when the first one was removed", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const [second, third] = [randomAddress(), randomAddress()];
      await asCompliance.linkWallet(f.holderId, second);
      await asCompliance.removeInvestor(f.holder.address);
      await asCompliance.linkWallet(f.holderId, third);
      expect(await f.token.canReceive(third)).to.equal(true);
      expect((await f.token.getInvestor(third)).investorClass).to.equal(BigInt(InvestorClass.Institutional));
    });

    it("a reinstated wallet keeps its investor id, so the lot's holder count stays exact", async function () {
      const f = await load();
      await f.token
        .connect(f.holder)
        .safeTransferFrom(f.holder.address, f.investor.address, f.lots.Warehoused, 5n, "0x");
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
      await register(f, f.investor.address);
      expect((await f.token.getInvestor(f.investor.address)).investorId).to.equal(f.investorId);
      await f.token
        .connect(f.investor)
        .safeTransferFrom(f.investor.address, f.holder.address, f.lots.Warehoused, 5n, "0x");
      expect((await f.token.getLotRules(f.lots.Warehoused)).holders).to.equal(1n);
    });
  });

  describe("setAccountFrozen", function () {
    it("setAccountFrozen flags the wallet and emits AccountFrozen; canSend and canReceive follow", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      await expect(asCompliance.setAccountFrozen(f.holder.address, true))
        .to.emit(f.registrar, "AccountFrozen")
        .withArgs(f.holder.address, true);
      expect(await f.token.canSend(f.holder.address)).to.equal(false);
      expect(await f.token.canReceive(f.holder.address)).to.equal(false);
      await asCompliance.setAccountFrozen(f.holder.address, false);
      expect(await f.token.canSend(f.holder.address)).to.equal(true);
      expect(await f.token.canReceive(f.holder.address)).to.equal(true);
    });
  });

  describe("submitEligibility (EIP-712 statement signed by a compliance officer)", function () {
    async function submit(f: ComplianceFixture, e: Eligibility, signature?: string) {
      return f.registrar
        .connect(f.actors.outsider)
        .submitEligibility(e, signature ?? (await signEligibility(f, f.actors.compliance, e)));
    }

    it("the domain separator is the EIP-712 hash of {Mineral Lots Investor Registrar, 1, chain id, registrar}", async function () {
      const f = await load();
      const domain = await eligibilityDomain(f);
      expect(await f.registrar.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
      const reported = await f.registrar.eip712Domain();
      expect(reported.name).to.equal(domain.name);
      expect(reported.version).to.equal(domain.version);
      expect(reported.chainId).to.equal(domain.chainId);
      expect(reported.verifyingContract).to.equal(domain.verifyingContract);
    });

    it("a statement with investor id 0 registers a new investor, submitted by anyone, and records its issue time", async function () {
      const f = await load();
      const wallet = randomAddress();
      const e = await eligibility(f, wallet, { country: COUNTRY.Chile, investorClass: InvestorClass.Accredited });
      const signature = await signEligibility(f, f.actors.compliance, e);
      expect(await f.registrar.connect(f.actors.outsider).submitEligibility.staticCall(e, signature)).to.equal(3n);
      await expect(submit(f, e, signature))
        .to.emit(f.registrar, "InvestorSet")
        .withArgs(wallet, 3n, COUNTRY.Chile, InvestorClass.Accredited, e.kycExpiry);
      await expectRecord(f, wallet, {
        investorId: 3n,
        country: COUNTRY.Chile,
        investorClass: InvestorClass.Accredited,
        kycExpiry: e.kycExpiry,
      });
      expect((await f.token.getInvestor(wallet)).decidedAt).to.equal(e.issuedAt);
    });

    it("a statement naming an investor links a new wallet to it and updates all its wallets", async function () {
      const f = await load();
      const wallet = randomAddress();
      const e = await eligibility(f, wallet, {
        investorId: f.holderId,
        country: COUNTRY.Bolivia,
        investorClass: InvestorClass.Retail,
      });
      await submit(f, e);
      expect(await f.registrar.walletsOf(f.holderId)).to.deep.equal([f.holder.address, wallet]);
      for (const w of [f.holder.address, wallet]) {
        await expectRecord(f, w, {
          investorId: f.holderId,
          country: COUNTRY.Bolivia,
          investorClass: InvestorClass.Retail,
          kycExpiry: e.kycExpiry,
        });
      }
      expect(await f.registrar.investorCount()).to.equal(2n);
    });

    it("a statement for a wallet of the named investor updates the investor (a renewed KYC)", async function () {
      const f = await load();
      const renewed = (await now(f)) + 2n * KYC_VALIDITY;
      const e = await eligibility(f, f.investor.address, { investorId: f.investorId, kycExpiry: renewed });
      await expect(submit(f, e))
        .to.emit(f.registrar, "InvestorSet")
        .withArgs(f.investor.address, f.investorId, INVESTOR_COUNTRY, InvestorClass.Institutional, renewed);
      expect((await f.token.getInvestor(f.investor.address)).kycExpiry).to.equal(renewed);
    });

    it("a statement naming the investor of a removed wallet reinstates the wallet", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
      const e = await eligibility(f, f.investor.address, { investorId: f.investorId });
      await submit(f, e);
      expect(await f.token.canReceive(f.investor.address)).to.equal(true);
      expect((await f.token.getInvestor(f.investor.address)).investorId).to.equal(f.investorId);
    });

    it("a statement cannot be submitted twice: the replay reverts with EligibilitySpent", async function () {
      const f = await load();
      const wallet = randomAddress();
      const e = await eligibility(f, wallet);
      const signature = await signEligibility(f, f.actors.compliance, e);
      await submit(f, e, signature);
      const digest = TypedDataEncoder.hash(await eligibilityDomain(f), { Eligibility: [...ELIGIBILITY_TYPES.Eligibility] }, e);
      await expect(submit(f, e, signature)).to.be.revertedWithCustomError(f.registrar, "EligibilitySpent").withArgs(digest);
    });

    it("a statement signed right after a decision about its investor, in view of it, applies", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
      const e = await eligibility(f, f.investor.address, { investorId: f.investorId });
      await submit(f, e);
      expect(await f.token.canReceive(f.investor.address)).to.equal(true);
    });

    it("a statement issued after the current block reverts with EligibilityNotYetIssued", async function () {
      const f = await load();
      const t = await now(f);
      const e = await eligibility(f, randomAddress(), { issuedAt: t + 100n });
      const signature = await signEligibility(f, f.actors.compliance, e);
      await time.setNextBlockTimestamp(t + 99n);
      await expect(submit(f, e, signature))
        .to.be.revertedWithCustomError(f.registrar, "EligibilityNotYetIssued")
        .withArgs(t + 100n, t + 99n);
      await time.setNextBlockTimestamp(t + 100n);
      await submit(f, e, signature);
    });

    it("a statement may be submitted in its deadline's second", async function () {
      const f = await load();
      const deadline = (await now(f)) + 100n;
      const e = await eligibility(f, randomAddress(), { deadline });
      const signature = await signEligibility(f, f.actors.compliance, e);
      await time.setNextBlockTimestamp(deadline);
      await submit(f, e, signature);
      expect((await f.token.getInvestor(e.wallet)).investorId).to.equal(3n);
    });

    it("a statement submitted one second after its deadline reverts with EligibilityExpired", async function () {
      const f = await load();
      const deadline = (await now(f)) + 100n;
      const e = await eligibility(f, randomAddress(), { deadline });
      const signature = await signEligibility(f, f.actors.compliance, e);
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(submit(f, e, signature))
        .to.be.revertedWithCustomError(f.registrar, "EligibilityExpired")
        .withArgs(deadline);
    });

    it("a statement signed by an account without COMPLIANCE_ROLE reverts with InvalidEligibilitySigner", async function () {
      const f = await load();
      for (const signer of [f.actors.outsider, f.actors.admin, f.actors.issuer, f.actors.pauser]) {
        const e = await eligibility(f, randomAddress());
        await expect(submit(f, e, await signEligibility(f, signer, e)))
          .to.be.revertedWithCustomError(f.registrar, "InvalidEligibilitySigner")
          .withArgs(signer.address);
      }
    });

    it("a statement signed by an officer whose COMPLIANCE_ROLE was revoked reverts", async function () {
      const f = await load();
      const e = await eligibility(f, randomAddress());
      const signature = await signEligibility(f, f.actors.compliance, e);
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.COMPLIANCE, f.actors.compliance.address);
      await expect(submit(f, e, signature))
        .to.be.revertedWithCustomError(f.registrar, "InvalidEligibilitySigner")
        .withArgs(f.actors.compliance.address);
    });

    it("a statement whose fields were changed after signing reverts (the signer recovered is someone else)", async function () {
      const f = await load();
      const e = await eligibility(f, randomAddress(), { investorClass: InvestorClass.Retail });
      const signature = await signEligibility(f, f.actors.compliance, e);
      await expect(submit(f, { ...e, investorClass: InvestorClass.Institutional }, signature))
        .to.be.revertedWithCustomError(f.registrar, "InvalidEligibilitySigner")
        .withArgs(anyValue);
    });

    it("a statement signed for another token (domain) reverts", async function () {
      const f = await load();
      const e = await eligibility(f, randomAddress());
      const domain = { ...(await eligibilityDomain(f)), verifyingContract: await f.registry.getAddress() };
      const signature = await f.actors.compliance.signTypedData(
        domain,
        { Eligibility: [...ELIGIBILITY_TYPES.Eligibility] },
        e,
      );
      await expect(submit(f, e, signature)).to.be.revertedWithCustomError(f.registrar, "InvalidEligibilitySigner");
    });

    it("a statement with investor id 0 for a registered wallet reverts with WalletAlreadyRegistered", async function () {
      const f = await load();
      const e = await eligibility(f, f.investor.address);
      await expect(submit(f, e))
        .to.be.revertedWithCustomError(f.registrar, "WalletAlreadyRegistered")
        .withArgs(f.investor.address, f.investorId);
    });

    it("a statement naming another investor than the wallet's reverts with WalletAlreadyRegistered", async function () {
      const f = await load();
      const e = await eligibility(f, f.investor.address, { investorId: f.holderId });
      await expect(submit(f, e))
        .to.be.revertedWithCustomError(f.registrar, "WalletAlreadyRegistered")
        .withArgs(f.investor.address, f.investorId);
    });

    it("a statement naming an unknown investor reverts with UnknownInvestor", async function () {
      const f = await load();
      const e = await eligibility(f, randomAddress(), { investorId: 7n });
      await expect(submit(f, e)).to.be.revertedWithCustomError(f.registrar, "UnknownInvestor").withArgs(7n);
    });

    it("a statement with invalid investor data reverts like registerInvestor", async function () {
      const f = await load();
      const e = await eligibility(f, randomAddress(), { country: 1000 });
      await expect(submit(f, e))
        .to.be.revertedWithCustomError(f.token, "InvalidComplianceField")
        .withArgs("country", 1000);
    });
  });
  describe("statements are ordered and revocable", function () {
    /** Signs a statement as the officer now (before the decision that follows it in the test). */
    async function signed(f: ComplianceFixture, wallet: string, overrides: Partial<Eligibility> = {}) {
      const e = await eligibility(f, wallet, overrides);
      return { e, signature: await signEligibility(f, f.actors.compliance, e) };
    }
    async function submitSigned(f: ComplianceFixture, s: { e: Eligibility; signature: string }) {
      return f.registrar.connect(f.actors.outsider).submitEligibility(s.e, s.signature);
    }
    /** The timestamp of the block that mined a transaction. */
    async function minedAt(f: ComplianceFixture, tx: Promise<{ wait: () => Promise<{ blockNumber: number } | null> }>) {
      const receipt = await (await tx).wait();
      const block = await f.connection.ethers.provider.getBlock(receipt!.blockNumber);
      return BigInt(block!.timestamp);
    }

    it("a statement signed before removeInvestor is refused after it, and the wallet stays removed", async function () {
      const f = await load();
      const s = await signed(f, f.investor.address, { investorId: f.investorId });
      const removedAt = await minedAt(f, f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address));
      await expect(submitSigned(f, s))
        .to.be.revertedWithCustomError(f.registrar, "EligibilitySuperseded")
        .withArgs(f.investor.address, f.investorId, s.e.issuedAt, removedAt);
      expect(await f.token.canReceive(f.investor.address)).to.equal(false);
    });

    it("a statement for another wallet of the investor, signed before its removal, is refused after it", async function () {
      const f = await load();
      const s = await signed(f, randomAddress(), { investorId: f.investorId });
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.investor.address);
      await expect(submitSigned(f, s)).to.be.revertedWithCustomError(f.registrar, "EligibilitySuperseded");
    });

    it("a statement signed before a downgrade by updateInvestor is refused after it, and the downgrade stands", async function () {
      const f = await load();
      const s = await signed(f, f.investor.address, { investorId: f.investorId });
      const expiry = (await now(f)) + KYC_VALIDITY;
      const updatedAt = await minedAt(
        f,
        f.registrar.connect(f.actors.compliance).updateInvestor(f.investorId, INVESTOR_COUNTRY, InvestorClass.Retail, expiry),
      );
      await expect(submitSigned(f, s))
        .to.be.revertedWithCustomError(f.registrar, "EligibilitySuperseded")
        .withArgs(f.investor.address, f.investorId, s.e.issuedAt, updatedAt);
      expect((await f.token.getInvestor(f.investor.address)).investorClass).to.equal(BigInt(InvestorClass.Retail));
    });

    it("of two statements for two wallets of one investor, the older is refused once the newer was applied", async function () {
      const f = await load();
      const [first, second] = [randomAddress(), randomAddress()];
      const older = await signed(f, first, { investorId: f.holderId, investorClass: InvestorClass.Institutional });
      await networkHelpers.mine();
      const newer = await signed(f, second, { investorId: f.holderId, investorClass: InvestorClass.Retail });
      await submitSigned(f, newer);
      await expect(submitSigned(f, older))
        .to.be.revertedWithCustomError(f.registrar, "EligibilitySuperseded")
        .withArgs(first, f.holderId, older.e.issuedAt, newer.e.issuedAt);
      expect((await f.token.getInvestor(f.holder.address)).investorClass).to.equal(BigInt(InvestorClass.Retail));
    });

    it("of two statements for one wallet, the newer still applies after the older (the later decision wins)", async function () {
      const f = await load();
      const older = await signed(f, f.investor.address, { investorId: f.investorId, investorClass: InvestorClass.Accredited });
      await networkHelpers.mine();
      const newer = await signed(f, f.investor.address, {
        investorId: f.investorId,
        investorClass: InvestorClass.Retail,
        sequence: older.e.sequence + 1n,
      });
      await submitSigned(f, older);
      await submitSigned(f, newer);
      expect((await f.token.getInvestor(f.investor.address)).investorClass).to.equal(BigInt(InvestorClass.Retail));
    });

    it("of two statements issued in the same second, the correction (the higher sequence) wins whatever the order they are submitted in", async function () {
      const f = await load();
      const original = await signed(f, f.investor.address, { investorId: f.investorId, investorClass: InvestorClass.Accredited });
      const correction = await signed(f, f.investor.address, {
        investorId: f.investorId,
        investorClass: InvestorClass.Retail,
        issuedAt: original.e.issuedAt,
        sequence: original.e.sequence + 1n,
      });
      expect(correction.e.issuedAt).to.equal(original.e.issuedAt);
      await submitSigned(f, correction);
      // The superseded statement, issued in the same second, no longer applies after its correction.
      await expect(submitSigned(f, original))
        .to.be.revertedWithCustomError(f.registrar, "EligibilityOutOfOrder")
        .withArgs(f.investor.address, f.investorId, original.e.sequence, correction.e.sequence);
      expect((await f.token.getInvestor(f.investor.address)).investorClass).to.equal(BigInt(InvestorClass.Retail));
    });

    it("nextSequence follows every decision about a wallet and its investor, and a statement taking it moves it on", async function () {
      const f = await load();
      const first = await f.registrar.nextSequence(f.investor.address, 0n);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, false);
      expect(await f.registrar.nextSequence(f.investor.address, 0n)).to.equal(first + 1n);
      const s = await signed(f, f.investor.address, { investorId: f.investorId });
      expect(s.e.sequence).to.equal(first + 1n);
      await submitSigned(f, s);
      expect(await f.registrar.sequences(f.investor.address, f.investorId)).to.deep.equal([s.e.sequence, s.e.sequence]);
      expect(await f.registrar.nextSequence(f.investor.address, 0n)).to.equal(s.e.sequence + 1n);
    });

    it("a statement signed before linkWallet, unlinkWallet or setAccountFrozen of its wallet is refused after it", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const [linked, unlinked, frozen] = [randomAddress(), randomAddress(), randomAddress()];
      await asCompliance.linkWallet(f.investorId, unlinked);
      const statements = await Promise.all([linked, unlinked, frozen].map((w) => signed(f, w)));
      await asCompliance.linkWallet(f.holderId, linked);
      await asCompliance.unlinkWallet(unlinked);
      await asCompliance.setAccountFrozen(frozen, true);
      for (const s of statements) {
        await expect(submitSigned(f, s)).to.be.revertedWithCustomError(f.registrar, "EligibilitySuperseded");
      }
    });

    it("cancelEligibility emits EligibilityCancelled with the digest, and the cancelled statement is refused", async function () {
      const f = await load();
      const s = await signed(f, randomAddress());
      const digest = TypedDataEncoder.hash(await eligibilityDomain(f), { Eligibility: [...ELIGIBILITY_TYPES.Eligibility] }, s.e);
      await expect(f.registrar.connect(f.actors.compliance).cancelEligibility(s.e))
        .to.emit(f.registrar, "EligibilityCancelled")
        .withArgs(s.e.wallet, digest);
      await expect(submitSigned(f, s)).to.be.revertedWithCustomError(f.registrar, "EligibilitySpent").withArgs(digest);
      expect((await f.token.getInvestor(s.e.wallet)).investorId).to.equal(0n);
    });

    it("cancelEligibility cancels only the statement named: another for the same wallet still applies", async function () {
      const f = await load();
      const wallet = randomAddress();
      const cancelled = await signed(f, wallet, { investorClass: InvestorClass.Institutional });
      const kept = await signed(f, wallet, { investorClass: InvestorClass.Retail });
      await f.registrar.connect(f.actors.compliance).cancelEligibility(cancelled.e);
      await submitSigned(f, kept);
      expect((await f.token.getInvestor(wallet)).investorClass).to.equal(BigInt(InvestorClass.Retail));
    });

    it("a statement linking a wallet to an investor with a frozen wallet yields a frozen wallet", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      const s = await signed(f, randomAddress(), { investorId: f.holderId });
      await expect(submitSigned(f, s)).to.emit(f.registrar, "AccountFrozen").withArgs(s.e.wallet, true);
      expect((await f.token.getInvestor(s.e.wallet)).frozen).to.equal(true);
      expect(await f.token.canReceive(s.e.wallet)).to.equal(false);
    });

    it("a statement never unfreezes: updating, reinstating or registering a frozen wallet keeps it frozen", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const fresh = randomAddress();
      await asCompliance.setAccountFrozen(f.investor.address, true);
      await asCompliance.setAccountFrozen(fresh, true);
      await asCompliance.linkWallet(f.holderId, randomAddress());
      await asCompliance.setAccountFrozen(f.holder.address, true);
      await asCompliance.removeInvestor(f.holder.address);
      await submitSigned(f, await signed(f, f.investor.address, { investorId: f.investorId }));
      await submitSigned(f, await signed(f, f.holder.address, { investorId: f.holderId }));
      await submitSigned(f, await signed(f, fresh));
      for (const wallet of [f.investor.address, f.holder.address, fresh]) {
        expect((await f.token.getInvestor(wallet)).frozen).to.equal(true);
      }
    });

    it("linkWallet by the officer does not inherit a freeze: the officer decides it (a replacement for a frozen lost wallet)", async function () {
      const f = await load();
      const replacement = randomAddress();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.holder.address, true);
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, replacement);
      expect((await f.token.getInvestor(replacement)).frozen).to.equal(false);
    });
  });

  describe("unlinkWallet", function () {
    async function fillWallets(f: ComplianceFixture): Promise<string[]> {
      const added: string[] = [];
      for (let i = 1n; i < MAX_WALLETS; i++) {
        const wallet = randomAddress();
        await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, wallet);
        added.push(wallet);
      }
      return added;
    }

    it("unlinkWallet unregisters the wallet, frees its slot, updates the others' count and emits WalletUnlinked", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const [second, third] = [randomAddress(), randomAddress()];
      await asCompliance.linkWallet(f.holderId, second);
      await asCompliance.linkWallet(f.holderId, third);
      await expect(asCompliance.unlinkWallet(second)).to.emit(f.registrar, "WalletUnlinked").withArgs(second, f.holderId);
      expect(await f.registrar.walletsOf(f.holderId)).to.deep.equal([f.holder.address, third]);
      await expectRecord(f, second, { investorId: 0n, country: 0, investorClass: InvestorClass.None, kycExpiry: 0n });
      expect((await f.token.getInvestor(second)).walletCount).to.equal(0n);
      expect((await f.token.getInvestor(f.holder.address)).walletCount).to.equal(2n);
      expect((await f.token.getInvestor(third)).walletCount).to.equal(2n);
      expect(await f.token.canReceive(second)).to.equal(false);
    });

    it("an investor with 8 wallets links a replacement once one holding nothing is unlinked", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const added = await fillWallets(f);
      await expect(asCompliance.linkWallet(f.holderId, randomAddress())).to.be.revertedWithCustomError(f.registrar, "TooManyWallets");
      await asCompliance.unlinkWallet(added[2]!);
      const replacement = randomAddress();
      await asCompliance.linkWallet(f.holderId, replacement);
      expect((await f.registrar.walletsOf(f.holderId)).length).to.equal(Number(MAX_WALLETS));
      expect(await f.token.canReceive(replacement)).to.equal(true);
    });

    it("an unlinked wallet may be registered again, as a new investor", async function () {
      const f = await load();
      const wallet = randomAddress();
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, wallet);
      await f.registrar.connect(f.actors.compliance).unlinkWallet(wallet);
      await register(f, wallet);
      expect((await f.token.getInvestor(wallet)).investorId).to.equal(3n);
    });

    it("unlinkWallet reverts with WalletHoldsUnits while the wallet holds units of any lot", async function () {
      const f = await load();
      await expect(f.registrar.connect(f.actors.compliance).unlinkWallet(f.holder.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletHoldsUnits")
        .withArgs(f.holder.address, 3n);
      expect((await f.token.getInvestor(f.holder.address)).lotsHeld).to.equal(3n);
    });

    it("unlinkWallet reverts with WalletHoldsUnits for a removed wallet that still holds units", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).removeInvestor(f.holder.address);
      await expect(f.registrar.connect(f.actors.compliance).unlinkWallet(f.holder.address))
        .to.be.revertedWithCustomError(f.registrar, "WalletHoldsUnits")
        .withArgs(f.holder.address, 3n);
    });

    it("a lost wallet is replaced: link, forced recovery, unlink; the replacement counts as the same holder", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const lot = f.lots.Warehoused;
      await f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, lot, 10n, "0x");
      expect(await holders(f, lot)).to.equal(2n);
      const lost = f.investor.address;
      const replacement = randomAddress();
      await asCompliance.setAccountFrozen(lost, true);
      await asCompliance.linkWallet(f.investorId, replacement);
      await expect(asCompliance.unlinkWallet(lost)).to.be.revertedWithCustomError(f.registrar, "WalletHoldsUnits");
      await f.token.connect(f.actors.compliance).forcedTransfer(lost, replacement, lot, 10n);
      expect(await holders(f, lot)).to.equal(2n);
      await expect(asCompliance.unlinkWallet(lost)).to.emit(f.registrar, "WalletUnlinked").withArgs(lost, f.investorId);
      expect(await f.registrar.walletsOf(f.investorId)).to.deep.equal([replacement]);
      expect(await holders(f, lot)).to.equal(2n);
      // The replacement leaving the lot lowers the count by exactly one investor.
      await f.token.connect(f.actors.compliance).forcedTransfer(replacement, f.holder.address, lot, 10n);
      expect(await holders(f, lot)).to.equal(1n);
    });

    it("unlinkWallet keeps the wallet's account freeze", async function () {
      const f = await load();
      const wallet = randomAddress();
      await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, wallet);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(wallet, true);
      await f.registrar.connect(f.actors.compliance).unlinkWallet(wallet);
      expect((await f.token.getInvestor(wallet)).frozen).to.equal(true);
    });

    it("unlinkWallet reverts with WalletNotRegistered for a wallet never registered, and for one already unlinked", async function () {
      const f = await load();
      const asCompliance = f.registrar.connect(f.actors.compliance);
      const stranger = randomAddress();
      await expect(asCompliance.unlinkWallet(stranger))
        .to.be.revertedWithCustomError(f.registrar, "WalletNotRegistered")
        .withArgs(stranger);
      const wallet = randomAddress();
      await asCompliance.linkWallet(f.holderId, wallet);
      await asCompliance.unlinkWallet(wallet);
      await expect(asCompliance.unlinkWallet(wallet))
        .to.be.revertedWithCustomError(f.registrar, "WalletNotRegistered")
        .withArgs(wallet);
    });
  });
});
