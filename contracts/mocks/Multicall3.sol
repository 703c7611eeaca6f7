// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Multicall3
/// @notice The `aggregate3` entry point of Multicall3 (github.com/mds1/multicall, deployed on most chains at
/// 0xcA11bde05977b3631167028862bE2a173976CA11), for local chains that lack it, so the SDK's reports batch their
/// reads into one `eth_call` with viem's `multicall`.
contract Multicall3 {
    /// @notice One call to make.
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    /// @notice The outcome of one call.
    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice Thrown when a call that may not fail fails.
    /// @param index The position of the call in the batch.
    error Multicall3CallFailed(uint256 index);

    /// @notice Makes every call in order and returns each outcome.
    /// @param calls The calls.
    /// @return results One outcome per call.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; ++i) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool success, bytes memory data) = calls[i].target.call(calls[i].callData);
            if (!success && !calls[i].allowFailure) revert Multicall3CallFailed(i);
            results[i] = Result(success, data);
        }
    }
}
