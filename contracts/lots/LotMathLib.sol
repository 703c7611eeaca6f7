// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Commodity, Form, Basis} from "./LotTypes.sol";

/// @title LotMathLib
/// @notice The quantity arithmetic of a lot and which forms and bases each commodity may take.
/// Every division rounds down: a lot never claims more metal than its figures support.
library LotMathLib {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant PPB = 1_000_000_000;

    /// @dev One billion tonnes, in grams: far above any physical lot, low enough that no product can overflow.
    uint256 internal constant MAX_WET_MASS_GRAMS = 1e15;

    /// @dev wet grams * dry share (bps) * grade (ppb) -> milligrams: divide by 1e4 * 1e9 / 1e3.
    uint256 internal constant TO_MILLIGRAMS_DIVISOR = 1e10;
    /// @dev wet grams * dry share (bps) * grade (ppb) -> kilograms: divide by 1e4 * 1e9 * 1e3.
    uint256 internal constant TO_KILOGRAMS_DIVISOR = 1e16;

    /// @notice The contained and payable quantity of a lot in its commodity's base unit, each rounded down.
    /// @dev wetMassGrams <= 1e15, so the product is below 1e15 * 1e4 * 1e9 = 1e28 and the results fit in uint128.
    function deriveQuantitiesDown(
        Commodity commodity,
        uint256 wetMassGrams,
        uint256 moistureBps,
        uint256 gradePpb,
        uint256 payableBps
    ) internal pure returns (uint128 contained, uint128 payable_) {
        uint256 divisor = commodity == Commodity.Gold ? TO_MILLIGRAMS_DIVISOR : TO_KILOGRAMS_DIVISOR;
        uint256 containedBase = (wetMassGrams * (BPS - moistureBps) * gradePpb) / divisor;
        contained = uint128(containedBase);
        payable_ = uint128((containedBase * payableBps) / BPS);
    }

    /// @notice Whether `commodity` is traded in `form`.
    function formAllowed(Commodity commodity, Form form) internal pure returns (bool) {
        if (commodity == Commodity.Gold) return form == Form.Dore || form == Form.Bar;
        if (commodity == Commodity.Copper) return form == Form.Concentrate || form == Form.Cathode;
        if (commodity == Commodity.Tungsten) return form == Form.Concentrate || form == Form.Apt;
        if (commodity == Commodity.Antimony) {
            return form == Form.Regulus || form == Form.Trioxide || form == Form.Concentrate;
        }
        return form == Form.Concentrate || form == Form.Oxide;
    }

    /// @notice The basis a commodity's base unit is measured on: oxide for tungsten (WO3) and rare earths (TREO).
    function basisOf(Commodity commodity) internal pure returns (Basis) {
        return commodity == Commodity.Tungsten || commodity == Commodity.RareEarths ? Basis.Oxide : Basis.Element;
    }
}
