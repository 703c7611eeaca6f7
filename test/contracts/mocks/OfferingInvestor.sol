// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ILotOfferings} from "../../../contracts/interfaces/ILotOfferings.sol";

/// @title OfferingInvestor
/// @notice Test-only: an investor that is a contract. It subscribes, cancels and claims; when armed, its ERC-1155
/// hook either tries to claim again (recording the outcome) or refuses every delivery of units.
contract OfferingInvestor is ERC1155Holder {
    /// @notice Thrown by the hook when the investor refuses units.
    error RefusingUnits();

    ILotOfferings public immutable offerings;
    bool public reenterOnReceive;
    bool public refuseUnits;
    bool public reentered;
    bytes public reentryError;

    constructor(ILotOfferings offerings_) {
        offerings = offerings_;
    }

    function setHooks(bool reenter, bool refuse) external {
        (reenterOnReceive, refuseUnits) = (reenter, refuse);
    }

    function approve(IERC20 paymentToken, uint256 amount) external {
        paymentToken.approve(address(offerings), amount);
    }

    function subscribe(uint256 offeringId, uint256 units) external {
        offerings.subscribe(offeringId, units);
    }

    function claim(uint256 offeringId) external {
        offerings.claim(offeringId, address(this));
    }

    /// @dev The offering id to reclaim from inside the hook.
    uint256 public claimingOffering;

    function setClaimingOffering(uint256 offeringId) external {
        claimingOffering = offeringId;
    }

    function onERC1155Received(address, address, uint256, uint256, bytes memory) public override returns (bytes4) {
        if (refuseUnits) revert RefusingUnits();
        if (reenterOnReceive) {
            reenterOnReceive = false;
            try offerings.claim(claimingOffering, address(this)) {
                reentered = true;
            } catch (bytes memory err) {
                reentryError = err;
            }
        }
        return this.onERC1155Received.selector;
    }
}
