import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { captureCsvDownloads } from './csv-capture.testing.ts';
import { buildReport } from './report-fixtures.testing.ts';
import { ReportView } from './ReportView.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderView(lang: Lang) {
  return render(
    <LangContext.Provider value={lang}>
      <ReportView report={buildReport()} fileStem={['sakhi', 'state', '2020-01', '2020-03']} />
    </LangContext.Provider>,
  );
}

describe('ReportView', () => {
  it('shows every indicator as a table, labelled in Hindi', () => {
    renderView('hi');
    const violence = screen.getByTestId('report-table-violence-type');
    expect(within(violence).getByRole('heading').textContent).toBe('हिंसा के प्रकार के अनुसार मामले');
    const physical = within(violence).getByText('शारीरिक हिंसा').closest('tr');
    expect(physical?.querySelector('td')?.textContent).toBe('7');
    expect(screen.getAllByRole('table')).toHaveLength(11);
  });

  it('shows the same tables in English', () => {
    renderView('en');
    const arrival = screen.getByTestId('report-table-arrival-route');
    expect(within(arrival).getByText('181 women helpline').closest('tr')?.textContent).toBe(
      '181 women helpline5',
    );
    expect(screen.getByTestId('report-table-stays').textContent).toContain('2.5');
  });

  it('puts a chart, named for screen readers, over each table that has one', () => {
    renderView('en');
    const charts = screen.getAllByTestId('report-chart');
    // Every counted table and the monthly trend; the summary, stays and follow-ups are figures.
    expect(charts).toHaveLength(8);
    const trend = within(screen.getByTestId('report-table-monthly')).getByRole('img');
    expect(trend.getAttribute('aria-label')).toBe(
      'Chart of Month by month (the figures are in the table below)',
    );
  });

  it('exports a table as CSV with a BOM, its Hindi intact', async () => {
    const readDownloads = captureCsvDownloads();
    renderView('hi');
    fireEvent.click(screen.getByTestId('csv-violence-type'));
    const [csv] = await readDownloads();
    expect(csv?.fileName).toBe('sakhi_state_2020-01_2020-03_violence-type.csv');
    expect([...(csv?.bytes.slice(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv?.text.replace(/^\uFEFF/u, '').split('\r\n');
    expect(lines?.[0]).toBe('श्रेणी,संख्या');
    expect(lines).toContain('शारीरिक हिंसा,7');
    expect(lines).toContain('दर्ज नहीं,2');
  });

  it('prints through the browser, the button itself marked to stay off paper', () => {
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    renderView('en');
    const button = screen.getByTestId('report-print');
    fireEvent.click(button);
    expect(print).toHaveBeenCalledOnce();
    expect(button.closest('.no-print')).not.toBeNull();
  });
});
