// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Roles} from "../access/Roles.sol";
import {ILotCompliance} from "../interfaces/ILotCompliance.sol";
import {InvestorClass, InvestorRecord} from "./ComplianceTypes.sol";

/// @title InvestorRegistry
/// @notice Per wallet: the investor it belongs to, the investor's country, class and KYC expiry, and an account
/// freeze; no personal data. Linked wallets share one investor id so limits count the investor. Each wallet's
/// record sits in one slot, so a transfer reads one slot per party. Managed by COMPLIANCE_ROLE directly, or by an
/// EIP-712 eligibility statement a compliance officer signs and the investor submits (the issuer pays nothing).
abstract contract InvestorRegistry is ILotCompliance, EIP712, Nonces {
    /// @dev Linked wallets per investor; bounded so that updating an investor stays cheap.
    uint256 internal constant MAX_WALLETS_PER_INVESTOR = 8;

    bytes32 internal constant ELIGIBILITY_TYPEHASH = keccak256(
        "Eligibility(address wallet,uint64 investorId,uint16 country,uint8 investorClass,uint40 kycExpiry,uint256 nonce,uint256 deadline)"
    );

    mapping(address wallet => InvestorRecord) internal _investors;
    mapping(uint64 investorId => address[]) internal _wallets;

    /// @inheritdoc ILotCompliance
    uint64 public investorCount;

    /// @dev Reverts unless the caller holds `role` (roles live in the lot registry).
    function _requireRole(bytes32 role) internal view virtual;

    /// @dev Whether `account` holds `role`.
    function _hasRole(bytes32 role, address account) internal view virtual returns (bool);

    /// @inheritdoc ILotCompliance
    function registerInvestor(address wallet, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        external
        returns (uint64 investorId)
    {
        _requireRole(Roles.COMPLIANCE);
        return _register(wallet, country, investorClass, kycExpiry);
    }

    /// @inheritdoc ILotCompliance
    function updateInvestor(uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry) external {
        _requireRole(Roles.COMPLIANCE);
        _updateInvestor(investorId, country, investorClass, kycExpiry);
    }

    /// @inheritdoc ILotCompliance
    function linkWallet(uint64 investorId, address wallet) external {
        _requireRole(Roles.COMPLIANCE);
        _link(investorId, wallet);
    }

    /// @inheritdoc ILotCompliance
    function removeInvestor(address wallet) external {
        _requireRole(Roles.COMPLIANCE);
        InvestorRecord storage record = _investors[wallet];
        if (record.investorClass == InvestorClass.None) revert WalletNotRegistered(wallet);
        // The investor id stays, so holder counts that include this wallet's units remain exact.
        record.investorClass = InvestorClass.None;
        record.kycExpiry = 0;
        emit InvestorRemoved(wallet, record.investorId);
    }

    /// @inheritdoc ILotCompliance
    function submitEligibility(Eligibility calldata e, bytes calldata signature) external returns (uint64 investorId) {
        if (block.timestamp > e.deadline) revert EligibilityExpired(e.deadline);
        bytes32 structHash = keccak256(
            abi.encode(ELIGIBILITY_TYPEHASH, e.wallet, e.investorId, e.country, e.investorClass, e.kycExpiry, e.nonce, e.deadline)
        );
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), signature);
        if (!_hasRole(Roles.COMPLIANCE, signer)) revert InvalidEligibilitySigner(signer);
        _useCheckedNonce(e.wallet, e.nonce);

        uint64 current = _investors[e.wallet].investorId;
        if (e.investorId == 0) {
            if (current != 0) revert WalletAlreadyRegistered(e.wallet, current);
            return _register(e.wallet, e.country, e.investorClass, e.kycExpiry);
        }
        if (current == 0) {
            _link(e.investorId, e.wallet);
        } else if (current != e.investorId) {
            revert WalletAlreadyRegistered(e.wallet, current);
        } else if (_investors[e.wallet].investorClass == InvestorClass.None) {
            return _register(e.wallet, e.country, e.investorClass, e.kycExpiry); // reinstates a removed wallet
        }
        _updateInvestor(e.investorId, e.country, e.investorClass, e.kycExpiry);
        return e.investorId;
    }

    /// @notice The EIP-712 domain separator eligibility statements are signed under.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc ILotCompliance
    function getInvestor(address wallet) external view returns (InvestorRecord memory) {
        return _investors[wallet];
    }

    /// @inheritdoc ILotCompliance
    function walletsOf(uint64 investorId) external view returns (address[] memory) {
        return _wallets[investorId];
    }

    /// @inheritdoc ILotCompliance
    function setAccountFrozen(address account, bool frozen) external {
        _requireRole(Roles.COMPLIANCE);
        if (account == address(0)) revert InvalidComplianceField("account", 0);
        _investors[account].frozen = frozen;
        emit AccountFrozen(account, frozen);
    }

    // ------------------------------------------------------------------ internals

    /// @dev A wallet that was removed is reinstated under its original investor (so holder counts stay exact),
    /// and the data given then applies to all of that investor's active wallets.
    function _register(address wallet, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        internal
        returns (uint64 investorId)
    {
        if (wallet == address(0)) revert InvalidComplianceField("wallet", 0);
        InvestorRecord storage record = _investors[wallet];
        uint64 existing = record.investorId;
        if (existing != 0 && record.investorClass != InvestorClass.None) revert WalletAlreadyRegistered(wallet, existing);
        _checkInvestorFields(country, investorClass, kycExpiry);
        if (existing != 0) {
            _write(wallet, existing, country, investorClass, kycExpiry);
            _updateInvestor(existing, country, investorClass, kycExpiry);
            return existing;
        }
        investorId = ++investorCount;
        _wallets[investorId].push(wallet);
        record.walletCount = 1;
        _write(wallet, investorId, country, investorClass, kycExpiry);
    }

    /// @dev Applies to the investor's active wallets only: a removed wallet stays removed until it is registered again.
    function _updateInvestor(uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry) internal {
        address[] storage wallets = _wallets[investorId];
        _checkInvestorFields(country, investorClass, kycExpiry);
        bool any;
        for (uint256 i; i < wallets.length; ++i) {
            if (_investors[wallets[i]].investorClass == InvestorClass.None) continue;
            _write(wallets[i], investorId, country, investorClass, kycExpiry);
            any = true;
        }
        if (!any) revert UnknownInvestor(investorId);
    }

    function _link(uint64 investorId, address wallet) internal {
        if (wallet == address(0)) revert InvalidComplianceField("wallet", 0);
        address[] storage wallets = _wallets[investorId];
        if (wallets.length == 0) revert UnknownInvestor(investorId);
        uint64 existing = _investors[wallet].investorId;
        if (existing != 0) revert WalletAlreadyRegistered(wallet, existing);
        if (wallets.length >= MAX_WALLETS_PER_INVESTOR) revert TooManyWallets(investorId, MAX_WALLETS_PER_INVESTOR);
        InvestorRecord memory first = _activeRecord(investorId);
        wallets.push(wallet);
        // wallets.length <= MAX_WALLETS_PER_INVESTOR (8), so it fits in a uint8.
        uint8 count = uint8(wallets.length);
        for (uint256 i; i < wallets.length; ++i) {
            _investors[wallets[i]].walletCount = count;
        }
        _write(wallet, investorId, first.country, first.investorClass, first.kycExpiry);
    }

    /// @dev The record of one of the investor's active wallets; reverts if it has none.
    function _activeRecord(uint64 investorId) internal view returns (InvestorRecord memory) {
        address[] storage wallets = _wallets[investorId];
        for (uint256 i; i < wallets.length; ++i) {
            InvestorRecord memory record = _investors[wallets[i]];
            if (record.investorClass != InvestorClass.None) return record;
        }
        revert UnknownInvestor(investorId);
    }

    function _write(address wallet, uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        private
    {
        InvestorRecord storage record = _investors[wallet];
        record.investorId = investorId;
        record.country = country;
        record.investorClass = investorClass;
        record.kycExpiry = kycExpiry;
        emit InvestorSet(wallet, investorId, country, investorClass, kycExpiry);
    }

    function _checkInvestorFields(uint16 country, InvestorClass investorClass, uint40 kycExpiry) private view {
        if (country == 0 || country > 999) revert InvalidComplianceField("country", country);
        if (investorClass == InvestorClass.None) revert InvalidComplianceField("investorClass", 0);
        if (kycExpiry <= block.timestamp) revert InvalidComplianceField("kycExpiry", kycExpiry);
    }
}
