import { describe, expect, it } from 'vitest';
import { testStaff } from '../../data/case-store.testing.ts';
import { buildNewCase, type Case } from '../../domain/case.ts';
import { caseDetailsValuesOf } from '../../forms/case-details-values.ts';
import {
  changedCaseDetails,
  followStoredDetails,
  whyDetailsLocked,
  withConsentTime,
} from './case-details-edit.ts';

const staff = testStaff.caseworker;

function sampleCase(overrides: Partial<Case> = {}): Case {
  return {
    ...buildNewCase({
      id: '01900000-0000-7000-8000-0000000000c1',
      centreId: staff.centreId,
      caseNumber: 'LKO-2026-K7-0001',
      registeredAt: '2026-03-01T05:00:00.000Z',
      registeredBy: staff.userId,
      arrivalRoute: 'walk_in',
      survivorName: 'सुनीता देवी',
    }),
    ...overrides,
  };
}

describe('whyDetailsLocked', () => {
  it('lets any staff member of her centre correct an open case', () => {
    expect(whyDetailsLocked(sampleCase(), staff)).toBeNull();
    expect(whyDetailsLocked(sampleCase({ status: 'referred' }), testStaff.manager)).toBeNull();
  });

  it('refuses a removed or closed case, and anyone outside her centre', () => {
    expect(whyDetailsLocked(sampleCase({ deleted: true, status: 'closed' }), staff)).toBe(
      'removed',
    );
    expect(whyDetailsLocked(sampleCase({ status: 'closed' }), staff)).toBe('closed');
    expect(whyDetailsLocked(sampleCase(), { role: 'state_admin', centreId: staff.centreId })).toBe(
      'not_centre_staff',
    );
    expect(
      whyDetailsLocked(sampleCase(), {
        role: 'manager',
        centreId: '01900000-0000-7000-8000-00000000c002',
      }),
    ).toBe('not_centre_staff');
  });
});

describe('changedCaseDetails', () => {
  const c = sampleCase({
    survivorPhone: '9876543210',
    violenceTypes: ['physical', 'dowry'],
    consentToServices: true,
    consentGivenBy: 'survivor',
    consentRecordedAt: '2026-03-01T05:00:27.123Z',
  });
  const shown = caseDetailsValuesOf(c);

  it('is empty for the form as shown, though the consent time is shown only to the minute', () => {
    expect(changedCaseDetails(c, shown, shown)).toEqual({});
  });

  it('holds only what she changed, as it will be stored', () => {
    const typed = { ...shown, survivorPhone: '+91 91234 56789', survivorAgeYears: ' 17 ' };
    expect(changedCaseDetails(c, shown, typed)).toEqual({
      survivorPhone: '9123456789',
      survivorAgeYears: 17,
    });
  });

  it('ignores what only looks different: spaces around a name, ticks in another order', () => {
    const typed = {
      ...shown,
      survivorName: ' सुनीता देवी ',
      survivorPhone: '98765 43210',
      violenceTypes: ['dowry', 'physical'] as typeof shown.violenceTypes,
    };
    expect(changedCaseDetails(c, shown, typed)).toEqual({});
  });

  it('clears a field she emptied', () => {
    expect(
      changedCaseDetails(c, shown, { ...shown, survivorPhone: '', violenceTypes: [] }),
    ).toEqual({ survivorPhone: null, violenceTypes: null });
  });
});

describe('withConsentTime', () => {
  const shown = caseDetailsValuesOf(
    sampleCase({
      consentToServices: true,
      consentGivenBy: 'survivor',
      consentRecordedAt: '2026-03-01T05:00:00.000Z',
    }),
  );
  const stamp = '2026-03-10T10:30';

  it('moves the consent time to now when what she consented to changes, and back when undone', () => {
    const shared = withConsentTime(
      shown,
      { ...shown, consentSharingAgencies: ['police'] },
      stamp,
      false,
    );
    expect(shared.consentRecordedAt).toBe(stamp);
    const undone = withConsentTime(shown, { ...shared, consentSharingAgencies: [] }, stamp, false);
    expect(undone.consentRecordedAt).toBe(shown.consentRecordedAt);
  });

  it('leaves the time alone for other changes, and once she has set it herself', () => {
    expect(
      withConsentTime(shown, { ...shown, survivorName: 'Sunita' }, stamp, false).consentRecordedAt,
    ).toBe(shown.consentRecordedAt);
    const hers = { ...shown, consentToReporting: true, consentRecordedAt: '2026-03-02T09:00' };
    expect(withConsentTime(shown, hers, stamp, true).consentRecordedAt).toBe('2026-03-02T09:00');
  });
});

describe('followStoredDetails', () => {
  it('shows a pulled value in fields she has not touched and keeps what she typed', () => {
    const before = sampleCase({ survivorPhone: '9876543210' });
    const shown = caseDetailsValuesOf(before);
    const typed = { ...shown, survivorName: 'सुनीता कुमारी' };
    const stored = caseDetailsValuesOf({
      ...before,
      survivorName: 'सुनीता (दूसरा टैबलेट)',
      survivorPhone: '9123456780',
    });

    const next = followStoredDetails(shown, typed, stored);
    expect(next.typed.survivorName).toBe('सुनीता कुमारी');
    expect(next.typed.survivorPhone).toBe('9123456780');
    // Her save still sends only the name: the phone is now what the form shows.
    const after = { ...before, survivorPhone: '9123456780' };
    expect(changedCaseDetails(after, next.shown, next.typed)).toEqual({
      survivorName: 'सुनीता कुमारी',
    });
  });
});
