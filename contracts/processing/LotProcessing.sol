// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILotProcessing, StepKind, OutputLot, Step, Conversion} from "../interfaces/ILotProcessing.sol";
import {ILotRegistry} from "../interfaces/ILotRegistry.sol";
import {IProcessingToken} from "../interfaces/IProcessingToken.sol";
import {Commodity, Form, Lot, LotRegistration, LotState} from "../lots/LotTypes.sol";
import {LotMathLib} from "../lots/LotMathLib.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {Roles} from "../access/Roles.sol";

/// @title LotProcessing
/// @notice Splits, blends and refines lots, recording provenance and mass balance, and carries the inputs' holders
/// into the outputs (see `ILotProcessing`). A platform account: it receives the units holders convert and burns them,
/// and holds the outputs' units until their holders take them.
contract LotProcessing is ILotProcessing, ERC1155Holder, ReentrancyGuardTransient, PlatformAccess {
    /// @notice The most inputs or outputs one step may name, so that a conversion's gas stays bounded.
    uint256 public constant MAX_LOTS_PER_STEP = 8;

    /// @notice The units token.
    IProcessingToken public immutable token;

    /// @inheritdoc ILotProcessing
    uint256 public stepCount;

    mapping(uint256 stepId => Step) internal _steps;
    mapping(uint256 lotId => Conversion) internal _conversions;
    /// @inheritdoc ILotProcessing
    mapping(uint256 lotId => uint256 stepId) public producedBy;
    /// @inheritdoc ILotProcessing
    mapping(uint256 lotId => mapping(address holder => uint256)) public heldOf;

    struct ByProduct {
        Commodity commodity;
        uint32 gradePpb;
        uint128 contained;
    }

    mapping(uint256 lotId => ByProduct[]) internal _byProducts;

    /// @param registry_ The lot registry (roles, lots).
    /// @param token_ The units token.
    constructor(ILotRegistry registry_, IProcessingToken token_) PlatformAccess(registry_) {
        token = token_;
    }

    // ------------------------------------------------------------------ steps

    /// @inheritdoc ILotProcessing
    function split(uint256 lotId, OutputLot[] calldata outputs) external nonReentrant returns (uint256 stepId) {
        _checkRole(Roles.ISSUER);
        if (outputs.length < 2 || outputs.length > MAX_LOTS_PER_STEP) revert InvalidStepShape(1, outputs.length);
        uint256[] memory inputs = new uint256[](1);
        inputs[0] = lotId;
        Lot memory lot = registry.getLot(lotId);
        uint256 produced;
        for (uint256 j; j < outputs.length; ++j) {
            _checkSameMaterial(j, outputs[j], lot.commodity, lot.form);
            produced += outputs[j].quantity;
        }
        stepId = _begin(StepKind.Split, inputs);
        uint256 consumed = _consume(stepId, inputs);
        if (produced != consumed) revert MassNotBalanced(consumed, produced);
        _produce(stepId, inputs, outputs, 0);
    }

    /// @inheritdoc ILotProcessing
    function blend(uint256[] calldata lotIds, OutputLot calldata output) external nonReentrant returns (uint256 stepId) {
        _checkRole(Roles.ISSUER);
        if (lotIds.length < 2 || lotIds.length > MAX_LOTS_PER_STEP) revert InvalidStepShape(lotIds.length, 1);
        Lot memory first = registry.getLot(lotIds[0]);
        _checkSameMaterial(0, output, first.commodity, first.form);
        for (uint256 i = 1; i < lotIds.length; ++i) {
            Lot memory lot = registry.getLot(lotIds[i]);
            if (lot.commodity != first.commodity || lot.form != first.form) revert MixedInputs(lotIds[i]);
        }
        OutputLot[] memory outputs = new OutputLot[](1);
        outputs[0] = output;
        stepId = _begin(StepKind.Blend, lotIds);
        uint256 consumed = _consume(stepId, lotIds);
        if (output.quantity != consumed) revert MassNotBalanced(consumed, output.quantity);
        _produce(stepId, lotIds, outputs, 0);
    }

    /// @inheritdoc ILotProcessing
    function process(uint256[] calldata lotIds, OutputLot calldata product, OutputLot[] calldata byProducts)
        external
        nonReentrant
        returns (uint256 stepId)
    {
        _checkRole(Roles.REFINER);
        uint256 outputCount = byProducts.length + 1;
        if (lotIds.length == 0 || lotIds.length > MAX_LOTS_PER_STEP || outputCount > MAX_LOTS_PER_STEP) {
            revert InvalidStepShape(lotIds.length, outputCount);
        }
        Commodity commodity = registry.getLot(lotIds[0]).commodity;
        uint256 stage;
        for (uint256 i; i < lotIds.length; ++i) {
            Lot memory lot = registry.getLot(lotIds[i]);
            if (lot.commodity != commodity) revert MixedInputs(lotIds[i]);
            if (_stageOf(lot.form) > stage) stage = _stageOf(lot.form);
        }
        // The product is the inputs' metal in a later form: concentrate or dore into cathode, bars, APT, regulus,
        // trioxide or separated oxide.
        if (product.commodity != commodity || !LotMathLib.formAllowed(commodity, product.form) || _stageOf(product.form) <= stage)
        {
            revert OutputMaterialNotAllowed(0, product.commodity, product.form);
        }
        OutputLot[] memory outputs = new OutputLot[](outputCount);
        outputs[0] = product;
        for (uint256 j; j < byProducts.length; ++j) {
            OutputLot calldata byProduct = byProducts[j];
            if (byProduct.commodity == commodity || !LotMathLib.formAllowed(byProduct.commodity, byProduct.form)) {
                revert OutputMaterialNotAllowed(j + 1, byProduct.commodity, byProduct.form);
            }
            for (uint256 k; k < j; ++k) {
                if (byProducts[k].commodity == byProduct.commodity) revert OutputMaterialNotAllowed(j + 1, byProduct.commodity, byProduct.form);
            }
            uint256 contained = _containedIn(lotIds, byProduct.commodity);
            if (byProduct.quantity > contained) revert ByProductExceedsContained(byProduct.commodity, byProduct.quantity, contained);
            outputs[j + 1] = byProduct;
        }
        stepId = _begin(StepKind.Process, lotIds);
        uint256 consumed = _consume(stepId, lotIds);
        if (product.quantity > consumed) revert RecoveryAbove100(consumed, product.quantity);
        // product.quantity <= consumed, both below 2^128.
        emit ProcessingLoss(stepId, uint128(consumed), product.quantity, uint128(consumed - product.quantity));
        _produce(stepId, lotIds, outputs, 1);
    }

    /// @inheritdoc ILotProcessing
    function recordByProduct(uint256 lotId, Commodity byProduct, uint32 gradePpb) external {
        _checkRole(Roles.ASSAYER);
        Lot memory lot = registry.getLot(lotId);
        LotState state = lot.state;
        if (state != LotState.Registered && state != LotState.Assayed && state != LotState.Warehoused) {
            revert ILotRegistry.InvalidLotState(lotId, state, LotState.Warehoused);
        }
        if (byProduct == lot.commodity || gradePpb == 0 || gradePpb > LotMathLib.PPB) {
            revert InvalidByProduct(lotId, byProduct, gradePpb);
        }
        (uint128 contained,) = LotMathLib.deriveQuantitiesDown(byProduct, lot.wetMassGrams, lot.moistureBps, gradePpb, LotMathLib.BPS);
        ByProduct[] storage recorded = _byProducts[lotId];
        uint256 n = recorded.length;
        uint256 index = n;
        for (uint256 k; k < n; ++k) {
            if (recorded[k].commodity == byProduct) index = k;
        }
        // One record per other mineral: at most four.
        if (index == n) {
            recorded.push(ByProduct({commodity: byProduct, gradePpb: gradePpb, contained: contained}));
        } else {
            recorded[index] = ByProduct({commodity: byProduct, gradePpb: gradePpb, contained: contained});
        }
        emit ByProductRecorded(lotId, byProduct, gradePpb, contained, msg.sender);
    }

    // ------------------------------------------------------------------ conversions

    /// @notice Converts units of a consumed lot a holder sent here: burns them and delivers the holder's share of each
    /// of the step's outputs (held here for it where the output's rules refuse it). Also accepts this contract's own
    /// mints of the outputs. Only the lot token may call it.
    /// @param operator Who moved the units.
    /// @param from The holder they came from (zero for a mint).
    /// @param lotId The lot.
    /// @param units The number of units.
    /// @return The ERC-1155 acceptance value.
    function onERC1155Received(address operator, address from, uint256 lotId, uint256 units, bytes memory)
        public
        override
        returns (bytes4)
    {
        if (msg.sender != address(token)) revert NotLotToken(msg.sender);
        // A step minting the holders' part of an output to this contract (inside the step, hence before the guard).
        if (from == address(0) && operator == address(this)) return IERC1155Receiver.onERC1155Received.selector;
        _convert(operator, from, lotId, units);
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Refuses every batch: a conversion names one lot.
    /// @param ids The lots of the batch.
    /// @return Never returns.
    function onERC1155BatchReceived(address operator, address from, uint256[] memory ids, uint256[] memory, bytes memory)
        public
        pure
        override
        returns (bytes4)
    {
        revert ConversionNotByHolder(ids.length == 0 ? 0 : ids[0], from, operator);
    }

    // ------------------------------------------------------------------ held units

    /// @inheritdoc ILotProcessing
    function claimHeld(uint256 lotId) external nonReentrant {
        uint256 units = _takeHeld(lotId, msg.sender);
        emit HeldUnitsReleased(lotId, msg.sender, msg.sender, units, bytes32(0));
        token.safeTransferFrom(address(this), msg.sender, lotId, units, "");
    }

    /// @inheritdoc ILotProcessing
    function releaseHeld(uint256 lotId, address holder, address to, bytes32 reason) external nonReentrant {
        _checkRole(Roles.COMPLIANCE);
        if (reason == bytes32(0) || to == address(0) || to == holder || to == address(this)) revert InvalidHeldRelease(lotId, to);
        uint256 units = heldOf[lotId][holder];
        if (units == 0) revert NothingHeld(lotId, holder);
        heldOf[lotId][holder] = 0;
        emit HeldUnitsReleased(lotId, holder, to, units, reason);
        token.safeTransferFrom(address(this), to, lotId, units, "");
    }

    /// @inheritdoc ILotProcessing
    function redeemHeld(uint256 lotId) external nonReentrant {
        LotState state = registry.getLot(lotId).state;
        if (state != LotState.Settling && state != LotState.Retired) revert OutputNotSelling(lotId);
        uint256 units = _takeHeld(lotId, msg.sender);
        emit HeldUnitsRedeemed(lotId, msg.sender, units);
        // The vault credits the holder named in the data: it accepts this from the bound processing contract only.
        token.safeTransferFrom(address(this), registry.proceeds(), lotId, units, abi.encode(msg.sender));
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILotProcessing
    function getStep(uint256 stepId) external view returns (Step memory) {
        return _steps[stepId];
    }

    /// @inheritdoc ILotProcessing
    function conversionOf(uint256 lotId) external view returns (Conversion memory) {
        return _conversions[lotId];
    }

    /// @inheritdoc ILotProcessing
    function previewConversion(uint256 lotId, uint256 units)
        external
        view
        returns (uint256[] memory outputs, uint256[] memory amounts)
    {
        Conversion storage c = _conversions[lotId];
        if (c.stepId == 0) revert NotConsumed(lotId);
        outputs = _steps[c.stepId].outputs;
        amounts = new uint256[](outputs.length);
        uint256 before = c.converted;
        uint256 remaining = c.outstanding - before;
        uint256 total = before + (units < remaining ? units : remaining);
        for (uint256 j; j < outputs.length; ++j) {
            uint256 share = c.shares[j];
            amounts[j] = total * share / c.consumed - before * share / c.consumed;
        }
    }

    /// @inheritdoc ILotProcessing
    function byProductsOf(uint256 lotId)
        external
        view
        returns (Commodity[] memory byProducts, uint32[] memory gradesPpb, uint128[] memory contained)
    {
        ByProduct[] storage recorded = _byProducts[lotId];
        uint256 n = recorded.length;
        byProducts = new Commodity[](n);
        gradesPpb = new uint32[](n);
        contained = new uint128[](n);
        for (uint256 k; k < n; ++k) {
            byProducts[k] = recorded[k].commodity;
            gradesPpb[k] = recorded[k].gradePpb;
            contained[k] = recorded[k].contained;
        }
    }

    // ------------------------------------------------------------------ internals

    /// @dev Burns the units a holder sent and delivers its share of each of the step's outputs.
    function _convert(address operator, address from, uint256 lotId, uint256 units) internal nonReentrant {
        Conversion storage c = _conversions[lotId];
        if (c.stepId == 0) revert NotConsumed(lotId);
        if (from == address(0) || token.getInvestor(from).platform || (operator != from && !token.isApprovedForAll(from, operator))) {
            revert ConversionNotByHolder(lotId, from, operator);
        }
        uint256 before = c.converted;
        // Every unit converted was outstanding when the lot was consumed, and no unit of a consumed lot is minted
        // again, so converted + units <= outstanding < 2^128.
        uint256 total = before + units;
        c.converted = uint128(total);
        emit UnitsConverted(lotId, from, units);
        token.burn(address(this), lotId, units);
        uint256[] storage outputs = _steps[c.stepId].outputs;
        uint256 consumed = c.consumed;
        for (uint256 j; j < outputs.length; ++j) {
            uint256 share = c.shares[j];
            // Cumulative floors: what all holders receive adds up exactly to floor(outstanding x share / consumed),
            // which is what the step minted here for them.
            uint256 amount = total * share / consumed - before * share / consumed;
            if (amount != 0) _deliver(outputs[j], from, amount);
        }
    }

    function _begin(StepKind kind, uint256[] memory inputs) internal returns (uint256 stepId) {
        for (uint256 i; i < inputs.length; ++i) {
            for (uint256 k; k < i; ++k) {
                if (inputs[k] == inputs[i]) revert DuplicateInput(inputs[i]);
            }
        }
        stepId = ++stepCount;
        Step storage step = _steps[stepId];
        step.kind = kind;
        step.at = uint40(block.timestamp);
        step.by = msg.sender;
        step.inputs = inputs;
    }

    /// @dev Consumes every input whole; returns the metal they held together.
    function _consume(uint256 stepId, uint256[] memory inputs) internal returns (uint256 consumed) {
        for (uint256 i; i < inputs.length; ++i) {
            (uint128 attested, uint128 outstanding) = registry.consumeLot(inputs[i]);
            Conversion storage c = _conversions[inputs[i]];
            c.stepId = stepId;
            c.consumed = attested;
            c.outstanding = outstanding;
            consumed += attested;
            emit InputConsumed(stepId, inputs[i], attested, outstanding);
        }
    }

    /// @dev Registers the outputs, attributes each to the inputs (the first `mainCount` by the metal each input held,
    /// the by-products after them by what each contained of it), and mints the holders' part of each here.
    function _produce(uint256 stepId, uint256[] memory inputs, OutputLot[] memory outputs, uint256 mainCount) internal {
        Step storage step = _steps[stepId];
        Lot memory origin = registry.getLot(inputs[0]);
        for (uint256 j; j < outputs.length; ++j) {
            if (outputs[j].quantity == 0) revert ZeroOutput(j);
            uint256 lotId = registry.registerProduct(_registration(outputs[j], origin), outputs[j].quantity);
            producedBy[lotId] = stepId;
            step.outputs.push(lotId);
            bool byProduct = mainCount != 0 && j >= mainCount;
            uint256 toHolders = _attribute(inputs, outputs[j], byProduct);
            // Each input's part is floor(outstanding x share / consumed) <= share, and the shares add up to the
            // output's quantity, a uint128.
            emit OutputProduced(stepId, lotId, outputs[j].quantity, uint128(toHolders));
            if (toHolders != 0) token.mint(address(this), lotId, toHolders, "");
            // A shipment or a blend is the same material: the by-products its inputs carried come with their metal.
            if (mainCount == 0) _carryByProducts(inputs, j, lotId);
        }
        emit LotsProcessed(stepId, step.kind, inputs, step.outputs, msg.sender);
    }

    /// @dev Records in output `j` (lot `lotId`) of a split or a blend the by-products of its inputs, in proportion to
    /// the metal it took of each (rounded down: a by-product is never created), at their contained-weighted grade.
    function _carryByProducts(uint256[] memory inputs, uint256 j, uint256 lotId) internal {
        for (uint256 i; i < inputs.length; ++i) {
            Conversion storage c = _conversions[inputs[i]];
            ByProduct[] storage carried = _byProducts[inputs[i]];
            for (uint256 k; k < carried.length; ++k) {
                // share <= consumed, so the part is at most the input's contained, a uint128.
                uint256 part = uint256(carried[k].contained) * c.shares[j] / c.consumed;
                if (part != 0) _addByProduct(lotId, carried[k].commodity, carried[k].gradePpb, uint128(part));
            }
        }
    }

    /// @dev Adds `contained` of a by-product to a lot's record, the grade weighted by what each addition contains.
    function _addByProduct(uint256 lotId, Commodity commodity, uint32 gradePpb, uint128 contained) internal {
        ByProduct[] storage recorded = _byProducts[lotId];
        uint256 n = recorded.length;
        uint256 index = n;
        for (uint256 k; k < n; ++k) {
            if (recorded[k].commodity == commodity) index = k;
        }
        if (index == n) {
            recorded.push(ByProduct({commodity: commodity, gradePpb: gradePpb, contained: contained}));
        } else {
            ByProduct storage b = recorded[index];
            uint256 total = uint256(b.contained) + contained;
            // A weighted mean of two grades below 2^32 is below 2^32; the contained amounts add up to what the
            // inputs contained, below 2^128.
            b.gradePpb = uint32((uint256(b.gradePpb) * b.contained + uint256(gradePpb) * contained) / total);
            b.contained = uint128(total);
        }
        ByProduct storage result = recorded[index == n ? n : index];
        emit ByProductRecorded(lotId, commodity, result.gradePpb, result.contained, msg.sender);
    }

    /// @dev Shares `output` among the inputs by weight (metal held, or by-product contained) and returns what belongs
    /// to their holders; the last input takes the rounding remainder, so the shares add up exactly.
    function _attribute(uint256[] memory inputs, OutputLot memory output, bool byProduct) internal returns (uint256 toHolders) {
        uint256 n = inputs.length;
        uint256[] memory weights = new uint256[](n);
        uint256 totalWeight;
        for (uint256 i; i < n; ++i) {
            weights[i] = byProduct ? _containedOf(inputs[i], output.commodity) : _conversions[inputs[i]].consumed;
            totalWeight += weights[i];
        }
        uint256 given;
        for (uint256 i; i < n; ++i) {
            Conversion storage c = _conversions[inputs[i]];
            uint256 share = i + 1 == n ? output.quantity - given : output.quantity * weights[i] / totalWeight;
            given += share;
            // share <= output.quantity, a uint128.
            c.shares.push(uint128(share));
            toHolders += uint256(c.outstanding) * share / c.consumed;
        }
    }

    function _registration(OutputLot memory output, Lot memory origin) internal pure returns (LotRegistration memory) {
        return LotRegistration({
            commodity: output.commodity,
            form: output.form,
            basis: LotMathLib.basisOf(output.commodity),
            countryCode: origin.countryCode,
            originId: origin.originId,
            externalRef: output.externalRef,
            wetMassGrams: output.massGrams,
            moistureBps: 0,
            gradePpb: output.gradePpb,
            payableBps: uint16(LotMathLib.BPS),
            custodian: output.custodian,
            location: output.location
        });
    }

    /// @dev Delivers `amount` of output `lotId` to a converting holder, or holds it here when the output's rules (or
    /// the holder's own receiver hook) refuse it.
    function _deliver(uint256 lotId, address holder, uint256 amount) internal {
        try token.safeTransferFrom(address(this), holder, lotId, amount, "") {
            emit OutputDelivered(lotId, holder, amount, false);
        } catch {
            heldOf[lotId][holder] += amount;
            emit OutputDelivered(lotId, holder, amount, true);
        }
    }

    function _takeHeld(uint256 lotId, address holder) internal returns (uint256 units) {
        units = heldOf[lotId][holder];
        if (units == 0) revert NothingHeld(lotId, holder);
        heldOf[lotId][holder] = 0;
    }

    function _checkSameMaterial(uint256 index, OutputLot calldata output, Commodity commodity, Form form) internal pure {
        if (output.commodity != commodity || output.form != form) revert OutputMaterialNotAllowed(index, output.commodity, output.form);
    }

    function _containedIn(uint256[] calldata lotIds, Commodity byProduct) internal view returns (uint256 contained) {
        for (uint256 i; i < lotIds.length; ++i) {
            contained += _containedOf(lotIds[i], byProduct);
        }
    }

    function _containedOf(uint256 lotId, Commodity byProduct) internal view returns (uint256) {
        ByProduct[] storage recorded = _byProducts[lotId];
        for (uint256 k; k < recorded.length; ++k) {
            if (recorded[k].commodity == byProduct) return recorded[k].contained;
        }
        return 0;
    }

    /// @dev How far along the chain from mine to product a form is: raw concentrate and dore, then antimony regulus,
    /// then the refined products.
    function _stageOf(Form form) internal pure returns (uint256) {
        if (form == Form.Concentrate || form == Form.Dore) return 0;
        if (form == Form.Regulus) return 1;
        return 2;
    }
}
