// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferToken
/// @notice Test-only: an ERC-20 that burns 1% of every transfer, so the receiver gets less than was sent.
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee USD", "fUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) ? 0 : value / 100;
        super._update(from, to, value - fee);
        if (fee != 0) super._update(from, address(0), fee);
    }
}

/// @title FalseReturningToken
/// @notice Test-only: an ERC-20 whose `transfer` and `transferFrom` return false without moving anything while
/// `failing` is set (the behaviour of some old tokens), instead of reverting.
contract FalseReturningToken is ERC20 {
    bool public failing;

    constructor() ERC20("False USD", "xUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool failing_) external {
        failing = failing_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transferFrom(from, to, value);
    }
}

/// @title ReentrantPaymentToken
/// @notice Test-only: an ERC-20 that, when armed, makes one call of its choice (`target`, `data`) from inside its
/// next transfer and records whether it went through, so a test shows a payment token cannot reenter.
contract ReentrantPaymentToken is ERC20 {
    address public target;
    bytes public data;
    bool public armed;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("Reentrant USD", "rUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        (target, data, armed) = (target_, data_, true);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && from != address(0)) {
            armed = false;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = target.call(data);
            reentered = ok;
            if (!ok) reentryError = result;
        }
    }
}
