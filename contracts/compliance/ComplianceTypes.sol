// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Why a movement of units would be refused. `Ok` means it would not. The order is part of the ABI.
enum Reason {
    Ok,
    Paused, // all transfers are paused
    LotOnHold, // a legal or due-diligence hold suspends the lot
    SenderNotVerified, // the sender is not in the investor registry (or was removed)
    SenderKycExpired,
    SenderFrozen, // the sender's account is frozen
    ReceiverNotVerified,
    ReceiverKycExpired,
    ReceiverFrozen,
    CountryNotAllowed, // the receiver's country is not in the lot's allowed list
    ClassTooLow, // the receiver's investor class is below the lot's minimum
    HolderLimit, // the receiver would be a new holder beyond the lot's maximum
    BelowMinimumHolding, // the receiver's resulting position would be below the lot's minimum
    SenderBelowMinimumHolding, // the sender would keep a position below the lot's minimum (other than zero)
    LockedUp, // the lot's lock-up has not ended
    InsufficientUnfrozenBalance, // the amount exceeds the sender's balance minus its frozen units
    LotSettling // the lot is settling or retired: units may only be handed to a platform account (redeemed, delivered)
}

/// @notice Investor classes, lowest to highest. `None` marks a wallet that is not verified.
enum InvestorClass {
    None,
    Retail,
    Accredited,
    Institutional
}

/// @notice What the registry knows of a wallet; one storage slot, read once per party per transfer.
/// No personal data: a country code, a class and an expiry.
/// @param investorId The investor the wallet belongs to; linked wallets share it. Zero for a never-registered wallet.
/// @param country ISO 3166-1 numeric country of the investor.
/// @param investorClass The investor's class; `None` when removed.
/// @param kycExpiry The first second at which the investor's KYC is no longer valid.
/// @param frozen Whether the wallet is frozen (can neither send nor receive).
/// @param walletCount How many wallets the investor has linked (1 for most), so holder counting only looks at the
/// investor's other wallets when there are any.
/// @param frozenLots In how many lots this wallet has frozen units, so a transfer reads the frozen amount only
/// when there is one.
/// @param lotsHeld In how many lots this wallet holds units, kept where holder counting sees balances cross zero, so
/// unlinking can tell cheaply that the wallet holds nothing.
/// @param decidedAt The issue time of the registry's last decision about this wallet (a direct decision is issued at
/// its block's timestamp, a statement at its `issuedAt`); statements issued at or before it are refused.
/// @param platform Whether the account is a platform account (an offering escrow, a proceeds vault, a delivery or
/// trade escrow), marked by the registry's default admin: it holds units without being an investor (see
/// `LotCompliance`). Never an investor at the same time.
struct InvestorRecord {
    uint64 investorId;
    uint16 country;
    InvestorClass investorClass;
    uint40 kycExpiry;
    bool frozen;
    uint8 walletCount;
    uint16 frozenLots;
    uint32 lotsHeld;
    uint40 decidedAt;
    bool platform;
}

/// @notice The rules of one lot, its holder count and whether it still trades, as `getLotRules` reports them (stored
/// packed as `LotRulesSlot`).
/// @param minClass The lowest investor class that may receive units (`None` = any verified investor).
/// @param restrictCountries Whether only the lot's allowed countries may receive units.
/// @param onHold Whether a legal or due-diligence hold suspends all movements of the lot.
/// @param maxHolders The most investors that may hold units at once (0 = no limit); linked wallets count once.
/// @param holders The number of investors holding units now.
/// @param lockupEnd Transfers and burns are refused before this second (0 = no lock-up).
/// @param minHolding The smallest non-zero position a wallet may hold (0 = no minimum).
/// @param tradingStopped Whether the lot is settling or retired, so units move only to be burned or to a platform
/// account (or by forced transfer).
/// @param reservedHolders Holder slots that offering subscribers hold until they claim: a new holder joins only while
/// `holders + reservedHolders` stays within `maxHolders`.
struct LotRules {
    InvestorClass minClass;
    bool restrictCountries;
    bool onHold;
    uint32 maxHolders;
    uint32 holders;
    uint40 lockupEnd;
    uint128 minHolding;
    bool tradingStopped;
    uint32 reservedHolders;
}

/// @dev An `InvestorRecord`'s storage slot read as one word, so a movement reads each party's record once and decodes
/// only the fields its rules ask for (in the manner of Uniswap v4's `Slot0`). The offsets are Solidity's packing of
/// `InvestorRecord` (first member in the lowest bits); `test/invariants/PackedSlots.t.sol` checks every field against the
/// struct.
type PackedInvestorRecord is uint256;

using PackedInvestorRecordLib for PackedInvestorRecord global;

/// @title PackedInvestorRecordLib
/// @notice The fields of a `PackedInvestorRecord`.
library PackedInvestorRecordLib {
    /// @notice The investor the wallet belongs to.
    function investorId(PackedInvestorRecord r) internal pure returns (uint64) {
        return uint64(PackedInvestorRecord.unwrap(r));
    }

    /// @notice The investor's ISO 3166-1 numeric country.
    function country(PackedInvestorRecord r) internal pure returns (uint16) {
        return uint16(PackedInvestorRecord.unwrap(r) >> 64);
    }

    /// @notice The investor's class, as its enum index (`InvestorClass`).
    function investorClass(PackedInvestorRecord r) internal pure returns (uint8) {
        return uint8(PackedInvestorRecord.unwrap(r) >> 80);
    }

    /// @notice The first second at which the investor's KYC is no longer valid.
    function kycExpiry(PackedInvestorRecord r) internal pure returns (uint40) {
        return uint40(PackedInvestorRecord.unwrap(r) >> 88);
    }

    /// @notice Whether the wallet is frozen.
    function frozen(PackedInvestorRecord r) internal pure returns (bool) {
        return uint8(PackedInvestorRecord.unwrap(r) >> 128) != 0;
    }

    /// @notice How many wallets the investor has linked.
    function walletCount(PackedInvestorRecord r) internal pure returns (uint8) {
        return uint8(PackedInvestorRecord.unwrap(r) >> 136);
    }

    /// @notice In how many lots the wallet has frozen units.
    function frozenLots(PackedInvestorRecord r) internal pure returns (uint16) {
        return uint16(PackedInvestorRecord.unwrap(r) >> 144);
    }

    /// @notice Whether the account is a platform account.
    function platform(PackedInvestorRecord r) internal pure returns (bool) {
        return uint8(PackedInvestorRecord.unwrap(r) >> 232) != 0;
    }
}

/// @dev A `LotRulesSlot` read as one word (see `PackedInvestorRecord`); the offsets are Solidity's packing of
/// `LotRulesSlot`, checked by the same test.
type PackedLotRules is uint256;

using PackedLotRulesLib for PackedLotRules global;

/// @title PackedLotRulesLib
/// @notice The fields of a `PackedLotRules`.
library PackedLotRulesLib {
    /// @notice The lowest investor class that may receive units, as its enum index (`InvestorClass`).
    function minClass(PackedLotRules r) internal pure returns (uint8) {
        return uint8(PackedLotRules.unwrap(r));
    }

    /// @notice `RESTRICT_COUNTRIES`, `ON_HOLD` and `TRADING_STOPPED`.
    function flags(PackedLotRules r) internal pure returns (uint8) {
        return uint8(PackedLotRules.unwrap(r) >> 8);
    }

    /// @notice The most investors that may hold units at once (0 = no limit).
    function maxHolders(PackedLotRules r) internal pure returns (uint32) {
        return uint32(PackedLotRules.unwrap(r) >> 16);
    }

    /// @notice The number of investors holding units now.
    function holders(PackedLotRules r) internal pure returns (uint32) {
        return uint32(PackedLotRules.unwrap(r) >> 48);
    }

    /// @notice Holder slots offering subscribers hold until they claim.
    function reservedHolders(PackedLotRules r) internal pure returns (uint32) {
        return uint32(PackedLotRules.unwrap(r) >> 80);
    }

    /// @notice Transfers and burns are refused before this second (0 = no lock-up).
    function lockupEnd(PackedLotRules r) internal pure returns (uint40) {
        return uint40(PackedLotRules.unwrap(r) >> 112);
    }

    /// @notice The smallest non-zero position a wallet may hold (0 = no minimum).
    function minHolding(PackedLotRules r) internal pure returns (uint96) {
        return uint96(PackedLotRules.unwrap(r) >> 152);
    }
}

/// @dev `LotRulesSlot.flags`: only the lot's allowed countries may receive units.
uint8 constant RESTRICT_COUNTRIES = 1;
/// @dev `LotRulesSlot.flags`: a legal or due-diligence hold suspends all movements of the lot.
uint8 constant ON_HOLD = 2;
/// @dev `LotRulesSlot.flags`: the registry moved the lot to SETTLING (or RETIRED); ordinary transfers stop.
uint8 constant TRADING_STOPPED = 4;

/// @notice The rules of one lot, its holder count and its reserved holder slots, as stored: one slot
/// (8 + 8 + 32 + 32 + 32 + 40 + 96 = 248 bits).
/// @param minClass The lowest investor class that may receive units (`None` = any verified investor).
/// @param flags `RESTRICT_COUNTRIES`, `ON_HOLD` and `TRADING_STOPPED`.
/// @param maxHolders The most investors that may hold units at once (0 = no limit); linked wallets count once.
/// @param holders The number of investors holding units now.
/// @param reservedHolders Holder slots offering subscribers hold until they claim.
/// @param lockupEnd Transfers and burns are refused before this second (0 = no lock-up).
/// @param minHolding The smallest non-zero position a wallet may hold (0 = no minimum); at most 2^96 - 1.
struct LotRulesSlot {
    InvestorClass minClass;
    uint8 flags;
    uint32 maxHolders;
    uint32 holders;
    uint32 reservedHolders;
    uint40 lockupEnd;
    uint96 minHolding;
}

/// @dev How a movement came about, which decides the rules that apply to it (set by the token for one movement of its
/// own and cleared by that movement's evaluation, before any receiver hook runs).
/// Ordinary: every rule. Forced: a forced transfer skips the sender's side, pause and holds. Return: a platform
/// account gives a holder back its own units (a rejected or cancelled delivery), skipping the receiver's eligibility
/// and the lot's receiver rules. Reserved: an offering delivers an allocation whose holder slot was reserved at
/// subscription, skipping the holder limit only.
uint8 constant CONTEXT_ORDINARY = 0;
/// @dev See `CONTEXT_ORDINARY`.
uint8 constant CONTEXT_FORCED = 1;
/// @dev See `CONTEXT_ORDINARY`.
uint8 constant CONTEXT_RETURN = 2;
/// @dev See `CONTEXT_ORDINARY`.
uint8 constant CONTEXT_RESERVED = 3;
