// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";

/// @title ComplianceActor
/// @notice A wallet for the compliance fuzz tests: a contract that holds units and moves its own units itself, so
/// the tests need no `prank`. Every action is tried with try/catch and reports whether it went through and, if not,
/// the revert data, so a refused action never reverts the test. It can also be armed to move units of its own from
/// inside its ERC-1155 acceptance callback (to probe what a receiver can do in the middle of a forced transfer).
contract ComplianceActor is ERC1155Holder {
    LotToken internal immutable token;
    /// @dev The platform account this wallet's units exit to (it burns them): investors never burn units themselves.
    address internal immutable exit;

    bool internal hookArmed;
    address internal hookTo;
    uint256 internal hookLotId;
    uint256 internal hookAmount;

    /// @notice How many armed callback transfers were tried, and how many of them went through while
    /// `canTransfer` (asked in the callback, just before) said no, or were refused while it said yes.
    uint256 public hookTries;
    uint256 public hookSuccesses;
    uint256 public hookMismatches;

    constructor(LotToken token_, address exit_) {
        token = token_;
        exit = exit_;
    }

    /// @notice `safeTransferFrom` of this wallet's own units.
    function transferUnits(address to, uint256 lotId, uint256 amount) external returns (bool ok, bytes memory revertData) {
        try token.safeTransferFrom(address(this), to, lotId, amount, "") {
            ok = true;
        } catch (bytes memory data) {
            revertData = data;
        }
    }

    /// @notice `safeBatchTransferFrom` of this wallet's own units.
    function sendBatch(address to, uint256[] calldata lotIds, uint256[] calldata amounts)
        external
        returns (bool ok, bytes memory revertData)
    {
        try token.safeBatchTransferFrom(address(this), to, lotIds, amounts, "") {
            ok = true;
        } catch (bytes memory data) {
            revertData = data;
        }
    }

    /// @notice Takes this wallet's own units out of the lot: hands them to the platform account that burns them (the
    /// way a redemption or a confirmed delivery does; investors never burn units themselves).
    function burn(uint256 lotId, uint256 amount) external returns (bool ok, bytes memory revertData) {
        try token.safeTransferFrom(address(this), exit, lotId, amount, "") {
            ok = true;
        } catch (bytes memory data) {
            revertData = data;
        }
    }

    /// @notice Takes several lots of this wallet's own units out at once, through the burning platform account.
    function burnBatch(uint256[] calldata lotIds, uint256[] calldata amounts) external returns (bool ok, bytes memory revertData) {
        try token.safeBatchTransferFrom(address(this), exit, lotIds, amounts, "") {
            ok = true;
        } catch (bytes memory data) {
            revertData = data;
        }
    }

    /// @notice On the next receipt of units, try to send `amount` units of `lotId` to `to` from the callback,
    /// after asking `canTransfer` for the same transfer.
    function armHook(address to, uint256 lotId, uint256 amount) external {
        hookArmed = true;
        hookTo = to;
        hookLotId = lotId;
        hookAmount = amount;
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(address operator, address from, uint256 id, uint256 value, bytes memory data)
        public
        override
        returns (bytes4)
    {
        _fireHook();
        return super.onERC1155Received(operator, from, id, value, data);
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155BatchReceived(
        address operator,
        address from,
        uint256[] memory ids,
        uint256[] memory values,
        bytes memory data
    ) public override returns (bytes4) {
        _fireHook();
        return super.onERC1155BatchReceived(operator, from, ids, values, data);
    }

    function _fireHook() internal {
        if (!hookArmed) return;
        hookArmed = false;
        ++hookTries;
        bool allowed = token.canTransfer(address(this), hookTo, hookLotId, hookAmount);
        bool ok;
        try token.safeTransferFrom(address(this), hookTo, hookLotId, hookAmount, "") {
            ok = true;
            ++hookSuccesses;
        } catch {}
        if (ok != allowed) ++hookMismatches;
    }
}
