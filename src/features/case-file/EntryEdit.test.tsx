import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn, TEST_MORNING } from '../../shell/screen-tests.testing.ts';
import { testStaff } from '../../data/case-store.testing.ts';
import { stayProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { entryEditMessages } from '../../i18n/messages-entry-edit.ts';
import { fromLocalDateTimeInput } from '../../ui/datetime.ts';
import {
  fieldIn,
  openCase,
  referralSentThisMorning,
  serviceGivenThisMorning,
  stayAdmittedThisMorning,
} from './case-file.testing.tsx';

const tEdit = entryEditMessages.en;
const now = TEST_MORNING;
const consented = {
  consentToServices: true,
  consentSharingAgencies: ['dlsa' as const],
  consentRecordedAt: now,
};

runScreenTestsOn();

/** The fields of the last change queued for sync. */
async function lastChangedFields(store: Awaited<ReturnType<typeof openCase>>['store']) {
  const outbox = await store.db.outbox.toArray();
  return Object.keys(outbox.at(-1)?.fields ?? {}).sort();
}

describe('correcting a service', () => {
  it('opens the service form with its answers and saves only what she changed', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(
      registered.id,
      'service',
      serviceGivenThisMorning({
        kind: 'police_help',
        givenBy: testStaff.caseworker.userId,
        firNumber: '0123/2026',
        policeStation: 'Hazratganj',
      }),
    );
    fireEvent.click(await screen.findByTestId('correct-service'));
    const form = screen.getByTestId('service-edit-form');
    expect(fieldIn(form, 'firNumber').value).toBe('0123/2026');
    fireEvent.input(fieldIn(form, 'firNumber'), { target: { value: '0124/2026' } });
    fireEvent.click(screen.getByTestId('service-edit-form-save'));
    await waitFor(() => expect(screen.queryByTestId('service-edit-form')).toBeNull());
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries[0]?.entry).toMatchObject({ firNumber: '0124/2026' });
    expect(await lastChangedFields(store)).toEqual(['firNumber']);
  });

  it('keeps the same checks as a new service: a blank time is refused', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(
      registered.id,
      'service',
      serviceGivenThisMorning({ kind: 'counselling', durationMinutes: 30 }),
    );
    const queued = await store.db.outbox.count();
    fireEvent.click(await screen.findByTestId('correct-service'));
    const form = screen.getByTestId('service-edit-form');
    fireEvent.input(fieldIn(form, 'givenAt'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('service-edit-form-save'));
    expect(await within(form).findByText('Write the full date and time.')).toBeTruthy();
    expect(await store.db.outbox.count()).toBe(queued);
  });
});

describe('a referral over time', () => {
  it('moves sent → accepted → completed, each step dated and named', async () => {
    const { store, registered } = await openCase(consented, { staff: testStaff.caseworker });
    await store.cases.addEntry(registered.id, 'referral', {
      ...referralSentThisMorning,
      referredBy: testStaff.caseworker.userId,
    });
    const step = async (status: string, at: string, outcome?: string) => {
      fireEvent.click(await screen.findByTestId('referral-update-status'));
      const form = screen.getByTestId('referral-status-form');
      fireEvent.change(fieldIn(form, 'referralStatus'), { target: { value: status } });
      fireEvent.input(fieldIn(form, 'changedAt'), { target: { value: at } });
      if (outcome) fireEvent.input(fieldIn(form, 'outcome'), { target: { value: outcome } });
      fireEvent.click(screen.getByTestId('referral-status-form-save'));
      return form;
    };
    await step('accepted', '2026-03-11T10:00');
    await screen.findByTestId('referral-step-accepted');
    expect(await lastChangedFields(store)).toEqual(['acceptedAt', 'acceptedBy', 'status']);

    const form = await step('completed', '2026-03-12T10:00');
    expect(await within(form).findByText(tEdit.outcomeRequired)).toBeTruthy();
    fireEvent.input(fieldIn(form, 'outcome'), { target: { value: 'Advocate assigned.' } });
    fireEvent.click(screen.getByTestId('referral-status-form-save'));
    const done = await screen.findByTestId('referral-step-completed', {}, { timeout: 5000 });
    expect(done.textContent).toContain('by ');
    const steps = screen.getByTestId('referral-steps');
    expect([...steps.querySelectorAll('li')].map((li) => li.getAttribute('data-testid'))).toEqual([
      'referral-step-sent',
      'referral-step-accepted',
      'referral-step-completed',
    ]);
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries[0]?.entry).toMatchObject({
      status: 'completed',
      acceptedAt: fromLocalDateTimeInput('2026-03-11T10:00'),
      completedAt: fromLocalDateTimeInput('2026-03-12T10:00'),
      completedBy: testStaff.caseworker.userId,
      outcome: 'Advocate assigned.',
    });
  });

  it('corrects who at the agency took it, through the referral form', async () => {
    const { store, registered } = await openCase(consented);
    await store.cases.addEntry(registered.id, 'referral', referralSentThisMorning);
    fireEvent.click(await screen.findByTestId('correct-referral'));
    const form = screen.getByTestId('referral-edit-form');
    expect(form.querySelector('[name="referralStatus"]')).toBeNull();
    fireEvent.input(fieldIn(form, 'contactPerson'), { target: { value: 'Adv. Meena' } });
    fireEvent.click(screen.getByTestId('referral-edit-form-save'));
    await waitFor(() => expect(screen.queryByTestId('referral-edit-form')).toBeNull());
    expect(await lastChangedFields(store)).toEqual(['contactPerson']);
  });
});

describe('correcting a stay and a follow-up', () => {
  it('corrects the admission through the admission form, with its 5-day rule', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(registered.id, 'stay', stayAdmittedThisMorning);
    fireEvent.click(await screen.findByTestId('correct-stay'));
    const form = screen.getByTestId('stay-edit-form');
    expect(fieldIn(form, 'plannedDischargeDate').value).toBe('2026-03-12');
    fireEvent.input(fieldIn(form, 'plannedDischargeDate'), { target: { value: '2026-03-20' } });
    fireEvent.click(screen.getByTestId('stay-edit-form-save'));
    expect(
      await within(form).findByText(
        labelOf(stayProblems, 'stay_beyond_limit_without_reason', 'en'),
      ),
    ).toBeTruthy();
    fireEvent.input(fieldIn(form, 'plannedDischargeDate'), { target: { value: '2026-03-14' } });
    fireEvent.click(screen.getByTestId('stay-edit-form-save'));
    await waitFor(() => expect(screen.queryByTestId('stay-edit-form')).toBeNull());
    expect(await lastChangedFields(store)).toEqual(['plannedDischargeDate']);
  });

  it('reschedules a follow-up', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(registered.id, 'followUp', {
      dueDate: '2026-03-12',
      mode: 'phone',
      doneAt: null,
      outcome: null,
      notes: null,
    });
    fireEvent.click(await screen.findByTestId('correct-followUp'));
    const form = screen.getByTestId('follow-up-edit-form');
    fireEvent.input(fieldIn(form, 'dueDate'), { target: { value: '2026-03-15' } });
    fireEvent.click(screen.getByTestId('follow-up-edit-form-save'));
    await waitFor(() => expect(screen.queryByTestId('follow-up-edit-form')).toBeNull());
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries[0]?.entry).toMatchObject({ dueDate: '2026-03-15' });
    expect(await lastChangedFields(store)).toEqual(['dueDate']);
  });
});

describe('changing the arrival route', () => {
  it('uses intake’s chooser, saves the route with who changed it, and shows it in the timeline', async () => {
    const { store, registered } = await openCase({}, { staff: testStaff.caseworker });
    fireEvent.click(screen.getByTestId('action-arrival'));
    const form = screen.getByTestId('arrival-form');
    expect(fieldIn(form, 'arrivalRoute').value).toBe('walk_in');
    fireEvent.click(screen.getByTestId('arrival-form-save'));
    expect((await within(form).findByTestId('arrival-notice')).textContent).toBe(
      tEdit.arrivalUnchanged,
    );
    fireEvent.change(fieldIn(form, 'arrivalRoute'), { target: { value: 'police' } });
    fireEvent.click(screen.getByTestId('arrival-form-save'));
    const change = await screen.findByTestId('entry-arrival', {}, { timeout: 5000 });
    expect(change.textContent).toContain('Police');
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.case).toMatchObject({
      arrivalRoute: 'police',
      arrivalRouteChangedBy: testStaff.caseworker.userId,
      arrivalRouteChangedAt: now,
    });
    expect(await lastChangedFields(store)).toEqual([
      'arrivalRoute',
      'arrivalRouteChangedAt',
      'arrivalRouteChangedBy',
    ]);
  });
});
