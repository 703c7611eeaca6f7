// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IOfferingRegistry
/// @notice What the offerings contract needs from the lot registry: who holds a role, and reserving and giving back a
/// lot's mint capacity for an offering. `LotRegistry` provides them.
interface IOfferingRegistry {
    /// @notice Whether `account` holds `role` (OpenZeppelin AccessControl).
    /// @param role The role hash, from `Roles`.
    /// @param account The account asked about.
    function hasRole(bytes32 role, address account) external view returns (bool);

    /// @notice How many more units of lot `lotId` may be minted now (zero when the lot may not be minted).
    /// @param lotId The lot.
    function mintableQuantity(uint256 lotId) external view returns (uint256);

    /// @notice Reserves `amount` of a warehoused lot's mint capacity; reverts when the lot may not mint that much.
    /// @param lotId The lot.
    /// @param amount The capacity.
    function reserveMint(uint256 lotId, uint256 amount) external;

    /// @notice Gives back capacity reserved earlier.
    /// @param lotId The lot.
    /// @param amount The capacity.
    function releaseMint(uint256 lotId, uint256 amount) external;
}
