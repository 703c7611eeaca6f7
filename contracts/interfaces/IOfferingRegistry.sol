// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IOfferingRegistry
/// @notice What the offerings contract needs from the lot registry: who holds a role, and how many more units of a
/// lot may be minted. `LotRegistry` provides both.
interface IOfferingRegistry {
    /// @notice Whether `account` holds `role` (OpenZeppelin AccessControl).
    /// @param role The role hash, from `Roles`.
    /// @param account The account asked about.
    function hasRole(bytes32 role, address account) external view returns (bool);

    /// @notice How many more units of lot `lotId` may be minted now (zero when the lot may not be minted).
    /// @param lotId The lot.
    function mintableQuantity(uint256 lotId) external view returns (uint256);
}
