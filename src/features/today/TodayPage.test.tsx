import { screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake } from '../../data/case-store.testing.ts';
import { pulledPartialCase, storePulledPage } from '../../data/pulled-records.testing.ts';
import { todayMessages } from '../../i18n/messages-today.ts';
import { TodayPage } from './TodayPage.tsx';
import { laterReferralBlanks } from '../../domain/entries.ts';

runScreenTestsOn();

describe('today', () => {
  it('lists overdue and due follow-ups, stays ending and referrals waiting', async () => {
    const store = await openTestStore();
    const late = await store.cases.registerCase(sampleIntake({ survivorName: 'Meena' }));
    await store.cases.addEntry(late.id, 'followUp', {
      dueDate: '2026-03-05',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    const due = await store.cases.registerCase(sampleIntake({ survivorName: 'Asha' }));
    await store.cases.addEntry(due.id, 'followUp', {
      dueDate: '2026-03-10',
      mode: 'home_visit',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    const staying = await store.cases.registerCase(sampleIntake({ survivorName: 'Rekha' }));
    await store.cases.addEntry(staying.id, 'stay', {
      admittedAt: '2026-03-06T05:00:00.000Z',
      plannedDischargeDate: '2026-03-10',
      extendedUntil: null,
      extensionReason: null,
      dischargedAt: null,
      dischargedTo: null,
    });
    const referred = await store.cases.registerCase(
      sampleIntake({
        survivorName: 'Kamla',
        consentToServices: true,
        consentSharingAgencies: ['dlsa'],
      }),
    );
    await store.cases.addEntry(referred.id, 'referral', {
      agency: 'dlsa',
      agencyName: null,
      ...laterReferralBlanks,
      status: 'sent',
      referredAt: '2026-03-08T05:00:00.000Z',
      contactPerson: null,
      notes: null,
      outcome: null,
    });

    await renderScreen(<TodayPage />, { lang: 'en', store });
    expect((await screen.findByTestId('today-followups-overdue')).textContent).toContain('Meena');
    expect(screen.getByTestId('today-followups-due').textContent).toContain('Asha');
    expect(screen.getByTestId('today-stays-ending').textContent).toContain('Rekha');
    expect(screen.getByTestId('today-referrals-waiting').textContent).toContain('Kamla');
  });

  it('says when nothing is waiting', async () => {
    await renderScreen(<TodayPage />, { lang: 'hi' });
    expect((await screen.findByTestId('today-clear')).textContent).toBe(todayMessages.hi.allClear);
  });

  it('follows the store: a follow-up added in another tab shows without leaving the screen', async () => {
    const store = await openTestStore();
    const registered = await store.cases.registerCase(sampleIntake({ survivorName: 'Meena' }));
    await renderScreen(<TodayPage />, { lang: 'en', store });
    expect(await screen.findByTestId('today-clear')).toBeTruthy();

    const otherTab = await openTestStore({ name: store.db.name });
    await otherTab.cases.addEntry(registered.id, 'followUp', {
      dueDate: '2026-03-10',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    await waitFor(() => expect(screen.queryByTestId('today-clear')).toBeNull());
    expect(document.body.textContent).toContain('Meena');
    otherTab.db.close();
  });

  it('lists the follow-up of a case pulled with only some of its fields', async () => {
    const store = await openTestStore();
    const caseId = '0190a000-0000-7000-8000-000000000301';
    await storePulledPage(store, [pulledPartialCase(store, caseId, { survivorAgeYears: 16 })]);
    await store.cases.addEntry(caseId, 'followUp', {
      dueDate: '2026-03-10',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    await renderScreen(<TodayPage />, { lang: 'en', store });
    expect((await screen.findByTestId('today-followups-due')).textContent).toContain('Zarina');
  });
});
