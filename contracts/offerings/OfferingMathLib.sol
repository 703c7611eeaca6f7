// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OfferingMathLib
/// @notice The two roundings of a primary offering, named by their direction. A payment for units is rounded UP
/// (the investor never pays less than the price), an allocation is rounded DOWN (never more units than exist), so
/// for every investor `paid = paymentUp(allocated) + refund` with `refund >= 0`: `paymentUp` is monotonic and the
/// allocation never exceeds the request that was paid for.
library OfferingMathLib {
    /// @notice What `units` cost at `priceAmount` payment base units per `priceUnit` units, rounded up.
    /// @param units The number of units (base units of the lot's commodity).
    /// @param priceAmount The price, in payment token base units, of `priceUnit` units.
    /// @param priceUnit The number of units `priceAmount` buys (e.g. 1000 for a price per tonne of a lot in kg).
    function paymentUp(uint256 units, uint256 priceAmount, uint256 priceUnit) internal pure returns (uint256) {
        return Math.mulDiv(units, priceAmount, priceUnit, Math.Rounding.Ceil);
    }

    /// @notice An investor's share of `capacity` units when `totalRequested` units were requested, rounded down.
    /// Equal to `requested` when `capacity == totalRequested`; the sum over investors never exceeds `capacity`.
    /// @param requested The investor's request.
    /// @param capacity The units to share out (at most `totalRequested`).
    /// @param totalRequested The sum of every investor's request (not zero when `requested` is not).
    function allocationDown(uint256 requested, uint256 capacity, uint256 totalRequested)
        internal
        pure
        returns (uint256)
    {
        return requested == 0 ? 0 : Math.mulDiv(requested, capacity, totalRequested);
    }
}
