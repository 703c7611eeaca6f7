// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The mineral a lot contains. The order is part of the ABI: the SDK mirrors it.
enum Commodity {
    Gold, // base unit: milligram of fine gold
    Copper, // base unit: kilogram of Cu
    Tungsten, // base unit: kilogram of WO3
    Antimony, // base unit: kilogram of contained Sb
    RareEarths // base unit: kilogram of TREO
}

/// @notice The physical form of a lot.
enum Form {
    Dore, // gold dore bars
    Bar, // refined bars (e.g. Good Delivery gold)
    Concentrate, // flotation or gravity concentrate (Cu, W, Sb sulfide, REE)
    Cathode, // copper cathode
    Apt, // ammonium paratungstate
    Regulus, // antimony metal (regulus)
    Trioxide, // antimony trioxide
    Oxide // separated rare earth oxide, e.g. NdPr oxide
}

/// @notice What the grade and the base unit are measured on: the element itself or its oxide (WO3, TREO).
enum Basis {
    Element,
    Oxide
}

/// @notice The lifecycle of a lot. Transitions are explicit and one-directional except warehouse <-> transit:
/// Registered -> Assayed -> Warehoused <-> InTransit (arrival, or the issuer's recall); Warehoused -> Settling ->
/// Retired; and the issuer's withdrawal of a lot with no units outstanding: Registered | Assayed | Warehoused -> Retired.
enum LotState {
    None, // no lot with this id
    Registered,
    Assayed,
    Warehoused,
    InTransit,
    Settling,
    Retired,
    Processed // consumed whole by a processing step (split, blended or refined): its units convert into the outputs
}

/// @notice Kinds of document recorded against a lot, by hash only.
enum DocType {
    AssayCertificate,
    WeightCertificate,
    ExportPermit,
    WarehouseReceipt,
    BillOfLading,
    Insurance,
    DueDiligenceReport,
    Other
}

/// @notice What the issuer declares when it registers a lot. Quantities are derived from these on chain.
/// @param commodity The mineral.
/// @param form The physical form; must be one the commodity is traded in.
/// @param basis Element or oxide; must match the commodity's base unit (oxide for tungsten and rare earths).
/// @param countryCode ISO 3166-1 numeric code of the country of origin (1..999).
/// @param originId The mine or concession identifier, as a short string (<= 32 bytes).
/// @param externalRef Hash of the external reference (bar serials, bag tags, warehouse receipt number).
/// @param wetMassGrams Wet mass of the lot, in grams.
/// @param moistureBps Moisture in basis points of the wet mass (800 = 8%), below 10,000.
/// @param gradePpb Grade of the basis, dry, in parts per billion (265,000,000 = 26.5%), 1..1e9.
/// @param payableBps Payable share of the contained quantity in basis points (9650 = 96.5%), 1..10,000.
/// @param custodian The account that holds the lot; must hold CUSTODIAN_ROLE.
/// @param location The warehouse or site, as a short string (<= 32 bytes).
struct LotRegistration {
    Commodity commodity;
    Form form;
    Basis basis;
    uint16 countryCode;
    bytes32 originId;
    bytes32 externalRef;
    uint128 wetMassGrams;
    uint16 moistureBps;
    uint32 gradePpb;
    uint16 payableBps;
    address custodian;
    bytes32 location;
}

/// @notice A lot as stored. Quantities are in the commodity's base unit (see `Commodity`).
/// `attestedQuantity` is what the custodian holds now; units minted and not delivered (`mintedQuantity -
/// deliveredQuantity`) plus the capacity open offerings reserved never exceed it, and it never exceeds the payable
/// quantity less what left by delivery. A confirmed delivery lowers the attestation by what left, so mint capacity
/// (`attestedQuantity + deliveredQuantity - mintedQuantity - reservedQuantity`) never comes back.
struct Lot {
    // slot 0
    Commodity commodity;
    Form form;
    Basis basis;
    LotState state;
    uint16 countryCode;
    uint16 moistureBps;
    uint16 payableBps;
    uint32 gradePpb;
    uint40 registeredAt;
    uint40 updatedAt;
    // slot 1
    address custodian;
    // slot 2
    address pendingCustodian;
    bytes32 originId;
    bytes32 externalRef;
    bytes32 location;
    // wet mass and the quantities derived from it
    uint128 wetMassGrams;
    uint128 containedQuantity;
    uint128 payableQuantity;
    // the custodian's attestation and what has been minted and burned against it
    uint128 attestedQuantity;
    uint128 mintedQuantity;
    uint128 burnedQuantity;
    // metal that left the warehouse by physical delivery (its units burned), and mint capacity an open offering holds
    uint128 deliveredQuantity;
    uint128 reservedQuantity;
}

/// @notice A document recorded by hash; its content stays off chain.
struct LotDocument {
    DocType docType;
    uint64 issuedAt;
    address issuer;
    bytes32 sha256Hash;
    string uri;
}
