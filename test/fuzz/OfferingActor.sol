// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {LotOfferings} from "../../contracts/offerings/LotOfferings.sol";

/// @title OfferingActor
/// @notice Test-only: one investor wallet of the offering fuzz test; each call reports whether it went through.
contract OfferingActor is ERC1155Holder {
    LotOfferings public immutable offerings;

    constructor(LotOfferings offerings_, IERC20 paymentToken) {
        offerings = offerings_;
        paymentToken.approve(address(offerings_), type(uint256).max);
    }

    function subscribe(uint256 offeringId, uint256 units) external returns (bool ok) {
        try offerings.subscribe(offeringId, units) {
            ok = true;
        } catch {}
    }

    function reduce(uint256 offeringId, uint256 newRequested) external returns (bool ok) {
        try offerings.reduce(offeringId, newRequested) {
            ok = true;
        } catch {}
    }

    function cancel(uint256 offeringId) external returns (bool ok) {
        try offerings.cancel(offeringId) {
            ok = true;
        } catch {}
    }

    function claim(uint256 offeringId) external returns (bool ok) {
        try offerings.claim(offeringId, address(this)) {
            ok = true;
        } catch {}
    }

    function refundInstead(uint256 offeringId) external returns (bool ok) {
        try offerings.refundInstead(offeringId) {
            ok = true;
        } catch {}
    }
}
