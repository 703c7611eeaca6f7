import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Wallet, id } from "ethers";
import { network } from "hardhat";

import { shouldRequireRole } from "./helpers/behaviours.ts";
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

/** A COMPLIANCE_ROLE call: allowed to the compliance officer only. */
function compliance(call: (f: ComplianceFixture, caller: HardhatEthersSigner) => Promise<unknown>): void {
  shouldRequireRole<ComplianceFixture>("compliance", "COMPLIANCE", { load, call, contract: (f) => f.token });
}

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
    compliance(async (f, caller) =>
      f.token
        .connect(caller)
        .registerInvestor(
          Wallet.createRandom().address,
          COUNTRY.Chile,
          InvestorClass.Retail,
          (await now(f)) + KYC_VALIDITY,
        ),
    );
  });

  describe("LotToken.updateInvestor", function () {
    compliance(async (f, caller) =>
      f.token
        .connect(caller)
        .updateInvestor(f.holderId, INVESTOR_COUNTRY, InvestorClass.Accredited, (await now(f)) + KYC_VALIDITY),
    );
  });

  describe("LotToken.linkWallet", function () {
    compliance((f, caller) => f.token.connect(caller).linkWallet(f.holderId, Wallet.createRandom().address));
  });

  describe("LotToken.removeInvestor", function () {
    compliance((f, caller) => f.token.connect(caller).removeInvestor(f.investor.address));
  });

  describe("LotToken.unlinkWallet", function () {
    compliance(async (f, caller) => {
      const wallet = Wallet.createRandom().address;
      await f.token.connect(f.actors.compliance).linkWallet(f.holderId, wallet);
      return f.token.connect(caller).unlinkWallet(wallet);
    });
  });

  describe("LotToken.cancelEligibility", function () {
    compliance(async (f, caller) =>
      f.token.connect(caller).cancelEligibility(await eligibility(f, Wallet.createRandom().address)),
    );
  });

  describe("LotToken.setAccountFrozen", function () {
    compliance((f, caller) => f.token.connect(caller).setAccountFrozen(f.holder.address, true));
  });

  describe("LotToken.setFrozenTokens", function () {
    compliance((f, caller) => f.token.connect(caller).setFrozenTokens(f.holder.address, f.lot, 5n));
  });

  describe("LotToken.forcedTransfer", function () {
    compliance((f, caller) => f.token.connect(caller).forcedTransfer(f.holder.address, f.investor.address, f.lot, 5n));
  });

  describe("LotToken.forcedTransferWithReason", function () {
    compliance((f, caller) =>
      f.token.connect(caller).forcedTransferWithReason(f.holder.address, f.investor.address, f.lot, 5n, "court order"),
    );
  });

  describe("LotToken.setLotRules", function () {
    compliance((f, caller) => f.token.connect(caller).setLotRules(f.lot, InvestorClass.Retail, false, 10, 0n, 0n));
  });

  describe("LotToken.setAllowedCountries", function () {
    compliance((f, caller) => f.token.connect(caller).setAllowedCountries(f.lot, [COUNTRY.Chile], true));
  });

  describe("LotToken.setLotHold", function () {
    compliance((f, caller) => f.token.connect(caller).setLotHold(f.lot, true, bytes32("DD review")));
  });

  describe("LotToken.pause", function () {
    shouldRequireRole<ComplianceFixture>("pauser", "PAUSER", {
      load,
      call: (f, caller) => f.token.connect(caller).pause(),
      contract: (f) => f.token,
    });
  });

  describe("LotToken.unpause", function () {
    shouldRequireRole<ComplianceFixture>("pauser", "PAUSER", {
      load: loadPaused,
      call: (f, caller) => f.token.connect(caller).unpause(),
      contract: (f) => f.token,
    });
  });
});
