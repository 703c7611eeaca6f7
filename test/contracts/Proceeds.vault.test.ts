import { expect } from "chai";
import { Signature, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { shouldRefuseToEveryRoleExcept, shouldRequireRole } from "./helpers/behaviours.ts";
import { expireKyc } from "./helpers/compliance.ts";
import { type LotsFixture, LotState, Reason, lotInState } from "./helpers/fixtures.ts";
import {
  HOLDINGS,
  NOTICE_PERIOD,
  SUPPLY,
  accFor,
  deployProceedsFixture,
  depositAs,
  entitlement,
  redeem,
} from "./helpers/proceeds.ts";

// The proceeds vault, one function at a time: deposit (and with a permit), redemption by sending units, claim,
// claimableOf, sweepDust, and the registry's retirement rule it answers. The fixture's lot is settling with
// N = 10,000 units held by three investors.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployProceedsFixture);

describe("ProceedsVault", function () {
  describe("deposit", function () {
    shouldRequireRole("treasury", "TREASURY", {
      load,
      contract: (f) => f.vault,
      call: (f, caller) => f.vault.connect(caller).deposit(f.lot, f.usdAddress, 1_000_000n, false),
      succeeds: async (f, tx, caller) => {
        await expect(tx).to.emit(f.vault, "ProceedsDeposited").withArgs(f.lot, 1_000_000n, false, accFor(1_000_000n), caller.address);
        await expect(tx).to.emit(f.vault, "EntitledSupplyFixed").withArgs(f.lot, SUPPLY);
        expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(1_000_000n);
        const { proceeds } = await f.vault.getLotProceeds(f.lot);
        expect([proceeds.paymentToken, proceeds.entitledSupply, proceeds.deposited, proceeds.finalAt]).to.deep.equal([
          f.usdAddress,
          SUPPLY,
          1_000_000n,
          0n,
        ]);
      },
    });

    it("deposit carries the division remainder to the next deposit, so acc x N never exceeds deposited x MAGNITUDE", async function () {
      const f = await load();
      await depositAs(f, 7n);
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.accPerUnit).to.equal(accFor(7n));
      await depositAs(f, 3n);
      // 7/10,000 + 3/10,000 kept separately would lose a rounding each; recomputed from the total, it is exact.
      expect((await f.vault.getLotProceeds(f.lot)).proceeds.accPerUnit).to.equal(accFor(10n));
    });

    it("deposit records the final payment's time, and the retirement date after the notice period", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      const at = BigInt(await time.latest());
      const view = await f.vault.getLotProceeds(f.lot);
      expect(view.proceeds.finalAt).to.equal(at);
      expect(view.retirableAt).to.equal(at + NOTICE_PERIOD);
    });

    it("deposit reverts when the lot is not settling", async function () {
      const f = await load();
      await expect(f.vault.connect(f.actors.treasury).deposit(f.warehoused, f.usdAddress, 1n, false))
        .to.be.revertedWithCustomError(f.vault, "LotNotSettling")
        .withArgs(f.warehoused, LotState.Warehoused);
    });

    it("deposit reverts when the amount is zero", async function () {
      const f = await load();
      await expect(depositAs(f, 0n)).to.be.revertedWithCustomError(f.vault, "ZeroDeposit").withArgs(f.lot);
    });

    it("deposit reverts after the final payment", async function () {
      const f = await load();
      await depositAs(f, 1_000n, true);
      const finalAt = BigInt(await time.latest());
      await expect(depositAs(f, 1n)).to.be.revertedWithCustomError(f.vault, "FinalPaymentMade").withArgs(f.lot, finalAt);
    });

    it("deposit reverts when the token differs from the lot's earlier deposits", async function () {
      const f = await load();
      await depositAs(f, 1_000n);
      const other = await f.connection.ethers.deployContract("TestStablecoin");
      await expect(f.vault.connect(f.actors.treasury).deposit(f.lot, await other.getAddress(), 1n, false))
        .to.be.revertedWithCustomError(f.vault, "PaymentTokenMismatch")
        .withArgs(f.lot, f.usdAddress, await other.getAddress());
    });

    it("deposit reverts when the payment token is not a contract", async function () {
      const f = await load();
      await expect(f.vault.connect(f.actors.treasury).deposit(f.lot, f.stranger.address, 1n, false))
        .to.be.revertedWithCustomError(f.vault, "InvalidPaymentToken")
        .withArgs(f.stranger.address);
    });

    it("deposit reverts with a fee-on-transfer token, measured by the vault's balance", async function () {
      const f = await load();
      const fee = await f.connection.ethers.deployContract("FeeOnTransferToken");
      await fee.getFunction("mint")(f.actors.treasury.address, 1_000n);
      await fee.connect(f.actors.treasury).getFunction("approve")(f.vaultAddress, 1_000n);
      await expect(f.vault.connect(f.actors.treasury).deposit(f.lot, await fee.getAddress(), 1_000n, false))
        .to.be.revertedWithCustomError(f.vault, "PaymentTokenTakesFee")
        .withArgs(await fee.getAddress(), 1_000n, 990n);
    });

    it("deposit reverts when the settling lot has no units outstanding: nobody could be paid", async function () {
      const f = await load();
      const empty = await lotInState(f, "Settling");
      await expect(f.vault.connect(f.actors.treasury).deposit(empty, f.usdAddress, 1n, false))
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
      await expect(f.vault.connect(treasury).depositWithPermit(f.lot, f.usdAddress, 5_000n, true, deadline, signature.v, signature.r, signature.s))
        .to.emit(f.vault, "ProceedsDeposited")
        .withArgs(f.lot, 5_000n, true, accFor(5_000n), treasury.address);
      expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(5_000n);
    });

    describe("depositWithPermit (a signature that does not verify: the allowance already given decides)", function () {
      const BAD = `0x${"11".repeat(32)}`;
      shouldRequireRole("treasury", "TREASURY", {
        load,
        contract: (f) => f.vault,
        call: (f, caller) => f.vault.connect(caller).depositWithPermit(f.lot, f.usdAddress, 2_000n, false, 0n, 27, BAD, BAD),
        succeeds: async (f, tx, caller) => {
          await expect(tx).to.emit(f.vault, "ProceedsDeposited").withArgs(f.lot, 2_000n, false, accFor(2_000n), caller.address);
          expect(await f.usd.balanceOf(f.vaultAddress)).to.equal(2_000n);
        },
      });
    });
  });

  describe("redemption (units sent to the vault)", function () {
    it("a holder's units sent to the vault are recorded in its position and burned by the vault", async function () {
      const f = await load();
      const tx = redeem(f, f.investor, 1_000n);
      await expect(tx).to.emit(f.vault, "UnitsRedeemed").withArgs(f.lot, f.investor.address, 1_000n, 1_000n);
      await expect(tx).to.emit(f.vault, "EntitledSupplyFixed").withArgs(f.lot, SUPPLY); // the first redemption fixes N
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

    it("redemption reverts when the lot is not settling or retired", async function () {
      const f = await load();
      await expect(redeem(f, f.holder, 1n, f.warehoused))
        .to.be.revertedWithCustomError(f.vault, "LotNotSettling")
        .withArgs(f.warehoused, LotState.Warehoused);
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
      expect(await f.token.canSend(f.investor.address)).to.equal(false);
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

    it("an investor cannot burn units of a settling lot itself: its share would be lost", async function () {
      const f = await load();
      await expect(f.token.connect(f.investor).burn(f.investor.address, f.lot, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.LotSettling, f.investor.address, ZeroAddress, f.lot, 1n);
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

  describe("sweepDust", function () {
    async function loadFinal() {
      const f = await load();
      await depositAs(f, 1_000_003n, true); // 1,000,003 over 10,000 units leaves dust
      return f;
    }

    shouldRequireRole("treasury", "TREASURY", {
      load: loadFinal,
      contract: (f) => f.vault,
      call: (f, caller) => f.vault.connect(caller).sweepDust(f.lot, caller.address),
      succeeds: async (f, tx, caller) => {
        const dust = 1_000_003n - entitlement(SUPPLY, accFor(1_000_003n));
        expect(dust).to.be.greaterThan(0n);
        await expect(tx).to.emit(f.vault, "DustSwept").withArgs(f.lot, caller.address, dust, caller.address);
        expect((await f.vault.getLotProceeds(f.lot)).proceeds.swept).to.equal(dust);
        expect(await f.vault.sweepable(f.lot)).to.equal(0n);
      },
    });

    it("sweepDust reverts before the final payment", async function () {
      const f = await load();
      await depositAs(f, 1_000_003n);
      await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot, f.actors.treasury.address))
        .to.be.revertedWithCustomError(f.vault, "FinalPaymentPending")
        .withArgs(f.lot);
    });

    it("sweepDust reverts when there is nothing to sweep", async function () {
      const f = await load();
      await depositAs(f, 1_000_000n, true); // 100 per unit exactly: no dust
      await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot, f.actors.treasury.address))
        .to.be.revertedWithCustomError(f.vault, "NothingToSweep")
        .withArgs(f.lot);
    });

    it("sweepDust reverts when sent to the zero address", async function () {
      const f = await loadFinal();
      await expect(f.vault.connect(f.actors.treasury).sweepDust(f.lot, ZeroAddress)).to.be.revertedWithCustomError(f.vault, "InvalidSweepReceiver");
    });

    it("sweepable counts the share of units burned elsewhere after the distribution started (a delivery) as owed to nobody", async function () {
      const f = await load();
      await depositAs(f, 1_000_000n, true);
      // A platform account (e.g. a delivery escrow) takes the third holder's units and burns them.
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
      for (const [who, units] of [[f.holder, HOLDINGS.holder], [f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
        await redeem(f, who, units);
      }
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.be.revertedWithCustomError(f.registry, "ProceedsPending").withArgs(f.lot);
      await depositAs(f, 1_000n, true);
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.registry, "LotRetired").withArgs(f.lot);
    });

    it("retireLot retires a lot whose every unit is redeemed before any deposit", async function () {
      const f = await load();
      for (const [who, units] of [[f.holder, HOLDINGS.holder], [f.investor, HOLDINGS.investor], [f.third, HOLDINGS.third]] as const) {
        await redeem(f, who, units);
      }
      await expect(f.registry.connect(f.actors.issuer).retireLot(f.lot)).to.emit(f.registry, "LotRetired").withArgs(f.lot);
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
