// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {LotRegistry} from "../../../contracts/lots/LotRegistry.sol";
import {LotToken} from "../../../contracts/lots/LotToken.sol";
import {LotCompliance} from "../../../contracts/compliance/LotCompliance.sol";
import {InvestorRegistrar} from "../../../contracts/compliance/InvestorRegistrar.sol";
import {LotOfferings} from "../../../contracts/offerings/LotOfferings.sol";
import {ProceedsVault} from "../../../contracts/proceeds/ProceedsVault.sol";
import {DeliveryEscrow} from "../../../contracts/delivery/DeliveryEscrow.sol";
import {LotTrades} from "../../../contracts/trades/LotTrades.sol";
import {TestStablecoin} from "../../../contracts/mocks/TestStablecoin.sol";
import {LotProcessing} from "../../../contracts/processing/LotProcessing.sol";
import {Conversion, OutputLot, Step, StepKind} from "../../../contracts/interfaces/ILotProcessing.sol";
import {OfferingState, OfferingStatus, OfferingTerms, Subscription} from "../../../contracts/interfaces/ILotOfferings.sol";
import {LotProceeds, Position} from "../../../contracts/interfaces/IProceedsVault.sol";
import {DeliveryRequest, DeliveryStatus} from "../../../contracts/interfaces/IDeliveryEscrow.sol";
import {Basis, Commodity, Form, Lot, LotRegistration, LotState} from "../../../contracts/lots/LotTypes.sol";
import {InvestorClass, InvestorRecord, LotRules} from "../../../contracts/compliance/ComplianceTypes.sol";
import {IERC7943MultiToken} from "../../../contracts/interfaces/IERC7943MultiToken.sol";
import {CampaignActor} from "./CampaignActor.sol";
import {VM} from "./Vm.sol";

/// @notice The platform the campaign drives, deployed and wired by the test before the handler is created.
struct Platform {
    LotRegistry registry;
    LotToken token;
    InvestorRegistrar registrar;
    LotOfferings offerings;
    ProceedsVault vault;
    DeliveryEscrow escrow;
    LotTrades trades;
    TestStablecoin usd;
    LotProcessing processing;
}

/// @title PlatformHandler
/// @notice Test-only: the actions of the whole-platform campaign. The handler holds the operating roles (issuer,
/// assayer, custodian, compliance, pauser) and drives six investor wallets (the last two linked to one investor), the
/// lots' treasury, a rival treasury and an outsider through offerings, transfers, trades, deliveries, freezes, KYC
/// lapses and class changes, pauses, holds, settlement, deposits, redemptions, claims and retirement, in any order and
/// with time passing. Every action may be refused; a refusal changes nothing. What must never happen is recorded as a
/// failure (the first one with its numbers), which the test's invariants report:
/// - a subscriber paid back more than it paid, or a claim that delivers other than the allocation fixed at close (the
///   issuer choosing the claim order must not change anybody's share);
/// - a rival treasury, an investor or the outsider doing what only a role may do, or anyone burning units it does not
///   hold as a platform account;
/// - at the close-out (`closeOut`, after each run): a subscriber left without its units or its money, a delivery
///   request that can be neither confirmed nor rejected, a holder that cannot redeem, a redeemed unit not paid.
/// The conservation properties (stablecoin and metal to the base unit) are views (`checkMoney`, `checkMetal`,
/// `checkProceeds`, `checkHolders`) the invariants call after every step.
contract PlatformHandler {
    using Strings for uint256;

    uint256 internal constant INVESTORS = 6;
    uint256 internal constant LOTS = 2;
    uint256 internal constant MAX_OFFERINGS = 4;
    uint256 internal constant MAGNITUDE = 2 ** 128;
    uint256 internal constant FUNDS = 10_000_000e6;
    uint256 internal constant TREASURY_FUNDS = 1_000_000_000e6;
    uint128 internal constant ATTESTED = 2_000_000;
    uint32 internal constant MAX_HOLDERS_A = 4;
    uint128 internal constant MIN_HOLDING_A = 500;
    uint256 internal constant PRICE_AMOUNT = 9_750_000_007;
    uint256 internal constant PRICE_UNIT = 1_000;
    uint16 internal constant PAKISTAN = 586;
    bytes32 internal constant REF = "CAMPAIGN";

    LotRegistry internal immutable registry;
    LotToken internal immutable token;
    InvestorRegistrar internal immutable registrar;
    LotOfferings internal immutable offerings;
    ProceedsVault internal immutable vault;
    DeliveryEscrow internal immutable escrow;
    LotTrades internal immutable trades;
    TestStablecoin internal immutable usd;
    LotProcessing internal immutable processing;
    address internal immutable owner;

    CampaignActor[INVESTORS] internal investors;
    /// @notice The lots' treasury (it deposits sale proceeds and receives offering proceeds), a rival that also holds
    /// TREASURY_ROLE, and an outsider nobody registered.
    CampaignActor public immutable treasury;
    CampaignActor public immutable rival;
    CampaignActor public immutable outsider;
    /// @notice Lot A is sold by offerings (a holder limit, a minimum holding, accredited investors and above); lot B
    /// was minted to investors and is delivered, traded and settled.
    uint256[LOTS] public lots;
    uint256[] internal offeringIds;
    uint256[] internal requestIds;

    // ---------------------------------------------------------------- ghost ledger

    /// @dev Per offering and subscribing wallet: stablecoin paid in, paid back (to it or, by a release, to the wallet
    /// compliance named) and units delivered; the allocation fixed at the close.
    mapping(uint256 offeringId => mapping(address wallet => uint256)) internal paidIn;
    mapping(uint256 offeringId => mapping(address wallet => uint256)) internal paidBack;
    mapping(uint256 offeringId => mapping(address wallet => uint256)) internal unitsOut;
    mapping(uint256 offeringId => mapping(address wallet => uint256)) internal allocation;
    mapping(uint256 offeringId => mapping(address wallet => bool)) internal refundedInstead;
    mapping(uint256 offeringId => bool) internal closedHere;
    /// @dev What the treasury received from offerings; units burned by delivery and by redemption, per lot; what each
    /// wallet received from the vault, per lot.
    uint256 internal treasuryFromOfferings;
    uint256[LOTS] internal delivered;
    uint256[LOTS] internal redeemed;
    mapping(uint256 lotIndex => mapping(address wallet => uint256)) internal fromVault;
    /// @dev Units a delivery returned to a wallet, which may exceed a holder limit (the units were the holder's).
    bool[LOTS] internal returnedUnits;
    uint256 internal usdSupply;

    /// @notice How many times each action went through (`test_everyActionCanGoThrough` checks that none is refused
    /// by construction).
    mapping(bytes32 action => uint256) public succeeded;

    /// @dev Lot C is split, blended or refined; lot D may be blended with it. Every lot a step consumed, and every lot a
    /// step produced (some of which a later step consumes in turn).
    uint256 public lotC;
    uint256 public lotD;
    uint256[] internal consumedLots;
    uint256[] internal outputLots;

    uint256 public failureCount;
    string public firstFailure;

    /// @notice Thrown when anyone but the test calls a setup or close-out step.
    error NotOwner(address caller);

    constructor(Platform memory p) {
        registry = p.registry;
        token = p.token;
        registrar = p.registrar;
        offerings = p.offerings;
        vault = p.vault;
        escrow = p.escrow;
        trades = p.trades;
        usd = p.usd;
        processing = p.processing;
        owner = msg.sender;
        treasury = new CampaignActor();
        rival = new CampaignActor();
        outsider = new CampaignActor();
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @notice Creates the investors' wallets and registers them, registers both lots, mints lot B and opens the first
    /// offering of lot A. The test calls it once it has granted this handler its roles.
    function initialise() external onlyOwner {
        uint40 kyc = uint40(block.timestamp + 3650 days);
        uint64 shared;
        for (uint256 i; i < INVESTORS; ++i) {
            investors[i] = new CampaignActor();
            address wallet = address(investors[i]);
            if (i == INVESTORS - 1) registrar.linkWallet(shared, wallet);
            else shared = registrar.registerInvestor(wallet, PAKISTAN, InvestorClass.Institutional, kyc);
            usd.mint(wallet, FUNDS);
            _as(investors[i], address(usd), abi.encodeCall(IERC20.approve, (address(offerings), type(uint256).max)));
            _as(investors[i], address(usd), abi.encodeCall(IERC20.approve, (address(trades), type(uint256).max)));
            _as(investors[i], address(token), abi.encodeCall(IERC1155.setApprovalForAll, (address(trades), true)));
        }
        usd.mint(address(treasury), TREASURY_FUNDS);
        usd.mint(address(rival), TREASURY_FUNDS);
        _as(treasury, address(usd), abi.encodeCall(IERC20.approve, (address(vault), type(uint256).max)));
        _as(rival, address(usd), abi.encodeCall(IERC20.approve, (address(vault), type(uint256).max)));
        usdSupply = usd.totalSupply();

        lots[0] = _warehousedLot("PK-CHAGAI-A");
        lots[1] = _warehousedLot("PK-CHAGAI-B");
        token.setLotRules(lots[0], InvestorClass.Accredited, false, MAX_HOLDERS_A, 0, MIN_HOLDING_A);
        for (uint256 i; i < INVESTORS; ++i) {
            token.mint(address(investors[i]), lots[1], 50_000 + 10_007 * i, "");
        }
        escrow.setMinimumDelivery(lots[0], 1);
        escrow.setMinimumDelivery(lots[1], 1);
        lotC = _warehousedLot("PK-CHITRAL-C");
        lotD = _warehousedLot("PK-CHITRAL-D");
        for (uint256 i; i < INVESTORS; ++i) {
            token.mint(address(investors[i]), lotC, 20_011 + 3_001 * i, "");
            if (i % 2 == 0) token.mint(address(investors[i]), lotD, 7_019 * (i + 1), "");
        }
        processing.recordByProduct(lotC, Commodity.Gold, 2_500);
        _createOffering(0);
    }

    // ================================================================ actions: offerings

    function subscribe(uint256 who, uint256 units) external {
        (uint256 id, CampaignActor actor) = (_offering(), _investor(who));
        uint256 before = usd.balanceOf(address(actor));
        if (_as(actor, address(offerings), abi.encodeCall(LotOfferings.subscribe, (id, 1 + units % 70_000)))) {
            paidIn[id][address(actor)] += before - usd.balanceOf(address(actor));
            _count("subscribe");
        }
    }

    /// @notice An investor lowers its request, or (one time in four) cancels it.
    function reduce(uint256 who, uint256 units) external {
        (uint256 id, CampaignActor actor) = (_offering(), _investor(who));
        if (_pick(units, 4) == 0) {
            _back(id, actor, abi.encodeCall(LotOfferings.cancel, (id)), "cancel");
            return;
        }
        uint256 requested = offerings.subscriptionOf(id, address(actor)).requested;
        if (requested == 0) return;
        _back(id, actor, abi.encodeCall(LotOfferings.reduce, (id, (units >> 2) % requested)), "reduce");
    }

    /// @notice The issuer closes the current offering, the outsider tries to (it may after the grace period), or (one
    /// time in sixteen) the issuer cancels it; once it is closed, the issuer opens the next one.
    function close(uint256 seed) external {
        uint256 id = _offering();
        if (offerings.statusOf(id).state != OfferingState.Open) {
            _createOffering(seed);
        } else if (_pick(seed, 16) == 0) {
            if (_try(address(offerings), abi.encodeCall(LotOfferings.cancelOffering, (id, REF)))) _count("cancelOffering");
        } else if (_pick(seed, 2) == 0 ? _as(outsider, address(offerings), abi.encodeCall(LotOfferings.close, (id))) : _try(address(offerings), abi.encodeCall(LotOfferings.close, (id)))) {
            _closed(id);
        }
    }

    /// @notice A claim by the investor or by the issuer on its behalf (in whatever order the issuer likes), a refund
    /// instead, or compliance releasing the claim to another investor's wallet.
    function claim(uint256 offering, uint256 who, uint256 mode) external {
        uint256 id = _anyOffering(offering);
        CampaignActor actor = _investor(who);
        mode = _pick(mode, 4);
        if (mode <= 1) {
            bytes memory call = abi.encodeCall(LotOfferings.claim, (id, address(actor)));
            _settleClaim(id, address(actor), address(actor), mode == 1 ? CampaignActor(address(0)) : actor, call, "claim");
        } else if (mode == 2) {
            uint256 units = token.balanceOf(address(actor), lots[0]);
            if (_back(id, actor, abi.encodeCall(LotOfferings.refundInstead, (id)), "refundInstead")) refundedInstead[id][address(actor)] = true;
            if (token.balanceOf(address(actor), lots[0]) != units) _fail("a refund instead delivered units", token.balanceOf(address(actor), lots[0]), units);
        } else {
            address receiver = address(_investor(offering >> 8));
            bytes memory call = abi.encodeCall(LotOfferings.releaseClaim, (id, address(actor), receiver, REF));
            _settleClaim(id, address(actor), receiver, CampaignActor(address(0)), call, "releaseClaim");
        }
    }

    /// @notice Anyone pays an offering's proceeds to its treasury, or the issuer withdraws the units no investor
    /// will receive.
    function withdrawFromOffering(uint256 offering, uint256 to, bool units) external {
        uint256 id = _anyOffering(offering);
        if (units) {
            if (_try(address(offerings), abi.encodeCall(LotOfferings.withdrawUnits, (id, address(_investor(to)))))) _count("withdrawUnits");
            return;
        }
        uint256 before = usd.balanceOf(address(treasury));
        if (_as(outsider, address(offerings), abi.encodeCall(LotOfferings.withdrawProceeds, (id)))) {
            treasuryFromOfferings += usd.balanceOf(address(treasury)) - before;
            _count("withdrawProceeds");
        }
    }

    // ================================================================ actions: units

    /// @notice An investor sends units to another, or offers them for stablecoin and the other takes the offer
    /// (delivery versus payment).
    function transfer(uint256 from, uint256 to, uint256 lot, uint256 amount, uint256 price) external {
        CampaignActor sender = _investor(from);
        CampaignActor receiver = _investor(to);
        uint256 lotId = lots[lot % LOTS];
        uint256 units = amount % (token.balanceOf(address(sender), lotId) + 2);
        if (_pick(from, 8) == 0) {
            // The offerings contract accepts only its own mint: units sent to it would be nobody's.
            bytes memory stray = abi.encodeCall(IERC1155.safeTransferFrom, (address(sender), address(offerings), lotId, units, ""));
            if (_as(sender, address(token), stray)) _fail("the offerings contract accepted units sent to it", units, lotId);
            return;
        }
        if (_pick(price, 2) == 0) {
            bytes memory call = abi.encodeCall(IERC1155.safeTransferFrom, (address(sender), address(receiver), lotId, units, ""));
            if (_as(sender, address(token), call)) _count("transfer");
            return;
        }
        uint256 offerId = trades.offerCount() + 1;
        bytes memory offer = abi.encodeCall(
            LotTrades.createOffer, (lotId, units, IERC20(address(usd)), 1 + (price >> 1) % 1_000_000e6, address(0), uint40(block.timestamp + 1 days))
        );
        if (!_as(sender, address(trades), offer)) return;
        if (_as(receiver, address(trades), abi.encodeCall(LotTrades.take, (offerId)))) _count("trade");
        else _as(sender, address(trades), abi.encodeCall(LotTrades.cancelOffer, (offerId)));
    }

    /// @notice A holder asks for physical delivery (sends units to the escrow), or a request is decided: confirmed or
    /// rejected by the custodian, cancelled by its holder, or released by compliance to another investor's wallet.
    function delivery(uint256 who, uint256 lot, uint256 amount, uint256 mode) external {
        mode = _pick(mode, 5);
        if (mode != 0) {
            if (requestIds.length != 0) _decide(requestIds[amount % requestIds.length], mode - 1, address(_investor(who)));
            return;
        }
        CampaignActor holder = _investor(who);
        uint256 lotId = lots[lot % LOTS];
        uint256 units = 1 + amount % (token.balanceOf(address(holder), lotId) + 1);
        uint256 requestId = escrow.requestCount() + 1;
        bytes memory call = abi.encodeCall(IERC1155.safeTransferFrom, (address(holder), address(escrow), lotId, units, abi.encode(REF)));
        if (_as(holder, address(token), call)) {
            requestIds.push(requestId);
            _count("requestDelivery");
        }
    }

    // ================================================================ actions: compliance, time, the custodian

    /// @notice Compliance or the pauser restricts (one time in three) or lifts: an account frozen, units of a lot
    /// frozen (any amount, possibly beyond the balance), KYC lapsing a second from now, the investor's class lowered
    /// below lot A's minimum (a refusal for good), transfers paused, a lot put on hold.
    function restrict(uint256 who, uint256 lot, uint256 kind, uint256 amount) external {
        address wallet = address(_investor(who));
        uint256 lotId = lots[lot % LOTS];
        bool on = _pick(amount, 3) == 0;
        kind = _pick(kind, 6);
        if (kind == 0) {
            registrar.setAccountFrozen(wallet, on);
        } else if (kind == 1) {
            token.setFrozenTokens(wallet, lotId, on ? (amount >> 2) % (token.balanceOf(wallet, lotId) + 2) : 0);
        } else if (kind <= 3) {
            InvestorRecord memory record = token.getInvestor(wallet);
            InvestorClass class = record.investorClass;
            uint40 expiry = record.kycExpiry > block.timestamp ? record.kycExpiry : uint40(block.timestamp + 3650 days);
            if (kind == 2) expiry = on ? uint40(block.timestamp + 1) : uint40(block.timestamp + 3650 days);
            else class = on ? InvestorClass.Retail : InvestorClass.Institutional;
            registrar.updateInvestor(record.investorId, record.country, class, expiry);
        } else if (kind == 4) {
            // Paused one time in six: a pause stops every investor, so it is kept short.
            bool pauses = _pick(amount, 6) == 0;
            if (pauses && !token.paused()) token.pause();
            if (!pauses && token.paused()) token.unpause();
        } else {
            token.setLotHold(lotId, on, REF);
        }
        _count("restrict");
    }

    /// @notice Time passes: mostly up to an hour, one time in three up to four days (an offering window is ten).
    function warp(uint256 seconds_) external {
        VM.warp(block.timestamp + 1 + seconds_ % (_pick(seconds_, 3) == 0 ? 4 days : 1 hours));
    }

    /// @notice The custodian re-attests what it holds (any figure: the registry refuses what would break the
    /// backing), or the issuer mints units to an investor outside any offering.
    function attestOrMint(uint256 lot, uint256 to, uint256 amount, bool attests) external {
        uint256 lotId = lots[lot % LOTS];
        if (attests) {
            bytes memory call = abi.encodeCall(LotRegistry.attestCustody, (lotId, uint128(amount % (uint256(ATTESTED) * 2)), "PK-KARACHI-W2"));
            if (_try(address(registry), call)) _count("attest");
        } else if (_try(address(token), abi.encodeCall(LotToken.mint, (address(_investor(to)), lotId, 1 + amount % 20_000, "")))) {
            _count("mint");
        }
    }

    // ================================================================ actions: settlement and proceeds

    /// @notice The lot's sale: the issuer starts its settlement, the lot's treasury deposits (and declares the payment
    /// final, atomically, one time in four) or sweeps the rounding dust, or the issuer retires the lot.
    function settle(uint256 lot, uint256 mode, uint256 amount) external {
        uint256 lotId = lots[lot % LOTS];
        mode = _pick(mode, 6);
        if (mode == 0) {
            bytes memory call = abi.encodeCall(LotRegistry.startSettlement, (lotId, "SALE-CAMPAIGN", address(usd), address(treasury)));
            if (_try(address(registry), call)) _count("startSettlement");
        } else if (mode <= 2) {
            if (_as(treasury, address(vault), abi.encodeCall(ProceedsVault.deposit, (lotId, amount % 1_000_000e6)))) _count("deposit");
            if (_pick(amount, 4) == 0 && _as(treasury, address(vault), abi.encodeCall(ProceedsVault.finalize, (lotId)))) _count("finalize");
        } else if (mode == 3) {
            if (_as(treasury, address(vault), abi.encodeCall(ProceedsVault.sweepDust, (lotId)))) _count("sweepDust");
        } else if (mode == 4) {
            if (_try(address(registry), abi.encodeCall(LotRegistry.retireLot, (lotId)))) _count("retire");
        } else if (_as(treasury, address(vault), abi.encodeCall(ProceedsVault.finalize, (lotId)))) {
            _count("finalize");
        }
    }

    /// @notice A holder redeems units at the vault (sends them there), claims its proceeds, or compliance releases its
    /// position to another investor's wallet.
    function redeem(uint256 who, uint256 lot, uint256 amount, uint256 mode) external {
        CampaignActor holder = _investor(who);
        uint256 index = lot % LOTS;
        mode = _pick(mode, 4);
        if (mode <= 1) {
            if (_redeem(holder, index, 1 + amount % (token.balanceOf(address(holder), lots[index]) + 1))) _count("redeem");
        } else if (mode == 2) {
            if (_claimProceeds(holder, index)) _count("claimProceeds");
        } else {
            bytes memory call = abi.encodeCall(ProceedsVault.releasePosition, (lots[index], address(holder), address(_investor(amount)), REF));
            if (_try(address(vault), call)) _count("releasePosition");
        }
    }

    // ================================================================ actions: processing

    /// @notice A step on lot C (or, once C is consumed, on a product of it that is still warehoused): a split into two
    /// shipments of any proportion, a blend with lot D, or a refining step at any recovery with some of the gold.
    function processLot(uint256 mode, uint256 amount) external {
        uint256 input = _processable();
        if (input == 0) return;
        Lot memory lot = registry.getLot(input);
        uint256 consumed = lot.attestedQuantity;
        mode = _pick(mode, 3);
        uint256 stepBefore = processing.stepCount();
        if (mode == 0) {
            OutputLot[] memory outputs = new OutputLot[](2);
            uint256 first = 1 + amount % (consumed - 1);
            outputs[0] = _output(lot.commodity, lot.form, first, "SHIPMENT");
            outputs[1] = _output(lot.commodity, lot.form, consumed - first, "SHIPMENT");
            if (_try(address(processing), abi.encodeCall(LotProcessing.split, (input, outputs)))) _count("split");
        } else if (mode == 1 && input == lotC && registry.getLot(lotD).state == LotState.Warehoused) {
            uint256[] memory inputs = new uint256[](2);
            (inputs[0], inputs[1]) = (lotC, lotD);
            uint256 total = consumed + registry.getLot(lotD).attestedQuantity;
            if (_try(address(processing), abi.encodeCall(LotProcessing.blend, (inputs, _output(lot.commodity, lot.form, total, "BLEND"))))) _count("blend");
        } else if (lot.form == Form.Concentrate) {
            uint256[] memory inputs = new uint256[](1);
            inputs[0] = input;
            uint256 produced = consumed * (9_000 + amount % 1_001) / 10_000;
            (, , uint128[] memory contained) = processing.byProductsOf(input);
            OutputLot[] memory byProducts = new OutputLot[](contained.length == 0 ? 0 : 1);
            if (contained.length != 0) byProducts[0] = _output(Commodity.Gold, Form.Bar, 1 + (amount >> 16) % contained[0], "GOLD");
            bytes memory call = abi.encodeCall(LotProcessing.process, (inputs, _output(lot.commodity, Form.Cathode, produced == 0 ? 1 : produced, "CATHODE"), byProducts));
            if (_try(address(processing), call)) _count("refine");
        }
        if (processing.stepCount() != stepBefore) _recordStep(processing.stepCount());
    }

    /// @notice A holder converts some or all of its units of a consumed lot; what it gets of each output must be its
    /// cumulative share, delivered or held for it.
    function convert(uint256 who, uint256 which, uint256 amount) external {
        if (consumedLots.length == 0) return;
        uint256 input = consumedLots[which % consumedLots.length];
        CampaignActor holder = _investor(who);
        uint256 units = 1 + amount % (token.balanceOf(address(holder), input) + 1);
        if (_convert(holder, input, units)) _count("convert");
    }

    /// @notice A holder claims its held units of an output, or compliance releases them to another investor.
    function heldUnits(uint256 who, uint256 which, bool release) external {
        if (outputLots.length == 0) return;
        uint256 lotId = outputLots[which % outputLots.length];
        CampaignActor holder = _investor(who);
        if (!release) {
            if (_as(holder, address(processing), abi.encodeCall(LotProcessing.claimHeld, (lotId)))) _count("claimHeld");
        } else {
            bytes memory call = abi.encodeCall(LotProcessing.releaseHeld, (lotId, address(holder), address(_investor(who + 1)), REF));
            if (_try(address(processing), call)) _count("releaseHeld");
        }
    }

    // ================================================================ actions: hostile

    /// @notice An investor, the rival treasury or the outsider tries what only a role (or another holder) may do; the
    /// rival tries to pay into, finalise or sweep a lot it is not the treasury of; the issuer tries to burn an
    /// investor's units. Each must be refused.
    function overreach(uint256 who, uint256 kind, uint256 other) external {
        CampaignActor actor = who % 3 == 0 ? rival : who % 3 == 1 ? outsider : _investor(who);
        address victim = address(_investor(other));
        uint256 lotId = lots[other % LOTS];
        kind = _pick(kind, 19);
        if (kind >= 16) {
            kind -= 16;
            bytes memory call = kind == 0
                ? abi.encodeCall(ProceedsVault.deposit, (lotId, 1 + (other >> 8) % 1_000_000e6))
                : kind == 1 ? abi.encodeCall(ProceedsVault.finalize, (lotId)) : abi.encodeCall(ProceedsVault.sweepDust, (lotId));
            if (_as(rival, address(vault), call)) _fail("a rival treasury acted on a lot's proceeds", kind, lotId);
            return;
        }
        if (kind == 15) {
            // Burns are the platform's (its own units), not any role's: not even the issuer burns a holder's units.
            if (_try(address(token), abi.encodeCall(LotToken.burn, (victim, lotId, 1)))) _fail("the issuer burned a holder's units", 0, lotId);
            return;
        }
        if (kind == 14 && victim == address(actor)) return; // an investor may claim for itself
        if (_as(actor, _overreachTarget(kind), _overreachCall(kind, lotId, victim, address(actor)))) {
            _fail("an account acted beyond its role", kind, uint256(uint160(address(actor))));
        }
    }

    // ================================================================ the close-out (liveness)

    /// @notice Ends every story: lifts pauses, holds and freezes, renews every investor, closes the open offering,
    /// settles every subscriber's claim, decides every delivery request, settles both lots with a final payment and
    /// has every holder redeem and claim. Records a failure wherever something an investor paid for or holds would
    /// stay stuck.
    function closeOut() external onlyOwner {
        _liftRestrictions();
        _closeOffering();
        _settleSubscribers();
        _decideDeliveries();
        for (uint256 k; k < LOTS; ++k) {
            _settleLot(k);
        }
        _convertEverything();
    }

    // ================================================================ properties (views for the invariants)

    /// @notice Stablecoin conserves to the base unit: nothing minted or lost, each contract holds exactly what its
    /// books say, no subscriber was paid back more than it paid, and a settled claim paid exactly its allocation.
    function checkMoney() external view returns (string memory) {
        if (usd.totalSupply() != usdSupply) return _says("stablecoin supply changed", usd.totalSupply(), usdSupply);
        uint256 known = usd.balanceOf(address(offerings)) + usd.balanceOf(address(vault)) + usd.balanceOf(address(escrow))
            + usd.balanceOf(address(trades)) + usd.balanceOf(address(treasury)) + usd.balanceOf(address(rival))
            + usd.balanceOf(address(outsider)) + usd.balanceOf(address(this));
        for (uint256 i; i < INVESTORS; ++i) {
            known += usd.balanceOf(address(investors[i]));
        }
        if (known != usdSupply) return _says("stablecoin left the platform's accounts", known, usdSupply);
        if (usd.balanceOf(address(trades)) != 0) return _says("the trades contract holds stablecoin", usd.balanceOf(address(trades)), 0);
        if (usd.balanceOf(address(escrow)) != 0) return _says("the delivery escrow holds stablecoin", usd.balanceOf(address(escrow)), 0);
        uint256 owed;
        uint256 withdrawn;
        for (uint256 o; o < offeringIds.length; ++o) {
            uint256 id = offeringIds[o];
            OfferingStatus memory st = offerings.statusOf(id);
            owed += st.proceedsReleased - st.proceedsWithdrawn;
            withdrawn += st.proceedsWithdrawn;
            // The last two wallets are one investor's: the maximum ticket bounds their requests together.
            uint256 linked = offerings.subscriptionOf(id, address(investors[INVESTORS - 2])).requested
                + offerings.subscriptionOf(id, address(investors[INVESTORS - 1])).requested;
            if (linked > offerings.termsOf(id).maxTicket) return _says("an investor's linked wallets requested above the maximum ticket", linked, offerings.termsOf(id).maxTicket);
            for (uint256 i; i < INVESTORS; ++i) {
                (string memory broken, uint256 escrowed) = _checkSubscriber(id, st, address(investors[i]));
                if (bytes(broken).length != 0) return broken;
                owed += escrowed;
            }
        }
        if (usd.balanceOf(address(offerings)) != owed) return _says("offerings balance == escrowed + proceeds not withdrawn", usd.balanceOf(address(offerings)), owed);
        if (treasuryFromOfferings != withdrawn) return _says("treasury received == proceeds withdrawn", treasuryFromOfferings, withdrawn);
        uint256 vaultOwes;
        for (uint256 k; k < LOTS; ++k) {
            LotProceeds memory p = vault.getLotProceeds(lots[k]).proceeds;
            vaultOwes += p.deposited - p.paid - p.swept;
        }
        if (usd.balanceOf(address(vault)) != vaultOwes) return _says("vault balance == deposited - paid - swept", usd.balanceOf(address(vault)), vaultOwes);
        return "";
    }

    /// @notice Metal conserves to the base unit: supply is minted less burned, every unit sits in a known account,
    /// burns are exactly deliveries and redemptions, mints never exceed what the custodian holds plus what left by
    /// delivery, and the escrow, offerings and vault hold exactly what they owe.
    function checkMetal() external view returns (string memory) {
        for (uint256 k; k < LOTS; ++k) {
            uint256 lotId = lots[k];
            Lot memory lot = registry.getLot(lotId);
            uint256 supply = token.totalSupply(lotId);
            if (supply != lot.mintedQuantity - lot.burnedQuantity) return _says("supply == minted - burned", supply, lot.mintedQuantity - lot.burnedQuantity);
            uint256 known = token.balanceOf(address(offerings), lotId) + token.balanceOf(address(vault), lotId)
                + token.balanceOf(address(escrow), lotId) + token.balanceOf(address(trades), lotId)
                + token.balanceOf(address(treasury), lotId) + token.balanceOf(address(rival), lotId)
                + token.balanceOf(address(outsider), lotId) + token.balanceOf(address(this), lotId);
            for (uint256 i; i < INVESTORS; ++i) {
                known += token.balanceOf(address(investors[i]), lotId);
            }
            if (known != supply) return _says("units outside the platform's accounts", known, supply);
            if (lot.burnedQuantity != delivered[k] + redeemed[k]) return _says("burned == delivered + redeemed", lot.burnedQuantity, delivered[k] + redeemed[k]);
            if (lot.deliveredQuantity != delivered[k]) return _says("registry delivered == confirmed deliveries", lot.deliveredQuantity, delivered[k]);
            if (uint256(lot.mintedQuantity) + lot.reservedQuantity > uint256(lot.attestedQuantity) + lot.deliveredQuantity) {
                return _says("minted + reserved <= attested + delivered", uint256(lot.mintedQuantity) + lot.reservedQuantity, uint256(lot.attestedQuantity) + lot.deliveredQuantity);
            }
            if (uint256(lot.attestedQuantity) + lot.deliveredQuantity > lot.payableQuantity) return _says("attested + delivered <= payable", lot.attestedQuantity, lot.payableQuantity);
            if (token.balanceOf(address(escrow), lotId) != escrow.pendingUnits(lotId)) return _says("escrow units == pending requests", token.balanceOf(address(escrow), lotId), escrow.pendingUnits(lotId));
            if (token.balanceOf(address(vault), lotId) != 0) return _says("the vault keeps no units", token.balanceOf(address(vault), lotId), 0);
            if (token.balanceOf(address(trades), lotId) != 0) return _says("the trades contract keeps no units", token.balanceOf(address(trades), lotId), 0);
        }
        uint256 owedUnits;
        for (uint256 o; o < offeringIds.length; ++o) {
            OfferingStatus memory st = offerings.statusOf(offeringIds[o]);
            owedUnits += st.unitsMinted - st.unitsDelivered - st.unitsReturned;
        }
        if (token.balanceOf(address(offerings), lots[0]) != owedUnits) return _says("offerings units == minted - delivered - returned", token.balanceOf(address(offerings), lots[0]), owedUnits);
        return "";
    }

    /// @notice Proceeds: positions add up to what was redeemed and paid, nobody was paid above its entitlement, and
    /// every wallet received from the vault exactly what the vault records as paid.
    function checkProceeds() external view returns (string memory) {
        for (uint256 k; k < LOTS; ++k) {
            uint256 lotId = lots[k];
            LotProceeds memory p = vault.getLotProceeds(lotId).proceeds;
            uint256 units;
            uint256 paid;
            uint256 received;
            for (uint256 i; i < INVESTORS; ++i) {
                address wallet = address(investors[i]);
                Position memory position = vault.getPosition(lotId, wallet);
                units += position.units;
                paid += position.paid;
                received += fromVault[k][wallet];
                if (position.paid > position.units * p.accPerUnit / MAGNITUDE) {
                    return _says("a position was paid above its entitlement", position.paid, position.units * p.accPerUnit / MAGNITUDE);
                }
            }
            if (units != p.redeemedUnits || units != redeemed[k]) return _says("positions == units redeemed", units, p.redeemedUnits);
            if (paid != p.paid || received != p.paid) return _says("positions paid == vault paid == received", received, p.paid);
            if (p.redeemedUnits > p.entitledSupply) return _says("redeemed <= entitled supply", p.redeemedUnits, p.entitledSupply);
        }
        return "";
    }

    /// @notice Processing conserves metal and shares: split and blend outputs hold exactly what their inputs held, a
    /// product at most that, a by-product at most what the inputs contained; a consumed lot's units plus those
    /// converted are what was outstanding; the processing contract holds of each output exactly the part its holders
    /// have not converted yet plus what it holds for holders its rules refused; every lot's units sit in known accounts.
    function checkProcessing() external view returns (string memory) {
        for (uint256 stepId = 1; stepId <= processing.stepCount(); ++stepId) {
            Step memory step = processing.getStep(stepId);
            uint256 consumed;
            for (uint256 i; i < step.inputs.length; ++i) {
                Conversion memory c = processing.conversionOf(step.inputs[i]);
                consumed += c.consumed;
                uint256 supply = token.totalSupply(step.inputs[i]);
                if (supply + c.converted != c.outstanding) return _says("consumed lot: supply + converted == outstanding", supply + c.converted, c.outstanding);
            }
            uint256 produced = registry.getLot(step.outputs[0]).attestedQuantity;
            for (uint256 j = 1; j < step.outputs.length && step.kind != StepKind.Process; ++j) {
                produced += registry.getLot(step.outputs[j]).attestedQuantity;
            }
            if (step.kind != StepKind.Process ? produced != consumed : produced > consumed) return _says("outputs balance the inputs", produced, consumed);
            for (uint256 j; j < step.outputs.length; ++j) {
                string memory broken = _checkOutput(step, j);
                if (bytes(broken).length != 0) return broken;
            }
        }
        return "";
    }

    /// @notice Holder counts are exact and stay within lot A's limit (with the slots held for subscribers), unless a
    /// delivery returned units to a wallet (the units were the holder's).
    function checkHolders() external view returns (string memory) {
        for (uint256 k; k < LOTS; ++k) {
            uint256 lotId = lots[k];
            LotRules memory rules = token.getLotRules(lotId);
            uint256 holding;
            for (uint256 i; i < INVESTORS; ++i) {
                if (token.balanceOf(address(investors[i]), lotId) == 0) continue;
                // The last two wallets are one investor's: count it once.
                if (i == INVESTORS - 1 && token.balanceOf(address(investors[i - 1]), lotId) != 0) continue;
                ++holding;
            }
            if (rules.holders != holding) return _says("holder count == investors holding", rules.holders, holding);
            if (rules.maxHolders != 0 && !returnedUnits[k] && uint256(rules.holders) > rules.maxHolders) {
                return _says("holders <= the lot's limit", rules.holders, rules.maxHolders);
            }
        }
        return "";
    }

    // ================================================================ internals: offerings

    function _createOffering(uint256 seed) internal {
        if (offeringIds.length == MAX_OFFERINGS) return;
        if (offeringIds.length != 0 && offerings.statusOf(_offering()).state == OfferingState.Open) return;
        uint256 hardCap = 60_000 + seed % 60_000;
        OfferingTerms memory terms = OfferingTerms({
            lotId: lots[0],
            paymentToken: IERC20(address(usd)),
            treasury: address(treasury),
            priceAmount: PRICE_AMOUNT + seed % 1_000,
            priceUnit: PRICE_UNIT,
            start: uint64(block.timestamp),
            end: uint64(block.timestamp + 10 days),
            minTicket: 1_000,
            maxTicket: 60_000,
            softCap: hardCap / 3,
            hardCap: hardCap
        });
        try offerings.createOffering(terms) returns (uint256 id) {
            offeringIds.push(id);
            _count("createOffering");
        } catch {}
    }

    function _closed(uint256 id) internal {
        closedHere[id] = true;
        for (uint256 i; i < INVESTORS; ++i) {
            (uint256 units,,) = offerings.allocationOf(id, address(investors[i]));
            allocation[id][address(investors[i])] = units;
        }
        _count("close");
    }

    /// @dev A call by a subscriber that pays it back (reduce, cancel, refund instead).
    function _back(uint256 id, CampaignActor actor, bytes memory call, bytes32 action) internal returns (bool ok) {
        uint256 before = usd.balanceOf(address(actor));
        bool frozen = token.getInvestor(address(actor)).frozen;
        ok = _as(actor, address(offerings), call);
        if (ok) {
            if (frozen) _fail("a frozen investor took escrowed money back", uint256(uint160(address(actor))), id);
            paidBack[id][address(actor)] += usd.balanceOf(address(actor)) - before;
            _count(action);
        }
    }

    /// @dev A claim (by `caller`, the handler when zero) or a release: what `receiver` gets is booked to
    /// `subscriber`; its units must be the allocation fixed at the close, whoever claims and in whatever order.
    function _settleClaim(uint256 id, address subscriber, address receiver, CampaignActor caller, bytes memory call, bytes32 action) internal {
        uint256 money = usd.balanceOf(receiver);
        uint256 units = token.balanceOf(receiver, lots[0]);
        bool frozen = token.getInvestor(subscriber).frozen;
        bool ok = address(caller) == address(0) ? _try(address(offerings), call) : _as(caller, address(offerings), call);
        if (!ok) return;
        // A freeze binds escrowed money and allocations: only compliance's release settles a frozen investor's claim.
        if (frozen && action == "claim") _fail("a frozen investor's claim was paid", uint256(uint160(subscriber)), id);
        uint256 got = token.balanceOf(receiver, lots[0]) - units;
        paidBack[id][subscriber] += usd.balanceOf(receiver) - money;
        unitsOut[id][subscriber] += got;
        if (closedHere[id] && got != allocation[id][subscriber]) _fail("a claim delivered other than the allocation fixed at close", got, allocation[id][subscriber]);
        _count(action);
    }

    /// @dev The invariant for one subscriber: paid back at most what it paid; unclaimed, the offering holds exactly
    /// what it paid less what it was paid back; claimed, it was paid back exactly what it paid less its units' price
    /// (everything, for a refund instead or a failed or cancelled offering).
    function _checkSubscriber(uint256 id, OfferingStatus memory st, address wallet) internal view returns (string memory, uint256 escrowed) {
        Subscription memory sub = offerings.subscriptionOf(id, wallet);
        uint256 paid = paidIn[id][wallet];
        uint256 back = paidBack[id][wallet];
        if (back > paid) return (_says("a subscriber was paid back more than it paid", back, paid), 0);
        if (!sub.claimed) {
            if (paid - back != sub.paid) return (_says("unclaimed: escrowed == paid - paid back", sub.paid, paid - back), 0);
            return ("", sub.paid);
        }
        uint256 price = st.state == OfferingState.Succeeded && !refundedInstead[id][wallet] ? offerings.paymentFor(id, unitsOut[id][wallet]) : 0;
        if (paid != back + price) return (_says("claimed: paid == paid back + price of the units", paid, back + price), 0);
        return ("", 0);
    }

    function _offering() internal view returns (uint256) {
        return offeringIds[offeringIds.length - 1];
    }

    function _anyOffering(uint256 seed) internal view returns (uint256) {
        return offeringIds[seed % offeringIds.length];
    }

    // ================================================================ internals: deliveries and proceeds

    function _decide(uint256 requestId, uint256 mode, address to) internal returns (bool ok) {
        DeliveryRequest memory request = escrow.getRequest(requestId);
        uint256 index = request.lotId == lots[0] ? 0 : 1;
        if (mode == 0) {
            // A freeze placed after the request binds the units waiting for delivery.
            bool frozen = token.getInvestor(request.holder).frozen
                || token.getFrozenTokens(request.holder, request.lotId) > token.balanceOf(request.holder, request.lotId);
            ok = _try(address(escrow), abi.encodeCall(DeliveryEscrow.confirmDelivery, (requestId, REF)));
            if (ok) delivered[index] += request.amount;
            if (ok && frozen) _fail("a delivery of a frozen holder's units was confirmed", requestId, 0);
        } else if (mode == 1) {
            bool stopped = token.paused() || token.getLotRules(request.lotId).onHold || request.status != DeliveryStatus.Pending;
            ok = _try(address(escrow), abi.encodeCall(DeliveryEscrow.rejectDelivery, (requestId, REF)));
            // The exit guarantee: rejected units go back to their holder, whatever its KYC or the lot's rules now.
            if (!ok && !stopped) _fail("a rejected delivery could not go back to its holder", requestId, 0);
        } else if (mode == 2) {
            ok = _as(CampaignActor(request.holder), address(escrow), abi.encodeCall(DeliveryEscrow.cancelDelivery, (requestId)));
        } else {
            ok = _try(address(escrow), abi.encodeCall(DeliveryEscrow.releaseDelivery, (requestId, to, REF)));
        }
        if (ok && mode != 0) returnedUnits[index] = true;
        if (ok) _count(mode == 0 ? bytes32("confirmDelivery") : mode == 1 ? bytes32("rejectDelivery") : mode == 2 ? bytes32("cancelDelivery") : bytes32("releaseDelivery"));
    }

    function _redeem(CampaignActor holder, uint256 index, uint256 units) internal returns (bool ok) {
        bytes memory call = abi.encodeCall(IERC1155.safeTransferFrom, (address(holder), address(vault), lots[index], units, ""));
        ok = _as(holder, address(token), call);
        if (ok) redeemed[index] += units;
    }

    function _claimProceeds(CampaignActor holder, uint256 index) internal returns (bool ok) {
        uint256 before = usd.balanceOf(address(holder));
        bool frozen = token.getInvestor(address(holder)).frozen;
        ok = _as(holder, address(vault), abi.encodeCall(ProceedsVault.claim, (lots[index])));
        if (ok) {
            if (frozen) _fail("a frozen holder was paid proceeds", uint256(uint160(address(holder))), index);
            fromVault[index][address(holder)] += usd.balanceOf(address(holder)) - before;
        }
    }

    // ================================================================ internals: the close-out

    function _liftRestrictions() internal {
        if (token.paused()) token.unpause();
        for (uint256 k; k < LOTS; ++k) {
            token.setLotHold(lots[k], false, REF);
        }
        for (uint256 i; i < INVESTORS; ++i) {
            address wallet = address(investors[i]);
            registrar.setAccountFrozen(wallet, false);
            for (uint256 k; k < LOTS; ++k) {
                token.setFrozenTokens(wallet, lots[k], 0);
            }
            InvestorRecord memory record = token.getInvestor(wallet);
            registrar.updateInvestor(record.investorId, record.country, InvestorClass.Institutional, uint40(block.timestamp + 3650 days));
        }
    }

    function _closeOffering() internal {
        uint256 id = _offering();
        if (offerings.statusOf(id).state != OfferingState.Open) return;
        OfferingTerms memory terms = offerings.termsOf(id);
        if (block.timestamp < terms.end) VM.warp(terms.end);
        if (_try(address(offerings), abi.encodeCall(LotOfferings.close, (id)))) _closed(id);
        else _fail("an offering past its end could not be closed", id, 0);
    }

    /// @dev Every subscriber claims; where its units are refused for good, it takes its refund instead. Each must end
    /// with its units or its money.
    function _settleSubscribers() internal {
        for (uint256 o; o < offeringIds.length; ++o) {
            uint256 id = offeringIds[o];
            for (uint256 i; i < INVESTORS; ++i) {
                CampaignActor actor = investors[i];
                Subscription memory sub = offerings.subscriptionOf(id, address(actor));
                if (sub.requested == 0 || sub.claimed) continue;
                _settleClaim(id, address(actor), address(actor), actor, abi.encodeCall(LotOfferings.claim, (id, address(actor))), "claim");
                if (!offerings.subscriptionOf(id, address(actor)).claimed) {
                    if (_back(id, actor, abi.encodeCall(LotOfferings.refundInstead, (id)), "refundInstead")) refundedInstead[id][address(actor)] = true;
                }
                if (!offerings.subscriptionOf(id, address(actor)).claimed) _fail("a subscriber could neither claim nor take a refund", id, i);
            }
            if (offerings.statusOf(id).proceedsReleased != offerings.statusOf(id).proceedsWithdrawn) {
                uint256 before = usd.balanceOf(address(treasury));
                if (_as(outsider, address(offerings), abi.encodeCall(LotOfferings.withdrawProceeds, (id)))) {
                    treasuryFromOfferings += usd.balanceOf(address(treasury)) - before;
                } else {
                    _fail("an offering's proceeds could not be withdrawn", id, 0);
                }
            }
        }
        if (usd.balanceOf(address(offerings)) != 0) _fail("the offerings contract kept stablecoin after every claim", usd.balanceOf(address(offerings)), 0);
    }

    /// @dev Every pending request is confirmed or, where the lot no longer allows it, rejected back to its holder.
    function _decideDeliveries() internal {
        for (uint256 r; r < requestIds.length; ++r) {
            uint256 requestId = requestIds[r];
            if (escrow.getRequest(requestId).status != DeliveryStatus.Pending) continue;
            if (!_decide(requestId, 0, address(0)) && !_decide(requestId, 1, address(0))) {
                _fail("a delivery request could be neither confirmed nor rejected", requestId, 0);
            }
        }
        for (uint256 k; k < LOTS; ++k) {
            if (escrow.pendingUnits(lots[k]) != 0) _fail("the escrow kept units after every decision", escrow.pendingUnits(lots[k]), k);
        }
    }

    /// @dev Settles a lot (if it is not settling yet and can be), makes the final payment, then every holder redeems
    /// all its units and claims: each must be paid exactly its share, and only rounding dust may stay.
    function _settleLot(uint256 index) internal {
        uint256 lotId = lots[index];
        LotState state = registry.getLot(lotId).state;
        if (state == LotState.Warehoused) {
            bytes memory start = abi.encodeCall(LotRegistry.startSettlement, (lotId, "SALE-CLOSE-OUT", address(usd), address(treasury)));
            if (!_try(address(registry), start)) return; // (e.g. lot A while an offering holds its capacity: none is open now)
            state = LotState.Settling;
        }
        if (state != LotState.Settling && state != LotState.Retired) return;
        LotProceeds memory p = vault.getLotProceeds(lotId).proceeds;
        if (state == LotState.Retired && p.finalAt == 0) {
            // Retired before any final payment: deposits are refused for ever, so nobody may have redeemed.
            if (p.redeemedUnits != 0) _fail("a lot retired before its final payment with redeemed units never to be paid", p.redeemedUnits, 0);
            return;
        }
        // A lot settled with no unit outstanding entitles nobody: nothing to pay.
        if (p.entitledSupply == 0) return;
        if (p.finalAt == 0) {
            if (!_as(treasury, address(vault), abi.encodeCall(ProceedsVault.deposit, (lotId, 123_456_789_013)))) _fail("the treasury could not make its final payment", index, 0);
            if (!_as(treasury, address(vault), abi.encodeCall(ProceedsVault.finalize, (lotId)))) _fail("the treasury could not declare its payment final", index, 0);
        }
        for (uint256 i; i < INVESTORS; ++i) {
            CampaignActor holder = investors[i];
            uint256 units = token.balanceOf(address(holder), lotId);
            if (units != 0 && !_redeem(holder, index, units)) _fail("a holder could not redeem its units", index, i);
            if (vault.claimableOf(lotId, address(holder)) != 0 && !_claimProceeds(holder, index)) _fail("a holder could not claim its proceeds", index, i);
        }
        p = vault.getLotProceeds(lotId).proceeds;
        for (uint256 i; i < INVESTORS; ++i) {
            Position memory position = vault.getPosition(lotId, address(investors[i]));
            uint256 entitled = position.units * p.accPerUnit / MAGNITUDE;
            if (position.paid != entitled) _fail("a redeemed unit was not paid", position.paid, entitled);
        }
    }

    // ================================================================ internals: processing

    /// @dev Lot C while warehoused, else a warehoused product of a step that no offering holds (0 when none).
    function _processable() internal view returns (uint256) {
        if (registry.getLot(lotC).state == LotState.Warehoused) return lotC;
        for (uint256 k; k < outputLots.length; ++k) {
            Lot memory lot = registry.getLot(outputLots[k]);
            if (lot.state == LotState.Warehoused && lot.reservedQuantity == 0 && lot.form != Form.Bar) return outputLots[k];
        }
        return 0;
    }

    function _output(Commodity commodity, Form form, uint256 quantity, bytes32 what) internal view returns (OutputLot memory) {
        return OutputLot({
            commodity: commodity,
            form: form,
            quantity: uint128(quantity),
            massGrams: uint128(quantity) * 4 + 1,
            gradePpb: 250_000_000,
            custodian: address(this),
            location: "PK-REFINERY-HUB",
            externalRef: keccak256(abi.encode(what, processing.stepCount(), outputLots.length, quantity))
        });
    }

    function _recordStep(uint256 stepId) internal {
        Step memory step = processing.getStep(stepId);
        for (uint256 i; i < step.inputs.length; ++i) {
            consumedLots.push(step.inputs[i]);
        }
        for (uint256 j; j < step.outputs.length; ++j) {
            outputLots.push(step.outputs[j]);
        }
    }

    /// @dev Converts `units` and checks that each output gave its cumulative share, to the holder or held for it.
    function _convert(CampaignActor holder, uint256 input, uint256 units) internal returns (bool ok) {
        (uint256[] memory outputs, uint256[] memory expected) = processing.previewConversion(input, units);
        uint256[] memory before = new uint256[](outputs.length);
        for (uint256 j; j < outputs.length; ++j) {
            before[j] = token.balanceOf(address(holder), outputs[j]) + processing.heldOf(outputs[j], address(holder));
        }
        ok = _as(holder, address(token), abi.encodeCall(IERC1155.safeTransferFrom, (address(holder), address(processing), input, units, "")));
        if (!ok) return false;
        for (uint256 j; j < outputs.length; ++j) {
            uint256 got = token.balanceOf(address(holder), outputs[j]) + processing.heldOf(outputs[j], address(holder)) - before[j];
            if (got != expected[j]) _fail("a conversion gave other than its cumulative share", got, expected[j]);
        }
    }

    /// @dev The processing contract's balance of output `j` of `step` == what its holders have not converted yet + what
    /// it holds for them.
    function _checkOutput(Step memory step, uint256 j) internal view returns (string memory) {
        uint256 lotId = step.outputs[j];
        uint256 owed;
        for (uint256 i; i < step.inputs.length; ++i) {
            Conversion memory c = processing.conversionOf(step.inputs[i]);
            owed += uint256(c.outstanding) * c.shares[j] / c.consumed - uint256(c.converted) * c.shares[j] / c.consumed;
        }
        for (uint256 h; h < INVESTORS; ++h) {
            owed += processing.heldOf(lotId, address(investors[h]));
        }
        uint256 balance = token.balanceOf(address(processing), lotId);
        if (balance != owed) return _says("processing holds of an output == unconverted part + held", balance, owed);
        Lot memory lot = registry.getLot(lotId);
        uint256 supply = token.totalSupply(lotId);
        if (supply != lot.mintedQuantity - lot.burnedQuantity) return _says("output supply == minted - burned", supply, lot.mintedQuantity - lot.burnedQuantity);
        uint256 known = balance + token.balanceOf(address(vault), lotId);
        for (uint256 h; h < INVESTORS; ++h) {
            known += token.balanceOf(address(investors[h]), lotId);
        }
        if (known != supply) return _says("output units outside known accounts", known, supply);
        return "";
    }

    /// @dev The close-out of processing: in the order the steps consumed them, every holder claims what is held for it
    /// of a consumed lot and converts all its units of it (a product consumed by a later step converts in turn); then
    /// every held unit of the final products is claimed, and nothing may be left in the processing contract.
    function _convertEverything() internal {
        for (uint256 k; k < consumedLots.length; ++k) {
            for (uint256 i; i < INVESTORS; ++i) {
                _claimHeld(consumedLots[k], i);
                uint256 units = token.balanceOf(address(investors[i]), consumedLots[k]);
                if (units != 0 && !_convert(investors[i], consumedLots[k], units)) _fail("a holder could not convert its units", consumedLots[k], i);
            }
        }
        for (uint256 k; k < outputLots.length; ++k) {
            for (uint256 i; i < INVESTORS; ++i) {
                _claimHeld(outputLots[k], i);
            }
            if (token.balanceOf(address(processing), outputLots[k]) != 0) {
                _fail("the processing contract kept units of an output", outputLots[k], token.balanceOf(address(processing), outputLots[k]));
            }
        }
    }

    function _claimHeld(uint256 lotId, uint256 i) internal {
        if (processing.heldOf(lotId, address(investors[i])) == 0) return;
        if (!_as(investors[i], address(processing), abi.encodeCall(LotProcessing.claimHeld, (lotId)))) _fail("held units could not be claimed", lotId, i);
    }

    // ================================================================ internals: hostile calls

    function _overreachTarget(uint256 kind) internal view returns (address) {
        if (kind <= 4) return address(token);
        if (kind <= 6) return address(registry);
        if (kind <= 9) return address(vault);
        if (kind <= 11) return address(escrow);
        if (kind == 12) return address(registrar);
        return address(offerings);
    }

    function _overreachCall(uint256 kind, uint256 lotId, address victim, address self) internal view returns (bytes memory) {
        if (kind == 0) return abi.encodeCall(LotToken.mint, (self, lotId, 1, ""));
        if (kind == 1) return abi.encodeCall(LotToken.burn, (victim, lotId, 1));
        if (kind == 2) return abi.encodeCall(IERC7943MultiToken.forcedTransfer, (victim, self, lotId, 1));
        if (kind == 3) return abi.encodeCall(IERC7943MultiToken.setFrozenTokens, (victim, lotId, 1));
        if (kind == 4) return abi.encodeCall(LotCompliance.pause, ());
        if (kind == 5) return abi.encodeCall(LotRegistry.attestCustody, (lotId, ATTESTED, "ANYWHERE"));
        if (kind == 6) return abi.encodeCall(LotRegistry.startSettlement, (lotId, "SALE-HOSTILE", address(usd), self));
        if (kind == 7) return abi.encodeCall(ProceedsVault.releasePosition, (lotId, victim, self, REF));
        if (kind == 8) return abi.encodeCall(ProceedsVault.replaceLotTreasury, (lotId, self));
        if (kind == 9) return abi.encodeCall(ProceedsVault.deposit, (lotId, 1));
        uint256 requestId = requestIds.length == 0 ? 1 : requestIds[lotId % requestIds.length];
        if (kind == 10) return abi.encodeCall(DeliveryEscrow.confirmDelivery, (requestId, REF));
        if (kind == 11) {
            // Cancelling is the holder's: only another holder's request is an overreach.
            return escrow.getRequest(requestId).holder == self
                ? abi.encodeCall(DeliveryEscrow.rejectDelivery, (requestId, REF))
                : abi.encodeCall(DeliveryEscrow.cancelDelivery, (requestId));
        }
        if (kind == 12) return abi.encodeCall(InvestorRegistrar.setAccountFrozen, (victim, true));
        uint256 id = offeringIds[lotId % offeringIds.length];
        if (kind == 13) return abi.encodeCall(LotOfferings.releaseClaim, (id, victim, self, REF));
        return abi.encodeCall(LotOfferings.claim, (id, victim));
    }

    // ================================================================ internals: plumbing

    function _warehousedLot(bytes32 origin) internal returns (uint256 lotId) {
        lotId = registry.registerLot(
            LotRegistration({
                commodity: Commodity.Copper,
                form: Form.Concentrate,
                basis: Basis.Element,
                countryCode: PAKISTAN,
                originId: origin,
                externalRef: keccak256(abi.encode(origin)),
                wetMassGrams: 10_000_000_000,
                moistureBps: 800,
                gradePpb: 265_000_000,
                payableBps: 9650,
                custodian: address(this),
                location: "PK-KARACHI-W1"
            })
        );
        registry.recordAssay(lotId, 800, 265_000_000, 9650);
        registry.attestCustody(lotId, ATTESTED, "PK-KARACHI-W1");
    }

    function _investor(uint256 seed) internal view returns (CampaignActor) {
        return investors[seed % INVESTORS];
    }

    /// @dev Makes `actor` call `target`; a refusal is an outcome, not a revert.
    function _as(CampaignActor actor, address target, bytes memory data) internal returns (bool) {
        return actor.act(target, data);
    }

    /// @dev Calls `target` as the handler (the roles' holder); a refusal is an outcome, not a revert.
    function _try(address target, bytes memory data) internal returns (bool ok) {
        // solhint-disable-next-line avoid-low-level-calls
        (ok,) = target.call(data);
    }

    /// @dev One of `n` choices from a fuzzed seed, spread evenly: the fuzzer favours 0 and the largest values, which
    /// taken modulo `n` would pick the same branch again and again.
    function _pick(uint256 seed, uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed))) % n;
    }

    function _count(bytes32 action) internal {
        ++succeeded[action];
    }

    function _fail(string memory what, uint256 actual, uint256 expected) internal {
        if (failureCount == 0) firstFailure = _says(what, actual, expected);
        ++failureCount;
    }

    function _says(string memory what, uint256 actual, uint256 expected) internal view returns (string memory) {
        return string.concat(what, " (", actual.toString(), " vs ", expected.toString(), ", at ", block.timestamp.toString(), ")");
    }
}
