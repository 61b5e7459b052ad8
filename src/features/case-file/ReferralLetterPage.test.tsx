import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake } from '../../data/case-store.testing.ts';
import { laterReferralBlanks } from '../../domain/entries.ts';
import { referralLetterMessages } from '../../i18n/messages-paper.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { ReferralLetterPage } from './ReferralLetterPage.tsx';

afterEach(cleanup);

async function openLetter(
  consentSharingAgencies: readonly ('police' | 'hospital' | 'dlsa')[],
  options: { centre?: { address: null; phone: null } } = {},
) {
  const store = await openTestStore();
  const registered = await store.cases.registerCase(
    sampleIntake({
      survivorPhone: '9876543210',
      survivorAddress: 'मकान 12, आलमबाग',
      consentToServices: true,
      consentSharingAgencies: [...consentSharingAgencies],
      consentGivenBy: 'survivor',
      consentRecordedAt: '2026-03-15T06:00:00.000Z',
    }),
  );
  const referral = await store.cases.addEntry(registered.id, 'referral', {
    agency: 'police',
    agencyName: 'Hazratganj police station',
    status: 'sent',
    referredAt: '2026-03-15T08:00:00.000Z',
    contactPerson: null,
    notes: null,
    outcome: null,
    ...laterReferralBlanks,
  });
  await renderScreen(<ReferralLetterPage caseId={registered.id} referralId={referral.id} />, {
    lang: 'hi',
    store,
    ...(options.centre
      ? {
          centre: {
            nameHi: 'वन स्टॉप सेंटर, लखनऊ',
            nameEn: 'One Stop Centre, Lucknow',
            ...options.centre,
          },
        }
      : {}),
  });
  return screen.findByTestId('referral-letter');
}

describe('referral letter', () => {
  it("is written in the app's language until another is chosen for the letter", async () => {
    const letter = await openLetter(['police']);
    expect(letter.getAttribute('lang')).toBe('hi');
    expect(screen.getByTestId('letter-centre').textContent).toBe('वन स्टॉप सेंटर, लखनऊ');
    fireEvent.click(screen.getByTestId('letter-lang-en'));
    const english = await screen.findByText('Subject: Referral to Police');
    expect(english).toBeTruthy();
    expect(screen.getByTestId('letter-centre').textContent).toBe('One Stop Centre, Lucknow');
    expect(screen.getByTestId('letter-centre-address').textContent).toContain('Civil Hospital');
    expect(screen.getByTestId('letter-fact-survivorName').textContent).toContain('सुनीता देवी');
  });

  it('leaves her out of a letter to an agency she has not agreed to', async () => {
    const letter = await openLetter(['hospital']);
    expect(letter.textContent).not.toContain('सुनीता');
    expect(letter.textContent).not.toContain('9876543210');
    expect(screen.getByTestId('letter-withheld').textContent).toBe(
      referralLetterMessages.hi.notAgreed,
    );
    expect(screen.getByTestId('letter-reference').textContent).toContain('LKO-');
  });

  it("says which of the centre's details the tablet lacks", async () => {
    await openLetter(['police'], { centre: { address: null, phone: null } });
    expect(screen.getByTestId('letter-missing-address').textContent).toBe(
      referralLetterMessages.hi.centreAddressMissing,
    );
    expect(screen.getByTestId('letter-missing-phone')).toBeTruthy();
  });
});
