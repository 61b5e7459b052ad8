import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { testStaff } from '../../data/case-store.testing.ts';
import { minorSteps } from '../../domain/vocabularies-case.ts';
import { stayProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { CaseFilePage } from './CaseFilePage.tsx';
import { fieldIn, openCase } from './case-file.testing.tsx';

const en = caseFileMessages.en;
const manager = testStaff.manager;

runScreenTestsOn();
afterEach(() => vi.restoreAllMocks());

describe('case page: short stay', () => {
  it('needs a reason for a planned discharge beyond 5 days, then admits her', async () => {
    const { store, registered } = await openCase();
    fireEvent.click(screen.getByTestId('action-stay'));
    const form = screen.getByTestId('stay-form');
    fireEvent.input(fieldIn(form, 'admittedAt'), { target: { value: '2026-03-10T10:30' } });
    expect(within(form).getByText('A short stay is up to 5 days: until 15/03/2026')).toBeTruthy();
    fireEvent.input(fieldIn(form, 'plannedDischargeDate'), { target: { value: '2026-03-17' } });
    fireEvent.click(screen.getByTestId('stay-form-save'));
    expect(
      await within(form).findByText(
        labelOf(stayProblems, 'stay_beyond_limit_without_reason', 'en'),
      ),
    ).toBeTruthy();

    fireEvent.input(fieldIn(form, 'extensionReason'), {
      target: { value: 'Waiting for the shelter home to take her.' },
    });
    fireEvent.click(screen.getByTestId('stay-form-save'));
    await screen.findByTestId('entry-stay');
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries.map((item) => item.entryType)).toEqual(['stay']);
    expect(file?.case.status).toBe('in_stay');
  });

  it('admits within 5 days without a reason, and flags the stay once it is overdue', async () => {
    const { store, registered, unmount } = await openCase();
    fireEvent.click(screen.getByTestId('action-stay'));
    const form = screen.getByTestId('stay-form');
    fireEvent.input(fieldIn(form, 'plannedDischargeDate'), { target: { value: '2026-03-14' } });
    expect(form.querySelector('[name="extensionReason"]')).toBeNull();
    fireEvent.click(screen.getByTestId('stay-form-save'));
    await screen.findByTestId('entry-stay');
    expect(screen.queryByTestId('stay-overdue-banner')).toBeNull();
    unmount();

    vi.setSystemTime(new Date('2026-03-16T05:00:00.000Z'));
    await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
    expect(await screen.findByTestId('stay-overdue-banner')).toBeTruthy();
  });

  it('extends a stay only with a reason', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(registered.id, 'stay', {
      admittedAt: '2026-03-10T05:00:00.000Z',
      plannedDischargeDate: '2026-03-14',
      extendedUntil: null,
      extensionReason: null,
      dischargedAt: null,
      dischargedTo: null,
    });
    cleanup();
    await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
    fireEvent.click(await screen.findByText(en.extend));
    const form = screen.getByTestId('extend-form');
    fireEvent.input(fieldIn(form, 'extendedUntil'), { target: { value: '2026-03-18' } });
    fireEvent.click(screen.getByTestId('extend-form-save'));
    expect(
      await within(form).findByText(labelOf(stayProblems, 'extension_without_reason', 'en')),
    ).toBeTruthy();
  });
});

describe('case page: services', () => {
  it('asks police help for the FIR number and police station, and records it', async () => {
    const { store, registered } = await openCase();
    fireEvent.click(screen.getByTestId('action-service'));
    const form = screen.getByTestId('service-form');
    fireEvent.click(screen.getByTestId('service-form-save'));
    expect(await within(form).findByText(en.errorRequired)).toBeTruthy();
    fireEvent.change(fieldIn(form, 'serviceKind'), { target: { value: 'police_help' } });
    await waitFor(() => expect(form.querySelector('[name="firNumber"]')).toBeTruthy());
    expect(form.querySelector('[name="policeStation"]')).toBeTruthy();
    expect(form.querySelector('[name="hospitalName"]')).toBeNull();
    fireEvent.input(fieldIn(form, 'firNumber'), { target: { value: '0123/2026' } });
    fireEvent.input(fieldIn(form, 'policeStation'), { target: { value: 'Hazratganj' } });
    fireEvent.click(screen.getByTestId('service-form-save'));
    const entry = await screen.findByTestId('entry-service');
    expect(entry.textContent).toContain('0123/2026');
    const file = await store.cases.getCaseFile(registered.id);
    expect(file?.entries[0]).toMatchObject({
      entryType: 'service',
      entry: {
        kind: 'police_help',
        firNumber: '0123/2026',
        policeStation: 'Hazratganj',
        hospitalName: null,
      },
    });
  });

  it('removes an entry only after confirmation', async () => {
    const { store, registered } = await openCase();
    await store.cases.addEntry(registered.id, 'note', { text: 'Called her mother.' });
    cleanup();
    await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
    fireEvent.click(await screen.findByTestId('remove-entry'));
    expect(screen.getByText(en.removeConfirm)).toBeTruthy();
    fireEvent.click(screen.getByTestId('remove-entry-cancel'));
    expect((await store.cases.getCaseFile(registered.id))?.entries).toHaveLength(1);
    fireEvent.click(screen.getByTestId('remove-entry'));
    fireEvent.click(screen.getByTestId('remove-entry-confirm'));
    await waitFor(() => expect(screen.queryByTestId('entry-note')).toBeNull());
    expect((await store.cases.getCaseFile(registered.id))?.entries).toHaveLength(0);
  });
});

describe('case page: a girl under 18', () => {
  it('flags her and lists the missing POCSO and CWC steps until they are recorded', async () => {
    const { store, registered } = await openCase({
      survivorAgeYears: 16,
      consentToServices: true,
      consentGivenBy: 'parent_guardian',
      consentGiverName: 'Her mother',
      consentRecordedAt: '2026-03-10T05:00:00.000Z',
      consentSharingAgencies: ['child_welfare_committee'],
    });
    expect(screen.getByTestId('minor-flag')).toBeTruthy();
    const missing = screen.getByTestId('missing-minor-steps');
    expect(missing.textContent).toContain(labelOf(minorSteps, 'pocso_police_report', 'en'));
    expect(missing.textContent).toContain(labelOf(minorSteps, 'cwc_referral', 'en'));

    fireEvent.click(screen.getByTestId('action-referral'));
    const form = screen.getByTestId('referral-form');
    fireEvent.change(fieldIn(form, 'agency'), { target: { value: 'child_welfare_committee' } });
    fireEvent.click(screen.getByTestId('referral-form-save'));
    await screen.findByTestId('entry-referral');
    await waitFor(() =>
      expect(screen.getByTestId('missing-minor-steps').textContent).not.toContain(
        labelOf(minorSteps, 'cwc_referral', 'en'),
      ),
    );
    expect((await store.cases.getCaseFile(registered.id))?.entries[0]).toMatchObject({
      entryType: 'referral',
      entry: { agency: 'child_welfare_committee', status: 'sent' },
    });
  });

  it('will not send a referral to an agency she has not consented to share with', async () => {
    await openCase();
    fireEvent.click(screen.getByTestId('action-referral'));
    const form = screen.getByTestId('referral-form');
    fireEvent.change(fieldIn(form, 'agency'), { target: { value: 'police' } });
    fireEvent.click(screen.getByTestId('referral-form-save'));
    expect(await within(form).findByText(en.sharingNotConsented)).toBeTruthy();
  });
});

describe('case page: closure', () => {
  it('lets a manager approve a requested closure, which closes the case', async () => {
    const { store, registered } = await openCase({}, { staff: manager });
    fireEvent.click(screen.getByTestId('action-closure'));
    const form = screen.getByTestId('closure-form');
    fireEvent.change(fieldIn(form, 'closureReason'), { target: { value: 'other' } });
    fireEvent.click(screen.getByTestId('closure-form-save'));
    expect(await within(form).findByText('The reason is "Other": describe it.')).toBeTruthy();
    fireEvent.input(fieldIn(form, 'closureNote'), {
      target: { value: 'Moved to Delhi with her family.' },
    });
    fireEvent.click(screen.getByTestId('closure-form-save'));
    await screen.findByTestId('closure-requested');

    fireEvent.click(screen.getByTestId('action-approveClosure'));
    fireEvent.click(await screen.findByTestId('approve-closure-form-save'));
    await waitFor(async () =>
      expect((await store.cases.getCaseFile(registered.id))?.case.status).toBe('closed'),
    );
    const closed = (await store.cases.getCaseFile(registered.id))!.case;
    expect(closed).toMatchObject({
      closureReason: 'other',
      closureApprovedBy: manager.userId,
      closureRequestedBy: manager.userId,
    });
    expect(closed.closureApprovedAt).not.toBeNull();
  });

  it('offers approval only to a manager', async () => {
    const { store, registered } = await openCase();
    await store.cases.updateCase(registered.id, {
      closureReason: 'services_completed',
      closureRequestedBy: store.staff.userId,
      closureRequestedAt: '2026-03-10T05:00:00.000Z',
    });
    cleanup();
    await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
    await screen.findByTestId('closure-requested');
    expect(screen.queryByTestId('action-approveClosure')).toBeNull();
  });
});

describe('case page: who did it', () => {
  it("shows the perpetrator's name, relation and the relation in detail", async () => {
    await openCase({
      perpetratorName: 'Ramesh',
      perpetratorRelationship: 'in_laws',
      perpetratorRelationshipDetail: "husband's elder brother",
    });
    expect(screen.getByTestId('case-summary').textContent).toContain(
      "Ramesh — In-laws — husband's elder brother",
    );
  });
});

describe('case page: follow-ups', () => {
  it('refuses a due date already past, saying why, and saves today', async () => {
    const { store, registered } = await openCase();
    fireEvent.click(screen.getByTestId('action-followUp'));
    const form = screen.getByTestId('follow-up-form');
    fireEvent.input(fieldIn(form, 'dueDate'), { target: { value: '2026-03-09' } });
    fireEvent.click(screen.getByTestId('follow-up-form-save'));
    expect(await within(form).findByText(en.errorDueDateInPast)).toBeTruthy();
    expect((await store.cases.getCaseFile(registered.id))?.entries).toEqual([]);

    fireEvent.input(fieldIn(form, 'dueDate'), { target: { value: '2026-03-10' } });
    fireEvent.click(screen.getByTestId('follow-up-form-save'));
    await screen.findByTestId('entry-followUp');
    expect((await store.cases.getCaseFile(registered.id))?.entries).toHaveLength(1);
  });
});
