import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { intakeMessages } from '../../i18n/messages-intake.ts';
import { choose, field, next, openIntake, runIntakeTests, type } from './intake-page.testing.tsx';

const en = intakeMessages.en;
const hi = intakeMessages.hi;

/** What the review shows under a step, as label → value. */
function reviewedIn(step: string): Record<string, string> {
  const group = screen.getByTestId(`review-${step}`);
  return Object.fromEntries(
    [...group.querySelectorAll('.review-row')].map((row) => [
      row.querySelector('dt')?.textContent ?? '',
      row.querySelector('dd')?.textContent ?? '',
    ]),
  );
}

runIntakeTests();

describe('intake: the review before saving', () => {
  it('shows every answer she gave, grouped by step, and nothing she left blank', async () => {
    const { container } = await openIntake({ lang: 'en' });
    choose(container, 'arrivalRoute', 'police');
    await next(en.stepSurvivor);
    type(container, 'survivorName', 'Kamla Yadav');
    type(container, 'survivorAlias', 'Kammo');
    type(container, 'survivorAddress', 'House 12, Alambagh');
    choose(container, 'survivorEducation', 'graduate');
    await next(en.stepIncident);
    type(container, 'incidentDate', '2026-03-02');
    type(container, 'incidentPlace', 'Her in-laws’ house');
    fireEvent.click(container.querySelector('input[name="violenceTypes"][value="physical"]')!);
    type(container, 'incidentNarrative', 'He beat her after an argument about money.');
    await next(en.stepConsent);
    fireEvent.click(container.querySelectorAll('input[name="consentToServices"]')[0]!);
    fireEvent.click(container.querySelectorAll('input[name="consentToReporting"]')[1]!);
    choose(container, 'consentGivenBy', 'survivor');
    await next(en.stepRisk);
    choose(container, 'riskLevel', 'low');
    await next(en.stepReview);

    expect(reviewedIn('arrival')).toEqual({ Arrival: 'Police' });
    const survivor = reviewedIn('survivor');
    expect(Object.values(survivor)).toEqual(
      expect.arrayContaining(['Kamla Yadav', 'Kammo', 'House 12, Alambagh', 'Graduate']),
    );
    expect(Object.keys(survivor)).toHaveLength(4);
    expect(Object.values(reviewedIn('incident'))).toEqual([
      '02/03/2026',
      'Her in-laws’ house',
      'Physical violence',
      'He beat her after an argument about money.',
    ]);
    const consent = Object.values(reviewedIn('consent'));
    expect(consent.slice(0, 3)).toEqual(['Yes', 'No', 'She herself']);
    // The first answer stamped when consent was taken: shown as India's day and time.
    expect(consent[3]).toMatch(/^10\/03\/2026, /);
    expect(reviewedIn('risk')).toEqual({ 'Risk level': 'Low risk' });
  });

  it('takes her back to any step to change it, keeping every answer', async () => {
    const { container } = await openIntake({ lang: 'hi' });
    choose(container, 'arrivalRoute', 'walk_in');
    await next(hi.stepSurvivor);
    type(container, 'survivorName', 'सुनीता');
    await next(hi.stepIncident);
    await next(hi.stepConsent);
    await next(hi.stepRisk);
    choose(container, 'riskLevel', 'medium');
    await next(hi.stepReview);
    expect(
      within(screen.getByTestId('review-incident')).getByText(hi.reviewNothingFilled),
    ).toBeTruthy();

    fireEvent.click(screen.getByTestId('review-change-survivor'));
    await waitFor(() => expect(screen.getByTestId('step-title').textContent).toBe(hi.stepSurvivor));
    expect(document.activeElement).toBe(screen.getByTestId('step-title'));
    expect(field(container, 'survivorName').value).toBe('सुनीता');
    type(container, 'survivorName', 'सुनीता देवी');
    await next(hi.stepIncident);
    await next(hi.stepConsent);
    await next(hi.stepRisk);
    await next(hi.stepReview);
    expect(Object.values(reviewedIn('survivor'))).toEqual(['सुनीता देवी']);
    expect(Object.values(reviewedIn('risk'))).toHaveLength(1);
  });
});
