// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Roles} from "../access/Roles.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {IProceedsToken} from "../interfaces/IProceedsToken.sol";
import {IProceedsVault, LotProceeds, LotProceedsView, Position} from "../interfaces/IProceedsVault.sol";
import {LotState} from "../lots/LotTypes.sol";

/// @title ProceedsVault
/// @notice Sale proceeds of settled lots, owed per unit, for a platform account that redeems units. Once a lot is
/// SETTLING its units no longer trade between investors, so nothing is added to ordinary transfers: the treasury
/// deposits proceeds (provisional, then final), each of the lot's N outstanding units (fixed when the distribution
/// starts) is owed `deposited / N`, and a holder redeems by sending its units here; the vault burns them at once and
/// keeps the holder's position, whose entitlement grows with every later deposit. A claim reads and writes a fixed
/// number of slots, whatever the number of holders.
///
/// Rounding: `accPerUnit = floor(deposited x MAGNITUDE / N)`, recomputed from the cumulative deposit, so the remainder
/// of one deposit is carried to the next and `accPerUnit x N <= deposited x MAGNITUDE` always holds; each position is
/// owed `floor(units x accPerUnit / MAGNITUDE)`. The sum of those floors never exceeds the floor of the sum, so
/// `sweepable` (deposited minus swept minus the most every unit still alive or redeemed can ever claim) is dust nobody
/// can be owed. Units burned elsewhere after the distribution started (a physical delivery) are owed to nobody.
///
/// After the final payment and a notice period, the registry may retire the lot with units still outstanding; they
/// can still be sent here and claimed. Every function that pays out is `nonReentrant` and changes its state first.
contract ProceedsVault is IProceedsVault, IERC1155Receiver, PlatformAccess, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The scale of `accPerUnit`: proceeds per unit are kept with 128 fractional bits.
    uint256 public constant MAGNITUDE = 2 ** 128;

    /// @notice The units token.
    IProceedsToken public immutable token;
    /// @notice Seconds after the final payment before a lot with units outstanding may be retired.
    uint256 public immutable noticePeriod;

    mapping(uint256 lotId => LotProceeds) internal _lots;
    mapping(uint256 lotId => mapping(address holder => Position)) internal _positions;

    /// @param registry_ The lot registry (roles and lot states).
    /// @param token_ The units token.
    /// @param noticePeriod_ Seconds after the final payment before a lot may be retired with units outstanding.
    constructor(ILotRegistry registry_, IProceedsToken token_, uint256 noticePeriod_) PlatformAccess(registry_) {
        token = token_;
        noticePeriod = noticePeriod_;
    }

    // ------------------------------------------------------------------ treasury

    /// @inheritdoc IProceedsVault
    function deposit(uint256 lotId, IERC20 paymentToken, uint256 amount, bool isFinal) external nonReentrant {
        _deposit(lotId, paymentToken, amount, isFinal);
    }

    /// @inheritdoc IProceedsVault
    function depositWithPermit(
        uint256 lotId,
        IERC20 paymentToken,
        uint256 amount,
        bool isFinal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // A permit front-run by someone else has already set the allowance; the transfer in `_deposit` decides.
        try IERC20Permit(address(paymentToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _deposit(lotId, paymentToken, amount, isFinal);
    }

    /// @inheritdoc IProceedsVault
    function sweepDust(uint256 lotId, address to) external nonReentrant returns (uint256 amount) {
        _checkRole(Roles.TREASURY);
        LotProceeds storage p = _lots[lotId];
        if (p.finalAt == 0) revert FinalPaymentPending(lotId);
        if (to == address(0)) revert InvalidSweepReceiver();
        amount = _sweepable(lotId, p);
        if (amount == 0) revert NothingToSweep(lotId);
        p.swept += amount;
        emit DustSwept(lotId, to, amount, msg.sender);
        p.paymentToken.safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------ holders

    /// @notice Redeems units sent to the vault: records them in the sender's position and burns them. Only the lot
    /// token may call it, for a lot that is settling or retired.
    /// @param from The holder the units came from.
    /// @param lotId The lot.
    /// @param value The number of units.
    function onERC1155Received(address, address from, uint256 lotId, uint256 value, bytes calldata)
        external
        nonReentrant
        returns (bytes4)
    {
        _redeem(from, lotId, value);
        return this.onERC1155Received.selector;
    }

    /// @notice Redeems several lots' units sent to the vault at once, as `onERC1155Received` does for each.
    /// @param from The holder the units came from.
    /// @param lotIds The lots.
    /// @param values The number of units of each.
    function onERC1155BatchReceived(
        address,
        address from,
        uint256[] calldata lotIds,
        uint256[] calldata values,
        bytes calldata
    ) external nonReentrant returns (bytes4) {
        for (uint256 i; i < lotIds.length; ++i) {
            _redeem(from, lotIds[i], values[i]);
        }
        return this.onERC1155BatchReceived.selector;
    }

    /// @inheritdoc IProceedsVault
    function claim(uint256 lotId) external nonReentrant returns (uint256 amount) {
        LotProceeds storage p = _lots[lotId];
        Position storage position = _positions[lotId][msg.sender];
        amount = _entitlementDown(position.units, p.accPerUnit) - position.paid;
        if (amount == 0) revert NothingToClaim(lotId, msg.sender);
        position.paid += amount;
        p.paid += amount;
        emit ProceedsClaimed(lotId, msg.sender, amount);
        p.paymentToken.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IProceedsVault
    function claimableOf(uint256 lotId, address holder) external view returns (uint256) {
        Position storage position = _positions[lotId][holder];
        uint256 units = position.units + token.balanceOf(holder, lotId);
        return _entitlementDown(units, _lots[lotId].accPerUnit) - position.paid;
    }

    /// @inheritdoc IProceedsVault
    function isRetirable(uint256 lotId, uint256 outstanding) external view returns (bool) {
        LotProceeds storage p = _lots[lotId];
        // A distribution that started must end with its final payment, which needs the lot still settling.
        if (p.deposited != 0 && p.finalAt == 0) return false;
        if (outstanding == 0) return true;
        return p.finalAt != 0 && block.timestamp >= uint256(p.finalAt) + noticePeriod;
    }

    /// @notice A lot's proceeds: the stored figures, when it may be retired with units outstanding, its sweepable
    /// dust and its units not yet redeemed.
    /// @param lotId The lot.
    function getLotProceeds(uint256 lotId) external view returns (LotProceedsView memory) {
        LotProceeds storage p = _lots[lotId];
        return LotProceedsView({
            proceeds: p,
            retirableAt: p.finalAt == 0 ? 0 : uint256(p.finalAt) + noticePeriod,
            sweepable: _sweepable(lotId, p),
            outstanding: token.totalSupply(lotId)
        });
    }

    /// @notice A holder's redeemed units in a lot and what it was paid.
    /// @param lotId The lot.
    /// @param holder The holder.
    function getPosition(uint256 lotId, address holder) external view returns (Position memory) {
        return _positions[lotId][holder];
    }

    /// @notice What a lot's treasury may sweep after the final payment: the dust no unit, redeemed or not, can ever
    /// claim.
    /// @param lotId The lot.
    function sweepable(uint256 lotId) external view returns (uint256) {
        return _sweepable(lotId, _lots[lotId]);
    }

    /// @notice ERC-165: the ERC-1155 receiver interface and ERC-165 itself.
    /// @param interfaceId The interface id asked about.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    // ------------------------------------------------------------------ internal

    function _deposit(uint256 lotId, IERC20 paymentToken, uint256 amount, bool isFinal) private {
        _checkRole(Roles.TREASURY);
        _requireState(lotId, false);
        LotProceeds storage p = _lots[lotId];
        if (amount == 0) revert ZeroDeposit(lotId);
        if (p.finalAt != 0) revert FinalPaymentMade(lotId, p.finalAt);
        IERC20 lotToken = p.paymentToken;
        if (address(lotToken) == address(0)) {
            if (address(paymentToken).code.length == 0) revert InvalidPaymentToken(address(paymentToken));
            p.paymentToken = paymentToken;
        } else if (lotToken != paymentToken) {
            revert PaymentTokenMismatch(lotId, address(lotToken), address(paymentToken));
        }
        uint256 supply = _fixEntitledSupply(lotId, p);

        uint256 deposited = p.deposited + amount;
        uint256 acc = Math.mulDiv(deposited, MAGNITUDE, supply);
        p.deposited = deposited;
        p.accPerUnit = acc;
        if (isFinal) p.finalAt = uint40(block.timestamp);
        emit ProceedsDeposited(lotId, amount, isFinal, acc, msg.sender);

        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        if (received != amount) revert PaymentTokenTakesFee(address(paymentToken), amount, received);
    }

    function _redeem(address from, uint256 lotId, uint256 value) private {
        if (msg.sender != address(token)) revert NotLotToken(msg.sender);
        _requireState(lotId, true);
        if (value == 0) revert NothingToRedeem(lotId);
        LotProceeds storage p = _lots[lotId];
        // Read before the burn: the units just received are still part of the lot's supply.
        _fixEntitledSupply(lotId, p);
        Position storage position = _positions[lotId][from];
        uint256 units = position.units + value;
        position.units = units;
        p.redeemedUnits += value;
        emit UnitsRedeemed(lotId, from, value, units);
        token.burn(address(this), lotId, value);
    }

    /// @dev The lot's entitled supply, fixed from its outstanding units the first time a deposit or a redemption
    /// needs it.
    function _fixEntitledSupply(uint256 lotId, LotProceeds storage p) private returns (uint256 supply) {
        supply = p.entitledSupply;
        if (supply != 0) return supply;
        supply = token.totalSupply(lotId);
        if (supply == 0) revert NoUnitsOutstanding(lotId);
        p.entitledSupply = supply;
        emit EntitledSupplyFixed(lotId, supply);
    }

    /// @dev deposited - swept - floor((N - lost) x acc / MAG), where lost = N - supply - redeemed are the units burned
    /// elsewhere since the distribution started. N >= supply + redeemed (supply only falls once settling, and every
    /// redeemed unit left it), and floor(N x acc / MAG) <= deposited, so no line underflows.
    function _sweepable(uint256 lotId, LotProceeds storage p) private view returns (uint256) {
        uint256 supply = p.entitledSupply;
        if (supply == 0) return 0;
        uint256 alive = token.totalSupply(lotId) + p.redeemedUnits;
        return p.deposited - p.swept - _entitlementDown(alive, p.accPerUnit);
    }

    function _entitlementDown(uint256 units, uint256 acc) private pure returns (uint256) {
        return Math.mulDiv(units, acc, MAGNITUDE);
    }

    function _requireState(uint256 lotId, bool retiredToo) private view {
        LotState state = registry.getLot(lotId).state;
        if (state != LotState.Settling && !(retiredToo && state == LotState.Retired)) revert LotNotSettling(lotId, state);
    }
}
