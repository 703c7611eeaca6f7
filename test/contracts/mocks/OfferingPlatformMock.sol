// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IOfferingRegistry} from "../../../contracts/interfaces/IOfferingRegistry.sol";
import {IOfferingToken} from "../../../contracts/interfaces/IOfferingToken.sol";
import {Roles} from "../../../contracts/access/Roles.sol";
import {InvestorRecord, LotRules, InvestorClass} from "../../../contracts/compliance/ComplianceTypes.sol";

/// @title OfferingRegistryMock
/// @notice Test-only: roles and mint capacity, set freely, as `LotOfferings` sees the lot registry; reservations are
/// taken out of the capacity and given back, as the real registry does.
contract OfferingRegistryMock is IOfferingRegistry {
    /// @notice Thrown when a reservation exceeds the capacity or a release exceeds what is reserved.
    error MockReservation(uint256 lotId, uint256 amount, uint256 available);

    mapping(bytes32 role => mapping(address account => bool)) public roles;
    mapping(uint256 lotId => uint256) public capacity;
    mapping(uint256 lotId => uint256) public reserved;

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

    function reserveMint(uint256 lotId, uint256 amount) external {
        if (amount > capacity[lotId]) revert MockReservation(lotId, amount, capacity[lotId]);
        capacity[lotId] -= amount;
        reserved[lotId] += amount;
    }

    function releaseMint(uint256 lotId, uint256 amount) external {
        if (amount > reserved[lotId]) revert MockReservation(lotId, amount, reserved[lotId]);
        reserved[lotId] -= amount;
        capacity[lotId] += amount;
    }
}

/// @title OfferingTokenMock
/// @notice Test-only: an ERC-1155 that mints within the registry mock's capacity to ISSUER_ROLE holders (calling
/// `onERC1155Received` like the real token), whose `platformTransferStatus` answers a reason set per account, with a
/// minimum holding per lot, an investor id per wallet (its address unless linked) and holder slots counted as the real
/// token counts them (a holder limit of `maxSlots`, zero for none).
contract OfferingTokenMock is ERC1155, IOfferingToken {
    /// @notice Thrown when a mint exceeds the capacity or the caller is not an issuer, or a receiver is refused.
    error MockRefused(address account, uint256 lotId, uint256 amount, uint8 reason);

    OfferingRegistryMock public immutable registry;
    mapping(address account => uint8) public reasonOf;
    mapping(uint256 lotId => uint96) public minHoldingOf;
    mapping(address wallet => uint64) public linkedTo;
    mapping(uint256 lotId => uint32) public reservedSlots;
    mapping(uint256 lotId => uint32) public maxSlots;
    mapping(address wallet => bool) public frozenOf;
    /// @notice How many reserved transfers were made (consuming a slot).
    uint256 public reservedTransfers;
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

    function setMinHolding(uint256 lotId, uint96 units) external {
        minHoldingOf[lotId] = units;
    }

    function setFrozen(address wallet, bool frozen) external {
        frozenOf[wallet] = frozen;
    }

    function setMaxSlots(uint256 lotId, uint32 slots) external {
        maxSlots[lotId] = slots;
    }

    /// @notice Makes `wallet` a linked wallet of the investor `investorId`.
    function link(address wallet, uint64 investorId) external {
        linkedTo[wallet] = investorId;
    }

    function getLotRules(uint256 lotId) external view returns (LotRules memory rules) {
        rules.minHolding = minHoldingOf[lotId];
        rules.maxHolders = maxSlots[lotId];
        rules.reservedHolders = reservedSlots[lotId];
    }

    function getInvestor(address wallet) external view returns (InvestorRecord memory record) {
        uint64 linked = linkedTo[wallet];
        record.investorId = linked != 0 ? linked : uint64(uint160(wallet));
        record.investorClass = InvestorClass.Institutional;
        record.kycExpiry = type(uint40).max;
        record.frozen = frozenOf[wallet];
    }

    function canReceive(address account) external view returns (bool) {
        return reasonOf[account] == 0;
    }

    function reserveHolderSlot(uint256 lotId, address wallet) external {
        uint32 max = maxSlots[lotId];
        if (max != 0 && reservedSlots[lotId] + 1 > max) revert MockRefused(wallet, lotId, 0, 11);
        ++reservedSlots[lotId];
    }

    function releaseHolderSlots(uint256 lotId, uint256 count) external {
        reservedSlots[lotId] -= uint32(count);
    }

    function transferReserved(address to, uint256 lotId, uint256 amount) external {
        --reservedSlots[lotId];
        ++reservedTransfers;
        _safeTransferFrom(msg.sender, to, lotId, amount, "");
    }

    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (paused) revert MockRefused(from, ids[0], values[0], 2);
        if (to != address(0) && reasonOf[to] != 0) revert MockRefused(to, ids[0], values[0], reasonOf[to]);
        super._update(from, to, ids, values);
    }
}
