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
import {Reason} from "../compliance/ComplianceTypes.sol";
import {OfferingMathLib} from "./OfferingMathLib.sol";

/// @title LotOfferings
/// @notice Every primary offering of lot units, one contract holding many (`offeringId`). Investors escrow a
/// stablecoin; at close the allocated units are minted here and each investor pulls its units and refund; the
/// treasury pulls the payment for the units delivered. Rounding: payments up, allocations down, so for every
/// investor `paid = paymentUp(allocated) + refund` to the last base unit and this contract always holds exactly what
/// it owes. Every function that pays out is `nonReentrant` and changes its state before calling out.
///
/// What an investor is promised is decided when it subscribes, so that a successful offering delivers every
/// allocation: the hard cap is reserved out of the lot's mint capacity when the offering is created (so the lot stays
/// in its warehouse, unsold, until the close); the subscriber must be able to receive its request under the lot's
/// rules then; it takes one of the lot's holder slots until its claim (so the holder limit cannot refuse it later, and
/// nobody, the issuer included, decides who gets the slots by claiming first); and oversubscription stops where the
/// smallest request's pro-rata share would fall below the lot's minimum holding. A claim that the token still refuses
/// (a pause, a hold, a KYC lapse, a freeze) reverts and stays open; only the investor may give its allocation up for a
/// full refund, and only when the refusal is for good.
/// @dev The offering mints through the token's ordinary `mint`, so it is granted ISSUER_ROLE: its code can only
/// mint a closed offering's allocation, out of the capacity it reserved, to itself. It is the registry's bound
/// offerings contract (`LotRegistry.bindOfferings`) and a platform account (`InvestorRegistrar.setPlatformAccount`),
/// which holds the allocations, reserves holder slots and receives nothing but its own mints.
///
/// Storage: an offering's terms, figures and requests are kept in 128-bit fields packed in pairs (units beside units,
/// money beside money), so that a subscription and a claim read and write few slots, most of them already in use.
/// The terms make that exact: tickets, caps and prices fit 128 bits, and neither the maximum ticket nor the hard cap
/// may cost more than `MAX_PAYMENT` (`InvalidOfferingTerms` otherwise), so every escrow, refund and proceeds figure
/// fits too. The views report the figures as the interface's structs.
contract LotOfferings is ILotOfferings, ERC1155Holder, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice How long after the end of its window anyone (not only the issuer) may close an offering.
    uint256 public constant GRACE_PERIOD = 7 days;

    /// @notice The most the maximum ticket or the hard cap of an offering may cost, in payment token base units: every
    /// money figure an offering keeps (an escrow, the proceeds released: at most the hard cap's cost plus one base unit
    /// of rounding per investor) then fits 128 bits.
    uint256 public constant MAX_PAYMENT = type(uint120).max;

    /// @dev The terms as stored (`OfferingTerms` reports them): five slots. The lot id is below 2^96 (ids are issued one
    /// by one), times below 2^48, tickets, caps and the price below 2^128, all checked at creation.
    struct StoredTerms {
        IERC20 paymentToken;
        uint48 start;
        uint48 end;
        address treasury;
        uint96 lotId;
        uint128 priceAmount;
        uint128 priceUnit;
        uint128 minTicket;
        uint128 maxTicket;
        uint128 softCap;
        uint128 hardCap;
    }

    /// @dev The running figures as stored (`OfferingStatus` reports them): a claim updates the first two slots, a
    /// subscription the first and the third. Units are at most the hard cap or a ticket (below 2^128), money at most
    /// `MAX_PAYMENT` plus one base unit per investor; investors are counted in 32 bits (each subscribed with its own
    /// transaction).
    struct StoredStatus {
        OfferingState state;
        uint32 unclaimed;
        uint32 slotsHeld;
        uint128 unitsDelivered;
        uint128 unitsMinted;
        uint128 proceedsReleased;
        uint256 totalRequested;
        uint128 unitsRefused;
        uint128 unitsReturned;
        uint128 proceedsWithdrawn;
        uint128 smallestRequest;
    }

    /// @dev One wallet's request as stored (`Subscription` reports it): the request and its escrow in one slot (a
    /// request is at most the maximum ticket, its escrow at most `MAX_PAYMENT`), the investor and the claim in another.
    struct StoredSubscription {
        uint128 requested;
        uint128 paid;
        uint64 investorId;
        bool claimed;
    }

    /// @dev One investor's request across its linked wallets (at most the maximum ticket) and whether the offering holds
    /// a holder slot of its lot for it: one slot.
    struct InvestorRequest {
        uint128 requested;
        bool slotHeld;
    }

    /// @notice The lot registry: roles and mint capacity.
    IOfferingRegistry public immutable registry;
    /// @notice The units token.
    IOfferingToken public immutable token;

    /// @notice The number of offerings created; ids run from 1.
    uint256 public offeringCount;

    mapping(uint256 offeringId => StoredTerms) private _terms;
    mapping(uint256 offeringId => StoredStatus) private _status;
    mapping(uint256 offeringId => mapping(address wallet => StoredSubscription)) private _subscriptions;
    /// @dev Each investor's request across its linked wallets, and its holder slot.
    mapping(uint256 offeringId => mapping(uint64 investorId => InvestorRequest)) private _investorRequests;

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
        // Every narrowing below was checked by `_checkTerms`.
        _terms[offeringId] = StoredTerms({
            paymentToken: terms.paymentToken,
            start: uint48(terms.start),
            end: uint48(terms.end),
            treasury: terms.treasury,
            lotId: uint96(terms.lotId),
            priceAmount: uint128(terms.priceAmount),
            priceUnit: uint128(terms.priceUnit),
            minTicket: uint128(terms.minTicket),
            maxTicket: uint128(terms.maxTicket),
            softCap: uint128(terms.softCap),
            hardCap: uint128(terms.hardCap)
        });
        emit OfferingCreated(offeringId, terms.lotId, terms.paymentToken, terms.treasury, terms);
        registry.reserveMint(terms.lotId, terms.hardCap);
    }

    /// @inheritdoc ILotOfferings
    function close(uint256 offeringId) external nonReentrant {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _openStatus(offeringId);
        uint256 closableAt = registry.hasRole(Roles.ISSUER, msg.sender) ? t.end : t.end + GRACE_PERIOD;
        if (block.timestamp < closableAt) revert OfferingNotClosable(offeringId, msg.sender, closableAt);

        uint256 total = st.totalRequested;
        bool failed = total < t.softCap;
        uint256 minted = failed ? 0 : Math.min(total, t.hardCap);
        st.state = failed ? OfferingState.Failed : OfferingState.Succeeded;
        // At most the hard cap, a uint128.
        st.unitsMinted = uint128(minted);
        emit OfferingClosed(offeringId, st.state, total, minted, msg.sender);

        uint256 lotId = t.lotId;
        registry.releaseMint(lotId, t.hardCap);
        if (failed) _releaseAllSlots(lotId, st);
        else if (minted != 0) token.mint(address(this), lotId, minted, "");
    }

    /// @inheritdoc ILotOfferings
    function cancelOffering(uint256 offeringId, bytes32 reason) external nonReentrant {
        _checkRole(Roles.ISSUER);
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _openStatus(offeringId);
        if (reason == bytes32(0)) revert ReasonRequired(offeringId);
        st.state = OfferingState.Cancelled;
        emit OfferingCancelled(offeringId, reason, msg.sender);
        registry.releaseMint(t.lotId, t.hardCap);
        _releaseAllSlots(t.lotId, st);
    }

    /// @inheritdoc ILotOfferings
    function withdrawUnits(uint256 offeringId, address to) external nonReentrant {
        _checkRole(Roles.ISSUER);
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        if (st.state == OfferingState.Open) revert OfferingNotClosed(offeringId);
        if (st.state != OfferingState.Succeeded) revert OfferingFailed(offeringId);
        uint256 units = (st.unclaimed == 0 ? st.unitsMinted - st.unitsDelivered : st.unitsRefused) - st.unitsReturned;
        if (units == 0) revert NothingToWithdraw(offeringId);
        // Units returned never exceed the units minted, a uint128.
        st.unitsReturned += uint128(units);
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
        StoredTerms storage t = _termsOf(offeringId);
        StoredSubscription storage sub = _subscriptions[offeringId][msg.sender];
        uint256 payment = OfferingMathLib.paymentUp(sub.requested + units, t.priceAmount, t.priceUnit) - sub.paid;
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
        _checkNotFrozen(offeringId, investor);
        (uint256 units, uint256 refund) = _settle(offeringId, investor);
        emit Claimed(offeringId, investor, units, refund);
        _pay(offeringId, investor, investor, units, refund);
    }

    /// @inheritdoc ILotOfferings
    function refundInstead(uint256 offeringId) external nonReentrant {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        StoredSubscription storage sub = _subscriptions[offeringId][msg.sender];
        if (st.state == OfferingState.Open) revert OfferingNotClosed(offeringId);
        if (sub.requested == 0) revert NoSubscription(offeringId, msg.sender);
        if (sub.claimed) revert AlreadyClaimed(offeringId, msg.sender);
        _checkNotFrozen(offeringId, msg.sender);
        uint256 units = _allocation(st, sub.requested);
        uint8 reason = units == 0 ? 0 : token.platformTransferStatus(msg.sender, t.lotId, units);
        if (!_refusedForGood(reason)) revert RefusalNotPermanent(offeringId, msg.sender, reason);

        uint256 refund = sub.paid;
        sub.claimed = true;
        --st.unclaimed;
        // An allocation is at most the units minted, a uint128, and so are all of them together.
        st.unitsRefused += uint128(units);
        emit RefundedInstead(offeringId, msg.sender, units, refund, reason);
        _dropSlot(offeringId, t.lotId, st, sub.investorId, true);
        t.paymentToken.safeTransfer(msg.sender, refund);
    }

    // ------------------------------------------------------------------ compliance

    /// @inheritdoc ILotOfferings
    function releaseClaim(uint256 offeringId, address investor, address to, bytes32 reason) external nonReentrant {
        _checkRole(Roles.COMPLIANCE);
        if (reason == bytes32(0)) revert ReasonRequired(offeringId);
        if (to == address(0) || to == investor || to == address(this) || !token.canReceive(to)) {
            revert InvalidRelease(offeringId, to);
        }
        (uint256 units, uint256 refund) = _settle(offeringId, investor);
        emit ClaimReleased(offeringId, investor, to, units, refund, reason);
        _pay(offeringId, investor, to, units, refund);
    }

    // ------------------------------------------------------------------ treasury

    /// @inheritdoc ILotOfferings
    function withdrawProceeds(uint256 offeringId) external nonReentrant {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        uint256 amount = st.proceedsReleased - st.proceedsWithdrawn;
        if (amount == 0) revert NothingToWithdraw(offeringId);
        st.proceedsWithdrawn = st.proceedsReleased;
        emit ProceedsWithdrawn(offeringId, t.treasury, amount);
        t.paymentToken.safeTransfer(t.treasury, amount);
    }

    // ------------------------------------------------------------------ units received

    /// @notice Accepts only the units this contract mints for itself at a close: units anyone else sends would stay
    /// here, nobody's.
    /// @param operator Who moved the units.
    /// @param from The sender (zero for a mint).
    /// @param lotId The lot.
    /// @param amount The units.
    /// @return The ERC-1155 acceptance value.
    function onERC1155Received(address operator, address from, uint256 lotId, uint256 amount, bytes memory)
        public
        view
        override
        returns (bytes4)
    {
        if (msg.sender != address(token) || from != address(0) || operator != address(this)) {
            revert UnitsNotAccepted(from, lotId, amount);
        }
        return this.onERC1155Received.selector;
    }

    /// @notice Refuses every batch: this contract mints one lot at a time.
    /// @param from The sender.
    /// @param ids The lots.
    /// @return Never returns.
    function onERC1155BatchReceived(address, address from, uint256[] memory ids, uint256[] memory, bytes memory)
        public
        pure
        override
        returns (bytes4)
    {
        revert UnitsNotAccepted(from, ids.length == 0 ? 0 : ids[0], 0);
    }

    // ------------------------------------------------------------------ views

    /// @notice The terms of an offering.
    /// @param offeringId The offering.
    /// @return The terms.
    function termsOf(uint256 offeringId) external view returns (OfferingTerms memory) {
        StoredTerms storage t = _termsOf(offeringId);
        return OfferingTerms({
            lotId: t.lotId,
            paymentToken: t.paymentToken,
            treasury: t.treasury,
            priceAmount: t.priceAmount,
            priceUnit: t.priceUnit,
            start: t.start,
            end: t.end,
            minTicket: t.minTicket,
            maxTicket: t.maxTicket,
            softCap: t.softCap,
            hardCap: t.hardCap
        });
    }

    /// @notice The running figures of an offering.
    /// @param offeringId The offering.
    /// @return The figures.
    function statusOf(uint256 offeringId) external view returns (OfferingStatus memory) {
        _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        return OfferingStatus({
            state: st.state,
            unclaimed: st.unclaimed,
            slotsHeld: st.slotsHeld,
            totalRequested: st.totalRequested,
            unitsMinted: st.unitsMinted,
            unitsDelivered: st.unitsDelivered,
            unitsRefused: st.unitsRefused,
            unitsReturned: st.unitsReturned,
            proceedsReleased: st.proceedsReleased,
            proceedsWithdrawn: st.proceedsWithdrawn,
            smallestRequest: st.smallestRequest
        });
    }

    /// @notice An investor's request in an offering.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @return The request.
    function subscriptionOf(uint256 offeringId, address investor) external view returns (Subscription memory) {
        _termsOf(offeringId);
        StoredSubscription storage sub = _subscriptions[offeringId][investor];
        return Subscription({requested: sub.requested, paid: sub.paid, claimed: sub.claimed, investorId: sub.investorId});
    }

    /// @notice An investor's request across its linked wallets, and whether the offering holds a holder slot for it.
    /// @param offeringId The offering.
    /// @param investorId The investor (`LotToken.getInvestor(wallet).investorId`).
    /// @return requested The investor's total request.
    /// @return slotHeld Whether a holder slot is held for it.
    function investorRequestOf(uint256 offeringId, uint64 investorId)
        external
        view
        returns (uint256 requested, bool slotHeld)
    {
        _termsOf(offeringId);
        InvestorRequest storage request = _investorRequests[offeringId][investorId];
        return (request.requested, request.slotHeld);
    }

    /// @notice What an investor would receive at its claim: units, the payment they cost and the refund. Before close,
    /// as if the offering closed now (its hard cap is reserved, so that is what it would share out).
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @return units The units allocated.
    /// @return payment What they cost, rounded up.
    /// @return refund The rest of what the investor paid.
    function allocationOf(uint256 offeringId, address investor)
        external
        view
        returns (uint256 units, uint256 payment, uint256 refund)
    {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        StoredSubscription storage sub = _subscriptions[offeringId][investor];
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
    /// @return The payment.
    function paymentFor(uint256 offeringId, uint256 units) external view returns (uint256) {
        StoredTerms storage t = _termsOf(offeringId);
        return OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
    }

    // ------------------------------------------------------------------ internal

    function _subscribe(uint256 offeringId, uint256 units) private {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _openStatus(offeringId);
        StoredSubscription storage sub = _subscriptions[offeringId][msg.sender];
        (uint256 requested, uint64 investorId, uint256 investorRequested) = _checkSubscription(offeringId, t, st, sub, units);

        // requested <= the investor's request <= maxTicket < 2^128, whose payment is at most MAX_PAYMENT < 2^128.
        uint256 paid = OfferingMathLib.paymentUp(requested, t.priceAmount, t.priceUnit);
        uint256 payment = paid - sub.paid;
        if (sub.requested == 0) {
            ++st.unclaimed;
            sub.investorId = investorId;
        }
        sub.requested = uint128(requested);
        sub.paid = uint128(paid);
        st.totalRequested += units;
        if (st.smallestRequest == 0 || requested < st.smallestRequest) st.smallestRequest = uint128(requested);
        InvestorRequest storage request = _investorRequests[offeringId][investorId];
        request.requested = uint128(investorRequested);
        bool takesSlot = !request.slotHeld;
        if (takesSlot) {
            request.slotHeld = true;
            ++st.slotsHeld;
        }
        emit Subscribed(offeringId, msg.sender, units, requested, payment);

        if (takesSlot) token.reserveHolderSlot(t.lotId, msg.sender);
        IERC20 paymentToken = t.paymentToken;
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), payment);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != payment) revert PaymentTokenTakesFee(paymentToken, payment, received);
    }

    /// @dev Every check of a subscription of `units` more units by the caller; returns its new request, its investor and
    /// the investor's new request.
    function _checkSubscription(
        uint256 offeringId,
        StoredTerms storage t,
        StoredStatus storage st,
        StoredSubscription storage sub,
        uint256 units
    ) private view returns (uint256 requested, uint64 investorId, uint256 investorRequested) {
        if (block.timestamp < t.start) revert SubscriptionNotStarted(offeringId, t.start);
        if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);
        if (units == 0) revert ZeroUnits(offeringId);
        requested = sub.requested + units;
        if (requested < t.minTicket) revert BelowMinimumTicket(offeringId, requested, t.minTicket);
        investorId = sub.requested == 0 ? token.getInvestor(msg.sender).investorId : sub.investorId;
        investorRequested = _investorRequests[offeringId][investorId].requested + units;
        if (investorRequested > t.maxTicket) revert AboveMaximumTicket(offeringId, investorRequested, t.maxTicket);
        uint8 reason = token.platformTransferStatus(msg.sender, t.lotId, requested);
        // The holder limit is decided by the holder slot the subscription takes, which counts the other subscribers.
        if (reason != 0 && reason != uint8(Reason.HolderLimit)) revert NotEligible(offeringId, msg.sender, reason);
        uint256 smallest = st.smallestRequest;
        if (smallest == 0 || requested < smallest) smallest = requested;
        _checkMinimumAllocation(offeringId, t, smallest, st.totalRequested + units);
    }

    function _reduce(uint256 offeringId, uint256 newRequested) private {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _openStatus(offeringId);
        StoredSubscription storage sub = _subscriptions[offeringId][msg.sender];
        if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);
        uint256 requested = sub.requested;
        if (requested == 0) revert NoSubscription(offeringId, msg.sender);
        if (newRequested >= requested) revert NotAReduction(offeringId, requested, newRequested);
        if (newRequested != 0 && newRequested < t.minTicket) {
            revert BelowMinimumTicket(offeringId, newRequested, t.minTicket);
        }
        _checkNotFrozen(offeringId, msg.sender);
        uint256 total = st.totalRequested - (requested - newRequested);
        uint256 smallest = st.smallestRequest;
        if (newRequested != 0 && newRequested < smallest) smallest = newRequested;
        _checkMinimumAllocation(offeringId, t, smallest, total);

        uint256 paid = OfferingMathLib.paymentUp(newRequested, t.priceAmount, t.priceUnit);
        uint256 refund = sub.paid - paid;
        if (newRequested == 0) --st.unclaimed;
        st.totalRequested = total;
        // smallest and newRequested are at most the request being reduced, and paid its payment: below 2^128.
        st.smallestRequest = uint128(smallest);
        sub.requested = uint128(newRequested);
        sub.paid = uint128(paid);
        uint64 investorId = sub.investorId;
        InvestorRequest storage request = _investorRequests[offeringId][investorId];
        // The investor's total includes this wallet's request, so it is at least the reduction.
        uint256 investorRequested = request.requested - (requested - newRequested);
        request.requested = uint128(investorRequested);
        emit SubscriptionReduced(offeringId, msg.sender, newRequested, refund);

        if (investorRequested == 0) _dropSlot(offeringId, t.lotId, st, investorId, true);
        t.paymentToken.safeTransfer(msg.sender, refund);
    }

    /// @dev Settles a closed offering's claim: marks it, books the units delivered and the proceeds they release, and
    /// returns what to pay.
    function _settle(uint256 offeringId, address investor) private returns (uint256 units, uint256 refund) {
        StoredTerms storage t = _termsOf(offeringId);
        StoredStatus storage st = _status[offeringId];
        StoredSubscription storage sub = _subscriptions[offeringId][investor];
        if (st.state == OfferingState.Open) revert OfferingNotClosed(offeringId);
        if (sub.requested == 0) revert NoSubscription(offeringId, investor);
        if (sub.claimed) revert AlreadyClaimed(offeringId, investor);

        units = _allocation(st, sub.requested);
        uint256 payment = OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
        refund = sub.paid - payment;
        sub.claimed = true;
        --st.unclaimed;
        // Allocations add up to at most the units minted (a uint128); the payments for them to at most the hard cap's
        // payment plus one base unit per investor, below 2^128.
        st.unitsDelivered += uint128(units);
        st.proceedsReleased += uint128(payment);
    }

    /// @dev Hands over a settled claim: the units (consuming the investor's holder slot when the offering holds one;
    /// the token's rules decide, and a refusal reverts the whole claim), then the refund.
    function _pay(uint256 offeringId, address investor, address to, uint256 units, uint256 refund) private {
        StoredTerms storage t = _terms[offeringId];
        StoredStatus storage st = _status[offeringId];
        uint256 lotId = t.lotId;
        uint64 investorId = _subscriptions[offeringId][investor].investorId;
        if (units != 0) {
            bool slot = _dropSlot(offeringId, lotId, st, investorId, false);
            if (slot) token.transferReserved(to, lotId, units);
            else token.safeTransferFrom(address(this), to, lotId, units, "");
        } else if (st.state == OfferingState.Succeeded) {
            _dropSlot(offeringId, lotId, st, investorId, true);
        }
        if (refund != 0) t.paymentToken.safeTransfer(to, refund);
    }

    /// @dev Forgets the investor's holder slot, if the offering holds one, and gives it back to the lot when `release`
    /// (otherwise the caller consumes it with a reserved transfer). Returns whether there was one.
    function _dropSlot(uint256 offeringId, uint256 lotId, StoredStatus storage st, uint64 investorId, bool release)
        private
        returns (bool held)
    {
        InvestorRequest storage request = _investorRequests[offeringId][investorId];
        held = request.slotHeld;
        if (!held) return false;
        request.slotHeld = false;
        --st.slotsHeld;
        if (release) token.releaseHolderSlots(lotId, 1);
    }

    /// @dev Gives back every holder slot a failed or cancelled offering holds; its claims only refund.
    function _releaseAllSlots(uint256 lotId, StoredStatus storage st) private {
        uint256 slots = st.slotsHeld;
        if (slots == 0) return;
        st.slotsHeld = 0;
        token.releaseHolderSlots(lotId, slots);
    }

    /// @dev Reverts when, with `total` requested, the smallest request's pro-rata share of the hard cap would fall
    /// below the lot's minimum holding (an allocation that could never be delivered).
    function _checkMinimumAllocation(uint256 offeringId, StoredTerms storage t, uint256 smallest, uint256 total)
        private
        view
    {
        if (total <= t.hardCap || smallest == 0) return;
        uint256 minHolding = token.getLotRules(t.lotId).minHolding;
        if (minHolding != 0 && OfferingMathLib.allocationDown(smallest, t.hardCap, total) < minHolding) {
            revert AllocationBelowMinimumHolding(offeringId, smallest, total, minHolding);
        }
    }

    /// @dev Whether the token's reason refuses the units for good: the investor is no longer verified, or the lot's
    /// country list, minimum class or minimum holding no longer admit it. A pause, a hold, a KYC lapse or a freeze
    /// pass (or are for compliance to settle), so they never turn an allocation into a refund.
    function _refusedForGood(uint8 reason) private pure returns (bool) {
        return reason == uint8(Reason.ReceiverNotVerified) || reason == uint8(Reason.CountryNotAllowed)
            || reason == uint8(Reason.ClassTooLow) || reason == uint8(Reason.BelowMinimumHolding);
    }

    function _allocation(StoredStatus storage st, uint256 requested) private view returns (uint256) {
        if (st.state != OfferingState.Succeeded) return 0;
        return OfferingMathLib.allocationDown(requested, st.unitsMinted, st.totalRequested);
    }

    function _checkTerms(OfferingTerms calldata terms) private view {
        if (address(terms.paymentToken).code.length == 0) {
            revert InvalidOfferingTerms("paymentToken", uint256(uint160(address(terms.paymentToken))));
        }
        if (terms.lotId > type(uint96).max) revert InvalidOfferingTerms("lotId", terms.lotId);
        if (terms.priceAmount == 0 || terms.priceAmount > type(uint128).max) {
            revert InvalidOfferingTerms("priceAmount", terms.priceAmount);
        }
        if (terms.priceUnit == 0 || terms.priceUnit > type(uint128).max) revert InvalidOfferingTerms("priceUnit", terms.priceUnit);
        if (terms.end <= terms.start) revert InvalidOfferingTerms("end", terms.end);
        if (terms.end <= block.timestamp || terms.end > type(uint48).max) revert InvalidOfferingTerms("end", terms.end);
        if (terms.minTicket == 0) revert InvalidOfferingTerms("minTicket", 0);
        if (terms.maxTicket < terms.minTicket || terms.maxTicket > type(uint128).max) {
            revert InvalidOfferingTerms("maxTicket", terms.maxTicket);
        }
        if (terms.hardCap == 0 || terms.hardCap > type(uint128).max) revert InvalidOfferingTerms("hardCap", terms.hardCap);
        if (terms.softCap > terms.hardCap) revert InvalidOfferingTerms("softCap", terms.softCap);
        // Both factors are below 2^128, so neither product overflows.
        if (OfferingMathLib.paymentUp(terms.maxTicket, terms.priceAmount, terms.priceUnit) > MAX_PAYMENT) {
            revert InvalidOfferingTerms("maxTicket", terms.maxTicket);
        }
        if (OfferingMathLib.paymentUp(terms.hardCap, terms.priceAmount, terms.priceUnit) > MAX_PAYMENT) {
            revert InvalidOfferingTerms("hardCap", terms.hardCap);
        }
        if (!registry.hasRole(Roles.TREASURY, terms.treasury)) revert TreasuryLacksRole(terms.treasury);
    }

    /// @dev A freeze binds the money an investor escrowed as it binds units: no refund reaches a frozen account.
    function _checkNotFrozen(uint256 offeringId, address investor) private view {
        if (token.getInvestor(investor).frozen) revert InvestorFrozen(offeringId, investor);
    }

    function _checkRole(bytes32 role) private view {
        if (!registry.hasRole(role, msg.sender)) revert AccessControlUnauthorizedAccount(msg.sender, role);
    }

    function _termsOf(uint256 offeringId) private view returns (StoredTerms storage t) {
        t = _terms[offeringId];
        if (address(t.paymentToken) == address(0)) revert UnknownOffering(offeringId);
    }

    function _openStatus(uint256 offeringId) private view returns (StoredStatus storage st) {
        st = _status[offeringId];
        if (st.state != OfferingState.Open) revert OfferingAlreadyClosed(offeringId, st.state);
    }
}
