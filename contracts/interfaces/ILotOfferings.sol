// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Where an offering stands. `Open` covers before, during and after its window until someone closes it;
/// `Failed` means its requests stayed below the soft cap; `Cancelled` that the issuer cancelled it while open. A failed
/// or cancelled offering refunds every subscriber in full.
enum OfferingState {
    Open,
    Succeeded,
    Failed,
    Cancelled
}

/// @notice The terms of an offering, fixed when the issuer creates it.
/// @dev The price is `priceAmount` payment base units per `priceUnit` units of the lot (base units of its
/// commodity), so "USD 9,000.00 per t Cu" on a lot counted in kg with a 6-decimal stablecoin is
/// `priceAmount = 9_000_000_000`, `priceUnit = 1000`. Tickets and caps are in units.
struct OfferingTerms {
    uint256 lotId;
    IERC20 paymentToken;
    address treasury;
    uint256 priceAmount;
    uint256 priceUnit;
    uint64 start;
    uint64 end;
    uint256 minTicket;
    uint256 maxTicket;
    uint256 softCap;
    uint256 hardCap;
}

/// @notice The running figures of an offering.
struct OfferingStatus {
    OfferingState state;
    /// @dev Investors with a request who have not claimed yet.
    uint64 unclaimed;
    /// @dev Holder slots of the lot this offering holds for its subscribers (one per investor) until they claim.
    uint64 slotsHeld;
    /// @dev The sum of every investor's request (may exceed the hard cap: allocation is then pro rata).
    uint256 totalRequested;
    /// @dev Units minted to this contract at a successful close: min(totalRequested, hardCap); the hard cap's capacity
    /// was reserved in the lot when the offering was created.
    uint256 unitsMinted;
    /// @dev Units handed to investors by their claims.
    uint256 unitsDelivered;
    /// @dev Units not handed over because the investor, refused for good at its claim, took a refund instead.
    uint256 unitsRefused;
    /// @dev Units the issuer took back: refused units, and rounding dust once every investor has claimed.
    uint256 unitsReturned;
    /// @dev Payment for delivered units, owed to the treasury.
    uint256 proceedsReleased;
    /// @dev Proceeds already paid to the treasury.
    uint256 proceedsWithdrawn;
    /// @dev A lower bound of the smallest request (per wallet) ever accepted; zero before the first. With the lot's
    /// minimum holding it bounds how far the offering may be oversubscribed (see `subscribe`).
    uint256 smallestRequest;
}

/// @notice One wallet's request in one offering. Before close, `paid == paymentUp(requested)` always.
/// @param requested The units requested.
/// @param paid What the wallet paid into escrow.
/// @param claimed Whether its claim was settled.
/// @param investorId The investor the wallet belonged to when it first subscribed (its linked wallets share the
/// maximum ticket and one holder slot).
struct Subscription {
    uint256 requested;
    uint256 paid;
    bool claimed;
    uint64 investorId;
}

/// @title ILotOfferings
/// @notice Primary offerings of mineral lot units for a stablecoin: escrowed subscriptions, pro-rata allocation,
/// refunds, proceeds for the treasury, all pulled.
interface ILotOfferings {
    // ------------------------------------------------------------------ events

    /// @notice Emitted when the issuer creates an offering.
    /// @param offeringId The new offering.
    /// @param lotId The lot whose units it sells.
    /// @param paymentToken The ERC-20 it is paid in.
    /// @param treasury Who receives the proceeds.
    /// @param terms Every term of the offering.
    event OfferingCreated(
        uint256 indexed offeringId, uint256 indexed lotId, IERC20 indexed paymentToken, address treasury, OfferingTerms terms
    );

    /// @notice Emitted when an investor subscribes or adds to its request.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param units The units added.
    /// @param requested The investor's request after this subscription.
    /// @param payment What the investor paid into escrow for the added units.
    event Subscribed(
        uint256 indexed offeringId, address indexed investor, uint256 units, uint256 requested, uint256 payment
    );

    /// @notice Emitted when an investor reduces its request before the end of the window (to zero: cancels it).
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param requested The investor's request after the reduction.
    /// @param refund What was paid back to the investor.
    event SubscriptionReduced(uint256 indexed offeringId, address indexed investor, uint256 requested, uint256 refund);

    /// @notice Emitted when an offering is closed.
    /// @param offeringId The offering.
    /// @param state Succeeded or Failed.
    /// @param totalRequested The sum of every request at close.
    /// @param unitsMinted The units minted to this contract for the allocations (zero when failed).
    /// @param closer Who closed it.
    event OfferingClosed(
        uint256 indexed offeringId, OfferingState state, uint256 totalRequested, uint256 unitsMinted, address closer
    );

    /// @notice Emitted when an investor's allocation and refund are settled.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param units The units delivered to it.
    /// @param refund The payment returned to it.
    event Claimed(uint256 indexed offeringId, address indexed investor, uint256 units, uint256 refund);

    /// @notice Emitted when an investor refused for good at its claim (no longer verified, its country or class no
    /// longer admitted, the minimum holding raised) takes a refund of everything it paid instead of its units.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param units The allocation it gave up (the issuer may withdraw it).
    /// @param refund The payment returned to it.
    /// @param reason The token's refusal reason.
    event RefundedInstead(uint256 indexed offeringId, address indexed investor, uint256 units, uint256 refund, uint8 reason);

    /// @notice Emitted when compliance settles a frozen or lost investor's claim to a wallet it names.
    /// @param offeringId The offering.
    /// @param investor The investor whose claim was settled.
    /// @param to The wallet that received the units and the refund.
    /// @param units The units delivered.
    /// @param refund The payment returned.
    /// @param reason The legal ground, as a short string.
    event ClaimReleased(
        uint256 indexed offeringId, address indexed investor, address indexed to, uint256 units, uint256 refund, bytes32 reason
    );

    /// @notice Emitted when the issuer cancels an open offering: every subscriber is refunded in full by its claim.
    /// @param offeringId The offering.
    /// @param reason Why, as a short string.
    /// @param by The issuer account.
    event OfferingCancelled(uint256 indexed offeringId, bytes32 reason, address indexed by);

    /// @notice Emitted when proceeds are paid to the offering's treasury.
    /// @param offeringId The offering.
    /// @param treasury The receiver.
    /// @param amount The amount paid.
    event ProceedsWithdrawn(uint256 indexed offeringId, address indexed treasury, uint256 amount);

    /// @notice Emitted when the issuer takes back units no investor will receive.
    /// @param offeringId The offering.
    /// @param to The receiver.
    /// @param units The units moved.
    event UnitsReturned(uint256 indexed offeringId, address indexed to, uint256 units);

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when a caller lacks the registry role an action requires (same shape as OpenZeppelin's).
    /// @param account The caller.
    /// @param neededRole The role it needs.
    error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);

    /// @notice Thrown when `offeringId` names no offering.
    /// @param offeringId The id given.
    error UnknownOffering(uint256 offeringId);

    /// @notice Thrown when the terms of a new offering are malformed; `field` names the term.
    /// @param field The name of the term.
    /// @param value Its value.
    error InvalidOfferingTerms(string field, uint256 value);

    /// @notice Thrown when the treasury named in new terms does not hold TREASURY_ROLE.
    /// @param treasury The address given.
    error TreasuryLacksRole(address treasury);

    /// @notice Thrown when a subscription is attempted before the window opens.
    /// @param offeringId The offering.
    /// @param start When the window opens.
    error SubscriptionNotStarted(uint256 offeringId, uint64 start);

    /// @notice Thrown when a subscription, reduction or cancellation is attempted at or after the end of the window.
    /// @param offeringId The offering.
    /// @param end When the window closed.
    error SubscriptionEnded(uint256 offeringId, uint64 end);

    /// @notice Thrown when an action needs an open offering and it has been closed.
    /// @param offeringId The offering.
    /// @param state Succeeded or Failed.
    error OfferingAlreadyClosed(uint256 offeringId, OfferingState state);

    /// @notice Thrown when a claim or a withdrawal needs a closed offering and it is still open.
    /// @param offeringId The offering.
    error OfferingNotClosed(uint256 offeringId);

    /// @notice Thrown when the withdrawal of units needs a succeeded offering and it failed.
    /// @param offeringId The offering.
    error OfferingFailed(uint256 offeringId);

    /// @notice Thrown when an offering is closed too early: by the issuer before its end, by anyone else before its
    /// end plus the grace period.
    /// @param offeringId The offering.
    /// @param caller The caller.
    /// @param closableAt When this caller may close it.
    error OfferingNotClosable(uint256 offeringId, address caller, uint256 closableAt);

    /// @notice Thrown when an investor may not receive units of the offering's lot.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param reason The token's refusal reason code.
    error NotEligible(uint256 offeringId, address investor, uint8 reason);

    /// @notice Thrown when a subscription is asked for zero units.
    /// @param offeringId The offering.
    error ZeroUnits(uint256 offeringId);

    /// @notice Thrown when a subscription or reduction would oversubscribe the offering so far that the smallest request,
    /// shared pro rata, would be allocated less than the lot's minimum holding: that allocation could never be
    /// delivered. Subscribe more, or wait for others to reduce.
    /// @param offeringId The offering.
    /// @param smallestRequest The smallest request accepted so far (after this one).
    /// @param totalRequested The total request it would make.
    /// @param minHolding The lot's minimum holding.
    error AllocationBelowMinimumHolding(uint256 offeringId, uint256 smallestRequest, uint256 totalRequested, uint256 minHolding);

    /// @notice Thrown when a refund instead of units is asked while the allocation can still be delivered, or is
    /// refused only for a reason that passes (a pause, a hold, a KYC lapse, a freeze): claim it, or claim it later.
    /// @param offeringId The offering.
    /// @param investor The investor.
    /// @param reason The token's reason now (0 when the claim would go through).
    error RefusalNotPermanent(uint256 offeringId, address investor, uint8 reason);

    /// @notice Thrown when a frozen investor reduces, cancels, claims or takes a refund: a freeze binds the money it
    /// escrowed as it binds units (compliance may release its claim to a wallet it names).
    /// @param offeringId The offering.
    /// @param investor The investor.
    error InvestorFrozen(uint256 offeringId, address investor);

    /// @notice Thrown when an offering is cancelled or a claim released without a reason.
    /// @param offeringId The offering.
    error ReasonRequired(uint256 offeringId);

    /// @notice Thrown when a claim is released to the zero address, to this contract or to the investor itself.
    /// @param offeringId The offering.
    /// @param to The wallet given.
    error InvalidRelease(uint256 offeringId, address to);

    /// @notice Thrown when units arrive other than by this contract's own mint at close (nobody's units may be left
    /// here), or in a batch.
    /// @param from The sender.
    /// @param lotId The lot.
    /// @param amount The units.
    error UnitsNotAccepted(address from, uint256 lotId, uint256 amount);

    /// @notice Thrown when an investor's request would fall below the minimum ticket (other than to zero).
    /// @param offeringId The offering.
    /// @param requested The request it would have.
    /// @param minTicket The minimum.
    error BelowMinimumTicket(uint256 offeringId, uint256 requested, uint256 minTicket);

    /// @notice Thrown when an investor's request, across every wallet it linked, would exceed the maximum ticket.
    /// @param offeringId The offering.
    /// @param requested The investor's total request it would have.
    /// @param maxTicket The maximum.
    error AboveMaximumTicket(uint256 offeringId, uint256 requested, uint256 maxTicket);

    /// @notice Thrown when a reduction does not lower the request.
    /// @param offeringId The offering.
    /// @param requested The current request.
    /// @param newRequested The request asked for.
    error NotAReduction(uint256 offeringId, uint256 requested, uint256 newRequested);

    /// @notice Thrown when an investor with no request reduces, cancels or claims.
    /// @param offeringId The offering.
    /// @param investor The investor.
    error NoSubscription(uint256 offeringId, address investor);

    /// @notice Thrown when an investor's allocation and refund were already settled.
    /// @param offeringId The offering.
    /// @param investor The investor.
    error AlreadyClaimed(uint256 offeringId, address investor);

    /// @notice Thrown when there are no proceeds or no units to withdraw.
    /// @param offeringId The offering.
    error NothingToWithdraw(uint256 offeringId);

    /// @notice Thrown when the payment token delivers less than was transferred (a fee on transfer): refused.
    /// @param paymentToken The token.
    /// @param expected The amount transferred.
    /// @param received The amount this contract's balance grew by.
    error PaymentTokenTakesFee(IERC20 paymentToken, uint256 expected, uint256 received);

    // ------------------------------------------------------------------ functions

    /// @notice Creates an offering of units of `terms.lotId` and reserves the hard cap out of the lot's mint capacity
    /// (the lot must be warehoused and attested, with that much left), so that nothing else can mint it before the
    /// close. Only ISSUER_ROLE.
    /// @param terms The terms; `terms.treasury` must hold TREASURY_ROLE.
    /// @return offeringId The new offering's id (from 1).
    function createOffering(OfferingTerms calldata terms) external returns (uint256 offeringId);

    /// @notice Requests `units` more units, escrowing their payment (approve it first). Only during the window, only
    /// an investor who may receive the units now (eligibility, country, class, minimum holding), the wallet's request
    /// at least the minimum ticket and the investor's total (every linked wallet) at most the maximum. The investor
    /// takes one of the lot's holder slots until it claims. Requests beyond the hard cap are accepted, and the
    /// allocation is then pro rata, as long as the smallest request's share stays at or above the lot's minimum
    /// holding: so a successful offering delivers every allocation.
    /// @param offeringId The offering.
    /// @param units The units added to the caller's request.
    function subscribe(uint256 offeringId, uint256 units) external;

    /// @notice `subscribe`, with an EIP-2612 permit for the payment in the same transaction (a permit already used,
    /// for instance by a front-runner, is ignored if the allowance is there).
    /// @param offeringId The offering.
    /// @param units The units added to the caller's request.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function subscribeWithPermit(uint256 offeringId, uint256 units, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Lowers the caller's request to `newRequested` before the end of the window, refunding the difference.
    /// @param offeringId The offering.
    /// @param newRequested The new request: zero, or at least the minimum ticket.
    function reduce(uint256 offeringId, uint256 newRequested) external;

    /// @notice Cancels the caller's request before the end of the window, refunding it in full.
    /// @param offeringId The offering.
    function cancel(uint256 offeringId) external;

    /// @notice Closes an offering: the issuer from its end, anyone from its end plus the grace period. The reserved
    /// capacity is given back; it fails if the requests are below the soft cap (the holder slots are given back too);
    /// otherwise min(requests, hard cap) units are minted to this contract for the allocations.
    /// @param offeringId The offering.
    function close(uint256 offeringId) external;

    /// @notice Settles an investor after close: its allocated units and the refund of the rest of its payment (all of
    /// it for a failed or cancelled offering). If the investor may not receive its units now, the claim reverts with
    /// the token's reason and stays open: a pause, a hold or a KYC lapse only delays it; a refusal for good lets the
    /// investor take `refundInstead`. By the investor, or by the issuer for it.
    /// @param offeringId The offering.
    /// @param investor The investor settled.
    function claim(uint256 offeringId, address investor) external;

    /// @notice Pays the proceeds of delivered units to the offering's treasury. Anyone may call it.
    /// @param offeringId The offering.
    function withdrawProceeds(uint256 offeringId) external;

    /// @notice Refunds the caller everything it paid instead of its allocation, when the token refuses it the units
    /// for good (no longer verified, its country or class no longer admitted, the lot's minimum holding raised above
    /// its allocation). Only the investor itself: nobody else can turn its allocation into a refund.
    /// @param offeringId The offering.
    function refundInstead(uint256 offeringId) external;

    /// @notice Settles a frozen or lost investor's claim to a wallet compliance names: its allocated units (under the
    /// receiver's rules) and its refund go to `to`. Only COMPLIANCE_ROLE.
    /// @param offeringId The offering.
    /// @param investor The investor whose claim is settled.
    /// @param to The receiving wallet.
    /// @param reason The legal ground, as a short string (not empty).
    function releaseClaim(uint256 offeringId, address investor, address to, bytes32 reason) external;

    /// @notice Cancels an open offering (a hold on the lot, a due-diligence finding): the lot's reserved capacity and
    /// holder slots are given back and every subscriber claims a full refund. Only ISSUER_ROLE.
    /// @param offeringId The offering.
    /// @param reason Why, as a short string (not empty).
    function cancelOffering(uint256 offeringId, bytes32 reason) external;

    /// @notice Moves to `to` the units no investor will receive: those given up for a refund, and rounding dust once
    /// every investor has claimed. Only ISSUER_ROLE.
    /// @param offeringId The offering.
    /// @param to The receiver (the lot's rules apply to it).
    function withdrawUnits(uint256 offeringId, address to) external;
}
