// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Reason, InvestorClass, InvestorRecord, LotRules} from "../compliance/ComplianceTypes.sol";

/// @title ILotCompliance
/// @notice Who may hold and move units of each lot: the investor records the transfer rules read (written by the
/// bound `InvestorRegistrar`, see `IInvestorRegistrar`), per-lot rules, partial freezes, holds, pause, forced
/// transfers, and the reason a movement would be refused.
interface ILotCompliance {
    /// @notice Emitted when a lot's rules change.
    event LotRulesSet(
        uint256 indexed lotId, InvestorClass minClass, bool restrictCountries, uint32 maxHolders, uint40 lockupEnd, uint128 minHolding
    );

    /// @notice Emitted when a country is added to or removed from a lot's allowed list.
    event CountryAllowed(uint256 indexed lotId, uint16 indexed country, bool allowed);

    /// @notice Emitted when a hold is placed on or lifted from a lot.
    event LotHoldSet(uint256 indexed lotId, bool onHold, bytes32 reason);

    /// @notice Emitted once, when the investor registrar that writes the investor records is bound.
    /// @param registrar The registrar.
    event RegistrarBound(address indexed registrar);

    /// @notice Emitted when the registry tells the token that a lot stopped trading (it moved to SETTLING or RETIRED).
    /// @param lotId The lot.
    event TradingStopped(uint256 indexed lotId);

    /// @notice Emitted when a platform account (an offering) reserves holder slots of a lot or releases them.
    /// @param lotId The lot.
    /// @param by The platform account.
    /// @param reservedHolders The lot's reserved holder slots after the change.
    event HolderSlotsChanged(uint256 indexed lotId, address indexed by, uint32 reservedHolders);

    /// @notice Emitted after `ForcedTransfer`, with the legal ground (court order, lost-wallet recovery, ...).
    event ForcedTransferReason(address indexed from, address indexed to, uint256 indexed lotId, uint256 amount, string reason);

    /// @notice Thrown when a movement of units breaks a rule; `reason` says which.
    error ComplianceViolation(Reason reason, address from, address to, uint256 lotId, uint256 amount);

    /// @notice Thrown when an investor or rule field is malformed; `field` names it.
    error InvalidComplianceField(string field, uint256 value);

    /// @notice Thrown when a lot's holder limit would be set below its current number of holders plus the holder slots
    /// offering subscribers hold.
    /// @param lotId The lot.
    /// @param maxHolders The limit asked for.
    /// @param holders Its holders plus reserved holder slots.
    error MaxHoldersBelowHolders(uint256 lotId, uint32 maxHolders, uint32 holders);

    /// @notice Thrown when a function only platform accounts may call (holder slots, returns, burns) is called by
    /// another account.
    /// @param caller The caller.
    error CallerNotPlatform(address caller);

    /// @notice Thrown when an offering subscriber that does not hold the lot asks for a holder slot and none is left:
    /// the lot's holders plus the slots already reserved reach its holder limit.
    /// @param lotId The lot.
    /// @param maxHolders The lot's holder limit.
    /// @param holders The investors holding units now.
    /// @param reservedHolders The holder slots already reserved.
    error HolderSlotUnavailable(uint256 lotId, uint32 maxHolders, uint32 holders, uint32 reservedHolders);

    /// @notice Thrown when more holder slots are released than are reserved.
    /// @param lotId The lot.
    /// @param count The slots released.
    /// @param reservedHolders The slots reserved.
    error HolderSlotsUnderflow(uint256 lotId, uint256 count, uint32 reservedHolders);

    /// @notice Thrown when a burn is asked by anyone but a platform account burning its own units: investors redeem
    /// (settlement) or request delivery instead, so no investor's share of a lot is ever burned away.
    /// @param caller The caller.
    /// @param from The holder whose units would burn.
    error BurnNotPermitted(address caller, address from);

    /// @notice Thrown when the investor registrar is bound a second time, or bound to the zero address.
    /// @param registrar The registrar already bound (zero if none).
    error RegistrarAlreadyBound(address registrar);

    /// @notice Thrown when anyone but the bound investor registrar writes an investor record.
    /// @param caller The caller.
    error CallerNotRegistrar(address caller);

    /// @notice Thrown when anyone but the lot registry reports that a lot stopped trading.
    /// @param caller The caller.
    error CallerNotRegistry(address caller);

    /// @notice Thrown when a forced transfer is asked for zero units.
    /// @param from The wallet the units would be taken from.
    /// @param to The wallet that would receive them.
    /// @param lotId The lot.
    error ZeroForcedTransfer(address from, address to, uint256 lotId);

    // ------------------------------------------------------------------ investor records (written by the registrar)

    /// @notice Binds the investor registrar, the only account that may write investor records. Once; the registry's
    /// DEFAULT_ADMIN_ROLE.
    /// @param registrar The registrar (`InvestorRegistrar`), deployed with this token's address.
    function bindRegistrar(address registrar) external;

    /// @notice The investor registrar bound to this token (zero until bound).
    function registrar() external view returns (address);

    /// @notice Writes the fields of a wallet's record that the registrar owns: investor id, country, class, KYC
    /// expiry, account freeze, wallet count and decision time. The token's own counters (`frozenLots`, `lotsHeld`)
    /// are kept whatever `record` holds. Only the bound registrar.
    /// @param wallet The wallet.
    /// @param record The record to write (its `frozenLots` and `lotsHeld` are ignored).
    function writeInvestor(address wallet, InvestorRecord calldata record) external;

    /// @notice The record the transfer rules read for a wallet (the registrar's fields and the token's counters).
    /// @param wallet The wallet.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);

    // ------------------------------------------------------------------ lot phase (the registry)

    /// @notice Records that a lot stopped trading: the registry calls it when the lot moves to SETTLING and again to
    /// RETIRED. From then on ordinary transfers between investors are refused with `Reason.LotSettling`; burns,
    /// transfers to or from platform accounts (redemption, delivery) and forced transfers remain possible. Read it in
    /// `getLotRules(lotId).tradingStopped`. Only the lot registry.
    /// @param lotId The lot.
    function stopTrading(uint256 lotId) external;

    // ------------------------------------------------------------------ lot rules (COMPLIANCE_ROLE)

    /// @notice Sets a lot's rules; the holder count is kept. A holder limit is refused below the current number of
    /// holders plus the reserved holder slots; a minimum holding above 2^96 - 1 is refused.
    function setLotRules(
        uint256 lotId,
        InvestorClass minClass,
        bool restrictCountries,
        uint32 maxHolders,
        uint40 lockupEnd,
        uint128 minHolding
    ) external;

    /// @notice Adds countries to, or removes them from, a lot's allowed list.
    function setAllowedCountries(uint256 lotId, uint16[] calldata countries, bool allowed) external;

    /// @notice Places a hold on a lot, or lifts it; a hold suspends every movement except forced transfers.
    function setLotHold(uint256 lotId, bool onHold, bytes32 reason) external;

    /// @notice A lot's rules and holder count.
    function getLotRules(uint256 lotId) external view returns (LotRules memory);

    /// @notice Whether `country` is on a lot's allowed list.
    function isCountryAllowed(uint256 lotId, uint16 country) external view returns (bool);

    // ------------------------------------------------------------------ enforcement

    /// @notice A forced transfer with its legal ground, emitted as `ForcedTransferReason`. COMPLIANCE_ROLE.
    function forcedTransferWithReason(address from, address to, uint256 lotId, uint256 amount, string calldata reason)
        external
        returns (bool);

    /// @notice Pauses every movement of units except forced transfers. PAUSER_ROLE.
    function pause() external;

    /// @notice Lifts the pause. PAUSER_ROLE.
    function unpause() external;

    /// @notice Why `to` could not receive `amount` units of `lotId` from a platform account now (an offering escrow
    /// delivering, a trade escrow settling), or `Ok`: pause, the lot's hold, and every rule of the receiver (eligibility,
    /// country, class, minimum holding, holder limit). Usable before any units exist. Never reverts.
    /// @param to The final receiver.
    /// @param lotId The lot.
    /// @param amount The units it would receive.
    function platformTransferStatus(address to, uint256 lotId, uint256 amount) external view returns (Reason);

    /// @notice Why a transfer of `amount` units of `lotId` from `from` to `to` would be refused now, or `Ok`.
    /// Never reverts.
    function transferStatus(address from, address to, uint256 lotId, uint256 amount) external view returns (Reason);

    // ------------------------------------------------------------------ platform accounts

    /// @notice Reserves a holder slot of a lot for an offering subscriber until its claim, so that an allocation is
    /// never refused for the lot's holder limit. A subscriber that holds the lot now takes a slot without a check (it
    /// is counted twice until it claims); one that does not needs a free slot. Only a platform account.
    /// @param lotId The lot.
    /// @param wallet The subscriber's wallet.
    function reserveHolderSlot(uint256 lotId, address wallet) external;

    /// @notice Gives back holder slots reserved earlier (a cancelled subscription, a failed offering, a refund instead
    /// of units). Only a platform account.
    /// @param lotId The lot.
    /// @param count The slots.
    function releaseHolderSlots(uint256 lotId, uint256 count) external;

    /// @notice Moves `amount` of the caller's units of a lot to `to`, consuming one reserved holder slot: every rule
    /// applies except the holder limit, which the slot already accounted for. Only a platform account (an offering
    /// delivering an allocation).
    /// @param to The receiver.
    /// @param lotId The lot.
    /// @param amount The units.
    function transferReserved(address to, uint256 lotId, uint256 amount) external;

    /// @notice Gives a holder back its own units from a platform account (a rejected or cancelled delivery): pause and
    /// holds apply, the receiver's eligibility and the lot's receiver rules do not, so a holder whose KYC lapsed or whose
    /// account is frozen still gets its units back (where a freeze binds them). Only a platform account.
    /// @param to The holder.
    /// @param lotId The lot.
    /// @param amount The units.
    function returnUnits(address to, uint256 lotId, uint256 amount) external;
}
