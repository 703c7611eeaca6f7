// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Roles
/// @notice Every platform role, declared once. Roles are granted in the lot registry (AccessControl with the default
/// admin behind a transfer delay); every other platform contract asks the registry with these same hashes.
library Roles {
    /// @notice The registry's default admin (OpenZeppelin's DEFAULT_ADMIN_ROLE): grants roles, binds contracts and
    /// marks platform accounts.
    bytes32 internal constant DEFAULT_ADMIN = 0x00;
    /// @notice Registers lots, mints units, opens settlement and retires lots.
    bytes32 internal constant ISSUER = keccak256("ISSUER_ROLE");
    /// @notice Records assays.
    bytes32 internal constant ASSAYER = keccak256("ASSAYER_ROLE");
    /// @notice Attests custody, dispatches lots and confirms their arrival (only the lot's own custodian).
    bytes32 internal constant CUSTODIAN = keccak256("CUSTODIAN_ROLE");
    /// @notice Keeps the investor registry and the lots' rules; freezes and forced transfers.
    bytes32 internal constant COMPLIANCE = keccak256("COMPLIANCE_ROLE");
    /// @notice Deposits sale proceeds.
    bytes32 internal constant TREASURY = keccak256("TREASURY_ROLE");
    /// @notice Pauses and unpauses every movement of units.
    bytes32 internal constant PAUSER = keccak256("PAUSER_ROLE");
    /// @notice Refines lots into products at a recovery it attests (the refinery).
    bytes32 internal constant REFINER = keccak256("REFINER_ROLE");
}
