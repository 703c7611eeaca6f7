// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Where an offer stands. `None` marks an id no offer has.
enum OfferState {
    None,
    Open,
    Taken,
    Cancelled
}

/// @notice Why a take would fail now (`Ok`: it would not, as far as the trades contract and the token's rules can
/// tell). The order is part of the ABI.
enum TakeStatus {
    Ok,
    UnknownOffer, // no offer has this id
    NotOpen, // the offer was taken or cancelled
    Expired, // the offer's expiry has passed
    NotNamedBuyer, // the offer names another buyer
    SellerIsBuyer, // the seller cannot take its own offer
    SellerLacksUnits, // the seller no longer holds the units offered
    SellerApprovalMissing, // the seller withdrew the trades contract's ERC-1155 approval
    BuyerLacksBalance, // the buyer does not hold the price in the payment token
    BuyerLacksAllowance, // the buyer has not approved the price to the trades contract
    TransferRefused // the lot's compliance rules refuse the transfer of units (see the reason code)
}

/// @notice One offer of units for a payment, settled delivery versus payment.
/// @param seller Who sells the units and receives the payment.
/// @param expiry The first second at which the offer can no longer be taken.
/// @param state Whether the offer is open, taken or cancelled.
/// @param buyer The only buyer who may take the offer, or zero for anyone.
/// @param paymentToken The ERC-20 the price is paid in.
/// @param lotId The lot whose units are offered.
/// @param amount The units offered (base units of the lot's commodity); the offer is taken whole.
/// @param price The total price of the units, in base units of the payment token.
struct Offer {
    address seller;
    uint40 expiry;
    OfferState state;
    address buyer;
    IERC20 paymentToken;
    uint256 lotId;
    uint256 amount;
    uint256 price;
}

/// @title ILotTrades
/// @notice Secondary trades of lot units, delivery versus payment: a seller offers units at a total price, a buyer
/// takes the offer whole and both legs move in one transaction, or neither.
interface ILotTrades {
    /// @notice Emitted when a seller offers units.
    /// @param offerId The new offer.
    /// @param seller The seller.
    /// @param lotId The lot.
    /// @param amount The units offered.
    /// @param paymentToken The ERC-20 the price is paid in.
    /// @param price The total price, in base units of the payment token.
    /// @param buyer The only buyer allowed, or zero for anyone.
    /// @param expiry The first second at which the offer can no longer be taken.
    event OfferCreated(
        uint256 indexed offerId,
        address indexed seller,
        uint256 indexed lotId,
        uint256 amount,
        IERC20 paymentToken,
        uint256 price,
        address buyer,
        uint40 expiry
    );

    /// @notice Emitted when a buyer takes an offer: the units went to the buyer and the price to the seller.
    /// @param offerId The offer.
    /// @param buyer The buyer.
    /// @param seller The seller.
    /// @param lotId The lot.
    /// @param amount The units delivered.
    /// @param price The price paid.
    event OfferTaken(
        uint256 indexed offerId, address indexed buyer, address indexed seller, uint256 lotId, uint256 amount, uint256 price
    );

    /// @notice Emitted when a seller cancels its offer.
    /// @param offerId The offer.
    /// @param seller The seller.
    event OfferCancelled(uint256 indexed offerId, address indexed seller);

    /// @notice Thrown when an offer is made for zero units.
    /// @param lotId The lot.
    error ZeroAmount(uint256 lotId);

    /// @notice Thrown when an offer is made at a price of zero (a gift is an ordinary transfer).
    /// @param lotId The lot.
    error ZeroPrice(uint256 lotId);

    /// @notice Thrown when the payment token is not a contract.
    /// @param paymentToken The address given.
    error InvalidPaymentToken(address paymentToken);

    /// @notice Thrown when an offer's expiry is not in the future.
    /// @param expiry The expiry given.
    /// @param now_ The current block time.
    error ExpiryNotInFuture(uint40 expiry, uint256 now_);

    /// @notice Thrown when a seller names itself as the buyer, or takes its own offer.
    /// @param seller The seller.
    error SellerIsBuyer(address seller);

    /// @notice Thrown when no offer has this id.
    /// @param offerId The id.
    error UnknownOffer(uint256 offerId);

    /// @notice Thrown when the offer was already taken or cancelled.
    /// @param offerId The offer.
    /// @param state Its state.
    error OfferNotOpen(uint256 offerId, OfferState state);

    /// @notice Thrown when the offer's expiry has passed.
    /// @param offerId The offer.
    /// @param expiry Its expiry.
    error OfferExpired(uint256 offerId, uint40 expiry);

    /// @notice Thrown when someone other than the named buyer takes an offer.
    /// @param offerId The offer.
    /// @param buyer The buyer the offer names.
    /// @param caller Who tried to take it.
    error NotNamedBuyer(uint256 offerId, address buyer, address caller);

    /// @notice Thrown when someone other than the seller cancels an offer.
    /// @param offerId The offer.
    /// @param caller Who tried.
    error NotSeller(uint256 offerId, address caller);

    /// @notice Thrown when the seller does not hold the units it offers (at offer or at settlement).
    /// @param seller The seller.
    /// @param lotId The lot.
    /// @param balance The units the seller holds.
    /// @param needed The units offered.
    error SellerLacksUnits(address seller, uint256 lotId, uint256 balance, uint256 needed);

    /// @notice Thrown when the seller has not approved this contract as its ERC-1155 operator (at offer or at
    /// settlement).
    /// @param seller The seller.
    error SellerApprovalMissing(address seller);

    /// @notice Thrown when the seller received less than the price: the payment token takes a fee on transfer.
    /// @param paymentToken The payment token.
    /// @param expected The price.
    /// @param received What the seller's balance grew by.
    error PaymentTokenTakesFee(IERC20 paymentToken, uint256 expected, uint256 received);

    /// @notice Offers `amount` units of lot `lotId` at a total `price` in `paymentToken`. The seller must hold the
    /// units and have approved this contract with `setApprovalForAll`; the units stay with the seller until taken.
    /// @param lotId The lot.
    /// @param amount The units offered (base units of the lot's commodity).
    /// @param paymentToken The ERC-20 the price is paid in.
    /// @param price The total price, in base units of the payment token.
    /// @param buyer The only buyer who may take the offer, or zero for anyone.
    /// @param expiry The first second at which the offer can no longer be taken.
    /// @return offerId The new offer's id.
    function createOffer(uint256 lotId, uint256 amount, IERC20 paymentToken, uint256 price, address buyer, uint40 expiry)
        external
        returns (uint256 offerId);

    /// @notice Takes an offer whole: the price moves from the caller to the seller and the units from the seller to
    /// the caller, through the token's ordinary transfer (every rule of the lot applies), both or neither. The caller
    /// must have approved the price to this contract.
    /// @param offerId The offer.
    function take(uint256 offerId) external;

    /// @notice Takes an offer, approving the price with an EIP-2612 permit in the same transaction.
    /// @param offerId The offer.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function takeWithPermit(uint256 offerId, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Cancels an open offer. Only its seller.
    /// @param offerId The offer.
    function cancelOffer(uint256 offerId) external;

    /// @notice An offer.
    /// @param offerId The offer.
    function getOffer(uint256 offerId) external view returns (Offer memory);

    /// @notice Why `buyer` could not take the offer now; never reverts.
    /// @param offerId The offer.
    /// @param buyer The would-be buyer.
    /// @return status `Ok`, or the first obstacle found.
    /// @return reason With `TransferRefused`, the token's compliance reason code; otherwise 0.
    function checkTake(uint256 offerId, address buyer) external view returns (TakeStatus status, uint8 reason);
}
