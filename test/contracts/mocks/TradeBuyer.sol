// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

interface ITakes {
    function take(uint256 offerId) external;
}

/// @title TradeBuyer
/// @notice Test-only: a buyer contract for the trades contract whose ERC-1155 hook, when armed, makes one call of its
/// choice (and records whether it went through), or refuses the units outright.
contract TradeBuyer is ERC1155Holder {
    address public target;
    bytes public data;
    bool public armed;
    bool public refusing;
    bool public reentered;
    bytes public reentryError;

    function approve(IERC20 paymentToken, address spender, uint256 amount) external {
        paymentToken.approve(spender, amount);
    }

    function take(ITakes trades, uint256 offerId) external {
        trades.take(offerId);
    }

    function arm(address target_, bytes calldata data_) external {
        (target, data, armed) = (target_, data_, true);
    }

    function setRefusing(bool refusing_) external {
        refusing = refusing_;
    }

    /// @inheritdoc ERC1155Holder
    function onERC1155Received(address, address, uint256, uint256, bytes memory) public override returns (bytes4) {
        if (refusing) return bytes4(0);
        if (armed) {
            armed = false;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = target.call(data);
            reentered = ok;
            if (!ok) reentryError = result;
        }
        return this.onERC1155Received.selector;
    }
}
