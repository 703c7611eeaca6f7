// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Roles} from "../access/Roles.sol";
import {IOfferingRegistry} from "../interfaces/IOfferingRegistry.sol";
import {IOfferingToken} from "../interfaces/IOfferingToken.sol";
import {ILotOfferings, OfferingState, OfferingTerms, OfferingStatus, Subscription} from "../interfaces/ILotOfferings.sol";
import {OfferingMathLib} from "./OfferingMathLib.sol";

/// @title LotOfferings
/// @notice Every primary offering of lot units, one contract holding many (`offeringId`). Investors escrow a
/// stablecoin; at close the allocated units are minted here and each investor pulls its units and refund; the
/// treasury pulls the payment for the units delivered. Rounding: payments up, allocations down, so for every
/// investor `paid = paymentUp(allocated) + refund` to the last base unit and this contract always holds exactly what
/// it owes. Every function that pays out is `nonReentrant` and changes its state before calling out.
/// @dev The offering mints through the token's ordinary `mint`, so it is granted ISSUER_ROLE: its code can only
/// mint up to a closed offering's allocation, within the lot's capacity, to itself. Proceeds are released per
/// delivered allocation (the sum of per-investor rounded payments cannot be known at close without iterating), and
/// a refused delivery becomes a refund from those same funds, so nothing is owed that is not held. It must also be a
/// platform account (`InvestorRegistrar.setPlatformAccount`) to hold the allocation; subscriptions and deliveries are
/// judged by `LotToken.platformTransferStatus`, the receiver's rules in full.
contract LotOfferings is ILotOfferings, ERC1155Holder, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice How long after the end of its window anyone (not only the issuer) may close an offering.
    uint256 public constant GRACE_PERIOD = 7 days;

    /// @notice The lot registry: roles and mint capacity.
    IOfferingRegistry public immutable registry;
    /// @notice The units token.
    IOfferingToken public immutable token;

    /// @notice The number of offerings created; ids run from 1.
    uint256 public offeringCount;

    mapping(uint256 offeringId => OfferingTerms) private _terms;
    mapping(uint256 offeringId => OfferingStatus) private _status;
    mapping(uint256 offeringId => mapping(address investor => Subscription)) private _subscriptions;

    /// @param registry_ The lot registry.
    /// @param token_ The units token.
    constructor(IOfferingRegistry registry_, IOfferingToken token_) {
        registry = registry_;
        token = token_;
    }

    // ------------------------------------------------------------------ issuer

    /// @inheritdoc ILotOfferings
    function createOffering(OfferingTerms calldata terms) external returns (uint256 offeringId) {
        _checkRole(Roles.ISSUER);
        _checkTerms(terms);
        offeringId = ++offeringCount;
        _terms[offeringId] = terms;
        emit OfferingCreated(offeringId, terms.lotId, terms.paymentToken, terms.treasury, terms);
    }

    /// @inheritdoc ILotOfferings
    function close(uint256 offeringId) external nonReentrant {
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        if (st.state != OfferingState.Open) revert OfferingAlreadyClosed(offeringId, st.state);
        uint256 closableAt = registry.hasRole(Roles.ISSUER, msg.sender) ? t.end : t.end + GRACE_PERIOD;
        if (block.timestamp < closableAt) revert OfferingNotClosable(offeringId, msg.sender, closableAt);

        uint256 capacity = Math.min(t.hardCap, registry.mintableQuantity(t.lotId));
        uint256 total = st.totalRequested;
        bool failed = total < t.softCap || capacity < t.softCap;
        uint256 minted = failed ? 0 : Math.min(total, capacity);
        st.state = failed ? OfferingState.Failed : OfferingState.Succeeded;
        st.unitsMinted = minted;
        emit OfferingClosed(offeringId, st.state, total, minted, msg.sender);

        if (minted != 0) token.mint(address(this), t.lotId, minted, "");
    }

    /// @inheritdoc ILotOfferings
    function withdrawUnits(uint256 offeringId, address to) external nonReentrant {
        _checkRole(Roles.ISSUER);
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        if (st.state == OfferingState.Open) revert OfferingNotClosed(offeringId);
        if (st.state == OfferingState.Failed) revert OfferingFailed(offeringId);
        uint256 units = (st.unclaimed == 0 ? st.unitsMinted - st.unitsDelivered : st.unitsRefused) - st.unitsReturned;
        if (units == 0) revert NothingToWithdraw(offeringId);
        st.unitsReturned += units;
        emit UnitsReturned(offeringId, to, units);
        token.safeTransferFrom(address(this), to, t.lotId, units, "");
    }

    // ------------------------------------------------------------------ investors

    /// @inheritdoc ILotOfferings
    function subscribe(uint256 offeringId, uint256 units) external nonReentrant {
        _subscribe(offeringId, units);
    }

    /// @inheritdoc ILotOfferings
    function subscribeWithPermit(uint256 offeringId, uint256 units, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        OfferingTerms storage t = _termsOf(offeringId);
        uint256 payment = paymentFor(offeringId, _subscriptions[offeringId][msg.sender].requested + units)
            - _subscriptions[offeringId][msg.sender].paid;
        // A permit front-run by someone else has already set the allowance; the transfer below decides.
        try IERC20Permit(address(t.paymentToken)).permit(msg.sender, address(this), payment, deadline, v, r, s) {}
            catch {}
        _subscribe(offeringId, units);
    }

    /// @inheritdoc ILotOfferings
    function reduce(uint256 offeringId, uint256 newRequested) external nonReentrant {
        _reduce(offeringId, newRequested);
    }

    /// @inheritdoc ILotOfferings
    function cancel(uint256 offeringId) external nonReentrant {
        _reduce(offeringId, 0);
    }

    /// @inheritdoc ILotOfferings
    function claim(uint256 offeringId, address investor) external nonReentrant {
        if (msg.sender != investor) _checkRole(Roles.ISSUER);
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        Subscription storage sub = _subscriptions[offeringId][investor];
        if (st.state == OfferingState.Open) revert OfferingNotClosed(offeringId);
        if (sub.requested == 0) revert NoSubscription(offeringId, investor);
        if (sub.claimed) revert AlreadyClaimed(offeringId, investor);

        uint256 units = _allocation(st, sub.requested);
        uint8 reason = units == 0 ? 0 : token.platformTransferStatus(investor, t.lotId, units);
        uint256 payment;
        if (reason != 0) {
            st.unitsRefused += units;
            units = 0;
        } else {
            payment = OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
            st.unitsDelivered += units;
            st.proceedsReleased += payment;
        }
        uint256 refund = sub.paid - payment;
        sub.claimed = true;
        --st.unclaimed;
        emit Claimed(offeringId, investor, units, refund, reason);

        if (units != 0) token.safeTransferFrom(address(this), investor, t.lotId, units, "");
        if (refund != 0) t.paymentToken.safeTransfer(investor, refund);
    }

    // ------------------------------------------------------------------ treasury

    /// @inheritdoc ILotOfferings
    function withdrawProceeds(uint256 offeringId) external nonReentrant {
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        uint256 amount = st.proceedsReleased - st.proceedsWithdrawn;
        if (amount == 0) revert NothingToWithdraw(offeringId);
        st.proceedsWithdrawn = st.proceedsReleased;
        emit ProceedsWithdrawn(offeringId, t.treasury, amount);
        t.paymentToken.safeTransfer(t.treasury, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice The terms of an offering.
    /// @param offeringId The offering.
    function termsOf(uint256 offeringId) external view returns (OfferingTerms memory) {
        return _termsOf(offeringId);
    }

    /// @notice The running figures of an offering.
    /// @param offeringId The offering.
    function statusOf(uint256 offeringId) external view returns (OfferingStatus memory) {
        _termsOf(offeringId);
        return _status[offeringId];
    }

    /// @notice An investor's request in an offering.
    /// @param offeringId The offering.
    /// @param investor The investor.
    function subscriptionOf(uint256 offeringId, address investor) external view returns (Subscription memory) {
        _termsOf(offeringId);
        return _subscriptions[offeringId][investor];
    }

    /// @notice What an investor would receive at its claim (before any eligibility check): units, the payment they
    /// cost and the refund. Before close, as if the offering closed now with its hard cap as capacity.
    /// @param offeringId The offering.
    /// @param investor The investor.
    function allocationOf(uint256 offeringId, address investor)
        external
        view
        returns (uint256 units, uint256 payment, uint256 refund)
    {
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        Subscription storage sub = _subscriptions[offeringId][investor];
        if (st.state == OfferingState.Open) {
            uint256 total = st.totalRequested;
            units = total < t.softCap ? 0 : OfferingMathLib.allocationDown(sub.requested, Math.min(total, t.hardCap), total);
        } else {
            units = _allocation(st, sub.requested);
        }
        payment = OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
        refund = sub.paid - payment;
    }

    /// @notice What `units` cost in an offering, rounded up.
    /// @param offeringId The offering.
    /// @param units The number of units.
    function paymentFor(uint256 offeringId, uint256 units) public view returns (uint256) {
        OfferingTerms storage t = _termsOf(offeringId);
        return OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
    }

    // ------------------------------------------------------------------ internal

    function _subscribe(uint256 offeringId, uint256 units) private {
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        Subscription storage sub = _subscriptions[offeringId][msg.sender];
        if (st.state != OfferingState.Open) revert OfferingAlreadyClosed(offeringId, st.state);
        if (block.timestamp < t.start) revert SubscriptionNotStarted(offeringId, t.start);
        if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);
        if (units == 0) revert ZeroUnits(offeringId);
        uint256 requested = sub.requested + units;
        if (requested < t.minTicket) revert BelowMinimumTicket(offeringId, requested, t.minTicket);
        if (requested > t.maxTicket) revert AboveMaximumTicket(offeringId, requested, t.maxTicket);
        uint8 reason = token.platformTransferStatus(msg.sender, t.lotId, requested);
        if (reason != 0) revert NotEligible(offeringId, msg.sender, reason);

        uint256 payment = OfferingMathLib.paymentUp(requested, t.priceAmount, t.priceUnit) - sub.paid;
        if (sub.requested == 0) ++st.unclaimed;
        sub.requested = requested;
        sub.paid += payment;
        st.totalRequested += units;
        emit Subscribed(offeringId, msg.sender, units, requested, payment);

        IERC20 paymentToken = t.paymentToken;
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), payment);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != payment) revert PaymentTokenTakesFee(paymentToken, payment, received);
    }

    function _reduce(uint256 offeringId, uint256 newRequested) private {
        OfferingTerms storage t = _termsOf(offeringId);
        OfferingStatus storage st = _status[offeringId];
        Subscription storage sub = _subscriptions[offeringId][msg.sender];
        if (st.state != OfferingState.Open) revert OfferingAlreadyClosed(offeringId, st.state);
        if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);
        uint256 requested = sub.requested;
        if (requested == 0) revert NoSubscription(offeringId, msg.sender);
        if (newRequested >= requested) revert NotAReduction(offeringId, requested, newRequested);
        if (newRequested != 0 && newRequested < t.minTicket) {
            revert BelowMinimumTicket(offeringId, newRequested, t.minTicket);
        }

        uint256 paid = OfferingMathLib.paymentUp(newRequested, t.priceAmount, t.priceUnit);
        uint256 refund = sub.paid - paid;
        if (newRequested == 0) --st.unclaimed;
        st.totalRequested -= requested - newRequested;
        sub.requested = newRequested;
        sub.paid = paid;
        emit SubscriptionReduced(offeringId, msg.sender, newRequested, refund);

        t.paymentToken.safeTransfer(msg.sender, refund);
    }

    function _allocation(OfferingStatus storage st, uint256 requested) private view returns (uint256) {
        if (st.state != OfferingState.Succeeded) return 0;
        return OfferingMathLib.allocationDown(requested, st.unitsMinted, st.totalRequested);
    }

    function _checkTerms(OfferingTerms calldata terms) private view {
        if (address(terms.paymentToken).code.length == 0) {
            revert InvalidOfferingTerms("paymentToken", uint256(uint160(address(terms.paymentToken))));
        }
        if (terms.priceAmount == 0) revert InvalidOfferingTerms("priceAmount", 0);
        if (terms.priceUnit == 0) revert InvalidOfferingTerms("priceUnit", 0);
        if (terms.end <= terms.start) revert InvalidOfferingTerms("end", terms.end);
        if (terms.end <= block.timestamp) revert InvalidOfferingTerms("end", terms.end);
        if (terms.minTicket == 0) revert InvalidOfferingTerms("minTicket", 0);
        if (terms.maxTicket < terms.minTicket) revert InvalidOfferingTerms("maxTicket", terms.maxTicket);
        if (terms.hardCap == 0) revert InvalidOfferingTerms("hardCap", 0);
        if (terms.softCap > terms.hardCap) revert InvalidOfferingTerms("softCap", terms.softCap);
        if (!registry.hasRole(Roles.TREASURY, terms.treasury)) revert TreasuryLacksRole(terms.treasury);
    }

    function _checkRole(bytes32 role) private view {
        if (!registry.hasRole(role, msg.sender)) revert AccessControlUnauthorizedAccount(msg.sender, role);
    }

    function _termsOf(uint256 offeringId) private view returns (OfferingTerms storage t) {
        t = _terms[offeringId];
        if (address(t.paymentToken) == address(0)) revert UnknownOffering(offeringId);
    }
}
