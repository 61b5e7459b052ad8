// The one module that imports the chart library, loaded only when a report draws its first
// chart, so neither the app's first screen nor the report's tables wait for it.
import { BarChart, LineChart } from 'chartist';
import 'chartist/dist/index.css';

export interface ChartSpec {
  readonly kind: 'bar' | 'line';
  readonly labels: readonly string[];
  /** One series per line (the trend); a bar chart has one. */
  readonly series: readonly (readonly number[])[];
}

export interface DrawnChart {
  detach(): void;
}

const barHeightPx = 26;

export function drawChart(container: HTMLElement, spec: ChartSpec): DrawnChart {
  const data = { labels: [...spec.labels], series: spec.series.map((values) => [...values]) };
  if (spec.kind === 'line') {
    return new LineChart(container, data, {
      height: '220px',
      fullWidth: true,
      chartPadding: { right: 24 },
      axisY: { onlyInteger: true },
    });
  }
  return new BarChart(container, data, {
    horizontalBars: true,
    reverseData: true,
    height: `${spec.labels.length * barHeightPx + 40}px`,
    // Room for the longest Hindi labels ("मनोवैज्ञानिक परामर्श…"); longer ones are cut.
    axisY: { offset: 160 },
    axisX: { onlyInteger: true },
  });
}
