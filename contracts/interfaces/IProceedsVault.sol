// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LotState} from "../lots/LotTypes.sol";

/// @notice A lot's sale proceeds as the vault accounts for them.
/// @param paymentToken The stablecoin the proceeds are paid in (fixed by the first deposit; zero before).
/// @param entitledSupply N: the lot's outstanding units when the distribution started (first deposit or first
/// redemption); each of them is owed `accPerUnit / MAGNITUDE` of the proceeds.
/// @param accPerUnit Proceeds per unit, magnified by `MAGNITUDE`: floor(deposited x MAGNITUDE / N).
/// @param deposited Everything the treasury deposited.
/// @param paid Everything paid out to holders.
/// @param swept Rounding dust sent back to the treasury.
/// @param redeemedUnits Units sent to the vault (and burned by it) since the distribution started.
/// @param finalAt When the final payment was deposited; 0 before.
struct LotProceeds {
    IERC20 paymentToken;
    uint40 finalAt;
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
/// @param units Units the holder sent to the vault.
/// @param paid Proceeds already paid to the holder.
struct Position {
    uint256 units;
    uint256 paid;
}

/// @title IProceedsVault
/// @notice Sale proceeds of settled lots, owed per unit. The treasury deposits (provisional, then final); a holder
/// redeems by sending its units to the vault (one `safeTransferFrom`, no approval), which records its position and
/// burns them; the holder then pulls its share with `claim`. A claim costs the same whatever the number of holders.
interface IProceedsVault {
    /// @notice Emitted when the treasury deposits proceeds for a lot.
    /// @param lotId The lot.
    /// @param amount The amount deposited, in the payment token's base units.
    /// @param isFinal Whether this was the final payment.
    /// @param accPerUnit The proceeds per unit after the deposit, magnified by `MAGNITUDE`.
    /// @param by The depositing treasury account.
    event ProceedsDeposited(uint256 indexed lotId, uint256 amount, bool isFinal, uint256 accPerUnit, address indexed by);

    /// @notice Emitted once per lot, when its distribution starts: the outstanding supply every payment is divided by.
    /// @param lotId The lot.
    /// @param entitledSupply The lot's outstanding units at that moment.
    event EntitledSupplyFixed(uint256 indexed lotId, uint256 entitledSupply);

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

    /// @notice Emitted when the treasury sweeps a lot's rounding dust.
    /// @param lotId The lot.
    /// @param to The receiver.
    /// @param amount The amount swept.
    /// @param by The treasury account that swept.
    event DustSwept(uint256 indexed lotId, address indexed to, uint256 amount, address indexed by);

    /// @notice Thrown when a deposit or redemption concerns a lot that is not settling (or, for a redemption, retired).
    /// @param lotId The lot.
    /// @param state Its current state.
    error LotNotSettling(uint256 lotId, LotState state);

    /// @notice Thrown when a deposit is of zero.
    /// @param lotId The lot.
    error ZeroDeposit(uint256 lotId);

    /// @notice Thrown when a deposit follows the lot's final payment.
    /// @param lotId The lot.
    /// @param finalAt When the final payment was made.
    error FinalPaymentMade(uint256 lotId, uint256 finalAt);

    /// @notice Thrown when a deposit is in another token than the lot's earlier deposits.
    /// @param lotId The lot.
    /// @param expected The lot's payment token.
    /// @param given The token of the deposit.
    error PaymentTokenMismatch(uint256 lotId, address expected, address given);

    /// @notice Thrown when the payment token of a lot's first deposit is not a contract.
    /// @param token The token given.
    error InvalidPaymentToken(address token);

    /// @notice Thrown when the vault received less than was transferred (a fee-on-transfer token is refused).
    /// @param token The payment token.
    /// @param expected The amount transferred.
    /// @param received The amount the vault's balance grew by.
    error PaymentTokenTakesFee(address token, uint256 expected, uint256 received);

    /// @notice Thrown when a distribution would start on a lot with no units outstanding: nobody could be paid.
    /// @param lotId The lot.
    error NoUnitsOutstanding(uint256 lotId);

    /// @notice Thrown when units arrive from any contract but the lot token.
    /// @param caller The contract that called the receiver hook.
    error NotLotToken(address caller);

    /// @notice Thrown when zero units are sent to the vault.
    /// @param lotId The lot.
    error NothingToRedeem(uint256 lotId);

    /// @notice Thrown when a holder claims while nothing is owed to it.
    /// @param lotId The lot.
    /// @param holder The holder.
    error NothingToClaim(uint256 lotId, address holder);

    /// @notice Thrown when dust is swept before the final payment, while every base unit may still be owed.
    /// @param lotId The lot.
    error FinalPaymentPending(uint256 lotId);

    /// @notice Thrown when there is no dust to sweep.
    /// @param lotId The lot.
    error NothingToSweep(uint256 lotId);

    /// @notice Thrown when dust would be swept to the zero address.
    error InvalidSweepReceiver();

    /// @notice Deposits sale proceeds of a settling lot. TREASURY role. The first deposit fixes the payment token and,
    /// unless a redemption did already, the entitled supply; nothing may be deposited after the final payment.
    /// @param lotId The lot.
    /// @param paymentToken The stablecoin (must equal the lot's earlier deposits').
    /// @param amount The amount, in the token's base units; pulled with `transferFrom` (approve first).
    /// @param isFinal Whether this is the final payment (after umpire assay).
    function deposit(uint256 lotId, IERC20 paymentToken, uint256 amount, bool isFinal) external;

    /// @notice `deposit` with an EIP-2612 permit for `amount`, in the same transaction. TREASURY role.
    /// @param lotId The lot.
    /// @param paymentToken The stablecoin.
    /// @param amount The amount, in the token's base units.
    /// @param isFinal Whether this is the final payment.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function depositWithPermit(
        uint256 lotId,
        IERC20 paymentToken,
        uint256 amount,
        bool isFinal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays the caller what its redeemed units earned and it was not yet paid (pull).
    /// @param lotId The lot.
    /// @return amount The amount paid.
    function claim(uint256 lotId) external returns (uint256 amount);

    /// @notice Sends a lot's rounding dust (`sweepable`) to `to`. TREASURY role; only after the final payment.
    /// @param lotId The lot.
    /// @param to The receiver (the treasury).
    /// @return amount The amount swept.
    function sweepDust(uint256 lotId, address to) external returns (uint256 amount);

    /// @notice What `holder` would be paid if it redeemed every unit in its wallet now and claimed.
    /// @param lotId The lot.
    /// @param holder The holder.
    function claimableOf(uint256 lotId, address holder) external view returns (uint256);

    /// @notice Whether the registry may retire a settling lot that has `outstanding` units: with none, unless a
    /// distribution has started without its final payment; with some, once the final payment is made and the notice
    /// period has passed.
    /// @param lotId The lot.
    /// @param outstanding Its units not yet burned.
    function isRetirable(uint256 lotId, uint256 outstanding) external view returns (bool);
}
