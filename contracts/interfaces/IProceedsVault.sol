// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LotState} from "../lots/LotTypes.sol";

/// @notice A lot's sale proceeds as the vault accounts for them.
/// @param paymentToken The stablecoin the proceeds are paid in, fixed when the issuer opened settlement.
/// @param finalAt When the lot's treasury declared its final payment; 0 before.
/// @param treasury The one treasury account that may deposit, finalize and sweep the lot's proceeds, fixed when the
/// issuer opened settlement (the default admin may replace a lost one).
/// @param entitledSupply N: the lot's outstanding units when settlement opened; each of them is owed
/// `accPerUnit / MAGNITUDE` of the proceeds.
/// @param accPerUnit Proceeds per unit, magnified by `MAGNITUDE`: floor(deposited x MAGNITUDE / N).
/// @param deposited Everything the treasury deposited.
/// @param paid Everything paid out to holders.
/// @param swept Rounding dust sent back to the treasury.
/// @param redeemedUnits Units sent to the vault (and burned by it) since settlement opened.
struct LotProceeds {
    IERC20 paymentToken;
    uint40 finalAt;
    address treasury;
    uint256 entitledSupply;
    uint256 accPerUnit;
    uint256 deposited;
    uint256 paid;
    uint256 swept;
    uint256 redeemedUnits;
}

/// @notice What `getLotProceeds` reports: the stored figures plus what follows from them.
/// @param proceeds The stored figures.
/// @param retirableAt From when the lot may be retired with units still outstanding (final payment + notice
/// period); 0 before the final payment.
/// @param sweepable The rounding dust no holder can ever claim, which the treasury may sweep after the final payment.
/// @param outstanding The lot's units not yet redeemed (still in wallets or escrows).
struct LotProceedsView {
    LotProceeds proceeds;
    uint256 retirableAt;
    uint256 sweepable;
    uint256 outstanding;
}

/// @notice A holder's redeemed units in a lot and what it was paid for them.
/// @param units Units the holder sent to the vault (or that compliance released to it).
/// @param paid Proceeds already paid for them.
struct Position {
    uint256 units;
    uint256 paid;
}

/// @title IProceedsVault
/// @notice Sale proceeds of settled lots, owed per unit. When the issuer opens a lot's settlement it fixes the payment
/// token and the one treasury account that may deposit; that treasury deposits (provisional, then final payments) and
/// declares the final payment itself. A holder redeems by sending its units to the vault (one `safeTransferFrom`, no
/// approval), which records its position and burns them; the holder then pulls its share with `claim`. Freezes bind
/// positions as they bind units. A claim costs the same whatever the number of holders.
interface IProceedsVault {
    /// @notice Emitted when the issuer opens a lot's settlement: the distribution's terms, fixed.
    /// @param lotId The lot.
    /// @param paymentToken The stablecoin.
    /// @param treasury The treasury account that may deposit, finalize and sweep.
    /// @param entitledSupply The lot's outstanding units, each owed an equal share.
    event SettlementOpened(uint256 indexed lotId, address paymentToken, address indexed treasury, uint256 entitledSupply);

    /// @notice Emitted when the lot's treasury deposits proceeds.
    /// @param lotId The lot.
    /// @param amount The amount deposited, in the payment token's base units.
    /// @param accPerUnit The proceeds per unit after the deposit, magnified by `MAGNITUDE`.
    /// @param by The depositing treasury account.
    event ProceedsDeposited(uint256 indexed lotId, uint256 amount, uint256 accPerUnit, address indexed by);

    /// @notice Emitted when the lot's treasury declares its final payment: no deposit follows, and the notice period
    /// before retirement starts.
    /// @param lotId The lot.
    /// @param deposited Everything deposited for the lot.
    /// @param by The treasury account.
    event ProceedsFinalized(uint256 indexed lotId, uint256 deposited, address indexed by);

    /// @notice Emitted when the default admin replaces a lot's treasury account (a lost or compromised key).
    /// @param lotId The lot.
    /// @param previous The treasury account it replaced.
    /// @param treasury The new treasury account.
    event LotTreasuryReplaced(uint256 indexed lotId, address indexed previous, address indexed treasury);

    /// @notice Emitted when a holder sends units to the vault; the vault burns them and records the position.
    /// @param lotId The lot.
    /// @param holder The holder the units came from.
    /// @param units The units redeemed.
    /// @param totalUnits The holder's redeemed units in the lot after this redemption.
    event UnitsRedeemed(uint256 indexed lotId, address indexed holder, uint256 units, uint256 totalUnits);

    /// @notice Emitted when a holder claims its proceeds.
    /// @param lotId The lot.
    /// @param holder The holder paid.
    /// @param amount The amount paid.
    event ProceedsClaimed(uint256 indexed lotId, address indexed holder, uint256 amount);

    /// @notice Emitted when compliance releases a holder's position to another wallet (a frozen or lost holder).
    /// @param lotId The lot.
    /// @param from The holder whose position moved.
    /// @param to The wallet that now holds it.
    /// @param units The position's redeemed units.
    /// @param paid What was already paid for them (it moves with them).
    /// @param reason The legal ground, as a short string.
    event PositionReleased(
        uint256 indexed lotId, address indexed from, address indexed to, uint256 units, uint256 paid, bytes32 reason
    );

    /// @notice Emitted when the lot's treasury sweeps the lot's rounding dust to itself.
    /// @param lotId The lot.
    /// @param treasury The treasury account paid.
    /// @param amount The amount swept.
    event DustSwept(uint256 indexed lotId, address indexed treasury, uint256 amount);

    /// @notice Thrown when a deposit or the final payment concerns a lot that is not settling, or a redemption one that
    /// is neither settling nor retired.
    /// @param lotId The lot.
    /// @param state Its current state.
    error LotNotSettling(uint256 lotId, LotState state);

    /// @notice Thrown when anyone but the registry opens a lot's settlement.
    /// @param caller The caller.
    error CallerNotRegistry(address caller);

    /// @notice Thrown when a lot's settlement is opened twice.
    /// @param lotId The lot.
    error SettlementAlreadyOpen(uint256 lotId);

    /// @notice Thrown when a lot's settlement was never opened in this vault.
    /// @param lotId The lot.
    error SettlementNotOpen(uint256 lotId);

    /// @notice Thrown when a deposit, final payment or sweep comes from anyone but the lot's treasury account holding
    /// TREASURY_ROLE.
    /// @param lotId The lot.
    /// @param caller The caller.
    /// @param treasury The lot's treasury account.
    error NotLotTreasury(uint256 lotId, address caller, address treasury);

    /// @notice Thrown when the treasury named for a lot does not hold TREASURY_ROLE.
    /// @param treasury The account given.
    error TreasuryLacksRole(address treasury);

    /// @notice Thrown when a deposit is of zero.
    /// @param lotId The lot.
    error ZeroDeposit(uint256 lotId);

    /// @notice Thrown when a deposit would take a lot's deposits past the most the vault keeps (`MAX_DEPOSITED`,
    /// 2^128 - 1 base units of the payment token).
    /// @param lotId The lot.
    /// @param deposited What the lot's deposits add up to so far.
    /// @param amount The deposit refused.
    /// @param limit The most the deposits may add up to.
    error DepositsExceedLimit(uint256 lotId, uint256 deposited, uint256 amount, uint256 limit);

    /// @notice Thrown when a deposit or a second final follows the lot's final payment.
    /// @param lotId The lot.
    /// @param finalAt When the final payment was declared.
    error FinalPaymentMade(uint256 lotId, uint256 finalAt);

    /// @notice Thrown when the payment token named at settlement is not a contract.
    /// @param token The token given.
    error InvalidPaymentToken(address token);

    /// @notice Thrown when the vault received less than was transferred (a fee-on-transfer token is refused).
    /// @param token The payment token.
    /// @param expected The amount transferred.
    /// @param received The amount the vault's balance grew by.
    error PaymentTokenTakesFee(address token, uint256 expected, uint256 received);

    /// @notice Thrown when proceeds are deposited for a lot that had no units outstanding at settlement: nobody could
    /// be paid.
    /// @param lotId The lot.
    error NoUnitsOutstanding(uint256 lotId);

    /// @notice Thrown when units arrive from any contract but the lot token.
    /// @param caller The contract that called the receiver hook.
    error NotLotToken(address caller);

    /// @notice Thrown when zero units are sent to the vault.
    /// @param lotId The lot.
    error NothingToRedeem(uint256 lotId);

    /// @notice Thrown when a platform account (an offering or delivery escrow) sends units to the vault: it is nobody's
    /// position, so its units are refused rather than booked to an account that can never claim.
    /// @param lotId The lot.
    /// @param account The platform account.
    error PlatformAccountCannotRedeem(uint256 lotId, address account);

    /// @notice Thrown when units arrive by someone else's act (a forced transfer): a redemption is the holder's own act
    /// (or its approved operator's). Compliance moves a frozen holder's units to a named wallet instead.
    /// @param lotId The lot.
    /// @param holder The holder the units came from.
    /// @param operator Who moved them.
    error RedemptionNotByHolder(uint256 lotId, address holder, address operator);

    /// @notice Thrown when a holder claims while nothing is owed to it.
    /// @param lotId The lot.
    /// @param holder The holder.
    error NothingToClaim(uint256 lotId, address holder);

    /// @notice Thrown when a frozen account claims: a freeze binds its position as it binds its units.
    /// @param lotId The lot.
    /// @param holder The holder.
    error ClaimantFrozen(uint256 lotId, address holder);

    /// @notice Thrown when everything a holder could claim is withheld by units frozen for it in the lot beyond its
    /// wallet balance.
    /// @param lotId The lot.
    /// @param holder The holder.
    /// @param frozenUnits The units of its position the freeze binds.
    error PositionFrozen(uint256 lotId, address holder, uint256 frozenUnits);

    /// @notice Thrown when a position is released from a holder that has none.
    /// @param lotId The lot.
    /// @param holder The holder.
    error NoPosition(uint256 lotId, address holder);

    /// @notice Thrown when a position would be released to the zero address, to its own holder, to a platform account
    /// or to a wallet that may not receive units (not verified, KYC expired, frozen).
    /// @param lotId The lot.
    /// @param to The wallet given.
    error InvalidPositionReceiver(uint256 lotId, address to);

    /// @notice Thrown when a position is released without a reason.
    /// @param lotId The lot.
    error PositionReleaseReasonRequired(uint256 lotId);

    /// @notice Thrown when dust is swept before the final payment, while every base unit may still be owed.
    /// @param lotId The lot.
    error FinalPaymentPending(uint256 lotId);

    /// @notice Thrown when there is no dust to sweep.
    /// @param lotId The lot.
    error NothingToSweep(uint256 lotId);

    /// @notice Opens a lot's distribution when the issuer starts its settlement: fixes the payment token, the treasury
    /// account and the entitled supply (the lot's outstanding units now that trading stopped). Only the lot registry.
    /// @param lotId The lot.
    /// @param paymentToken The stablecoin (a contract).
    /// @param treasury The treasury account (holds TREASURY_ROLE).
    function openSettlement(uint256 lotId, address paymentToken, address treasury) external;

    /// @notice Deposits sale proceeds of a settling lot, in its payment token. Only the lot's treasury account, before
    /// the final payment.
    /// @param lotId The lot.
    /// @param amount The amount, in the token's base units; pulled with `transferFrom` (approve first).
    function deposit(uint256 lotId, uint256 amount) external;

    /// @notice `deposit` with an EIP-2612 permit for `amount`, in the same transaction.
    /// @param lotId The lot.
    /// @param amount The amount, in the token's base units.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function depositWithPermit(uint256 lotId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Declares the lot's final payment (after the umpire assay): no deposit follows, the dust becomes
    /// sweepable, and the notice period before the lot may retire with units outstanding starts. Only the lot's
    /// treasury account. A deposit and its finalization can be sent in one transaction with `multicall`.
    /// @param lotId The lot.
    function finalize(uint256 lotId) external;

    /// @notice Pays the caller what its redeemed units earned and it was not yet paid (pull). Refused to a frozen
    /// account, and withheld for units frozen for it in the lot beyond its wallet balance.
    /// @param lotId The lot.
    /// @return amount The amount paid.
    function claim(uint256 lotId) external returns (uint256 amount);

    /// @notice Moves a holder's position (its redeemed units and what it was paid for them) to a wallet compliance
    /// names: a frozen holder's share under a legal order, or a lost wallet's. COMPLIANCE_ROLE.
    /// @param lotId The lot.
    /// @param from The holder.
    /// @param to The receiving wallet (verified, KYC valid, not frozen, not a platform account).
    /// @param reason The legal ground, as a short string (not empty).
    function releasePosition(uint256 lotId, address from, address to, bytes32 reason) external;

    /// @notice Sends a lot's rounding dust (`sweepable`) to the lot's treasury account. Only that account, after the
    /// final payment.
    /// @param lotId The lot.
    /// @return amount The amount swept.
    function sweepDust(uint256 lotId) external returns (uint256 amount);

    /// @notice Replaces a lot's treasury account, for a lost or compromised key. Only the default admin.
    /// @param lotId The lot.
    /// @param treasury The new treasury account (holds TREASURY_ROLE).
    function replaceLotTreasury(uint256 lotId, address treasury) external;

    /// @notice What `holder` would be paid if it redeemed every unit it may send from its wallet now and claimed:
    /// zero for a frozen account, less whatever units frozen for it withhold.
    /// @param lotId The lot.
    /// @param holder The holder.
    function claimableOf(uint256 lotId, address holder) external view returns (uint256);

    /// @notice Whether the registry may retire a settling lot that has `outstanding` units: with no units outstanding,
    /// no position and no deposit, at once; otherwise once the final payment was declared and, with units
    /// outstanding, its notice period has passed.
    /// @param lotId The lot.
    /// @param outstanding Its units not yet burned.
    function isRetirable(uint256 lotId, uint256 outstanding) external view returns (bool);
}
