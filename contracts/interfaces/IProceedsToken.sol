// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {InvestorRecord} from "../compliance/ComplianceTypes.sol";

/// @title IProceedsToken
/// @notice What the proceeds vault needs from the units token: balances (ERC-1155), a lot's outstanding supply,
/// burning the units it redeemed, and the freezes and eligibility that bind a position as they bind units.
interface IProceedsToken is IERC1155 {
    /// @notice Burns `amount` units of lot `lotId` held by `from`. Only a platform account, of its own units.
    /// @param from The holder (the vault itself).
    /// @param lotId The lot.
    /// @param amount The number of units.
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice The units of a lot in existence (minted minus burned).
    /// @param lotId The lot.
    function totalSupply(uint256 lotId) external view returns (uint256);

    /// @notice What the registry knows of a wallet: whether it is frozen, whether it is a platform account.
    /// @param wallet The wallet.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);

    /// @notice The units of lot `tokenId` frozen for `account` (ERC-7943); may exceed its balance.
    /// @param account The account.
    /// @param tokenId The lot.
    function getFrozenTokens(address account, uint256 tokenId) external view returns (uint256);

    /// @notice Whether `account` may receive units (ERC-7943): verified, KYC valid and not frozen.
    /// @param account The account.
    function canReceive(address account) external view returns (bool);
}
