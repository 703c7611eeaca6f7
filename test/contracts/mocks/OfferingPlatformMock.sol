// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IOfferingRegistry} from "../../../contracts/interfaces/IOfferingRegistry.sol";
import {IOfferingToken} from "../../../contracts/interfaces/IOfferingToken.sol";
import {Roles} from "../../../contracts/access/Roles.sol";

/// @title OfferingRegistryMock
/// @notice Test-only: roles and mint capacity, set freely, as `LotOfferings` sees the lot registry.
contract OfferingRegistryMock is IOfferingRegistry {
    mapping(bytes32 role => mapping(address account => bool)) public roles;
    mapping(uint256 lotId => uint256) public capacity;

    function setRole(bytes32 role, address account, bool granted) external {
        roles[role][account] = granted;
    }

    function setCapacity(uint256 lotId, uint256 units) external {
        capacity[lotId] = units;
    }

    /// @notice Called by the token mock when it mints.
    function consume(uint256 lotId, uint256 units) external {
        capacity[lotId] -= units;
    }

    function hasRole(bytes32 role, address account) external view returns (bool) {
        return roles[role][account];
    }

    function mintableQuantity(uint256 lotId) external view returns (uint256) {
        return capacity[lotId];
    }
}

/// @title OfferingTokenMock
/// @notice Test-only: an ERC-1155 that mints within the registry mock's capacity to ISSUER_ROLE holders (calling
/// `onERC1155Received` like the real token), and whose `platformTransferStatus` answers a reason set per account.
contract OfferingTokenMock is ERC1155, IOfferingToken {
    /// @notice Thrown when a mint exceeds the capacity or the caller is not an issuer, or a receiver is refused.
    error MockRefused(address account, uint256 lotId, uint256 amount, uint8 reason);

    OfferingRegistryMock public immutable registry;
    mapping(address account => uint8) public reasonOf;
    bool public paused;

    constructor(OfferingRegistryMock registry_) ERC1155("") {
        registry = registry_;
    }

    function setReason(address account, uint8 reason) external {
        reasonOf[account] = reason;
    }

    function setPaused(bool paused_) external {
        paused = paused_;
    }

    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data) external {
        if (!registry.hasRole(Roles.ISSUER, msg.sender) || amount > registry.mintableQuantity(lotId) || paused) {
            revert MockRefused(msg.sender, lotId, amount, 1);
        }
        registry.consume(lotId, amount);
        _mint(to, lotId, amount, data);
    }

    function platformTransferStatus(address to, uint256, uint256) external view returns (uint8) {
        return reasonOf[to];
    }

    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (paused) revert MockRefused(from, ids[0], values[0], 2);
        if (to != address(0) && reasonOf[to] != 0) revert MockRefused(to, ids[0], values[0], reasonOf[to]);
        super._update(from, to, ids, values);
    }
}
