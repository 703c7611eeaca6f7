// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

/// @title CampaignActor
/// @notice Test-only: one wallet of the platform campaign (an investor, a treasury, an outsider). It holds units and
/// stablecoin and makes whatever call its handler tells it to, reporting whether the call went through instead of
/// reverting, so that a refusal is an outcome the handler can judge.
contract CampaignActor is ERC1155Holder {
    /// @notice Thrown when anyone but the handler that created the actor tells it to act.
    error NotHandler(address caller);

    address private immutable _handler;

    constructor() {
        _handler = msg.sender;
    }

    /// @notice Calls `target` with `data` as this wallet.
    /// @return ok Whether the call went through.
    function act(address target, bytes calldata data) external returns (bool ok) {
        if (msg.sender != _handler) revert NotHandler(msg.sender);
        // solhint-disable-next-line avoid-low-level-calls
        (ok,) = target.call(data);
    }
}
