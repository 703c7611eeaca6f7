// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LotMathLib} from "../../contracts/lots/LotMathLib.sol";
import {Commodity} from "../../contracts/lots/LotTypes.sol";

/// @title LotMathFuzzTest
/// @notice Properties of `LotMathLib.deriveQuantitiesDown` over every accepted figure: the payable quantity never
/// exceeds the contained one, the contained quantity never exceeds the lot's dry mass in the same unit, both are
/// the floor of the exact figure (rounded down, by less than one base unit), and nothing overflows.
contract LotMathFuzzTest {
    /// @notice Thrown when a checked property does not hold; `what` names it.
    error PropertyViolated(string what, uint256 left, uint256 right);

    uint256 internal constant BPS = 10_000;
    uint256 internal constant PPB = 1_000_000_000;
    uint256 internal constant MAX_WET_MASS_GRAMS = 1e15;

    struct Figures {
        Commodity commodity;
        uint256 wetMassGrams;
        uint256 moistureBps;
        uint256 gradePpb;
        uint256 payableBps;
    }

    function testFuzz_deriveQuantitiesDown_staysWithinDryMassAndRoundsDown(
        uint8 commoditySeed,
        uint64 wetSeed,
        uint16 moistureSeed,
        uint32 gradeSeed,
        uint16 payableSeed
    ) public pure {
        Figures memory f = _figures(commoditySeed, wetSeed, moistureSeed, gradeSeed, payableSeed);
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(f.commodity, f.wetMassGrams, f.moistureBps, f.gradePpb, f.payableBps);

        _assertLe("payable <= contained", payable_, contained);

        // The dry mass of the lot in the commodity's base unit (mg for gold, kg otherwise), rounded down.
        uint256 dryGramsTimesBps = f.wetMassGrams * (BPS - f.moistureBps);
        uint256 dryBase = f.commodity == Commodity.Gold ? (dryGramsTimesBps * 1e3) / BPS : dryGramsTimesBps / (BPS * 1e3);
        _assertLe("contained <= dry mass", contained, dryBase);

        // contained = floor(dry grams x grade in the base unit): within one base unit below the exact figure.
        uint256 divisor = f.commodity == Commodity.Gold ? 1e10 : 1e16;
        uint256 exact = dryGramsTimesBps * f.gradePpb;
        _assertLe("contained rounds down", uint256(contained) * divisor, exact);
        _assertLt("contained rounds down by less than one unit", exact, (uint256(contained) + 1) * divisor);

        // payable = floor(contained x payable share).
        _assertLe("payable rounds down", uint256(payable_) * BPS, uint256(contained) * f.payableBps);
        _assertLt(
            "payable rounds down by less than one unit", uint256(contained) * f.payableBps, (uint256(payable_) + 1) * BPS
        );
        if (f.payableBps == BPS) _assertEq("fully payable", payable_, contained);
    }

    function testFuzz_deriveQuantitiesDown_isMonotonicInWetMassAndGrade(
        uint8 commoditySeed,
        uint64 wetSeed,
        uint16 moistureSeed,
        uint32 gradeSeed,
        uint16 payableSeed
    ) public pure {
        Figures memory f = _figures(commoditySeed, wetSeed, moistureSeed, gradeSeed, payableSeed);
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(f.commodity, f.wetMassGrams, f.moistureBps, f.gradePpb, f.payableBps);

        if (f.wetMassGrams < MAX_WET_MASS_GRAMS) {
            (uint128 heavierContained, uint128 heavierPayable) = LotMathLib.deriveQuantitiesDown(
                f.commodity, f.wetMassGrams + 1, f.moistureBps, f.gradePpb, f.payableBps
            );
            _assertLe("more mass: contained", contained, heavierContained);
            _assertLe("more mass: payable", payable_, heavierPayable);
        }
        if (f.gradePpb < PPB) {
            (uint128 richerContained, uint128 richerPayable) = LotMathLib.deriveQuantitiesDown(
                f.commodity, f.wetMassGrams, f.moistureBps, f.gradePpb + 1, f.payableBps
            );
            _assertLe("higher grade: contained", contained, richerContained);
            _assertLe("higher grade: payable", payable_, richerPayable);
        }
        if (f.moistureBps > 0) {
            (uint128 drierContained,) = LotMathLib.deriveQuantitiesDown(
                f.commodity, f.wetMassGrams, f.moistureBps - 1, f.gradePpb, f.payableBps
            );
            _assertLe("less moisture: contained", contained, drierContained);
        }
    }

    function test_deriveQuantitiesDown_referenceCopperConcentrate() public pure {
        // 10,000 wmt, 8% moisture, 26.5% Cu, 96.5% payable: 2,438,000 kg contained, 2,352,670 kg payable.
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(Commodity.Copper, 1e10, 800, 265_000_000, 9650);
        _assertEq("copper contained", contained, 2_438_000);
        _assertEq("copper payable", payable_, 2_352_670);
    }

    function test_deriveQuantitiesDown_referenceGoldDore() public pure {
        // 25 kg dore, dry, 91.25% Au, 99.5% payable: 22,812,500 mg contained, 22,698,437 mg payable (rounded down).
        (uint128 contained, uint128 payable_) = LotMathLib.deriveQuantitiesDown(Commodity.Gold, 25_000, 0, 912_500_000, 9950);
        _assertEq("gold contained", contained, 22_812_500);
        _assertEq("gold payable", payable_, 22_698_437);
    }

    function test_deriveQuantitiesDown_largestLotDoesNotOverflow() public pure {
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(Commodity.Gold, MAX_WET_MASS_GRAMS, 0, PPB, BPS);
        _assertEq("1e15 g of pure gold in mg", contained, 1e18);
        _assertEq("fully payable", payable_, 1e18);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Maps raw fuzz input onto the figures the registry accepts.
    function _figures(uint8 commoditySeed, uint64 wetSeed, uint16 moistureSeed, uint32 gradeSeed, uint16 payableSeed)
        internal
        pure
        returns (Figures memory)
    {
        return Figures({
            commodity: Commodity(commoditySeed % 5),
            wetMassGrams: 1 + (uint256(wetSeed) % MAX_WET_MASS_GRAMS),
            moistureBps: uint256(moistureSeed) % BPS,
            gradePpb: 1 + (uint256(gradeSeed) % PPB),
            payableBps: 1 + (uint256(payableSeed) % BPS)
        });
    }

    function _assertEq(string memory what, uint256 left, uint256 right) internal pure {
        if (left != right) revert PropertyViolated(what, left, right);
    }

    function _assertLe(string memory what, uint256 left, uint256 right) internal pure {
        if (left > right) revert PropertyViolated(what, left, right);
    }

    function _assertLt(string memory what, uint256 left, uint256 right) internal pure {
        if (left >= right) revert PropertyViolated(what, left, right);
    }
}
