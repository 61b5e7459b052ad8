// The one module that imports the chart library, loaded only when a report draws its first
// chart, so neither the app's first screen nor the report's tables wait for it.
//
// What must stay true: the app's Content-Security-Policy allows no inline style attribute
// (`style-src 'self'`), and Chartist writes one on every chart and label (the SVG's size, a
// label's overflow). The browser refuses each, logging a violation, and the labels lose
// their overflow. So Chartist's `style` attribute is set through the element's CSSOM
// instead, which the policy allows; the policy itself is not loosened for a chart.
import { BarChart, LineChart, Svg, type Attributes } from 'chartist';
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

// Always called with .call(this), on a Chartist element.
// eslint-disable-next-line @typescript-eslint/unbound-method
const setAttributes = Svg.prototype.attr as (
  this: Svg,
  attributes: Attributes | string,
  ns?: string,
) => Svg | string | null;
function setAttributesWithoutInlineStyle(this: Svg, attributes: Attributes | string, ns?: string) {
  // A string is Chartist reading an attribute: nothing to move.
  if (typeof attributes === 'string') return setAttributes.call(this, attributes, ns);
  const { style, ...others } = attributes;
  if (style !== undefined) this.getNode<SVGElement>().style.cssText = String(style);
  return setAttributes.call(this, others);
}
Svg.prototype.attr = setAttributesWithoutInlineStyle as typeof Svg.prototype.attr;

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
