// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {LotRules} from "../compliance/ComplianceTypes.sol";

/// @title IDeliveryToken
/// @notice What the delivery escrow needs from the units token: moving units (ERC-1155), burning its own units when a
/// delivery is confirmed, and whether a lot still trades.
interface IDeliveryToken is IERC1155 {
    /// @notice Burns `amount` units of lot `lotId` held by `from`; the escrow burns only its own units.
    /// @param from The holder of the units (the escrow itself).
    /// @param lotId The lot.
    /// @param amount The number of units.
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice The rules of a lot, its holder count and whether its trading stopped (SETTLING or RETIRED).
    /// @param lotId The lot.
    function getLotRules(uint256 lotId) external view returns (LotRules memory);
}
