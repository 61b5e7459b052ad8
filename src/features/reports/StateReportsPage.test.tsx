import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { createStore } from 'idb-keyval';
import { enrolTestAccount } from '../../data/headquarters-vault.testing.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndicatorAnswer } from '../../domain/report-indicators.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { openLastAnswers, type LastAnswers } from './last-answers.ts';
import { buildAnswer } from './report-fixtures.testing.ts';
import { createReportsClient } from './reports-client.ts';
import { StateReportsPage } from './StateReportsPage.tsx';

const now = () => new Date('2020-12-31T18:00:00.000Z'); // 23:30 IST, still December

let lastAnswers: LastAnswers;
let storeNumber = 0;

beforeEach(async () => {
  storeNumber += 1;
  const { seal } = await enrolTestAccount();
  lastAnswers = openLastAnswers(
    seal,
    createStore(`sakhi-reports-test-${storeNumber}`, 'last-answers'),
  );
  history.replaceState(null, '', '/state');
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status });
}

function renderPage(
  send: (url: string, init?: RequestInit) => Promise<Response>,
  options: { lang?: Lang; districtCode?: string | null } = {},
) {
  const fetchStub = vi.fn(send);
  const client = createReportsClient({ token: 'hq-token', fetch: fetchStub as typeof fetch });
  render(
    <LangContext.Provider value={options.lang ?? 'en'}>
      <StateReportsPage
        client={client}
        lastAnswers={lastAnswers}
        districtCode={options.districtCode ?? null}
        now={now}
      />
    </LangContext.Provider>,
  );
  return fetchStub;
}

const answering = (answer: IndicatorAnswer) => () => Promise.resolve(json(answer));

describe('StateReportsPage', () => {
  it('asks for this year to date in India time, with her session, and shows the figures', async () => {
    const fetchStub = renderPage(answering(buildAnswer()));
    await screen.findByTestId('report-view');
    expect(fetchStub.mock.calls[0]![0]).toBe('/api/reports/indicators?from=2020-01&to=2020-12');
    expect(fetchStub.mock.calls[0]![1]?.headers).toEqual({ authorization: 'Bearer hq-token' });
    expect(screen.getByTestId('report-period').textContent).toBe('January 2020 to December 2020');
    expect(screen.getByTestId('fetched-at').textContent).toContain('31/12/2020');
    expect(screen.getByTestId('district-table')).toBeTruthy();
  });

  it('asks again for the period she chooses, and refuses one that ends before it starts', async () => {
    const fetchStub = renderPage(answering(buildAnswer()));
    await screen.findByTestId('report-view');
    fireEvent.change(screen.getByTestId('period-from-month'), { target: { value: '06' } });
    fireEvent.change(screen.getByTestId('period-to-month'), { target: { value: '03' } });
    fireEvent.click(screen.getByTestId('period-show'));
    expect((await screen.findByTestId('period-error')).textContent).toBe(
      reportsMessages.en.periodInvalid,
    );
    expect(fetchStub).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByTestId('period-to-month'), { target: { value: '09' } });
    fireEvent.click(screen.getByTestId('period-show'));
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(2));
    expect(fetchStub.mock.calls[1]![0]).toBe('/api/reports/indicators?from=2020-06&to=2020-09');
    expect(location.search).toBe('?from=2020-06&to=2020-09');
  });

  it('offline, shows the copy kept from the last answer and says when it was fetched', async () => {
    renderPage(answering(buildAnswer()));
    await screen.findByTestId('fetched-at');
    cleanup();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const fetchStub = renderPage(() => Promise.reject(new TypeError('offline')));
    const kept = await screen.findByTestId('kept-copy');
    expect(kept.textContent).toContain('31/12/2020');
    expect(fetchStub).not.toHaveBeenCalled();
    const summary = screen.getByTestId('report-table-summary');
    expect(within(summary).getByText('Cases registered').closest('tr')?.textContent).toBe(
      'Cases registered12',
    );
  });

  it('offline with nothing kept for the period, says to connect', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderPage(() => Promise.reject(new TypeError('offline')), { lang: 'hi' });
    expect((await screen.findByTestId('report-failed')).textContent).toContain(
      reportsMessages.hi.offlineNoCopy,
    );
    expect(screen.queryByTestId('report-view')).toBeNull();
  });

  it('when the server refuses her, asks her to sign in again rather than show an old copy', async () => {
    renderPage(answering(buildAnswer()));
    await screen.findByTestId('fetched-at');
    cleanup();
    renderPage(() => Promise.resolve(json({ error: { code: 'forbidden' } }, 403)));
    expect((await screen.findByTestId('report-failed')).textContent).toContain(
      reportsMessages.en.loadRefused,
    );
    expect(screen.queryByTestId('report-view')).toBeNull();
  });

  it('treats an answer that is not the report schema as no answer', async () => {
    renderPage(() => Promise.resolve(json({ scope: { kind: 'state' }, report: { names: ['x'] } })));
    expect((await screen.findByTestId('report-failed')).textContent).toContain(
      reportsMessages.en.loadFailed,
    );
  });

  it('a district page asks for that district and lists no district table', async () => {
    history.replaceState(null, '', '/state/districts/LKO?from=2020-03&to=2020-03');
    const fetchStub = renderPage(
      answering(buildAnswer({ scope: { kind: 'district', districtCode: 'LKO' } })),
      { districtCode: 'LKO', lang: 'hi' },
    );
    await screen.findByTestId('report-view');
    expect(fetchStub.mock.calls[0]![0]).toBe(
      '/api/reports/indicators?from=2020-03&to=2020-03&district=LKO',
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('जनपद: लखनऊ');
    expect(screen.queryByTestId('district-table')).toBeNull();
  });
});

describe('the district table', () => {
  const rowCodes = () =>
    screen
      .getAllByTestId(/^district-[A-Z]{3}$/u)
      .map((row) => row.getAttribute('data-testid')?.slice('district-'.length));

  it('lists all 75 districts, most cases first, with cases per 100,000 and the no-data flag', async () => {
    renderPage(answering(buildAnswer()));
    const table = await screen.findByTestId('district-table');
    expect(rowCodes()).toHaveLength(75);
    expect(rowCodes().slice(0, 2)).toEqual(['AGR', 'LKO']);
    expect(screen.getByTestId('district-AGR').textContent).toBe('Agra 90.2');
    expect(screen.queryByTestId('no-data-AGR')).toBeNull();
    expect(screen.getByTestId('no-data-ALG').textContent).toBe(reportsMessages.en.districtNoData);
    expect(table.textContent).toContain('2011 census, approximate');
    const link = within(screen.getByTestId('district-LKO')).getByRole('link');
    expect(link.getAttribute('href')).toBe('/state/districts/LKO?from=2020-01&to=2020-12');
  });

  it('sorts by a column, again to reverse it, and filters by name in either script', async () => {
    renderPage(answering(buildAnswer()), { lang: 'hi' });
    await screen.findByTestId('district-table');
    fireEvent.click(screen.getByTestId('sort-cases'));
    expect(rowCodes().slice(-2)).toEqual(['LKO', 'AGR']);
    fireEvent.click(screen.getByTestId('sort-name'));
    expect(rowCodes()[0]).toBe('AMR'); // अमरोहा first in Hindi order; in English, Agra
    fireEvent.input(screen.getByTestId('district-filter'), { target: { value: 'lucknow' } });
    expect(rowCodes()).toEqual(['LKO']);
    expect(screen.getByTestId('district-count').textContent).toBe('75 में से 1 जनपद');
  });
});
