import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { StoreError } from '../../data/case-store.ts';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { CaseFilePage } from './CaseFilePage.tsx';
import { fieldIn, openCase as openCaseFile } from './case-file.testing.tsx';

const en = caseFileMessages.en;

/** A case with a phone and low risk, its page open. */
function openCase(overrides: Parameters<typeof sampleIntake>[0] = {}) {
  return openCaseFile({ riskLevel: 'low', survivorPhone: '9876543210', ...overrides });
}

function openDetailsForm(): HTMLElement {
  fireEvent.click(screen.getByTestId('action-details'));
  return screen.getByTestId('details-form');
}

runScreenTestsOn();
afterEach(() => vi.restoreAllMocks());

describe('case page: correcting her details', () => {
  it('saves a corrected name and phone as one mutation of just those fields', async () => {
    const { store, registered } = await openCase();
    const form = openDetailsForm();
    expect(fieldIn(form, 'survivorName').value).toBe('सुनीता देवी');
    expect(fieldIn(form, 'survivorPhone').value).toBe('9876543210');
    fireEvent.input(fieldIn(form, 'survivorName'), { target: { value: 'सुनीता कुमारी' } });
    fireEvent.input(fieldIn(form, 'survivorPhone'), { target: { value: '+91 91234 56789' } });
    fireEvent.click(screen.getByTestId('details-form-save'));

    await waitFor(() => expect(screen.getByTestId('case-name').textContent).toBe('सुनीता कुमारी'));
    expect(screen.getByTestId('case-summary').textContent).toContain('9123456789');
    expect(screen.queryByTestId('details-form')).toBeNull();
    const found = await store.cases.searchCases('sunita kumari');
    expect(found.map((summary) => summary.id)).toEqual([registered.id]);

    const outbox = await store.db.outbox.toArray();
    expect(outbox).toHaveLength(2);
    const correction = outbox[1];
    expect(correction?.recordId).toBe(registered.id);
    expect(Object.keys(correction?.fields ?? {}).sort()).toEqual(['survivorName', 'survivorPhone']);
    expect(correction?.fields.survivorPhone?.value).toBe('9123456789');
  });

  it('shows an invalid phone next to the field in both languages and saves nothing', async () => {
    const { store, registered, renderIn } = await openCase();
    const form = openDetailsForm();
    fireEvent.input(fieldIn(form, 'survivorName'), { target: { value: 'Sunita Kumari' } });
    fireEvent.input(fieldIn(form, 'survivorPhone'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('details-form-save'));

    const phone = fieldIn(form, 'survivorPhone');
    expect(await within(form).findByText(intakeMessages.en.errorPhone)).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(phone));
    renderIn('hi');
    expect(
      await within(screen.getByTestId('details-form')).findByText(intakeMessages.hi.errorPhone),
    ).toBeTruthy();
    expect(fieldIn(screen.getByTestId('details-form'), 'survivorName').value).toBe('Sunita Kumari');
    expect(await store.db.outbox.count()).toBe(1);
    expect((await store.cases.getCaseFile(registered.id))?.case.survivorName).toBe('सुनीता देवी');
  });

  it('offers no edit on a closed case, and says why', async () => {
    const store = await openTestStore({ staff: testStaff.manager });
    const registered = await store.cases.registerCase(
      sampleIntake({
        status: 'closed',
        closureReason: 'services_completed',
        closureApprovedBy: testStaff.manager.userId,
        closureApprovedAt: '2026-03-09T05:00:00.000Z',
      }),
    );
    await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
    await screen.findByTestId('case-summary');
    expect(screen.queryByTestId('action-details')).toBeNull();
    expect(screen.getByTestId('details-locked').textContent).toBe(en.detailsLockedClosed);
  });

  it('keeps everything she typed when the store fails, and says so', async () => {
    const { store, registered } = await openCase();
    vi.spyOn(store.cases, 'updateCase').mockRejectedValueOnce(
      new StoreError('storage_full', { hi: 'जगह भर गई है।', en: 'The tablet is out of space.' }),
    );
    const form = openDetailsForm();
    fireEvent.input(fieldIn(form, 'survivorName'), { target: { value: 'Sunita Kumari' } });
    fireEvent.input(fieldIn(form, 'incidentPlace'), { target: { value: 'Aliganj market' } });
    fireEvent.click(screen.getByTestId('details-form-save'));

    const failure = await within(form).findByText(/The tablet is out of space\./);
    expect(failure.textContent).toContain(en.detailsTypedKept);
    expect(fieldIn(form, 'survivorName').value).toBe('Sunita Kumari');
    expect(fieldIn(form, 'incidentPlace').value).toBe('Aliganj market');
    expect(await store.db.outbox.count()).toBe(1);

    fireEvent.click(screen.getByTestId('details-form-save'));
    await waitFor(() => expect(screen.getByTestId('case-name').textContent).toBe('Sunita Kumari'));
    expect((await store.cases.getCaseFile(registered.id))?.case.incidentPlace).toBe(
      'Aliganj market',
    );
  });

  it('tells what the law expects when a corrected age makes her a girl, and asks a guardian’s consent', async () => {
    const { store, registered } = await openCase({
      survivorAgeYears: 22,
      consentToServices: true,
      consentGivenBy: 'survivor',
      consentRecordedAt: '2026-03-10T05:00:00.000Z',
    });
    const form = openDetailsForm();
    expect(within(form).queryByTestId('minor-notice')).toBeNull();
    fireEvent.input(fieldIn(form, 'survivorAgeYears'), { target: { value: '16' } });
    expect(await within(form).findByTestId('minor-notice')).toBeTruthy();
    fireEvent.click(screen.getByTestId('details-form-save'));
    expect(
      await within(form).findByText(labelOf(caseProblems, 'minor_consent_needs_guardian', 'en')),
    ).toBeTruthy();
    expect(await store.db.outbox.count()).toBe(1);

    fireEvent.change(fieldIn(form, 'consentGivenBy'), { target: { value: 'parent_guardian' } });
    fireEvent.input(await waitFor(() => fieldIn(form, 'consentGiverName')), {
      target: { value: 'Her mother' },
    });
    fireEvent.click(screen.getByTestId('details-form-save'));
    // The page shows the save when its live read answers; under happy-dom every mutation
    // of this large form makes findBy scan the whole page first, which can take seconds.
    await screen.findByTestId('minor-flag', {}, { timeout: 4000 });
    expect(screen.getByTestId('missing-minor-steps')).toBeTruthy();
    const outbox = await store.db.outbox.toArray();
    expect(Object.keys(outbox[1]?.fields ?? {}).sort()).toEqual([
      'consentGivenBy',
      'consentGiverName',
      'survivorAgeYears',
    ]);
    expect((await store.cases.getCaseFile(registered.id))?.case.survivorAgeYears).toBe(16);
  });

  it('saves nothing when nothing was changed', async () => {
    const { store } = await openCase({ consentRecordedAt: '2026-03-10T05:00:27.123Z' });
    openDetailsForm();
    fireEvent.click(screen.getByTestId('details-form-save'));
    expect(await screen.findByTestId('details-notice')).toBeTruthy();
    expect(await store.db.outbox.count()).toBe(1);
  });
});
