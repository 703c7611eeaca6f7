// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {InvestorRecord} from "../compliance/ComplianceTypes.sol";

/// @title IProcessingToken
/// @notice What the processing contract needs of the units token: minting the outputs' units for the inputs' holders,
/// burning the units holders convert, moving units, and the investor registry.
interface IProcessingToken is IERC1155 {
    /// @notice Mints units of a warehoused lot within its attested capacity. ISSUER_ROLE.
    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data) external;

    /// @notice Burns units a platform account holds itself.
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice A wallet's investor record.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);
}
