// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {Roles} from "../access/Roles.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {IERC7943MultiToken} from "../interfaces/IERC7943MultiToken.sol";
import {ILotCompliance} from "../interfaces/ILotCompliance.sol";
import {IInvestorRegistrar} from "../interfaces/IInvestorRegistrar.sol";
import {
    Reason,
    InvestorClass,
    InvestorRecord,
    LotRules,
    LotRulesSlot,
    PackedInvestorRecord,
    PackedLotRules,
    RESTRICT_COUNTRIES,
    ON_HOLD,
    TRADING_STOPPED,
    CONTEXT_ORDINARY,
    CONTEXT_FORCED,
    CONTEXT_RETURN,
    CONTEXT_RESERVED
} from "./ComplianceTypes.sol";

/// @title LotCompliance
/// @notice The rules every movement of units obeys, evaluated in one place: `_evaluate` answers the
/// `transferStatus`/`canTransfer` views and `_enforce` (called from the token's single `_update` hook) applies the
/// very same function to the state after the balances moved, so a view and a transaction cannot disagree.
/// Also per-lot rules and holds, partial (per-lot) freezes, pause, and holder counting per investor.
///
/// ERC-7943: `canSend` is false only for a frozen account and `canReceive` only admits verified investors with valid
/// KYC (and platform accounts) that are not frozen; the sender-side eligibility rule (a sender whose KYC lapsed or that
/// was removed may only exit: hand its units to a platform account) is a transfer rule, reported by `canTransfer`. Every
/// public transfer obeys all three; burns are permissioned (a platform account burning its own units).
///
/// Platform accounts (an offering escrow, a proceeds vault, a delivery or trade escrow; flagged in their record by the
/// registry's default admin through the registrar) hold units without being investors. Receiving into one skips the
/// receiver's eligibility and the lot's receiver rules (country, class, minimum holding); it never counts toward a
/// lot's holder limit or holder count; when units leave it, the final receiver's rules apply in full (eligibility,
/// country, class, minimum holding, holder limit), while the sender-side investor checks (eligibility, lock-up, the
/// sender's minimum holding) do not apply to it. Pause, a lot hold, an account freeze and frozen units apply to it as to
/// anyone.
///
/// The investor records the rules read sit here, one slot per wallet; the bound `InvestorRegistrar` administers them
/// (registration, links, freezes, eligibility statements) through `writeInvestor`, and the token only keeps its own
/// counters in them. The registrar's list of an investor's wallets is read only when an investor with several wallets
/// starts or stops holding a lot.
abstract contract LotCompliance is PlatformAccess, Pausable, IERC7943MultiToken, ILotCompliance {
    using Arrays for uint256[];

    /// @dev One movement of units of one lot, with the balances on both sides before and after it, and what the rules
    /// read of its parties: the pause and both investor records, each read from storage once per movement (a batch
    /// reuses them for every lot it moves). The record of the zero address (a mint's sender, a burn's receiver) is
    /// left empty. Whether there is a sender, a receiver, and whether they are one account, is kept as flags, which
    /// the rules test many times; so is the parties' eligibility, which depends on no lot.
    struct Movement {
        address from;
        address to;
        uint256 lotId;
        uint256 fromBefore;
        uint256 fromAfter;
        uint256 toBefore;
        uint256 toAfter;
        uint8 context;
        bool paused;
        bool hasSender;
        bool hasReceiver;
        bool toSelf;
        PackedInvestorRecord sender;
        PackedInvestorRecord receiver;
        Reason partiesReason;
    }

    mapping(address wallet => InvestorRecord) internal _investors;
    mapping(uint256 lotId => LotRulesSlot) internal _rules;
    mapping(uint256 lotId => mapping(uint16 country => bool)) internal _allowedCountry;
    mapping(uint256 lotId => mapping(address account => uint256)) internal _frozenUnits;

    /// @dev Set by a forced transfer, a return or a reserved delivery for its own movement and cleared by the `_enforce`
    /// of that movement, before the receiver's ERC-1155 hook runs (transient storage: cleared at the end of the
    /// transaction in any case). One of the `CONTEXT_*` constants.
    uint8 transient internal _context;

    /// @inheritdoc ILotCompliance
    address public registrar;

    /// @dev The balance of `account` in `lotId` (the token's ERC-1155 balance).
    function _balanceOf(address account, uint256 lotId) internal view virtual returns (uint256);

    /// @dev Reverts with the registry's `UnknownLot` for a lot that is not registered.
    function _requireLot(uint256 lotId) internal view virtual;

    // ------------------------------------------------------------------ ERC-7943 views

    /// @inheritdoc IERC7943MultiToken
    /// @dev Only an account freeze stops an account sending: a wallet whose KYC lapsed or that was removed may still
    /// exit (redeem, request delivery), and `canTransfer` refuses its transfers to anyone else.
    function canSend(address account) public view returns (bool) {
        return !_investors[account].frozen;
    }

    /// @inheritdoc IERC7943MultiToken
    function canReceive(address account) public view returns (bool) {
        return _receiverReason(_packedInvestor(account)) == Reason.Ok;
    }

    /// @inheritdoc IERC7943MultiToken
    function getFrozenTokens(address account, uint256 lotId) external view returns (uint256) {
        return _frozenUnits[lotId][account];
    }

    /// @inheritdoc IERC7943MultiToken
    function canTransfer(address from, address to, uint256 lotId, uint256 amount) external view returns (bool) {
        return transferStatus(from, to, lotId, amount) == Reason.Ok;
    }

    /// @inheritdoc ILotCompliance
    /// @dev Judged as units arriving from outside the lot's holders (as a mint is): pause, hold, and the receiver's
    /// rules in full, nothing of the sender's.
    function platformTransferStatus(address to, uint256 lotId, uint256 amount) external view returns (Reason) {
        if (to == address(0)) return Reason.ReceiverNotVerified;
        Movement memory m = _movement(address(0), to, CONTEXT_ORDINARY);
        m.lotId = lotId;
        uint256 toBefore = _balanceOf(to, lotId);
        m.toBefore = toBefore;
        // Saturates instead of overflowing, so the view never reverts (no lot has 2^256 units).
        m.toAfter = amount > type(uint256).max - toBefore ? type(uint256).max : toBefore + amount;
        return _evaluate(m, _packedRules(lotId));
    }

    /// @notice Why a transfer would be refused now, or `Ok`. Never reverts, whatever it is given.
    function transferStatus(address from, address to, uint256 lotId, uint256 amount) public view returns (Reason) {
        if (from == address(0)) return Reason.SenderNotVerified;
        if (to == address(0)) return Reason.ReceiverNotVerified;
        Movement memory m = _movement(from, to, CONTEXT_ORDINARY);
        m.lotId = lotId;
        PackedLotRules rules = _packedRules(lotId);
        uint256 fromBalance = _balanceOf(from, lotId);
        uint256 frozen = _frozenUnits[lotId][from];
        if (amount > fromBalance || frozen > fromBalance || amount > fromBalance - frozen) {
            // Report the eligibility reasons first; an unfrozen-balance refusal only when nothing else applies.
            Reason early = _evaluateAccounts(m, rules);
            return early != Reason.Ok ? early : Reason.InsufficientUnfrozenBalance;
        }
        // amount <= fromBalance, and fromBalance + toBalance <= totalSupply, so neither line can overflow.
        uint256 toBefore = from == to ? fromBalance : _balanceOf(to, lotId);
        m.fromBefore = fromBalance;
        m.fromAfter = from == to ? fromBalance : fromBalance - amount;
        m.toBefore = toBefore;
        m.toAfter = from == to ? fromBalance : toBefore + amount;
        return _evaluate(m, rules);
    }

    // ------------------------------------------------------------------ ERC-7943 and enforcement actions

    /// @inheritdoc IERC7943MultiToken
    function setFrozenTokens(address account, uint256 lotId, uint256 amount) external returns (bool) {
        _checkRole(Roles.COMPLIANCE);
        if (account == address(0)) revert InvalidComplianceField("account", 0);
        _requireLot(lotId);
        uint256 previous = _frozenUnits[lotId][account];
        if (previous == 0 && amount != 0) ++_investors[account].frozenLots;
        else if (previous != 0 && amount == 0) --_investors[account].frozenLots;
        _frozenUnits[lotId][account] = amount;
        emit Frozen(account, lotId, amount);
        return true;
    }

    /// @inheritdoc IERC7943MultiToken
    function forcedTransfer(address from, address to, uint256 lotId, uint256 amount) external returns (bool) {
        _forcedTransfer(from, to, lotId, amount);
        return true;
    }

    /// @notice A forced transfer with its legal ground (court order, lost-wallet recovery). COMPLIANCE_ROLE.
    function forcedTransferWithReason(address from, address to, uint256 lotId, uint256 amount, string calldata reason)
        external
        returns (bool)
    {
        _forcedTransfer(from, to, lotId, amount);
        emit ForcedTransferReason(from, to, lotId, amount, reason);
        return true;
    }

    /// @notice Pauses every movement of units except forced transfers. PAUSER_ROLE.
    function pause() external {
        _checkRole(Roles.PAUSER);
        _pause();
    }

    /// @notice Lifts the pause. PAUSER_ROLE.
    function unpause() external {
        _checkRole(Roles.PAUSER);
        _unpause();
    }

    // ------------------------------------------------------------------ investor records

    /// @inheritdoc ILotCompliance
    function bindRegistrar(address registrar_) external {
        _checkRole(Roles.DEFAULT_ADMIN);
        if (registrar != address(0) || registrar_ == address(0)) revert RegistrarAlreadyBound(registrar);
        registrar = registrar_;
        emit RegistrarBound(registrar_);
    }

    /// @inheritdoc ILotCompliance
    function writeInvestor(address wallet, InvestorRecord calldata record) external {
        if (msg.sender != registrar) revert CallerNotRegistrar(msg.sender);
        InvestorRecord storage stored = _investors[wallet];
        stored.investorId = record.investorId;
        stored.country = record.country;
        stored.investorClass = record.investorClass;
        stored.kycExpiry = record.kycExpiry;
        stored.frozen = record.frozen;
        stored.walletCount = record.walletCount;
        stored.decidedAt = record.decidedAt;
        stored.platform = record.platform;
    }

    /// @inheritdoc ILotCompliance
    function getInvestor(address wallet) external view returns (InvestorRecord memory) {
        return _investors[wallet];
    }

    // ------------------------------------------------------------------ lot rules

    /// @notice Sets a lot's rules, keeping its holder count and reserved holder slots. COMPLIANCE_ROLE.
    function setLotRules(
        uint256 lotId,
        InvestorClass minClass,
        bool restrictCountries,
        uint32 maxHolders,
        uint40 lockupEnd,
        uint128 minHolding
    ) external {
        _checkRole(Roles.COMPLIANCE);
        _requireLot(lotId);
        if (minHolding > type(uint96).max) revert InvalidComplianceField("minHolding", minHolding);
        LotRulesSlot storage rules = _rules[lotId];
        // holders and reserved slots are each below 2^32; their sum fits a uint256 and is compared there.
        uint256 taken = uint256(rules.holders) + rules.reservedHolders;
        if (maxHolders != 0 && maxHolders < taken) {
            revert MaxHoldersBelowHolders(lotId, maxHolders, uint32(Math.min(taken, type(uint32).max)));
        }
        rules.minClass = minClass;
        rules.flags = restrictCountries ? rules.flags | RESTRICT_COUNTRIES : rules.flags & ~RESTRICT_COUNTRIES;
        rules.maxHolders = maxHolders;
        rules.lockupEnd = lockupEnd;
        rules.minHolding = uint96(minHolding);
        emit LotRulesSet(lotId, minClass, restrictCountries, maxHolders, lockupEnd, minHolding);
    }

    /// @notice Adds countries to, or removes them from, a lot's allowed list. COMPLIANCE_ROLE.
    function setAllowedCountries(uint256 lotId, uint16[] calldata countries, bool allowed) external {
        _checkRole(Roles.COMPLIANCE);
        _requireLot(lotId);
        if (countries.length == 0) revert InvalidComplianceField("countries", 0);
        for (uint256 i; i < countries.length; ++i) {
            uint16 country = countries[i];
            if (country == 0 || country > 999) revert InvalidComplianceField("country", country);
            _allowedCountry[lotId][country] = allowed;
            emit CountryAllowed(lotId, country, allowed);
        }
    }

    /// @notice Places a hold on a lot or lifts it. COMPLIANCE_ROLE.
    function setLotHold(uint256 lotId, bool onHold, bytes32 reason) external {
        _checkRole(Roles.COMPLIANCE);
        _requireLot(lotId);
        LotRulesSlot storage rules = _rules[lotId];
        rules.flags = onHold ? rules.flags | ON_HOLD : rules.flags & ~ON_HOLD;
        emit LotHoldSet(lotId, onHold, reason);
    }

    /// @notice A lot's rules and holder count.
    function getLotRules(uint256 lotId) external view returns (LotRules memory) {
        LotRulesSlot memory rules = _rules[lotId];
        return LotRules({
            minClass: rules.minClass,
            restrictCountries: rules.flags & RESTRICT_COUNTRIES != 0,
            onHold: rules.flags & ON_HOLD != 0,
            maxHolders: rules.maxHolders,
            holders: rules.holders,
            lockupEnd: rules.lockupEnd,
            minHolding: rules.minHolding,
            tradingStopped: rules.flags & TRADING_STOPPED != 0,
            reservedHolders: rules.reservedHolders
        });
    }

    /// @inheritdoc ILotCompliance
    /// @dev Settling leads only to retired, so trading never resumes; a second call changes nothing.
    function stopTrading(uint256 lotId) external {
        if (msg.sender != address(registry)) revert CallerNotRegistry(msg.sender);
        _rules[lotId].flags |= TRADING_STOPPED;
        emit TradingStopped(lotId);
    }

    /// @notice Whether `country` is on a lot's allowed list.
    function isCountryAllowed(uint256 lotId, uint16 country) external view returns (bool) {
        return _allowedCountry[lotId][country];
    }

    // ------------------------------------------------------------------ platform accounts

    /// @inheritdoc ILotCompliance
    function reserveHolderSlot(uint256 lotId, address wallet) external {
        _checkPlatform();
        LotRulesSlot storage rules = _rules[lotId];
        uint32 reserved = rules.reservedHolders;
        bool holds = _balanceOf(wallet, lotId) != 0 || _otherWalletHolds(_packedInvestor(wallet), wallet, lotId);
        uint32 maxHolders = rules.maxHolders;
        // holders and reserved are each below 2^32; the sum is compared in uint256.
        if (!holds && maxHolders != 0 && uint256(rules.holders) + reserved + 1 > maxHolders) {
            revert HolderSlotUnavailable(lotId, maxHolders, rules.holders, reserved);
        }
        // At most one slot per subscriber per offering, far below 2^32.
        unchecked {
            ++reserved;
        }
        rules.reservedHolders = reserved;
        emit HolderSlotsChanged(lotId, msg.sender, reserved);
    }

    /// @inheritdoc ILotCompliance
    function releaseHolderSlots(uint256 lotId, uint256 count) external {
        _checkPlatform();
        _releaseSlots(lotId, count);
    }

    /// @inheritdoc ILotCompliance
    function transferReserved(address to, uint256 lotId, uint256 amount) external {
        _checkPlatform();
        _releaseSlots(lotId, 1);
        _context = CONTEXT_RESERVED;
        _platformMove(msg.sender, to, lotId, amount);
        _context = CONTEXT_ORDINARY;
    }

    /// @inheritdoc ILotCompliance
    function returnUnits(address to, uint256 lotId, uint256 amount) external {
        _checkPlatform();
        _context = CONTEXT_RETURN;
        _platformMove(msg.sender, to, lotId, amount);
        _context = CONTEXT_ORDINARY;
    }

    /// @dev Reverts with `CallerNotPlatform` unless the caller is a platform account.
    function _checkPlatform() internal view {
        if (!_investors[msg.sender].platform) revert CallerNotPlatform(msg.sender);
    }

    function _releaseSlots(uint256 lotId, uint256 count) private {
        LotRulesSlot storage rules = _rules[lotId];
        uint32 reserved = rules.reservedHolders;
        if (count > reserved) revert HolderSlotsUnderflow(lotId, count, reserved);
        // count <= reserved, a uint32.
        reserved -= uint32(count);
        rules.reservedHolders = reserved;
        emit HolderSlotsChanged(lotId, msg.sender, reserved);
    }

    /// @dev Moves a platform account's units through the token's normal `_update` path, under the context set.
    function _platformMove(address from, address to, uint256 lotId, uint256 amount) internal virtual;

    // ------------------------------------------------------------------ the rules, in one place

    /// @dev Applies the rules to a movement that has just happened (balances already moved), then keeps holder
    /// counts. Called by the token's `_update` for every movement: transfer, batch, mint, burn and forced transfer.
    function _enforce(address from, address to, uint256[] memory ids, uint256[] memory values) internal {
        uint8 context = _context;
        // Consumed by the movement itself: a transfer the receiver's ERC-1155 hook makes during a forced transfer, a
        // return or a reserved delivery is an ordinary transfer and must obey every rule.
        if (context != CONTEXT_ORDINARY) _context = CONTEXT_ORDINARY;
        Movement memory m = _movement(from, to, context);
        // The token's `_update` checked that there are as many amounts as lots, so every index below is in range.
        uint256 count = ids.length;
        // A batch may name a lot twice: its movements are summed at its first entry and its later entries skipped.
        bool distinct = _strictlyIncreasing(ids);
        for (uint256 i; i < count; ++i) {
            uint256 lotId = ids.unsafeMemoryAccess(i);
            uint256 amount = values.unsafeMemoryAccess(i);
            if (!distinct) {
                bool repeated;
                (repeated, amount) = _lotTotal(ids, values, i);
                if (repeated) continue; // its movements were summed at the lot's first entry
            }
            m.lotId = lotId;
            // The balances moved by exactly `amount`, so the balances before the movement are reconstructed exactly.
            if (from != address(0)) {
                uint256 fromAfter = _balanceOf(from, lotId);
                m.fromAfter = fromAfter;
                m.fromBefore = from == to ? fromAfter : fromAfter + amount;
            }
            if (to != address(0)) {
                uint256 toAfter = _balanceOf(to, lotId);
                m.toAfter = toAfter;
                m.toBefore = from == to ? toAfter : toAfter - amount;
            }
            PackedLotRules rules = _packedRules(lotId);
            // A self-transfer leaves the balances as they were, so it is judged exactly as the view judges it.
            Reason reason =
                from == to && context == CONTEXT_ORDINARY ? transferStatus(from, to, lotId, amount) : _evaluate(m, rules);
            if (reason == Reason.InsufficientUnfrozenBalance) {
                uint256 frozen = _frozenUnits[lotId][from];
                revert ERC7943InsufficientUnfrozenBalance(from, lotId, amount, m.fromBefore > frozen ? m.fromBefore - frozen : 0);
            }
            if (reason != Reason.Ok) revert ComplianceViolation(reason, from, to, lotId, amount);
            if (from != to) _countHolders(m, rules.holders());
        }
    }

    /// @dev Whether the lots are listed in strictly increasing order, so that none is named twice (as batches usually
    /// list them): one pass, instead of a search for each lot.
    function _strictlyIncreasing(uint256[] memory ids) private pure returns (bool) {
        for (uint256 i = 1; i < ids.length; ++i) {
            if (ids.unsafeMemoryAccess(i) <= ids.unsafeMemoryAccess(i - 1)) return false;
        }
        return true;
    }

    /// @dev Whether the lot at index `i` was named at an earlier index, and otherwise the sum of its amounts over this
    /// and every later entry naming it. `values` is as long as `ids`.
    function _lotTotal(uint256[] memory ids, uint256[] memory values, uint256 i)
        private
        pure
        returns (bool repeated, uint256 amount)
    {
        uint256 lotId = ids.unsafeMemoryAccess(i);
        for (uint256 j; j < i; ++j) {
            if (ids.unsafeMemoryAccess(j) == lotId) return (true, 0);
        }
        amount = values.unsafeMemoryAccess(i);
        for (uint256 j = i + 1; j < ids.length; ++j) {
            if (ids.unsafeMemoryAccess(j) == lotId) amount += values.unsafeMemoryAccess(j);
        }
    }

    /// @dev A movement between two accounts under a context, with the pause and both parties' records read once. A
    /// forced transfer ignores the pause and the sender's side, so neither is read for it (the sender's record only if
    /// it stops holding, by `_holdersAfter`).
    function _movement(address from, address to, uint8 context) internal view returns (Movement memory m) {
        m.from = from;
        m.to = to;
        m.context = context;
        m.paused = context != CONTEXT_FORCED && paused();
        m.hasSender = from != address(0);
        m.hasReceiver = to != address(0);
        m.toSelf = from == to;
        if (from != address(0) && context != CONTEXT_FORCED) m.sender = _packedInvestor(from);
        if (to != address(0)) m.receiver = _packedInvestor(to);
        m.partiesReason = _partiesReason(m);
    }

    /// @dev A wallet's investor record as one word.
    function _packedInvestor(address wallet) internal view returns (PackedInvestorRecord r) {
        InvestorRecord storage stored = _investors[wallet];
        // The struct's one slot read whole: Solidity has no other way to load a packed slot as a word.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            r := sload(stored.slot)
        }
    }

    /// @dev A lot's rules as one word.
    function _packedRules(uint256 lotId) internal view returns (PackedLotRules r) {
        LotRulesSlot storage stored = _rules[lotId];
        // The struct's one slot read whole: Solidity has no other way to load a packed slot as a word.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            r := sload(stored.slot)
        }
    }

    /// @dev Every rule, in the order the reasons are reported. A forced transfer skips the sender's side (a regulator or
    /// recovery action), pause and holds, but never the receiver's eligibility; a return skips the receiver's
    /// eligibility and the lot's receiver rules (the units were the holder's); a reserved delivery skips the holder
    /// limit only (its slot was reserved).
    function _evaluate(Movement memory m, PackedLotRules rules) internal view returns (Reason) {
        Reason reason = _evaluateAccounts(m, rules);
        if (reason != Reason.Ok) return reason;
        bool sends = m.hasSender && m.context != CONTEXT_FORCED;
        // The sender-side investor checks (lock-up, the sender's minimum holding) do not apply to a platform account.
        bool senderIsPlatform = m.sender.platform();
        uint8 flags = rules.flags();
        // A settling or retired lot no longer trades between investors: its units may still be handed to a platform
        // account (redemption at the proceeds vault, delivery) or moved or burned by a platform account, or moved by
        // forced transfer. An investor does not burn them itself: it redeems them at the vault, which burns them and
        // keeps its share of the sale proceeds.
        if (flags & TRADING_STOPPED != 0 && sends && !senderIsPlatform) {
            if (!m.hasReceiver || !m.receiver.platform()) return Reason.LotSettling;
        }
        if (sends) {
            // Frozen units before the lock-up, as `transferStatus` reports them: right after the accounts' reasons.
            // Read only for a wallet with frozen units in some lot.
            if (m.sender.frozenLots() != 0 && m.fromAfter < _frozenUnits[m.lotId][m.from]) {
                return Reason.InsufficientUnfrozenBalance;
            }
            uint40 lockupEnd = rules.lockupEnd();
            if (lockupEnd != 0 && block.timestamp < lockupEnd && !senderIsPlatform) return Reason.LockedUp;
        }
        if (m.context == CONTEXT_RETURN) return Reason.Ok; // the holder's own units coming back
        uint96 minHolding = rules.minHolding();
        // A platform account receives without the lot's receiver rules; the final receiver meets them later.
        if (m.hasReceiver) {
            PackedInvestorRecord receiver = m.receiver;
            if (!receiver.platform()) {
                if (flags & RESTRICT_COUNTRIES != 0 && !_allowedCountry[m.lotId][receiver.country()]) return Reason.CountryNotAllowed;
                if (receiver.investorClass() < rules.minClass()) return Reason.ClassTooLow;
                if (m.toAfter != 0 && m.toAfter < minHolding) return Reason.BelowMinimumHolding;
            }
        }
        if (sends && m.fromAfter != 0 && m.fromAfter < minHolding && !senderIsPlatform) {
            return Reason.SenderBelowMinimumHolding;
        }
        // A new holder joins only while the holders plus the slots reserved for offering subscribers stay within the
        // limit; a reserved delivery consumes its own slot. Below 2^32 each, so the sum cannot overflow a uint256.
        uint32 maxHolders = rules.maxHolders();
        if (maxHolders != 0 && !m.toSelf && m.context != CONTEXT_RESERVED) {
            uint256 holders = rules.holders();
            uint256 holdersAfter = _holdersAfter(m, holders);
            if (holdersAfter > holders && holdersAfter + rules.reservedHolders() > maxHolders) return Reason.HolderLimit;
        }
        return Reason.Ok;
    }

    /// @dev Pause, hold, and the accounts' eligibility (`_partiesReason`, the same for every lot of a movement).
    function _evaluateAccounts(Movement memory m, PackedLotRules rules) internal pure returns (Reason) {
        if (m.context != CONTEXT_FORCED) {
            if (m.paused) return Reason.Paused;
            if (rules.flags() & ON_HOLD != 0) return Reason.LotOnHold;
        }
        return m.partiesReason;
    }

    /// @dev The accounts' eligibility. Exit is always possible: a sender that is no longer eligible (KYC lapsed, removed
    /// from the registry) may still hand its units to a platform account (redeem at settlement, hand to a delivery
    /// escrow), unless its account is frozen (or its units are, or the lot is on hold, or transfers are paused). A
    /// forced transfer skips the sender's side; a return skips the receiver's eligibility: the units were the holder's.
    function _partiesReason(Movement memory m) internal view returns (Reason) {
        if (m.context != CONTEXT_FORCED && m.hasSender) {
            Reason sender = _senderReason(m.sender);
            // An ineligible sender may exit (a burn, or a hand-over to a platform account); a frozen one may not.
            if (sender != Reason.Ok) {
                if (!_isExit(m)) return sender;
                if (m.sender.frozen()) return Reason.SenderFrozen;
            }
        }
        if (m.hasReceiver && m.context != CONTEXT_RETURN) {
            Reason receiver = _receiverReason(m.receiver);
            if (receiver != Reason.Ok) return receiver;
        }
        return Reason.Ok;
    }

    /// @dev Whether the movement's units leave the investors' market: a burn, or a hand-over to a platform account.
    function _isExit(Movement memory m) internal pure returns (bool) {
        return !m.hasReceiver || m.receiver.platform();
    }

    /// @dev A platform account is not an investor: only an account freeze refuses it.
    function _senderReason(PackedInvestorRecord r) internal view returns (Reason) {
        if (r.platform()) return r.frozen() ? Reason.SenderFrozen : Reason.Ok;
        if (r.investorClass() == uint8(InvestorClass.None)) return Reason.SenderNotVerified;
        if (block.timestamp >= r.kycExpiry()) return Reason.SenderKycExpired;
        if (r.frozen()) return Reason.SenderFrozen;
        return Reason.Ok;
    }

    /// @dev A platform account is not an investor: only an account freeze refuses it.
    function _receiverReason(PackedInvestorRecord r) internal view returns (Reason) {
        if (r.platform()) return r.frozen() ? Reason.ReceiverFrozen : Reason.Ok;
        if (r.investorClass() == uint8(InvestorClass.None)) return Reason.ReceiverNotVerified;
        if (block.timestamp >= r.kycExpiry()) return Reason.ReceiverKycExpired;
        if (r.frozen()) return Reason.ReceiverFrozen;
        return Reason.Ok;
    }

    /// @dev The lot's number of holding investors after a movement between two different wallets. Only a wallet
    /// whose balance goes from zero to non-zero (or back) can change it, and then only if none of the investor's
    /// other linked wallets holds units of the lot; most investors have one wallet, so nothing more is read. A platform
    /// account is never a holder.
    function _holdersAfter(Movement memory m, uint256 holders) internal view returns (uint256) {
        (bool fromLeaves, bool toJoins) = _zeroCrossings(m);
        if (!fromLeaves && !toJoins) return holders;
        // A forced transfer's movement did not read the sender's record (see `_movement`).
        PackedInvestorRecord sender = m.context == CONTEXT_FORCED && m.hasSender ? _packedInvestor(m.from) : m.sender;
        // Between two wallets of one investor: it holds units before and after.
        if (m.hasSender && m.hasReceiver && sender.investorId() == m.receiver.investorId()) return holders;
        if (fromLeaves && !sender.platform() && !_otherWalletHolds(sender, m.from, m.lotId)) holders -= 1;
        if (toJoins && !m.receiver.platform() && !_otherWalletHolds(m.receiver, m.to, m.lotId)) holders += 1;
        return holders;
    }

    /// @dev Whether the sender's balance falls to zero and whether the receiver's rises from zero.
    function _zeroCrossings(Movement memory m) internal pure returns (bool fromLeaves, bool toJoins) {
        // Ordered so that the common case (both balances non-zero before and after) decides at the first test.
        fromLeaves = m.fromAfter == 0 && m.fromBefore != 0 && m.hasSender;
        toJoins = m.toBefore == 0 && m.toAfter != 0 && m.hasReceiver;
    }

    /// @dev Whether a wallet of the investor other than `wallet` holds units of the lot.
    function _otherWalletHolds(PackedInvestorRecord investor, address wallet, uint256 lotId) internal view returns (bool) {
        if (investor.walletCount() <= 1) return false;
        address[] memory wallets = IInvestorRegistrar(registrar).walletsOf(investor.investorId());
        for (uint256 i; i < wallets.length; ++i) {
            if (wallets[i] != wallet && _balanceOf(wallets[i], lotId) != 0) return true;
        }
        return false;
    }

    /// @dev Keeps the lot's number of holding investors (`holders` before the movement), and each wallet's number of
    /// lots held, exact; writes only when they change.
    function _countHolders(Movement memory m, uint32 holders) internal {
        (bool fromLeaves, bool toJoins) = _zeroCrossings(m);
        if (!fromLeaves && !toJoins) return; // the common case: no storage touched
        // A wallet leaving a lot was counted as holding it (so lotsHeld >= 1); a wallet holds at most as many lots as
        // exist, far below 2^32.
        unchecked {
            if (fromLeaves) --_investors[m.from].lotsHeld;
            if (toJoins) ++_investors[m.to].lotsHeld;
        }
        // At most one investor joins and one leaves per movement; holders never exceeds the number of investors.
        uint32 afterwards = uint32(_holdersAfter(m, holders));
        if (afterwards != holders) _rules[m.lotId].holders = afterwards;
    }

    /// @dev The frozen amount drops by exactly the part of `amount` that was frozen: the unfrozen units move first, so
    /// a freeze set above the balance (to withhold incoming units) keeps its excess. ERC-7943: frozen units that move
    /// are unfrozen first, with a `Frozen` event before the transfer event.
    function _forcedTransfer(address from, address to, uint256 lotId, uint256 amount) private {
        _checkRole(Roles.COMPLIANCE);
        if (from == address(0)) revert ERC7943CannotSend(from);
        if (to == address(0)) revert ERC7943CannotReceive(to);
        // Moving units to their own holder would only lower the freeze; setFrozenTokens is the way to do that.
        if (from == to) revert ERC7943CannotTransfer(from, to, lotId, amount);
        if (amount == 0) revert ZeroForcedTransfer(from, to, lotId);
        uint256 balance = _balanceOf(from, lotId);
        uint256 frozen = _frozenUnits[lotId][from];
        // Beyond the balance the movement itself reverts with ERC1155InsufficientBalance; nothing to unfreeze.
        if (frozen != 0 && amount <= balance) {
            uint256 unfrozen = balance > frozen ? balance - frozen : 0;
            if (amount > unfrozen) {
                // amount <= balance <= unfrozen + frozen, so the frozen part is at most `frozen`.
                uint256 newFrozen = frozen - (amount - unfrozen);
                if (newFrozen == 0) --_investors[from].frozenLots; // frozen != 0 was counted
                _frozenUnits[lotId][from] = newFrozen;
                emit Frozen(from, lotId, newFrozen);
            }
        }
        _context = CONTEXT_FORCED;
        _platformMove(from, to, lotId, amount);
        _context = CONTEXT_ORDINARY;
        emit ForcedTransfer(from, to, lotId, amount);
    }
}
