// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IDeliveryEscrow} from "../../../contracts/interfaces/IDeliveryEscrow.sol";

/// @title DeliveryHolder
/// @notice Test-only: a hostile holder contract. It requests delivery of its units, and when units come back to it
/// it either tries to cancel its request again (recording whether that went through) or refuses them outright.
contract DeliveryHolder is ERC1155Holder {
    /// @notice What the hook does when units arrive.
    enum Mode {
        Accept,
        Reenter,
        Refuse
    }

    /// @notice Thrown by the hook in `Refuse` mode.
    error UnitsRefused();

    IERC1155 public immutable token;
    IDeliveryEscrow public immutable escrow;

    Mode public mode;
    uint256 public target;
    /// @notice How many reentrant calls went through.
    uint256 public reentered;
    /// @notice The revert data of the last reentrant call that failed.
    bytes public reentryError;

    /// @param token_ The units token.
    /// @param escrow_ The delivery escrow.
    constructor(IERC1155 token_, IDeliveryEscrow escrow_) {
        token = token_;
        escrow = escrow_;
    }

    /// @notice Sets what the hook does and which request it tries to cancel again.
    /// @param mode_ The mode.
    /// @param target_ The request.
    function setMode(Mode mode_, uint256 target_) external {
        (mode, target) = (mode_, target_);
    }

    /// @notice Sends units to the escrow as a delivery request.
    /// @param lotId The lot.
    /// @param amount The units.
    /// @param instructionsRef The instructions reference.
    function request(uint256 lotId, uint256 amount, bytes32 instructionsRef) external {
        token.safeTransferFrom(address(this), address(escrow), lotId, amount, abi.encode(instructionsRef));
    }

    /// @notice Cancels a request of this contract.
    /// @param requestId The request.
    function cancel(uint256 requestId) external {
        escrow.cancelDelivery(requestId);
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(address, address from, uint256, uint256, bytes memory)
        public
        override
        returns (bytes4)
    {
        if (from == address(escrow)) {
            if (mode == Mode.Refuse) revert UnitsRefused();
            if (mode == Mode.Reenter) {
                try escrow.cancelDelivery(target) {
                    ++reentered;
                } catch (bytes memory err) {
                    reentryError = err;
                }
            }
        }
        return this.onERC1155Received.selector;
    }
}
