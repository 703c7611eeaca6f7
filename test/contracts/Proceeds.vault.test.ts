import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { AbiCoder, Signature, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept } from "./helpers/behaviours.ts";
import { expireKyc } from "./helpers/compliance.ts";
import { type LotsFixture, LotState, Reason, bytes32, lotInState, registerInvestor } from "./helpers/fixtures.ts";
import {
  HOLDINGS,
  NOTICE_PERIOD,
  type ProceedsFixture,
  SUPPLY,
  accFor,
  deployProceedsFixture,
  depositAs,
  entitlement,
  redeem,
} from "./helpers/proceeds.ts";

// The proceeds vault, one function at a time: the settlement the issuer opens (payment token, treasury and entitled
// supply fixed there), deposit (and with a permit), the treasury's explicit final payment, redemption by sending units,
// claim and the freezes that bind it, compliance's release of a position, claimableOf, sweepDust, the admin's
// replacement of a lost treasury key, and the registry's retirement rule the vault answers. The fixture's lot is
// settling with N = 10,000 units held by three investors; its treasury is `actors.treasury`.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployProceedsFixture);

/** The fixture plus a second account holding TREASURY_ROLE that is not the lot's treasury. */
async function deployWithSecondTreasury(connection: Parameters<typeof deployProceedsFixture>[0]) {
  const f = await deployProceedsFixture(connection);
  const rival = f.wallets[4]!;
  await f.registry.connect(f.actors.admin).grantRole(f.roles.TREASURY, rival.address);
  const worthless = await connection.ethers.deployContract("TestStablecoin");
  await worthless.mint(rival.address, 1_000_000n);
  await worthless.connect(rival).approve(f.vaultAddress, 2n ** 255n);
  await f.usd.mint(rival.address, 1_000_000n);
  await f.usd.connect(rival).approve(f.vaultAddress, 2n ** 255n);
  return { ...f, rival, worthless };
}
const loadRival = () => networkHelpers.loadFixture(deployWithSecondTreasury);

const notLotTreasury = (f: ProceedsFixture, caller: HardhatEthersSigner) => ({
  contract: f.vault,
  error: "NotLotTreasury",
  args: [f.lot, caller.address, f.actors.treasury.address],
});

/** Every holder of the fixture's lot sends all its units to the vault. */
async function redeemAll(f: ProceedsFixture) {
  for (const [who, units] of [[f.holder, HOLDINGS.holder], [f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
    await redeem(f, who, units);
  }
}

/** A warehoused lot with `units` minted to the holder, settled in `paymentToken`. */
async function settledIn(f: ProceedsFixture, paymentToken: string, units = 1_000n) {
  const lot = await lotInState(f as unknown as LotsFixture, "Warehoused");
  if (units > 0n) await f.token.connect(f.actors.issuer).mint(f.holder.address, lot, units, "0x");
  await f.registry.connect(f.actors.issuer).startSettlement(lot, bytes32("SALE-OTHER"), paymentToken, f.actors.treasury.address);
  return lot;
}

describe("ProceedsVault", function () {
  describe("openSettlement (LotRegistry.startSettlement)", function () {
    it("startSettlement opens the lot's distribution: its payment token, its one treasury and N, its outstanding units", async function () {
      const f = await load();
      const lot = await lotInState(f as unknown as LotsFixture, "Warehoused");
      await f.token.connect(f.actors.issuer).mint(f.holder.address, lot, 777n, "0x");
      const tx = f.registry.connect(f.actors.issuer).startSettlement(lot, bytes32("SALE-9"), f.usdAddress, f.actors.treasury.address);
      await expect(tx).to.emit(f.vault, "SettlementOpened").withArgs(lot, f.usdAddress, f.actors.treasury.address, 777n);
      await expect(tx)
        .to.emit(f.registry, "SettlementStarted")
        .withArgs(lot, bytes32("SALE-9"), f.usdAddress, f.actors.treasury.address);
      const { proceeds } = await f.vault.getLotProceeds(lot);
      expect([proceeds.paymentToken, proceeds.treasury, proceeds.entitledSupply]).to.deep.equal([
        f.usdAddress,
        f.actors.treasury.address,
        777n,
      ]);
    });

    it("startSettlement reverts, the lot staying warehoused, when the payment token is not a contract", async function () {
      const f = await load();
      const lot = await lotInState(f as unknown as LotsFixture, "Warehoused");
      await expect(f.registry.connect(f.actors.issuer).startSettlement(lot, bytes32("SALE"), f.stranger.address, f.actors.treasury.address))
        .to.be.revertedWithCustomError(f.vault, "InvalidPaymentToken")
        .withArgs(f.stranger.address);
      expect((await f.registry.getLot(lot)).state).to.equal(LotState.Warehoused);
    });

    it("startSettlement reverts, the lot staying warehoused, when the treasury named does not hold TREASURY_ROLE", async function () {
      const f = await load();
      const lot = await lotInState(f as unknown as LotsFixture, "Warehoused");
      await expect(f.registry.connect(f.actors.issuer).startSettlement(lot, bytes32("SALE"), f.usdAddress, f.stranger.address))
        .to.be.revertedWithCustomError(f.vault, "TreasuryLacksRole")
        .withArgs(f.stranger.address);
      expect((await f.registry.getLot(lot)).state).to.equal(LotState.Warehoused);
    });

    describe("openSettlement called directly", function () {
      shouldRefuseToEveryRoleExcept([], {
        load,
        call: (f, caller) => f.vault.connect(caller).openSettlement(f.warehoused, f.usdAddress, f.actors.treasury.address),
        refusal: (f, caller) => ({ contract: f.vault, error: "CallerNotRegistry", args: [caller.address] }),
      });
    });

    it("openSettlement reverts with SettlementAlreadyOpen for a lot already opened, even from the registry", async function () {
      const f = await load();
      const registry = await f.registry.getAddress();
      await networkHelpers.impersonateAccount(registry);
      await networkHelpers.setBalance(registry, 10n ** 18n);
      const asRegistry = f.vault.connect(await f.connection.ethers.getSigner(registry));
      await expect(asRegistry.openSettlement(f.lot, f.usdAddress, f.actors.treasury.address))
        .to.be.revertedWithCustomError(f.vault, "SettlementAlreadyOpen")
        .withArgs(f.lot);
      await networkHelpers.stopImpersonatingAccount(registry);
    });
  });

  describe("deposit", function () {
    shouldRefuseToEveryRoleExcept(["treasury"], {
      load,
      call: (f, caller) => f.vault.connect(caller).deposit(f.lot, 1_000_000n),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.vault, "ProceedsDeposited").withArgs(f.lot, 1_000_000n, accFor(1_000_000n), caller.address);
        expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(1_000_000n);
        const { proceeds } = await f.vault.getLotProceeds(f.lot);
        expect([proceeds.deposited, proceeds.finalAt]).to.deep.equal([1_000_000n, 0n]);
      },
      refusal: notLotTreasury,
    });

    it("another treasury account cannot deposit for, nor end, a lot whose settlement named a different treasury", async function () {
      // The review's front-run: a second TREASURY_ROLE account pays 1 base unit of a worthless token marked final
      // before the real payment. The lot's token is fixed and only its own treasury deposits or declares the final.
      const f = await loadRival();
      await expect(f.vault.connect(f.rival).deposit(f.lot, 1n))
        .to.be.revertedWithCustomError(f.vault, "NotLotTreasury")
        .withArgs(f.lot, f.rival.address, f.actors.treasury.address);
      await expect(f.vault.connect(f.rival).finalize(f.lot))
        .to.be.revertedWithCustomError(f.vault, "NotLotTreasury")
        .withArgs(f.lot, f.rival.address, f.actors.treasury.address);
      await expect(f.vault.connect(f.rival).sweepDust(f.lot))
        .to.be.revertedWithCustomError(f.vault, "NotLotTreasury")
        .withArgs(f.lot, f.rival.address, f.actors.treasury.address);
      // The real payment and its final declaration still go through.
      await depositAs(f, 1_000_000n, true);
      const { proceeds } = await f.vault.getLotProceeds(f.lot);
      expect([proceeds.paymentToken, proceeds.deposited]).to.deep.equal([f.usdAddress, 1_000_000n]);
      expect(proceeds.finalAt).to.be.greaterThan(0n);
    });

    it("the lot's treasury account that lost TREASURY_ROLE can no longer deposit", async function () {
      const f = await load();
      await f.registry.connect(f.actors.admin).revokeRole(f.roles.TREASURY, f.actors.treasury.address);
      await expect(depositAs(f, 1n))
        .to.be.revertedWithCustomError(f.vault, "NotLotTreasury")
        .withArgs(f.lot, f.actors.treasury.address, f.actors.treasury.address);
    });

    it("deposit carries the division remainder to the next deposit, so acc x N never exceeds deposited x MAGNITUDE", async function () {
      const f = await load();
      await depositAs(f, 7n);
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.accPerUnit).to.equal(accFor(7n));
      await depositAs(f, 3n);
      // 7/10,000 + 3/10,000 kept separately would lose a rounding each; recomputed from the total, it is exact.
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.accPerUnit).to.equal(accFor(10n));
    });

    it("deposit reverts with SettlementNotOpen for a lot whose settlement was never opened", async function () {
      const f = await load();
      await expect(f.vault.connect(f.actors.treasury).deposit(f.warehoused, 1n))
        .to.be.revertedWithCustomError(f.vault, "SettlementNotOpen")
        .withArgs(f.warehoused);
    });

    it("deposit reverts with LotNotSettling once the lot is retired", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      await redeemAll(f);
      await f.registry.connect(f.actors.issuer).retireLot(f.lot);
      await expect(depositAs(f, 1n)).to.be.revertedWithCustomError(f.vault, "LotNotSettling").withArgs(f.lot, LotState.Retired);
    });

    it("deposit reverts when the amount is zero", async function () {
      const f = await load();
      await expect(depositAs(f, 0n)).to.be.revertedWithCustomError(f.vault, "ZeroDeposit").withArgs(f.lot);
    });

    it("deposit reverts when the lot's deposits would pass 2^128 - 1, and the limit itself is accepted", async function () {
      const f = await load();
      const limit = 2n ** 128n - 1n;
      expect(await f.vault.MAX_DEPOSITED()).to.equal(limit);
      await f.usd.mint(f.actors.treasury.address, limit);
      await depositAs(f, limit - 5n);
      await expect(depositAs(f, 6n))
        .to.be.revertedWithCustomError(f.vault, "DepositsExceedLimit")
        .withArgs(f.lot, limit - 5n, 6n, limit);
      await depositAs(f, 5n);
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.deposited).to.equal(limit);
      await expect(depositAs(f, 1n)).to.be.revertedWithCustomError(f.vault, "DepositsExceedLimit").withArgs(f.lot, limit, 1n, limit);
    });

    it("deposit reverts after the final payment", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      const finalAt = BigInt(await time.latest());
      await expect(depositAs(f, 1n)).to.be.revertedWithCustomError(f.vault, "FinalPaymentMade").withArgs(f.lot, finalAt);
    });

    it("deposit reverts with a fee-on-transfer token, measured by the vault's balance", async function () {
      const f = await load();
      const fee = await f.connection.ethers.deployContract("FeeOnTransferToken");
      const lot = await settledIn(f, await fee.getAddress());
      await fee.getFunction("mint")(f.actors.treasury.address, 1_000n);
      await fee.connect(f.actors.treasury).getFunction("approve")(f.vaultAddress, 1_000n);
      await expect(f.vault.connect(f.actors.treasury).deposit(lot, 1_000n))
        .to.be.revertedWithCustomError(f.vault, "PaymentTokenTakesFee")
        .withArgs(await fee.getAddress(), 1_000n, 990n);
    });

    it("deposit reverts when the lot had no units outstanding when its settlement opened: nobody could be paid", async function () {
      const f = await load();
      const empty = await settledIn(f, f.usdAddress, 0n);
      expect((await f.vault.getLotProceeds(empty)).proceeds.entitledSupply).to.equal(0n);
      await expect(f.vault.connect(f.actors.treasury).deposit(empty, 1n))
        .to.be.revertedWithCustomError(f.vault, "NoUnitsOutstanding")
        .withArgs(empty);
    });

    it("depositWithPermit pulls the deposit with an EIP-2612 permit, without a prior approval", async function () {
      const f = await load();
      const treasury = f.actors.treasury;
      await f.usd.connect(treasury).approve(f.vaultAddress, 0n);
      const deadline = BigInt(await time.latest()) + 3_600n;
      const { chainId } = await f.connection.ethers.provider.getNetwork();
      const signature = Signature.from(
        await treasury.signTypedData(
          { name: "Test USD", version: "1", chainId, verifyingContract: f.usdAddress },
          { Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ] },
          { owner: treasury.address, spender: f.vaultAddress, value: 5_000n, nonce: await f.usd.nonces(treasury.address), deadline },
        ),
      );
      await expect(f.vault.connect(treasury).depositWithPermit(f.lot, 5_000n, deadline, signature.v, signature.r, signature.s))
        .to.emit(f.vault, "ProceedsDeposited")
        .withArgs(f.lot, 5_000n, accFor(5_000n), treasury.address);
      expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(5_000n);
    });

    describe("depositWithPermit (a signature that does not verify: the allowance already given decides)", function () {
      const BAD = `0x${"11".repeat(32)}`;
      shouldRefuseToEveryRoleExcept(["treasury"], {
        load,
        call: (f, caller) => f.vault.connect(caller).depositWithPermit(f.lot, 2_000n, 0n, 27, BAD, BAD),
        succeeds: async (f, tx, caller) => {
          await expect(tx).to.emit(f.vault, "ProceedsDeposited").withArgs(f.lot, 2_000n, accFor(2_000n), caller.address);
          expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(2_000n);
        },
        refusal: notLotTreasury,
      });
    });
  });

  describe("finalize (the treasury's explicit final payment)", function () {
    shouldRefuseToEveryRoleExcept(["treasury"], {
      load,
      call: (f, caller) => f.vault.connect(caller).finalize(f.lot),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.vault, "ProceedsFinalized").withArgs(f.lot, 0n, caller.address);
        const at = BigInt(await time.latest());
        const view = await f.vault.getLotProceeds(f.lot);
        expect(view.proceeds.finalAt).to.equal(at);
        expect(view.retirableAt).to.equal(at + NOTICE_PERIOD);
      },
      refusal: notLotTreasury,
    });

    it("a deposit and its finalization go in one transaction with multicall, emitting both", async function () {
      const f = await load();
      const tx = depositAs(f, 1_000n, true);
      await expect(tx).to.emit(f.vault, "ProceedsDeposited").withArgs(f.lot, 1_000n, accFor(1_000n), f.actors.treasury.address);
      await expect(tx).to.emit(f.vault, "ProceedsFinalized").withArgs(f.lot, 1_000n, f.actors.treasury.address);
    });

    it("finalize reverts when the final payment was already declared", async function () {
      const f = await load();
      await f.vault.connect(f.actors.treasury).finalize(f.lot);
      const finalAt = BigInt(await time.latest());
      await expect(f.vault.connect(f.actors.treasury).finalize(f.lot))
        .to.be.revertedWithCustomError(f.vault, "FinalPaymentMade")
        .withArgs(f.lot, finalAt);
    });

    it("finalize reverts with SettlementNotOpen for a lot whose settlement was never opened", async function () {
      const f = await load();
      await expect(f.vault.connect(f.actors.treasury).finalize(f.warehoused))
        .to.be.revertedWithCustomError(f.vault, "SettlementNotOpen")
        .withArgs(f.warehoused);
    });
  });

  describe("replaceLotTreasury (a lost or compromised treasury key)", function () {
    shouldRefuseToEveryRoleExcept(["admin"], {
      load: loadRival,
      call: (f, caller) => f.vault.connect(caller).replaceLotTreasury(f.lot, f.rival.address),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.vault, "LotTreasuryReplaced").withArgs(f.lot, f.actors.treasury.address, f.rival.address);
        await tx;
        await f.vault.connect(f.rival).deposit(f.lot, 10n);
        await expect(depositAs(f, 1n)).to.be.revertedWithCustomError(f.vault, "NotLotTreasury");
      },
      refusal: (f, caller) => ({
        contract: f.vault,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.DEFAULT_ADMIN],
      }),
    });

    it("replaceLotTreasury reverts when the new account lacks TREASURY_ROLE, or the lot never opened settlement", async function () {
      const f = await load();
      await expect(f.vault.connect(f.actors.admin).replaceLotTreasury(f.lot, f.stranger.address))
        .to.be.revertedWithCustomError(f.vault, "TreasuryLacksRole")
        .withArgs(f.stranger.address);
      await expect(f.vault.connect(f.actors.admin).replaceLotTreasury(f.warehoused, f.actors.treasury.address))
        .to.be.revertedWithCustomError(f.vault, "SettlementNotOpen")
        .withArgs(f.warehoused);
    });
  });

  describe("redemption (units sent to the vault)", function () {
    it("a holder's units sent to the vault are recorded in its position and burned by the vault", async function () {
      const f = await load();
      const tx = redeem(f, f.investor, 1_000n);
      await expect(tx).to.emit(f.vault, "UnitsRedeemed").withArgs(f.lot, f.investor.address, 1_000n, 1_000n);
      await expect(tx).to.emit(f.token, "UnitsBurned").withArgs(f.lot, f.vaultAddress, 1_000n, f.vaultAddress);
      expect(await f.token.balanceOf(f.vaultAddress, f.lot)).to.equal(0n);
      expect(await f.token.totalSupply(f.lot)).to.equal(SUPPLY - 1_000n);
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(1_000n);
      await redeem(f, f.investor, 500n);
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(1_500n);
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.redeemedUnits).to.equal(1_500n);
    });

    it("a batch of units sent to the vault redeems each lot", async function () {
      const f = await load();
      await f.token.connect(f.investor).safeBatchTransferFrom(f.investor.address, f.vaultAddress, [f.lot, f.lot], [100n, 200n], "0x");
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(300n);
      expect(await f.token.totalSupply(f.lot)).to.equal(SUPPLY - 300n);
    });

    it("an operator the holder approved may redeem for it: the position is the holder's", async function () {
      const f = await load();
      await f.token.connect(f.investor).setApprovalForAll(f.stranger.address, true);
      await f.token.connect(f.stranger).safeTransferFrom(f.investor.address, f.vaultAddress, f.lot, 100n, "0x");
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(100n);
      expect((await f.vault.getPosition(f.lot, f.stranger.address)).units).to.equal(0n);
    });

    it("redemption reverts when the lot is not settling or retired", async function () {
      const f = await load();
      await expect(redeem(f, f.holder, 1n, f.warehoused))
        .to.be.revertedWithCustomError(f.vault, "LotNotSettling")
        .withArgs(f.warehoused, LotState.Warehoused);
    });

    it("redemption reverts with SettlementNotOpen for a lot retired without a settlement (withdrawn)", async function () {
      const f = await load();
      // Units of a withdrawn lot cannot exist; a vault whose token is a plain account reaches the check directly.
      const token = f.wallets[4]!;
      const vault = await f.connection.ethers.deployContract("ProceedsVault", [await f.registry.getAddress(), token.address, 0n]);
      const withdrawn = await lotInState(f, "Registered");
      await f.registry.connect(f.actors.issuer).withdrawLot(withdrawn, bytes32("NEVER SHIPPED"));
      await expect(vault.connect(token).onERC1155Received(f.holder.address, f.holder.address, withdrawn, 1n, "0x"))
        .to.be.revertedWithCustomError(vault, "SettlementNotOpen")
        .withArgs(withdrawn);
    });

    it("redemption reverts when zero units are sent", async function () {
      const f = await load();
      await expect(redeem(f, f.holder, 0n)).to.be.revertedWithCustomError(f.vault, "NothingToRedeem").withArgs(f.lot);
    });

    it("the receiver hooks revert when called by anything but the lot token", async function () {
      const f = await load();
      const plain = await f.connection.ethers.deployContract("PlainERC1155");
      await plain.mint(f.holder.address, f.lot, 10n);
      await expect(plain.connect(f.holder).safeTransferFrom(f.holder.address, f.vaultAddress, f.lot, 10n, "0x"))
        .to.be.revertedWithCustomError(f.vault, "NotLotToken")
        .withArgs(await plain.getAddress());
      await expect(f.vault.connect(f.holder).onERC1155Received(f.holder.address, f.holder.address, f.lot, 10n, "0x"))
        .to.be.revertedWithCustomError(f.vault, "NotLotToken")
        .withArgs(f.holder.address);
      await expect(f.vault.connect(f.holder).onERC1155BatchReceived(f.holder.address, f.holder.address, [f.lot], [10n], "0x"))
        .to.be.revertedWithCustomError(f.vault, "NotLotToken")
        .withArgs(f.holder.address);
    });

    it("a holder whose KYC lapsed can still redeem and claim", async function () {
      const f = await load();
      await depositAs(f, 1_000_000n, true);
      await expireKyc(f as unknown as LotsFixture, f.investor.address);
      expect(await f.token.canReceive(f.investor.address)).to.equal(false);
      expect(await f.token.canTransfer(f.investor.address, f.vaultAddress, f.lot, HOLDINGS.investor)).to.equal(true);
      await redeem(f, f.investor, HOLDINGS.investor);
      await f.vault.connect(f.investor).claim(f.lot);
      expect(await f.usd.balanceOf(f.investor.address)).to.equal(entitlement(HOLDINGS.investor, accFor(1_000_000n)));
    });

    it("a frozen holder cannot redeem", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
      await expect(redeem(f, f.investor, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderFrozen, f.investor.address, f.vaultAddress, f.lot, 1n);
    });

    it("a forced transfer of a frozen holder's units into the vault is refused: a redemption is the holder's own act", async function () {
      const f = await load();
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
      await expect(
        f.token.connect(f.actors.compliance).forcedTransfer(f.investor.address, f.vaultAddress, f.lot, HOLDINGS.investor),
      )
        .to.be.revertedWithCustomError(f.vault, "RedemptionNotByHolder")
        .withArgs(f.lot, f.investor.address, f.actors.compliance.address);
      expect(await f.token.balanceOf(f.investor.address, f.lot)).to.equal(HOLDINGS.investor);
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(0n);
    });

    it("units a platform account hands to the vault are refused: nobody could ever claim them", async function () {
      const f = await load();
      const escrow = f.wallets[3]!;
      await f.registrar.connect(f.actors.admin).setPlatformAccount(escrow.address, true);
      await f.token.connect(f.third).safeTransferFrom(f.third.address, escrow.address, f.lot, 100n, "0x");
      await expect(f.token.connect(escrow).safeTransferFrom(escrow.address, f.vaultAddress, f.lot, 100n, "0x"))
        .to.be.revertedWithCustomError(f.vault, "PlatformAccountCannotRedeem")
        .withArgs(f.lot, escrow.address);
      // Nor may it name a holder to credit, as the processing contract does for units it held: only that contract may.
      const namingHolder = AbiCoder.defaultAbiCoder().encode(["address"], [f.investor.address]);
      await expect(f.token.connect(escrow).safeTransferFrom(escrow.address, f.vaultAddress, f.lot, 100n, namingHolder))
        .to.be.revertedWithCustomError(f.vault, "PlatformAccountCannotRedeem")
        .withArgs(f.lot, escrow.address);
      expect(await f.token.balanceOf(escrow.address, f.lot)).to.equal(100n);
    });

    it("the processing contract may name a holder to credit, but never nobody nor a platform account", async function () {
      const f = await load();
      // An account bound as the processing contract (a contract in production; a key here, to send what a faulty
      // contract might): it redeems units it held for a holder, naming the holder in the data.
      const processing = f.wallets[4]!;
      const escrow = f.wallets[3]!;
      await f.registry.connect(f.actors.admin).bindProcessing(processing.address);
      for (const account of [processing, escrow]) await f.registrar.connect(f.actors.admin).setPlatformAccount(account.address, true);
      await f.token.connect(f.third).safeTransferFrom(f.third.address, processing.address, f.lot, 100n, "0x");
      const naming = (holder: string) => AbiCoder.defaultAbiCoder().encode(["address"], [holder]);
      for (const holder of [ZeroAddress, escrow.address]) {
        await expect(f.token.connect(processing).safeTransferFrom(processing.address, f.vaultAddress, f.lot, 100n, naming(holder)))
          .to.be.revertedWithCustomError(f.vault, "PlatformAccountCannotRedeem")
          .withArgs(f.lot, holder);
      }
      expect(await f.token.balanceOf(processing.address, f.lot)).to.equal(100n);
      // Naming an investor credits the investor's position with the units.
      const before = (await f.vault.getPosition(f.lot, f.investor.address)).units;
      await f.token.connect(processing).safeTransferFrom(processing.address, f.vaultAddress, f.lot, 100n, naming(f.investor.address));
      expect((await f.vault.getPosition(f.lot, f.investor.address)).units).to.equal(before + 100n);
    });

    it("an investor cannot burn units of a settling lot itself: its share would be lost", async function () {
      const f = await load();
      await expect(f.token.connect(f.investor).burn(f.investor.address, f.lot, 1n))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(f.investor.address, f.investor.address);
    });
  });

  describe("supportsInterface", function () {
    it("answers true for the ERC-1155 receiver interface and ERC-165, false for anything else", async function () {
      const f = await load();
      expect(await f.vault.supportsInterface("0x4e2312e0")).to.equal(true); // IERC1155Receiver
      expect(await f.vault.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
      expect(await f.vault.supportsInterface("0xd9b67a26")).to.equal(false); // IERC1155 itself: the vault holds no units
      expect(await f.vault.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("claim", function () {
    it("claim pays the caller what its redeemed units earned, and only the difference the next time", async function () {
      const f = await load();
      await redeem(f, f.investor, HOLDINGS.investor);
      await depositAs(f, 600_000n);
      const first = entitlement(HOLDINGS.investor, accFor(600_000n));
      await expect(f.vault.connect(f.investor).claim(f.lot)).to.emit(f.vault, "ProceedsClaimed").withArgs(f.lot, f.investor.address, first);
      await depositAs(f, 400_001n, true);
      const total = entitlement(HOLDINGS.investor, accFor(1_000_001n));
      await expect(f.vault.connect(f.investor).claim(f.lot))
        .to.emit(f.vault, "ProceedsClaimed")
        .withArgs(f.lot, f.investor.address, total - first);
      expect(await f.usd.balanceOf(f.investor.address)).to.equal(total);
      const position = await f.vault.getPosition(f.lot, f.investor.address);
      expect(position.paid).to.equal(total);
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.paid).to.equal(total);
    });

    it("claim reverts with NothingToClaim before any deposit, after everything was paid, and for a stranger", async function () {
      const f = await load();
      await redeem(f, f.investor, HOLDINGS.investor);
      await expect(f.vault.connect(f.investor).claim(f.lot)).to.be.revertedWithCustomError(f.vault, "NothingToClaim").withArgs(f.lot, f.investor.address);
      await depositAs(f, 1_000n, true);
      await f.vault.connect(f.investor).claim(f.lot);
      await expect(f.vault.connect(f.investor).claim(f.lot)).to.be.revertedWithCustomError(f.vault, "NothingToClaim").withArgs(f.lot, f.investor.address);
      await expect(f.vault.connect(f.stranger).claim(f.lot)).to.be.revertedWithCustomError(f.vault, "NothingToClaim").withArgs(f.lot, f.stranger.address);
    });

    it("claim reverts with NothingToClaim for a holder that has not redeemed: units in a wallet are claimed by sending them", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      await expect(f.vault.connect(f.holder).claim(f.lot)).to.be.revertedWithCustomError(f.vault, "NothingToClaim").withArgs(f.lot, f.holder.address);
    });

    it("a holder frozen after redeeming cannot claim later payments until the freeze is lifted", async function () {
      const f = await load();
      await redeem(f, f.investor, HOLDINGS.investor);
      await depositAs(f, 600_000n);
      await f.vault.connect(f.investor).claim(f.lot);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
      await depositAs(f, 400_000n, true);
      await expect(f.vault.connect(f.investor).claim(f.lot))
        .to.be.revertedWithCustomError(f.vault, "ClaimantFrozen")
        .withArgs(f.lot, f.investor.address);
      expect(await f.vault.claimableOf(f.lot, f.investor.address)).to.equal(0n);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, false);
      await f.vault.connect(f.investor).claim(f.lot);
      expect(await f.usd.balanceOf(f.investor.address)).to.equal(entitlement(HOLDINGS.investor, accFor(1_000_000n)));
    });

    it("units frozen for a holder beyond its wallet balance withhold the share of as many redeemed units", async function () {
      const f = await load();
      await redeem(f, f.investor, HOLDINGS.investor);
      // A freeze of 1,000 units set after the redemption: the wallet holds none, so it binds 1,000 redeemed units.
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.investor.address, f.lot, 1_000n);
      await depositAs(f, 1_000_000n, true);
      const acc = accFor(1_000_000n);
      const free = entitlement(HOLDINGS.investor - 1_000n, acc);
      expect(await f.vault.claimableOf(f.lot, f.investor.address)).to.equal(free);
      await expect(f.vault.connect(f.investor).claim(f.lot)).to.emit(f.vault, "ProceedsClaimed").withArgs(f.lot, f.investor.address, free);
      await expect(f.vault.connect(f.investor).claim(f.lot))
        .to.be.revertedWithCustomError(f.vault, "PositionFrozen")
        .withArgs(f.lot, f.investor.address, 1_000n);
      await f.token.connect(f.actors.compliance).setFrozenTokens(f.investor.address, f.lot, 0n);
      await f.vault.connect(f.investor).claim(f.lot);
      expect(await f.usd.balanceOf(f.investor.address)).to.equal(entitlement(HOLDINGS.investor, acc));
    });

    it("claimableOf counts the units still in the holder's wallet as if redeemed now", async function () {
      const f = await load();
      await redeem(f, f.investor, 1_000n);
      await depositAs(f, 1_000_000n);
      const acc = accFor(1_000_000n);
      expect(await f.vault.claimableOf(f.lot, f.investor.address)).to.equal(entitlement(HOLDINGS.investor, acc));
      await f.vault.connect(f.investor).claim(f.lot);
      expect(await f.vault.claimableOf(f.lot, f.investor.address)).to.equal(entitlement(HOLDINGS.investor, acc) - entitlement(1_000n, acc));
      expect(await f.vault.claimableOf(f.lot, f.stranger.address)).to.equal(0n);
    });
  });

  describe("releasePosition (compliance moves a frozen or lost holder's position)", function () {
    async function loadRedeemed() {
      const f = await load();
      await redeem(f, f.investor, HOLDINGS.investor);
      await depositAs(f, 600_000n);
      await f.vault.connect(f.investor).claim(f.lot);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(f.investor.address, true);
      const recovery = f.wallets[5]!;
      await registerInvestor(f as unknown as LotsFixture, recovery.address);
      return { ...f, recovery };
    }

    shouldRefuseToEveryRoleExcept(["compliance"], {
      load: loadRedeemed,
      call: (f, caller) => f.vault.connect(caller).releasePosition(f.lot, f.investor.address, f.recovery.address, bytes32("COURT-2026-17")),
      succeeds: async (f, tx) => {
        const paid = entitlement(HOLDINGS.investor, accFor(600_000n));
        await expect(tx)
          .to.emit(f.vault, "PositionReleased")
          .withArgs(f.lot, f.investor.address, f.recovery.address, HOLDINGS.investor, paid, bytes32("COURT-2026-17"));
        await tx;
        expect(await f.vault.getPosition(f.lot, f.investor.address)).to.deep.equal([0n, 0n]);
        expect(await f.vault.getPosition(f.lot, f.recovery.address)).to.deep.equal([HOLDINGS.investor, paid]);
        // What was paid moved with the units: the recovery wallet claims only the later payments.
        await depositAs(f, 400_000n, true);
        await f.vault.connect(f.recovery).claim(f.lot);
        expect(await f.usd.balanceOf(f.recovery.address)).to.equal(entitlement(HOLDINGS.investor, accFor(1_000_000n)) - paid);
      },
      refusal: (f, caller) => ({
        contract: f.vault,
        error: "AccessControlUnauthorizedAccount",
        args: [caller.address, f.roles.COMPLIANCE],
      }),
    });

    it("releasePosition reverts for a receiver that may not receive (unverified, frozen, a platform account, the holder itself, zero)", async function () {
      const f = await loadRedeemed();
      const asCompliance = f.vault.connect(f.actors.compliance);
      const reason = bytes32("COURT-2026-17");
      for (const to of [f.stranger.address, f.investor.address, f.vaultAddress, ZeroAddress]) {
        await expect(asCompliance.releasePosition(f.lot, f.investor.address, to, reason))
          .to.be.revertedWithCustomError(f.vault, "InvalidPositionReceiver")
          .withArgs(f.lot, to);
      }
    });

    it("releasePosition reverts without a reason, and for a holder with no position", async function () {
      const f = await loadRedeemed();
      const asCompliance = f.vault.connect(f.actors.compliance);
      await expect(asCompliance.releasePosition(f.lot, f.investor.address, f.recovery.address, bytes32("")))
        .to.be.revertedWithCustomError(f.vault, "PositionReleaseReasonRequired")
        .withArgs(f.lot);
      await expect(asCompliance.releasePosition(f.lot, f.holder.address, f.recovery.address, bytes32("X")))
        .to.be.revertedWithCustomError(f.vault, "NoPosition")
        .withArgs(f.lot, f.holder.address);
    });
  });

  describe("sweepDust", function () {
    async function loadFinal() {
      const f = await load();
      await depositAs(f, 1_000_003n, true); // 1,000,003 over 10,000 units leaves dust
      return f;
    }

    shouldRefuseToEveryRoleExcept(["treasury"], {
      load: loadFinal,
      call: (f, caller) => f.vault.connect(caller).sweepDust(f.lot),
      succeeds: async (f, tx, caller) => {
        const dust = 1_000_003n - entitlement(SUPPLY, accFor(1_000_003n));
        expect(dust).to.be.greaterThan(0n);
        await expect(tx).to.emit(f.vault, "DustSwept").withArgs(f.lot, caller.address, dust);
        expect((await f.vault.getLotProceeds(f.lot)).proceeds.swept).to.equal(dust);
        expect(await f.vault.sweepable(f.lot)).to.equal(0n);
      },
      refusal: notLotTreasury,
    });

    it("sweepDust reverts before the final payment", async function () {
      const f = await load();
      await depositAs(f, 1_000_003n);
      await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot))
        .to.be.revertedWithCustomError(f.vault, "FinalPaymentPending")
        .withArgs(f.lot);
    });

    it("sweepDust reverts when there is nothing to sweep", async function () {
      const f = await load();
      await depositAs(f, 1_000_000n, true); // 100 per unit exactly: no dust
      await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot))
        .to.be.revertedWithCustomError(f.vault, "NothingToSweep")
        .withArgs(f.lot);
    });

    it("sweepable counts the share of units burned elsewhere after settlement opened as owed to nobody", async function () {
      const f = await load();
      await depositAs(f, 1_000_000n, true);
      // A platform account takes the third holder's units and burns them.
      const escrow = f.wallets[3]!;
      await f.registrar.connect(f.actors.admin).setPlatformAccount(escrow.address, true);
      await f.token.connect(f.third).safeTransferFrom(f.third.address, escrow.address, f.lot, HOLDINGS.third, "0x");
      await f.token.connect(escrow).burn(escrow.address, f.lot, HOLDINGS.third);
      expect(await f.vault.sweepable(f.lot)).to.equal(1_000_000n - entitlement(SUPPLY - HOLDINGS.third, accFor(1_000_000n)));
    });
  });

  describe("retirement (LotRegistry.retireLot with the vault bound)", function () {
    it("retireLot reverts with UnitsOutstanding before the final payment", async function () {
      const f = await load();
      await depositAs(f, 1_000n);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(f.lot, SUPPLY);
    });

    it("retireLot reverts with UnitsOutstanding until the notice period after the final payment has passed", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      const retirableAt = (await f.vault.getLotProceeds(f.lot)).retirableAt;
      await time.setNextBlockTimestamp(retirableAt - 1n);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot))
        .to.be.revertedWithCustomError(f.registry, "UnitsOutstanding")
        .withArgs(f.lot, SUPPLY);
      await time.setNextBlockTimestamp(retirableAt);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.registry, "LotRetired").withArgs(f.lot);
    });

    it("retireLot reverts with ProceedsPending when every unit is redeemed but the final payment is not made", async function () {
      const f = await load();
      await depositAs(f, 1_000n);
      await redeemAll(f);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.be.revertedWithCustomError(f.registry, "ProceedsPending").withArgs(f.lot);
      await depositAs(f, 1_000n, true);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.registry, "LotRetired").withArgs(f.lot);
    });

    it("retireLot reverts with ProceedsPending when every holder redeemed before any deposit: their positions wait for the payment", async function () {
      const f = await load();
      await redeemAll(f);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.be.revertedWithCustomError(f.registry, "ProceedsPending").withArgs(f.lot);
      // The payment still reaches them; only then may the lot retire.
      await depositAs(f, 1_000_000n, true);
      await f.registry.connect(f.actors.issuer).retireLot(f.lot);
      await f.vault.connect(f.investor).claim(f.lot);
      expect(await f.usd.balanceOf(f.investor.address)).to.equal(entitlement(HOLDINGS.investor, accFor(1_000_000n)));
    });

    it("retireLot retires at once a settling lot that never had units, a position or a deposit", async function () {
      const f = await load();
      const empty = await settledIn(f, f.usdAddress, 0n);
      await expect(f.registry.connect(f.actors.issuer).retireLot(empty)).to.emit(f.registry, "LotRetired").withArgs(empty);
    });
  });

  describe("LotRegistry.bindProceeds", function () {
    const loadUnbound = async () => {
      const f = await load();
      const vault = await f.connection.ethers.deployContract("ProceedsVault", [await f.registry.getAddress(), await f.token.getAddress(), 0n]);
      const registry = await f.connection.ethers.deployContract("LotRegistry", [0n, f.actors.admin.address]);
      return { ...f, registry, vault };
    };

    shouldRefuseToEveryRoleExcept(["admin"], {
      load: loadUnbound,
      call: (f, caller) => f.registry.connect(caller).bindProceeds(f.vaultAddress),
      succeeds: async (f, tx) => {
        await expect(tx).to.emit(f.registry, "ProceedsBound").withArgs(f.vaultAddress);
        expect(await f.registry.proceeds()).to.equal(f.vaultAddress);
      },
      refusal: (f, caller) => ({ contract: f.registry, error: "AccessControlUnauthorizedAccount", args: [caller.address, f.roles.DEFAULT_ADMIN] }),
    });

    it("bindProceeds reverts when a vault is already bound, or given the zero address", async function () {
      const f = await load();
      await expect(f.registry.connect(f.actors.admin).bindProceeds(f.stranger.address))
        .to.be.revertedWithCustomError(f.registry, "ProceedsAlreadyBound")
        .withArgs(f.vaultAddress);
      const fresh = await f.connection.ethers.deployContract("LotRegistry", [0n, f.actors.admin.address]);
      await expect(fresh.connect(f.actors.admin).bindProceeds(ZeroAddress))
        .to.be.revertedWithCustomError(fresh, "ProceedsAlreadyBound")
        .withArgs(ZeroAddress);
    });
  });
});
