// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILotRegistry} from "../../../contracts/interfaces/ILotRegistry.sol";
import {LotToken} from "../../../contracts/lots/LotToken.sol";

/// @notice Test-only: exposes the token's internal movement paths, so that movements no external function can make
/// yet (a batch mint, mismatched lists) can be shown to be refused by `_update` itself.
contract LotTokenHarness is LotToken {
    /// @param registry_ The lot registry.
    constructor(ILotRegistry registry_) LotToken(registry_, "ipfs://harness/") {}

    /// @notice Calls the internal `_update` directly with the lists as given.
    /// @param from The sender (zero for a mint).
    /// @param to The receiver (zero for a burn).
    /// @param ids The lots.
    /// @param values The amounts.
    function exposedUpdate(address from, address to, uint256[] calldata ids, uint256[] calldata values) external {
        _update(from, to, ids, values);
    }

    /// @notice Calls the internal `_mintBatch` with the lists as given.
    /// @param to The receiver.
    /// @param ids The lots.
    /// @param values The amounts.
    function exposedMintBatch(address to, uint256[] calldata ids, uint256[] calldata values) external {
        _mintBatch(to, ids, values, "");
    }
}
