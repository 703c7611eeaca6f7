// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title ITradeToken
/// @notice What the trades contract needs from the units token: ordinary ERC-1155 transfers (every compliance rule
/// applies to them) and the reason a transfer would be refused now.
interface ITradeToken is IERC1155 {
    /// @notice Why moving `amount` units of lot `lotId` from `from` to `to` would be refused now; never reverts.
    /// @param from The sender.
    /// @param to The receiver.
    /// @param lotId The lot.
    /// @param amount The number of units.
    /// @return reason 0 when the transfer would go through, otherwise the token's refusal reason code.
    function transferStatus(address from, address to, uint256 lotId, uint256 amount) external view returns (uint8 reason);
}
