// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    InvestorClass,
    InvestorRecord,
    LotRulesSlot,
    PackedInvestorRecord,
    PackedLotRules
} from "../../contracts/compliance/ComplianceTypes.sol";

/// @title PackedSlotsFuzzTest
/// @notice The token's rules read an investor record and a lot's rules as one word each (`PackedInvestorRecord`,
/// `PackedLotRules`) with hard-coded offsets. Whatever the struct holds, every field decoded from the stored word
/// equals the field Solidity stored, so a change of either struct's layout fails here.
contract PackedSlotsFuzzTest {
    /// @notice Thrown when a decoded field differs from the stored one; `field` names it.
    error FieldMismatch(string field, uint256 decoded, uint256 stored);

    mapping(uint256 => InvestorRecord) internal _records;
    mapping(uint256 => LotRulesSlot) internal _rules;

    function testFuzz_packedInvestorRecord_decodesEveryField(
        uint64 investorId,
        uint16 country,
        uint8 classSeed,
        uint40 kycExpiry,
        bool frozen,
        uint8 walletCount,
        uint16 frozenLots,
        uint32 lotsHeld,
        uint40 decidedAt,
        bool platform
    ) public {
        InvestorRecord storage stored = _records[1];
        stored.investorId = investorId;
        stored.country = country;
        stored.investorClass = InvestorClass(classSeed % 4);
        stored.kycExpiry = kycExpiry;
        stored.frozen = frozen;
        stored.walletCount = walletCount;
        stored.frozenLots = frozenLots;
        stored.lotsHeld = lotsHeld;
        stored.decidedAt = decidedAt;
        stored.platform = platform;
        PackedInvestorRecord r;
        // The struct's one slot read whole: Solidity has no other way to load a packed slot as a word.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            r := sload(stored.slot)
        }
        _equal("investorId", r.investorId(), investorId);
        _equal("country", r.country(), country);
        _equal("investorClass", r.investorClass(), uint8(stored.investorClass));
        _equal("kycExpiry", r.kycExpiry(), kycExpiry);
        _equal("frozen", r.frozen() ? 1 : 0, frozen ? 1 : 0);
        _equal("walletCount", r.walletCount(), walletCount);
        _equal("frozenLots", r.frozenLots(), frozenLots);
        _equal("platform", r.platform() ? 1 : 0, platform ? 1 : 0);
    }

    function testFuzz_packedLotRules_decodesEveryField(
        uint8 classSeed,
        uint8 flags,
        uint32 maxHolders,
        uint32 holders,
        uint32 reservedHolders,
        uint40 lockupEnd,
        uint96 minHolding
    ) public {
        LotRulesSlot storage stored = _rules[1];
        stored.minClass = InvestorClass(classSeed % 4);
        stored.flags = flags;
        stored.maxHolders = maxHolders;
        stored.holders = holders;
        stored.reservedHolders = reservedHolders;
        stored.lockupEnd = lockupEnd;
        stored.minHolding = minHolding;
        PackedLotRules r;
        // The struct's one slot read whole: Solidity has no other way to load a packed slot as a word.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            r := sload(stored.slot)
        }
        _equal("minClass", r.minClass(), uint8(stored.minClass));
        _equal("flags", r.flags(), flags);
        _equal("maxHolders", r.maxHolders(), maxHolders);
        _equal("holders", r.holders(), holders);
        _equal("reservedHolders", r.reservedHolders(), reservedHolders);
        _equal("lockupEnd", r.lockupEnd(), lockupEnd);
        _equal("minHolding", r.minHolding(), minHolding);
    }

    function _equal(string memory field, uint256 decoded, uint256 stored) internal pure {
        if (decoded != stored) revert FieldMismatch(field, decoded, stored);
    }
}
