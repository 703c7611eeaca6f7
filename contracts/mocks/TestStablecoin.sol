// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestStablecoin
/// @notice Test-only: a USD-stable ERC-20 for the local chain, 6 decimals, with EIP-2612 permit and an open `mint`.
/// Never deploy it anywhere that matters: anyone can mint.
contract TestStablecoin is ERC20, ERC20Permit {
    constructor() ERC20("Test USD", "tUSD") ERC20Permit("Test USD") {}

    /// @notice Mints `amount` base units to `to`. Test-only: anyone may call it.
    /// @param to The receiver.
    /// @param amount The amount, in base units (6 decimals).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
