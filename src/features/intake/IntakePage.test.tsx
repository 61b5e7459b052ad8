import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { sampleIntake } from '../../data/case-store.testing.ts';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { caseProblems } from '../../domain/vocabularies-problems.ts';
import { minorSteps } from '../../domain/vocabularies-case.ts';
import { labelOf } from '../../domain/vocabulary.ts';
import { choose, field, next, openIntake, runIntakeTests, type } from './intake-page.testing.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { draftDelayMs, intakeDraftId } from './use-intake-draft.ts';

const hi = intakeMessages.hi;
const en = intakeMessages.en;

runIntakeTests();

describe('intake: validation', () => {
  it('says what to fix, per field, in the current language', async () => {
    const { container, renderIn } = await openIntake();
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(await screen.findByText(hi.errorArrivalRequired)).toBeTruthy();

    choose(container, 'arrivalRoute', 'walk_in');
    await next(hi.stepSurvivor);
    type(container, 'survivorPhone', '12345');
    type(container, 'survivorAgeYears', 'बीस');
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(await screen.findByText(hi.errorNameRequired)).toBeTruthy();
    expect(screen.getByText(hi.errorPhone)).toBeTruthy();
    expect(screen.getByText(hi.errorAge)).toBeTruthy();
    expect(screen.getByTestId('step-title').textContent).toBe(hi.stepSurvivor);

    renderIn('en');
    expect(await screen.findByText(en.errorPhone)).toBeTruthy();
    expect(screen.getByText(en.errorNameRequired)).toBeTruthy();

    type(container, 'survivorName', 'Sunita');
    type(container, 'survivorAgeYears', '24');
    type(container, 'survivorPhone', '+91 98765-43210');
    expect(await screen.findByText('Will be saved as: 9876543210')).toBeTruthy();
    expect(screen.queryByText(en.errorPhone)).toBeNull();
    await next(en.stepIncident);
  });

  it('refuses a date of birth after today with the domain rule’s message', async () => {
    const { container } = await openIntake({ lang: 'en' });
    choose(container, 'arrivalRoute', 'police');
    await next(en.stepSurvivor);
    type(container, 'survivorName', 'Asha');
    type(container, 'survivorDateOfBirth', '2030-01-01');
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(
      await screen.findByText(labelOf(caseProblems, 'date_of_birth_in_future', 'en')),
    ).toBeTruthy();
  });
});

describe('intake: a survivor under 18', () => {
  it('adds the POCSO / Child Welfare Committee step and asks for a guardian’s consent', async () => {
    const { container } = await openIntake();
    choose(container, 'arrivalRoute', 'helpline_181');
    await next(hi.stepSurvivor);
    type(container, 'survivorName', 'रीना');
    type(container, 'survivorAgeYears', '15');
    await next(hi.stepMinor);
    const notice = screen.getByTestId('minor-notice');
    expect(notice.textContent).toContain(labelOf(minorSteps, 'pocso_police_report', 'hi'));
    expect(notice.textContent).toContain(labelOf(minorSteps, 'cwc_referral', 'hi'));

    await next(hi.stepIncident);
    await next(hi.stepConsent);
    expect(screen.getByTestId('minor-consent-notice')).toBeTruthy();
    fireEvent.click(container.querySelectorAll<HTMLInputElement>('[name="consentToServices"]')[0]!);
    choose(container, 'consentGivenBy', 'survivor');
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(
      await screen.findByText(labelOf(caseProblems, 'minor_consent_needs_guardian', 'hi')),
    ).toBeTruthy();

    choose(container, 'consentGivenBy', 'parent_guardian');
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(
      await screen.findByText(labelOf(caseProblems, 'consent_giver_name_missing', 'hi')),
    ).toBeTruthy();
    type(container, 'consentGiverName', 'सरला (माँ)');
    await next(hi.stepRisk);
  });

  it('has no minor step for an adult', async () => {
    const { container } = await openIntake();
    choose(container, 'arrivalRoute', 'walk_in');
    await next(hi.stepSurvivor);
    type(container, 'survivorName', 'कमला');
    type(container, 'survivorAgeYears', '32');
    await next(hi.stepIncident);
    expect(screen.queryByText(hi.stepMinor)).toBeNull();
  });
});

describe('intake: draft', () => {
  it('saves the half-filled form and brings it back when the page opens again', async () => {
    const { container, store, unmount } = await openIntake();
    choose(container, 'arrivalRoute', 'family');
    await next(hi.stepSurvivor);
    type(container, 'survivorName', 'गीता');
    type(container, 'survivorPhone', '9123456789');
    await new Promise((resolve) => setTimeout(resolve, draftDelayMs + 100));
    const saved = await store.drafts.loadDraft(intakeDraftId);
    expect(saved?.values).toMatchObject({
      step: 'survivor',
      values: { survivorName: 'गीता', arrivalRoute: 'family' },
    });

    unmount();
    const reopened = await openIntake({ store: await store.reopen() });
    // India time, whatever zone the tablet's browser is set to.
    expect(screen.getByTestId('draft-restored').textContent).toContain(
      formatDateTime(saved?.updatedAt ?? '', 'hi'),
    );
    expect(screen.getByTestId('step-title').textContent).toBe(hi.stepSurvivor);
    expect(field(reopened.container, 'survivorName').value).toBe('गीता');
    expect(field(reopened.container, 'survivorPhone').value).toBe('9123456789');
  });
});

describe("intake: the perpetrator's relation in detail", () => {
  it('is asked beside the relation, shown on the review and saved', async () => {
    const { container, store } = await openIntake({ lang: 'en' });
    choose(container, 'arrivalRoute', 'walk_in');
    await next(en.stepSurvivor);
    type(container, 'survivorName', 'Kamla');
    await next(en.stepIncident);
    choose(container, 'perpetratorRelationship', 'in_laws');
    type(container, 'perpetratorRelationshipDetail', 'x'.repeat(101));
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(await screen.findByText('This is too long: keep it under 100 characters.')).toBeTruthy();
    type(container, 'perpetratorRelationshipDetail', " husband's elder brother ");
    await next(en.stepConsent);
    await next(en.stepRisk);
    choose(container, 'riskLevel', 'medium');
    await next(en.stepReview);
    expect(screen.getByText("husband's elder brother")).toBeTruthy();
    expect(screen.getByText('Relation in detail')).toBeTruthy();

    // Saving waits for the look for earlier cases of the same woman.
    expect(await screen.findByText(en.noDuplicates)).toBeTruthy();
    fireEvent.click(screen.getByTestId('intake-save'));
    await waitFor(() => expect(location.pathname).not.toBe('/cases/new'));
    const id = decodeURIComponent(location.pathname.replace('/cases/', ''));
    expect((await store.cases.getCaseFile(id))?.case).toMatchObject({
      perpetratorRelationship: 'in_laws',
      perpetratorRelationshipDetail: "husband's elder brother",
    });
  });
});

describe('intake: possible earlier cases', () => {
  it('shows an earlier case with the same phone before saving, then saves a new case', async () => {
    const { container, store } = await openIntake({ lang: 'en' });
    const earlier = await store.cases.registerCase(
      sampleIntake({ survivorName: 'सुनीता देवी', survivorPhone: '9876543210' }),
    );

    choose(container, 'arrivalRoute', 'walk_in');
    await next(en.stepSurvivor);
    type(container, 'survivorName', 'Sunita Devi');
    type(container, 'survivorPhone', '098765 43210');
    await next(en.stepIncident);
    await next(en.stepConsent);
    await next(en.stepRisk);
    choose(container, 'riskLevel', 'high');
    fireEvent.click(screen.getByTestId('intake-next'));
    expect(await screen.findByText(en.errorSafetyPlanRequired)).toBeTruthy();
    type(container, 'safetyPlan', 'Stays with her sister in Aliganj; calls 181.');
    await next(en.stepReview);

    const duplicates = await screen.findByTestId('possible-duplicates');
    expect(duplicates.textContent).toContain('सुनीता देवी');
    expect(duplicates.textContent).toContain(earlier.caseNumber);
    expect(duplicates.querySelector(`a[href="/cases/${earlier.id}"]`)).toBeTruthy();
    const save = screen.getByTestId('intake-save');
    expect(save.textContent).toBe(en.saveAsNewCase);

    fireEvent.click(save);
    await waitFor(() => expect(location.pathname).not.toBe('/cases/new'));
    const id = decodeURIComponent(location.pathname.replace('/cases/', ''));
    const file = await store.cases.getCaseFile(id);
    expect(file?.case).toMatchObject({
      survivorName: 'Sunita Devi',
      survivorPhone: '9876543210',
      riskLevel: 'high',
      arrivalRoute: 'walk_in',
    });
    expect(await store.drafts.loadDraft(intakeDraftId)).toBeNull();
  });
});

describe('intake: where the keyboard goes', () => {
  it("moves focus to the new step's heading after Next and Back, not left on the button", async () => {
    const { container } = await openIntake();
    choose(container, 'arrivalRoute', 'walk_in');
    screen.getByTestId('intake-next').focus();
    await next(hi.stepSurvivor);
    expect(document.activeElement).toBe(screen.getByTestId('step-title'));

    fireEvent.click(screen.getByTestId('intake-back'));
    await waitFor(() => expect(screen.getByTestId('step-title').textContent).toBe(hi.stepArrival));
    expect(document.activeElement).toBe(screen.getByTestId('step-title'));
  });

  it('Enter in a closed list goes on to the next step, as it does in a text box', async () => {
    const { container } = await openIntake();
    choose(container, 'arrivalRoute', 'walk_in');
    fireEvent.keyDown(field(container, 'arrivalRoute'), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('step-title').textContent).toBe(hi.stepSurvivor));
    // Any other key in a list only moves through its choices.
    fireEvent.keyDown(field(container, 'survivorDistrictCode'), { key: 'ArrowDown' });
    expect(screen.getByTestId('step-title').textContent).toBe(hi.stepSurvivor);
  });

  it('with something to fix, focus goes to the first field to fix, not the heading', async () => {
    const { container } = await openIntake();
    choose(container, 'arrivalRoute', 'walk_in');
    await next(hi.stepSurvivor);
    fireEvent.click(screen.getByTestId('intake-next'));
    await screen.findByText(hi.errorNameRequired);
    await waitFor(() => expect(document.activeElement).toBe(field(container, 'survivorName')));
  });

  it('after Start over, focus goes to the first step, not lost with the removed button', async () => {
    const { container, store, unmount } = await openIntake();
    choose(container, 'arrivalRoute', 'family');
    await next(hi.stepSurvivor);
    type(container, 'survivorName', 'गीता');
    await new Promise((resolve) => setTimeout(resolve, draftDelayMs + 100));
    unmount();

    await openIntake({ store: await store.reopen() });
    fireEvent.click(screen.getByTestId('start-over'));
    fireEvent.click(screen.getByTestId('start-over-confirm'));
    await waitFor(() => expect(screen.getByTestId('step-title').textContent).toBe(hi.stepArrival));
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('step-title'));
  });
});
