// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title IOfferingToken
/// @notice What the offerings contract needs from the units token: minting units out of a lot's capacity, moving
/// them (ERC-1155) and asking whether an investor may receive units of a lot now.
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
}
