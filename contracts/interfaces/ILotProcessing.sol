// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Commodity, Form} from "../lots/LotTypes.sol";

/// @notice What a processing step did to its inputs.
enum StepKind {
    None, // no step with this id
    Split, // one lot into several shipments of the same material
    Blend, // several lots of one material into one
    Process // lots refined into a product (and by-products) at an attested recovery
}

/// @notice A lot a step creates: its material, the quantity of metal in it (base units of its commodity, as the
/// refinery or the custodian attests it) and where it is held. For a split or a blend the material is the inputs'
/// own; for a processing step, `form` is the product's (and `commodity`, for a by-product).
struct OutputLot {
    Commodity commodity;
    Form form;
    uint128 quantity;
    /// @dev The output's physical mass in grams, for the record (a split's shipment, a refinery's cathode stack).
    uint128 massGrams;
    /// @dev The product's purity (metal per mass, parts per billion), for the record.
    uint32 gradePpb;
    address custodian;
    bytes32 location;
    /// @dev Unique across the registry, as a lot's external reference is (a shipment or batch number).
    bytes32 externalRef;
}

/// @notice One processing step: its inputs (each consumed whole), its outputs and how much each input's holders
/// receive of each output.
struct Step {
    StepKind kind;
    uint40 at;
    address by;
    uint256[] inputs;
    uint256[] outputs;
}

/// @notice How one consumed input converts: the metal it held when consumed, its units then outstanding (what its
/// holders own), how many have converted, and the share of each of the step's outputs that belongs to its metal.
struct Conversion {
    uint256 stepId;
    uint128 consumed;
    uint128 outstanding;
    uint128 converted;
    /// @dev Parallel to the step's outputs: the part of each output attributable to this input's metal.
    uint128[] shares;
}

/// @title ILotProcessing
/// @notice Metal through splitting, blending and refining, with provenance and mass balance. A step consumes its
/// input lots whole (they become PROCESSED and stop trading) and registers its outputs as new lots, warehoused and
/// attested; each output records its parents and what it consumed of each, so the graph leads from any product back to
/// the mine. Metal is never created: a split and a blend produce exactly what they consume; a refinery's product is at
/// most what it consumed (the difference is the recorded loss); a by-product (gold from copper-gold concentrate) at
/// most what the inputs contained of it, as assayed.
///
/// Holders are carried into the outputs by pull: a holder sends its units of a consumed lot here (one transfer, no
/// approval; allowed even when its KYC lapsed, as a redemption is) and receives its share of every output at once,
/// computed on cumulative totals so that the units delivered to all holders add up exactly to their share, with no
/// rounding dust and at the same gas at 10 or 1,000 holders. The output lot's rules apply to the holder receiving its
/// units; where they refuse it, its units are held here for it: it claims them when its rules allow, compliance
/// releases them to a wallet it names, or, once the output lot is sold, it redeems them at the proceeds vault as any
/// holder does.
interface ILotProcessing {
    // ------------------------------------------------------------------ events

    /// @notice A step consumed `inputs` and created `outputs`.
    event LotsProcessed(uint256 indexed stepId, StepKind kind, uint256[] inputs, uint256[] outputs, address indexed by);

    /// @notice A step consumed an input lot whole: `consumed` metal, of which `outstanding` units belonged to holders.
    event InputConsumed(uint256 indexed stepId, uint256 indexed lotId, uint128 consumed, uint128 outstanding);

    /// @notice A step created an output lot holding `quantity` metal, `toHolders` of it minted here for the inputs'
    /// holders (the rest is the issuer's to mint, as with any lot).
    event OutputProduced(uint256 indexed stepId, uint256 indexed lotId, uint128 quantity, uint128 toHolders);

    /// @notice A refining step's mass balance: metal of the main commodity consumed, produced and lost.
    event ProcessingLoss(uint256 indexed stepId, uint128 consumed, uint128 produced, uint128 loss);

    /// @notice An assayer recorded a by-product's grade in a lot (gold in copper-gold concentrate).
    event ByProductRecorded(uint256 indexed lotId, Commodity byProduct, uint32 gradePpb, uint128 contained, address by);

    /// @notice A holder converted `units` of consumed lot `lotId`.
    event UnitsConverted(uint256 indexed lotId, address indexed holder, uint256 units);

    /// @notice A converting holder's share of an output: delivered to it, or held here for it (`held`).
    event OutputDelivered(uint256 indexed lotId, address indexed holder, uint256 units, bool held);

    /// @notice Held units of an output went to `to` (the holder itself, or a wallet compliance named).
    event HeldUnitsReleased(uint256 indexed lotId, address indexed holder, address indexed to, uint256 units, bytes32 reason);

    /// @notice Held units of an output were redeemed at the proceeds vault for their holder.
    event HeldUnitsRedeemed(uint256 indexed lotId, address indexed holder, uint256 units);

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when a step names no input, no output, or more than the step allows.
    error InvalidStepShape(uint256 inputs, uint256 outputs);

    /// @notice Thrown when an input is named twice in a step.
    error DuplicateInput(uint256 lotId);

    /// @notice Thrown when a step's inputs are not all of one commodity and (for a split or a blend) one form.
    error MixedInputs(uint256 lotId);

    /// @notice Thrown when an output's material does not follow from the inputs (another commodity or form for a split
    /// or a blend, the inputs' own form for a product, a by-product of the main commodity).
    error OutputMaterialNotAllowed(uint256 index, Commodity commodity, Form form);

    /// @notice Thrown when a split's outputs or a blend's output do not add up to exactly what the inputs held.
    error MassNotBalanced(uint256 consumed, uint256 produced);

    /// @notice Thrown when a product exceeds what the inputs held: a recovery above 100 %.
    error RecoveryAbove100(uint256 consumed, uint256 produced);

    /// @notice Thrown when a by-product exceeds what the inputs contained of it, as assayed (zero when never assayed).
    error ByProductExceedsContained(Commodity byProduct, uint256 produced, uint256 contained);

    /// @notice Thrown when an output quantity is zero.
    error ZeroOutput(uint256 index);

    /// @notice Thrown when a by-product grade names the lot's own commodity, is zero, or above 100 %.
    error InvalidByProduct(uint256 lotId, Commodity byProduct, uint32 gradePpb);

    /// @notice Thrown when units of a lot no step consumed are sent here.
    error NotConsumed(uint256 lotId);

    /// @notice Thrown when units arrive from a platform account, by an operator the holder did not approve, or by a
    /// batch: a conversion is a holder's own act, one lot at a time.
    error ConversionNotByHolder(uint256 lotId, address from, address operator);

    /// @notice Thrown when anything but the lot token calls the receiver hook.
    error NotLotToken(address caller);

    /// @notice Thrown when a holder has no units of an output held here.
    error NothingHeld(uint256 lotId, address holder);

    /// @notice Thrown when held units are released without a reason, or to the holder itself or the zero address.
    error InvalidHeldRelease(uint256 lotId, address to);

    /// @notice Thrown when held units are redeemed for a lot that is not settling or retired.
    error OutputNotSelling(uint256 lotId);

    // ------------------------------------------------------------------ steps

    /// @notice Splits a warehoused lot into shipments of the same material whose quantities add up exactly to what the
    /// lot holds. ISSUER_ROLE.
    /// @return stepId The step.
    function split(uint256 lotId, OutputLot[] calldata outputs) external returns (uint256 stepId);

    /// @notice Blends warehoused lots of one commodity and form into one lot holding exactly what they held. ISSUER_ROLE.
    /// @return stepId The step.
    function blend(uint256[] calldata lotIds, OutputLot calldata output) external returns (uint256 stepId);

    /// @notice Refines warehoused lots of one commodity into `product` (another form of it, at most what they held:
    /// the rest is the recorded loss) and `byProducts` (other commodities, each at most what the inputs contained of
    /// it). REFINER_ROLE.
    /// @return stepId The step.
    function process(uint256[] calldata lotIds, OutputLot calldata product, OutputLot[] calldata byProducts)
        external
        returns (uint256 stepId);

    /// @notice Records the grade of a by-product in a registered lot (before it is refined). ASSAYER_ROLE.
    function recordByProduct(uint256 lotId, Commodity byProduct, uint32 gradePpb) external;

    // ------------------------------------------------------------------ held units

    /// @notice Takes the caller's held units of an output lot, now that the lot's rules let it receive them.
    function claimHeld(uint256 lotId) external;

    /// @notice Releases a holder's held units of an output lot to a wallet compliance names. COMPLIANCE_ROLE.
    function releaseHeld(uint256 lotId, address holder, address to, bytes32 reason) external;

    /// @notice Redeems the caller's held units of an output lot that is being sold, at the proceeds vault, as if it
    /// had sent them itself.
    function redeemHeld(uint256 lotId) external;

    // ------------------------------------------------------------------ views

    /// @notice The number of steps so far (ids run from 1).
    function stepCount() external view returns (uint256);

    /// @notice A step.
    function getStep(uint256 stepId) external view returns (Step memory);

    /// @notice How a consumed lot converts (a zero step id for a lot no step consumed).
    function conversionOf(uint256 lotId) external view returns (Conversion memory);

    /// @notice The step that created a lot (zero for a lot registered from a mine).
    function producedBy(uint256 lotId) external view returns (uint256 stepId);

    /// @notice What `units` of consumed lot `lotId` would convert into now, per output of its step.
    function previewConversion(uint256 lotId, uint256 units) external view returns (uint256[] memory outputs, uint256[] memory amounts);

    /// @notice A holder's units of an output lot held here for it.
    function heldOf(uint256 lotId, address holder) external view returns (uint256);

    /// @notice A lot's recorded by-product grades and contained quantities.
    function byProductsOf(uint256 lotId)
        external
        view
        returns (Commodity[] memory byProducts, uint32[] memory gradesPpb, uint128[] memory contained);
}
