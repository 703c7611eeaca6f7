// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Commodity, Form, Basis, LotState, DocType, Lot, LotRegistration, LotDocument} from "../lots/LotTypes.sol";

/// @title ILotRegistry
/// @notice The register of physical mineral lots: their facts, their lifecycle, their documents and how much of
/// each may be tokenized. Roles live here; the units token asks this registry who may do what.
interface ILotRegistry is IAccessControl {
    // ------------------------------------------------------------------ events

    /// @notice Emitted when the issuer registers a lot.
    event LotRegistered(
        uint256 indexed lotId,
        Commodity indexed commodity,
        Form form,
        bytes32 indexed externalRef,
        bytes32 originId,
        uint16 countryCode,
        address custodian
    );

    /// @notice Emitted on every lifecycle transition, beside the event of the step that caused it.
    event LotStateChanged(uint256 indexed lotId, LotState from, LotState to);

    /// @notice Emitted when an assayer records the assay of a lot and the derived quantities are recomputed.
    event LotAssayed(
        uint256 indexed lotId,
        address indexed assayer,
        uint16 moistureBps,
        uint32 gradePpb,
        uint16 payableBps,
        uint128 containedQuantity,
        uint128 payableQuantity
    );

    /// @notice Emitted when the lot's custodian attests the payable quantity it holds, which caps minting.
    event CustodyAttested(uint256 indexed lotId, address indexed custodian, uint128 attestedQuantity, bytes32 location);

    /// @notice Emitted when the custodian releases a lot into transit towards another custodian.
    event LotDispatched(uint256 indexed lotId, address indexed fromCustodian, address indexed toCustodian, bytes32 destination);

    /// @notice Emitted when the receiving custodian confirms a lot has arrived.
    event LotArrived(uint256 indexed lotId, address indexed custodian, bytes32 location);

    /// @notice Emitted when the issuer recalls a lot in transit: it is warehoused again with the custodian that
    /// dispatched it, and waits for that custodian's new attestation before more units may be minted.
    /// @param lotId The lot.
    /// @param custodian The custodian that dispatched the lot and holds it again.
    /// @param pendingCustodian The custodian the lot had been dispatched to, which never confirmed its arrival.
    /// @param reason Why the lot was recalled, as a short string.
    event LotRecalled(uint256 indexed lotId, address indexed custodian, address indexed pendingCustodian, bytes32 reason);

    /// @notice Emitted when the issuer sends a lot in transit to another receiving custodian; it stays in transit.
    /// @param lotId The lot.
    /// @param fromCustodian The custodian the lot had been dispatched to until now.
    /// @param toCustodian The custodian that must now confirm its arrival.
    /// @param destination Where the lot is now going, as a short string.
    /// @param reason Why the lot was redirected, as a short string.
    event LotRedirected(
        uint256 indexed lotId,
        address indexed fromCustodian,
        address indexed toCustodian,
        bytes32 destination,
        bytes32 reason
    );

    /// @notice Emitted when the issuer withdraws a lot with no units outstanding straight to RETIRED.
    /// @param lotId The lot.
    /// @param from The state the lot was withdrawn from: Registered, Assayed or Warehoused.
    /// @param reason Why the lot was withdrawn, as a short string.
    event LotWithdrawn(uint256 indexed lotId, LotState from, bytes32 reason);

    /// @notice Emitted when the issuer records the sale of a lot and opens its settlement.
    /// @param lotId The lot.
    /// @param saleRef The sale's reference (contract or invoice number), as a short string.
    /// @param paymentToken The stablecoin the sale proceeds are paid in, fixed for the lot.
    /// @param treasury The one treasury account that may deposit and sweep the lot's proceeds.
    event SettlementStarted(uint256 indexed lotId, bytes32 saleRef, address paymentToken, address treasury);

    /// @notice Emitted when a settled lot whose units are all burned is retired.
    event LotRetired(uint256 indexed lotId);

    /// @notice Emitted when a document is recorded against a lot.
    event DocumentAdded(
        uint256 indexed lotId, uint256 indexed index, DocType docType, bytes32 sha256Hash, string uri, address issuer
    );

    /// @notice Emitted once, when the units token is bound to this registry.
    event TokenBound(address token);

    /// @notice Emitted when the proceeds vault is bound, once.
    /// @param proceeds The proceeds vault.
    event ProceedsBound(address proceeds);

    /// @notice Emitted when units of a lot are minted or burned, with the lot's running totals.
    event UnitsAccounted(uint256 indexed lotId, uint128 mintedQuantity, uint128 burnedQuantity);

    /// @notice Emitted once, when the offerings contract is bound: the one account that may reserve mint capacity.
    /// @param offerings The offerings contract.
    event OfferingsBound(address offerings);

    /// @notice Emitted once, when the delivery escrow is bound: the one account that may record physical deliveries.
    /// @param delivery The delivery escrow.
    event DeliveryBound(address delivery);

    /// @notice Emitted when an offering reserves mint capacity of a lot, or gives it back.
    /// @param lotId The lot.
    /// @param reservedQuantity The capacity reserved by open offerings after the change.
    event MintReservationChanged(uint256 indexed lotId, uint128 reservedQuantity);

    /// @notice Emitted when a physical delivery out of a lot's warehouse is confirmed: the metal left, the custodian's
    /// attestation falls by as much, and mint capacity stays where it was.
    /// @param lotId The lot.
    /// @param amount The payable quantity delivered (the units the delivery burned).
    /// @param deliveredQuantity Everything delivered out of the lot so far.
    /// @param attestedQuantity The custodian's attestation after the delivery.
    event DeliveryRecorded(uint256 indexed lotId, uint128 amount, uint128 deliveredQuantity, uint128 attestedQuantity);

    /// @notice Emitted once, when the processing contract is bound: the one account that consumes lots and registers
    /// their products.
    /// @param processing The processing contract.
    event ProcessingBound(address processing);

    /// @notice Emitted when a processing step consumes a lot whole: it becomes PROCESSED and stops trading; its
    /// outstanding units convert into the step's outputs (`ILotProcessing`).
    /// @param lotId The lot.
    /// @param attestedQuantity The metal it held, all consumed.
    /// @param outstanding The units then held by investors.
    event LotConsumed(uint256 indexed lotId, uint128 attestedQuantity, uint128 outstanding);

    /// @notice Emitted when a processing step registers a product lot: warehoused at once, holding what the step
    /// attests.
    /// @param lotId The product lot.
    /// @param quantity Its contained, payable and attested quantity.
    event ProductRegistered(uint256 indexed lotId, uint128 quantity);

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when `lotId` does not name a registered lot.
    error UnknownLot(uint256 lotId);

    /// @notice Thrown when a lot on offer would leave its warehouse, settle or be withdrawn while an offering still
    /// holds mint capacity of it: close or cancel the offering first.
    /// @param lotId The lot.
    /// @param reservedQuantity The capacity open offerings hold.
    error LotOnOffer(uint256 lotId, uint256 reservedQuantity);

    /// @notice Thrown when an offering asks to reserve more than the lot may still mint.
    /// @param lotId The lot.
    /// @param requested The capacity asked for.
    /// @param available What the lot may still mint (zero unless warehoused and attested).
    error ReservationExceedsMintable(uint256 lotId, uint256 requested, uint256 available);

    /// @notice Thrown when an offering gives back more capacity than open offerings hold.
    /// @param lotId The lot.
    /// @param released The capacity given back.
    /// @param reserved The capacity held.
    error ReservationUnderflow(uint256 lotId, uint256 released, uint256 reserved);

    /// @notice Thrown when a delivery is recorded for more than the custodian attests it holds.
    /// @param lotId The lot.
    /// @param amount The quantity delivered.
    /// @param attested The custodian's attestation.
    error DeliveryExceedsAttested(uint256 lotId, uint256 amount, uint256 attested);

    /// @notice Thrown when anyone but the bound offerings contract reserves capacity, or anyone but the bound delivery
    /// escrow records a delivery.
    /// @param caller The caller.
    error CallerNotBound(address caller);

    /// @notice Thrown when the offerings contract or the delivery escrow is bound a second time, or to zero.
    /// @param current The account already bound (zero if none).
    error AlreadyBound(address current);

    /// @notice Thrown when a step is attempted in a state it is not allowed from.
    error InvalidLotState(uint256 lotId, LotState current, LotState required);

    /// @notice Thrown when a registration or an assay carries a malformed figure; `field` names it.
    error InvalidLotField(string field, uint256 value);

    /// @notice Thrown when the form is not one the commodity is traded in.
    error FormNotAllowed(Commodity commodity, Form form);

    /// @notice Thrown when the basis does not match the commodity's base unit.
    error BasisNotAllowed(Commodity commodity, Basis basis);

    /// @notice Thrown when another lot was already registered under the same external reference.
    error DuplicateExternalRef(bytes32 externalRef, uint256 existingLotId);

    /// @notice Thrown when an account named as custodian does not hold CUSTODIAN_ROLE.
    error NotACustodian(address account);

    /// @notice Thrown when a custodian acts on a lot that another custodian holds.
    error NotLotCustodian(uint256 lotId, address caller, address custodian);

    /// @notice Thrown when anyone but the custodian a lot was dispatched to confirms its arrival.
    error NotPendingCustodian(uint256 lotId, address caller, address pendingCustodian);

    /// @notice Thrown when the attested quantity exceeds the lot's assayed payable quantity less what left by delivery.
    /// @param lotId The lot.
    /// @param attested The quantity attested.
    /// @param payableQuantity The most it may attest: the payable quantity less the quantity delivered.
    error AttestationExceedsPayable(uint256 lotId, uint256 attested, uint256 payableQuantity);

    /// @notice Thrown when a new attestation would fall below the units minted and not delivered, plus the capacity
    /// open offerings reserved.
    /// @param lotId The lot.
    /// @param attested The quantity attested.
    /// @param minted The least it may attest: units minted and not delivered, plus reserved capacity.
    error AttestationBelowMinted(uint256 lotId, uint256 attested, uint256 minted);

    /// @notice Thrown when a mint would take the lot beyond its attested quantity.
    error MintExceedsAttested(uint256 lotId, uint256 requested, uint256 available);

    /// @notice Thrown when a lot is retired while units of it are still outstanding.
    error UnitsOutstanding(uint256 lotId, uint256 outstanding);

    /// @notice Thrown when anyone but the bound units token reports a mint or burn.
    error CallerNotToken(address caller);

    /// @notice Thrown when the units token is bound a second time, or bound to the zero address.
    error TokenAlreadyBound(address token);

    /// @notice Thrown when minting or burning is attempted before a token is bound.
    error TokenNotBound();

    /// @notice Thrown when the proceeds vault is bound a second time, or to the zero address.
    /// @param proceeds The vault already bound (zero if none).
    error ProceedsAlreadyBound(address proceeds);

    /// @notice Thrown when a lot with no units outstanding is retired while its sale proceeds are still being paid:
    /// the final payment must be deposited first, which needs the lot settling.
    /// @param lotId The lot.
    error ProceedsPending(uint256 lotId);

    /// @notice Thrown when a document index is out of range.
    error UnknownDocument(uint256 lotId, uint256 index);

    /// @notice Thrown when a caller holds none of the roles that may record documents.
    error NotADocumentIssuer(address caller);

    /// @notice Thrown when a custodian documents a lot it neither holds, held, nor is receiving.
    /// @param lotId The lot.
    /// @param custodian The custodian that tried to record the document.
    error CustodianNeverHeldLot(uint256 lotId, address custodian);

    /// @notice Thrown when a document is attached to a retired lot, whose record is closed.
    /// @param lotId The lot.
    error LotAlreadyRetired(uint256 lotId);

    /// @notice Thrown when a lot is withdrawn from a state other than Registered, Assayed or Warehoused (a lot in
    /// transit is recalled first; a settling lot is retired with `retireLot`).
    /// @param lotId The lot.
    /// @param current The state it is in.
    error LotNotWithdrawable(uint256 lotId, LotState current);

    /// @notice Thrown when units are minted from a lot recalled from transit before its custodian attested again.
    /// @param lotId The lot.
    /// @param custodian The custodian whose attestation is awaited.
    error AttestationRequired(uint256 lotId, address custodian);

    // ------------------------------------------------------------------ roles

    /// @notice Registers lots, opens settlement, retires lots, mints units and sets metadata.
    function ISSUER_ROLE() external view returns (bytes32);
    /// @notice Records assays.
    function ASSAYER_ROLE() external view returns (bytes32);
    /// @notice Attests custody and moves lots.
    function CUSTODIAN_ROLE() external view returns (bytes32);
    /// @notice Manages the investor registry, freezes and forced transfers (used by the compliance layer).
    function COMPLIANCE_ROLE() external view returns (bytes32);
    /// @notice Deposits sale proceeds (used by distributions).
    function TREASURY_ROLE() external view returns (bytes32);
    /// @notice Pauses and unpauses transfers (used by the compliance layer).
    function PAUSER_ROLE() external view returns (bytes32);
    /// @notice The role that refines lots into products.
    function REFINER_ROLE() external view returns (bytes32);

    // ------------------------------------------------------------------ lifecycle

    /// @notice Registers a lot. Only ISSUER_ROLE. Lot ids start at 1.
    /// @return lotId The id of the new lot, which is also its ERC-1155 token id.
    function registerLot(LotRegistration calldata registration) external returns (uint256 lotId);

    /// @notice Records the independent assay of a registered lot and recomputes its quantities. Only ASSAYER_ROLE.
    function recordAssay(uint256 lotId, uint16 moistureBps, uint32 gradePpb, uint16 payableBps) external;

    /// @notice The lot's custodian attests the payable quantity it holds: moves an assayed lot into the warehouse,
    /// or updates the attestation of a warehoused one. Only the lot's custodian, holding CUSTODIAN_ROLE.
    function attestCustody(uint256 lotId, uint128 attestedQuantity, bytes32 location) external;

    /// @notice The lot's custodian releases it into transit to another custodian.
    function dispatchLot(uint256 lotId, address toCustodian, bytes32 destination) external;

    /// @notice The custodian the lot was dispatched to confirms its arrival, becomes its custodian and, in the same
    /// call, attests the payable quantity it now holds. That attestation replaces the previous custodian's and caps
    /// minting from then on (a loss in transit shrinks what may still be minted).
    /// @param lotId The lot, which must be in transit to the caller.
    /// @param location The warehouse the lot arrived at, as a short string.
    /// @param attestedQuantity The payable quantity received, in base units: above zero, at most the payable quantity
    /// and at least the units minted so far.
    function confirmArrival(uint256 lotId, bytes32 location, uint128 attestedQuantity) external;

    /// @notice Recalls a lot in transit whose receiving custodian never confirmed it: the lot is warehoused again with
    /// the custodian that dispatched it, and no more units may be minted until that custodian attests again.
    /// Only ISSUER_ROLE.
    /// @param lotId The lot, which must be in transit.
    /// @param reason Why, as a short string (not empty).
    function recallLot(uint256 lotId, bytes32 reason) external;

    /// @notice Sends a lot in transit to another receiving custodian, which must hold CUSTODIAN_ROLE and will attest
    /// the lot on arrival. The lot stays in transit. Only ISSUER_ROLE.
    /// @param lotId The lot, which must be in transit.
    /// @param toCustodian The custodian that must now confirm the arrival.
    /// @param destination Where the lot is now going, as a short string (not empty).
    /// @param reason Why, as a short string (not empty).
    function redirectLot(uint256 lotId, address toCustodian, bytes32 destination, bytes32 reason) external;

    /// @notice Withdraws a registered, assayed or warehoused lot with no units outstanding (minted minus burned is
    /// zero) straight to RETIRED, e.g. a lot whose assayer or custodian is gone. Only ISSUER_ROLE.
    /// @param lotId The lot.
    /// @param reason Why, as a short string (not empty).
    function withdrawLot(uint256 lotId, bytes32 reason) external;

    /// @notice Records the sale of a warehoused lot: minting stops, trading stops and settlement begins. The issuer
    /// fixes, there and then, the stablecoin the sale proceeds are paid in and the one treasury account that may
    /// deposit and sweep them (the proceeds vault opens the lot's distribution). Refused while an offering holds mint
    /// capacity of the lot. Only ISSUER_ROLE.
    /// @param lotId The lot.
    /// @param saleRef The sale's reference, as a short string (not empty).
    /// @param paymentToken The stablecoin (a contract).
    /// @param treasury The treasury account (holds TREASURY_ROLE).
    function startSettlement(uint256 lotId, bytes32 saleRef, address paymentToken, address treasury) external;

    /// @notice Retires a settling lot once every unit of it has been burned or, with a proceeds vault bound, once the
    /// vault says so: the final payment deposited and its notice period passed (the units still outstanding can be
    /// redeemed and claimed afterwards). Only ISSUER_ROLE.
    /// @param lotId The lot.
    function retireLot(uint256 lotId) external;

    /// @notice Records a document by its SHA-256 hash. ISSUER_ROLE or ASSAYER_ROLE on any lot; CUSTODIAN_ROLE only
    /// on a lot it holds, held, or is receiving. Nothing can be attached to a retired lot.
    /// @param lotId The lot.
    /// @param docType The kind of document.
    /// @param sha256Hash The SHA-256 of the document's bytes (not zero).
    /// @param uri Where entitled parties can fetch it; may be empty; at most 512 bytes.
    /// @param issuedAt When the document was issued, in Unix seconds; not zero, not in the future.
    /// @return index The document's index within the lot.
    function addDocument(uint256 lotId, DocType docType, bytes32 sha256Hash, string calldata uri, uint64 issuedAt)
        external
        returns (uint256 index);

    // ------------------------------------------------------------------ token hooks

    /// @notice Binds the units token once. Only the default admin.
    function bindToken(address token) external;

    /// @notice Binds the proceeds vault once, which then decides when a settling lot with units outstanding may be
    /// retired. Only the default admin.
    /// @param proceeds The proceeds vault.
    function bindProceeds(address proceeds) external;

    /// @notice The bound proceeds vault, or zero before binding.
    function proceeds() external view returns (address);

    /// @notice Binds the offerings contract once: the one account that may reserve a lot's mint capacity for an
    /// offering. Only the default admin.
    /// @param offerings The offerings contract.
    function bindOfferings(address offerings) external;

    /// @notice Binds the delivery escrow once: the one account that may record a physical delivery. Only the default
    /// admin.
    /// @param delivery The delivery escrow.
    function bindDelivery(address delivery) external;

    /// @notice The bound offerings contract, or zero before binding.
    function offerings() external view returns (address);

    /// @notice Binds the processing contract (once): it alone consumes lots and registers their products.
    /// DEFAULT_ADMIN_ROLE.
    function bindProcessing(address processing) external;

    /// @notice The processing contract bound to the registry (zero before binding).
    function processing() external view returns (address);

    /// @notice Consumes a warehoused lot whole for a processing step: it becomes PROCESSED and stops trading. Refused
    /// while an offering holds its capacity or while it awaits a new attestation. Only the processing contract.
    /// @return attestedQuantity The metal the lot held (what the step consumes).
    /// @return outstanding The units then held by investors (what converts into the step's outputs).
    function consumeLot(uint256 lotId) external returns (uint128 attestedQuantity, uint128 outstanding);

    /// @notice Registers a lot a processing step produced: warehoused at once, its contained, payable and attested
    /// quantity all `quantity` (the step's mass balance checks it against what was consumed). Only the processing
    /// contract.
    function registerProduct(LotRegistration calldata registration, uint128 quantity) external returns (uint256 lotId);

    /// @notice The bound delivery escrow, or zero before binding.
    function delivery() external view returns (address);

    /// @notice Reserves `amount` of a warehoused lot's mint capacity for an offering, so that nothing else can mint it
    /// before the offering closes. Only the bound offerings contract.
    /// @param lotId The lot.
    /// @param amount The capacity (units).
    function reserveMint(uint256 lotId, uint256 amount) external;

    /// @notice Gives back capacity an offering reserved (at its close, before it mints its allocations, or when it is
    /// cancelled). Only the bound offerings contract.
    /// @param lotId The lot.
    /// @param amount The capacity (units).
    function releaseMint(uint256 lotId, uint256 amount) external;

    /// @notice Records that `amount` of a warehoused lot's payable metal left its warehouse by a confirmed physical
    /// delivery (whose units the escrow then burns): the custodian's attestation falls by `amount`. Only the bound
    /// delivery escrow.
    /// @param lotId The lot.
    /// @param amount The quantity delivered.
    function recordDelivery(uint256 lotId, uint256 amount) external;

    /// @notice Called by the units token before it mints: checks the lot is warehoused and the attestation covers it.
    function recordMint(uint256 lotId, uint256 amount) external;

    /// @notice Called by the units token after it burns.
    function recordBurn(uint256 lotId, uint256 amount) external;

    // ------------------------------------------------------------------ views

    /// @notice The bound units token, or zero before binding.
    function token() external view returns (address);

    /// @notice The number of lots registered so far; ids run from 1 to this number.
    function lotCount() external view returns (uint256);

    /// @notice Everything stored about a lot. Reverts with `UnknownLot` for an unknown id.
    function getLot(uint256 lotId) external view returns (Lot memory);

    /// @notice A lot's lifecycle state alone: one storage slot, for the contracts that only need to know it. Reverts
    /// with `UnknownLot` for an unknown id.
    /// @param lotId The lot.
    /// @return The lot's state.
    function lotState(uint256 lotId) external view returns (LotState);

    /// @notice The lot registered under an external reference, or zero.
    function lotIdByExternalRef(bytes32 externalRef) external view returns (uint256);

    /// @notice How many more units may be minted now, while warehoused and attested (otherwise zero): the attested
    /// quantity less the units minted and not delivered, less what open offerings reserved.
    function mintableQuantity(uint256 lotId) external view returns (uint256);

    /// @notice The number of documents recorded against a lot.
    function documentCount(uint256 lotId) external view returns (uint256);

    /// @notice One document of a lot.
    function getDocument(uint256 lotId, uint256 index) external view returns (LotDocument memory);

    /// @notice A page of a lot's documents, oldest first, and how many the lot has in all.
    /// @param lotId The lot.
    /// @param offset The index of the first document of the page; past the end gives an empty page.
    /// @param limit The most documents to return; zero gives an empty page.
    /// @return page The documents `offset` to `offset + limit - 1`, as far as they exist.
    /// @return total The number of documents recorded against the lot.
    function getDocuments(uint256 lotId, uint256 offset, uint256 limit)
        external
        view
        returns (LotDocument[] memory page, uint256 total);

    /// @notice Whether `account` holds or has held the lot as its custodian (at registration or by confirming its
    /// arrival).
    /// @param lotId The lot.
    /// @param account The account asked about.
    function hasHeldLot(uint256 lotId, address account) external view returns (bool);

    /// @notice Whether the lot was recalled from transit and its custodian has not attested it since; minting waits.
    /// @param lotId The lot.
    function awaitingAttestation(uint256 lotId) external view returns (bool);
}
