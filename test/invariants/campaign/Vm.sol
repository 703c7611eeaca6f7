// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IVm
/// @notice The one cheatcode the campaign needs (forge-std's copy on npm is an old unofficial one): moving the chain's
/// clock, so that offering windows end, KYC lapses and notice periods pass.
interface IVm {
    function warp(uint256 newTimestamp) external;
}

/// @dev The cheatcode contract's address, as every Foundry-compatible runner (Hardhat's EDR among them) defines it.
IVm constant VM = IVm(address(uint160(uint256(keccak256("hevm cheat code")))));
