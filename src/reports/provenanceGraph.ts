/**
 * A provenance graph as plain JSON (lots, steps and what each input gave each output), and the Apache ECharts option
 * that draws it: lots from the mine on the left, each step between its inputs and its outputs, the latest products on
 * the right. Browser-safe: the live page and the self-contained HTML passport draw the same option.
 */
import type { Address } from "viem";
import type { GetProvenanceReturnType } from "../actions/processing/getProvenance.ts";
import type { StepKindName } from "../internal/processing.ts";
import { COMMODITIES, Quantity, parseCommodity, type QuantityJson } from "../units/index.ts";

/** A lot of the graph, as the chart and the passport show it. */
export interface ProvenanceGraphLot {
  lotId: string;
  commodity: string;
  symbol: string;
  form: string;
  state: string;
  originId: string;
  quantities: { payable: QuantityJson };
  /** The step that created it (null for a lot registered from a mine). */
  producedBy: string | null;
  /** The step that consumed it (null while it is not processed). */
  consumedBy: string | null;
  /** The metal that step consumed of it (null while it is not processed). */
  consumed: QuantityJson | null;
}

/** A split, blend or refining step, with the mass balance of a refining step. */
export interface ProvenanceGraphStep {
  stepId: string;
  kind: StepKindName;
  at: string;
  by: Address;
  inputs: string[];
  outputs: string[];
  /** For a refining step: the metal of the inputs' mineral consumed, produced as the product, and lost. */
  massBalance: { consumed: QuantityJson; produced: QuantityJson; loss: QuantityJson } | null;
}

/** What an input gave to an output of a step: the part of the output (in the output's mineral) that is the input's. */
export interface ProvenanceGraphEdge {
  stepId: string;
  from: string;
  to: string;
  quantity: QuantityJson;
}

export interface ProvenanceGraph {
  /** The lot the graph was read for. */
  lotId: string;
  /** The lots registered from a mine that it descends from. */
  origins: string[];
  /** The latest products of the graph: lots a step created and none consumed. */
  products: string[];
  lots: ProvenanceGraphLot[];
  steps: ProvenanceGraphStep[];
  edges: ProvenanceGraphEdge[];
}

/**
 * The JSON form of a provenance graph read by `getProvenance`.
 *
 * @example
 * const graph = provenanceGraph(await client.getProvenance({ lotId: 7n }))
 * graph.products // ["9", "10"]
 */
export function provenanceGraph(provenance: GetProvenanceReturnType): ProvenanceGraph {
  return {
    lotId: provenance.lotId.toString(),
    origins: provenance.origins.map(String),
    products: provenance.lots.filter((l) => l.producedBy !== undefined && l.consumedBy === undefined).map((l) => l.lot.lotId.toString()),
    lots: provenance.lots.map(({ lot, producedBy, consumedBy, conversion }) => ({
      lotId: lot.lotId.toString(),
      commodity: COMMODITIES[lot.commodity].name,
      symbol: COMMODITIES[lot.commodity].symbol,
      form: lot.form,
      state: lot.state,
      originId: lot.originId,
      quantities: { payable: lot.payable.toJSON() },
      producedBy: producedBy?.toString() ?? null,
      consumedBy: consumedBy?.toString() ?? null,
      consumed: conversion?.consumed.toJSON() ?? null,
    })),
    steps: provenance.steps.map((s) => ({
      stepId: s.stepId.toString(),
      kind: s.kind,
      at: s.at.toISOString(),
      by: s.by,
      inputs: s.inputs.map(String),
      outputs: s.outputs.map(String),
      massBalance: s.massBalance ? { consumed: s.massBalance.consumed.toJSON(), produced: s.massBalance.produced.toJSON(), loss: s.massBalance.loss.toJSON() } : null,
    })),
    edges: provenance.edges.map((e) => ({ stepId: e.stepId.toString(), from: e.from.toString(), to: e.to.toString(), quantity: e.quantity.toJSON() })),
  };
}

/** A quantity as people read it: "2,352.670 t Cu". */
const quantityText = (q: QuantityJson, base: bigint = BigInt(q.base)): string => Quantity.fromBase(parseCommodity(q.commodity), base).format();

/** Each mineral's colour in the graph. */
const COLOURS: Readonly<Record<string, string>> = {
  gold: "#c9a227",
  copper: "#b87333",
  tungsten: "#5b6f82",
  antimony: "#8a7fa8",
  "rare earths": "#3f8f5f",
};

const STEP_VERBS: Readonly<Record<StepKindName, string>> = { split: "split", blend: "blend", process: "refine" };

/** The name the chart gives a lot and a step (ECharts links nodes by name). */
export const lotNodeName = (lotId: string): string => `lot ${lotId}`;
export const stepNodeName = (step: Pick<ProvenanceGraphStep, "stepId" | "kind">): string => `${STEP_VERBS[step.kind]} #${step.stepId}`;

/** The height of a row of the drawing, in pixels (a node, its three lines of label, the arrows' labels). */
const ROW = 110;

/** How tall a chart of `graph` should be to show every row of it. */
export function provenanceChartHeight(graph: ProvenanceGraph): number {
  return 50 + ROW * Math.max(1, ...[...layout(graph).rows.values()]);
}

/** Each node's column (mine lots first, every step right of its inputs, every output right of its step) and row. */
function layout(graph: ProvenanceGraph) {
  const lots = new Map(graph.lots.map((l) => [l.lotId, l]));
  const steps = new Map(graph.steps.map((s) => [s.stepId, s]));
  const column = new Map<string, number>();
  const lotColumn = (lotId: string, seen: Set<string> = new Set()): number => {
    const key = `lot:${lotId}`;
    if (column.has(key)) return column.get(key)!;
    const producedBy = lots.get(lotId)?.producedBy ?? null;
    const step = producedBy === null ? undefined : steps.get(producedBy);
    // A step reached twice on one path would be a cycle, which the contracts refuse; stop rather than loop.
    const value = step === undefined || seen.has(step.stepId) ? 0 : stepColumn(step, new Set([...seen, step.stepId])) + 1;
    column.set(key, value);
    return value;
  };
  const stepColumn = (step: ProvenanceGraphStep, seen: Set<string>): number => {
    const key = `step:${step.stepId}`;
    if (column.has(key)) return column.get(key)!;
    const value = Math.max(0, ...step.inputs.map((input) => lotColumn(input, seen))) + 1;
    column.set(key, value);
    return value;
  };
  for (const lot of graph.lots) lotColumn(lot.lotId);
  for (const step of graph.steps) stepColumn(step, new Set([step.stepId]));
  const rows = new Map<number, number>();
  const position = new Map<string, [number, number]>();
  for (const key of [...graph.lots.map((l) => `lot:${l.lotId}`), ...graph.steps.map((s) => `step:${s.stepId}`)]) {
    const c = column.get(key)!;
    const row = rows.get(c) ?? 0;
    rows.set(c, row + 1);
    position.set(key, [c, row]);
  }
  return { position, rows };
}

/**
 * The ECharts option that draws `graph` (a `graph` series on a hidden grid, laid out by column, animation off): each lot a circle in
 * its mineral's colour with its id, material and payable quantity, each step a diamond with its kind and (for a
 * refining step) its loss, each arrow out of a step labelled with the metal it gave; the lot the graph was read for
 * ringed.
 *
 * @example
 * echarts.init(element).setOption(provenanceChartOption(graph))
 */
export function provenanceChartOption(graph: ProvenanceGraph): Record<string, unknown> {
  const { position } = layout(graph);
  const lots = new Map(graph.lots.map((l) => [l.lotId, l]));
  const nodes = [
    ...graph.lots.map((l) => ({
      name: lotNodeName(l.lotId),
      value: position.get(`lot:${l.lotId}`)!,
      symbol: "circle",
      symbolSize: 26,
      itemStyle: { color: COLOURS[l.commodity] ?? "#57606a", ...(l.lotId === graph.lotId ? { borderColor: "#1b1f24", borderWidth: 4 } : {}) },
      label: { show: true, position: "bottom", formatter: `lot ${l.lotId}\n${l.commodity} ${l.form}\n${quantityText(l.quantities.payable)}, ${l.state}` },
    })),
    ...graph.steps.map((s) => ({
      name: stepNodeName(s),
      value: position.get(`step:${s.stepId}`)!,
      symbol: "diamond",
      symbolSize: 20,
      itemStyle: { color: "#57606a" },
      label: {
        show: true,
        position: "bottom",
        formatter: `${stepNodeName(s)}\n${s.at.slice(0, 10)}${s.massBalance ? `\nloss ${quantityText(s.massBalance.loss)}` : ""}`,
      },
    })),
  ];
  // An arrow into a step carries the whole input (its node says how much); an arrow out of it is labelled with what
  // the step gave that output: the inputs' shares added up.
  const links = [
    ...graph.steps.flatMap((s) => s.inputs.map((input) => ({ source: lotNodeName(input), target: stepNodeName(s) }))),
    ...graph.steps.flatMap((s) =>
      s.outputs.map((output) => {
        const given = graph.edges.filter((e) => e.stepId === s.stepId && e.to === output);
        const text = given.length > 0 ? quantityText(given[0]!.quantity, given.reduce((sum, e) => sum + BigInt(e.quantity.base), 0n)) : quantityText(lots.get(output)!.quantities.payable);
        return { source: stepNodeName(s), target: lotNodeName(output), label: { show: true, formatter: text } };
      }),
    ),
  ];
  const columns = Math.max(1, ...[...position.values()].map(([c]) => c + 1));
  const rows = Math.max(1, ...[...position.values()].map(([, r]) => r + 1));
  // On a hidden grid rather than ECharts' own view: the grid stretches to any width while circles stay round.
  const axis = (count: number, inverse: boolean) => ({ type: "value", show: false, min: inverse ? -0.3 : -0.5, max: count - 0.5, inverse });
  return {
    animation: false,
    tooltip: { show: false },
    grid: { left: 70, right: 90, top: 30, bottom: 20 },
    xAxis: axis(columns, false),
    yAxis: axis(rows, true),
    series: [
      {
        type: "graph",
        coordinateSystem: "cartesian2d",
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 9,
        lineStyle: { color: "#8c959f", width: 2, curveness: 0 },
        edgeLabel: { fontSize: 11, color: "#1b1f24" },
        label: { fontSize: 11, lineHeight: 14 },
        data: nodes,
        links,
      },
    ],
  };
}
