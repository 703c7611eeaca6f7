// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {ILotCompliance} from "../interfaces/ILotCompliance.sol";
import {LotState, DocType, Lot, LotRegistration, LotDocument} from "./LotTypes.sol";
import {LotMathLib} from "./LotMathLib.sol";
import {Roles} from "../access/Roles.sol";
import {IProceedsVault} from "../interfaces/IProceedsVault.sol";

/// @title LotRegistry
/// @notice The register of physical mineral lots and their enforced lifecycle. It is also the single place where
/// roles are granted: the units token asks it who may mint. The default admin sits behind a transfer delay.
contract LotRegistry is ILotRegistry, AccessControlDefaultAdminRules {
    /// @inheritdoc ILotRegistry
    bytes32 public constant ISSUER_ROLE = Roles.ISSUER;
    /// @inheritdoc ILotRegistry
    bytes32 public constant ASSAYER_ROLE = Roles.ASSAYER;
    /// @inheritdoc ILotRegistry
    bytes32 public constant CUSTODIAN_ROLE = Roles.CUSTODIAN;
    /// @inheritdoc ILotRegistry
    bytes32 public constant COMPLIANCE_ROLE = Roles.COMPLIANCE;
    /// @inheritdoc ILotRegistry
    bytes32 public constant TREASURY_ROLE = Roles.TREASURY;
    /// @inheritdoc ILotRegistry
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER;
    /// @inheritdoc ILotRegistry
    bytes32 public constant REFINER_ROLE = Roles.REFINER;

    /// @dev Longest document URI accepted, in bytes; a content hash, not the URI, is what proves the document.
    uint256 internal constant MAX_URI_LENGTH = 512;

    /// @inheritdoc ILotRegistry
    address public token;

    /// @inheritdoc ILotRegistry
    address public proceeds;

    /// @inheritdoc ILotRegistry
    address public offerings;

    /// @inheritdoc ILotRegistry
    address public delivery;

    /// @inheritdoc ILotRegistry
    address public processing;

    /// @inheritdoc ILotRegistry
    uint256 public lotCount;

    mapping(uint256 lotId => Lot) internal _lots;
    mapping(uint256 lotId => LotDocument[]) internal _documents;
    /// @dev Every custodian that has held a lot: its custodian at registration and each one that confirmed its arrival.
    mapping(uint256 lotId => mapping(address custodian => bool)) internal _heldBy;
    /// @dev Set when a lot is recalled from transit: it is back in the warehouse, but nothing may be minted until its
    /// custodian attests again what it holds after the aborted journey.
    mapping(uint256 lotId => bool) internal _awaitingAttestation;

    /// @inheritdoc ILotRegistry
    mapping(bytes32 externalRef => uint256 lotId) public lotIdByExternalRef;

    /// @param adminTransferDelay Seconds a new default admin must wait before accepting the role.
    /// @param admin The initial default admin.
    constructor(uint48 adminTransferDelay, address admin) AccessControlDefaultAdminRules(adminTransferDelay, admin) {}

    modifier onlyToken() {
        if (token == address(0)) revert TokenNotBound();
        if (msg.sender != token) revert CallerNotToken(msg.sender);
        _;
    }

    /// @dev Only `bound`, which must have been bound (a zero binding matches no caller).
    modifier onlyBound(address bound) {
        if (msg.sender != bound || bound == address(0)) revert CallerNotBound(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ lifecycle

    /// @inheritdoc ILotRegistry
    function registerLot(LotRegistration calldata r) external onlyRole(ISSUER_ROLE) returns (uint256 lotId) {
        _checkRegistration(r);
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(r.commodity, r.wetMassGrams, r.moistureBps, r.gradePpb, r.payableBps);
        if (payable_ == 0) revert InvalidLotField("payableQuantity", 0);
        lotId = _register(r, LotState.Registered, contained, payable_);
    }

    /// @inheritdoc ILotRegistry
    function registerProduct(LotRegistration calldata r, uint128 quantity)
        external
        onlyBound(processing)
        returns (uint256 lotId)
    {
        _checkRegistration(r);
        if (quantity == 0) revert InvalidLotField("quantity", 0);
        lotId = _register(r, LotState.Warehoused, quantity, quantity);
        _lots[lotId].attestedQuantity = quantity;
        emit ProductRegistered(lotId, quantity);
    }

    /// @inheritdoc ILotRegistry
    function recordAssay(uint256 lotId, uint16 moistureBps, uint32 gradePpb, uint16 payableBps)
        external
        onlyRole(ASSAYER_ROLE)
    {
        Lot storage lot = _lotIn(lotId, LotState.Registered);
        _checkAssayFigures(moistureBps, gradePpb, payableBps);
        (uint128 contained, uint128 payable_) =
            LotMathLib.deriveQuantitiesDown(lot.commodity, lot.wetMassGrams, moistureBps, gradePpb, payableBps);
        if (payable_ == 0) revert InvalidLotField("payableQuantity", 0);

        lot.moistureBps = moistureBps;
        lot.gradePpb = gradePpb;
        lot.payableBps = payableBps;
        lot.containedQuantity = contained;
        lot.payableQuantity = payable_;
        _transition(lotId, lot, LotState.Assayed);

        emit LotAssayed(lotId, msg.sender, moistureBps, gradePpb, payableBps, contained, payable_);
    }

    /// @inheritdoc ILotRegistry
    function attestCustody(uint256 lotId, uint128 attestedQuantity, bytes32 location) external {
        Lot storage lot = _lotOf(lotId);
        _checkCustodian(lotId, lot);
        LotState state = lot.state;
        if (state != LotState.Assayed && state != LotState.Warehoused) {
            revert InvalidLotState(lotId, state, LotState.Assayed);
        }
        if (location == bytes32(0)) revert InvalidLotField("location", 0);
        _checkAttestation(lotId, lot, attestedQuantity);

        lot.attestedQuantity = attestedQuantity;
        lot.location = location;
        delete _awaitingAttestation[lotId];
        if (state == LotState.Assayed) _transition(lotId, lot, LotState.Warehoused);
        else lot.updatedAt = uint40(block.timestamp);

        emit CustodyAttested(lotId, msg.sender, attestedQuantity, location);
    }

    /// @inheritdoc ILotRegistry
    function dispatchLot(uint256 lotId, address toCustodian, bytes32 destination) external {
        Lot storage lot = _lotIn(lotId, LotState.Warehoused);
        _checkCustodian(lotId, lot);
        if (!hasRole(CUSTODIAN_ROLE, toCustodian)) revert NotACustodian(toCustodian);
        if (destination == bytes32(0)) revert InvalidLotField("destination", 0);
        _checkNotOnOffer(lotId, lot);

        lot.pendingCustodian = toCustodian;
        _transition(lotId, lot, LotState.InTransit);

        emit LotDispatched(lotId, msg.sender, toCustodian, destination);
    }

    /// @inheritdoc ILotRegistry
    function confirmArrival(uint256 lotId, bytes32 location, uint128 attestedQuantity) external {
        Lot storage lot = _lotIn(lotId, LotState.InTransit);
        if (msg.sender != lot.pendingCustodian || !hasRole(CUSTODIAN_ROLE, msg.sender)) {
            revert NotPendingCustodian(lotId, msg.sender, lot.pendingCustodian);
        }
        if (location == bytes32(0)) revert InvalidLotField("location", 0);
        _checkAttestation(lotId, lot, attestedQuantity);

        // The receiving custodian's own count replaces whatever the custodian that let the lot go had attested.
        lot.custodian = msg.sender;
        lot.pendingCustodian = address(0);
        lot.location = location;
        lot.attestedQuantity = attestedQuantity;
        _heldBy[lotId][msg.sender] = true;
        delete _awaitingAttestation[lotId];
        _transition(lotId, lot, LotState.Warehoused);

        emit LotArrived(lotId, msg.sender, location);
        emit CustodyAttested(lotId, msg.sender, attestedQuantity, location);
    }

    /// @inheritdoc ILotRegistry
    function recallLot(uint256 lotId, bytes32 reason) external onlyRole(ISSUER_ROLE) {
        Lot storage lot = _lotIn(lotId, LotState.InTransit);
        if (reason == bytes32(0)) revert InvalidLotField("reason", 0);

        address pending = lot.pendingCustodian;
        lot.pendingCustodian = address(0);
        // The dispatching custodian never stopped being `lot.custodian`; what it held before the journey may not be
        // what comes back, so minting waits for its new attestation.
        _awaitingAttestation[lotId] = true;
        _transition(lotId, lot, LotState.Warehoused);

        emit LotRecalled(lotId, lot.custodian, pending, reason);
    }

    /// @inheritdoc ILotRegistry
    function redirectLot(uint256 lotId, address toCustodian, bytes32 destination, bytes32 reason)
        external
        onlyRole(ISSUER_ROLE)
    {
        Lot storage lot = _lotIn(lotId, LotState.InTransit);
        if (!hasRole(CUSTODIAN_ROLE, toCustodian)) revert NotACustodian(toCustodian);
        if (destination == bytes32(0)) revert InvalidLotField("destination", 0);
        if (reason == bytes32(0)) revert InvalidLotField("reason", 0);

        address previous = lot.pendingCustodian;
        lot.pendingCustodian = toCustodian;
        lot.updatedAt = uint40(block.timestamp);

        emit LotRedirected(lotId, previous, toCustodian, destination, reason);
    }

    /// @inheritdoc ILotRegistry
    /// @dev The vault checks the payment token and the treasury, and reads the lot's outstanding units once trading
    /// has stopped: the distribution's entitled supply.
    function startSettlement(uint256 lotId, bytes32 saleRef, address paymentToken, address treasury)
        external
        onlyRole(ISSUER_ROLE)
    {
        Lot storage lot = _lotIn(lotId, LotState.Warehoused);
        if (saleRef == bytes32(0)) revert InvalidLotField("saleRef", 0);
        _checkNotOnOffer(lotId, lot);
        _transition(lotId, lot, LotState.Settling);
        emit SettlementStarted(lotId, saleRef, paymentToken, treasury);
        _stopTrading(lotId);
        address vault = proceeds;
        if (vault != address(0)) IProceedsVault(vault).openSettlement(lotId, paymentToken, treasury);
    }

    /// @inheritdoc ILotRegistry
    function retireLot(uint256 lotId) external onlyRole(ISSUER_ROLE) {
        Lot storage lot = _lotIn(lotId, LotState.Settling);
        uint256 outstanding = lot.mintedQuantity - lot.burnedQuantity;
        address vault = proceeds;
        if (vault == address(0) ? outstanding != 0 : !IProceedsVault(vault).isRetirable(lotId, outstanding)) {
            if (outstanding != 0) revert UnitsOutstanding(lotId, outstanding);
            revert ProceedsPending(lotId);
        }
        _transition(lotId, lot, LotState.Retired);
        emit LotRetired(lotId);
        _stopTrading(lotId);
    }

    /// @inheritdoc ILotRegistry
    function withdrawLot(uint256 lotId, bytes32 reason) external onlyRole(ISSUER_ROLE) {
        Lot storage lot = _lotOf(lotId);
        LotState state = lot.state;
        if (state != LotState.Registered && state != LotState.Assayed && state != LotState.Warehoused) {
            revert LotNotWithdrawable(lotId, state);
        }
        if (reason == bytes32(0)) revert InvalidLotField("reason", 0);
        uint256 outstanding = lot.mintedQuantity - lot.burnedQuantity;
        if (outstanding != 0) revert UnitsOutstanding(lotId, outstanding);
        _checkNotOnOffer(lotId, lot);

        _transition(lotId, lot, LotState.Retired);
        emit LotWithdrawn(lotId, state, reason);
    }

    /// @inheritdoc ILotRegistry
    function addDocument(uint256 lotId, DocType docType, bytes32 sha256Hash, string calldata uri, uint64 issuedAt)
        external
        returns (uint256 index)
    {
        bool issuerOrAssayer = hasRole(ISSUER_ROLE, msg.sender) || hasRole(ASSAYER_ROLE, msg.sender);
        if (!issuerOrAssayer && !hasRole(CUSTODIAN_ROLE, msg.sender)) revert NotADocumentIssuer(msg.sender);
        Lot storage lot = _lotOf(lotId);
        if (lot.state == LotState.Retired) revert LotAlreadyRetired(lotId);
        // A custodian documents only what it holds, held, or is receiving (a bill of lading travels with the lot).
        if (!issuerOrAssayer && !_heldBy[lotId][msg.sender] && msg.sender != lot.pendingCustodian) {
            revert CustodianNeverHeldLot(lotId, msg.sender);
        }
        if (sha256Hash == bytes32(0)) revert InvalidLotField("sha256Hash", 0);
        if (bytes(uri).length > MAX_URI_LENGTH) revert InvalidLotField("uri", bytes(uri).length);
        if (issuedAt == 0 || issuedAt > block.timestamp) revert InvalidLotField("issuedAt", issuedAt);

        LotDocument[] storage docs = _documents[lotId];
        index = docs.length;
        docs.push(LotDocument({docType: docType, issuedAt: issuedAt, issuer: msg.sender, sha256Hash: sha256Hash, uri: uri}));

        emit DocumentAdded(lotId, index, docType, sha256Hash, uri, msg.sender);
    }

    // ------------------------------------------------------------------ token hooks

    /// @inheritdoc ILotRegistry
    function bindToken(address token_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token != address(0) || token_ == address(0)) revert TokenAlreadyBound(token);
        token = token_;
        emit TokenBound(token_);
    }

    /// @inheritdoc ILotRegistry
    function bindProceeds(address proceeds_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (proceeds != address(0) || proceeds_ == address(0)) revert ProceedsAlreadyBound(proceeds);
        proceeds = proceeds_;
        emit ProceedsBound(proceeds_);
    }

    /// @inheritdoc ILotRegistry
    function bindOfferings(address offerings_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (offerings != address(0) || offerings_ == address(0)) revert AlreadyBound(offerings);
        offerings = offerings_;
        emit OfferingsBound(offerings_);
    }

    /// @inheritdoc ILotRegistry
    function bindDelivery(address delivery_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (delivery != address(0) || delivery_ == address(0)) revert AlreadyBound(delivery);
        delivery = delivery_;
        emit DeliveryBound(delivery_);
    }

    /// @inheritdoc ILotRegistry
    function bindProcessing(address processing_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (processing != address(0) || processing_ == address(0)) revert AlreadyBound(processing);
        processing = processing_;
        emit ProcessingBound(processing_);
    }

    /// @inheritdoc ILotRegistry
    function consumeLot(uint256 lotId) external onlyBound(processing) returns (uint128 attested, uint128 outstanding) {
        Lot storage lot = _lotIn(lotId, LotState.Warehoused);
        if (_awaitingAttestation[lotId]) revert AttestationRequired(lotId, lot.custodian);
        _checkNotOnOffer(lotId, lot);
        attested = lot.attestedQuantity;
        // Burned units were minted first, so burned <= minted; both are uint128.
        outstanding = lot.mintedQuantity - lot.burnedQuantity;
        _transition(lotId, lot, LotState.Processed);
        emit LotConsumed(lotId, attested, outstanding);
        _stopTrading(lotId);
    }

    /// @inheritdoc ILotRegistry
    function reserveMint(uint256 lotId, uint256 amount) external onlyBound(offerings) {
        Lot storage lot = _lotOf(lotId);
        uint256 available = _mintable(lotId, lot);
        if (amount > available) revert ReservationExceedsMintable(lotId, amount, available);
        // amount <= available <= attested, a uint128, and reserved + available <= attested: no overflow.
        uint128 reserved = lot.reservedQuantity + uint128(amount);
        lot.reservedQuantity = reserved;
        emit MintReservationChanged(lotId, reserved);
    }

    /// @inheritdoc ILotRegistry
    function releaseMint(uint256 lotId, uint256 amount) external onlyBound(offerings) {
        Lot storage lot = _lotOf(lotId);
        uint128 reserved = lot.reservedQuantity;
        if (amount > reserved) revert ReservationUnderflow(lotId, amount, reserved);
        // amount <= reserved, a uint128.
        reserved -= uint128(amount);
        lot.reservedQuantity = reserved;
        emit MintReservationChanged(lotId, reserved);
    }

    /// @inheritdoc ILotRegistry
    function recordDelivery(uint256 lotId, uint256 amount) external onlyBound(delivery) {
        Lot storage lot = _lotIn(lotId, LotState.Warehoused);
        uint128 attested = lot.attestedQuantity;
        if (amount > attested) revert DeliveryExceedsAttested(lotId, amount, attested);
        // amount <= attested, a uint128; delivered + attested <= payable, a uint128.
        attested -= uint128(amount);
        uint128 delivered = lot.deliveredQuantity + uint128(amount);
        lot.attestedQuantity = attested;
        lot.deliveredQuantity = delivered;
        lot.updatedAt = uint40(block.timestamp);
        emit DeliveryRecorded(lotId, uint128(amount), delivered, attested);
    }

    /// @inheritdoc ILotRegistry
    function recordMint(uint256 lotId, uint256 amount) external onlyToken {
        Lot storage lot = _lotIn(lotId, LotState.Warehoused);
        if (_awaitingAttestation[lotId]) revert AttestationRequired(lotId, lot.custodian);
        uint256 available = _mintable(lotId, lot);
        if (amount > available) revert MintExceedsAttested(lotId, amount, available);
        // amount <= available <= attested, which is a uint128, so the sum stays within uint128.
        lot.mintedQuantity += uint128(amount);
        emit UnitsAccounted(lotId, lot.mintedQuantity, lot.burnedQuantity);
    }

    /// @inheritdoc ILotRegistry
    function recordBurn(uint256 lotId, uint256 amount) external onlyToken {
        Lot storage lot = _lotOf(lotId);
        // The token burned `amount` from balances that only minting filled, so burned + amount <= minted (uint128).
        lot.burnedQuantity += uint128(amount);
        emit UnitsAccounted(lotId, lot.mintedQuantity, lot.burnedQuantity);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILotRegistry
    function getLot(uint256 lotId) external view returns (Lot memory) {
        return _lotOf(lotId);
    }

    /// @inheritdoc ILotRegistry
    function lotState(uint256 lotId) external view returns (LotState) {
        return _lotOf(lotId).state;
    }

    /// @inheritdoc ILotRegistry
    function mintableQuantity(uint256 lotId) external view returns (uint256) {
        return _mintable(lotId, _lotOf(lotId));
    }

    /// @inheritdoc ILotRegistry
    function documentCount(uint256 lotId) external view returns (uint256) {
        _lotOf(lotId);
        return _documents[lotId].length;
    }

    /// @inheritdoc ILotRegistry
    function getDocument(uint256 lotId, uint256 index) external view returns (LotDocument memory) {
        _lotOf(lotId);
        LotDocument[] storage docs = _documents[lotId];
        if (index >= docs.length) revert UnknownDocument(lotId, index);
        return docs[index];
    }

    /// @inheritdoc ILotRegistry
    function getDocuments(uint256 lotId, uint256 offset, uint256 limit)
        external
        view
        returns (LotDocument[] memory page, uint256 total)
    {
        _lotOf(lotId);
        LotDocument[] storage docs = _documents[lotId];
        total = docs.length;
        uint256 count = offset < total ? total - offset : 0;
        if (limit < count) count = limit;
        page = new LotDocument[](count);
        for (uint256 i; i < count; ++i) {
            page[i] = docs[offset + i];
        }
    }

    /// @inheritdoc ILotRegistry
    function hasHeldLot(uint256 lotId, address account) external view returns (bool) {
        _lotOf(lotId);
        return _heldBy[lotId][account];
    }

    /// @inheritdoc ILotRegistry
    function awaitingAttestation(uint256 lotId) external view returns (bool) {
        _lotOf(lotId);
        return _awaitingAttestation[lotId];
    }

    // ------------------------------------------------------------------ internals

    /// @dev Every check of a registration but its quantities: material, origin, references, mass, assay figures and
    /// custodian.
    function _checkRegistration(LotRegistration calldata r) internal view {
        if (!LotMathLib.formAllowed(r.commodity, r.form)) revert FormNotAllowed(r.commodity, r.form);
        if (r.basis != LotMathLib.basisOf(r.commodity)) revert BasisNotAllowed(r.commodity, r.basis);
        if (r.countryCode == 0 || r.countryCode > 999) revert InvalidLotField("countryCode", r.countryCode);
        if (r.originId == bytes32(0)) revert InvalidLotField("originId", 0);
        if (r.externalRef == bytes32(0)) revert InvalidLotField("externalRef", 0);
        if (r.location == bytes32(0)) revert InvalidLotField("location", 0);
        if (r.wetMassGrams == 0 || r.wetMassGrams > LotMathLib.MAX_WET_MASS_GRAMS) {
            revert InvalidLotField("wetMassGrams", r.wetMassGrams);
        }
        _checkAssayFigures(r.moistureBps, r.gradePpb, r.payableBps);
        if (!hasRole(CUSTODIAN_ROLE, r.custodian)) revert NotACustodian(r.custodian);
        uint256 existing = lotIdByExternalRef[r.externalRef];
        if (existing != 0) revert DuplicateExternalRef(r.externalRef, existing);
    }

    /// @dev Writes a new lot in `state` with its quantities and emits its registration.
    function _register(LotRegistration calldata r, LotState state, uint128 contained, uint128 payable_)
        internal
        returns (uint256 lotId)
    {
        lotId = ++lotCount;
        Lot storage lot = _lots[lotId];
        lot.commodity = r.commodity;
        lot.form = r.form;
        lot.basis = r.basis;
        lot.state = state;
        lot.countryCode = r.countryCode;
        lot.moistureBps = r.moistureBps;
        lot.payableBps = r.payableBps;
        lot.gradePpb = r.gradePpb;
        lot.registeredAt = uint40(block.timestamp);
        lot.updatedAt = uint40(block.timestamp);
        lot.custodian = r.custodian;
        lot.originId = r.originId;
        lot.externalRef = r.externalRef;
        lot.location = r.location;
        lot.wetMassGrams = r.wetMassGrams;
        lot.containedQuantity = contained;
        lot.payableQuantity = payable_;
        lotIdByExternalRef[r.externalRef] = lotId;
        _heldBy[lotId][r.custodian] = true;

        emit LotRegistered(lotId, r.commodity, r.form, r.externalRef, r.originId, r.countryCode, r.custodian);
        emit LotStateChanged(lotId, LotState.None, state);
    }

    /// @dev Tells the token that the lot no longer trades (after the state and events: the one external call).
    function _stopTrading(uint256 lotId) internal {
        if (token != address(0)) ILotCompliance(token).stopTrading(lotId);
    }

    /// @dev attested + delivered - minted - reserved while warehoused and attested, otherwise zero. Attestations and
    /// reservations keep attested >= minted - delivered + reserved, so it never underflows.
    function _mintable(uint256 lotId, Lot storage lot) internal view returns (uint256) {
        if (lot.state != LotState.Warehoused || _awaitingAttestation[lotId]) return 0;
        return uint256(lot.attestedQuantity) + lot.deliveredQuantity - lot.mintedQuantity - lot.reservedQuantity;
    }

    /// @dev Reverts with `LotOnOffer` while an open offering holds mint capacity of the lot.
    function _checkNotOnOffer(uint256 lotId, Lot storage lot) internal view {
        uint256 reserved = lot.reservedQuantity;
        if (reserved != 0) revert LotOnOffer(lotId, reserved);
    }

    function _lotOf(uint256 lotId) internal view returns (Lot storage lot) {
        lot = _lots[lotId];
        if (lot.state == LotState.None) revert UnknownLot(lotId);
    }

    function _lotIn(uint256 lotId, LotState required) internal view returns (Lot storage lot) {
        lot = _lotOf(lotId);
        if (lot.state != required) revert InvalidLotState(lotId, lot.state, required);
    }

    function _checkCustodian(uint256 lotId, Lot storage lot) internal view {
        if (msg.sender != lot.custodian || !hasRole(CUSTODIAN_ROLE, msg.sender)) {
            revert NotLotCustodian(lotId, msg.sender, lot.custodian);
        }
    }

    /// @dev An attestation is what the custodian holds now: a positive quantity within the assayed payable quantity less
    /// what left by delivery, and never below the units minted and not delivered plus what open offerings reserved
    /// (burned units gave up their claim, but the metal behind them has not left the warehouse).
    function _checkAttestation(uint256 lotId, Lot storage lot, uint128 attestedQuantity) internal view {
        if (attestedQuantity == 0) revert InvalidLotField("attestedQuantity", 0);
        uint256 ceiling = lot.payableQuantity - lot.deliveredQuantity;
        if (attestedQuantity > ceiling) revert AttestationExceedsPayable(lotId, attestedQuantity, ceiling);
        uint256 floor = uint256(lot.mintedQuantity) - lot.deliveredQuantity + lot.reservedQuantity;
        if (attestedQuantity < floor) revert AttestationBelowMinted(lotId, attestedQuantity, floor);
    }

    function _checkAssayFigures(uint16 moistureBps, uint32 gradePpb, uint16 payableBps) internal pure {
        if (moistureBps >= LotMathLib.BPS) revert InvalidLotField("moistureBps", moistureBps);
        if (gradePpb == 0 || gradePpb > LotMathLib.PPB) revert InvalidLotField("gradePpb", gradePpb);
        if (payableBps == 0 || payableBps > LotMathLib.BPS) revert InvalidLotField("payableBps", payableBps);
    }

    function _transition(uint256 lotId, Lot storage lot, LotState to) internal {
        LotState from = lot.state;
        lot.state = to;
        lot.updatedAt = uint40(block.timestamp);
        emit LotStateChanged(lotId, from, to);
    }
}
