// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LotRegistry} from "../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";
import {InvestorRegistrar} from "../../contracts/compliance/InvestorRegistrar.sol";
import {LotOfferings} from "../../contracts/offerings/LotOfferings.sol";
import {ProceedsVault} from "../../contracts/proceeds/ProceedsVault.sol";
import {DeliveryEscrow} from "../../contracts/delivery/DeliveryEscrow.sol";
import {LotTrades} from "../../contracts/trades/LotTrades.sol";
import {TestStablecoin} from "../../contracts/mocks/TestStablecoin.sol";
import {LotProcessing} from "../../contracts/processing/LotProcessing.sol";
import {IProcessingToken} from "../../contracts/interfaces/IProcessingToken.sol";
import {IOfferingRegistry} from "../../contracts/interfaces/IOfferingRegistry.sol";
import {IOfferingToken} from "../../contracts/interfaces/IOfferingToken.sol";
import {IDeliveryToken} from "../../contracts/interfaces/IDeliveryToken.sol";
import {IProceedsToken} from "../../contracts/interfaces/IProceedsToken.sol";
import {ITradeToken} from "../../contracts/interfaces/ITradeToken.sol";
import {Platform, PlatformHandler} from "./campaign/PlatformHandler.sol";
import {VM} from "./campaign/Vm.sol";

/// @title PlatformCampaignTest
/// @notice The whole-platform stateful campaign: registry, token, registrar, offerings, proceeds vault, delivery
/// escrow and trades deployed and wired as `deployPlatform` wires them, driven by `PlatformHandler`'s honest and
/// hostile actors in random sequences (subscriptions, closes and cancellations, claims in any order, refunds instead,
/// released claims, transfers, trades, deliveries requested and decided mid-distribution, freezes, KYC lapses and
/// class changes, pauses, holds, time passing, settlement, deposits and finality, a rival treasury, redemptions,
/// proceeds claims, released positions, sweeps, retirement, and accounts reaching beyond their roles).
///
/// Safety, after every call: stablecoin and metal conserve to the base unit; nobody is paid twice or above its
/// share; no account acts beyond its role. Liveness, after every run (`afterInvariant`): once restrictions lift,
/// every subscriber ends with its units or its money, every delivery request can be decided, every holder can redeem
/// and every redeemed unit is paid. `npm test` runs a short campaign; `npm run fuzz:deep` a long one.
contract PlatformCampaignTest {
    /// @notice Thrown when a property does not hold; `what` says which, with the figures.
    error PropertyViolated(string what);

    PlatformHandler internal handler;

    function setUp() public {
        LotRegistry registry = new LotRegistry(0, address(this));
        LotToken token = new LotToken(registry, "ipfs://lots/");
        registry.bindToken(address(token));
        InvestorRegistrar registrar = new InvestorRegistrar(registry, token);
        token.bindRegistrar(address(registrar));
        LotTrades trades = new LotTrades(ITradeToken(address(token)));
        LotOfferings offerings = new LotOfferings(IOfferingRegistry(address(registry)), IOfferingToken(address(token)));
        registrar.setPlatformAccount(address(offerings), true);
        registry.grantRole(registry.ISSUER_ROLE(), address(offerings));
        registry.bindOfferings(address(offerings));
        DeliveryEscrow escrow = new DeliveryEscrow(registry, IDeliveryToken(address(token)));
        registrar.setPlatformAccount(address(escrow), true);
        registry.bindDelivery(address(escrow));
        ProceedsVault vault = new ProceedsVault(registry, IProceedsToken(address(token)), 30 days);
        registrar.setPlatformAccount(address(vault), true);
        registry.bindProceeds(address(vault));
        TestStablecoin usd = new TestStablecoin();
        LotProcessing processing = new LotProcessing(registry, IProcessingToken(address(token)));
        registrar.setPlatformAccount(address(processing), true);
        registry.grantRole(registry.ISSUER_ROLE(), address(processing));
        registry.bindProcessing(address(processing));

        handler = new PlatformHandler(
            Platform({
                registry: registry,
                token: token,
                registrar: registrar,
                offerings: offerings,
                vault: vault,
                escrow: escrow,
                trades: trades,
                usd: usd,
                processing: processing
            })
        );
        registry.grantRole(registry.ISSUER_ROLE(), address(handler));
        registry.grantRole(registry.ASSAYER_ROLE(), address(handler));
        registry.grantRole(registry.CUSTODIAN_ROLE(), address(handler));
        registry.grantRole(registry.COMPLIANCE_ROLE(), address(handler));
        registry.grantRole(registry.PAUSER_ROLE(), address(handler));
        registry.grantRole(registry.REFINER_ROLE(), address(handler));
        // The rival holds TREASURY_ROLE too: being a treasury must not make it any lot's treasury.
        registry.grantRole(registry.TREASURY_ROLE(), address(handler.treasury()));
        registry.grantRole(registry.TREASURY_ROLE(), address(handler.rival()));
        handler.initialise();
    }

    /// @notice The campaign calls only the handler's actions.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Safety, after every call (one campaign checks every property; the message says which broke):
    /// stablecoin and metal conserve to the base unit (`checkMoney`, `checkMetal`), nobody is paid twice or above its
    /// share (`checkProceeds`), holder counts are exact and within the limit (`checkHolders`), and no account acted
    /// beyond its role nor did a claim deliver other than its allocation (the handler's failures).
    function invariant_platformStaysSafe() public view {
        _holds(handler.checkMoney());
        _holds(handler.checkMetal());
        _holds(handler.checkProceeds());
        _holds(handler.checkHolders());
        _holds(handler.checkProcessing());
        if (handler.failureCount() != 0) revert PropertyViolated(handler.firstFailure());
    }

    /// @notice Liveness: after each run, everything closes out and nothing an investor paid for or holds is stuck.
    function afterInvariant() public {
        handler.closeOut();
        if (handler.failureCount() != 0) revert PropertyViolated(handler.firstFailure());
        _holds(handler.checkMoney());
        _holds(handler.checkMetal());
        _holds(handler.checkProceeds());
        _holds(handler.checkProcessing());
    }

    /// @notice Every action of the handler can go through (none is refused by construction, which would leave the
    /// campaign exercising nothing): one scripted story that makes each happen, then the close-out.
    function test_everyActionCanGoThrough() public {
        // An offering of 60,000 units (soft cap 20,000) of a lot with four holder slots: four subscribers, one
        // reduces, one cancels and gives its slot to a fifth.
        handler.subscribe(0, 9_999);
        handler.subscribe(1, 29_999);
        handler.subscribe(2, 9_999);
        handler.subscribe(3, 4_999);
        handler.reduce(1, _seedFrom(20_000 << 2, 4, 1));
        handler.reduce(3, _seedFor(4, 0));
        handler.subscribe(4, 9_999);
        VM.warp(block.timestamp + 11 days);
        handler.close(_seedFor2(16, 1, 2, 1));
        handler.claim(0, 0, _seedFor(4, 0));
        handler.claim(0, 1, _seedFor(4, 1));
        // Investor 2 becomes retail, below the lot's minimum class: refused for good, it takes its refund instead.
        handler.restrict(2, 0, _seedFor(6, 3), _seedFor(3, 0));
        handler.claim(0, 2, _seedFor(4, 2));
        // Compliance releases investor 4's claim to investor 0.
        handler.claim(0, 4, _seedFor(4, 3));
        handler.withdrawFromOffering(0, 0, false);
        handler.withdrawFromOffering(0, 0, true);
        _lotBStory();
        _processingStory();
        handler.close(_seedFor(16, 3));

        bytes32[32] memory actions = [
            bytes32("subscribe"), "reduce", "cancel", "close", "claim", "refundInstead", "releaseClaim",
            "withdrawProceeds", "withdrawUnits", "transfer", "trade", "requestDelivery", "confirmDelivery",
            "rejectDelivery", "cancelDelivery", "releaseDelivery", "restrict", "attest", "mint", "startSettlement",
            "deposit", "finalize", "redeem", "claimProceeds", "releasePosition", "sweepDust", "blend", "refine", "split",
            "convert", "claimHeld", "releaseHeld"
        ];
        for (uint256 i; i < actions.length; ++i) {
            if (handler.succeeded(actions[i]) == 0) revert PropertyViolated(string(abi.encodePacked("never went through: ", actions[i])));
        }
        if (handler.succeeded("retire") == 0 || handler.succeeded("createOffering") < 2) revert PropertyViolated("retire or a second offering");
        invariant_platformStaysSafe();
        afterInvariant();
    }

    /// @dev Lot B: a transfer, a trade, four delivery requests decided four ways; then it is sold.
    function _lotBStory() internal {
        handler.transfer(0, 1, 1, 1_000, _seedFor(2, 0));
        handler.transfer(0, 1, 1, 1_000, _seedFrom(5_000_000, 2, 1));
        for (uint256 i; i < 4; ++i) {
            handler.delivery(1, 1, 100 + i, _seedFor(5, 0));
        }
        for (uint256 i; i < 4; ++i) {
            handler.delivery(3, 1, i, _seedFor(5, 1 + i));
        }
        handler.attestOrMint(1, 0, 1_900_000, true);
        handler.attestOrMint(1, 0, 1_000, false);
        // Lot B is sold: settlement, a final deposit, redemptions, a claim, a released position, the dust, retirement.
        handler.settle(1, _seedFor(6, 0), 0);
        handler.settle(1, _seedFor(6, 1), _seedFrom(500_000e6, 4, 0));
        handler.settle(1, _seedFor(6, 5), 0);
        for (uint256 i; i < 4; ++i) {
            handler.redeem(i, 1, type(uint256).max - 1, _seedFor(4, 0));
        }
        handler.redeem(0, 1, 0, _seedFor(4, 2));
        handler.redeem(1, 1, 2, _seedFor(4, 3));
        handler.settle(1, _seedFor(6, 3), 0);
        VM.warp(block.timestamp + 31 days);
        handler.settle(1, _seedFor(6, 4), 0);
    }

    /// @dev Lots C and D are blended, the blend refined into cathode and gold, the cathode split; holders convert, one
    /// whose KYC lapsed has its units held (released by compliance), another claims its own once renewed.
    function _processingStory() internal {
        handler.processLot(_seedFor(3, 1), 0);
        // Investors 2 and 4 let their KYC lapse: what they convert is held for them.
        handler.restrict(2, 0, _seedFor(6, 2), _seedFor(3, 0));
        handler.restrict(4, 0, _seedFor(6, 2), _seedFor(3, 0));
        VM.warp(block.timestamp + 2);
        handler.convert(2, 0, type(uint256).max - 1);
        handler.convert(4, 1, type(uint256).max - 1);
        handler.convert(0, 0, type(uint256).max - 1);
        handler.heldUnits(2, 0, true);
        handler.restrict(4, 0, _seedFor(6, 2), _seedFrom(1, 3, 1));
        handler.heldUnits(4, 0, false);
        handler.processLot(_seedFor(3, 2), 555);
        handler.processLot(_seedFor(3, 0), 123_456);
    }

    /// @dev A seed whose `_pick(seed, n)` (the handler's even choice) is `want`.
    function _seedFor(uint256 n, uint256 want) internal pure returns (uint256) {
        return _seedFrom(0, n, want);
    }

    /// @dev The first seed from `start` whose `_pick(seed, n)` is `want`.
    function _seedFrom(uint256 start, uint256 n, uint256 want) internal pure returns (uint256 seed) {
        seed = start;
        while (uint256(keccak256(abi.encode(seed))) % n != want) ++seed;
    }

    /// @dev A seed whose picks among `n` and among `m` are `want` and `wantM`.
    function _seedFor2(uint256 n, uint256 want, uint256 m, uint256 wantM) internal pure returns (uint256 seed) {
        while (uint256(keccak256(abi.encode(seed))) % n != want || uint256(keccak256(abi.encode(seed))) % m != wantM) ++seed;
    }

    function _holds(string memory broken) internal pure {
        if (bytes(broken).length != 0) revert PropertyViolated(broken);
    }
}
