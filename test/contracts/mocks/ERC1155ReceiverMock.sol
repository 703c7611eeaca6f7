// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";

/// @title ERC1155ReceiverMock
/// @notice Test-only: an ERC-1155 receiver that answers with the values it was built with, or fails in the way it was
/// built to, and logs what it received. The OpenZeppelin Contracts npm package ships no mocks, so this stands in
/// for OpenZeppelin's `contracts/mocks/token/ERC1155ReceiverMock.sol` (same constructor, events, errors and revert
/// strings), which `test/standards/ERC1155.behavior.ts` expects.
contract ERC1155ReceiverMock is ERC165, IERC1155Receiver {
    /// @notice How the hooks fail, if they do (OpenZeppelin's `RevertType`, in its order).
    enum RevertType {
        None,
        RevertWithoutMessage,
        RevertWithMessage,
        RevertWithCustomError,
        Panic
    }

    bytes4 private immutable _singleAnswer;
    bytes4 private immutable _batchAnswer;
    RevertType private immutable _failure;
    /// @dev Zero, read at run time, so that the panic case divides by a value the compiler cannot see.
    uint256 private _zero;

    /// @notice Emitted by `onERC1155Received` when it accepts units.
    /// @param operator The caller of the transfer.
    /// @param from The sender.
    /// @param id The token id.
    /// @param value The amount.
    /// @param data The data passed along.
    /// @param gas The gas left in the hook.
    event Received(address operator, address from, uint256 id, uint256 value, bytes data, uint256 gas);

    /// @notice Emitted by `onERC1155BatchReceived` when it accepts units.
    /// @param operator The caller of the transfer.
    /// @param from The sender.
    /// @param ids The token ids.
    /// @param values The amounts.
    /// @param data The data passed along.
    /// @param gas The gas left in the hook.
    event BatchReceived(address operator, address from, uint256[] ids, uint256[] values, bytes data, uint256 gas);

    /// @notice Thrown by both hooks when built with `RevertType.RevertWithCustomError`.
    /// @param singleAnswer The value the single hook was built to answer.
    error CustomError(bytes4 singleAnswer);

    /// @param singleAnswer What `onERC1155Received` returns (the magic value to accept).
    /// @param batchAnswer What `onERC1155BatchReceived` returns.
    /// @param failure How both hooks fail, or `None`.
    constructor(bytes4 singleAnswer, bytes4 batchAnswer, RevertType failure) {
        _singleAnswer = singleAnswer;
        _batchAnswer = batchAnswer;
        _failure = failure;
    }

    /// @notice Accepts (or refuses) a single transfer.
    /// @param operator The caller of the transfer.
    /// @param from The sender.
    /// @param id The token id.
    /// @param value The amount.
    /// @param data The data passed along.
    function onERC1155Received(address operator, address from, uint256 id, uint256 value, bytes calldata data)
        external
        returns (bytes4)
    {
        _failIfBuiltTo("ERC1155ReceiverMock: reverting on receive");
        emit Received(operator, from, id, value, data, gasleft());
        return _singleAnswer;
    }

    /// @notice Accepts (or refuses) a batch transfer.
    /// @param operator The caller of the transfer.
    /// @param from The sender.
    /// @param ids The token ids.
    /// @param values The amounts.
    /// @param data The data passed along.
    function onERC1155BatchReceived(
        address operator,
        address from,
        uint256[] calldata ids,
        uint256[] calldata values,
        bytes calldata data
    ) external returns (bytes4) {
        _failIfBuiltTo("ERC1155ReceiverMock: reverting on batch receive");
        emit BatchReceived(operator, from, ids, values, data, gasleft());
        return _batchAnswer;
    }

    function _failIfBuiltTo(string memory message) private view {
        RevertType failure = _failure;
        if (failure == RevertType.RevertWithoutMessage) {
            // solhint-disable-next-line reason-string, gas-custom-errors
            revert();
        } else if (failure == RevertType.RevertWithMessage) {
            // solhint-disable-next-line gas-custom-errors
            revert(message);
        } else if (failure == RevertType.RevertWithCustomError) {
            revert CustomError(_singleAnswer);
        } else if (failure == RevertType.Panic) {
            uint256 quotient = 1 / _zero;
            quotient;
        }
    }
}
