// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";

/// @title PlatformAccess
/// @notice The one way a platform contract checks roles: every platform contract except the lot registry inherits it.
/// Roles are granted in the registry (AccessControl, the default admin behind a transfer delay) and named once in
/// `Roles`; a caller without the role is refused with OpenZeppelin's
/// `IAccessControl.AccessControlUnauthorizedAccount(account, role)`, exactly as the registry itself refuses.
abstract contract PlatformAccess {
    /// @notice The lot registry, which holds the roles.
    ILotRegistry public immutable registry;

    /// @param registry_ The lot registry, which holds the roles.
    constructor(ILotRegistry registry_) {
        registry = registry_;
    }

    /// @dev Reverts unless the caller holds `role` in the registry.
    modifier onlyRole(bytes32 role) {
        _checkRole(role);
        _;
    }

    /// @dev Reverts with `AccessControlUnauthorizedAccount(msg.sender, role)` unless the caller holds `role`.
    function _checkRole(bytes32 role) internal view {
        if (!_hasRole(role, msg.sender)) revert IAccessControl.AccessControlUnauthorizedAccount(msg.sender, role);
    }

    /// @dev Whether `account` holds `role` in the registry.
    function _hasRole(bytes32 role, address account) internal view returns (bool) {
        return registry.hasRole(role, account);
    }
}
