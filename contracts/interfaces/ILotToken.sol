// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILotToken
/// @notice The ERC-1155 units of mineral lots: token id = lot id, one unit = one base unit of the lot's commodity.
interface ILotToken {
    /// @notice Emitted when the issuer mints units of a lot against its custodian's attestation.
    event UnitsMinted(uint256 indexed lotId, address indexed to, uint256 amount, address indexed operator);

    /// @notice Emitted when a platform account burns units of a lot it holds (a redemption, a confirmed delivery).
    event UnitsBurned(uint256 indexed lotId, address indexed from, uint256 amount, address indexed operator);

    /// @notice Thrown when a mint or burn is asked for zero units.
    error ZeroAmount(uint256 lotId);

    /// @notice Thrown when a transfer, batch transfer, mint or burn names no lot at all: it would move nothing yet emit
    /// a transfer event without any rule having been checked.
    /// @param from The sender (zero for a mint).
    /// @param to The receiver (zero for a burn).
    error EmptyMovement(address from, address to);

    /// @notice Mints `amount` units of lot `lotId` to `to`. Only ISSUER_ROLE; the lot must be warehoused and
    /// the amount within its attested quantity not yet minted.
    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data) external;

    /// @notice Burns `amount` units of lot `lotId` held by `from`. Only a platform account, of its own units: investors
    /// redeem at settlement or request physical delivery instead (ERC-7943: a permissioned burn).
    function burn(address from, uint256 lotId, uint256 amount) external;

    /// @notice Burns several lots' units held by `from` at once. Only a platform account, of its own units.
    function burnBatch(address from, uint256[] calldata lotIds, uint256[] calldata amounts) external;

    /// @notice The total units of a lot in existence.
    function totalSupply(uint256 lotId) external view returns (uint256);
}
