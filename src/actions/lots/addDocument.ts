import type { Client, Hash, Hex, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { DOC_TYPES, indexOfName, type DocTypeName } from "../../domain.ts";
import { InvalidArgumentError, type MineralsError } from "../../errors/base.ts";
import { toHash, toLotId } from "../../internal/validate.ts";
import { writeAndWait } from "../../internal/write.ts";

export interface AddDocumentParameters {
  deployment: Deployment;
  lotId: bigint | number | string;
  docType: DocTypeName;
  /** SHA-256 of the document's bytes, 0x-prefixed. The document itself never goes on chain. */
  sha256: Hex;
  /** Where the document can be fetched by those entitled to it (may be empty); at most 512 bytes. */
  uri: string;
  /** When the document was issued; not in the future. */
  issuedAt: Date;
}

export interface AddDocumentReturnType {
  index: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type AddDocumentErrorType = MineralsError;

/**
 * Records a document against a lot by its content hash. ISSUER, ASSAYER or CUSTODIAN role.
 *
 * @example
 * import { createHash } from "node:crypto"
 * const sha256 = `0x${createHash("sha256").update(pdfBytes).digest("hex")}`
 * await addDocument(client, { deployment, lotId: 1n, docType: "assay-certificate", sha256, uri: "ipfs://…", issuedAt: new Date("2026-11-20") })
 */
export async function addDocument(client: Client, parameters: AddDocumentParameters): Promise<AddDocumentReturnType> {
  const lotId = toLotId(parameters.lotId);
  const docType = indexOfName(DOC_TYPES, String(parameters.docType));
  if (docType === undefined) throw new InvalidArgumentError("docType", `one of ${DOC_TYPES.join(", ")}`, parameters.docType);
  const sha256 = toHash(parameters.sha256, "sha256");
  if (typeof parameters.uri !== "string" || new TextEncoder().encode(parameters.uri).length > 512) {
    throw new InvalidArgumentError("uri", "a URI of at most 512 bytes", parameters.uri);
  }
  if (!(parameters.issuedAt instanceof Date) || Number.isNaN(parameters.issuedAt.getTime()) || parameters.issuedAt.getTime() <= 0) {
    throw new InvalidArgumentError("issuedAt", "a valid date", parameters.issuedAt);
  }
  const issuedAt = BigInt(Math.floor(parameters.issuedAt.getTime() / 1000));
  const { receipt } = await writeAndWait(client, {
    address: parameters.deployment.contracts.LotRegistry,
    abi: lotRegistryAbi,
    functionName: "addDocument",
    args: [lotId, docType, sha256, parameters.uri, issuedAt],
    context: { action: `add the document (${DOC_TYPES[docType]}) to lot ${lotId}` },
  });
  const [event] = parseEventLogs({ abi: lotRegistryAbi, logs: receipt.logs, eventName: "DocumentAdded" });
  return { index: event?.args.index ?? 0n, hash: receipt.transactionHash, receipt };
}
