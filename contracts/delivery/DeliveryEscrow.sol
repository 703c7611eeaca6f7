// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Roles} from "../access/Roles.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {IDeliveryToken} from "../interfaces/IDeliveryToken.sol";
import {IDeliveryEscrow, DeliveryRequest, DeliveryStatus} from "../interfaces/IDeliveryEscrow.sol";
import {Lot, LotState} from "../lots/LotTypes.sol";

/// @title DeliveryEscrow
/// @notice Physical delivery of lot units. A holder requests delivery by sending units here in one transaction,
/// `token.safeTransferFrom(holder, escrow, lotId, amount, abi.encode(instructionsRef))`, with no approval; the units
/// are locked until the lot's current custodian confirms the delivery (the registry records the metal that left, the
/// escrow burns the units) or rejects it with a reason (they go back to the holder), or until the holder cancels. A
/// delivery is confirmed only while the lot sits in its warehouse and no freeze binds the holder or the request's
/// units; units go back to their holder whatever its eligibility now (a lapsed KYC, a freeze), so the exit always
/// works. If the holder lost its wallet, the compliance officer releases the request's units to a wallet it names.
/// @dev A platform account (`InvestorRegistrar.setPlatformAccount`): the escrow holds units without being an investor
/// and never counts as a holder. Sending units here is judged by the token as an exit: a holder whose KYC lapsed may
/// still request delivery, a frozen one may not, and the lot's lock-up, holds and frozen units still bind. Units going
/// back are judged by the holder's receiver rules. It burns through the token's ordinary `burn` of its own balance,
/// so it needs no role. Every function that moves units out is `nonReentrant` and settles the request first.
contract DeliveryEscrow is IDeliveryEscrow, ERC1155Holder, PlatformAccess, ReentrancyGuardTransient {
    /// @notice The units token.
    IDeliveryToken public immutable token;

    /// @inheritdoc IDeliveryEscrow
    uint256 public requestCount;

    /// @inheritdoc IDeliveryEscrow
    mapping(uint256 lotId => uint256) public minimumDelivery;

    /// @inheritdoc IDeliveryEscrow
    mapping(uint256 lotId => uint256) public pendingUnits;

    mapping(uint256 requestId => DeliveryRequest) private _requests;

    /// @param registry_ The lot registry: roles, lot states and custodians.
    /// @param token_ The units token.
    constructor(ILotRegistry registry_, IDeliveryToken token_) PlatformAccess(registry_) {
        token = token_;
    }

    // ------------------------------------------------------------------ issuer

    /// @inheritdoc IDeliveryEscrow
    function setMinimumDelivery(uint256 lotId, uint256 units) external onlyRole(Roles.ISSUER) {
        registry.getLot(lotId); // reverts with UnknownLot
        minimumDelivery[lotId] = units;
        emit MinimumDeliverySet(lotId, units, msg.sender);
    }

    // ------------------------------------------------------------------ holders

    /// @notice Records a delivery request for units sent here by their holder; any other receipt is refused.
    /// @param from The holder who sent the units.
    /// @param lotId The lot.
    /// @param amount The units sent.
    /// @param data `abi.encode(bytes32 instructionsRef)`, a non-zero reference of the off-chain delivery instructions.
    /// @return The ERC-1155 acceptance value.
    function onERC1155Received(address, address from, uint256 lotId, uint256 amount, bytes memory data)
        public
        override
        returns (bytes4)
    {
        if (msg.sender != address(token)) revert CallerNotToken(msg.sender);
        if (from == address(0)) revert MintRefused(lotId, amount);
        bytes32 instructionsRef = data.length == 32 ? abi.decode(data, (bytes32)) : bytes32(0);
        if (instructionsRef == bytes32(0)) revert InstructionsRefRequired(lotId, data.length);
        uint256 minimum = minimumDelivery[lotId];
        if (minimum == 0) revert DeliveryNotOffered(lotId);
        if (amount < minimum) revert BelowMinimumDelivery(lotId, amount, minimum);
        if (token.getLotRules(lotId).tradingStopped) revert LotTradingStopped(lotId);
        LotState state = registry.getLot(lotId).state;
        if (state != LotState.Warehoused) revert LotNotWarehoused(lotId, state);

        uint256 requestId = ++requestCount;
        _requests[requestId] = DeliveryRequest({
            holder: from,
            requestedAt: uint40(block.timestamp),
            decidedAt: 0,
            status: DeliveryStatus.Pending,
            lotId: lotId,
            amount: amount,
            instructionsRef: instructionsRef,
            outcomeRef: bytes32(0)
        });
        pendingUnits[lotId] += amount;
        emit DeliveryRequested(requestId, lotId, from, amount, instructionsRef);
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Refuses every batch: a request names one lot.
    /// @param ids The lots of the batch.
    /// @return Never returns.
    function onERC1155BatchReceived(address, address, uint256[] memory ids, uint256[] memory, bytes memory)
        public
        pure
        override
        returns (bytes4)
    {
        revert BatchRefused(ids.length);
    }

    /// @inheritdoc IDeliveryEscrow
    function cancelDelivery(uint256 requestId) external nonReentrant {
        DeliveryRequest storage request = _pendingRequest(requestId);
        if (request.holder != msg.sender) revert NotRequestHolder(requestId, msg.sender, request.holder);
        (uint256 lotId, uint256 amount) = _decide(request, DeliveryStatus.Cancelled, bytes32(0));
        emit DeliveryCancelled(requestId, lotId, msg.sender, amount);
        token.returnUnits(msg.sender, lotId, amount);
    }

    // ------------------------------------------------------------------ custodian

    /// @inheritdoc IDeliveryEscrow
    function confirmDelivery(uint256 requestId, bytes32 deliveryRef) external nonReentrant {
        DeliveryRequest storage request = _pendingRequest(requestId);
        LotState state = _checkCustodian(requestId, request.lotId);
        if (state != LotState.Warehoused) revert LotNotWarehoused(request.lotId, state);
        address holder = request.holder;
        if (token.getInvestor(holder).frozen) revert DeliveryHolderFrozen(requestId, holder);
        uint256 frozen = token.getFrozenTokens(holder, request.lotId);
        if (frozen != 0) {
            uint256 balance = token.balanceOf(holder, request.lotId);
            if (frozen > balance) revert DeliveryUnitsFrozen(requestId, holder, frozen, balance);
        }
        (uint256 lotId, uint256 amount) = _decide(request, DeliveryStatus.Delivered, deliveryRef);
        emit DeliveryConfirmed(requestId, lotId, msg.sender, amount, deliveryRef);
        registry.recordDelivery(lotId, amount);
        token.burn(address(this), lotId, amount);
    }

    /// @inheritdoc IDeliveryEscrow
    function rejectDelivery(uint256 requestId, bytes32 reason) external nonReentrant {
        DeliveryRequest storage request = _pendingRequest(requestId);
        _checkCustodian(requestId, request.lotId);
        address holder = request.holder;
        (uint256 lotId, uint256 amount) = _decide(request, DeliveryStatus.Rejected, reason);
        emit DeliveryRejected(requestId, lotId, msg.sender, holder, amount, reason);
        token.returnUnits(holder, lotId, amount);
    }

    // ------------------------------------------------------------------ compliance

    /// @inheritdoc IDeliveryEscrow
    function releaseDelivery(uint256 requestId, address to, bytes32 reason) external nonReentrant onlyRole(Roles.COMPLIANCE) {
        DeliveryRequest storage request = _pendingRequest(requestId);
        if (to == address(0) || to == address(this)) revert InvalidReleaseReceiver(requestId, to);
        if (reason == bytes32(0)) revert ReleaseReasonRequired(requestId);
        address holder = request.holder;
        (uint256 lotId, uint256 amount) = _decide(request, DeliveryStatus.Released, reason);
        emit DeliveryReleased(requestId, lotId, msg.sender, holder, to, amount, reason);
        token.safeTransferFrom(address(this), to, lotId, amount, "");
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IDeliveryEscrow
    function getRequest(uint256 requestId) external view returns (DeliveryRequest memory) {
        DeliveryRequest storage request = _requests[requestId];
        if (request.status == DeliveryStatus.None) revert UnknownRequest(requestId);
        return request;
    }

    // ------------------------------------------------------------------ internal

    function _pendingRequest(uint256 requestId) private view returns (DeliveryRequest storage request) {
        request = _requests[requestId];
        if (request.status == DeliveryStatus.None) revert UnknownRequest(requestId);
        if (request.status != DeliveryStatus.Pending) revert RequestNotPending(requestId, request.status);
    }

    /// @dev The caller must hold CUSTODIAN_ROLE and be the lot's current custodian; returns the lot's state.
    function _checkCustodian(uint256 requestId, uint256 lotId) private view returns (LotState) {
        _checkRole(Roles.CUSTODIAN);
        Lot memory lot = registry.getLot(lotId);
        if (lot.custodian != msg.sender) revert NotLotCustodian(requestId, lotId, msg.sender, lot.custodian);
        return lot.state;
    }

    /// @dev Settles a pending request once, before any units move.
    function _decide(DeliveryRequest storage request, DeliveryStatus status, bytes32 outcomeRef)
        private
        returns (uint256 lotId, uint256 amount)
    {
        (lotId, amount) = (request.lotId, request.amount);
        request.status = status;
        request.decidedAt = uint40(block.timestamp);
        request.outcomeRef = outcomeRef;
        // A pending request's units were added when it was made and are taken out once, here.
        unchecked {
            pendingUnits[lotId] -= amount;
        }
    }
}
