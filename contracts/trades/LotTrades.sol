// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILotTrades, Offer, OfferState, TakeStatus} from "../interfaces/ILotTrades.sol";
import {ITradeToken} from "../interfaces/ITradeToken.sol";

/// @title LotTrades
/// @notice Secondary trades of lot units, delivery versus payment. A seller offers units of a lot at a total price in
/// any ERC-20, to anyone or to one named buyer, until an expiry; a buyer takes the offer whole, and the price moves
/// buyer -> seller and the units seller -> buyer in the same transaction, both legs or neither. Nothing is escrowed:
/// the seller approves this contract as its ERC-1155 operator and the units move through the token's ordinary
/// `safeTransferFrom`, so every rule of the lot applies to both parties exactly as for any transfer.
/// @dev No role is needed: investors trade. Offers are taken whole (no partial fills), so no price is ever rounded.
/// A payment token that takes a fee on transfer is refused at settlement by the seller's balance delta; tokens that
/// return false are handled by SafeERC20; `take` is `nonReentrant` and marks the offer taken before calling out.
contract LotTrades is ILotTrades, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The units token.
    ITradeToken public immutable token;

    /// @notice The number of offers made; ids run from 1.
    uint256 public offerCount;

    /// @dev An offer as stored (`Offer` reports it): four slots. The lot id is below 2^96 and the amount below 2^128: the
    /// seller held the amount of the lot when it offered it, lot ids are issued one by one and the token counts every
    /// lot's units in 128 bits. A price is below 2^128 (no payment token holds more); `createOffer` checks all three.
    struct StoredOffer {
        address seller;
        uint40 expiry;
        OfferState state;
        address buyer;
        IERC20 paymentToken;
        uint96 lotId;
        uint128 amount;
        uint128 price;
    }

    mapping(uint256 offerId => StoredOffer) private _offers;

    /// @param token_ The units token.
    constructor(ITradeToken token_) {
        token = token_;
    }

    /// @inheritdoc ILotTrades
    function createOffer(uint256 lotId, uint256 amount, IERC20 paymentToken, uint256 price, address buyer, uint40 expiry)
        external
        returns (uint256 offerId)
    {
        if (amount == 0) revert ZeroAmount(lotId);
        if (price == 0) revert ZeroPrice(lotId);
        if (address(paymentToken).code.length == 0) revert InvalidPaymentToken(address(paymentToken));
        if (expiry <= block.timestamp) revert ExpiryNotInFuture(expiry, block.timestamp);
        if (buyer == msg.sender) revert SellerIsBuyer(msg.sender);
        _checkSeller(msg.sender, lotId, amount);

        offerId = ++offerCount;
        _offers[offerId] = StoredOffer({
            seller: msg.sender,
            expiry: expiry,
            state: OfferState.Open,
            buyer: buyer,
            paymentToken: paymentToken,
            lotId: SafeCast.toUint96(lotId),
            amount: SafeCast.toUint128(amount),
            price: SafeCast.toUint128(price)
        });
        emit OfferCreated(offerId, msg.sender, lotId, amount, paymentToken, price, buyer, expiry);
    }

    /// @inheritdoc ILotTrades
    function take(uint256 offerId) external nonReentrant {
        _take(offerId);
    }

    /// @inheritdoc ILotTrades
    function takeWithPermit(uint256 offerId, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        StoredOffer storage offer = _offerOf(offerId);
        // A permit front-run by someone else has already set the allowance; the payment below decides.
        try IERC20Permit(address(offer.paymentToken)).permit(msg.sender, address(this), offer.price, deadline, v, r, s) {}
            catch {}
        _take(offerId);
    }

    /// @inheritdoc ILotTrades
    function cancelOffer(uint256 offerId) external {
        StoredOffer storage offer = _offerOf(offerId);
        if (offer.seller != msg.sender) revert NotSeller(offerId, msg.sender);
        if (offer.state != OfferState.Open) revert OfferNotOpen(offerId, offer.state);
        offer.state = OfferState.Cancelled;
        emit OfferCancelled(offerId, msg.sender);
    }

    /// @inheritdoc ILotTrades
    function getOffer(uint256 offerId) external view returns (Offer memory) {
        StoredOffer storage offer = _offerOf(offerId);
        return Offer({
            seller: offer.seller,
            expiry: offer.expiry,
            state: offer.state,
            buyer: offer.buyer,
            paymentToken: offer.paymentToken,
            lotId: offer.lotId,
            amount: offer.amount,
            price: offer.price
        });
    }

    /// @inheritdoc ILotTrades
    function checkTake(uint256 offerId, address buyer) external view returns (TakeStatus status, uint8 reason) {
        StoredOffer storage offer = _offers[offerId];
        if (offer.state == OfferState.None) return (TakeStatus.UnknownOffer, 0);
        if (offer.state != OfferState.Open) return (TakeStatus.NotOpen, 0);
        if (block.timestamp >= offer.expiry) return (TakeStatus.Expired, 0);
        if (offer.buyer != address(0) && offer.buyer != buyer) return (TakeStatus.NotNamedBuyer, 0);
        address seller = offer.seller;
        if (seller == buyer) return (TakeStatus.SellerIsBuyer, 0);
        if (token.balanceOf(seller, offer.lotId) < offer.amount) return (TakeStatus.SellerLacksUnits, 0);
        if (!token.isApprovedForAll(seller, address(this))) return (TakeStatus.SellerApprovalMissing, 0);
        address paymentToken = address(offer.paymentToken);
        if (_readUint(paymentToken, abi.encodeCall(IERC20.balanceOf, (buyer))) < offer.price) {
            return (TakeStatus.BuyerLacksBalance, 0);
        }
        if (_readUint(paymentToken, abi.encodeCall(IERC20.allowance, (buyer, address(this)))) < offer.price) {
            return (TakeStatus.BuyerLacksAllowance, 0);
        }
        reason = token.transferStatus(seller, buyer, offer.lotId, offer.amount);
        return (reason == 0 ? TakeStatus.Ok : TakeStatus.TransferRefused, reason);
    }

    // ------------------------------------------------------------------ internal

    /// @dev Checks, then state and event, then the two legs: the payment (with the fee check), then the units through
    /// the token's ordinary transfer. Any refusal of either leg reverts both.
    function _take(uint256 offerId) private {
        StoredOffer storage offer = _offerOf(offerId);
        if (offer.state != OfferState.Open) revert OfferNotOpen(offerId, offer.state);
        if (block.timestamp >= offer.expiry) revert OfferExpired(offerId, offer.expiry);
        if (offer.buyer != address(0) && offer.buyer != msg.sender) revert NotNamedBuyer(offerId, offer.buyer, msg.sender);
        address seller = offer.seller;
        if (seller == msg.sender) revert SellerIsBuyer(seller);
        (uint256 lotId, uint256 amount, uint256 price, IERC20 paymentToken) =
            (offer.lotId, offer.amount, offer.price, offer.paymentToken);
        _checkSeller(seller, lotId, amount);

        offer.state = OfferState.Taken;
        emit OfferTaken(offerId, msg.sender, seller, lotId, amount, price);

        uint256 before = paymentToken.balanceOf(seller);
        paymentToken.safeTransferFrom(msg.sender, seller, price);
        uint256 received = paymentToken.balanceOf(seller) - before;
        if (received != price) revert PaymentTokenTakesFee(paymentToken, price, received);
        token.safeTransferFrom(seller, msg.sender, lotId, amount, "");
    }

    function _checkSeller(address seller, uint256 lotId, uint256 amount) private view {
        uint256 balance = token.balanceOf(seller, lotId);
        if (balance < amount) revert SellerLacksUnits(seller, lotId, balance, amount);
        if (!token.isApprovedForAll(seller, address(this))) revert SellerApprovalMissing(seller);
    }

    function _offerOf(uint256 offerId) private view returns (StoredOffer storage offer) {
        offer = _offers[offerId];
        if (offer.state == OfferState.None) revert UnknownOffer(offerId);
    }

    /// @dev A uint256 view of `target`, or 0 when the call fails or returns something else: `checkTake` never reverts,
    /// whatever the payment token does.
    function _readUint(address target, bytes memory data) private view returns (uint256 value) {
        (bool ok, bytes memory result) = target.staticcall(data);
        if (ok && result.length >= 32) value = abi.decode(result, (uint256));
    }
}
