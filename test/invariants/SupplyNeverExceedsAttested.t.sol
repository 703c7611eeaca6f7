// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ILotRegistry} from "../../contracts/interfaces/ILotRegistry.sol";
import {ILotToken} from "../../contracts/interfaces/ILotToken.sol";
import {LotRegistry} from "../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";
import {PlatformBurner} from "../contracts/mocks/PlatformBurner.sol";
import {InvestorRegistrar} from "../../contracts/compliance/InvestorRegistrar.sol";
import {Basis, Commodity, Form, Lot, LotRegistration} from "../../contracts/lots/LotTypes.sol";
import {InvestorClass, Reason} from "../../contracts/compliance/ComplianceTypes.sol";
import {ILotCompliance} from "../../contracts/interfaces/ILotCompliance.sol";

/// @title SupplyNeverExceedsAttestedTest
/// @notice Per-lot "secure mint": whatever sequence of mints, burns, re-attestations, moves and recalls is tried, the
/// units minted never exceed the attestation of the custodian holding the lot now, the supply is always minted minus burned, and a refused mint
/// changes nothing. The test contract is the registry's admin and holds the ISSUER, ASSAYER and CUSTODIAN roles
/// itself, and it receives the units it mints, so no cheatcodes are needed. Since the compliance layer refuses units
/// to unregistered wallets, it also holds COMPLIANCE_ROLE and registers itself as an investor (KYC far in the future).
contract SupplyNeverExceedsAttestedTest is ERC1155Holder {
    /// @notice Thrown when a checked property does not hold; `what` names it.
    error PropertyViolated(string what, uint256 actual, uint256 expected);

    /// @notice Thrown when a call was refused for another reason than the one the model predicts.
    error UnexpectedRefusal(string what, bytes reason, bytes expected);

    /// @notice Thrown when a call the model says must be refused went through.
    error UnexpectedSuccess(string what, uint256 amount);

    uint256 internal constant STEPS = 8;

    LotRegistry internal registry;
    LotToken internal token;
    InvestorRegistrar internal registrar;
    PlatformBurner internal burner;
    uint256 internal lotId;
    uint256 internal payableQuantity;

    /// @dev What the test expects the registry to have recorded.
    uint256 internal expectedMinted;
    uint256 internal expectedBurned;

    function setUp() public {
        registry = new LotRegistry(0, address(this));
        token = new LotToken(registry, "ipfs://lots/");
        registry.bindToken(address(token));
        registrar = new InvestorRegistrar(registry, token);
        token.bindRegistrar(address(registrar));
        registry.grantRole(registry.ISSUER_ROLE(), address(this));
        registry.grantRole(registry.ASSAYER_ROLE(), address(this));
        registry.grantRole(registry.CUSTODIAN_ROLE(), address(this));
        registry.grantRole(registry.COMPLIANCE_ROLE(), address(this));
        registrar.registerInvestor(address(this), 646, InvestorClass.Institutional, uint40(block.timestamp + 100 * 365 days));
        burner = new PlatformBurner();
        registrar.setPlatformAccount(address(burner), true);

        // A large gold lot: 1,000 t of dore at 91.25% Au, 99.5% payable, i.e. about 9.08e14 mg payable, so that
        // fuzzed uint96 amounts land on both sides of the cap.
        lotId = registry.registerLot(
            LotRegistration({
                commodity: Commodity.Gold,
                form: Form.Dore,
                basis: Basis.Element,
                countryCode: 646,
                originId: "RW-NYUNGWE-007",
                externalRef: keccak256("fuzz lot"),
                wetMassGrams: 1e9,
                moistureBps: 0,
                gradePpb: 912_500_000,
                payableBps: 9950,
                custodian: address(this),
                location: "Kigali vault"
            })
        );
        registry.recordAssay(lotId, 0, 912_500_000, 9950);
        payableQuantity = registry.getLot(lotId).payableQuantity;
    }

    // ------------------------------------------------------------------ fuzz tests

    /// @notice No sequence of mints takes the lot beyond its attested quantity.
    function testFuzz_mintsNeverExceedAttested(uint128 attestedSeed, uint96[8] calldata amounts) public {
        uint256 attested = _attest(attestedSeed);
        for (uint256 i; i < STEPS; ++i) {
            _tryMint(_amount(amounts[i], attested));
            _checkInvariants(attested);
        }
    }

    /// @notice Interleaving burns and a re-attestation with the mints keeps every invariant, and burning never
    /// frees room to mint again.
    function testFuzz_mintsBurnsAndReattestationNeverExceedAttested(
        uint128 attestedSeed,
        uint96[8] calldata amounts,
        uint8 burnMask,
        uint128 reattestSeed
    ) public {
        uint256 attested = _attest(attestedSeed);
        for (uint256 i; i < STEPS; ++i) {
            _tryMint(_amount(amounts[i], attested));
            if ((burnMask >> i) & 1 == 1) _burnHalf();
            if (i == STEPS / 2) attested = _tryReattest(reattestSeed, attested);
            _checkInvariants(attested);
        }
    }

    /// @notice A move in the middle of the mints: on arrival the receiving custodian (here the same contract, which
    /// holds CUSTODIAN_ROLE) attests a fresh figure, refused exactly when it is below what was minted, and from then
    /// on minting is capped by that figure alone, whatever the figure before the journey was.
    function testFuzz_arrivalAttestationCapsLaterMints(
        uint128 attestedSeed,
        uint96[8] calldata amounts,
        uint128 arrivalSeed,
        uint128 fallbackSeed
    ) public {
        uint256 attested = _attest(attestedSeed);
        for (uint256 i; i < STEPS; ++i) {
            if (i == STEPS / 2) attested = _move(arrivalSeed, fallbackSeed);
            _tryMint(_amount(amounts[i], attested));
            _checkInvariants(attested);
        }
    }

    /// @notice After a recall nothing can be minted until the custodian attests again; its new figure then caps minting.
    function testFuzz_recallBlocksMintsUntilReattested(uint128 attestedSeed, uint96 before, uint96 blocked, uint128 reattestSeed)
        public
    {
        uint256 attested = _attest(attestedSeed);
        _tryMint(_amount(before, attested));
        registry.dispatchLot(lotId, address(this), "Port of Mombasa");
        registry.recallLot(lotId, "carrier lost the container");
        _assertEq("mintable after recall", registry.mintableQuantity(lotId), 0);

        uint256 amount = 1 + uint256(blocked) % attested;
        bytes memory expected =
            abi.encodeWithSelector(ILotRegistry.AttestationRequired.selector, lotId, address(this));
        try token.mint(address(this), lotId, amount, "") {
            revert UnexpectedSuccess("mint after recall", amount);
        } catch (bytes memory reason) {
            if (keccak256(reason) != keccak256(expected)) revert UnexpectedRefusal("mint after recall", reason, expected);
        }

        attested = _tryReattest(reattestSeed, attested);
        if (registry.awaitingAttestation(lotId)) {
            // The fuzzed figure was below what was minted and refused: the lot still waits; attest the minted floor.
            attested = expectedMinted == 0 ? 1 : expectedMinted;
            registry.attestCustody(lotId, uint128(attested), "Kigali vault 3");
        }
        _assertEq("mintable after re-attestation", registry.mintableQuantity(lotId), attested - expectedMinted);
        _tryMint(_amount(blocked, attested));
        _checkInvariants(attested);
    }

    // ------------------------------------------------------------------ fixed cases

    /// @notice Minting exactly the attested quantity succeeds; one more unit is refused with the exact figures.
    function test_mintExactlyAttestedThenOneMoreIsRefused() public {
        uint256 attested = _attest(1_000_000);
        _tryMint(attested);
        _tryMint(1);
        _checkInvariants(attested);
        _assertEq("minted", registry.getLot(lotId).mintedQuantity, attested);
    }

    /// @notice A zero mint is refused with ZeroAmount and changes nothing.
    function test_zeroMintIsRefused() public {
        uint256 attested = _attest(10);
        _tryMint(0);
        _checkInvariants(attested);
        _assertEq("minted", registry.getLot(lotId).mintedQuantity, 0);
    }

    /// @notice A mint to a wallet that is not a registered investor is refused by the compliance layer and changes
    /// nothing, not even the registry's minted figure.
    function test_mintToUnregisteredWalletIsRefused() public {
        uint256 attested = _attest(1_000);
        address stranger = address(0xBEEF);
        bytes memory expected = abi.encodeWithSelector(
            ILotCompliance.ComplianceViolation.selector, Reason.ReceiverNotVerified, address(0), stranger, lotId, 10
        );
        try token.mint(stranger, lotId, 10, "") {
            revert UnexpectedSuccess("mint to an unregistered wallet", 10);
        } catch (bytes memory reason) {
            if (keccak256(reason) != keccak256(expected)) revert UnexpectedRefusal("mint to stranger", reason, expected);
        }
        _assertEq("stranger balance", token.balanceOf(stranger, lotId), 0);
        _checkInvariants(attested);
    }

    // ------------------------------------------------------------------ steps

    /// @dev Moves the assayed lot into the warehouse with an attestation between 1 and the payable quantity.
    function _attest(uint128 seed) internal returns (uint256 attested) {
        attested = 1 + (uint256(seed) % payableQuantity);
        registry.attestCustody(lotId, uint128(attested), "Kigali vault");
    }

    /// @dev Amounts from 0 to a little past the attested quantity, so that mints land on both sides of the cap.
    function _amount(uint96 raw, uint256 attested) internal pure returns (uint256) {
        return uint256(raw) % (attested + attested / 4 + 2);
    }

    /// @dev Tries to mint `amount` and checks the outcome against the model: it succeeds exactly when
    /// 0 < amount <= attested - minted, and a refused mint leaves every figure as it was.
    function _tryMint(uint256 amount) internal {
        Lot memory lot = registry.getLot(lotId);
        uint256 available = lot.attestedQuantity - lot.mintedQuantity;
        uint256 supplyBefore = token.totalSupply(lotId);
        uint256 balanceBefore = token.balanceOf(address(this), lotId);

        bytes memory expectedReason;
        if (amount == 0) {
            expectedReason = abi.encodeWithSelector(ILotToken.ZeroAmount.selector, lotId);
        } else if (amount > available) {
            expectedReason = abi.encodeWithSelector(ILotRegistry.MintExceedsAttested.selector, lotId, amount, available);
        }

        try token.mint(address(this), lotId, amount, "") {
            if (expectedReason.length != 0) revert UnexpectedSuccess("mint", amount);
            expectedMinted += amount;
        } catch (bytes memory reason) {
            if (keccak256(reason) != keccak256(expectedReason)) revert UnexpectedRefusal("mint", reason, expectedReason);
            Lot memory after_ = registry.getLot(lotId);
            _assertEq("refused mint: minted", after_.mintedQuantity, lot.mintedQuantity);
            _assertEq("refused mint: burned", after_.burnedQuantity, lot.burnedQuantity);
            _assertEq("refused mint: attested", after_.attestedQuantity, lot.attestedQuantity);
            _assertEq("refused mint: supply", token.totalSupply(lotId), supplyBefore);
            _assertEq("refused mint: balance", token.balanceOf(address(this), lotId), balanceBefore);
        }
    }

    /// @dev Burns half of the units this contract holds (nothing when it holds fewer than two): it hands them to a
    /// platform account that burns them, as a redemption or a delivery does.
    function _burnHalf() internal {
        uint256 half = token.balanceOf(address(this), lotId) / 2;
        if (half == 0) return;
        token.safeTransferFrom(address(this), address(burner), lotId, half, "");
        expectedBurned += half;
    }

    /// @dev Tries to re-attest the warehoused lot; refused exactly when the new figure is below what was minted.
    function _tryReattest(uint128 seed, uint256 attested) internal returns (uint256) {
        uint256 next = 1 + (uint256(seed) % payableQuantity);
        uint256 minted = registry.getLot(lotId).mintedQuantity;
        try registry.attestCustody(lotId, uint128(next), "Kigali vault 2") {
            if (next < minted) revert UnexpectedSuccess("re-attestation below minted", next);
            return next;
        } catch (bytes memory reason) {
            bytes memory expected =
                abi.encodeWithSelector(ILotRegistry.AttestationBelowMinted.selector, lotId, next, minted);
            if (keccak256(reason) != keccak256(expected)) revert UnexpectedRefusal("re-attestation", reason, expected);
            _assertEq("refused re-attestation: attested", registry.getLot(lotId).attestedQuantity, attested);
            return attested;
        }
    }

    /// @dev Dispatches the lot to this same custodian and confirms its arrival with a fuzzed attestation; when that
    /// figure is below what was minted the arrival is refused, and it is confirmed with one at or above the minted
    /// quantity instead. Returns the attestation in force after arrival.
    function _move(uint128 arrivalSeed, uint128 fallbackSeed) internal returns (uint256) {
        registry.dispatchLot(lotId, address(this), "Port of Dar es Salaam");
        uint256 minted = registry.getLot(lotId).mintedQuantity;
        uint256 next = 1 + (uint256(arrivalSeed) % payableQuantity);
        try registry.confirmArrival(lotId, "Dar es Salaam W4", uint128(next)) {
            if (next < minted) revert UnexpectedSuccess("arrival attestation below minted", next);
            return next;
        } catch (bytes memory reason) {
            bytes memory expected =
                abi.encodeWithSelector(ILotRegistry.AttestationBelowMinted.selector, lotId, next, minted);
            if (keccak256(reason) != keccak256(expected)) revert UnexpectedRefusal("arrival", reason, expected);
        }
        uint256 floor = minted == 0 ? 1 : minted;
        next = floor + (uint256(fallbackSeed) % (payableQuantity - floor + 1));
        registry.confirmArrival(lotId, "Dar es Salaam W4", uint128(next));
        return next;
    }

    // ------------------------------------------------------------------ properties

    function _checkInvariants(uint256 attested) internal view {
        Lot memory lot = registry.getLot(lotId);
        uint256 supply = token.totalSupply(lotId);
        _assertEq("attested", lot.attestedQuantity, attested);
        _assertLe("minted <= attested", lot.mintedQuantity, lot.attestedQuantity);
        _assertLe("attested <= payable", lot.attestedQuantity, lot.payableQuantity);
        _assertEq("minted", lot.mintedQuantity, expectedMinted);
        _assertEq("burned", lot.burnedQuantity, expectedBurned);
        _assertEq("totalSupply == minted - burned", supply, lot.mintedQuantity - lot.burnedQuantity);
        _assertEq("balance == totalSupply", token.balanceOf(address(this), lotId), supply);
        _assertEq("mintable", registry.mintableQuantity(lotId), lot.attestedQuantity - lot.mintedQuantity);
    }

    function _assertEq(string memory what, uint256 actual, uint256 expected) internal pure {
        if (actual != expected) revert PropertyViolated(what, actual, expected);
    }

    function _assertLe(string memory what, uint256 actual, uint256 bound) internal pure {
        if (actual > bound) revert PropertyViolated(what, actual, bound);
    }
}
