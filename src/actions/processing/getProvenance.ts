import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotProcessingAbiWithErrors } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { decodeError } from "../../errors/decode.ts";
import type { ContractRevertErrorType, DeploymentErrorType, InvalidArgumentErrorType, TransactionErrorType } from "../../errors/base.ts";
import { STEP_KINDS, type StepKindName } from "../../internal/processing.ts";
import { toLotId } from "../../internal/validate.ts";
import { Quantity, type Commodity } from "../../units/index.ts";
import { getLot, type LotView } from "../lots/getLot.ts";
import { indexProvenance, type IndexParameter } from "../../internal/indexSource.ts";
import { IndexError } from "../../errors/indexer.ts";

export interface GetProvenanceParameters {
  deployment: Deployment;
  /** Any lot: the graph is followed from it back to the mine and forward to its latest products. */
  lotId: bigint | number | string;
  /** Read the graph from this index (`minerals index`), in one request, instead of the node's views lot by lot. */
  index?: IndexParameter;
}

/** One processing step of the graph. */
export interface ProvenanceStep {
  stepId: bigint;
  kind: StepKindName;
  at: Date;
  by: Address;
  inputs: bigint[];
  outputs: bigint[];
  /** For a refining step: the metal of the inputs' mineral consumed, produced as the product, and lost. */
  massBalance: { consumed: Quantity; produced: Quantity; loss: Quantity } | undefined;
}

/** What an input gave to an output: the part of the output attributed to the input's metal. */
export interface ProvenanceEdge {
  stepId: bigint;
  from: bigint;
  to: bigint;
  /** The part of the output (in the output's mineral) that belongs to the input. */
  quantity: Quantity;
}

/** A lot of the graph, with what a step consumed of it and how far its holders converted. */
export interface ProvenanceLot {
  lot: LotView;
  /** The step that created it (undefined for a lot registered from a mine). */
  producedBy: bigint | undefined;
  /** The step that consumed it (undefined while it is not processed). */
  consumedBy: bigint | undefined;
  /** For a consumed lot: the metal consumed, the units then held by investors, and how many have converted. */
  conversion: { consumed: Quantity; outstanding: Quantity; converted: Quantity } | undefined;
  /** By-products an assayer recorded in it (gold in copper-gold concentrate), with what it contains of each. */
  byProducts: { commodity: Commodity; gradePpb: bigint; contained: Quantity }[];
}

export interface GetProvenanceReturnType {
  lotId: bigint;
  /** Every lot connected to it through processing steps, in id order. */
  lots: ProvenanceLot[];
  /** Every step connecting them, in id order. */
  steps: ProvenanceStep[];
  edges: ProvenanceEdge[];
  /** The lots registered from a mine that it descends from (itself, for such a lot). */
  origins: bigint[];
}

export type GetProvenanceErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * A lot's provenance graph: from the lots registered at the mine, through every split, blend and refining step, to
 * its latest products, with what each step consumed of each input and gave to each output (mass balance and loss for
 * refining), how far each consumed lot's holders have converted, and the by-products assayed in each lot. Without a
 * processing contract in the deployment, a lot is its own graph.
 *
 * @example
 * const { origins, steps } = await getProvenance(client, { deployment, lotId: 7n })
 * console.log(`lot 7 comes from lots ${origins.join(", ")} through ${steps.length} steps`)
 */
export async function getProvenance(client: Client, parameters: GetProvenanceParameters): Promise<GetProvenanceReturnType> {
  const { deployment } = parameters;
  const lotId = toLotId(parameters.lotId);
  const source = parameters.index === undefined ? nodeGraph(client, deployment) : await indexGraph(parameters.index, deployment, lotId);
  return provenanceOf(lotId, source);
}

/** Where the graph's facts come from: a lot's record, its place in the graph, a step. */
export interface GraphSource {
  lot(lotId: bigint): Promise<LotView>;
  /** Undefined without a processing contract: a lot is then its own graph. */
  place(lotId: bigint): Promise<LotPlace | undefined>;
  step(stepId: bigint): Promise<RawStep>;
}

/** A lot's place in the graph as the processing contract records it (`producedBy`, `conversionOf`, `byProductsOf`). */
export interface LotPlace {
  producedBy: bigint;
  conversion: { stepId: bigint; consumed: bigint; outstanding: bigint; converted: bigint; shares: readonly bigint[] };
  byProducts: { commodity: Commodity; gradePpb: bigint; contained: bigint }[];
}

/** A step as the processing contract records it (`getStep`). */
export interface RawStep {
  kind: number;
  at: bigint;
  by: Address;
  inputs: readonly bigint[];
  outputs: readonly bigint[];
}

/** The graph's facts read from the node: each lot and step once, as the walk reaches it. */
function nodeGraph(client: Client, deployment: Deployment): GraphSource {
  const processing = deployment.contracts.LotProcessing;
  const read = async <T>(action: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw decodeError(error, { action });
    }
  };
  return {
    lot: (lotId) => getLot(client, { deployment, lotId }),
    place: async (id) => {
      if (processing === undefined) return undefined;
      const [producedBy, conversion, byProducts] = await read(`read the provenance of lot ${id}`, () =>
        Promise.all([
          readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "producedBy", args: [id] }),
          readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "conversionOf", args: [id] }),
          readContract(client, { address: processing, abi: lotProcessingAbiWithErrors, functionName: "byProductsOf", args: [id] }),
        ]),
      );
      return {
        producedBy,
        conversion,
        byProducts: byProducts[0].map((commodity, k) => ({ commodity: commodity as Commodity, gradePpb: BigInt(byProducts[1][k]!), contained: byProducts[2][k]! })),
      };
    },
    step: async (stepId) => {
      const step = await read(`read processing step ${stepId}`, () => readContract(client, { address: processing!, abi: lotProcessingAbiWithErrors, functionName: "getStep", args: [stepId] }));
      return { kind: step.kind, at: BigInt(step.at), by: step.by, inputs: step.inputs, outputs: step.outputs };
    },
  };
}

/** The graph's facts from the index: the whole connected graph in one request, then walked as from the node. */
async function indexGraph(index: IndexParameter, deployment: Deployment, lotId: bigint): Promise<GraphSource> {
  const graph = await indexProvenance(index, deployment, lotId);
  if (!graph.lots.has(lotId)) throw new IndexError(`Lot ${lotId} is not in the index: it does not exist, or the index has not reached the block that registered it.`);
  const missing = (what: string) => new IndexError(`The index has no ${what} of lot ${lotId}'s provenance graph: is it still indexing that block?`);
  return {
    lot: async (id) => graph.lots.get(id) ?? Promise.reject(missing(`lot ${id}`)),
    place: async (id) => graph.places.get(id) ?? { producedBy: 0n, conversion: { stepId: 0n, consumed: 0n, outstanding: 0n, converted: 0n, shares: [] }, byProducts: [] },
    step: async (id) => graph.steps.get(id) ?? Promise.reject(missing(`step ${id}`)),
  };
}

/**
 * The provenance graph of `lotId`, walked over `source` from the lot through the step that produced each lot and the
 * step that consumed it: edges from the consumed inputs' shares, a refining step's mass balance from its inputs and
 * its product, the origins the lot descends from.
 */
async function provenanceOf(lotId: bigint, source: GraphSource): Promise<GetProvenanceReturnType> {
  const lots = new Map<bigint, ProvenanceLot>();
  const steps = new Map<bigint, ProvenanceStep>();
  // What each consumed input gave to each output of its step, in the output's base units (its mineral is known once
  // every lot is read).
  const shares: { stepId: bigint; from: bigint; to: bigint; share: bigint }[] = [];
  const visitStep = async (stepId: bigint, queue: bigint[]) => {
    if (steps.has(stepId)) return;
    const step = await source.step(stepId);
    const record: ProvenanceStep = {
      stepId,
      kind: STEP_KINDS[step.kind] as StepKindName,
      at: new Date(Number(step.at) * 1000),
      by: step.by,
      inputs: [...step.inputs],
      outputs: [...step.outputs],
      massBalance: undefined,
    };
    steps.set(stepId, record);
    queue.push(...step.inputs, ...step.outputs);
  };
  const queue: bigint[] = [lotId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (lots.has(id)) continue;
    const lot = await source.lot(id);
    const place = await source.place(id);
    if (place === undefined) {
      lots.set(id, { lot, producedBy: undefined, consumedBy: undefined, conversion: undefined, byProducts: [] });
      continue;
    }
    const { producedBy, conversion, byProducts } = place;
    const q = (base: bigint) => Quantity.fromBase(lot.commodity, base);
    lots.set(id, {
      lot,
      producedBy: producedBy === 0n ? undefined : producedBy,
      consumedBy: conversion.stepId === 0n ? undefined : conversion.stepId,
      conversion: conversion.stepId === 0n ? undefined : { consumed: q(conversion.consumed), outstanding: q(conversion.outstanding), converted: q(conversion.converted) },
      byProducts: byProducts.map((b) => ({ commodity: b.commodity, gradePpb: b.gradePpb, contained: Quantity.fromBase(b.commodity, b.contained) })),
    });
    if (producedBy !== 0n) await visitStep(producedBy, queue);
    if (conversion.stepId !== 0n) {
      await visitStep(conversion.stepId, queue);
      const step = steps.get(conversion.stepId)!;
      for (const [j, output] of step.outputs.entries()) shares.push({ stepId: step.stepId, from: id, to: output, share: conversion.shares[j]! });
    }
  }
  const edges: ProvenanceEdge[] = shares.map(({ stepId, from, to, share }) => ({ stepId, from, to, quantity: Quantity.fromBase(lots.get(to)!.lot.commodity, share) }));
  // A refining step's mass balance follows from its inputs and its product (the first output).
  for (const step of steps.values()) {
    if (step.kind !== "process") continue;
    const commodity = lots.get(step.inputs[0]!)!.lot.commodity;
    const consumed = step.inputs.reduce((sum, input) => sum + lots.get(input)!.conversion!.consumed.base, 0n);
    const produced = lots.get(step.outputs[0]!)!.lot.payable.base;
    step.massBalance = { consumed: Quantity.fromBase(commodity, consumed), produced: Quantity.fromBase(commodity, produced), loss: Quantity.fromBase(commodity, consumed - produced) };
  }
  const byId = <T>(map: Map<bigint, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  const origins: bigint[] = [];
  const seen = new Set<bigint>();
  const climb = (id: bigint) => {
    if (seen.has(id)) return;
    seen.add(id);
    const node = lots.get(id)!;
    if (node.producedBy === undefined) origins.push(id);
    else for (const input of steps.get(node.producedBy)!.inputs) climb(input);
  };
  climb(lotId);
  return { lotId, lots: byId(lots), steps: byId(steps), edges, origins: origins.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}
