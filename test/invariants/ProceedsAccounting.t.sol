// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {LotRegistry} from "../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";
import {InvestorRegistrar} from "../../contracts/compliance/InvestorRegistrar.sol";
import {ProceedsVault} from "../../contracts/proceeds/ProceedsVault.sol";
import {IProceedsToken} from "../../contracts/interfaces/IProceedsToken.sol";
import {LotProceeds, Position} from "../../contracts/interfaces/IProceedsVault.sol";
import {Basis, Commodity, Form, LotRegistration} from "../../contracts/lots/LotTypes.sol";
import {InvestorClass} from "../../contracts/compliance/ComplianceTypes.sol";
import {TestStablecoin} from "../../contracts/mocks/TestStablecoin.sol";
import {ProceedsActor} from "./ProceedsActor.sol";

/// @title ProceedsAccountingTest
/// @notice Fuzzed sale proceeds on the real registry, token and vault: four holders with fuzzed holdings, then any
/// sequence of deposits (provisional, possibly final), redemptions, claims, hand-overs to a platform account that burns
/// them (a physical delivery: units owed to nobody) and dust sweeps. After every step:
/// - the vault's stablecoin balance == deposited - paid - swept;
/// - claimed + claimable (counting units still in wallets) + sweepable + rounding residue == deposited, where the
///   residue is less than one base unit per holder;
/// - nobody is paid twice: each holder's stablecoin balance is exactly what its position records as paid, never above
///   its entitlement.
/// At the end (final payment made, everyone redeemed and claimed), every holder was paid floor(units x total / N) or
/// one base unit less, never more. The test contract holds every role and is the platform account that "delivers".
contract ProceedsAccountingTest is ERC1155Holder {
    /// @notice Thrown when a checked property does not hold; `what` names it, `step` is the step it broke at.
    error PropertyViolated(string what, uint256 step, uint256 actual, uint256 expected);

    uint256 internal constant HOLDERS = 4;
    uint256 internal constant STEPS = 16;
    uint256 internal constant MAGNITUDE = 2 ** 128;

    LotRegistry internal registry;
    LotToken internal token;
    InvestorRegistrar internal registrar;
    ProceedsVault internal vault;
    TestStablecoin internal usd;
    ProceedsActor[HOLDERS] internal actors;
    uint256 internal lotId;
    uint256 internal supply;
    /// @dev Units each holder has redeemed (to check its final payment against).
    uint256[HOLDERS] internal redeemed;

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
        registry.grantRole(registry.TREASURY_ROLE(), address(this));
        vault = new ProceedsVault(registry, IProceedsToken(address(token)), 0);
        registrar.setPlatformAccount(address(vault), true);
        registrar.setPlatformAccount(address(this), true);
        registry.bindProceeds(address(vault));
        usd = new TestStablecoin();
        usd.mint(address(this), type(uint128).max);
        usd.approve(address(vault), type(uint256).max);
        for (uint256 i; i < HOLDERS; ++i) {
            actors[i] = new ProceedsActor(token, vault);
            registrar.registerInvestor(address(actors[i]), 646, InvestorClass.Institutional, uint40(block.timestamp + 3650 days));
        }
    }

    /// @notice Any sequence of deposits, redemptions, claims, deliveries and sweeps keeps the accounts exact.
    function testFuzz_proceedsSequences_reconcileToTheLastBaseUnit(uint256 holdingsSeed, uint256[STEPS] calldata seeds)
        public
    {
        _settleLot(holdingsSeed);
        for (uint256 step; step < STEPS; ++step) {
            _act(seeds[step]);
            _check(step + 1);
        }
        _finish();
    }

    /// @notice A fixed sequence: payments before, between and after redemptions, a delivery, and a sweep.
    function test_paymentsAroundRedemptionsAndADelivery_reconcile() public {
        _settleLot(0x0307_0b05);
        _redeem(0, token.balanceOf(address(actors[0]), lotId));
        vault.deposit(lotId, 1_000_000_007);
        _check(1);
        actors[1].handOver(address(this), lotId, 3);
        token.burn(address(this), lotId, 3);
        _redeem(2, 1);
        actors[0].claim(lotId);
        _check(2);
        vault.deposit(lotId, 333_333_333);
        vault.finalize(lotId);
        vault.sweepDust(lotId);
        _check(3);
        _finish();
    }

    // ------------------------------------------------------------------ steps

    function _act(uint256 seed) internal {
        uint256 kind = seed % 6;
        ProceedsActor actor = actors[(seed >> 8) % HOLDERS];
        uint256 wallet = token.balanceOf(address(actor), lotId);
        uint256 amount = (seed >> 16) % (wallet + 2);
        if (kind == 0) {
            // A provisional payment of any size up to about 10^12 USD; refused (zero, or after the final) changes nothing.
            try vault.deposit(lotId, (seed >> 64) % 1e18) {} catch {}
        } else if (kind == 1) {
            _redeem((seed >> 8) % HOLDERS, amount);
        } else if (kind == 2) {
            actor.claim(lotId);
        } else if (kind == 3) {
            // A physical delivery: the units go to a platform account, which burns them; they are owed to nobody.
            if (amount != 0 && actor.handOver(address(this), lotId, amount)) token.burn(address(this), lotId, amount);
        } else if (kind == 4) {
            // A final payment (a deposit, then the treasury's declaration that it was the last).
            try vault.deposit(lotId, (seed >> 64) % 1e18) {} catch {}
            try vault.finalize(lotId) {} catch {}
        } else {
            try vault.sweepDust(lotId) {} catch {}
        }
    }

    function _redeem(uint256 holder, uint256 amount) internal {
        if (actors[holder].redeem(lotId, amount)) redeemed[holder] += amount;
    }

    /// @dev The final payment (if not made), then every holder redeems and claims; each is paid its exact share.
    function _finish() internal {
        if (vault.getLotProceeds(lotId).proceeds.finalAt == 0) {
            vault.deposit(lotId, 999_999_999_999);
            vault.finalize(lotId);
        }
        for (uint256 i; i < HOLDERS; ++i) {
            uint256 wallet = token.balanceOf(address(actors[i]), lotId);
            if (wallet != 0) _redeem(i, wallet);
            actors[i].claim(lotId);
        }
        _check(STEPS + 1);
        LotProceeds memory p = vault.getLotProceeds(lotId).proceeds;
        for (uint256 i; i < HOLDERS; ++i) {
            uint256 paid = usd.balanceOf(address(actors[i]));
            uint256 exact = redeemed[i] * p.deposited / p.entitledSupply;
            if (paid > exact) revert PropertyViolated("paid <= floor(units x total / N)", i, paid, exact);
            if (paid + 1 < exact) revert PropertyViolated("paid >= floor(units x total / N) - 1", i, paid, exact);
            if (paid != redeemed[i] * p.accPerUnit / MAGNITUDE) revert PropertyViolated("paid == entitlement", i, paid, 0);
        }
        try vault.sweepDust(lotId) {} catch {}
        uint256 left = usd.balanceOf(address(vault));
        if (left >= HOLDERS) revert PropertyViolated("only rounding residue is left", STEPS + 2, left, HOLDERS);
    }

    // ------------------------------------------------------------------ the properties

    function _check(uint256 step) internal view {
        LotProceeds memory p = vault.getLotProceeds(lotId).proceeds;
        uint256 balance = usd.balanceOf(address(vault));
        if (balance != p.deposited - p.paid - p.swept) {
            revert PropertyViolated("balance == deposited - paid - swept", step, balance, p.deposited - p.paid - p.swept);
        }
        uint256 claimed;
        uint256 claimable;
        for (uint256 i; i < HOLDERS; ++i) {
            address holder = address(actors[i]);
            Position memory position = vault.getPosition(lotId, holder);
            uint256 received = usd.balanceOf(holder);
            if (received != position.paid) revert PropertyViolated("paid once: received == position.paid", step, received, position.paid);
            uint256 entitlement = position.units * p.accPerUnit / MAGNITUDE;
            if (received > entitlement) revert PropertyViolated("received <= entitlement", step, received, entitlement);
            claimed += received;
            claimable += vault.claimableOf(lotId, holder);
        }
        if (claimed != p.paid) revert PropertyViolated("claimed == paid", step, claimed, p.paid);
        uint256 accounted = claimed + claimable + vault.sweepable(lotId) + p.swept;
        if (accounted > p.deposited) revert PropertyViolated("claimed + claimable + sweepable + swept <= deposited", step, accounted, p.deposited);
        if (p.deposited - accounted >= HOLDERS) revert PropertyViolated("residue < one base unit per holder", step, p.deposited - accounted, HOLDERS);
    }

    // ------------------------------------------------------------------ setup

    /// @dev A warehoused lot, holdings of 1 to 65,536 units per holder from `seed`, then settlement.
    function _settleLot(uint256 seed) internal {
        lotId = registry.registerLot(
            LotRegistration({
                commodity: Commodity.Copper,
                form: Form.Concentrate,
                basis: Basis.Element,
                countryCode: 152,
                originId: "CL-ANTOFAGASTA-0042",
                externalRef: keccak256("proceeds lot"),
                wetMassGrams: 10_000_000_000,
                moistureBps: 800,
                gradePpb: 265_000_000,
                payableBps: 9650,
                custodian: address(this),
                location: "Antofagasta W3"
            })
        );
        registry.recordAssay(lotId, 800, 265_000_000, 9650);
        registry.attestCustody(lotId, 2_000_000, "Antofagasta W3");
        for (uint256 i; i < HOLDERS; ++i) {
            uint256 units = ((seed >> (16 * i)) % 65_536) + 1;
            token.mint(address(actors[i]), lotId, units, "");
            supply += units;
        }
        registry.startSettlement(lotId, "SALE-FUZZ", address(usd), address(this));
    }
}
