import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Wallet, id } from "ethers";
import { network } from "hardhat";

import { type Succeeds, shouldRequireRole } from "./helpers/behaviours.ts";
import { type ComplianceFixture, deployComplianceFixture, eligibility, now } from "./helpers/compliance.ts";
import { COUNTRY, INVESTOR_COUNTRY, InvestorClass, KYC_VALIDITY, bytes32 } from "./helpers/fixtures.ts";

// Every privileged call of the compliance layer is refused to every role but its own: COMPLIANCE_ROLE manages
// investors, rules, freezes and forced transfers; PAUSER_ROLE pauses. Roles live in the lot registry.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployComplianceFixture);
const loadPaused = () => networkHelpers.loadFixture(deployPausedFixture);

async function deployPausedFixture(
  connection: Parameters<typeof deployComplianceFixture>[0],
): Promise<ComplianceFixture> {
  const f = await deployComplianceFixture(connection);
  await f.token.connect(f.actors.pauser).pause();
  return f;
}

/** A COMPLIANCE_ROLE call: allowed to the compliance officer only, where it does what `succeeds` says. */
function compliance(
  call: (f: ComplianceFixture, caller: HardhatEthersSigner) => Promise<unknown>,
  succeeds: Succeeds<ComplianceFixture>,
): void {
  shouldRequireRole<ComplianceFixture>("compliance", "COMPLIANCE", { load, call, succeeds, contract: (f) => f.token });
}

/** A wallet that is not registered yet. */
const newWallet = (f: ComplianceFixture): string => f.wallets[0]!.address;

describe("Compliance roles: each privileged call is refused to every other role", function () {
  it("COMPLIANCE_ROLE and PAUSER_ROLE are the keccak-256 of their names, held by their own signers only", async function () {
    const f = await load();
    expect(f.roles.COMPLIANCE).to.equal(id("COMPLIANCE_ROLE"));
    expect(f.roles.PAUSER).to.equal(id("PAUSER_ROLE"));
    expect(f.actors.compliance.address).to.not.equal(f.actors.pauser.address);
    expect(await f.registry.hasRole(f.roles.COMPLIANCE, f.actors.pauser.address)).to.equal(false);
    expect(await f.registry.hasRole(f.roles.PAUSER, f.actors.compliance.address)).to.equal(false);
    expect(await f.registry.hasRole(f.roles.COMPLIANCE, f.actors.admin.address)).to.equal(false);
  });

  describe("LotToken.registerInvestor", function () {
    compliance(
      async (f, caller) =>
        f.registrar
          .connect(caller)
          .registerInvestor(newWallet(f), COUNTRY.Chile, InvestorClass.Retail, (await now(f)) + KYC_VALIDITY),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "InvestorSet");
        const investorId = await f.registrar.investorCount(); // the newest investor
        expect(investorId).to.equal(f.investorId + 1n);
        const record = await f.token.getInvestor(newWallet(f));
        expect([record.investorId, record.country, record.investorClass]).to.deep.equal([
          investorId,
          BigInt(COUNTRY.Chile),
          BigInt(InvestorClass.Retail),
        ]);
      },
    );
  });

  describe("LotToken.updateInvestor", function () {
    compliance(
      async (f, caller) =>
        f.registrar
          .connect(caller)
          .updateInvestor(f.holderId, INVESTOR_COUNTRY, InvestorClass.Accredited, (await now(f)) + KYC_VALIDITY),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "InvestorSet");
        expect((await f.token.getInvestor(f.holder.address)).investorClass).to.equal(BigInt(InvestorClass.Accredited));
      },
    );
  });

  describe("LotToken.linkWallet", function () {
    compliance(
      (f, caller) => f.registrar.connect(caller).linkWallet(f.holderId, newWallet(f)),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "InvestorSet");
        expect((await f.token.getInvestor(newWallet(f))).investorId).to.equal(f.holderId);
      },
    );
  });

  describe("LotToken.removeInvestor", function () {
    compliance(
      (f, caller) => f.registrar.connect(caller).removeInvestor(f.investor.address),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "InvestorRemoved").withArgs(f.investor.address, f.investorId);
        expect(await f.token.canReceive(f.investor.address)).to.equal(false);
      },
    );
  });

  describe("LotToken.unlinkWallet", function () {
    // A spare wallet linked to the holder's investor, holding nothing: the one wallet an unlink may remove.
    const spare = "0x000000000000000000000000000000000000bEEF";
    compliance(
      async (f, caller) => {
        await f.registrar.connect(f.actors.compliance).linkWallet(f.holderId, spare);
        return f.registrar.connect(caller).unlinkWallet(spare);
      },
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "WalletUnlinked").withArgs(spare, f.holderId);
        expect(await f.registrar.walletsOf(f.holderId)).to.not.include(spare);
        expect((await f.token.getInvestor(spare)).investorId).to.equal(0n);
      },
    );
  });

  describe("LotToken.cancelEligibility", function () {
    const wallet = Wallet.createRandom().address;
    compliance(
      async (f, caller) => f.registrar.connect(caller).cancelEligibility(await eligibility(f, wallet)),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "EligibilityCancelled");
        expect((await f.token.getInvestor(wallet)).investorId).to.equal(0n);
      },
    );
  });

  describe("LotToken.setAccountFrozen", function () {
    compliance(
      (f, caller) => f.registrar.connect(caller).setAccountFrozen(f.holder.address, true),
      async (f, tx) => {
        await expect(tx).to.emit(f.registrar, "AccountFrozen").withArgs(f.holder.address, true);
        expect((await f.token.getInvestor(f.holder.address)).frozen).to.equal(true);
      },
    );
  });

  describe("LotToken.setFrozenTokens", function () {
    compliance(
      (f, caller) => f.token.connect(caller).setFrozenTokens(f.holder.address, f.lot, 5n),
      async (f, tx) => {
        await expect(tx).to.emit(f.token, "Frozen").withArgs(f.holder.address, f.lot, 5n);
        expect(await f.token.getFrozenTokens(f.holder.address, f.lot)).to.equal(5n);
      },
    );
  });

  describe("LotToken.forcedTransfer", function () {
    compliance(
      (f, caller) => f.token.connect(caller).forcedTransfer(f.holder.address, f.investor.address, f.lot, 5n),
      async (f, tx) => {
        await expect(tx).to.emit(f.token, "ForcedTransfer").withArgs(f.holder.address, f.investor.address, f.lot, 5n);
        expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(5n);
      },
    );
  });

  describe("LotToken.forcedTransferWithReason", function () {
    compliance(
      (f, caller) =>
        f.token.connect(caller).forcedTransferWithReason(f.holder.address, f.investor.address, f.lot, 5n, "court order"),
      async (f, tx) => {
        await expect(tx)
          .to.emit(f.token, "ForcedTransferReason")
          .withArgs(f.holder.address, f.investor.address, f.lot, 5n, "court order");
        expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(5n);
      },
    );
  });

  describe("LotToken.setLotRules", function () {
    compliance(
      (f, caller) => f.token.connect(caller).setLotRules(f.lot, InvestorClass.Retail, false, 10, 0n, 0n),
      async (f, tx) => {
        await expect(tx).to.emit(f.token, "LotRulesSet").withArgs(f.lot, InvestorClass.Retail, false, 10, 0n, 0n);
        const rules = await f.token.getLotRules(f.lot);
        expect([rules.minClass, rules.maxHolders]).to.deep.equal([BigInt(InvestorClass.Retail), 10n]);
      },
    );
  });

  describe("LotToken.setAllowedCountries", function () {
    compliance(
      (f, caller) => f.token.connect(caller).setAllowedCountries(f.lot, [COUNTRY.Chile], true),
      async (f, tx) => {
        await expect(tx).to.emit(f.token, "CountryAllowed").withArgs(f.lot, COUNTRY.Chile, true);
        expect(await f.token.isCountryAllowed(f.lot, COUNTRY.Chile)).to.equal(true);
      },
    );
  });

  describe("LotToken.setLotHold", function () {
    compliance(
      (f, caller) => f.token.connect(caller).setLotHold(f.lot, true, bytes32("DD review")),
      async (f, tx) => {
        await expect(tx).to.emit(f.token, "LotHoldSet").withArgs(f.lot, true, bytes32("DD review"));
        expect((await f.token.getLotRules(f.lot)).onHold).to.equal(true);
      },
    );
  });

  describe("LotToken.pause", function () {
    shouldRequireRole<ComplianceFixture>("pauser", "PAUSER", {
      load,
      call: (f, caller) => f.token.connect(caller).pause(),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.token, "Paused").withArgs(caller.address);
        expect(await f.token.paused()).to.equal(true);
      },
      contract: (f) => f.token,
    });
  });

  describe("LotToken.unpause", function () {
    shouldRequireRole<ComplianceFixture>("pauser", "PAUSER", {
      load: loadPaused,
      call: (f, caller) => f.token.connect(caller).unpause(),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.token, "Unpaused").withArgs(caller.address);
        expect(await f.token.paused()).to.equal(false);
      },
      contract: (f) => f.token,
    });
  });
});
