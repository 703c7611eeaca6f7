import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Signature } from "ethers";
import { network } from "hardhat";

import { HELD, setRules } from "./helpers/compliance.ts";
import { COUNTRY, Reason, bytes32, registerInvestor } from "./helpers/fixtures.ts";
import {
  DAY,
  FUNDS,
  OfferState,
  PRICE,
  TakeStatus,
  type TradesFixture,
  UNITS,
  ZERO_ADDRESS,
  deployTradesFixture,
  makeOffer,
  offerArgs,
} from "./helpers/trades.ts";

// Secondary trades, delivery versus payment: every function's success and every refusal; both legs or neither.

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployTradesFixture);

/** Balances of both legs for the seller and the buyer, to show that a refused take moved nothing. */
async function legs(f: TradesFixture, buyer: string = f.buyer.address) {
  return {
    sellerUnits: await f.token.balanceOf(f.seller.address, f.lot),
    buyerUnits: await f.token.balanceOf(buyer, f.lot),
    sellerUsd: await f.usd.balanceOf(f.seller.address),
    buyerUsd: await f.usd.balanceOf(buyer),
  };
}

/** Asserts that `tx` reverts (with whatever the caller checks) and that neither leg moved. */
async function expectNothingMoved(f: TradesFixture, offerId: bigint, tx: () => Promise<unknown>, buyer?: string) {
  const before = await legs(f, buyer);
  await tx();
  expect(await legs(f, buyer)).to.deep.equal(before);
  expect((await f.trades.getOffer(offerId)).state).to.equal(OfferState.Open);
}

async function permit(f: TradesFixture, owner: HardhatEthersSigner, value: bigint, deadline: bigint) {
  const { chainId } = await ethers.provider.getNetwork();
  const signature = await owner.signTypedData(
    { name: "Test USD", version: "1", chainId, verifyingContract: f.usdAddress },
    {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    { owner: owner.address, spender: f.tradesAddress, value, nonce: await f.usd.nonces(owner.address), deadline },
  );
  return Signature.from(signature);
}

describe("LotTrades", function () {
  describe("createOffer", function () {
    it("records an open offer and emits OfferCreated, leaving the units with the seller", async function () {
      const f = await load();
      const args = await offerArgs(f, { buyer: f.buyer.address });
      await expect(f.trades.connect(f.seller).createOffer(...args))
        .to.emit(f.trades, "OfferCreated")
        .withArgs(1n, f.seller.address, f.lot, UNITS, f.usdAddress, PRICE, f.buyer.address, args[5]);
      const offer = await f.trades.getOffer(1n);
      expect([offer.seller, offer.state, offer.buyer, offer.lotId, offer.amount, offer.price, offer.expiry]).to.deep.equal([
        f.seller.address,
        OfferState.Open,
        f.buyer.address,
        f.lot,
        UNITS,
        PRICE,
        args[5],
      ]);
      expect(await f.token.balanceOf(f.seller.address, f.lot)).to.equal(HELD.lot);
    });

    it("createOffer reverts when the amount is zero", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { amount: 0n }))))
        .to.be.revertedWithCustomError(f.trades, "ZeroAmount")
        .withArgs(f.lot);
    });

    it("createOffer reverts when the price is zero", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { price: 0n }))))
        .to.be.revertedWithCustomError(f.trades, "ZeroPrice")
        .withArgs(f.lot);
    });

    it("createOffer reverts when the price is beyond the 128 bits an offer keeps (no payment token holds as much)", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { price: 2n ** 128n }))))
        .to.be.revertedWithCustomError(f.trades, "SafeCastOverflowedUintDowncast")
        .withArgs(128, 2n ** 128n);
      await f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { price: 2n ** 128n - 1n })));
      expect((await f.trades.getOffer(1n)).price).to.equal(2n ** 128n - 1n);
    });

    it("createOffer reverts when the payment token is not a contract", async function () {
      const f = await load();
      const notAToken = f.actors.outsider.address;
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { paymentToken: notAToken }))))
        .to.be.revertedWithCustomError(f.trades, "InvalidPaymentToken")
        .withArgs(notAToken);
    });

    it("createOffer reverts when the expiry is not in the future", async function () {
      const f = await load();
      const now = BigInt(await time.latest());
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { expiry: now }))))
        .to.be.revertedWithCustomError(f.trades, "ExpiryNotInFuture")
        .withArgs(now, now + 1n);
    });

    it("createOffer reverts when the seller names itself as the buyer", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { buyer: f.seller.address }))))
        .to.be.revertedWithCustomError(f.trades, "SellerIsBuyer")
        .withArgs(f.seller.address);
    });

    it("createOffer reverts when the seller does not hold the units", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f, { amount: HELD.lot + 1n }))))
        .to.be.revertedWithCustomError(f.trades, "SellerLacksUnits")
        .withArgs(f.seller.address, f.lot, HELD.lot, HELD.lot + 1n);
    });

    it("createOffer reverts when the seller has not approved the trades contract", async function () {
      const f = await load();
      await f.token.connect(f.seller).setApprovalForAll(f.tradesAddress, false);
      await expect(f.trades.connect(f.seller).createOffer(...(await offerArgs(f))))
        .to.be.revertedWithCustomError(f.trades, "SellerApprovalMissing")
        .withArgs(f.seller.address);
    });
  });

  describe("take", function () {
    it("moves the price to the seller and the units to a new holder in one transaction", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.Ok, 0n]);
      const before = await legs(f);
      await expect(f.trades.connect(f.buyer).take(offerId))
        .to.emit(f.trades, "OfferTaken")
        .withArgs(offerId, f.buyer.address, f.seller.address, f.lot, UNITS, PRICE);
      expect(await legs(f)).to.deep.equal({
        sellerUnits: before.sellerUnits - UNITS,
        buyerUnits: before.buyerUnits + UNITS,
        sellerUsd: before.sellerUsd + PRICE,
        buyerUsd: before.buyerUsd - PRICE,
      });
      expect((await f.trades.getOffer(offerId)).state).to.equal(OfferState.Taken);
      expect(await f.usd.balanceOf(f.tradesAddress)).to.equal(0n);
    });

    it("moves both legs to a buyer who already holds units of the lot", async function () {
      const f = await load();
      await f.token.connect(f.seller).safeTransferFrom(f.seller.address, f.buyer.address, f.lot, 1n, "0x");
      const offerId = await makeOffer(f);
      await f.trades.connect(f.buyer).take(offerId);
      expect(await f.token.balanceOf(f.buyer.address, f.lot)).to.equal(UNITS + 1n);
      expect(await f.usd.balanceOf(f.seller.address)).to.equal(PRICE);
    });

    it("take reverts when no offer has the id", async function () {
      const f = await load();
      await expect(f.trades.connect(f.buyer).take(7n)).to.be.revertedWithCustomError(f.trades, "UnknownOffer").withArgs(7n);
    });

    it("take reverts when the offer was already taken", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.trades.connect(f.buyer).take(offerId);
      await expect(f.trades.connect(f.buyer).take(offerId))
        .to.be.revertedWithCustomError(f.trades, "OfferNotOpen")
        .withArgs(offerId, OfferState.Taken);
    });

    it("take reverts when the offer was cancelled", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.trades.connect(f.seller).cancelOffer(offerId);
      await expect(f.trades.connect(f.buyer).take(offerId))
        .to.be.revertedWithCustomError(f.trades, "OfferNotOpen")
        .withArgs(offerId, OfferState.Cancelled);
    });

    it("take reverts when the offer has expired, and succeeds one second before", async function () {
      const f = await load();
      const expiry = BigInt(await time.latest()) + DAY;
      const late = await makeOffer(f, { expiry, amount: 10n });
      const inTime = await makeOffer(f, { expiry, amount: 10n });
      await time.setNextBlockTimestamp(expiry - 1n);
      await f.trades.connect(f.buyer).take(inTime);
      await time.increaseTo(expiry);
      await expectNothingMoved(f, late, () =>
        expect(f.trades.connect(f.buyer).take(late)).to.be.revertedWithCustomError(f.trades, "OfferExpired").withArgs(late, expiry),
      );
      expect(await f.trades.checkTake(late, f.buyer.address)).to.deep.equal([TakeStatus.Expired, 0n]);
    });

    it("take reverts when the offer names another buyer, and the named buyer takes it", async function () {
      const f = await load();
      const other = f.wallets[0]!;
      await registerInvestor(f, other.address);
      await f.usd.mint(other.address, FUNDS);
      await f.usd.connect(other).approve(f.tradesAddress, FUNDS);
      const offerId = await makeOffer(f, { buyer: f.buyer.address });
      await expectNothingMoved(
        f,
        offerId,
        () =>
          expect(f.trades.connect(other).take(offerId))
            .to.be.revertedWithCustomError(f.trades, "NotNamedBuyer")
            .withArgs(offerId, f.buyer.address, other.address),
        other.address,
      );
      expect(await f.trades.checkTake(offerId, other.address)).to.deep.equal([TakeStatus.NotNamedBuyer, 0n]);
      await f.trades.connect(f.buyer).take(offerId);
      expect(await f.token.balanceOf(f.buyer.address, f.lot)).to.equal(UNITS);
    });

    it("take reverts when the seller takes its own offer", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await expect(f.trades.connect(f.seller).take(offerId))
        .to.be.revertedWithCustomError(f.trades, "SellerIsBuyer")
        .withArgs(f.seller.address);
      expect(await f.trades.checkTake(offerId, f.seller.address)).to.deep.equal([TakeStatus.SellerIsBuyer, 0n]);
    });

    it("take reverts, moving nothing, when the seller no longer holds the units", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      const kept = UNITS - 1n;
      const other = f.wallets[0]!;
      await registerInvestor(f, other.address);
      await f.token.connect(f.seller).safeTransferFrom(f.seller.address, other.address, f.lot, HELD.lot - kept, "0x");
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId))
          .to.be.revertedWithCustomError(f.trades, "SellerLacksUnits")
          .withArgs(f.seller.address, f.lot, kept, UNITS),
      );
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.SellerLacksUnits, 0n]);
    });

    it("take reverts, moving nothing, when the seller withdrew its approval", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.token.connect(f.seller).setApprovalForAll(f.tradesAddress, false);
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId))
          .to.be.revertedWithCustomError(f.trades, "SellerApprovalMissing")
          .withArgs(f.seller.address),
      );
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.SellerApprovalMissing, 0n]);
    });

    it("take reverts, moving no units, when the buyer has not approved the price", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.usd.connect(f.buyer).approve(f.tradesAddress, PRICE - 1n);
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId))
          .to.be.revertedWithCustomError(f.usd, "ERC20InsufficientAllowance")
          .withArgs(f.tradesAddress, PRICE - 1n, PRICE),
      );
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.BuyerLacksAllowance, 0n]);
    });

    it("take reverts, moving no units, when the buyer does not hold the price", async function () {
      const f = await load();
      const offerId = await makeOffer(f, { price: FUNDS + 1n });
      await f.usd.connect(f.buyer).approve(f.tradesAddress, FUNDS + 1n);
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId))
          .to.be.revertedWithCustomError(f.usd, "ERC20InsufficientBalance")
          .withArgs(f.buyer.address, FUNDS, FUNDS + 1n),
      );
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.BuyerLacksBalance, 0n]);
    });

    it("take reverts, moving no payment, when the buyer is not a verified investor", async function () {
      const f = await load();
      const stranger = f.wallets[0]!;
      await f.usd.mint(stranger.address, FUNDS);
      await f.usd.connect(stranger).approve(f.tradesAddress, FUNDS);
      const offerId = await makeOffer(f);
      expect(await f.trades.checkTake(offerId, stranger.address)).to.deep.equal([
        TakeStatus.TransferRefused,
        Reason.ReceiverNotVerified,
      ]);
      await expectNothingMoved(
        f,
        offerId,
        () =>
          expect(f.trades.connect(stranger).take(offerId))
            .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
            .withArgs(Reason.ReceiverNotVerified, f.seller.address, stranger.address, f.lot, UNITS),
        stranger.address,
      );
    });

    // The lot's rules apply to both parties as for any transfer; checkTake reports the token's own reason.
    const refusals: { title: string; reason: number; apply: (f: TradesFixture) => Promise<void>; error?: string }[] = [
      { title: "transfers are paused", reason: Reason.Paused, apply: async (f) => void (await f.token.connect(f.actors.pauser).pause()) },
      {
        title: "the lot is on hold",
        reason: Reason.LotOnHold,
        apply: async (f) => void (await f.token.connect(f.actors.compliance).setLotHold(f.lot, true, bytes32("court order"))),
      },
      {
        title: "the buyer's country is not allowed",
        reason: Reason.CountryNotAllowed,
        apply: async (f) => {
          await setRules(f, f.lot, { restrictCountries: true });
          await f.token.connect(f.actors.compliance).setAllowedCountries(f.lot, [COUNTRY.Chile], true);
        },
      },
      {
        title: "the buyer would hold less than the lot's minimum",
        reason: Reason.BelowMinimumHolding,
        apply: (f) => setRules(f, f.lot, { minHolding: UNITS + 1n }),
      },
      {
        title: "the lot is locked up",
        reason: Reason.LockedUp,
        apply: async (f) => setRules(f, f.lot, { lockupEnd: BigInt(await time.latest()) + 10n * DAY }),
      },
      {
        title: "the seller's units are frozen",
        reason: Reason.InsufficientUnfrozenBalance,
        apply: async (f) => void (await f.token.connect(f.actors.compliance).setFrozenTokens(f.seller.address, f.lot, HELD.lot)),
        error: "ERC7943InsufficientUnfrozenBalance",
      },
    ];
    for (const refusal of refusals) {
      it(`take reverts, moving neither leg, when ${refusal.title}`, async function () {
        const f = await load();
        const offerId = await makeOffer(f);
        await refusal.apply(f);
        expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.TransferRefused, refusal.reason]);
        await expectNothingMoved(f, offerId, () =>
          refusal.error
            ? expect(f.trades.connect(f.buyer).take(offerId)).to.be.revertedWithCustomError(f.token, refusal.error)
            : expect(f.trades.connect(f.buyer).take(offerId))
                .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
                .withArgs(refusal.reason, f.seller.address, f.buyer.address, f.lot, UNITS),
        );
      });
    }
  });

  describe("takeWithPermit", function () {
    it("takes the offer with an EIP-2612 permit instead of an approval", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.usd.connect(f.buyer).approve(f.tradesAddress, 0n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const { v, r, s } = await permit(f, f.buyer, PRICE, deadline);
      await expect(f.trades.connect(f.buyer).takeWithPermit(offerId, deadline, v, r, s)).to.emit(f.trades, "OfferTaken");
      expect(await f.token.balanceOf(f.buyer.address, f.lot)).to.equal(UNITS);
      expect(await f.usd.balanceOf(f.seller.address)).to.equal(PRICE);
    });

    it("takeWithPermit still takes the offer when someone else already submitted the permit", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.usd.connect(f.buyer).approve(f.tradesAddress, 0n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const { v, r, s } = await permit(f, f.buyer, PRICE, deadline);
      await f.usd.connect(f.actors.outsider).permit(f.buyer.address, f.tradesAddress, PRICE, deadline, v, r, s);
      await f.trades.connect(f.buyer).takeWithPermit(offerId, deadline, v, r, s);
      expect(await f.token.balanceOf(f.buyer.address, f.lot)).to.equal(UNITS);
    });

    it("takeWithPermit reverts, moving nothing, when the permit is invalid and nothing is approved", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await f.usd.connect(f.buyer).approve(f.tradesAddress, 0n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const { v, r, s } = await permit(f, f.actors.outsider, PRICE, deadline); // signed by someone else
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).takeWithPermit(offerId, deadline, v, r, s)).to.be.revertedWithCustomError(
          f.usd,
          "ERC20InsufficientAllowance",
        ),
      );
    });

    it("takeWithPermit reverts when no offer has the id", async function () {
      const f = await load();
      await expect(f.trades.connect(f.buyer).takeWithPermit(9n, 0n, 27, bytes32(""), bytes32("")))
        .to.be.revertedWithCustomError(f.trades, "UnknownOffer")
        .withArgs(9n);
    });
  });

  describe("cancelOffer", function () {
    it("cancels the seller's open offer and emits OfferCancelled", async function () {
      const f = await load();
      const offerId = await makeOffer(f);
      await expect(f.trades.connect(f.seller).cancelOffer(offerId)).to.emit(f.trades, "OfferCancelled").withArgs(offerId, f.seller.address);
      expect((await f.trades.getOffer(offerId)).state).to.equal(OfferState.Cancelled);
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.NotOpen, 0n]);
    });

    it("cancelOffer reverts when anyone but the seller asks, whatever role it holds", async function () {
      const f = await load();
      const offerId = await makeOffer(f, { buyer: f.buyer.address });
      for (const caller of [f.buyer, f.operator, ...Object.values(f.actors)]) {
        await expect(f.trades.connect(caller).cancelOffer(offerId))
          .to.be.revertedWithCustomError(f.trades, "NotSeller")
          .withArgs(offerId, caller.address);
      }
      expect((await f.trades.getOffer(offerId)).state).to.equal(OfferState.Open);
    });

    it("cancelOffer reverts when the offer was already taken or cancelled", async function () {
      const f = await load();
      const taken = await makeOffer(f);
      const cancelled = await makeOffer(f);
      await f.trades.connect(f.buyer).take(taken);
      await f.trades.connect(f.seller).cancelOffer(cancelled);
      await expect(f.trades.connect(f.seller).cancelOffer(taken))
        .to.be.revertedWithCustomError(f.trades, "OfferNotOpen")
        .withArgs(taken, OfferState.Taken);
      await expect(f.trades.connect(f.seller).cancelOffer(cancelled))
        .to.be.revertedWithCustomError(f.trades, "OfferNotOpen")
        .withArgs(cancelled, OfferState.Cancelled);
    });

    it("cancelOffer reverts when no offer has the id", async function () {
      const f = await load();
      await expect(f.trades.connect(f.seller).cancelOffer(3n)).to.be.revertedWithCustomError(f.trades, "UnknownOffer").withArgs(3n);
    });
  });

  describe("views", function () {
    it("getOffer reverts and checkTake reports UnknownOffer when no offer has the id", async function () {
      const f = await load();
      await expect(f.trades.getOffer(1n)).to.be.revertedWithCustomError(f.trades, "UnknownOffer").withArgs(1n);
      expect(await f.trades.checkTake(1n, f.buyer.address)).to.deep.equal([TakeStatus.UnknownOffer, 0n]);
    });

    it("checkTake does not revert when the payment token's views revert", async function () {
      const f = await load();
      const broken = await ethers.deployContract("TradeBuyer"); // a contract with no balanceOf or allowance
      const offerId = await makeOffer(f, { paymentToken: await broken.getAddress() });
      expect(await f.trades.checkTake(offerId, f.buyer.address)).to.deep.equal([TakeStatus.BuyerLacksBalance, 0n]);
    });
  });

  describe("hostile parties", function () {
    async function withToken(f: TradesFixture, name: string) {
      const token = await ethers.deployContract(name);
      await token.getFunction("mint")(f.buyer.address, FUNDS);
      await token.connect(f.buyer).getFunction("approve")(f.tradesAddress, FUNDS);
      const offerId = await makeOffer(f, { paymentToken: await token.getAddress() });
      return { token, offerId };
    }

    it("take reverts, moving no units, when the payment token takes a fee on transfer", async function () {
      const f = await load();
      const { token, offerId } = await withToken(f, "FeeOnTransferToken");
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId))
          .to.be.revertedWithCustomError(f.trades, "PaymentTokenTakesFee")
          .withArgs(token.target, PRICE, PRICE - PRICE / 100n),
      );
      expect(await token.getFunction("balanceOf")(f.buyer.address)).to.equal(FUNDS);
    });

    it("take reverts, moving no units, when the payment token returns false", async function () {
      const f = await load();
      const { token, offerId } = await withToken(f, "FalseReturningToken");
      await token.getFunction("setFailing")(true);
      await expectNothingMoved(f, offerId, () =>
        expect(f.trades.connect(f.buyer).take(offerId)).to.be.revertedWithCustomError(f.trades, "SafeERC20FailedOperation"),
      );
      await token.getFunction("setFailing")(false);
      await f.trades.connect(f.buyer).take(offerId);
      expect(await token.getFunction("balanceOf")(f.seller.address)).to.equal(PRICE);
    });

    it("a payment token reentering take during the payment cannot settle a second offer", async function () {
      const f = await load();
      const { token, offerId } = await withToken(f, "ReentrantPaymentToken");
      const second = await makeOffer(f, { paymentToken: await token.getAddress() });
      await token.getFunction("arm")(f.tradesAddress, f.trades.interface.encodeFunctionData("take", [second]));
      await f.trades.connect(f.buyer).take(offerId);
      expect(await token.getFunction("reentered")()).to.equal(false);
      expect(f.trades.interface.parseError(await token.getFunction("reentryError")())?.name).to.equal(
        "ReentrancyGuardReentrantCall",
      );
      expect((await f.trades.getOffer(second)).state).to.equal(OfferState.Open);
      expect(await f.token.balanceOf(f.buyer.address, f.lot)).to.equal(UNITS);
      expect(await token.getFunction("balanceOf")(f.seller.address)).to.equal(PRICE);
    });

    async function buyerContract(f: TradesFixture) {
      const buyer = await ethers.deployContract("TradeBuyer");
      const address = await buyer.getAddress();
      await registerInvestor(f, address);
      await f.usd.mint(address, FUNDS);
      await buyer.getFunction("approve")(f.usdAddress, f.tradesAddress, FUNDS);
      return { buyer, address };
    }

    it("a buyer whose ERC-1155 hook reenters take gets one offer, and the other stays open", async function () {
      const f = await load();
      const { buyer, address } = await buyerContract(f);
      const offerId = await makeOffer(f);
      const second = await makeOffer(f);
      await buyer.getFunction("arm")(f.tradesAddress, f.trades.interface.encodeFunctionData("take", [second]));
      await buyer.getFunction("take")(f.tradesAddress, offerId);
      expect(await buyer.getFunction("reentered")()).to.equal(false);
      expect(f.trades.interface.parseError(await buyer.getFunction("reentryError")())?.name).to.equal(
        "ReentrancyGuardReentrantCall",
      );
      expect(await f.token.balanceOf(address, f.lot)).to.equal(UNITS);
      expect(await f.usd.balanceOf(address)).to.equal(FUNDS - PRICE);
      expect((await f.trades.getOffer(second)).state).to.equal(OfferState.Open);
    });

    it("take reverts, moving no payment, when the buyer's ERC-1155 hook refuses the units", async function () {
      const f = await load();
      const { buyer, address } = await buyerContract(f);
      const offerId = await makeOffer(f);
      await buyer.getFunction("setRefusing")(true);
      await expectNothingMoved(
        f,
        offerId,
        () => expect(buyer.getFunction("take")(f.tradesAddress, offerId)).to.be.revertedWithCustomError(f.token, "ERC1155InvalidReceiver"),
        address,
      );
    });
  });
});
