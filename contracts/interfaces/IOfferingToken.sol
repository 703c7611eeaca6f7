// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {InvestorRecord, LotRules} from "../compliance/ComplianceTypes.sol";

/// @title IOfferingToken
/// @notice What the offerings contract needs from the units token: minting units out of a lot's capacity, moving
/// them (ERC-1155, or consuming a reserved holder slot), asking whether an investor may receive units of a lot now,
/// the lot's rules and the investor behind a wallet, and reserving holder slots for subscribers.
interface IOfferingToken is IERC1155 {
    /// @notice Mints `amount` units of lot `lotId` to `to`, within the lot's mint capacity.
    /// @param to The receiver of the units.
    /// @param lotId The lot.
    /// @param amount The number of units (base units of the lot's commodity).
    /// @param data Passed to the receiver's `onERC1155Received`.
    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data) external;

    /// @notice Whether `to` may receive `amount` units of lot `lotId` from a platform account (this offering) now
    /// under the lot's rules (`LotToken.platformTransferStatus`); never reverts.
    /// @param to The would-be receiver.
    /// @param lotId The lot.
    /// @param amount The number of units it would receive.
    /// @return reason 0 (`Reason.Ok`) when it may, otherwise the token's `Reason` code (ABI-identical to the enum).
    function platformTransferStatus(address to, uint256 lotId, uint256 amount) external view returns (uint8 reason);

    /// @notice The rules of a lot (its minimum holding).
    /// @param lotId The lot.
    function getLotRules(uint256 lotId) external view returns (LotRules memory);

    /// @notice What the registry knows of a wallet (the investor it belongs to).
    /// @param wallet The wallet.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);

    /// @notice Whether `account` may receive units (ERC-7943): verified, KYC valid and not frozen.
    /// @param account The account.
    function canReceive(address account) external view returns (bool);

    /// @notice Reserves a holder slot of the lot for a subscriber until its claim.
    /// @param lotId The lot.
    /// @param wallet The subscriber's wallet.
    function reserveHolderSlot(uint256 lotId, address wallet) external;

    /// @notice Gives back holder slots reserved earlier.
    /// @param lotId The lot.
    /// @param count The slots.
    function releaseHolderSlots(uint256 lotId, uint256 count) external;

    /// @notice Moves the caller's units to `to`, consuming one reserved holder slot (every rule but the holder limit).
    /// @param to The receiver.
    /// @param lotId The lot.
    /// @param amount The units.
    function transferReserved(address to, uint256 lotId, uint256 amount) external;
}
