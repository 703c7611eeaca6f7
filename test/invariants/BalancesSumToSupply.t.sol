// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LotRegistry} from "../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";
import {InvestorRegistrar} from "../../contracts/compliance/InvestorRegistrar.sol";
import {Basis, Commodity, Form, Lot, LotRegistration} from "../../contracts/lots/LotTypes.sol";
import {InvestorClass} from "../../contracts/compliance/ComplianceTypes.sol";
import {ComplianceActor} from "./ComplianceActor.sol";
import {PlatformBurner} from "../contracts/mocks/PlatformBurner.sol";

/// @title BalancesSumToSupplyTest
/// @notice Per lot, the balances of every wallet add up to the lot's supply, which is what the registry recorded as
/// minted minus burned: whatever fuzzed sequence of mints, transfers, batch transfers, burns, batch burns, forced
/// transfers and freezes is tried, and whether each step goes through or is refused. The wallets are actor contracts
/// (the only accounts registered as investors, so the only ones that can hold units); the test contract holds every
/// role itself, so no cheatcodes are needed.
contract BalancesSumToSupplyTest {
    /// @notice Thrown when a checked property does not hold; `what` names it, `step` is the step it broke at.
    error PropertyViolated(string what, uint256 step, uint256 actual, uint256 expected);

    uint256 internal constant WALLETS = 4;
    uint256 internal constant STEPS = 16;

    LotRegistry internal registry;
    LotToken internal token;
    InvestorRegistrar internal registrar;
    /// @dev The platform account the actors\' units exit to: it burns what it receives.
    PlatformBurner internal burner;
    ComplianceActor[WALLETS] internal actors;
    uint256[2] internal lotIds;

    function setUp() public {
        registry = new LotRegistry(0, address(this));
        token = new LotToken(registry, "ipfs://lots/");
        registry.bindToken(address(token));
        registrar = new InvestorRegistrar(registry, token);
        token.bindRegistrar(address(registrar));
        burner = new PlatformBurner();
        registrar.setPlatformAccount(address(burner), true);
        registry.grantRole(registry.ISSUER_ROLE(), address(this));
        registry.grantRole(registry.ASSAYER_ROLE(), address(this));
        registry.grantRole(registry.CUSTODIAN_ROLE(), address(this));
        registry.grantRole(registry.COMPLIANCE_ROLE(), address(this));
        lotIds[0] = _warehousedLot("supply lot A", 5_000);
        lotIds[1] = _warehousedLot("supply lot B", 3_000);
        for (uint256 i; i < WALLETS; ++i) {
            actors[i] = new ComplianceActor(token, address(burner));
            registrar.registerInvestor(address(actors[i]), 646, InvestorClass.Institutional, uint40(block.timestamp + 3650 days));
        }
    }

    /// @notice Any sequence of movements keeps, for each lot, the sum of balances equal to the supply and to minted
    /// minus burned; checked after every step.
    function testFuzz_movementSequences_keepBalancesSummingToSupply(uint256[STEPS] calldata seeds) public {
        _checkSums(0);
        for (uint256 step; step < STEPS; ++step) {
            _act(seeds[step]);
            _checkSums(step + 1);
        }
    }

    /// @notice The sums hold with a lot minted up to its attested quantity and then moved around in full.
    function test_fullyMintedLot_movedInFull_keepsBalancesSummingToSupply() public {
        token.mint(address(actors[0]), lotIds[1], 3_000, "");
        actors[0].transferUnits(address(actors[1]), lotIds[1], 3_000);
        token.forcedTransfer(address(actors[1]), address(actors[2]), lotIds[1], 1_000);
        actors[2].burn(lotIds[1], 1_000);
        _checkSums(1);
    }

    // ------------------------------------------------------------------ actions

    /// @dev One step, chosen and sized from `seed`; a refused step is part of the sequence (it must change nothing).
    function _act(uint256 seed) internal {
        uint256 kind = seed % 7;
        ComplianceActor from = actors[(seed >> 8) % WALLETS];
        ComplianceActor to = actors[(seed >> 16) % WALLETS];
        uint256 lotId = lotIds[(seed >> 24) % 2];
        // From zero to a little past the holder's balance (or the lot's attestation, for mints), so steps land on
        // both sides of every limit.
        uint256 room = kind == 0 ? registry.getLot(lotId).attestedQuantity : token.balanceOf(address(from), lotId);
        uint256 amount = (seed >> 32) % (room + room / 4 + 2);
        if (kind == 0) {
            try token.mint(address(to), lotId, amount, "") {} catch {}
        } else if (kind == 1) {
            from.transferUnits(address(to), lotId, amount);
        } else if (kind == 2) {
            uint256[] memory ids = new uint256[](2);
            uint256[] memory amounts = new uint256[](2);
            (ids[0], ids[1]) = (lotIds[0], lotIds[1]);
            (amounts[0], amounts[1]) = (amount / 2, amount - amount / 2);
            from.sendBatch(address(to), ids, amounts);
        } else if (kind == 3) {
            from.burn(lotId, amount);
        } else if (kind == 4) {
            uint256[] memory ids = new uint256[](2);
            uint256[] memory amounts = new uint256[](2);
            // A batch naming one lot twice: its movements are summed.
            (ids[0], ids[1]) = (lotId, lotId);
            (amounts[0], amounts[1]) = (amount / 3, amount / 3);
            from.burnBatch(ids, amounts);
        } else if (kind == 5) {
            try token.forcedTransfer(address(from), address(to), lotId, amount) {} catch {}
        } else {
            token.setFrozenTokens(address(from), lotId, amount);
        }
    }

    // ------------------------------------------------------------------ the property

    function _checkSums(uint256 step) internal view {
        for (uint256 k; k < lotIds.length; ++k) {
            uint256 lotId = lotIds[k];
            uint256 sum;
            for (uint256 i; i < WALLETS; ++i) {
                sum += token.balanceOf(address(actors[i]), lotId);
            }
            sum += token.balanceOf(address(this), lotId); // never registered, so always zero; counted all the same
            Lot memory lot = registry.getLot(lotId);
            uint256 supply = token.totalSupply(lotId);
            if (sum != supply) revert PropertyViolated("sum of balances == totalSupply", step, sum, supply);
            uint256 recorded = lot.mintedQuantity - lot.burnedQuantity;
            if (supply != recorded) revert PropertyViolated("totalSupply == minted - burned", step, supply, recorded);
        }
    }

    function _warehousedLot(bytes32 ref, uint128 attested) internal returns (uint256 lotId) {
        lotId = registry.registerLot(
            LotRegistration({
                commodity: Commodity.Copper,
                form: Form.Concentrate,
                basis: Basis.Element,
                countryCode: 152,
                originId: "CL-ANTOFAGASTA-0042",
                externalRef: keccak256(abi.encode(ref)),
                wetMassGrams: 100_000_000,
                moistureBps: 800,
                gradePpb: 265_000_000,
                payableBps: 9650,
                custodian: address(this),
                location: "Antofagasta W3"
            })
        );
        registry.recordAssay(lotId, 800, 265_000_000, 9650);
        registry.attestCustody(lotId, attested, "Antofagasta W3");
    }
}
