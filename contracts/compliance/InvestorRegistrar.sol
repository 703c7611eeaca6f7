// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Roles} from "../access/Roles.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {IInvestorRegistrar} from "../interfaces/IInvestorRegistrar.sol";
import {ILotCompliance} from "../interfaces/ILotCompliance.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {InvestorClass, InvestorRecord} from "./ComplianceTypes.sol";

/// @title InvestorRegistrar
/// @notice Administration of the investor registry: per wallet, the investor it belongs to, the investor's country,
/// class and KYC expiry, and an account freeze; no personal data. Linked wallets share one investor id so limits count
/// the investor. Managed by COMPLIANCE_ROLE directly, or by an EIP-712 eligibility statement a compliance officer signs
/// and the investor submits (the issuer pays nothing).
///
/// The records themselves live in the token, one slot per wallet read on every transfer: this contract reads them with
/// `getInvestor` and writes them through the token's one narrow entry point, `writeInvestor`, which keeps the token's
/// own counters. It keeps what only administration needs: the wallets of each investor, decision times and spent
/// statements.
///
/// Statements are ordered and revocable: every decision about a wallet or its investor takes the next sequence number
/// of both (a direct decision one more than the latest, a statement its own `sequence`, which must exceed it), and
/// records when it was issued (a direct decision at its block's timestamp, a statement at its `issuedAt`). A statement
/// numbered at or below the latest decision, or issued before it, is refused: removing, updating, freezing, linking or
/// unlinking invalidates every statement signed before it, and of two statements, even signed in the same second, only
/// the later-numbered one can take effect after the other. A statement is used at most once, and an officer can cancel
/// one that was not used.
contract InvestorRegistrar is IInvestorRegistrar, PlatformAccess, EIP712 {
    /// @dev Linked wallets per investor; bounded so that updating an investor stays cheap.
    uint256 internal constant MAX_WALLETS_PER_INVESTOR = 8;

    bytes32 internal constant ELIGIBILITY_TYPEHASH = keccak256(
        "Eligibility(address wallet,uint64 investorId,uint16 country,uint8 investorClass,uint40 kycExpiry,uint40 issuedAt,uint64 sequence,uint256 deadline)"
    );

    /// @inheritdoc IInvestorRegistrar
    ILotCompliance public immutable token;

    mapping(uint64 investorId => address[]) internal _wallets;
    /// @dev The issue time of the registry's last decision about each investor (as `InvestorRecord.decidedAt` per wallet).
    mapping(uint64 investorId => uint40) internal _investorDecidedAt;
    /// @dev Statements used or cancelled, by EIP-712 digest.
    mapping(bytes32 digest => bool) internal _spent;
    /// @dev The sequence of the latest decision about each wallet and each investor: statements must exceed both.
    mapping(address wallet => uint64) internal _walletSequence;
    mapping(uint64 investorId => uint64) internal _investorSequence;

    /// @inheritdoc IInvestorRegistrar
    uint64 public investorCount;

    /// @param registry_ The lot registry, which holds the roles.
    /// @param token_ The token whose investor records this registrar writes; it must then bind this registrar.
    constructor(ILotRegistry registry_, ILotCompliance token_)
        PlatformAccess(registry_)
        EIP712("Mineral Lots Investor Registrar", "1")
    {
        token = token_;
    }

    /// @inheritdoc IInvestorRegistrar
    function registerInvestor(address wallet, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        external
        returns (uint64 investorId)
    {
        _checkRole(Roles.COMPLIANCE);
        investorId = _register(wallet, country, investorClass, kycExpiry);
        _decided(investorId, wallet, uint40(block.timestamp), 0);
    }

    /// @inheritdoc IInvestorRegistrar
    function updateInvestor(uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry) external {
        _checkRole(Roles.COMPLIANCE);
        _updateInvestor(investorId, country, investorClass, kycExpiry);
        _decided(investorId, address(0), uint40(block.timestamp), 0);
    }

    /// @inheritdoc IInvestorRegistrar
    function linkWallet(uint64 investorId, address wallet) external {
        _checkRole(Roles.COMPLIANCE);
        _link(investorId, wallet, false);
        _decided(investorId, wallet, uint40(block.timestamp), 0);
    }

    /// @inheritdoc IInvestorRegistrar
    function removeInvestor(address wallet) external {
        _checkRole(Roles.COMPLIANCE);
        InvestorRecord memory record = token.getInvestor(wallet);
        if (record.investorClass == InvestorClass.None) revert WalletNotRegistered(wallet);
        // The investor id stays, so holder counts that include this wallet's units remain exact.
        record.investorClass = InvestorClass.None;
        record.kycExpiry = 0;
        record.decidedAt = uint40(block.timestamp);
        token.writeInvestor(wallet, record);
        _investorDecidedAt[record.investorId] = uint40(block.timestamp);
        _sequenced(record.investorId, wallet, 0);
        emit InvestorRemoved(wallet, record.investorId);
    }

    /// @inheritdoc IInvestorRegistrar
    /// @dev Unlike `removeInvestor`, which keeps the wallet's investor id so that counts including its units stay
    /// exact, this forgets the link; it is only allowed once the wallet holds nothing, so no count can change.
    function unlinkWallet(address wallet) external {
        _checkRole(Roles.COMPLIANCE);
        InvestorRecord memory record = token.getInvestor(wallet);
        uint64 investorId = record.investorId;
        if (investorId == 0) revert WalletNotRegistered(wallet);
        if (record.lotsHeld != 0) revert WalletHoldsUnits(wallet, record.lotsHeld);
        address[] storage wallets = _wallets[investorId];
        uint256 last = wallets.length - 1; // the wallet is linked, so the list is not empty
        for (uint256 i; i < last; ++i) {
            if (wallets[i] == wallet) {
                wallets[i] = wallets[last];
                break;
            }
        }
        wallets.pop();
        // last < MAX_WALLETS_PER_INVESTOR (8), so it fits in a uint8.
        for (uint256 i; i < last; ++i) {
            InvestorRecord memory other = token.getInvestor(wallets[i]);
            other.walletCount = uint8(last);
            token.writeInvestor(wallets[i], other);
        }
        // The account freeze and the per-lot frozen units stay with the address.
        record.investorId = 0;
        record.country = 0;
        record.investorClass = InvestorClass.None;
        record.kycExpiry = 0;
        record.walletCount = 0;
        record.decidedAt = uint40(block.timestamp);
        token.writeInvestor(wallet, record);
        _investorDecidedAt[investorId] = uint40(block.timestamp);
        _sequenced(investorId, wallet, 0);
        emit WalletUnlinked(wallet, investorId);
    }

    /// @inheritdoc IInvestorRegistrar
    function submitEligibility(Eligibility calldata e, bytes calldata signature) external returns (uint64 investorId) {
        if (block.timestamp > e.deadline) revert EligibilityExpired(e.deadline);
        bytes32 digest = _eligibilityDigest(e);
        address signer = ECDSA.recover(digest, signature);
        if (!_hasRole(Roles.COMPLIANCE, signer)) revert InvalidEligibilitySigner(signer);
        if (_spent[digest]) revert EligibilitySpent(digest);
        if (e.issuedAt > block.timestamp) revert EligibilityNotYetIssued(e.issuedAt, block.timestamp);
        InvestorRecord memory record = token.getInvestor(e.wallet);
        uint64 current = record.investorId;
        investorId = e.investorId == 0 ? current : e.investorId;
        uint40 decidedAt = record.decidedAt;
        uint40 investorDecidedAt = _investorDecidedAt[investorId];
        if (investorDecidedAt > decidedAt) decidedAt = investorDecidedAt;
        if (decidedAt > e.issuedAt) revert EligibilitySuperseded(e.wallet, investorId, e.issuedAt, decidedAt);
        uint64 latest = _latestSequence(e.wallet, investorId);
        if (e.sequence <= latest) revert EligibilityOutOfOrder(e.wallet, investorId, e.sequence, latest);
        _spent[digest] = true;

        if (e.investorId == 0) {
            if (current != 0) revert WalletAlreadyRegistered(e.wallet, current);
            investorId = _register(e.wallet, e.country, e.investorClass, e.kycExpiry);
        } else if (current == 0) {
            _link(investorId, e.wallet, true);
            _updateInvestor(investorId, e.country, e.investorClass, e.kycExpiry);
        } else if (current != investorId) {
            revert WalletAlreadyRegistered(e.wallet, current);
        } else if (record.investorClass == InvestorClass.None) {
            _register(e.wallet, e.country, e.investorClass, e.kycExpiry); // reinstates a removed wallet
        } else {
            _updateInvestor(investorId, e.country, e.investorClass, e.kycExpiry);
        }
        _decided(investorId, e.wallet, e.issuedAt, e.sequence);
    }

    /// @inheritdoc IInvestorRegistrar
    function cancelEligibility(Eligibility calldata e) external {
        _checkRole(Roles.COMPLIANCE);
        bytes32 digest = _eligibilityDigest(e);
        _spent[digest] = true;
        emit EligibilityCancelled(e.wallet, digest);
    }

    /// @inheritdoc IInvestorRegistrar
    function setAccountFrozen(address account, bool frozen) external {
        _checkRole(Roles.COMPLIANCE);
        if (account == address(0)) revert InvalidComplianceField("account", 0);
        InvestorRecord memory record = token.getInvestor(account);
        record.frozen = frozen;
        record.decidedAt = uint40(block.timestamp);
        token.writeInvestor(account, record);
        if (record.investorId != 0) _investorDecidedAt[record.investorId] = uint40(block.timestamp);
        _sequenced(record.investorId, account, 0);
        emit AccountFrozen(account, frozen);
    }

    /// @inheritdoc IInvestorRegistrar
    function setPlatformAccount(address account, bool platform) external onlyRole(Roles.DEFAULT_ADMIN) {
        if (account == address(0)) revert InvalidComplianceField("account", 0);
        InvestorRecord memory record = token.getInvestor(account);
        if (record.investorId != 0) revert AccountIsInvestor(account, record.investorId);
        // A platform account's units are not counted as any investor's, so it must hold none when it stops being one.
        if (!platform && record.lotsHeld != 0) revert WalletHoldsUnits(account, record.lotsHeld);
        record.platform = platform;
        token.writeInvestor(account, record);
        emit PlatformAccountSet(account, platform);
    }

    /// @inheritdoc IInvestorRegistrar
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IInvestorRegistrar
    function getInvestor(address wallet) external view returns (InvestorRecord memory) {
        return token.getInvestor(wallet);
    }

    /// @inheritdoc IInvestorRegistrar
    function walletsOf(uint64 investorId) external view returns (address[] memory) {
        return _wallets[investorId];
    }

    /// @inheritdoc IInvestorRegistrar
    function nextSequence(address wallet, uint64 investorId) external view returns (uint64) {
        return _latestSequence(wallet, investorId == 0 ? token.getInvestor(wallet).investorId : investorId) + 1;
    }

    /// @inheritdoc IInvestorRegistrar
    function sequences(address wallet, uint64 investorId)
        external
        view
        returns (uint64 walletSequence, uint64 investorSequence)
    {
        return (_walletSequence[wallet], _investorSequence[investorId]);
    }

    // ------------------------------------------------------------------ internals

    /// @dev A wallet that was removed is reinstated under its original investor (so holder counts stay exact),
    /// and the data given then applies to all of that investor's active wallets.
    function _register(address wallet, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        internal
        returns (uint64 investorId)
    {
        if (wallet == address(0)) revert InvalidComplianceField("wallet", 0);
        InvestorRecord memory record = token.getInvestor(wallet);
        uint64 existing = record.investorId;
        if (existing != 0 && record.investorClass != InvestorClass.None) revert WalletAlreadyRegistered(wallet, existing);
        if (record.platform) revert PlatformAccountNotInvestor(wallet);
        _checkInvestorFields(country, investorClass, kycExpiry);
        if (existing != 0) {
            _write(wallet, record, existing, country, investorClass, kycExpiry);
            _updateInvestor(existing, country, investorClass, kycExpiry);
            return existing;
        }
        investorId = ++investorCount;
        _wallets[investorId].push(wallet);
        record.walletCount = 1;
        _write(wallet, record, investorId, country, investorClass, kycExpiry);
    }

    /// @dev Applies to the investor's active wallets only: a removed wallet stays removed until it is registered again.
    function _updateInvestor(uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry) internal {
        address[] storage wallets = _wallets[investorId];
        _checkInvestorFields(country, investorClass, kycExpiry);
        bool any;
        for (uint256 i; i < wallets.length; ++i) {
            InvestorRecord memory record = token.getInvestor(wallets[i]);
            if (record.investorClass == InvestorClass.None) continue;
            _write(wallets[i], record, investorId, country, investorClass, kycExpiry);
            any = true;
        }
        if (!any) revert UnknownInvestor(investorId);
    }

    /// @dev `inheritFreeze`: the new wallet is frozen if any of the investor's wallets is (for statements, which must
    /// never give a frozen investor an unfrozen wallet; an officer linking directly decides the freeze itself).
    function _link(uint64 investorId, address wallet, bool inheritFreeze) internal {
        if (wallet == address(0)) revert InvalidComplianceField("wallet", 0);
        address[] storage wallets = _wallets[investorId];
        if (wallets.length == 0) revert UnknownInvestor(investorId);
        InvestorRecord memory record = token.getInvestor(wallet);
        if (record.investorId != 0) revert WalletAlreadyRegistered(wallet, record.investorId);
        if (record.platform) revert PlatformAccountNotInvestor(wallet);
        if (wallets.length >= MAX_WALLETS_PER_INVESTOR) revert TooManyWallets(investorId, MAX_WALLETS_PER_INVESTOR);
        InvestorRecord memory first = _activeRecord(investorId);
        // wallets.length < MAX_WALLETS_PER_INVESTOR (8) before the push, so the count fits in a uint8.
        uint8 count = uint8(wallets.length + 1);
        bool frozen = record.frozen;
        for (uint256 i; i < wallets.length; ++i) {
            InvestorRecord memory other = token.getInvestor(wallets[i]);
            other.walletCount = count;
            frozen = frozen || other.frozen;
            token.writeInvestor(wallets[i], other);
        }
        wallets.push(wallet);
        bool freeze = inheritFreeze && frozen && !record.frozen;
        if (freeze) record.frozen = true;
        record.walletCount = count;
        _write(wallet, record, investorId, first.country, first.investorClass, first.kycExpiry);
        if (freeze) emit AccountFrozen(wallet, true);
    }

    /// @dev Records when the registry's latest decision about an investor (0: none) and a wallet (0: none) was issued,
    /// and its sequence (0: the next one).
    function _decided(uint64 investorId, address wallet, uint40 at, uint64 sequence) internal {
        if (investorId != 0) _investorDecidedAt[investorId] = at;
        if (wallet != address(0)) {
            InvestorRecord memory record = token.getInvestor(wallet);
            record.decidedAt = at;
            token.writeInvestor(wallet, record);
        }
        _sequenced(investorId, wallet, sequence);
    }

    /// @dev Gives a decision about an investor (0: none) and a wallet (0: none) its sequence: `sequence`, or one more
    /// than the latest decision about either when it is 0 (a direct decision).
    function _sequenced(uint64 investorId, address wallet, uint64 sequence) internal {
        // A sequence counts decisions; it never approaches 2^64.
        if (sequence == 0) sequence = _latestSequence(wallet, investorId) + 1;
        if (investorId != 0) _investorSequence[investorId] = sequence;
        if (wallet != address(0)) _walletSequence[wallet] = sequence;
    }

    /// @dev The sequence of the latest decision about a wallet or an investor.
    function _latestSequence(address wallet, uint64 investorId) internal view returns (uint64) {
        uint64 walletSequence = _walletSequence[wallet];
        uint64 investorSequence = _investorSequence[investorId];
        return walletSequence > investorSequence ? walletSequence : investorSequence;
    }

    /// @dev The EIP-712 digest of a statement; every field is a static type, so the struct encodes as its fields.
    function _eligibilityDigest(Eligibility calldata e) internal view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ELIGIBILITY_TYPEHASH, e)));
    }

    /// @dev The record of one of the investor's active wallets; reverts if it has none.
    function _activeRecord(uint64 investorId) internal view returns (InvestorRecord memory) {
        address[] storage wallets = _wallets[investorId];
        for (uint256 i; i < wallets.length; ++i) {
            InvestorRecord memory record = token.getInvestor(wallets[i]);
            if (record.investorClass != InvestorClass.None) return record;
        }
        revert UnknownInvestor(investorId);
    }

    function _write(
        address wallet,
        InvestorRecord memory record,
        uint64 investorId,
        uint16 country,
        InvestorClass investorClass,
        uint40 kycExpiry
    ) private {
        record.investorId = investorId;
        record.country = country;
        record.investorClass = investorClass;
        record.kycExpiry = kycExpiry;
        token.writeInvestor(wallet, record);
        emit InvestorSet(wallet, investorId, country, investorClass, kycExpiry);
    }

    function _checkInvestorFields(uint16 country, InvestorClass investorClass, uint40 kycExpiry) private view {
        if (country == 0 || country > 999) revert InvalidComplianceField("country", country);
        if (investorClass == InvestorClass.None) revert InvalidComplianceField("investorClass", 0);
        if (kycExpiry <= block.timestamp) revert InvalidComplianceField("kycExpiry", kycExpiry);
    }
}
