// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {Lot} from "./LotTypes.sol";
import {ILotToken} from "../interfaces/ILotToken.sol";
import {IERC7943MultiToken} from "../interfaces/IERC7943MultiToken.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Roles} from "../access/Roles.sol";
import {LotCompliance} from "../compliance/LotCompliance.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";

/// @title LotToken
/// @notice ERC-1155 units of physical mineral lots. Token id = lot id; one unit = one base unit of the lot's
/// commodity (mg of fine gold, kg of Cu, kg of WO3, kg of Sb, kg of TREO). Every movement of units, whether a
/// transfer, a batch transfer, a mint or a burn, passes through `_update`, which is where the registry's
/// per-lot "secure mint" cap is enforced.
contract LotToken is ILotToken, LotCompliance, ERC1155 {
    /// @notice Name shown by wallets and explorers.
    // solhint-disable-next-line const-name-snakecase
    string public constant name = "Critical Mineral Lots";
    /// @notice Symbol shown by wallets and explorers.
    // solhint-disable-next-line const-name-snakecase
    string public constant symbol = "CMLOT";

    /// @param registry_ The lot registry, which holds the roles.
    /// @param baseURI_ Prefix of every lot's metadata URI: `uri(id)` is `baseURI_` followed by the lot id.
    constructor(ILotRegistry registry_, string memory baseURI_) PlatformAccess(registry_) ERC1155(baseURI_) {}

    /// @inheritdoc ILotToken
    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data) external {
        _checkRole(Roles.ISSUER);
        if (amount == 0) revert ZeroAmount(lotId);
        _mint(to, lotId, amount, data);
        emit UnitsMinted(lotId, to, amount, msg.sender);
    }

    /// @inheritdoc ILotToken
    function burn(address from, uint256 lotId, uint256 amount) external {
        _checkBurner(from);
        if (amount == 0) revert ZeroAmount(lotId);
        _burn(from, lotId, amount);
        emit UnitsBurned(lotId, from, amount, msg.sender);
    }

    /// @inheritdoc ILotToken
    function burnBatch(address from, uint256[] calldata lotIds, uint256[] calldata amounts) external {
        _checkBurner(from);
        for (uint256 i; i < amounts.length; ++i) {
            if (amounts[i] == 0) revert ZeroAmount(i < lotIds.length ? lotIds[i] : 0);
        }
        _burnBatch(from, lotIds, amounts);
        for (uint256 i; i < lotIds.length; ++i) {
            emit UnitsBurned(lotIds[i], from, amounts[i], msg.sender);
        }
    }

    /// @inheritdoc ILotToken
    /// @dev The registry already counts what was minted and burned per lot, so the token keeps no second tally.
    function totalSupply(uint256 lotId) external view returns (uint256) {
        Lot memory lot = registry.getLot(lotId);
        return lot.mintedQuantity - lot.burnedQuantity;
    }

    /// @notice The metadata URI of a lot: the base URI followed by the lot id (e.g. "ipfs://minerals-lots/7").
    function uri(uint256 lotId) public view override returns (string memory) {
        return string.concat(super.uri(lotId), Strings.toString(lotId));
    }

    /// @dev The one hook every movement of units passes through. A movement names at least one lot and as many amounts
    /// as lots, checked before anything is read, so no path (an empty batch, a future batch mint) skips a rule or
    /// panics. Mints are checked against, and recorded in, the registry before any balance changes; burns are
    /// recorded after the balances are debited.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values)
        internal
        override
    {
        if (ids.length != values.length) revert ERC1155InvalidArrayLength(ids.length, values.length);
        if (ids.length == 0) revert EmptyMovement(from, to);
        if (from == address(0)) {
            for (uint256 i; i < ids.length; ++i) {
                registry.recordMint(ids[i], values[i]);
            }
        }
        super._update(from, to, ids, values);
        if (to == address(0)) {
            for (uint256 i; i < ids.length; ++i) {
                registry.recordBurn(ids[i], values[i]);
            }
        }
        _enforce(from, to, ids, values);
    }

    /// @notice ERC-165: ERC-1155, its metadata extension, ERC-7943 multi-token (0x41c4fbad) and ERC-165 itself.
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, IERC165) returns (bool) {
        return interfaceId == type(IERC7943MultiToken).interfaceId || super.supportsInterface(interfaceId);
    }

    function _balanceOf(address account, uint256 lotId) internal view override returns (uint256) {
        return balanceOf(account, lotId);
    }

    function _requireLot(uint256 lotId) internal view override {
        registry.getLot(lotId);
    }

    function _platformMove(address from, address to, uint256 lotId, uint256 amount) internal override {
        _safeTransferFrom(from, to, lotId, amount, "");
    }

    /// @dev Burning is permissioned (ERC-7943): only a platform account, of its own units (the proceeds vault after a
    /// redemption, the delivery escrow after a confirmed delivery).
    function _checkBurner(address from) internal view {
        if (from != msg.sender || !_investors[msg.sender].platform) revert BurnNotPermitted(msg.sender, from);
    }
}
