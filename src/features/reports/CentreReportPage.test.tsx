import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportPeriod } from '../../domain/report-indicators.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { captureCsvDownloads } from './csv-capture.testing.ts';
import { CentreReportPage } from './CentreReportPage.tsx';
import type { ReadCentreReport } from './report-ports.ts';
import { buildReport } from './report-fixtures.testing.ts';

const now = () => new Date('2020-12-31T18:00:00.000Z'); // 23:30 IST: December in India

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderPage(readCentreReport: ReadCentreReport, lang: Lang = 'hi') {
  render(
    <LangContext.Provider value={lang}>
      <CentreReportPage readCentreReport={readCentreReport} fileTag="LKO" now={now} />
    </LangContext.Provider>,
  );
}

const counting = () =>
  vi.fn((period: ReportPeriod, asOf: Date) =>
    Promise.resolve(buildReport({ period, asOf: asOf.toISOString(), casesRegistered: 3 })),
  );

describe('CentreReportPage', () => {
  it('counts this month in India time on the tablet and shows it in Hindi', async () => {
    const readCentreReport = counting();
    renderPage(readCentreReport);
    await screen.findByTestId('report-view');
    expect(readCentreReport).toHaveBeenCalledWith({ from: '2020-12', to: '2020-12' }, now());
    expect(screen.getByTestId('report-period').textContent).toBe('दिसंबर 2020');
    expect(screen.getByTestId('report-table-summary').textContent).toContain('दर्ज मामले3');
    expect(screen.getByTestId('computed-at').textContent).toContain('2020');
  });

  it('counts again for the month she chooses', async () => {
    const readCentreReport = counting();
    renderPage(readCentreReport, 'en');
    await screen.findByTestId('report-view');
    fireEvent.change(screen.getByTestId('period-from-month'), { target: { value: '03' } });
    fireEvent.click(screen.getByTestId('period-show'));
    await waitFor(() => expect(readCentreReport).toHaveBeenCalledTimes(2));
    expect(readCentreReport.mock.calls[1]![0]).toEqual({ from: '2020-03', to: '2020-03' });
    await waitFor(() => expect(screen.getByTestId('report-period').textContent).toBe('March 2020'));
  });

  it('names the months to choose from in the app’s language', async () => {
    renderPage(counting());
    await screen.findByTestId('report-view');
    const month = screen.getByTestId<HTMLSelectElement>('period-from-month');
    expect(month.value).toBe('12');
    expect(month.options[2]!.textContent).toBe('मार्च');
    expect(screen.getByTestId<HTMLSelectElement>('period-from-year').value).toBe('2020');
  });

  it('exports a table named for the centre and the month', async () => {
    const readDownloads = captureCsvDownloads();
    renderPage(counting());
    await screen.findByTestId('report-view');
    fireEvent.click(screen.getByTestId('csv-monthly'));
    const [csv] = await readDownloads();
    expect(csv?.fileName).toBe('sakhi_LKO_2020-12_monthly.csv');
    expect([...(csv?.bytes.slice(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv?.text.split('\r\n').slice(0, 2)).toEqual([
      'महीना,दर्ज मामले,दी गई सेवाएँ,बंद मामले',
      '2020-01,5,4,0',
    ]);
  });

  it('says so when the tablet cannot count, and shows no figures', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderPage(() => Promise.reject(new Error('not connected')), 'en');
    expect((await screen.findByTestId('report-failed')).textContent).toBe(
      reportsMessages.en.centreFailed,
    );
    expect(screen.queryByTestId('report-view')).toBeNull();
  });
});
