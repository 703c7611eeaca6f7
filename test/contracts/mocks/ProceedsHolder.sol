// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IProceedsVault} from "../../../contracts/interfaces/IProceedsVault.sol";

/// @title ProceedsHolder
/// @notice Test-only: a holder of lot units that is a contract and tries to be paid twice: it claims twice in one
/// call, and `attack` (called back by a hostile payment token while it is being paid) claims again from inside a claim.
contract ProceedsHolder is ERC1155Holder {
    IProceedsVault public immutable vault;
    IERC1155 public immutable token;
    /// @notice Whether the second claim of `claimTwice` went through.
    bool public secondClaimPaid;
    /// @notice The revert data of the second claim of `claimTwice`.
    bytes public secondClaimError;

    constructor(IProceedsVault vault_, IERC1155 token_) {
        vault = vault_;
        token = token_;
    }

    /// @notice Redeems `amount` units of `lotId` by sending them to the vault.
    function redeem(uint256 lotId, uint256 amount) external {
        token.safeTransferFrom(address(this), address(vault), lotId, amount, "");
    }

    /// @notice Claims once.
    function claim(uint256 lotId) external {
        vault.claim(lotId);
    }

    /// @notice Claims, then tries to claim again in the same call.
    function claimTwice(uint256 lotId) external {
        vault.claim(lotId);
        try vault.claim(lotId) {
            secondClaimPaid = true;
        } catch (bytes memory err) {
            secondClaimError = err;
        }
    }

    /// @notice Claims again; a hostile payment token calls it from inside the transfer that pays this holder.
    function attack(uint256 lotId) external {
        vault.claim(lotId);
    }
}
