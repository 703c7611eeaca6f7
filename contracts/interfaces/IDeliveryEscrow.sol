// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LotState} from "../lots/LotTypes.sol";

/// @notice Where a delivery request stands. `None` marks an id no request has.
enum DeliveryStatus {
    None,
    Pending,
    Delivered,
    Rejected,
    Cancelled,
    Released
}

/// @notice One request for physical delivery of a lot's units.
/// @param holder Who sent the units and receives them back if the request is rejected or cancelled.
/// @param requestedAt When the units arrived in the escrow.
/// @param decidedAt When the request was confirmed, rejected, cancelled or released (0 while pending).
/// @param status Where the request stands.
/// @param lotId The lot.
/// @param amount The units locked (base units of the lot's commodity).
/// @param instructionsRef A hash or reference of the off-chain delivery instructions (no personal data on chain).
/// @param outcomeRef The custodian's delivery reference when delivered, its reason when rejected, the compliance
/// officer's reason when released, else zero.
struct DeliveryRequest {
    address holder;
    uint40 requestedAt;
    uint40 decidedAt;
    DeliveryStatus status;
    uint256 lotId;
    uint256 amount;
    bytes32 instructionsRef;
    bytes32 outcomeRef;
}

/// @title IDeliveryEscrow
/// @notice Physical delivery of lot units: a holder sends units to the escrow with a reference to its delivery
/// instructions; the lot's custodian confirms the delivery (the units are burned) or rejects it with a reason (the
/// units go back), and the holder may cancel while the request is pending.
interface IDeliveryEscrow {
    /// @notice Emitted when the issuer sets a lot's minimum delivery quantity.
    /// @param lotId The lot.
    /// @param units The smallest number of units one request may lock (0 = delivery not offered).
    /// @param issuer Who set it.
    event MinimumDeliverySet(uint256 indexed lotId, uint256 units, address indexed issuer);

    /// @notice Emitted when a holder's units arrive in the escrow as a delivery request.
    /// @param requestId The new request.
    /// @param lotId The lot.
    /// @param holder The holder.
    /// @param amount The units locked.
    /// @param instructionsRef The reference of the off-chain delivery instructions.
    event DeliveryRequested(
        uint256 indexed requestId, uint256 indexed lotId, address indexed holder, uint256 amount, bytes32 instructionsRef
    );

    /// @notice Emitted when the custodian confirms a delivery; the locked units are burned.
    /// @param requestId The request.
    /// @param lotId The lot.
    /// @param custodian The custodian who confirmed.
    /// @param amount The units burned.
    /// @param deliveryRef The custodian's reference of the delivery (release note, bill of lading).
    event DeliveryConfirmed(
        uint256 indexed requestId, uint256 indexed lotId, address indexed custodian, uint256 amount, bytes32 deliveryRef
    );

    /// @notice Emitted when the custodian rejects a request; the units went back to the holder.
    /// @param requestId The request.
    /// @param lotId The lot.
    /// @param custodian The custodian who rejected.
    /// @param holder The holder the units went back to.
    /// @param amount The units returned.
    /// @param reason The custodian's reason.
    event DeliveryRejected(
        uint256 indexed requestId, uint256 indexed lotId, address indexed custodian, address holder, uint256 amount, bytes32 reason
    );

    /// @notice Emitted when the holder cancels its pending request; the units went back to it.
    /// @param requestId The request.
    /// @param lotId The lot.
    /// @param holder The holder.
    /// @param amount The units returned.
    event DeliveryCancelled(uint256 indexed requestId, uint256 indexed lotId, address indexed holder, uint256 amount);

    /// @notice Emitted when the compliance officer releases a pending request's units to a wallet it names (the
    /// holder was frozen or lost its wallet); the units went to that wallet.
    /// @param requestId The request.
    /// @param lotId The lot.
    /// @param officer The compliance officer who released it.
    /// @param holder The request's holder.
    /// @param to The wallet the units went to.
    /// @param amount The units released.
    /// @param reason The compliance officer's reason.
    event DeliveryReleased(
        uint256 indexed requestId,
        uint256 indexed lotId,
        address indexed officer,
        address holder,
        address to,
        uint256 amount,
        bytes32 reason
    );

    /// @notice Thrown when units arrive from anything other than the units token.
    /// @param caller The contract that called the receiver hook.
    error CallerNotToken(address caller);

    /// @notice Thrown when units are minted straight to the escrow: a request needs a holder.
    /// @param lotId The lot.
    /// @param amount The units.
    error MintRefused(uint256 lotId, uint256 amount);

    /// @notice Thrown when units arrive in a batch: each request names one lot.
    /// @param lotCount How many lots the batch named.
    error BatchRefused(uint256 lotCount);

    /// @notice Thrown when units arrive without a non-zero 32-byte instructions reference as their data.
    /// @param lotId The lot.
    /// @param dataLength The length of the data that came with the units.
    error InstructionsRefRequired(uint256 lotId, uint256 dataLength);

    /// @notice Thrown when delivery of a lot is not offered (its minimum delivery is 0).
    /// @param lotId The lot.
    error DeliveryNotOffered(uint256 lotId);

    /// @notice Thrown when a request locks fewer units than the lot's minimum delivery.
    /// @param lotId The lot.
    /// @param amount The units sent.
    /// @param minimum The lot's minimum delivery.
    error BelowMinimumDelivery(uint256 lotId, uint256 amount, uint256 minimum);

    /// @notice Thrown when a request is made for a lot that is settling or retired.
    /// @param lotId The lot.
    error LotTradingStopped(uint256 lotId);

    /// @notice Thrown when a request is made for a lot that is not in a custodian's warehouse.
    /// @param lotId The lot.
    /// @param state The lot's state.
    error LotNotWarehoused(uint256 lotId, LotState state);

    /// @notice Thrown when no request has this id.
    /// @param requestId The id.
    error UnknownRequest(uint256 requestId);

    /// @notice Thrown when a request was already confirmed, rejected or cancelled.
    /// @param requestId The request.
    /// @param status Its status.
    error RequestNotPending(uint256 requestId, DeliveryStatus status);

    /// @notice Thrown when someone other than the lot's current custodian confirms or rejects a request.
    /// @param requestId The request.
    /// @param lotId The lot.
    /// @param caller Who tried.
    /// @param custodian The lot's current custodian.
    error NotLotCustodian(uint256 requestId, uint256 lotId, address caller, address custodian);

    /// @notice Thrown when someone other than the request's holder cancels it.
    /// @param requestId The request.
    /// @param caller Who tried.
    /// @param holder The request's holder.
    error NotRequestHolder(uint256 requestId, address caller, address holder);

    /// @notice Thrown when a release names no wallet, or the escrow itself, to receive the units.
    /// @param requestId The request.
    /// @param to The wallet named.
    error InvalidReleaseReceiver(uint256 requestId, address to);

    /// @notice Thrown when a release gives no reason (a zero reference).
    /// @param requestId The request.
    error ReleaseReasonRequired(uint256 requestId);

    /// @notice Thrown when a delivery is confirmed while its holder's account is frozen: a freeze placed after the
    /// request binds its units too.
    /// @param requestId The request.
    /// @param holder The holder.
    error DeliveryHolderFrozen(uint256 requestId, address holder);

    /// @notice Thrown when a delivery is confirmed while units frozen for its holder in the lot exceed what the holder
    /// still has in its wallet: the freeze reaches into the units waiting for delivery.
    /// @param requestId The request.
    /// @param holder The holder.
    /// @param frozen The units frozen for the holder in the lot.
    /// @param balance The holder's wallet balance of the lot.
    error DeliveryUnitsFrozen(uint256 requestId, address holder, uint256 frozen, uint256 balance);

    /// @notice Sets the smallest number of units one delivery request of a lot may lock; 0 stops offering delivery
    /// (pending requests stay as they are). Only ISSUER_ROLE.
    /// @param lotId The lot (it must be registered).
    /// @param units The minimum, in base units of the lot's commodity.
    function setMinimumDelivery(uint256 lotId, uint256 units) external;

    /// @notice Confirms a pending delivery: the registry records the metal that left the warehouse (the custodian's
    /// attestation falls by as much) and the escrow burns the locked units. Only the lot's current custodian (holding
    /// CUSTODIAN_ROLE), only while the lot is in its warehouse (not in transit, not sold), and not while a freeze binds
    /// the holder or the request's units.
    /// @param requestId The request.
    /// @param deliveryRef The custodian's reference of the delivery (release note, bill of lading).
    function confirmDelivery(uint256 requestId, bytes32 deliveryRef) external;

    /// @notice Rejects a pending delivery and gives its units back to the holder (`LotToken.returnUnits`): a holder
    /// whose KYC lapsed or whose account was frozen since still gets them back, where a freeze binds them; only a pause
    /// or a hold of the lot delays it. Only the lot's current custodian (holding CUSTODIAN_ROLE), in any lot state.
    /// @param requestId The request.
    /// @param reason The custodian's reason.
    function rejectDelivery(uint256 requestId, bytes32 reason) external;

    /// @notice Settles a pending request by sending its units to `to` through the token's ordinary transfer, so the
    /// receiver's rules apply (a refused receiver reverts with the token's compliance reason and the request stays
    /// pending): the remedy when the holder was frozen or lost its wallet and so can neither receive the units back
    /// nor cancel. Only COMPLIANCE_ROLE.
    /// @param requestId The request.
    /// @param to The wallet to receive the units (for example the holder's recovery wallet); not zero, not the escrow.
    /// @param reason The compliance officer's reason (a non-zero reference, no personal data).
    function releaseDelivery(uint256 requestId, address to, bytes32 reason) external;

    /// @notice Cancels the caller's pending request and gives its units back (`LotToken.returnUnits`), in any lot
    /// state.
    /// @param requestId The request.
    function cancelDelivery(uint256 requestId) external;

    /// @notice A request.
    /// @param requestId The request.
    function getRequest(uint256 requestId) external view returns (DeliveryRequest memory);

    /// @notice The number of requests made; ids run from 1.
    function requestCount() external view returns (uint256);

    /// @notice A lot's minimum delivery quantity (0 = delivery not offered).
    /// @param lotId The lot.
    function minimumDelivery(uint256 lotId) external view returns (uint256);

    /// @notice The units of a lot locked in pending requests.
    /// @param lotId The lot.
    function pendingUnits(uint256 lotId) external view returns (uint256);
}
