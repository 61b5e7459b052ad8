import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake } from '../../data/case-store.testing.ts';
import {
  pulledNewCase,
  pulledPartialCase,
  storePulledPage,
} from '../../data/pulled-records.testing.ts';
import { recordSyncSuccess } from '../../data/sync-state.ts';
import { caseListMessages } from '../../i18n/messages-cases.ts';
import { CaseListPage } from './CaseListPage.tsx';

const en = caseListMessages.en;

function names(): string[] {
  return screen
    .queryAllByTestId('case-row')
    .map((row) => row.querySelector('.case-row-name')?.textContent ?? '');
}

runScreenTestsOn();

describe('case list', () => {
  it('finds a Devanagari name typed in Latin letters, and a phone number', async () => {
    const store = await openTestStore();
    await store.cases.registerCase(
      sampleIntake({
        survivorName: 'सुनीता देवी',
        survivorPhone: '9876543210',
        survivorAgeYears: 28,
      }),
    );
    await store.cases.registerCase(sampleIntake({ survivorName: 'Kamla', riskLevel: 'high' }));
    const { container } = await renderScreen(<CaseListPage />, { lang: 'en', store });
    await waitFor(() => expect(names()).toHaveLength(2));

    fireEvent.input(container.querySelector('[name="q"]')!, { target: { value: 'sunita' } });
    await waitFor(() => expect(names()).toEqual(['सुनीता देवी']));
    expect(screen.getByTestId('case-row').textContent).toContain('28 yrs');

    fireEvent.input(container.querySelector('[name="q"]')!, { target: { value: '98765' } });
    await waitFor(() => expect(names()).toEqual(['सुनीता देवी']));
  });

  it('filters by risk and says when nothing matches', async () => {
    const store = await openTestStore();
    await store.cases.registerCase(sampleIntake({ survivorName: 'Asha', riskLevel: 'low' }));
    await store.cases.registerCase(sampleIntake({ survivorName: 'Kamla', riskLevel: 'high' }));
    const { container } = await renderScreen(<CaseListPage />, { lang: 'en', store });
    await waitFor(() => expect(names()).toHaveLength(2));
    fireEvent.change(container.querySelector('[name="risk"]')!, { target: { value: 'high' } });
    await waitFor(() => expect(names()).toEqual(['Kamla']));
    fireEvent.input(container.querySelector('[name="q"]')!, { target: { value: 'zzzz' } });
    expect(await screen.findByText(en.noMatches)).toBeTruthy();
  });

  it('shows a follow-up overdue flag on the row', async () => {
    const store = await openTestStore();
    const registered = await store.cases.registerCase(sampleIntake({ survivorName: 'Meena' }));
    await store.cases.addEntry(registered.id, 'followUp', {
      dueDate: '2026-03-01',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    await renderScreen(<CaseListPage />, { lang: 'en', store });
    const row = await screen.findByTestId('case-row');
    expect(row.textContent).toContain(en.followUpOverdue);
    expect(row.getAttribute('href')).toBe(`/cases/${registered.id}`);
  });

  it('shows cases a pull stores while the list is open, and marks cases not yet at headquarters', async () => {
    const store = await openTestStore();
    await renderScreen(<CaseListPage />, { lang: 'en', store });
    expect(await screen.findByText(en.casesArriving)).toBeTruthy();

    await storePulledPage(store, [
      pulledNewCase(store, '0190a000-0000-7000-8000-000000000201', { survivorName: 'Kamla' }),
    ]);
    await waitFor(() => expect(names()).toEqual(['Kamla']));
    expect(screen.queryByTestId('case-row-not-sent')).toBeNull();

    await store.cases.registerCase(sampleIntake({ survivorName: 'Asha' }));
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(screen.getAllByTestId('case-row-not-sent')).toHaveLength(1);
  });

  it('says cases are still arriving until a sync has pushed and pulled, then that there are none', async () => {
    const store = await openTestStore();
    await renderScreen(<CaseListPage />, { lang: 'en', store });
    expect(await screen.findByText(en.casesArriving)).toBeTruthy();
    // The service worker's push-only run brings nothing down.
    await recordSyncSuccess(store.db, new Date(), { hasPulled: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId('cases-arriving')).toBeTruthy();
    await recordSyncSuccess(store.db, new Date(), { hasPulled: true });
    expect(await screen.findByText(en.noCases)).toBeTruthy();
    expect(screen.queryByTestId('cases-arriving')).toBeNull();
  });

  it('lists a case pulled with only some of its fields', async () => {
    const store = await openTestStore();
    await storePulledPage(store, [
      pulledPartialCase(store, '0190a000-0000-7000-8000-000000000301', { survivorAgeYears: 16 }),
    ]);
    await renderScreen(<CaseListPage />, { lang: 'en', store });
    expect((await screen.findByTestId('case-row')).textContent).toContain('Zarina');
  });
});
