// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

/// @title ReentrantReceiver
/// @notice Test-only: an ERC-1155 receiver that, when armed, tries one `safeTransferFrom` from inside its
/// `onERC1155Received` hook and records whether it went through, so a test can show what a receiver may do while
/// units are being delivered to it (for instance by a forced transfer).
contract ReentrantReceiver is ERC1155Holder {
    IERC1155 public immutable token;

    address public from;
    address public to;
    uint256 public lotId;
    uint256 public amount;
    bool public armed;
    /// @notice Whether the transfer tried from inside the hook succeeded.
    bool public reentered;
    /// @notice The revert data of the transfer tried from inside the hook, if it failed.
    bytes public reentryError;

    constructor(IERC1155 token_) {
        token = token_;
    }

    /// @notice Arms the hook: on the next delivery of units, try to move `amount_` of `lotId_` from `from_` to `to_`.
    function arm(address from_, address to_, uint256 lotId_, uint256 amount_) external {
        (from, to, lotId, amount, armed) = (from_, to_, lotId_, amount_, true);
    }

    /// @notice Moves this contract's own units, as any holder would.
    function send(address to_, uint256 lotId_, uint256 amount_) external {
        token.safeTransferFrom(address(this), to_, lotId_, amount_, "");
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(address, address, uint256, uint256, bytes memory)
        public
        override
        returns (bytes4)
    {
        if (armed) {
            armed = false;
            try token.safeTransferFrom(from, to, lotId, amount, "") {
                reentered = true;
            } catch (bytes memory err) {
                reentryError = err;
            }
        }
        return this.onERC1155Received.selector;
    }
}
