/**
 * The index's tables: what the platform's contracts say, folded per lot, holder, investor, offering and lot of sale
 * proceeds. Amounts are base units (bigint), addresses and hashes hex. Two kinds of rows:
 *
 * - facts the events carry whole (unit movements, balances, documents, deposits, claims, investor records), folded
 *   exactly as the SDK's node reads fold them;
 * - snapshots of a contract's own views (a lot's record, an offering's status, a lot's proceeds, a lot's rules and
 *   holder count), read at the block of the event that changed them, so a figure the contract computes is never
 *   computed a second time here.
 *
 * No personal data: an investor is a wallet, an investor id, a country code, a class and a KYC expiry date.
 */
import { index, onchainTable, primaryKey } from "ponder";

/** A lot's record as the registry's `getLot` returns it, with `mintableQuantity`, `awaitingAttestation` and the token's `uri`. */
export const lot = onchainTable("lot", (t) => ({
  lotId: t.bigint().primaryKey(),
  commodity: t.integer().notNull(),
  form: t.integer().notNull(),
  basis: t.integer().notNull(),
  state: t.integer().notNull(),
  countryCode: t.integer().notNull(),
  moistureBps: t.integer().notNull(),
  payableBps: t.integer().notNull(),
  gradePpb: t.bigint().notNull(),
  registeredAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
  custodian: t.hex().notNull(),
  pendingCustodian: t.hex().notNull(),
  originId: t.hex().notNull(),
  externalRef: t.hex().notNull(),
  location: t.hex().notNull(),
  wetMassGrams: t.bigint().notNull(),
  containedQuantity: t.bigint().notNull(),
  payableQuantity: t.bigint().notNull(),
  attestedQuantity: t.bigint().notNull(),
  mintedQuantity: t.bigint().notNull(),
  burnedQuantity: t.bigint().notNull(),
  deliveredQuantity: t.bigint().notNull(),
  reservedQuantity: t.bigint().notNull(),
  mintable: t.bigint().notNull(),
  awaitingAttestation: t.boolean().notNull(),
  uri: t.text().notNull(),
  /** The block this row was read at: a read gives the state after the whole block, so one read per block is enough. */
  snapshotBlock: t.bigint().notNull(),
}));

/** Every registry event about a lot (its timeline), kept as the raw log so the SDK decodes it with the same ABI. */
export const lotEvent = onchainTable(
  "lot_event",
  (t) => ({
    id: t.text().primaryKey(),
    lotId: t.bigint().notNull(),
    eventName: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    /** The account that sent the transaction. */
    actor: t.hex().notNull(),
    topics: t.json().$type<`0x${string}`[]>().notNull(),
    data: t.hex().notNull(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId, table.blockNumber, table.logIndex) }),
);

/** A document recorded against a lot, by hash (never content). */
export const document = onchainTable(
  "document",
  (t) => ({
    lotId: t.bigint().notNull(),
    index: t.integer().notNull(),
    docType: t.integer().notNull(),
    sha256: t.hex().notNull(),
    uri: t.text().notNull(),
    issuer: t.hex().notNull(),
    issuedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.lotId, table.index] }) }),
);

/** A holder's units of a lot and the units compliance froze (ERC-7943 partial freeze). */
export const position = onchainTable(
  "position",
  (t) => ({
    lotId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    balance: t.bigint().notNull(),
    frozen: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.lotId, table.holder] }), holderIdx: index().on(table.holder) }),
);

/** One movement of units (one per id of a batch), for a wallet's history. */
export const transfer = onchainTable(
  "transfer",
  (t) => ({
    id: t.text().primaryKey(),
    lotId: t.bigint().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ fromIdx: index().on(table.from), toIdx: index().on(table.to), lotIdx: index().on(table.lotId) }),
);

/** A wallet's investor record (no personal data), folded from the registrar's events. */
export const investor = onchainTable("investor", (t) => ({
  wallet: t.hex().primaryKey(),
  investorId: t.bigint().notNull(),
  country: t.integer().notNull(),
  investorClass: t.integer().notNull(),
  kycExpiry: t.bigint().notNull(),
  frozen: t.boolean().notNull(),
  /** One of the platform's own accounts (escrows, vault, processing): its units count as no investor's. */
  platform: t.boolean().notNull(),
}));

/** A lot's compliance rules and holder count (the token's `getLotRules`), and its hold. */
export const lotRules = onchainTable("lot_rules", (t) => ({
  lotId: t.bigint().primaryKey(),
  minClass: t.integer().notNull(),
  restrictCountries: t.boolean().notNull(),
  maxHolders: t.bigint().notNull(),
  holders: t.bigint().notNull(),
  lockupEnd: t.bigint().notNull(),
  minHolding: t.bigint().notNull(),
  onHold: t.boolean().notNull(),
  /** Settlement (or retirement) stopped ordinary transfers. */
  tradingStopped: t.boolean().notNull(),
  /** Holder slots offering subscribers hold until they claim. */
  reservedHolders: t.bigint().notNull(),
  /** The reason given with the latest hold (bytes32 text), zero when none. */
  holdReason: t.hex().notNull(),
  /** The block the rules and holder count were read at. */
  snapshotBlock: t.bigint().notNull(),
}));

/** Whether a country is on a lot's allowed list. */
export const allowedCountry = onchainTable(
  "allowed_country",
  (t) => ({ lotId: t.bigint().notNull(), country: t.integer().notNull(), allowed: t.boolean().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.lotId, table.country] }) }),
);

/** A primary offering: its terms (from `OfferingCreated`), its status (the contract's `statusOf`) and the money folded from its events. */
export const offering = onchainTable(
  "offering",
  (t) => ({
    offeringId: t.bigint().primaryKey(),
    lotId: t.bigint().notNull(),
    paymentToken: t.hex().notNull(),
    treasury: t.hex().notNull(),
    priceAmount: t.bigint().notNull(),
    priceUnit: t.bigint().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    minTicket: t.bigint().notNull(),
    maxTicket: t.bigint().notNull(),
    softCap: t.bigint().notNull(),
    hardCap: t.bigint().notNull(),
    state: t.integer().notNull(),
    unclaimed: t.bigint().notNull(),
    totalRequested: t.bigint().notNull(),
    unitsMinted: t.bigint().notNull(),
    unitsDelivered: t.bigint().notNull(),
    unitsRefused: t.bigint().notNull(),
    unitsReturned: t.bigint().notNull(),
    proceedsReleased: t.bigint().notNull(),
    proceedsWithdrawn: t.bigint().notNull(),
    paidIn: t.bigint().notNull(),
    refundsPaid: t.bigint().notNull(),
    /** The block the status was read at. */
    snapshotBlock: t.bigint().notNull(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId) }),
);

/** An investor's subscription to an offering, folded from `Subscribed`, `SubscriptionReduced` and `Claimed`. */
export const subscription = onchainTable(
  "subscription",
  (t) => ({
    offeringId: t.bigint().notNull(),
    investor: t.hex().notNull(),
    requested: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    claimed: t.boolean().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.offeringId, table.investor] }), investorIdx: index().on(table.investor) }),
);

/** A secondary trade offer (delivery versus payment) and what became of it (its settlement is a `tradeFill`). */
export const trade = onchainTable(
  "trade",
  (t) => ({
    offerId: t.bigint().primaryKey(),
    lotId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    amount: t.bigint().notNull(),
    paymentToken: t.hex().notNull(),
    price: t.bigint().notNull(),
    /** The only buyer allowed, zero for anyone. */
    buyer: t.hex().notNull(),
    expiry: t.bigint().notNull(),
    status: t.text().$type<"open" | "taken" | "cancelled">().notNull(),
    takenBy: t.hex(),
    closedBlock: t.bigint(),
    closedTransaction: t.hex(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId), sellerIdx: index().on(table.seller) }),
);

/** One settled trade (`OfferTaken`): who bought how many units from whom, for how much, when. */
export const tradeFill = onchainTable(
  "trade_fill",
  (t) => ({
    id: t.text().primaryKey(),
    offerId: t.bigint().notNull(),
    lotId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    amount: t.bigint().notNull(),
    price: t.bigint().notNull(),
    /** The ERC-20 the price was paid in (the offer's). */
    paymentToken: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId, table.blockNumber, table.logIndex) }),
);

/** A physical delivery request and its outcome. */
export const delivery = onchainTable(
  "delivery",
  (t) => ({
    requestId: t.bigint().primaryKey(),
    lotId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    amount: t.bigint().notNull(),
    instructionsRef: t.hex().notNull(),
    status: t.text().$type<"pending" | "confirmed" | "rejected" | "cancelled" | "released">().notNull(),
    requestedAt: t.bigint().notNull(),
    decidedAt: t.bigint(),
    /** The custodian or officer who decided, the delivery reference or the reason, and where released units went. */
    decidedBy: t.hex(),
    decisionRef: t.hex(),
    releasedTo: t.hex(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId), holderIdx: index().on(table.holder) }),
);

/** A lot's minimum delivery (zero: delivery not offered). */
export const deliveryMinimum = onchainTable("delivery_minimum", (t) => ({ lotId: t.bigint().primaryKey(), units: t.bigint().notNull() }));

/** A lot's sale proceeds: the vault's `getLotProceeds`, read at the block of each event that changes it. */
export const proceedsLot = onchainTable("proceeds_lot", (t) => ({
  lotId: t.bigint().primaryKey(),
  paymentToken: t.hex().notNull(),
  finalAt: t.bigint().notNull(),
  /** The one treasury that may deposit, fixed when settlement opened (zero before). */
  treasury: t.hex().notNull(),
  entitledSupply: t.bigint().notNull(),
  accPerUnit: t.bigint().notNull(),
  deposited: t.bigint().notNull(),
  paid: t.bigint().notNull(),
  swept: t.bigint().notNull(),
  redeemedUnits: t.bigint().notNull(),
  retirableAt: t.bigint().notNull(),
  sweepable: t.bigint().notNull(),
  outstanding: t.bigint().notNull(),
  /** The block the figures were read at. */
  snapshotBlock: t.bigint().notNull(),
  /** The latest deposit (its row id and transaction), which a `ProceedsFinalized` of the same transaction marks final. */
  lastDepositId: t.text(),
  lastDepositTransaction: t.hex(),
}));

/** One deposit of sale proceeds; the final payment declared without a deposit of its own is one of zero, marked final. */
export const proceedsDeposit = onchainTable(
  "proceeds_deposit",
  (t) => ({
    id: t.text().primaryKey(),
    lotId: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    isFinal: t.boolean().notNull(),
    by: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId) }),
);

/** One claim of sale proceeds by a holder. */
export const proceedsClaim = onchainTable(
  "proceeds_claim",
  (t) => ({
    id: t.text().primaryKey(),
    lotId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ lotIdx: index().on(table.lotId, table.blockNumber) }),
);

/**
 * A holder's position in the vault (`getPosition`: units redeemed and proceeds paid), and whether the holder redeemed
 * units itself or was given a position released from a lost wallet.
 */
export const proceedsPosition = onchainTable(
  "proceeds_position",
  (t) => ({
    lotId: t.bigint().notNull(),
    holder: t.hex().notNull(),
    units: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    redeemed: t.boolean().notNull(),
    released: t.boolean().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.lotId, table.holder] }), holderIdx: index().on(table.holder) }),
);

/** A price feed's latest round, decimals and description. */
export const price = onchainTable("price", (t) => ({
  feed: t.hex().primaryKey(),
  roundId: t.bigint().notNull(),
  answer: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
  decimals: t.integer().notNull(),
  description: t.text().notNull(),
}));

/** A processing step (split, blend or refining): what it consumed and produced, who ran it and when. */
export const processingStep = onchainTable("processing_step", (t) => ({
  stepId: t.bigint().primaryKey(),
  /** `StepKind` by on-chain value. */
  kind: t.integer().notNull(),
  at: t.bigint().notNull(),
  by: t.hex().notNull(),
  /** Lot ids, as decimal strings, in the contract's order. */
  inputs: t.json().$type<string[]>().notNull(),
  outputs: t.json().$type<string[]>().notNull(),
  blockNumber: t.bigint().notNull(),
}));

/**
 * A lot's place in the provenance graph: the step that produced it, the step that consumed it with its conversion (the
 * metal consumed, the units then outstanding, how many converted, and its share of each of the step's outputs, read
 * from `conversionOf` once the step is done), and the by-products recorded in it, in recording order.
 */
export const lotProvenance = onchainTable("lot_provenance", (t) => ({
  lotId: t.bigint().primaryKey(),
  producedBy: t.bigint().notNull(),
  consumedBy: t.bigint().notNull(),
  consumed: t.bigint().notNull(),
  outstanding: t.bigint().notNull(),
  converted: t.bigint().notNull(),
  /** Parallel to the consuming step's outputs, decimal strings. */
  shares: t.json().$type<string[]>().notNull(),
  byProducts: t.json().$type<{ commodity: number; gradePpb: string; contained: string }[]>().notNull(),
}));

/** Units of an output lot the processing contract holds for a holder its rules refused at conversion (`heldOf`). */
export const heldUnits = onchainTable(
  "held_units",
  (t) => ({ lotId: t.bigint().notNull(), holder: t.hex().notNull(), units: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.lotId, table.holder] }) }),
);
