import type { Address, Client, Hash, Hex } from "viem";
import { readContract } from "viem/actions";
import { readLotEvents, type LotEvent } from "../../internal/ledger.ts";
import { indexDocuments, indexLotEvents, type IndexParameter } from "../../internal/indexSource.ts";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { DOC_TYPES, LOT_STATES, type DocTypeName, type LotStateName } from "../../domain.ts";
import type { MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { fromShortString, toIntInRange, toLotId } from "../../internal/validate.ts";

export interface GetLotHistoryParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /**
   * Whether to include `UnitsAccounted`, the running tally the registry emits at every mint and burn (default true).
   * A sold lot has one per redemption, so a timeline of its lifecycle steps alone (false) costs the same requests
   * whatever the number of holders.
   */
  unitAccounting?: boolean;
  /** Read the events from this index (`minerals index`) instead of the node. */
  index?: IndexParameter;
}

/** One step of a lot's timeline. */
export interface LotHistoryEntry {
  event: string;
  from?: LotStateName;
  to?: LotStateName;
  blockNumber: bigint;
  timestamp: Date;
  transactionHash: Hash;
  /** The account that sent the transaction. */
  actor: Address;
  /** The event's arguments; the texts stored as `bytes32` (origin, location, destination, sale reference) decoded. */
  args: Record<string, unknown>;
}

/** Event arguments that carry a short text stored as `bytes32`. */
const TEXT_ARGS = new Set(["originId", "location", "destination", "saleRef", "reason"]);

export type GetLotHistoryReturnType = LotHistoryEntry[];
export type GetLotHistoryErrorType = MineralsError;

/**
 * The timeline of a lot: every registry event about it, oldest first, with who sent each step. The events are
 * filtered at the node by the lot's indexed id (and, with `unitAccounting: false`, by name) and read in bounded block
 * ranges.
 *
 * @example
 * const timeline = await getLotHistory(client, { deployment, lotId: 1n })
 * timeline.filter((e) => e.event === "LotStateChanged").map((e) => `${e.from} -> ${e.to}`)
 */
export async function getLotHistory(client: Client, parameters: GetLotHistoryParameters): Promise<GetLotHistoryReturnType> {
  const lotId = toLotId(parameters.lotId);
  try {
    const unitAccounting = parameters.unitAccounting ?? true;
    const events =
      parameters.index === undefined
        ? await readLotEvents(client, { deployment: parameters.deployment, lotId, unitAccounting })
        : await indexLotEvents(parameters.index, lotId, unitAccounting);
    return historyEntries(events);
  } catch (error) {
    throw decodeError(error, { action: `read the history of lot ${lotId}` });
  }
}

/** A lot's timeline entries from its registry events, whichever source read them (the node's logs, or the index). */
export function historyEntries(events: readonly LotEvent[]): LotHistoryEntry[] {
  return events.map((log) => {
    const args = Object.fromEntries(
      Object.entries(log.args).map(([name, value]) => [
        name,
        TEXT_ARGS.has(name) && typeof value === "string" && value.length === 66 ? fromShortString(value as Hex) : value,
      ]),
    );
    const entry: LotHistoryEntry = {
      event: log.event,
      blockNumber: log.blockNumber,
      timestamp: log.timestamp,
      transactionHash: log.transactionHash,
      actor: log.actor,
      args,
    };
    if (log.event === "LotStateChanged") {
      entry.from = LOT_STATES[Number(args.from)];
      entry.to = LOT_STATES[Number(args.to)];
    }
    return entry;
  });
}

/** How many documents `getDocuments` reads by default, and `getAllDocuments` per call. */
export const DOCUMENT_PAGE_SIZE = 50;

export interface GetDocumentsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Index of the first document of the page (default 0). Past the end gives an empty page. */
  offset?: bigint | number;
  /** The most documents to read (default `DOCUMENT_PAGE_SIZE`); 0 reads none but still gives the total. */
  limit?: bigint | number;
}

/** A document recorded against a lot. */
export interface LotDocumentView {
  index: number;
  docType: DocTypeName;
  sha256: Hex;
  uri: string;
  issuer: Address;
  issuedAt: Date;
}

export interface GetDocumentsReturnType {
  /** The documents of the page, oldest first; each carries its index within the lot. */
  documents: LotDocumentView[];
  /** How many documents the lot has in all. */
  total: number;
  /** The offset of the next page, or undefined when this page reaches the end. */
  nextOffset: number | undefined;
}

export type GetDocumentsErrorType = MineralsError;

/**
 * One page of the documents recorded against a lot, and how many there are in all: a client never needs to read
 * the whole list at once.
 *
 * @example
 * const { documents, total, nextOffset } = await getDocuments(client, { deployment, lotId: 1n, offset: 0, limit: 20 })
 */
export async function getDocuments(client: Client, parameters: GetDocumentsParameters): Promise<GetDocumentsReturnType> {
  const lotId = toLotId(parameters.lotId);
  const offset = toIntInRange(parameters.offset ?? 0, "offset", 0, Number.MAX_SAFE_INTEGER, "a whole number from 0");
  const limit = toIntInRange(parameters.limit ?? DOCUMENT_PAGE_SIZE, "limit", 0, Number.MAX_SAFE_INTEGER, "a whole number from 0");
  try {
    const [page, total] = await readContract(client, {
      address: parameters.deployment.contracts.LotRegistry,
      abi: lotRegistryAbi,
      functionName: "getDocuments",
      args: [lotId, BigInt(offset), BigInt(limit)],
    });
    const documents = page.map((d, i) => ({
      index: offset + i,
      docType: DOC_TYPES[d.docType] ?? "other",
      sha256: d.sha256Hash,
      uri: d.uri,
      issuer: d.issuer,
      issuedAt: new Date(Number(d.issuedAt) * 1000),
    }));
    const end = offset + documents.length;
    return { documents, total: Number(total), nextOffset: end < Number(total) && documents.length > 0 ? end : undefined };
  } catch (error) {
    throw decodeError(error, { action: `read the documents of lot ${lotId}` });
  }
}

export interface GetAllDocumentsParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  /** Read the documents from this index (`minerals index`) instead of the node. */
  index?: IndexParameter;
}

export type GetAllDocumentsReturnType = LotDocumentView[];

/**
 * Every document of a lot, read page by page (`DOCUMENT_PAGE_SIZE` per call), for reports that list them all.
 *
 * @example
 * const documents = await getAllDocuments(client, { deployment, lotId: 1n })
 */
export async function getAllDocuments(client: Client, parameters: GetAllDocumentsParameters): Promise<GetAllDocumentsReturnType> {
  if (parameters.index !== undefined) return indexDocuments(parameters.index, toLotId(parameters.lotId));
  const all: LotDocumentView[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const page: GetDocumentsReturnType = await getDocuments(client, { deployment: parameters.deployment, lotId: parameters.lotId, offset, limit: DOCUMENT_PAGE_SIZE });
    all.push(...page.documents);
    offset = page.nextOffset;
  }
  return all;
}
