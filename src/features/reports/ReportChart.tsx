import { useEffect, useRef } from 'preact/hooks';
import { fill, useMessages } from '../../i18n/define-messages.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import type { ChartSpec, DrawnChart } from './chartist-charts.ts';

/**
 * A chart for a table that sits right under it. To a screen reader it is one image named
 * after the table, since the table already holds every figure in readable form. If the
 * chart cannot load (offline before the chunk was cached), the table is still there.
 */
export function ReportChart({ title, spec }: { readonly title: string; readonly spec: ChartSpec }) {
  const t = useMessages(reportsMessages);
  const container = useRef<HTMLDivElement>(null);
  const specKey = JSON.stringify(spec);
  useEffect(() => {
    let isCurrent = true;
    let chart: DrawnChart | null = null;
    import('./chartist-charts.ts').then(
      ({ drawChart }) => {
        if (isCurrent && container.current) chart = drawChart(container.current, spec);
      },
      (error: unknown) => console.warn('Sakhi: the chart could not be drawn', error),
    );
    return () => {
      isCurrent = false;
      chart?.detach();
    };
    // specKey stands for spec: a new array with the same figures needs no redraw.
  }, [specKey]);
  return (
    <div
      ref={container}
      class="report-chart"
      role="img"
      aria-label={fill(t.chartOf, { title })}
      data-testid="report-chart"
    />
  );
}
