// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {LotRules, InvestorRecord} from "../compliance/ComplianceTypes.sol";

/// @title IDeliveryToken
/// @notice What the delivery escrow needs from the units token: moving units (ERC-1155), giving a holder its units
/// back, burning its own units when a delivery is confirmed, whether a lot still trades, and the freezes that bind a
/// request's units.
interface IDeliveryToken is IERC1155 {
    /// @notice Burns `amount` units of lot `lotId` held by `from`; the escrow burns only its own units.
    /// @param from The holder of the units (the escrow itself).
    /// @param lotId The lot.
    /// @param amount The number of units.
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice The rules of a lot, its holder count and whether its trading stopped (SETTLING or RETIRED).
    /// @param lotId The lot.
    function getLotRules(uint256 lotId) external view returns (LotRules memory);

    /// @notice Gives a holder back its own units (a rejected or cancelled request), whatever its eligibility now; pause
    /// and holds apply.
    /// @param to The holder.
    /// @param lotId The lot.
    /// @param amount The units.
    function returnUnits(address to, uint256 lotId, uint256 amount) external;

    /// @notice What the registry knows of a wallet (whether its account is frozen).
    /// @param wallet The wallet.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);

    /// @notice The units of lot `tokenId` frozen for `account` (ERC-7943); may exceed its balance.
    /// @param account The account.
    /// @param tokenId The lot.
    function getFrozenTokens(address account, uint256 tokenId) external view returns (uint256);
}
