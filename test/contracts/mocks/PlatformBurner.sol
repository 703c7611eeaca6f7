// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ILotToken} from "../../../contracts/interfaces/ILotToken.sol";

/// @title PlatformBurner
/// @notice Test-only: a platform account that burns whatever units it receives, standing in for a redemption or a
/// confirmed delivery where a test only needs units to leave a lot (investors may not burn them themselves).
contract PlatformBurner is IERC1155Receiver {
    function onERC1155Received(address, address, uint256 id, uint256 value, bytes calldata) external returns (bytes4) {
        ILotToken(msg.sender).burn(address(this), id, value);
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata ids, uint256[] calldata values, bytes calldata)
        external
        returns (bytes4)
    {
        ILotToken(msg.sender).burnBatch(address(this), ids, values);
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}
