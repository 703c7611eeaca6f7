// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Supply} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155Supply.sol";
import {ERC1155URIStorage} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155URIStorage.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {ILotToken} from "../interfaces/ILotToken.sol";

/// @title LotToken
/// @notice ERC-1155 units of physical mineral lots. Token id = lot id; one unit = one base unit of the lot's
/// commodity (mg of fine gold, kg of Cu, kg of WO3, kg of Sb, kg of TREO). Every movement of units, whether a
/// transfer, a batch transfer, a mint or a burn, passes through `_update`, which is where the registry's
/// per-lot "secure mint" cap is enforced.
contract LotToken is ILotToken, ERC1155Supply, ERC1155URIStorage {
    /// @notice Name shown by wallets and explorers.
    // solhint-disable-next-line const-name-snakecase
    string public constant name = "Critical Mineral Lots";
    /// @notice Symbol shown by wallets and explorers.
    // solhint-disable-next-line const-name-snakecase
    string public constant symbol = "CMLOT";

    /// @inheritdoc ILotToken
    ILotRegistry public immutable registry;

    /// @param registry_ The lot registry, which holds the roles.
    /// @param baseURI_ Prefix of every lot's metadata URI; with no per-lot URI set, `uri(id)` is `baseURI_ + id`.
    constructor(ILotRegistry registry_, string memory baseURI_) ERC1155(baseURI_) {
        registry = registry_;
        _setBaseURI(baseURI_);
    }

    modifier onlyRegistryRole(bytes32 role) {
        if (!registry.hasRole(role, msg.sender)) revert AccessControlUnauthorizedAccount(msg.sender, role);
        _;
    }

    /// @inheritdoc ILotToken
    function mint(address to, uint256 lotId, uint256 amount, bytes calldata data)
        external
        onlyRegistryRole(registry.ISSUER_ROLE())
    {
        if (amount == 0) revert ZeroAmount(lotId);
        _mint(to, lotId, amount, data);
        emit UnitsMinted(lotId, to, amount, msg.sender);
    }

    /// @inheritdoc ILotToken
    function burn(address from, uint256 lotId, uint256 amount) external {
        _checkOwnerOrApproved(from);
        if (amount == 0) revert ZeroAmount(lotId);
        _burn(from, lotId, amount);
        emit UnitsBurned(lotId, from, amount, msg.sender);
    }

    /// @inheritdoc ILotToken
    function burnBatch(address from, uint256[] calldata lotIds, uint256[] calldata amounts) external {
        _checkOwnerOrApproved(from);
        for (uint256 i; i < amounts.length; ++i) {
            if (amounts[i] == 0) revert ZeroAmount(i < lotIds.length ? lotIds[i] : 0);
        }
        _burnBatch(from, lotIds, amounts);
        for (uint256 i; i < lotIds.length; ++i) {
            emit UnitsBurned(lotIds[i], from, amounts[i], msg.sender);
        }
    }

    /// @inheritdoc ILotToken
    function setLotURI(uint256 lotId, string calldata uri_) external onlyRegistryRole(registry.ISSUER_ROLE()) {
        registry.getLot(lotId); // reverts with UnknownLot for an id the registry does not know
        _setURI(lotId, uri_);
        emit LotURISet(lotId, uri_);
    }

    /// @inheritdoc ILotToken
    function totalSupply(uint256 lotId) public view override(ILotToken, ERC1155Supply) returns (uint256) {
        return super.totalSupply(lotId);
    }

    /// @notice The metadata URI of a lot: its own URI if set, otherwise the base URI followed by the id.
    function uri(uint256 lotId) public view override(ERC1155, ERC1155URIStorage) returns (string memory) {
        // ERC1155URIStorage gives the base URI + the lot's own URI when one is set, and otherwise falls back to
        // ERC1155's URI, which is the bare base URI: in that case append the id.
        string memory baseURI = ERC1155.uri(lotId);
        string memory lotURI = super.uri(lotId);
        return bytes(lotURI).length > bytes(baseURI).length ? lotURI : string.concat(baseURI, Strings.toString(lotId));
    }

    /// @dev The one hook every movement of units passes through. Mints are checked against, and recorded in, the
    /// registry before any balance changes; burns are recorded after the balances are debited.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values)
        internal
        override(ERC1155, ERC1155Supply)
    {
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
    }

    function _checkOwnerOrApproved(address from) internal view {
        if (from != msg.sender && !isApprovedForAll(from, msg.sender)) {
            revert ERC1155MissingApprovalForAll(msg.sender, from);
        }
    }
}
