// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvestorClass, InvestorRecord} from "../compliance/ComplianceTypes.sol";
import {ILotCompliance} from "./ILotCompliance.sol";

/// @title IInvestorRegistrar
/// @notice Administration of the investor registry, apart from the token: registration, updates, linked wallets,
/// removal, account freezes and EIP-712 eligibility statements. Every record it decides is written into the token
/// (`ILotCompliance.writeInvestor`), which keeps one slot per wallet for the transfer rules to read.
interface IInvestorRegistrar {
    /// @notice An eligibility statement a compliance officer signs off chain (EIP-712) and the investor submits.
    /// @param wallet The wallet being made eligible.
    /// @param investorId Zero to register a new investor; otherwise the investor the wallet is (or becomes) linked to.
    /// @param country ISO 3166-1 numeric country of the investor.
    /// @param investorClass The investor's class (1 retail, 2 accredited, 3 institutional).
    /// @param kycExpiry The first second at which the investor's KYC is no longer valid.
    /// @param issuedAt When the officer issued it: the timestamp of the newest block the officer had seen. It is
    /// refused once the registry decided anything about the wallet or its investor in a later block (a removal, an
    /// update, a link, an unlink, a freeze, or a newer statement).
    /// @param sequence The statement's place in the order of decisions about its wallet and investor: it must exceed
    /// the sequence of every decision already taken about them (`nextSequence` gives the next one), so of two
    /// statements, even issued in the same second, only the later-numbered one can take effect after the other, and a
    /// direct decision supersedes every statement numbered before it.
    /// @param deadline The last second at which the statement may be submitted.
    struct Eligibility {
        address wallet;
        uint64 investorId;
        uint16 country;
        InvestorClass investorClass;
        uint40 kycExpiry;
        uint40 issuedAt;
        uint64 sequence;
        uint256 deadline;
    }

    /// @notice Emitted when a wallet is registered as (or linked to) an investor, or its investor's data changes.
    event InvestorSet(address indexed wallet, uint64 indexed investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry);

    /// @notice Emitted when a wallet is removed from the registry: it can no longer send or receive.
    event InvestorRemoved(address indexed wallet, uint64 indexed investorId);

    /// @notice Emitted when a wallet is frozen or unfrozen as a whole.
    event AccountFrozen(address indexed account, bool frozen);

    /// @notice Emitted when a wallet is unlinked from its investor, freeing its slot of the investor's wallet limit.
    /// @param wallet The wallet unlinked; it is now unregistered.
    /// @param investorId The investor it belonged to.
    event WalletUnlinked(address indexed wallet, uint64 indexed investorId);

    /// @notice Emitted when a compliance officer cancels an eligibility statement before it was used.
    /// @param wallet The wallet the statement was for.
    /// @param digest The statement's EIP-712 digest, which is refused from now on.
    event EligibilityCancelled(address indexed wallet, bytes32 indexed digest);

    /// @notice Emitted when the registry's default admin marks an account as a platform account, or unmarks it.
    /// @param account The account (an offering escrow, a proceeds vault, a delivery or trade escrow).
    /// @param platform Whether it is a platform account now.
    event PlatformAccountSet(address indexed account, bool platform);

    /// @notice Thrown when a registered wallet would be marked as a platform account.
    /// @param account The wallet.
    /// @param investorId The investor it belongs to.
    error AccountIsInvestor(address account, uint64 investorId);

    /// @notice Thrown when a platform account would be registered or linked as an investor's wallet.
    /// @param account The platform account.
    error PlatformAccountNotInvestor(address account);

    /// @notice Thrown when an investor field is malformed; `field` names it.
    error InvalidComplianceField(string field, uint256 value);

    /// @notice Thrown when a wallet to register or link is already registered.
    error WalletAlreadyRegistered(address wallet, uint64 investorId);

    /// @notice Thrown when a wallet that is not registered is updated, removed or linked to.
    error WalletNotRegistered(address wallet);

    /// @notice Thrown when an investor id does not exist.
    error UnknownInvestor(uint64 investorId);

    /// @notice Thrown when an investor would have more linked wallets than allowed.
    error TooManyWallets(uint64 investorId, uint256 max);

    /// @notice Thrown when an eligibility statement is submitted after its deadline.
    error EligibilityExpired(uint256 deadline);

    /// @notice Thrown when an eligibility statement was not signed by a holder of COMPLIANCE_ROLE.
    error InvalidEligibilitySigner(address signer);

    /// @notice Thrown when an eligibility statement was issued before the registry's last decision about its wallet
    /// or investor (a removal, update, link, unlink, freeze or newer statement), which it must not undo.
    /// @param wallet The statement's wallet.
    /// @param investorId The investor the decision was about (0 when it was about the unregistered wallet).
    /// @param issuedAt When the statement was issued.
    /// @param decidedAt When the decision that supersedes it was issued.
    error EligibilitySuperseded(address wallet, uint64 investorId, uint40 issuedAt, uint40 decidedAt);

    /// @notice Thrown when an eligibility statement's sequence does not follow every decision already taken about its
    /// wallet and investor: a later-numbered statement or a direct decision supersedes it.
    /// @param wallet The statement's wallet.
    /// @param investorId The investor the statement is about (0 for a new investor).
    /// @param sequence The statement's sequence.
    /// @param latest The sequence of the latest decision about the wallet or the investor.
    error EligibilityOutOfOrder(address wallet, uint64 investorId, uint64 sequence, uint64 latest);

    /// @notice Thrown when an eligibility statement claims to be issued after the current block.
    /// @param issuedAt When the statement claims to be issued.
    /// @param timestamp The current block's timestamp.
    error EligibilityNotYetIssued(uint40 issuedAt, uint256 timestamp);

    /// @notice Thrown when an eligibility statement that was already used, or that an officer cancelled, is submitted.
    /// @param digest The statement's EIP-712 digest.
    error EligibilitySpent(bytes32 digest);

    /// @notice Thrown when a wallet that still holds units is unlinked; recover them by forced transfer first.
    /// @param wallet The wallet.
    /// @param lotsHeld In how many lots it holds units.
    error WalletHoldsUnits(address wallet, uint32 lotsHeld);

    /// @notice The token whose investor records this registrar writes.
    function token() external view returns (ILotCompliance);


    /// @notice Registers a wallet as a new investor. Returns the new investor id.
    function registerInvestor(address wallet, uint16 country, InvestorClass investorClass, uint40 kycExpiry)
        external
        returns (uint64 investorId);

    /// @notice Updates an investor's country, class and KYC expiry, for all of its linked wallets.
    function updateInvestor(uint64 investorId, uint16 country, InvestorClass investorClass, uint40 kycExpiry) external;

    /// @notice Links another wallet to an existing investor, so limits count the investor, not the wallet.
    function linkWallet(uint64 investorId, address wallet) external;

    /// @notice Removes a wallet: it can no longer send or receive (its units can still be recovered by forced transfer).
    /// It stays linked to its investor and keeps its slot, so holder counts that include its units stay exact.
    function removeInvestor(address wallet) external;

    /// @notice Unlinks a wallet that holds no units from its investor: it becomes unregistered and frees its slot of
    /// the investor's wallet limit (a lost wallet is replaced this way). Its account freeze and frozen units stay.
    /// Refused while it holds units of any lot (recover them by forced transfer first).
    /// @param wallet The linked wallet to unlink.
    function unlinkWallet(address wallet) external;

    /// @notice Registers, links or updates a wallet with an eligibility statement signed by a compliance officer.
    /// A wallet linked by statement to an investor with a frozen wallet is frozen too; a statement never unfreezes.
    /// @param eligibility The statement.
    /// @param signature The officer's EIP-712 signature of it.
    function submitEligibility(Eligibility calldata eligibility, bytes calldata signature) external returns (uint64 investorId);

    /// @notice The sequence the next statement about `wallet` must carry at least: one more than that of the latest
    /// decision about the wallet or the investor the statement is about. Statements signed one after the other take
    /// increasing numbers.
    /// @param wallet The wallet.
    /// @param investorId The investor the statement links the wallet to, or 0 for the wallet's own (or a new) investor.
    /// @return The next sequence number.
    function nextSequence(address wallet, uint64 investorId) external view returns (uint64);

    /// @notice The sequence of the latest decision about a wallet and about an investor (0: none).
    /// @param wallet The wallet.
    /// @param investorId The investor.
    /// @return walletSequence The wallet's.
    /// @return investorSequence The investor's.
    function sequences(address wallet, uint64 investorId)
        external
        view
        returns (uint64 walletSequence, uint64 investorSequence);

    /// @notice Cancels an eligibility statement that was not used, so it can never be. COMPLIANCE_ROLE.
    /// @param eligibility The statement to cancel.
    function cancelEligibility(Eligibility calldata eligibility) external;

    /// @notice What the transfer rules read for a wallet: the token's record (this registrar's fields and the token's
    /// counters `frozenLots` and `lotsHeld`), read from the token.
    /// @param wallet The wallet.
    function getInvestor(address wallet) external view returns (InvestorRecord memory);

    /// @notice The wallets linked to an investor (the token reads it when an investor with several wallets starts or
    /// stops holding a lot).
    /// @param investorId The investor.
    function walletsOf(uint64 investorId) external view returns (address[] memory);

    /// @notice The number of investors registered so far; ids run from 1 to this number.
    function investorCount() external view returns (uint64);

    /// @notice Freezes or unfreezes a whole account: it can neither send nor receive. COMPLIANCE_ROLE.
    /// @param account The account.
    /// @param frozen Whether it is frozen.
    function setAccountFrozen(address account, bool frozen) external;

    /// @notice Marks an account as a platform account (it may hold units without being an investor, never counts as a
    /// holder, and the final receiver's rules apply when units leave it), or unmarks it. The registry's DEFAULT_ADMIN_ROLE.
    /// Refused for a registered wallet, and unmarking is refused while the account holds units.
    /// @param account The account, a contract of the platform (offering escrow, proceeds vault, delivery or trade escrow).
    /// @param platform Whether it is a platform account.
    function setPlatformAccount(address account, bool platform) external;

    /// @notice The EIP-712 domain separator eligibility statements are signed under.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
