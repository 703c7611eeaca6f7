// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title IProceedsToken
/// @notice What the proceeds vault needs from the units token: balances (ERC-1155), a lot's outstanding supply and
/// burning the units it redeemed.
interface IProceedsToken is IERC1155 {
    /// @notice Burns `amount` units of lot `lotId` held by `from`. Only `from` or an operator it approved.
    /// @param from The holder (the vault itself).
    /// @param lotId The lot.
    /// @param amount The number of units.
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice The units of a lot in existence (minted minus burned).
    /// @param lotId The lot.
    function totalSupply(uint256 lotId) external view returns (uint256);
}
