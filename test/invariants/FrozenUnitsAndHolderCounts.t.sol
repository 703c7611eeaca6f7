// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILotCompliance} from "../../contracts/interfaces/ILotCompliance.sol";
import {IERC7943MultiToken} from "../../contracts/interfaces/IERC7943MultiToken.sol";
import {LotRegistry} from "../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../contracts/lots/LotToken.sol";
import {InvestorRegistrar} from "../../contracts/compliance/InvestorRegistrar.sol";
import {Basis, Commodity, Form, LotRegistration} from "../../contracts/lots/LotTypes.sol";
import {Reason, InvestorClass, InvestorRecord, LotRules} from "../../contracts/compliance/ComplianceTypes.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ComplianceActor} from "./ComplianceActor.sol";
import {PlatformBurner} from "../contracts/mocks/PlatformBurner.sol";

/// @dev The number of wallets: 0-3 are investors 1-4, 4 is linked to investor 1, 5 starts unregistered.
uint256 constant N = 6;

/// @notice The cheatcodes these tests use (Hardhat's EDR Solidity test runner implements them).
interface IVm {
    /// @dev A recorded event, as `getRecordedLogs` returns it.
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function warp(uint256 newTimestamp) external;

    function recordLogs() external;

    function getRecordedLogs() external returns (Log[] memory logs);
}

/// @title FrozenUnitsAndHolderCountsTest
/// @notice Fuzzed sequences of operations on the compliance layer of `LotToken`: transfers and batch transfers
/// between wallets (actor contracts that move their own units), burns, mints, partial freezes, forced transfers,
/// account freezes, lot rules (class, countries, holder limit, lock-up, minimum holding), holds, pause, linked
/// wallets, KYC renewals and removals, and time passing past KYC expiries and lock-ups. After every step:
/// - frozen units only leave an account through a forced transfer (balance after >= min(frozen, balance before)),
///   and frozen amounts only change through `setFrozenTokens` or a forced transfer, which lowers them by exactly the
///   frozen part of what it moves (a freeze above the balance keeps its excess);
/// - each wallet's `lotsHeld` is the number of lots in which it holds units, and only a wallet holding none unlinks;
/// - each lot's holder count equals the number of distinct investors holding units, and never exceeds maxHolders;
/// - `canTransfer` agrees with an independent model of the rules and with whether `safeTransferFrom` succeeds,
///   including transfers to oneself and transfers made from a receiver's ERC-1155 callback (likewise batch
///   transfers, burns, mints and forced transfers agree with the model), and a refused transfer reverts with the
///   reason `transferStatus` gives;
/// - a forced transfer emits Frozen (before the transfer event) exactly when it moves frozen units;
/// - a refused action changes no balance, frozen amount, supply or holder count.
/// The test contract is the registry's admin and holds every role itself; the only cheatcodes are `warp` and
/// `recordLogs`/`getRecordedLogs`.
contract FrozenUnitsAndHolderCountsTest {
    /// @notice Thrown when a checked property does not hold; `what` names it, `action` is the step's action kind.
    error PropertyViolated(string what, uint256 action, uint256 actual, uint256 expected);

    /// @notice Thrown when a refused transfer reverts with other data than the reason `transferStatus` gave.
    error RevertReasonMismatch(Reason status, bytes actual, bytes expected);

    /// @dev What an action did, for the properties checked after it.
    struct Outcome {
        uint256 action;
        bool refused;
        bool forced; // a forced transfer went through
        bool frozenSet; // setFrozenTokens went through
        uint256 actorIdx; // the forced transfer's sender, or the account whose frozen amount was set
        uint256 lotIdx;
        uint256 frozenAfter; // the frozen amount expected for (actorIdx, lotIdx) after the action
    }

    /// @dev One movement of units to try.
    struct Move {
        address from;
        address to;
        uint256 lot;
        uint256 amount;
    }

    /// @dev Every figure a step could change.
    struct Snapshot {
        uint256[N][2] balances;
        uint256[N][2] frozen;
        uint256[2] holders;
        uint256[2] supply;
    }

    IVm internal constant VM = IVm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 internal constant STEPS = 12;
    uint256 internal constant ACTIONS = 20;
    uint16 internal constant RW = 646;
    uint16 internal constant CD = 180;
    uint16 internal constant US = 840;

    LotRegistry internal registry;
    LotToken internal token;
    InvestorRegistrar internal registrar;
    /// @dev The platform account the actors\' units exit to: it burns what it receives.
    PlatformBurner internal burner;
    ComplianceActor[N] internal actors;
    uint256[2] internal lotIds;
    uint256 internal startTime;

    function setUp() public {
        startTime = block.timestamp;
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
        registry.grantRole(registry.PAUSER_ROLE(), address(this));

        lotIds[0] = _warehousedCopperLot("fuzz lot A");
        lotIds[1] = _warehousedCopperLot("fuzz lot B");
        for (uint256 i; i < N; ++i) {
            actors[i] = new ComplianceActor(token, address(burner));
        }
        // Different countries and classes, and KYC expiries that time passing reaches.
        registrar.registerInvestor(address(actors[0]), RW, InvestorClass.Institutional, uint40(startTime + 3650 days));
        registrar.registerInvestor(address(actors[1]), RW, InvestorClass.Retail, uint40(startTime + 30 days));
        registrar.registerInvestor(address(actors[2]), CD, InvestorClass.Accredited, uint40(startTime + 15 days));
        registrar.registerInvestor(address(actors[3]), US, InvestorClass.Accredited, uint40(startTime + 5 days));
        registrar.linkWallet(1, address(actors[4]));

        token.mint(address(actors[0]), lotIds[0], 1000, "");
        token.mint(address(actors[1]), lotIds[0], 1000, "");
        token.mint(address(actors[2]), lotIds[0], 500, "");
        token.mint(address(actors[4]), lotIds[0], 300, "");
        token.mint(address(actors[0]), lotIds[1], 1000, "");
        token.mint(address(actors[3]), lotIds[1], 800, "");
    }

    // ------------------------------------------------------------------ fuzzed sequences

    /// @notice Any sequence of operations keeps every property, checked after each step.
    function testFuzz_operationSequences_keepComplianceProperties(uint256[STEPS] calldata seeds) public {
        _run(seeds);
    }

    /// @notice The same from a random restrictive start: frozen units, a full holder limit, a lock-up, a minimum
    /// holding, a country list, a class floor, a hold or a pause.
    function testFuzz_restrictedStart_operationSequences_keepComplianceProperties(
        uint256 startSeed,
        uint256[STEPS] calldata seeds
    ) public {
        _restrictedStart(startSeed);
        _run(seeds);
    }

    /// @notice ERC-7943: the views never revert, whatever they are given (wallets or any address, any lot id,
    /// any amount), and `canTransfer` is `transferStatus == Ok`.
    function testFuzz_viewsNeverRevert(uint256 fromSeed, uint256 toSeed, uint256 lotSeed, uint256 amount, uint256 stateSeed)
        public
    {
        _restrictedStart(stateSeed);
        address from = fromSeed % 3 == 0 ? address(uint160(fromSeed >> 8)) : address(actors[fromSeed % N]);
        address to = toSeed % 3 == 0 ? address(uint160(toSeed >> 8)) : address(actors[toSeed % N]);
        uint256 lot = lotSeed % 2 == 0 ? lotIds[(lotSeed >> 1) % 2] : lotSeed >> 1;
        if ((amount & 3) == 0) amount = type(uint256).max - (amount >> 2) % 3;
        else if ((amount & 3) == 1) amount = (amount >> 2) % 2000;
        Reason status;
        bool allowed;
        try token.transferStatus(from, to, lot, amount) returns (Reason reason) {
            status = reason;
        } catch {
            revert PropertyViolated("transferStatus reverted", 0, amount, lot);
        }
        try token.canTransfer(from, to, lot, amount) returns (bool result) {
            allowed = result;
        } catch {
            revert PropertyViolated("canTransfer reverted", 0, amount, lot);
        }
        _assertEq("canTransfer == (transferStatus == Ok)", _b(allowed), _b(status == Reason.Ok), 0);
        try token.canSend(from) returns (bool) {} catch {
            revert PropertyViolated("canSend reverted", 0, 0, 0);
        }
        try token.canReceive(to) returns (bool) {} catch {
            revert PropertyViolated("canReceive reverted", 0, 0, 0);
        }
        try token.getFrozenTokens(from, lot) returns (uint256) {} catch {
            revert PropertyViolated("getFrozenTokens reverted", 0, 0, lot);
        }
    }

    // ------------------------------------------------------------------ fixed cases

    /// @notice Linked wallets count as one holder; the holder limit counts investors, not wallets.
    function test_linkedWalletsCountOnceTowardsTheHolderLimit() public {
        uint256 lot = lotIds[0];
        _assertEq("holders (investors 1, 2, 3)", token.getLotRules(lot).holders, 3, 0);
        token.setLotRules(lot, InvestorClass.None, false, 3, 0, 0);
        // Wallet 4 (investor 1) gives everything to wallet 0 (investor 1): still three holders.
        _assertSent(actors[4], address(actors[0]), lot, 300, true);
        _assertEq("holders after linked move", token.getLotRules(lot).holders, 3, 0);
        // Investor 4 (wallet 3) would be a fourth holder.
        _assertEq("canTransfer to a 4th investor", _b(token.canTransfer(address(actors[0]), address(actors[3]), lot, 1)), 0, 0);
        _assertEq("status", uint256(token.transferStatus(address(actors[0]), address(actors[3]), lot, 1)), uint256(Reason.HolderLimit), 0);
        _assertSent(actors[0], address(actors[3]), lot, 1, false);
        // Wallet 2 leaves entirely to wallet 3 at once: the count stays at three, so it is allowed.
        _assertSent(actors[2], address(actors[3]), lot, 500, true);
        _assertEq("holders after swap", token.getLotRules(lot).holders, 3, 0);
        _checkHolders(0);
    }

    /// @notice A forced transfer of frozen units first lowers the frozen amount to what remains, and moves them
    /// whatever the pause, the hold and the sender's state.
    function test_forcedTransferOfFrozenUnitsLowersTheFreezeFirst() public {
        uint256 lot = lotIds[0];
        address from = address(actors[1]);
        token.setFrozenTokens(from, lot, 900);
        registrar.setAccountFrozen(from, true);
        token.setLotHold(lot, true, "court order");
        token.pause();
        _assertSent(actors[1], address(actors[2]), lot, 1, false);
        token.forcedTransfer(from, address(actors[2]), lot, 400);
        _assertEq("balance", token.balanceOf(from, lot), 600, 0);
        _assertEq("frozen lowered to the remaining balance", token.getFrozenTokens(from, lot), 600, 0);
        _assertEq("receiver", token.balanceOf(address(actors[2]), lot), 900, 0);
    }

    /// @notice A forced transfer from a wallet whose freeze exceeds its balance lowers the freeze by the units moved
    /// only, so the excess keeps withholding units the wallet receives later.
    function test_forcedTransferKeepsTheFreezeBeyondTheBalance() public {
        uint256 lot = lotIds[0];
        address from = address(actors[1]); // holds 1000
        token.setFrozenTokens(from, lot, 5000);
        token.forcedTransfer(from, address(actors[2]), lot, 100);
        _assertEq("frozen lowered by the 100 frozen units moved", token.getFrozenTokens(from, lot), 4900, 0);
    }

    /// @notice KYC is valid strictly before its expiry second.
    function test_kycExpirySecondIsExpired() public {
        uint256 lot = lotIds[1];
        uint256 expiry = token.getInvestor(address(actors[3])).kycExpiry;
        VM.warp(expiry - 1);
        _assertEq("before expiry", _b(token.canTransfer(address(actors[3]), address(actors[0]), lot, 1)), 1, 0);
        VM.warp(expiry);
        _assertEq("status at expiry", uint256(token.transferStatus(address(actors[3]), address(actors[0]), lot, 1)), uint256(Reason.SenderKycExpired), 0);
        _assertSent(actors[3], address(actors[0]), lot, 1, false);
    }

    /// @notice A lock-up refuses transfers and burns before its end second, and no longer at it; mints go on.
    function test_lockupEndsAtItsEndSecond() public {
        uint256 lot = lotIds[0];
        uint40 lockupEnd = uint40(block.timestamp + 100);
        token.setLotRules(lot, InvestorClass.None, false, 0, lockupEnd, 0);
        VM.warp(lockupEnd - 1);
        _assertEq("status before the end", uint256(token.transferStatus(address(actors[0]), address(actors[1]), lot, 1)), uint256(Reason.LockedUp), 0);
        _assertSent(actors[0], address(actors[1]), lot, 1, false);
        (bool burned,) = actors[0].burn(lot, 1);
        _assertEq("burn during the lock-up", _b(burned), 0, 0);
        token.mint(address(actors[0]), lot, 1, ""); // minting is not a transfer: the lock-up does not apply
        VM.warp(lockupEnd);
        _assertEq("status at the end", uint256(token.transferStatus(address(actors[0]), address(actors[1]), lot, 1)), uint256(Reason.Ok), 0);
        _assertSent(actors[0], address(actors[1]), lot, 1, true);
        (burned,) = actors[0].burn(lot, 1);
        _assertEq("burn at the end", _b(burned), 1, 0);
    }

    /// @notice A lot's minimum class admits investors of that class and above, and refuses those below.
    function test_minClassAdmitsThatClassAndAbove() public {
        uint256 lot = lotIds[0];
        token.setLotRules(lot, InvestorClass.Accredited, false, 0, 0, 0);
        address from = address(actors[0]);
        _assertEq("to Accredited", uint256(token.transferStatus(from, address(actors[2]), lot, 1)), uint256(Reason.Ok), 0);
        _assertSent(actors[0], address(actors[2]), lot, 1, true);
        _assertEq("to Institutional (linked)", uint256(token.transferStatus(from, address(actors[4]), lot, 1)), uint256(Reason.Ok), 0);
        _assertSent(actors[0], address(actors[4]), lot, 1, true);
        _assertEq("to Retail", uint256(token.transferStatus(from, address(actors[1]), lot, 1)), uint256(Reason.ClassTooLow), 0);
        _assertSent(actors[0], address(actors[1]), lot, 1, false);
    }

    // ------------------------------------------------------------------ regressions (bugs found by these tests)

    /// @notice ERC-7943: public transfers MUST NOT succeed when canTransfer is false. A transfer from a wallet to
    /// itself of more than its unfrozen balance (but no more than its balance) is refused by `transferStatus`; it
    /// used to go through, because `_enforce` compared the frozen amount with the unchanged balance.
    function test_selfTransferBeyondUnfrozenBalanceIsRefused() public {
        uint256 lot = lotIds[0];
        address wallet = address(actors[0]);
        token.setFrozenTokens(wallet, lot, 500); // balance 1000, unfrozen 500
        _assertEq("canTransfer(self, 800)", _b(token.canTransfer(wallet, wallet, lot, 800)), 0, 0);
        _assertSent(actors[0], wallet, lot, 800, false);
        _assertEq("canTransfer(self, 500)", _b(token.canTransfer(wallet, wallet, lot, 500)), 1, 0);
        _assertSent(actors[0], wallet, lot, 500, true);
    }

    /// @notice During a lock-up, a transfer of more than the unfrozen balance reverts with the reason
    /// `transferStatus` gives (InsufficientUnfrozenBalance); it used to revert with ComplianceViolation(LockedUp).
    function test_lockedUpTransferOfFrozenUnits_revertsWithTransferStatusReason() public {
        uint256 lot = lotIds[0];
        address from = address(actors[0]);
        address to = address(actors[1]);
        token.setFrozenTokens(from, lot, 500);
        token.setLotRules(lot, InvestorClass.None, false, 0, uint40(block.timestamp + 1 days), 0);
        Reason status = token.transferStatus(from, to, lot, 600);
        (bool ok, bytes memory revertData) = actors[0].transferUnits(to, lot, 600);
        _assertEq("refused", _b(ok), 0, 0);
        _assertReason(revertData, status, from, to, lot, 600, 1000);
        // Within the unfrozen balance, the lock-up is the reason, in the view and in the transaction alike.
        status = token.transferStatus(from, to, lot, 400);
        _assertEq("status", uint256(status), uint256(Reason.LockedUp), 0);
        (ok, revertData) = actors[0].transferUnits(to, lot, 400);
        _assertReason(revertData, status, from, to, lot, 400, 1000);
    }

    /// @notice A transfer the receiver of a forced transfer makes from its `onERC1155Received` obeys every rule.
    /// It used not to: the transient `_forcing` flag was still set during the callback, so the nested transfer was
    /// judged as forced and skipped the pause, holds, lock-ups, the sender's account freeze and its frozen units.
    function test_forcedTransferReceiverCallbackObeysPauseAndFrozenUnits() public {
        uint256 lotA = lotIds[0];
        uint256 lotB = lotIds[1];
        ComplianceActor receiver = actors[1];
        token.setFrozenTokens(address(receiver), lotA, 1000); // all of its lot A units
        token.pause();
        receiver.armHook(address(actors[2]), lotA, 1000);
        token.forcedTransfer(address(actors[0]), address(receiver), lotB, 10);
        _assertEq("callback ran", receiver.hookTries(), 1, 0);
        _assertEq("frozen units moved from the callback during a pause", receiver.hookSuccesses(), 0, 0);
        _assertEq("callback outcome == canTransfer", receiver.hookMismatches(), 0, 0);
        _assertEq("frozen units kept", token.balanceOf(address(receiver), lotA), 1000, 0);
        _assertEq("forced units received", token.balanceOf(address(receiver), lotB), 10, 0);
    }

    // ------------------------------------------------------------------ the sequence

    function _run(uint256[STEPS] calldata seeds) internal {
        VM.warp(startTime); // every run starts at the same time, whatever a previous run warped to
        for (uint256 i; i < STEPS; ++i) {
            Snapshot memory before = _snapshot();
            Outcome memory o = _step(seeds[i]);
            Snapshot memory after_ = _snapshot();
            _checkProperties(before, after_, o);
        }
    }

    function _step(uint256 seed) internal returns (Outcome memory o) {
        uint256 action = seed % ACTIONS;
        uint256 r = seed >> 8;
        if (action <= 3) o = _actTransfer(r);
        else if (action == 4) o = _actBatch(r);
        else if (action == 5) o = _actBurn(r);
        else if (action == 6) o = _actMint(r);
        else if (action == 7) o = _actSetFrozen(r);
        else if (action == 8) o = _actForced(r);
        else if (action == 9) o = _actAccountFreeze(r);
        else if (action == 10) o = _actLotRules(r);
        else if (action == 11) o = _actLinkOrRegister(r);
        else if (action == 12) o = _actWarp(r);
        else if (action == 13) o = _actPause();
        else if (action == 14) o = _actHold(r);
        else if (action == 15) o = _actCountries(r);
        else if (action == 16) o = _actInvestor(r);
        else if (action == 17) o = _actArmHook(r);
        else o = _actSetFrozen(r); // 18, 19: freezes are set and changed three times as often as the other settings
        o.action = action;
    }

    // ------------------------------------------------------------------ actions: movements

    function _actTransfer(uint256 r) internal returns (Outcome memory o) {
        (uint256 f, uint256 t) = _pair(r);
        uint256 li = (r >> 16) % 2;
        if ((r >> 17) % 3 == 0) (f, li) = _someFrozenAccount(f * 2 + li); // a third of the time, from frozen units
        address from = address(actors[f]);
        address to = address(actors[t]);
        uint256 amount = _pickAmount(r >> 24, from, lotIds[li]);
        uint256 fromBalance = token.balanceOf(from, lotIds[li]);

        bool model = _modelTransfer(from, to, lotIds[li], amount);
        bool allowed = token.canTransfer(from, to, lotIds[li], amount);
        Reason status = token.transferStatus(from, to, lotIds[li], amount);
        _assertEq("canTransfer == model of the rules", _b(allowed), _b(model), 0);
        _assertEq("canTransfer == (transferStatus == Ok)", _b(allowed), _b(status == Reason.Ok), 0);

        (bool ok, bytes memory revertData) = actors[f].transferUnits(to, lotIds[li], amount);
        _assertEq("safeTransferFrom succeeds == canTransfer", _b(ok), _b(allowed), 0);
        if (!ok && amount <= fromBalance) {
            _assertReason(revertData, status, from, to, lotIds[li], amount, fromBalance);
        }
        o.refused = !ok;
    }

    function _actBatch(uint256 r) internal returns (Outcome memory o) {
        (uint256 f, uint256 t) = _pair(r);
        address from = address(actors[f]);
        address to = address(actors[t]);
        uint256[] memory ids = new uint256[](2);
        uint256[] memory amounts = new uint256[](2);
        ids[0] = lotIds[(r >> 16) % 2];
        ids[1] = lotIds[(r >> 17) % 2]; // the same lot twice in half of the cases
        amounts[0] = _pickAmount(r >> 24, from, ids[0]);
        amounts[1] = _pickAmount(r >> 64, from, ids[1]);

        bool model;
        bool allowed;
        if (ids[0] == ids[1]) {
            model = _modelTransfer(from, to, ids[0], amounts[0] + amounts[1]);
            allowed = token.canTransfer(from, to, ids[0], amounts[0] + amounts[1]);
        } else {
            model = _modelTransfer(from, to, ids[0], amounts[0]) && _modelTransfer(from, to, ids[1], amounts[1]);
            allowed = token.canTransfer(from, to, ids[0], amounts[0]) && token.canTransfer(from, to, ids[1], amounts[1]);
        }
        _assertEq("batch: canTransfer == model", _b(allowed), _b(model), 4);
        (bool ok, bytes memory revertData) = actors[f].sendBatch(to, ids, amounts);
        _assertEq("safeBatchTransferFrom succeeds == canTransfer of each lot", _b(ok), _b(allowed), 4);
        if (!ok) _assertBatchReason(revertData, from, to, ids, amounts);
        o.refused = !ok;
    }

    /// @dev A refused batch whose amounts the balances cover reverts with the reason `transferStatus` gives for the
    /// first lot it refuses (the lots' totals when it names one lot twice).
    function _assertBatchReason(
        bytes memory revertData,
        address from,
        address to,
        uint256[] memory ids,
        uint256[] memory amounts
    ) internal view {
        bool same = ids[0] == ids[1];
        uint256 first = same ? amounts[0] + amounts[1] : amounts[0];
        uint256 balance0 = token.balanceOf(from, ids[0]);
        uint256 balance1 = token.balanceOf(from, ids[1]);
        if (first > balance0 || (!same && amounts[1] > balance1)) return; // ERC-1155's own balance check comes first
        Reason status = token.transferStatus(from, to, ids[0], first);
        if (status != Reason.Ok) {
            _assertReason(revertData, status, from, to, ids[0], first, balance0);
        } else {
            _assertReason(revertData, token.transferStatus(from, to, ids[1], amounts[1]), from, to, ids[1], amounts[1], balance1);
        }
    }

    function _actBurn(uint256 r) internal returns (Outcome memory o) {
        uint256 f = (r >> 4) % 3 == 0 ? _someFrozenWallet(r % N) : r % N;
        address from = address(actors[f]);
        uint256[] memory ids = new uint256[](1 + (r >> 3) % 2); // one lot, or a batch of two (maybe the same lot)
        uint256[] memory amounts = new uint256[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            ids[i] = lotIds[(r >> (8 + i)) % 2];
            amounts[i] = _pickAmount(r >> (16 + 64 * i), from, ids[i]);
        }
        bool model;
        bool ok;
        if (ids.length == 1) {
            model = _modelBurn(from, ids[0], amounts[0]);
            (ok,) = actors[f].burn(ids[0], amounts[0]);
        } else {
            model = ids[0] == ids[1]
                ? amounts[0] != 0 && amounts[1] != 0 && _modelBurn(from, ids[0], amounts[0] + amounts[1])
                : _modelBurn(from, ids[0], amounts[0]) && _modelBurn(from, ids[1], amounts[1]);
            (ok,) = actors[f].burnBatch(ids, amounts);
        }
        _assertEq("burn succeeds == model", _b(ok), _b(model), 5);
        o.refused = !ok;
    }

    function _actMint(uint256 r) internal returns (Outcome memory o) {
        uint256 t = r % N;
        uint256 li = (r >> 8) % 2;
        address to = address(actors[t]);
        uint256 amount = (r >> 16) % 4 == 0 ? token.getLotRules(lotIds[li]).minHolding : (r >> 24) % 700;
        bool model = _modelMint(to, lotIds[li], amount);
        bool ok;
        try token.mint(to, lotIds[li], amount, "") {
            ok = true;
        } catch {}
        _assertEq("mint succeeds == model", _b(ok), _b(model), 6);
        o.refused = !ok;
    }

    function _actForced(uint256 r) internal returns (Outcome memory o) {
        (uint256 f, uint256 t) = _pair(r);
        o.lotIdx = (r >> 16) % 2;
        Move memory m = Move({from: address(actors[f]), to: address(actors[t]), lot: lotIds[o.lotIdx], amount: 0});
        m.amount = _pickAmount(r >> 24, m.from, m.lot);
        uint256 balance = token.balanceOf(m.from, m.lot);
        uint256 frozen = token.getFrozenTokens(m.from, m.lot);

        bool model = _modelForced(m.from, m.to, m.lot, m.amount);
        bool ok;
        VM.recordLogs();
        if ((r >> 20) % 2 == 0) {
            try token.forcedTransfer(m.from, m.to, m.lot, m.amount) returns (bool result) {
                ok = result;
            } catch {}
        } else {
            try token.forcedTransferWithReason(m.from, m.to, m.lot, m.amount, "court order") returns (bool result) {
                ok = result;
            } catch {}
        }
        IVm.Log[] memory logs = VM.getRecordedLogs();
        _assertEq("forcedTransfer succeeds == model", _b(ok), _b(model), 8);
        o.refused = !ok;
        o.forced = ok;
        o.actorIdx = f;
        // The frozen amount drops by exactly the frozen part of what moved (the unfrozen units move first).
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        bool lowered = m.amount <= balance && m.amount > unfrozen;
        o.frozenAfter = lowered ? frozen - (m.amount - unfrozen) : frozen;
        if (ok) _checkForcedEvents(logs, m, lowered, o.frozenAfter);
    }

    /// @dev ERC-7943: a forced transfer emits the ERC-1155 transfer event and ForcedTransfer; when it moves frozen
    /// units it first lowers the frozen amount and emits Frozen BEFORE the transfer event.
    function _checkForcedEvents(IVm.Log[] memory logs, Move memory m, bool lowered, uint256 newFrozen) internal view {
        uint256 none = type(uint256).max;
        (uint256 frozenAt, uint256 transferAt, uint256 forcedAt) = (none, none, none);
        for (uint256 i; i < logs.length; ++i) {
            IVm.Log memory log = logs[i];
            if (log.emitter != address(token)) continue;
            bytes32 topic = log.topics[0];
            if (topic == IERC7943MultiToken.Frozen.selector && _isAddr(log.topics[1], m.from) && uint256(log.topics[2]) == m.lot) {
                _assertEq("forced transfer: Frozen amount", abi.decode(log.data, (uint256)), newFrozen, 8);
                if (frozenAt == none) frozenAt = i;
            } else if (
                topic == IERC1155.TransferSingle.selector && transferAt == none && _isAddr(log.topics[2], m.from)
                    && _isAddr(log.topics[3], m.to) && keccak256(log.data) == keccak256(abi.encode(m.lot, m.amount))
            ) {
                transferAt = i;
            } else if (topic == IERC7943MultiToken.ForcedTransfer.selector && forcedAt == none) {
                forcedAt = i;
            }
        }
        _assertEq("forced transfer: TransferSingle emitted", _b(transferAt != none), 1, 8);
        _assertEq("forced transfer: ForcedTransfer emitted", _b(forcedAt != none), 1, 8);
        _assertEq("forced transfer: Frozen emitted exactly when frozen units move", _b(frozenAt != none), _b(lowered), 8);
        if (lowered) _assertEq("forced transfer: Frozen before the transfer event", _b(frozenAt < transferAt), 1, 8);
    }

    function _isAddr(bytes32 topic, address account) internal pure returns (bool) {
        return topic == bytes32(uint256(uint160(account)));
    }

    // ------------------------------------------------------------------ actions: compliance settings

    function _actSetFrozen(uint256 r) internal returns (Outcome memory o) {
        uint256 a = r % N;
        uint256 li = (r >> 8) % 2;
        if ((r >> 9) % 2 == 0) (a, li) = _someFrozenAccount(a * 2 + li); // half the time, change an existing freeze
        uint256 balance = token.balanceOf(address(actors[a]), lotIds[li]);
        uint256 current = token.getFrozenTokens(address(actors[a]), lotIds[li]);
        uint256 mode = (r >> 16) % 7;
        uint256 amount;
        if (mode == 1) amount = (r >> 24) % (balance + 1);
        else if (mode == 2) amount = balance;
        else if (mode == 3) amount = balance + 1 + (r >> 24) % 100; // above the balance: allowed by ERC-7943
        else if (mode == 4) amount = balance / 2;
        else if (mode == 5) amount = current / 2; // lowered, maybe to zero
        else if (mode == 6) amount = current + 1 + (r >> 24) % 50; // raised
        VM.recordLogs();
        token.setFrozenTokens(address(actors[a]), lotIds[li], amount);
        IVm.Log[] memory logs = VM.getRecordedLogs();
        _assertEq("setFrozenTokens: one event", logs.length, 1, 7);
        _assertEq("setFrozenTokens: Frozen event", _b(logs[0].topics[0] == IERC7943MultiToken.Frozen.selector), 1, 7);
        _assertEq("setFrozenTokens: Frozen amount", abi.decode(logs[0].data, (uint256)), amount, 7);
        _assertEq("getFrozenTokens", token.getFrozenTokens(address(actors[a]), lotIds[li]), amount, 7);
        o.frozenSet = true;
        o.actorIdx = a;
        o.lotIdx = li;
        o.frozenAfter = amount;
    }

    /// @dev The first (wallet, lot) with frozen units, searching from position `start`; (start's pair) if none.
    function _someFrozenAccount(uint256 start) internal view returns (uint256 a, uint256 li) {
        for (uint256 k; k < 2 * N; ++k) {
            uint256 p = (start + k) % (2 * N);
            if (token.getFrozenTokens(address(actors[p / 2]), lotIds[p % 2]) != 0) return (p / 2, p % 2);
        }
        return ((start % (2 * N)) / 2, start % 2);
    }

    function _someFrozenWallet(uint256 start) internal view returns (uint256 a) {
        (a,) = _someFrozenAccount(start * 2);
    }

    function _actAccountFreeze(uint256 r) internal returns (Outcome memory o) {
        address account = address(actors[r % N]);
        bool frozen = !token.getInvestor(account).frozen;
        registrar.setAccountFrozen(account, frozen);
        _assertEq("account frozen", _b(token.getInvestor(account).frozen), _b(frozen), 9);
        return o;
    }

    function _actLotRules(uint256 r) internal returns (Outcome memory o) {
        uint256 lot = lotIds[r % 2];
        uint32 holders = token.getLotRules(lot).holders;
        InvestorClass minClass = (r >> 8) % 2 == 0 ? InvestorClass.None : InvestorClass((r >> 9) % 4);
        bool restrict = (r >> 11) % 3 == 0;
        // Off, at the current count, one below (refused when there are holders), or a little above.
        uint256 limitMode = (r >> 13) % 4;
        uint32 maxHolders = limitMode == 0 ? 0 : limitMode == 1 ? holders : limitMode == 2 ? (holders == 0 ? 1 : holders - 1) : holders + 1;
        uint40 lockupEnd = (r >> 15) % 3 == 0 ? uint40(block.timestamp + 1 + (r >> 17) % 10 days) : 0;
        uint128 minHolding = (r >> 40) % 3 == 0 ? uint128(1 + (r >> 42) % 400) : 0;
        bool ok;
        try token.setLotRules(lot, minClass, restrict, maxHolders, lockupEnd, minHolding) {
            ok = true;
        } catch {}
        _assertEq("setLotRules refused exactly below the holder count", _b(ok), _b(maxHolders == 0 || maxHolders >= holders), 10);
        if (ok) {
            LotRules memory rules = token.getLotRules(lot);
            _assertEq("rules: maxHolders", rules.maxHolders, maxHolders, 10);
            _assertEq("rules: holders kept", rules.holders, holders, 10);
            _assertEq("rules: lockupEnd", rules.lockupEnd, lockupEnd, 10);
            _assertEq("rules: minHolding", rules.minHolding, minHolding, 10);
        }
        o.refused = !ok;
    }

    /// @dev Registers a wallet as a new investor (or reinstates a removed wallet under its own investor), or links
    /// it to an existing investor. Mostly the wallet that starts unregistered.
    function _actLinkOrRegister(uint256 r) internal returns (Outcome memory o) {
        address wallet = address(actors[(r >> 8) % 3 == 0 ? r % N : N - 1]);
        InvestorRecord memory record = token.getInvestor(wallet);
        bool ok;
        bool expected;
        if ((r >> 10) % 3 == 1) {
            // Unlinking frees the wallet's slot; only a wallet holding no units may be unlinked.
            try registrar.unlinkWallet(wallet) {
                ok = true;
                _assertEq("unlink: the wallet is unregistered", token.getInvestor(wallet).investorId, 0, 11);
            } catch {}
            bool holds = token.balanceOf(wallet, lotIds[0]) != 0 || token.balanceOf(wallet, lotIds[1]) != 0;
            _assertEq("unlink succeeds exactly for a linked wallet holding nothing", _b(ok), _b(record.investorId != 0 && !holds), 11);
            o.refused = !ok;
            return o;
        }
        if ((r >> 10) % 3 == 0) {
            uint40 expiry = uint40(block.timestamp + 20 days);
            try registrar.registerInvestor(wallet, _country(r >> 12), InvestorClass(1 + (r >> 14) % 3), expiry) returns (uint64 id) {
                ok = true;
                _assertEq("register: a removed wallet keeps its investor", _b(record.investorId == 0 || id == record.investorId), 1, 11);
                _assertEq("register: the wallet is verified", token.getInvestor(wallet).kycExpiry, expiry, 11);
            } catch {}
            expected = record.investorId == 0 || record.investorClass == InvestorClass.None;
        } else {
            uint64 investorId = uint64(1 + (r >> 12) % registrar.investorCount());
            try registrar.linkWallet(investorId, wallet) {
                ok = true;
                _assertEq("link: the wallet joins the investor", token.getInvestor(wallet).investorId, investorId, 11);
            } catch {}
            expected = record.investorId == 0 && _hasActiveWallet(investorId);
        }
        _assertEq("register/link succeeds exactly for a new (or removed) wallet", _b(ok), _b(expected), 11);
        o.refused = !ok;
    }

    function _actWarp(uint256 r) internal returns (Outcome memory o) {
        uint256 mode = r % 4;
        uint256 target = block.timestamp + 1 + (r >> 8) % 12 days;
        if (mode < 2) {
            // Exactly at (or one second before) a wallet's KYC expiry or a lot's lock-up end, when still ahead.
            uint256 edge = (r >> 4) % 2 == 0
                ? token.getInvestor(address(actors[(r >> 5) % N])).kycExpiry
                : token.getLotRules(lotIds[(r >> 5) % 2]).lockupEnd;
            if (edge > block.timestamp) target = edge - mode;
        }
        if (target > block.timestamp) VM.warp(target);
        return o;
    }

    function _actPause() internal returns (Outcome memory o) {
        bool paused = token.paused();
        if (paused) token.unpause();
        else token.pause();
        _assertEq("paused", _b(token.paused()), _b(!paused), 13);
        return o;
    }

    function _actHold(uint256 r) internal returns (Outcome memory o) {
        uint256 lot = lotIds[r % 2];
        token.setLotHold(lot, !token.getLotRules(lot).onHold, "due diligence");
        return o;
    }

    function _actCountries(uint256 r) internal returns (Outcome memory o) {
        uint16[] memory countries = new uint16[](1);
        countries[0] = _country(r >> 8);
        token.setAllowedCountries(lotIds[r % 2], countries, (r >> 1) % 2 == 0);
        return o;
    }

    function _actInvestor(uint256 r) internal returns (Outcome memory o) {
        bool ok;
        if (r % 4 == 0) {
            address wallet = address(actors[(r >> 8) % N]);
            bool verified = token.getInvestor(wallet).investorClass != InvestorClass.None;
            try registrar.removeInvestor(wallet) {
                ok = true;
            } catch {}
            _assertEq("removeInvestor succeeds exactly for a verified wallet", _b(ok), _b(verified), 16);
        } else {
            // Renew (or shorten) an investor's KYC, possibly changing class and country, for its active wallets;
            // refused when it has none left. Removed wallets stay removed.
            uint64 investorId = uint64(1 + (r >> 8) % registrar.investorCount());
            bool active = _hasActiveWallet(investorId);
            uint40 expiry = uint40(block.timestamp + 1 + (r >> 16) % 40 days);
            try registrar.updateInvestor(investorId, _country(r >> 48), InvestorClass(1 + (r >> 50) % 3), expiry) {
                ok = true;
            } catch {}
            _assertEq("updateInvestor succeeds exactly for an investor with an active wallet", _b(ok), _b(active), 16);
            address[] memory wallets = registrar.walletsOf(investorId);
            for (uint256 i; ok && i < wallets.length; ++i) {
                InvestorRecord memory record = token.getInvestor(wallets[i]);
                if (record.investorClass == InvestorClass.None) continue;
                _assertEq("updateInvestor reaches every active linked wallet", record.kycExpiry, expiry, 16);
            }
        }
        o.refused = !ok;
    }

    function _hasActiveWallet(uint64 investorId) internal view returns (bool) {
        address[] memory wallets = registrar.walletsOf(investorId);
        for (uint256 i; i < wallets.length; ++i) {
            if (token.getInvestor(wallets[i]).investorClass != InvestorClass.None) return true;
        }
        return false;
    }

    /// @dev Arms a wallet to move units of its own from inside its next ERC-1155 acceptance callback (during a
    /// transfer, mint or forced transfer it receives); the wallet compares the outcome with `canTransfer`.
    function _actArmHook(uint256 r) internal returns (Outcome memory o) {
        (uint256 f, uint256 t) = _pair(r);
        uint256 lot = lotIds[(r >> 16) % 2];
        actors[f].armHook(address(actors[t]), lot, _pickAmount(r >> 24, address(actors[f]), lot));
        return o;
    }

    function _restrictedStart(uint256 s) internal {
        if (s % 2 == 0) token.setFrozenTokens(address(actors[0]), lotIds[0], 400 + (s >> 8) % 700);
        if ((s >> 1) % 2 == 0) token.setFrozenTokens(address(actors[3]), lotIds[1], (s >> 20) % 900);
        uint256 lot = lotIds[(s >> 2) % 2];
        uint32 holders = token.getLotRules(lot).holders;
        token.setLotRules(
            lot,
            InvestorClass((s >> 3) % 3),
            (s >> 5) % 3 == 0,
            (s >> 7) % 2 == 0 ? holders : 0,
            (s >> 32) % 3 == 0 ? uint40(block.timestamp + 1 + (s >> 34) % 3 days) : 0,
            (s >> 60) % 2 == 0 ? uint128(50 + (s >> 62) % 300) : 0
        );
        uint16[] memory countries = new uint16[](1);
        countries[0] = _country(s >> 100);
        token.setAllowedCountries(lot, countries, true);
        if ((s >> 110) % 5 == 0) token.setLotHold(lotIds[(s >> 113) % 2], true, "due diligence");
        if ((s >> 116) % 6 == 0) token.pause();
    }

    // ------------------------------------------------------------------ the model of the rules

    /// @dev Whether a transfer should go through, from the brief's rules rather than from the contract's code.
    function _modelTransfer(address from, address to, uint256 lot, uint256 amount) internal view returns (bool) {
        if (token.paused() || token.getLotRules(lot).onHold) return false;
        if (!_eligible(from) || !_eligible(to)) return false;
        uint256 balance = token.balanceOf(from, lot);
        uint256 frozen = token.getFrozenTokens(from, lot);
        if (frozen > balance || amount > balance - frozen) return false; // only unfrozen units may move
        LotRules memory rules = token.getLotRules(lot);
        if (block.timestamp < rules.lockupEnd) return false;
        bool self = from == to;
        uint256 fromAfter = self ? balance : balance - amount;
        if (fromAfter != 0 && fromAfter < rules.minHolding) return false;
        uint256 toAfter = self ? balance : token.balanceOf(to, lot) + amount;
        if (!_receiverRulesOk(to, lot, toAfter, rules)) return false;
        return self || _withinHolderLimit(from, to, lot, amount, rules);
    }

    /// @dev A burn is a movement to nobody: the sender's rules only.
    function _modelBurn(address from, uint256 lot, uint256 amount) internal view returns (bool) {
        // Exit is always possible: a burn needs no eligibility, only an account that is not frozen.
        if (amount == 0 || token.paused() || token.getLotRules(lot).onHold || token.getInvestor(from).frozen) return false;
        uint256 balance = token.balanceOf(from, lot);
        uint256 frozen = token.getFrozenTokens(from, lot);
        if (frozen > balance || amount > balance - frozen) return false;
        LotRules memory rules = token.getLotRules(lot);
        if (block.timestamp < rules.lockupEnd) return false;
        uint256 fromAfter = balance - amount;
        return fromAfter == 0 || fromAfter >= rules.minHolding;
    }

    /// @dev A mint is a movement from nobody: the receiver's rules, pause and hold, not the lock-up.
    function _modelMint(address to, uint256 lot, uint256 amount) internal view returns (bool) {
        if (amount == 0 || amount > registry.mintableQuantity(lot)) return false;
        if (token.paused() || token.getLotRules(lot).onHold || !_eligible(to)) return false;
        LotRules memory rules = token.getLotRules(lot);
        uint256 toAfter = token.balanceOf(to, lot) + amount;
        return _receiverRulesOk(to, lot, toAfter, rules) && _withinHolderLimit(address(0), to, lot, amount, rules);
    }

    /// @dev A forced transfer skips the sender's side, pause and holds, never the receiver's; never to the sender.
    function _modelForced(address from, address to, uint256 lot, uint256 amount) internal view returns (bool) {
        uint256 balance = token.balanceOf(from, lot);
        if (from == to || amount == 0 || amount > balance || !_eligible(to)) return false;
        LotRules memory rules = token.getLotRules(lot);
        uint256 toAfter = token.balanceOf(to, lot) + amount;
        if (!_receiverRulesOk(to, lot, toAfter, rules)) return false;
        return _withinHolderLimit(from, to, lot, amount, rules);
    }

    function _eligible(address wallet) internal view returns (bool) {
        InvestorRecord memory record = token.getInvestor(wallet);
        return record.investorClass != InvestorClass.None && block.timestamp < record.kycExpiry && !record.frozen;
    }

    function _receiverRulesOk(address to, uint256 lot, uint256 toAfter, LotRules memory rules) internal view returns (bool) {
        InvestorRecord memory record = token.getInvestor(to);
        if (rules.restrictCountries && !token.isCountryAllowed(lot, record.country)) return false;
        if (record.investorClass < rules.minClass) return false;
        return toAfter == 0 || toAfter >= rules.minHolding;
    }

    function _withinHolderLimit(address from, address to, uint256 lot, uint256 amount, LotRules memory rules)
        internal
        view
        returns (bool)
    {
        return rules.maxHolders == 0 || _countHolders(lot, from, to, amount) <= rules.maxHolders;
    }

    /// @dev The number of distinct investors whose wallets would hold units of `lot` after `amount` units moved
    /// from `from` to `to` (address(0) for none), computed from the wallets' balances and investor ids.
    function _countHolders(uint256 lot, address from, address to, uint256 amount) internal view returns (uint256 count) {
        uint64[N] memory seen;
        for (uint256 i; i < N; ++i) {
            address wallet = address(actors[i]);
            uint256 balance = token.balanceOf(wallet, lot);
            if (from != to && wallet == from) balance -= amount;
            if (from != to && wallet == to) balance += amount;
            if (balance == 0) continue;
            uint64 id = token.getInvestor(wallet).investorId;
            bool known;
            for (uint256 j; j < count; ++j) {
                if (seen[j] == id) known = true;
            }
            if (!known) seen[count++] = id;
        }
    }

    // ------------------------------------------------------------------ properties

    function _checkProperties(Snapshot memory before, Snapshot memory after_, Outcome memory o) internal view {
        for (uint256 a; a < N; ++a) {
            _assertEq("callback transfer: outcome == canTransfer", actors[a].hookMismatches(), 0, o.action);
        }
        for (uint256 a; a < N; ++a) {
            address wallet = address(actors[a]);
            uint256 held = (token.balanceOf(wallet, lotIds[0]) != 0 ? 1 : 0) + (token.balanceOf(wallet, lotIds[1]) != 0 ? 1 : 0);
            _assertEq("lotsHeld == lots with a non-zero balance", token.getInvestor(wallet).lotsHeld, held, o.action);
        }
        for (uint256 li; li < 2; ++li) {
            _checkHolders(li);
            uint256 sum;
            for (uint256 a; a < N; ++a) {
                sum += after_.balances[li][a];
                _checkFrozen(before, after_, o, li, a);
            }
            _assertEq("totalSupply == sum of the wallets' balances", after_.supply[li], sum, o.action);
            if (o.refused) {
                _assertEq("refused action: holders unchanged", after_.holders[li], before.holders[li], o.action);
                _assertEq("refused action: supply unchanged", after_.supply[li], before.supply[li], o.action);
                for (uint256 a; a < N; ++a) {
                    _assertEq("refused action: balance unchanged", after_.balances[li][a], before.balances[li][a], o.action);
                    _assertEq("refused action: frozen unchanged", after_.frozen[li][a], before.frozen[li][a], o.action);
                }
            }
        }
    }

    function _checkFrozen(Snapshot memory before, Snapshot memory after_, Outcome memory o, uint256 li, uint256 a)
        internal
        pure
    {
        bool target = o.lotIdx == li && o.actorIdx == a;
        if (o.forced && target) {
            _assertEq("forced transfer: frozen lowered exactly as needed", after_.frozen[li][a], o.frozenAfter, o.action);
            return;
        }
        if (o.frozenSet && target) {
            _assertEq("setFrozenTokens: frozen set", after_.frozen[li][a], o.frozenAfter, o.action);
        } else {
            _assertEq("frozen amount unchanged", after_.frozen[li][a], before.frozen[li][a], o.action);
        }
        uint256 floor = before.frozen[li][a] < before.balances[li][a] ? before.frozen[li][a] : before.balances[li][a];
        if (after_.balances[li][a] < floor) {
            revert PropertyViolated("frozen units left without a forced transfer", o.action, after_.balances[li][a], floor);
        }
    }

    function _checkHolders(uint256 li) internal view {
        LotRules memory rules = token.getLotRules(lotIds[li]);
        _assertEq("holders == distinct investors holding", rules.holders, _countHolders(lotIds[li], address(0), address(0), 0), li);
        if (rules.maxHolders != 0 && rules.holders > rules.maxHolders) {
            revert PropertyViolated("holders <= maxHolders", li, rules.holders, rules.maxHolders);
        }
    }

    function _snapshot() internal view returns (Snapshot memory s) {
        for (uint256 li; li < 2; ++li) {
            uint256 lot = lotIds[li];
            for (uint256 a; a < N; ++a) {
                s.balances[li][a] = token.balanceOf(address(actors[a]), lot);
                s.frozen[li][a] = token.getFrozenTokens(address(actors[a]), lot);
            }
            s.holders[li] = token.getLotRules(lot).holders;
            s.supply[li] = token.totalSupply(lot);
        }
    }

    // ------------------------------------------------------------------ helpers

    function _warehousedCopperLot(bytes32 ref) internal returns (uint256 lotId) {
        lotId = registry.registerLot(
            LotRegistration({
                commodity: Commodity.Copper,
                form: Form.Concentrate,
                basis: Basis.Element,
                countryCode: 180,
                originId: "CD-KOLWEZI-001",
                externalRef: keccak256(abi.encode(ref)),
                wetMassGrams: 1e10,
                moistureBps: 800,
                gradePpb: 265_000_000,
                payableBps: 9650,
                custodian: address(this),
                location: "Lubumbashi bonded"
            })
        );
        registry.recordAssay(lotId, 800, 265_000_000, 9650);
        registry.attestCustody(lotId, 1_000_000, "Lubumbashi bonded");
    }

    /// @dev A sender and a receiver among the wallets; the same wallet in one case out of N.
    function _pair(uint256 r) internal pure returns (uint256 f, uint256 t) {
        f = r % N;
        t = (r >> 8) % N;
    }

    /// @dev Amounts at the edges that matter: the whole balance, exactly the unfrozen part and one more, the
    /// minimum-holding edges, random amounts on both sides of the balance, and zero or a few units.
    function _pickAmount(uint256 r, address from, uint256 lot) internal view returns (uint256) {
        uint256 balance = token.balanceOf(from, lot);
        uint256 frozen = token.getFrozenTokens(from, lot);
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        uint256 minHolding = token.getLotRules(lot).minHolding;
        uint256 mode = r % 8;
        r >>= 3;
        if (mode == 0) return balance;
        if (mode == 1) return unfrozen;
        if (mode == 2) return unfrozen + 1;
        if (mode == 3) return balance >= minHolding ? balance - minHolding + r % 2 : r % 3; // sender keeps min or min-1
        if (mode == 4) return minHolding + r % 2; // receiver gets min or min+1 (if it held nothing)
        if (mode == 7) return r % 20;
        return r % (balance + balance / 4 + 2);
    }

    function _country(uint256 r) internal pure returns (uint16) {
        uint256 i = r % 3;
        return i == 0 ? RW : i == 1 ? CD : US;
    }

    function _assertSent(ComplianceActor actor, address to, uint256 lot, uint256 amount, bool expected) internal {
        (bool ok,) = actor.transferUnits(to, lot, amount);
        _assertEq("transfer outcome", _b(ok), _b(expected), 0);
    }

    /// @dev A refused transfer of at most the balance reverts with exactly the error `transferStatus` predicts.
    function _assertReason(
        bytes memory revertData,
        Reason status,
        address from,
        address to,
        uint256 lot,
        uint256 amount,
        uint256 fromBalance
    ) internal view {
        bytes memory expected;
        if (status == Reason.InsufficientUnfrozenBalance) {
            uint256 frozen = token.getFrozenTokens(from, lot);
            uint256 unfrozen = fromBalance > frozen ? fromBalance - frozen : 0;
            expected = abi.encodeWithSelector(
                IERC7943MultiToken.ERC7943InsufficientUnfrozenBalance.selector, from, lot, amount, unfrozen
            );
        } else {
            expected = abi.encodeWithSelector(ILotCompliance.ComplianceViolation.selector, status, from, to, lot, amount);
        }
        if (keccak256(revertData) != keccak256(expected)) {
            revert RevertReasonMismatch(status, revertData, expected);
        }
    }

    function _b(bool value) internal pure returns (uint256) {
        return value ? 1 : 0;
    }

    function _assertEq(string memory what, uint256 actual, uint256 expected, uint256 action) internal pure {
        if (actual != expected) revert PropertyViolated(what, action, actual, expected);
    }
}
