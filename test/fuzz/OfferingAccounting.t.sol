// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Roles} from "../../contracts/access/Roles.sol";
import {LotOfferings} from "../../contracts/offerings/LotOfferings.sol";
import {OfferingMathLib} from "../../contracts/offerings/OfferingMathLib.sol";
import {OfferingState, OfferingTerms, OfferingStatus, Subscription} from "../../contracts/interfaces/ILotOfferings.sol";
import {IOfferingRegistry} from "../../contracts/interfaces/IOfferingRegistry.sol";
import {IOfferingToken} from "../../contracts/interfaces/IOfferingToken.sol";
import {TestStablecoin} from "../../contracts/mocks/TestStablecoin.sol";
import {OfferingRegistryMock, OfferingTokenMock} from "../contracts/mocks/OfferingPlatformMock.sol";
import {OfferingActor} from "./OfferingActor.sol";

/// @dev The number of investor wallets and of subscription steps.
uint256 constant INVESTORS = 5;
uint256 constant STEPS = 16;
uint256 constant LOT = 1;

/// @notice The cheatcode these tests use (Hardhat's EDR Solidity test runner implements it).
interface IOfferingVm {
    function warp(uint256 newTimestamp) external;
}

/// @title OfferingAccountingTest
/// @notice Fuzzed offerings: any price (amount per unit), tickets, soft and hard caps and mint capacity (at least the
/// hard cap, which the offering reserves), any sequence of subscriptions, reductions and cancellations by five
/// investors, a close, then claims (one investor possibly refused for good, who then takes a refund instead)
/// interleaved with proceeds withdrawals. Checked:
/// - after every step, each investor's escrow is `paymentUp(requested)` and the contract's stablecoin balance equals
///   the sum of the escrows (plus released proceeds not yet withdrawn, after close): it holds exactly what it owes;
/// - the hard cap is reserved while open and given back at close; the units allocated never exceed it, and are the
///   floor of the pro-rata share;
/// - for every investor `paid = paymentUp(allocated) + refund` to the last base unit; a refused claim reverts and
///   leaves the allocation, which only the investor's refund instead settles, in full;
/// - at the end the contract holds no stablecoin and the treasury received exactly the payment for delivered units.
/// The test contract is the issuer and the treasury; the only cheatcode is `warp`.
contract OfferingAccountingTest {
    /// @notice Thrown when a checked property does not hold; `what` names it.
    error PropertyViolated(string what, uint256 actual, uint256 expected);

    IOfferingVm private constant VM = IOfferingVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    OfferingRegistryMock private registry;
    OfferingTokenMock private token;
    LotOfferings private offerings;
    TestStablecoin private usd;
    OfferingActor[INVESTORS] private actors;

    uint256[INVESTORS] private requested;
    uint256[INVESTORS] private paid;

    function setUp() public {
        registry = new OfferingRegistryMock();
        token = new OfferingTokenMock(registry);
        usd = new TestStablecoin();
        offerings = new LotOfferings(IOfferingRegistry(address(registry)), IOfferingToken(address(token)));
        registry.setRole(Roles.ISSUER, address(this), true);
        registry.setRole(Roles.TREASURY, address(this), true);
        registry.setRole(Roles.ISSUER, address(offerings), true);
        for (uint256 i; i < INVESTORS; ++i) {
            actors[i] = new OfferingActor(offerings, IERC20(address(usd)));
            usd.mint(address(actors[i]), type(uint128).max);
        }
    }

    function testFuzz_offeringAccounting_reconcilesToTheLastBaseUnit(
        uint256[STEPS] calldata seeds,
        uint256 termsSeed,
        uint256 capacitySeed,
        uint256 claimSeed
    ) public {
        OfferingTerms memory t = _terms(termsSeed);
        uint256 capacity = t.hardCap + capacitySeed % 120_000;
        registry.setCapacity(LOT, capacity);
        uint256 id = offerings.createOffering(t);
        _eq("hard cap reserved", registry.mintableQuantity(LOT), capacity - t.hardCap);
        VM.warp(t.start);

        for (uint256 s; s < STEPS; ++s) {
            _step(id, t, seeds[s]);
            _checkEscrow(id, t);
        }

        VM.warp(t.end);
        offerings.close(id);
        OfferingStatus memory st = offerings.statusOf(id);
        uint256 total = st.totalRequested;
        bool failed = total < t.softCap;
        if ((st.state == OfferingState.Failed) != failed) revert PropertyViolated("failed", uint256(st.state), 0);
        _eq("minted min(total, hard cap)", st.unitsMinted, failed ? 0 : (total < t.hardCap ? total : t.hardCap));
        _eq("capacity given back", registry.mintableQuantity(LOT), capacity - st.unitsMinted);

        uint256 refusedIdx = claimSeed % (INVESTORS * 2); // >= INVESTORS: nobody refused
        if (refusedIdx < INVESTORS) token.setReason(address(actors[refusedIdx]), 9);
        uint256 allocated;
        uint256 proceeds;
        for (uint256 i; i < INVESTORS; ++i) {
            if ((claimSeed >> (8 + i)) & 1 == 1 && offerings.statusOf(id).proceedsReleased > offerings.statusOf(id).proceedsWithdrawn) {
                offerings.withdrawProceeds(id);
            }
            (uint256 units, uint256 payment) = _claim(id, t, i, st, i == refusedIdx);
            allocated += units;
            proceeds += payment;
            _checkEscrow(id, t);
        }
        if (allocated > t.hardCap || allocated > st.unitsMinted) {
            revert PropertyViolated("allocated within caps", allocated, st.unitsMinted);
        }
        if (offerings.statusOf(id).proceedsReleased > offerings.statusOf(id).proceedsWithdrawn) {
            offerings.withdrawProceeds(id);
        }
        _eq("offering balance at the end", usd.balanceOf(address(offerings)), 0);
        _eq("treasury received", usd.balanceOf(address(this)), proceeds);
    }

    function _terms(uint256 seed) private view returns (OfferingTerms memory t) {
        t.lotId = LOT;
        t.paymentToken = IERC20(address(usd));
        t.treasury = address(this);
        t.priceAmount = 1 + (seed % 1e13);
        t.priceUnit = 1 + ((seed >> 48) % 10_000);
        t.start = uint64(block.timestamp + 10);
        t.end = t.start + 1 days;
        t.minTicket = 1 + ((seed >> 64) % 500);
        t.maxTicket = t.minTicket + ((seed >> 80) % 60_000);
        t.hardCap = 1 + ((seed >> 112) % 100_000);
        t.softCap = (seed >> 144) % (t.hardCap + 1);
    }

    function _step(uint256 id, OfferingTerms memory t, uint256 seed) private {
        uint256 i = seed % INVESTORS;
        uint256 op = (seed >> 8) % 4;
        uint256 amount = (seed >> 16) % (t.maxTicket + 2);
        if (op <= 1) {
            if (actors[i].subscribe(id, amount)) requested[i] += amount;
        } else if (op == 2) {
            uint256 target = requested[i] == 0 ? 0 : amount % requested[i];
            if (actors[i].reduce(id, target)) requested[i] = target;
        } else {
            if (actors[i].cancel(id)) requested[i] = 0;
        }
        paid[i] = OfferingMathLib.paymentUp(requested[i], t.priceAmount, t.priceUnit);
    }

    function _claim(uint256 id, OfferingTerms memory t, uint256 i, OfferingStatus memory st, bool refused)
        private
        returns (uint256 units, uint256 payment)
    {
        address who = address(actors[i]);
        uint256 usdBefore = usd.balanceOf(who);
        uint256 unitsBefore = token.balanceOf(who, LOT);
        uint256 expected = st.state == OfferingState.Succeeded && requested[i] != 0
            ? requested[i] * st.unitsMinted / st.totalRequested
            : 0;
        bool ok = actors[i].claim(id);
        // A refusal of the units stops the claim and leaves it open; the investor refused for good then takes its refund.
        bool blocked = refused && expected != 0;
        if (ok != (requested[i] != 0 && !blocked)) revert PropertyViolated("claim went through", ok ? 1 : 0, requested[i]);
        if (blocked) {
            _eq("a refused claim moved nothing", usd.balanceOf(who), usdBefore);
            if (!actors[i].refundInstead(id)) revert PropertyViolated("refund instead", 0, 1);
            ok = true;
            expected = 0;
        }
        units = token.balanceOf(who, LOT) - unitsBefore;
        uint256 refund = usd.balanceOf(who) - usdBefore;
        _eq("allocation", units, expected);
        payment = OfferingMathLib.paymentUp(units, t.priceAmount, t.priceUnit);
        _eq("paid = allocated x price + refund", payment + refund, paid[i]);
        if (ok) paid[i] = 0;
        requested[i] = 0;
    }

    /// @dev The contract holds exactly the escrows still owed plus the proceeds released and not yet withdrawn.
    function _checkEscrow(uint256 id, OfferingTerms memory t) private view {
        uint256 owed;
        for (uint256 i; i < INVESTORS; ++i) {
            Subscription memory sub = offerings.subscriptionOf(id, address(actors[i]));
            if (sub.claimed) continue;
            _eq("escrow = paymentUp(requested)", sub.paid, OfferingMathLib.paymentUp(sub.requested, t.priceAmount, t.priceUnit));
            _eq("escrow matches the model", sub.paid, paid[i]);
            owed += sub.paid;
        }
        OfferingStatus memory st = offerings.statusOf(id);
        owed += st.proceedsReleased - st.proceedsWithdrawn;
        _eq("balance = owed", usd.balanceOf(address(offerings)), owed);
    }

    function _eq(string memory what, uint256 actual, uint256 expected) private pure {
        if (actual != expected) revert PropertyViolated(what, actual, expected);
    }
}
