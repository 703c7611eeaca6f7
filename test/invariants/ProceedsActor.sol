// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IProceedsVault} from "../../contracts/interfaces/IProceedsVault.sol";

/// @title ProceedsActor
/// @notice Test-only: one holder of the proceeds fuzz test. It redeems (sends units to the vault), claims, and hands
/// units to a platform account; each call reports whether it went through.
contract ProceedsActor is ERC1155Holder {
    IERC1155 public immutable token;
    IProceedsVault public immutable vault;

    constructor(IERC1155 token_, IProceedsVault vault_) {
        token = token_;
        vault = vault_;
    }

    function redeem(uint256 lotId, uint256 amount) external returns (bool ok) {
        try token.safeTransferFrom(address(this), address(vault), lotId, amount, "") {
            ok = true;
        } catch {}
    }

    function claim(uint256 lotId) external returns (bool ok) {
        try vault.claim(lotId) {
            ok = true;
        } catch {}
    }

    function handOver(address to, uint256 lotId, uint256 amount) external returns (bool ok) {
        try token.safeTransferFrom(address(this), to, lotId, amount, "") {
            ok = true;
        } catch {}
    }
}
