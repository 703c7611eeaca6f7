import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { type ComplianceFixture, deployComplianceFixture, now } from "./helpers/compliance.ts";
import { BASE_URI, COUNTRY, InvestorClass, KYC_VALIDITY } from "./helpers/fixtures.ts";
import type { InvestorRegistrar, LotToken } from "../../types/ethers-contracts/index.ts";

// The investor registry's administration lives in InvestorRegistrar; the token keeps each wallet's record (one slot,
// read on every transfer) and lets only the registrar bound to it write the registrar's fields, never the token's own
// counters (`frozenLots`, `lotsHeld`).

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployComplianceFixture);

interface UnboundFixture extends ComplianceFixture {
  /** A second token on the same registry, with no registrar bound yet, and a registrar deployed for it. */
  freshToken: LotToken;
  freshRegistrar: InvestorRegistrar;
}

async function deployUnboundRegistrarFixture(connection: Parameters<typeof deployComplianceFixture>[0]): Promise<UnboundFixture> {
  const f = await deployComplianceFixture(connection);
  const { ethers } = connection;
  const freshToken = await ethers.deployContract("LotToken", [await f.registry.getAddress(), BASE_URI], f.actors.admin);
  const freshRegistrar = await ethers.deployContract(
    "InvestorRegistrar",
    [await f.registry.getAddress(), await freshToken.getAddress()],
    f.actors.admin,
  );
  return { ...f, freshToken, freshRegistrar };
}
const loadUnbound = () => networkHelpers.loadFixture(deployUnboundRegistrarFixture);

type Record = Awaited<ReturnType<LotToken["getInvestor"]>>;
/** A record as a plain, writable struct argument. */
const recordOf = (r: Record) => ({
  investorId: r.investorId,
  country: r.country,
  investorClass: r.investorClass,
  kycExpiry: r.kycExpiry,
  frozen: r.frozen,
  walletCount: r.walletCount,
  frozenLots: r.frozenLots,
  lotsHeld: r.lotsHeld,
  decidedAt: r.decidedAt,
  platform: r.platform,
});

describe("InvestorRegistrar: bound once to the token, the only writer of investor records", function () {
  describe("LotToken.bindRegistrar", function () {
    shouldRefuseToEveryRoleExcept<UnboundFixture>(["admin"], {
      load: loadUnbound,
      call: async (f, caller) => f.freshToken.connect(caller).bindRegistrar(await f.freshRegistrar.getAddress()),
      succeeds: async (f, tx) => {
        const registrar = await f.freshRegistrar.getAddress();
        await expect(tx).to.emit(f.freshToken, "RegistrarBound").withArgs(registrar);
        expect(await f.freshToken.registrar()).to.equal(registrar);
      },
      refusal: (f, caller) => ({ contract: f.freshToken, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.DEFAULT_ADMIN] }),
    });

    it("bindRegistrar reverts with RegistrarAlreadyBound when a registrar is already bound", async function () {
      const f = await load();
      const bound = await f.registrar.getAddress();
      expect(await f.token.registrar()).to.equal(bound);
      await expect(f.token.connect(f.actors.admin).bindRegistrar(f.wallets[0]!.address))
        .to.be.revertedWithCustomError(f.token, "RegistrarAlreadyBound")
        .withArgs(bound);
    });

    it("bindRegistrar reverts with RegistrarAlreadyBound for the zero address", async function () {
      const f = await loadUnbound();
      await expect(f.freshToken.connect(f.actors.admin).bindRegistrar(ZeroAddress))
        .to.be.revertedWithCustomError(f.freshToken, "RegistrarAlreadyBound")
        .withArgs(ZeroAddress);
    });

    it("a registrar whose token has not bound it cannot register anyone (the token refuses its writes)", async function () {
      const f = await loadUnbound();
      const expiry = (await now(f)) + KYC_VALIDITY;
      await expect(
        f.freshRegistrar.connect(f.actors.compliance).registerInvestor(f.wallets[0]!.address, COUNTRY.Peru, InvestorClass.Retail, expiry),
      )
        .to.be.revertedWithCustomError(f.freshToken, "CallerNotRegistrar")
        .withArgs(await f.freshRegistrar.getAddress());
    });
  });

  describe("LotToken.writeInvestor", function () {
    shouldRefuseToEveryRoleExcept<ComplianceFixture>([], {
      load,
      call: async (f, caller) =>
        f.token.connect(caller).writeInvestor(f.wallets[0]!.address, recordOf(await f.token.getInvestor(f.holder.address))),
      refusal: (f, caller) => ({ contract: f.token, error: "CallerNotRegistrar", args: [caller.address] }),
    });

    it("writeInvestor from the registrar writes its fields and keeps the token's counters frozenLots and lotsHeld", async function () {
      const f = await load();
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.holder.address, f.lot, 1n);
      const before = await f.token.getInvestor(f.holder.address);
      expect(before.lotsHeld).to.equal(3n);
      expect(before.frozenLots).to.equal(1n);
      const registrar = await f.registrar.getAddress();
      await networkHelpers.impersonateAccount(registrar);
      await networkHelpers.setBalance(registrar, 10n ** 18n);
      const asRegistrar = await f.connection.ethers.getSigner(registrar);
      const written = {
        investorId: 77n,
        country: COUNTRY.Chile,
        investorClass: InvestorClass.Retail,
        kycExpiry: 123n,
        frozen: true,
        walletCount: 2n,
        frozenLots: 999n,
        lotsHeld: 999n,
        decidedAt: 456n,
        platform: false,
      };
      await f.token.connect(asRegistrar).writeInvestor(f.holder.address, written);
      const after = await f.token.getInvestor(f.holder.address);
      expect(after.investorId).to.equal(77n);
      expect(after.country).to.equal(BigInt(COUNTRY.Chile));
      expect(after.investorClass).to.equal(BigInt(InvestorClass.Retail));
      expect(after.kycExpiry).to.equal(123n);
      expect(after.frozen).to.equal(true);
      expect(after.walletCount).to.equal(2n);
      expect(after.decidedAt).to.equal(456n);
      expect(after.lotsHeld).to.equal(3n);
      expect(after.frozenLots).to.equal(1n);
    });
  });

  describe("views", function () {
    it("the registrar's getInvestor reads the token's record, counters included", async function () {
      const f = await load();
      expect(await f.registrar.getInvestor(f.holder.address)).to.deep.equal(await f.token.getInvestor(f.holder.address));
      expect((await f.registrar.getInvestor(f.holder.address)).lotsHeld).to.equal(3n);
    });

    it("the registrar names its registry and token", async function () {
      const f = await load();
      expect(await f.registrar.registry()).to.equal(await f.registry.getAddress());
      expect(await f.registrar.token()).to.equal(await f.token.getAddress());
    });
  });
});
