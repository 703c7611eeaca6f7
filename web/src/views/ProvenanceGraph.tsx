/**
 * A lot's provenance on its page: the graph from the lots registered at the mine, through every split, blend and
 * refining step, to the latest products (the SDK's `getProvenance`, drawn with the ECharts option the HTML passport
 * uses), and where the whole passport is read.
 */
import { useEffect, useRef } from "react";
import { GraphChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { provenanceChartHeight, provenanceChartOption, provenanceGraph } from "../../../src/index.ts";
import type { Reader } from "../chain.ts";
import { useLive } from "../shared.ts";

echarts.use([GraphChart, GridComponent, SVGRenderer]);

const lotList = (ids: readonly string[]): string => ids.map((id) => `lot ${id}`).join(", ");

export function ProvenanceGraph({ reader, lotId, tick }: { reader: Reader; lotId: bigint; tick: string }) {
  const { data, error } = useLive(async () => provenanceGraph(await reader.getProvenance({ lotId })), `${tick}:${lotId}`);
  const element = useRef<HTMLDivElement>(null);
  // Another lot's graph stays shown only until this lot's is read.
  const graph = data?.lotId === lotId.toString() ? data : undefined;
  const drawn = graph !== undefined && graph.steps.length > 0;
  useEffect(() => {
    if (!drawn || element.current === null) return;
    const chart = echarts.getInstanceByDom(element.current) ?? echarts.init(element.current, null, { renderer: "svg" });
    chart.setOption(provenanceChartOption(graph), { notMerge: true });
    chart.resize();
  }, [graph, drawn]);
  useEffect(() => {
    const el = element.current;
    return () => {
      if (el) echarts.getInstanceByDom(el)?.dispose();
    };
  }, [drawn]);

  return (
    <section data-testid="provenance">
      <h2>Provenance</h2>
      {graph === undefined ? (
        <p className={error ? "refused" : "muted"}>{error ?? `Reading the provenance of lot ${lotId}…`}</p>
      ) : !drawn ? (
        <p className="muted" data-testid="provenance-none">
          Lot {graph.lotId} has not been split, blended or refined: it comes from the mine as registered.
        </p>
      ) : (
        <>
          <p data-testid="provenance-summary">
            From the mine: {lotList(graph.origins)}; {graph.steps.length} step{graph.steps.length === 1 ? "" : "s"}; latest products: {lotList(graph.products) || "none"}.{" "}
            <span className="muted">The whole passport (assays, custody, documents and holders of every lot, checkable against the chain): <code>minerals passport --lot {graph.lotId}</code></span>
          </p>
          <div ref={element} data-testid="provenance-graph" style={{ width: "100%", height: provenanceChartHeight(graph) }} />
        </>
      )}
    </section>
  );
}
