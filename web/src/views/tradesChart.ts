/**
 * The trades-over-time chart of a lot's page: Apache ECharts (the library the HTML reports draw with), only the parts
 * this chart uses, as SVG and without animation. The lot view loads this module when a lot has trades to draw, so
 * the page's first load does not carry the charting library.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type ECharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { TradingReport } from "../../../src/index.ts";

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Draws the price per market unit (a line with a point per trade point) and the volume (bars) over time in `element`. */
export function drawTrades(element: HTMLElement, points: TradingReport["overTime"], unit: string): ECharts {
  const chart = init(element, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    grid: { left: 20, right: 20, top: 50, bottom: 20, containLabel: true },
    xAxis: { type: "time", axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: "value", name: `USD per ${unit}`, scale: true, nameTextStyle: { align: "left" } },
      { type: "value", name: unit, nameTextStyle: { align: "right" }, splitLine: { show: false } },
    ],
    series: [
      { name: `price per ${unit}`, type: "line", yAxisIndex: 0, symbolSize: 8, data: points.map((p) => [p.timestamp, Number(p.price.usd)]) },
      { name: "volume", type: "bar", yAxisIndex: 1, barMaxWidth: 24, itemStyle: { opacity: 0.5 }, data: points.map((p) => [p.timestamp, Number(p.volume.market)]) },
    ],
  });
  return chart;
}
