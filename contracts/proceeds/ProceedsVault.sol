// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Roles} from "../access/Roles.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {IProceedsToken} from "../interfaces/IProceedsToken.sol";
import {IProceedsVault, LotProceeds, LotProceedsView, Position} from "../interfaces/IProceedsVault.sol";
import {LotState} from "../lots/LotTypes.sol";
import {InvestorRecord} from "../compliance/ComplianceTypes.sol";

/// @title ProceedsVault
/// @notice Sale proceeds of settled lots, owed per unit, for a platform account that redeems units. When the issuer
/// opens a lot's settlement (`LotRegistry.startSettlement`), the vault fixes the lot's payment token, the one treasury
/// account that may deposit, finalize and sweep, and N, the lot's outstanding units now that trading stopped. The
/// treasury deposits proceeds (provisional, then final) and declares the final payment itself; each of the N units is
/// owed `deposited / N`; a holder redeems by sending its units here, the vault burns them at once and keeps the
/// holder's position, whose entitlement grows with every later deposit. A claim reads and writes a fixed number of
/// slots, whatever the number of holders.
///
/// Freezes bind positions as they bind units: a frozen account cannot claim, units frozen for a holder in the lot
/// beyond its wallet balance withhold the share of as many redeemed units, and compliance can release a position (what
/// was paid so far moves with it) to a wallet it names. A redemption is the holder's own act: units forced here, or
/// handed over by a platform account (which is nobody's position), are refused.
///
/// Rounding: `accPerUnit = floor(deposited x MAGNITUDE / N)`, recomputed from the cumulative deposit, so the remainder
/// of one deposit is carried to the next and `accPerUnit x N <= deposited x MAGNITUDE` always holds; each position is
/// owed `floor(units x accPerUnit / MAGNITUDE)`. The sum of those floors never exceeds the floor of the sum (releasing
/// one position into another keeps it so), so `sweepable` (deposited minus swept minus the most every unit still alive
/// or redeemed can ever claim) is dust nobody can be owed.
///
/// A lot with a position or a deposit retires only after its final payment (and, with units outstanding, a notice
/// period); its units can still be sent here and claimed afterwards. Every function that pays out is `nonReentrant`
/// and changes its state first.
///
/// Storage: units are kept in 128 bits (every lot quantity is a uint128 in the registry) and money in 128 bits (a lot's
/// deposits add up to at most 2^128 - 1, `DepositsExceedLimit`), so that what a redemption and a claim update sits in
/// slots already in use: N beside the redeemed units, the deposits beside what was paid, a position's units beside
/// what it was paid.
contract ProceedsVault is IProceedsVault, IERC1155Receiver, PlatformAccess, ReentrancyGuardTransient, Multicall {
    using SafeERC20 for IERC20;

    /// @notice The scale of `accPerUnit`: proceeds per unit are kept with 128 fractional bits.
    uint256 public constant MAGNITUDE = 2 ** 128;

    /// @notice The units token.
    IProceedsToken public immutable token;
    /// @notice Seconds after the final payment before a lot with units outstanding may be retired.
    uint256 public immutable noticePeriod;

    /// @notice The most a lot's deposits may add up to: every amount the vault keeps fits in 128 bits.
    uint256 public constant MAX_DEPOSITED = type(uint128).max;

    /// @dev A lot's proceeds as stored (`LotProceeds` reports them): what a redemption updates beside N, what a claim
    /// updates beside the deposits.
    struct StoredProceeds {
        IERC20 paymentToken;
        uint40 finalAt;
        address treasury;
        // N and the redeemed units: units of the lot, below 2^128; redeemed <= N.
        uint128 entitledSupply;
        uint128 redeemedUnits;
        uint256 accPerUnit;
        // Money: deposited <= MAX_DEPOSITED, and paid + swept <= deposited.
        uint128 deposited;
        uint128 paid;
        uint256 swept;
    }

    /// @dev A holder's position as stored (`Position` reports it): one slot. Its units are redeemed units of the lot
    /// (at most N) and what it was paid at most the lot's deposits, so both fit in 128 bits.
    struct StoredPosition {
        uint128 units;
        uint128 paid;
    }

    mapping(uint256 lotId => StoredProceeds) internal _lots;
    mapping(uint256 lotId => mapping(address holder => StoredPosition)) internal _positions;

    /// @param registry_ The lot registry (roles and lot states).
    /// @param token_ The units token.
    /// @param noticePeriod_ Seconds after the final payment before a lot may be retired with units outstanding.
    constructor(ILotRegistry registry_, IProceedsToken token_, uint256 noticePeriod_) PlatformAccess(registry_) {
        token = token_;
        noticePeriod = noticePeriod_;
    }

    // ------------------------------------------------------------------ registry

    /// @inheritdoc IProceedsVault
    function openSettlement(uint256 lotId, address paymentToken, address treasury) external {
        if (msg.sender != address(registry)) revert CallerNotRegistry(msg.sender);
        StoredProceeds storage p = _lots[lotId];
        if (p.treasury != address(0)) revert SettlementAlreadyOpen(lotId);
        if (paymentToken.code.length == 0) revert InvalidPaymentToken(paymentToken);
        if (!_hasRole(Roles.TREASURY, treasury)) revert TreasuryLacksRole(treasury);
        uint256 supply = token.totalSupply(lotId);
        p.paymentToken = IERC20(paymentToken);
        p.treasury = treasury;
        // Minted less burned units of one lot, both uint128 in the registry.
        p.entitledSupply = uint128(supply);
        emit SettlementOpened(lotId, paymentToken, treasury, supply);
    }

    // ------------------------------------------------------------------ the lot's treasury

    /// @inheritdoc IProceedsVault
    function deposit(uint256 lotId, uint256 amount) external nonReentrant {
        _deposit(lotId, amount);
    }

    /// @inheritdoc IProceedsVault
    function depositWithPermit(uint256 lotId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        address paymentToken = address(_lots[lotId].paymentToken);
        // A permit front-run by someone else has already set the allowance; the transfer in `_deposit` decides.
        if (paymentToken != address(0)) {
            try IERC20Permit(paymentToken).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        }
        _deposit(lotId, amount);
    }

    /// @inheritdoc IProceedsVault
    function finalize(uint256 lotId) external {
        StoredProceeds storage p = _treasuryLot(lotId);
        _requireState(lotId, false);
        if (p.finalAt != 0) revert FinalPaymentMade(lotId, p.finalAt);
        p.finalAt = uint40(block.timestamp);
        emit ProceedsFinalized(lotId, p.deposited, msg.sender);
    }

    /// @inheritdoc IProceedsVault
    function sweepDust(uint256 lotId) external nonReentrant returns (uint256 amount) {
        StoredProceeds storage p = _treasuryLot(lotId);
        if (p.finalAt == 0) revert FinalPaymentPending(lotId);
        amount = _sweepable(lotId, p);
        if (amount == 0) revert NothingToSweep(lotId);
        p.swept += amount;
        emit DustSwept(lotId, msg.sender, amount);
        p.paymentToken.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IProceedsVault
    function replaceLotTreasury(uint256 lotId, address treasury) external onlyRole(Roles.DEFAULT_ADMIN) {
        StoredProceeds storage p = _lots[lotId];
        address previous = p.treasury;
        if (previous == address(0)) revert SettlementNotOpen(lotId);
        if (!_hasRole(Roles.TREASURY, treasury)) revert TreasuryLacksRole(treasury);
        p.treasury = treasury;
        emit LotTreasuryReplaced(lotId, previous, treasury);
    }

    // ------------------------------------------------------------------ holders

    /// @notice Redeems units their holder sent to the vault: records them in the holder's position and burns them.
    /// Only the lot token may call it, for a lot that is settling or retired, with units moved by their holder or its
    /// approved operator, from a wallet that is not a platform account; or units of a product lot the processing
    /// contract held for a holder the product's rules refused, redeemed for that holder (named in `data`).
    /// @param operator Who moved the units.
    /// @param from The holder the units came from.
    /// @param lotId The lot.
    /// @param value The number of units.
    /// @param data For the processing contract only: `abi.encode(holder)`.
    /// @return The ERC-1155 acceptance value.
    function onERC1155Received(address operator, address from, uint256 lotId, uint256 value, bytes calldata data)
        external
        nonReentrant
        returns (bytes4)
    {
        _redeem(operator, from, lotId, value, data);
        return this.onERC1155Received.selector;
    }

    /// @notice Redeems several lots' units sent to the vault at once, as `onERC1155Received` does for each.
    /// @param operator Who moved the units.
    /// @param from The holder the units came from.
    /// @param lotIds The lots.
    /// @param values The number of units of each.
    /// @return The ERC-1155 acceptance value.
    function onERC1155BatchReceived(
        address operator,
        address from,
        uint256[] calldata lotIds,
        uint256[] calldata values,
        bytes calldata
    ) external nonReentrant returns (bytes4) {
        for (uint256 i; i < lotIds.length; ++i) {
            _redeem(operator, from, lotIds[i], values[i], "");
        }
        return this.onERC1155BatchReceived.selector;
    }

    /// @inheritdoc IProceedsVault
    function claim(uint256 lotId) external nonReentrant returns (uint256 amount) {
        StoredProceeds storage p = _lots[lotId];
        StoredPosition storage position = _positions[lotId][msg.sender];
        InvestorRecord memory claimant = token.getInvestor(msg.sender);
        if (claimant.frozen) revert ClaimantFrozen(lotId, msg.sender);
        uint256 units = position.units;
        // A wallet with frozen units in no lot (`frozenLots == 0`) has none here: nothing to withhold, nothing to read.
        uint256 withheld = claimant.frozenLots == 0
            ? 0
            : _frozenInPosition(lotId, msg.sender, token.balanceOf(msg.sender, lotId), units);
        uint256 paid = position.paid;
        amount = _owedDown(units - withheld, p.accPerUnit, paid);
        if (amount == 0) {
            if (withheld != 0) revert PositionFrozen(lotId, msg.sender, withheld);
            revert NothingToClaim(lotId, msg.sender);
        }
        // What a position is owed, added to what it was paid, never exceeds the lot's deposits (below 2^128), nor does
        // everything paid from the lot.
        position.paid = uint128(paid + amount);
        p.paid += uint128(amount);
        emit ProceedsClaimed(lotId, msg.sender, amount);
        p.paymentToken.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ compliance

    /// @inheritdoc IProceedsVault
    function releasePosition(uint256 lotId, address from, address to, bytes32 reason)
        external
        onlyRole(Roles.COMPLIANCE)
    {
        StoredPosition storage source = _positions[lotId][from];
        uint256 units = source.units;
        if (units == 0) revert NoPosition(lotId, from);
        if (to == address(0) || to == from || token.getInvestor(to).platform || !token.canReceive(to)) {
            revert InvalidPositionReceiver(lotId, to);
        }
        if (reason == bytes32(0)) revert PositionReleaseReasonRequired(lotId);
        uint256 paid = source.paid;
        delete _positions[lotId][from];
        StoredPosition storage target = _positions[lotId][to];
        // Both positions' units are redeemed units of the lot (at most N < 2^128), and both paid from the lot's deposits
        // (below 2^128): the sums fit.
        target.units += uint128(units);
        target.paid += uint128(paid);
        emit PositionReleased(lotId, from, to, units, paid, reason);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IProceedsVault
    function claimableOf(uint256 lotId, address holder) external view returns (uint256) {
        if (token.getInvestor(holder).frozen) return 0;
        StoredPosition storage position = _positions[lotId][holder];
        uint256 balance = token.balanceOf(holder, lotId);
        uint256 frozen = token.getFrozenTokens(holder, lotId);
        // Redeeming every unfrozen unit leaves min(frozen, balance) in the wallet; the rest of the freeze binds the
        // position it would then have.
        uint256 sendable = balance > frozen ? balance - frozen : 0;
        uint256 units = position.units + sendable;
        uint256 withheld = _frozenInPosition(lotId, holder, balance - sendable, units);
        return _owedDown(units - withheld, _lots[lotId].accPerUnit, position.paid);
    }

    /// @inheritdoc IProceedsVault
    function isRetirable(uint256 lotId, uint256 outstanding) external view returns (bool) {
        StoredProceeds storage p = _lots[lotId];
        // Nobody holds, redeemed or was paid anything: nothing to wait for.
        if (outstanding == 0 && p.redeemedUnits == 0 && p.deposited == 0) return true;
        // Otherwise the distribution must end with its final payment, which needs the lot still settling.
        if (p.finalAt == 0) return false;
        return outstanding == 0 || block.timestamp >= uint256(p.finalAt) + noticePeriod;
    }

    /// @notice A lot's proceeds: the stored figures, when it may be retired with units outstanding, its sweepable
    /// dust and its units not yet redeemed.
    /// @param lotId The lot.
    /// @return The figures.
    function getLotProceeds(uint256 lotId) external view returns (LotProceedsView memory) {
        StoredProceeds storage p = _lots[lotId];
        return LotProceedsView({
            proceeds: LotProceeds({
                paymentToken: p.paymentToken,
                finalAt: p.finalAt,
                treasury: p.treasury,
                entitledSupply: p.entitledSupply,
                accPerUnit: p.accPerUnit,
                deposited: p.deposited,
                paid: p.paid,
                swept: p.swept,
                redeemedUnits: p.redeemedUnits
            }),
            retirableAt: p.finalAt == 0 ? 0 : uint256(p.finalAt) + noticePeriod,
            sweepable: _sweepable(lotId, p),
            outstanding: token.totalSupply(lotId)
        });
    }

    /// @notice A holder's redeemed units in a lot and what it was paid.
    /// @param lotId The lot.
    /// @param holder The holder.
    /// @return The position.
    function getPosition(uint256 lotId, address holder) external view returns (Position memory) {
        StoredPosition storage position = _positions[lotId][holder];
        return Position({units: position.units, paid: position.paid});
    }

    /// @notice What a lot's treasury may sweep after the final payment: the dust no unit, redeemed or not, can ever
    /// claim.
    /// @param lotId The lot.
    /// @return The amount.
    function sweepable(uint256 lotId) external view returns (uint256) {
        return _sweepable(lotId, _lots[lotId]);
    }

    /// @notice ERC-165: the ERC-1155 receiver interface and ERC-165 itself.
    /// @param interfaceId The interface id asked about.
    /// @return Whether the vault supports it.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    // ------------------------------------------------------------------ internal

    function _deposit(uint256 lotId, uint256 amount) private {
        StoredProceeds storage p = _treasuryLot(lotId);
        _requireState(lotId, false);
        if (amount == 0) revert ZeroDeposit(lotId);
        if (p.finalAt != 0) revert FinalPaymentMade(lotId, p.finalAt);
        uint256 supply = p.entitledSupply;
        if (supply == 0) revert NoUnitsOutstanding(lotId);

        uint256 deposited = p.deposited;
        if (amount > MAX_DEPOSITED - deposited) revert DepositsExceedLimit(lotId, deposited, amount, MAX_DEPOSITED);
        deposited += amount;
        // deposited < 2^128 and supply >= 1, so deposited x MAGNITUDE / supply < 2^256.
        uint256 acc = Math.mulDiv(deposited, MAGNITUDE, supply);
        p.deposited = uint128(deposited);
        p.accPerUnit = acc;
        emit ProceedsDeposited(lotId, amount, acc, msg.sender);

        IERC20 paymentToken = p.paymentToken;
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != amount) revert PaymentTokenTakesFee(address(paymentToken), amount, received);
    }

    function _redeem(address operator, address from, uint256 lotId, uint256 value, bytes memory data) private {
        if (msg.sender != address(token)) revert NotLotToken(msg.sender);
        StoredProceeds storage p = _lots[lotId];
        // The registry opens a lot's settlement here as the lot enters SETTLING, which leads only to RETIRED: an open
        // settlement proves the state, so the registry is asked for it only when the settlement is not open.
        bool open = p.treasury != address(0);
        if (!open) _requireState(lotId, true);
        if (value == 0) revert NothingToRedeem(lotId);
        if (!open) revert SettlementNotOpen(lotId);
        if (token.getInvestor(from).platform) {
            // Only the processing contract redeems, and only for the holder whose units it held (`redeemHeld`).
            if (from != registry.processing() || operator != from || data.length != 32) {
                revert PlatformAccountCannotRedeem(lotId, from);
            }
            from = abi.decode(data, (address));
            if (from == address(0) || token.getInvestor(from).platform) revert PlatformAccountCannotRedeem(lotId, from);
        } else if (operator != from && !token.isApprovedForAll(from, operator)) {
            revert RedemptionNotByHolder(lotId, from, operator);
        }
        StoredPosition storage position = _positions[lotId][from];
        // The units arrived from the lot's supply, at most N < 2^128 since settlement opened, and every redeemed unit
        // is counted once: position.units + value <= redeemedUnits + value <= N.
        uint256 units = position.units + value;
        position.units = uint128(units);
        p.redeemedUnits += uint128(value);
        emit UnitsRedeemed(lotId, from, value, units);
        token.burn(address(this), lotId, value);
    }

    /// @dev The lot's proceeds, for its treasury account only (which must still hold TREASURY_ROLE).
    function _treasuryLot(uint256 lotId) private view returns (StoredProceeds storage p) {
        p = _lots[lotId];
        address treasury = p.treasury;
        if (treasury == address(0)) revert SettlementNotOpen(lotId);
        if (msg.sender != treasury || !_hasRole(Roles.TREASURY, msg.sender)) {
            revert NotLotTreasury(lotId, msg.sender, treasury);
        }
    }

    /// @dev The units of a position a freeze withholds: units frozen for the holder in the lot beyond what its wallet
    /// still holds (`walletUnits`), at most the position's `units`.
    function _frozenInPosition(uint256 lotId, address holder, uint256 walletUnits, uint256 units)
        private
        view
        returns (uint256)
    {
        uint256 frozen = token.getFrozenTokens(holder, lotId);
        if (frozen <= walletUnits) return 0;
        return Math.min(frozen - walletUnits, units);
    }

    /// @dev deposited - swept - floor((N - lost) x acc / MAG), where lost = N - supply - redeemed are the units burned
    /// elsewhere since settlement opened. N >= supply + redeemed (supply only falls once settling, and every redeemed
    /// unit left it), and floor(N x acc / MAG) <= deposited, so no line underflows.
    function _sweepable(uint256 lotId, StoredProceeds storage p) private view returns (uint256) {
        if (p.entitledSupply == 0) return 0;
        uint256 alive = token.totalSupply(lotId) + p.redeemedUnits;
        return p.deposited - p.swept - _entitlementDown(alive, p.accPerUnit);
    }

    /// @dev What `units` earned at `acc` beyond `paid`, rounded down; zero when a freeze brought it below `paid`.
    function _owedDown(uint256 units, uint256 acc, uint256 paid) private pure returns (uint256) {
        uint256 entitled = _entitlementDown(units, acc);
        return entitled > paid ? entitled - paid : 0;
    }

    function _entitlementDown(uint256 units, uint256 acc) private pure returns (uint256) {
        return Math.mulDiv(units, acc, MAGNITUDE);
    }

    function _requireState(uint256 lotId, bool retiredToo) private view {
        LotState state = registry.lotState(lotId);
        if (state != LotState.Settling && !(retiredToo && state == LotState.Retired)) revert LotNotSettling(lotId, state);
    }
}
