// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @title PlainERC1155
/// @notice Benchmark baseline only: OpenZeppelin's ERC-1155 with an open mint and no rules, so `npm run bench:gas`
/// can set the cost of a lot transfer beside the cheapest possible ERC-1155 transfer, measured in the same run.
contract PlainERC1155 is ERC1155 {
    constructor() ERC1155("") {}

    /// @notice Mints without restriction (benchmark use only).
    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }
}
