/**
 * A hand-made year (2023) at one centre for the test that the tablet and headquarters
 * count alike: every indicator is touched, and so is every boundary the definitions name
 * (a case with a date of birth and no age, 31 December 23:30 IST, a stay over 5 days and
 * one of exactly 5, a follow-up overdue, removed records).
 */
import type { Mutation } from '../../src/domain/protocol.ts';
import { sampleService, type ServiceAnswers } from '../../src/domain/entries.testing.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';
import { mutationOf, newCaseMutation } from './sync-fixture.ts';

export function agreementYearMutations(actor: SyncActor, stamp: string): Mutation[] {
  const centreId = actor.centreId!;
  const newCase = (overrides: Record<string, unknown>) => newCaseMutation(actor, stamp, overrides);
  const entry = (recordType: Mutation['recordType'], of: Mutation, values: object) => {
    const id = crypto.randomUUID();
    return mutationOf(
      { recordType, recordId: id, caseId: of.caseId },
      {
        id,
        caseId: of.caseId,
        centreId,
        recordedAt: '2023-03-01T05:00:00.000Z',
        recordedBy: actor.userId,
        deleted: false,
        ...values,
      },
      stamp,
    );
  };
  const closed = (at: string, reason: string | null) => ({
    status: 'closed',
    closureReason: reason,
    closureRequestedBy: actor.userId,
    closureRequestedAt: at,
    closureApprovedBy: actor.userId,
    closureApprovedAt: at,
  });
  const service = (of: Mutation, kind: ServiceAnswers['kind'], givenAt: string) =>
    entry('service', of, sampleService({ kind, givenAt }));
  const stay = (admittedAt: string, dischargedAt: string | null) => ({
    admittedAt,
    dischargedAt,
    plannedDischargeDate: '2023-03-10',
    extendedUntil: null,
    extensionReason: null,
    dischargedTo: null,
  });
  const referral = { agencyName: null, contactPerson: null, notes: null, outcome: null };
  const followUp = { mode: 'phone', outcome: null, notes: null };

  // Only a date of birth: 17 on the day she came, so a minor.
  const bornOnly = newCase({
    registeredAt: '2023-03-05T05:00:00.000Z',
    survivorAgeYears: null,
    survivorDateOfBirth: '2005-03-06',
    violenceTypes: ['sexual', 'physical'],
    arrivalRoute: 'police',
  });
  // 31 December 2023, 23:30 in India: December.
  const lateDecember = newCase({
    registeredAt: '2023-12-31T18:00:00.000Z',
    survivorAgeYears: 52,
    violenceTypes: ['dowry'],
    arrivalRoute: 'helpline_181',
  });
  const hospital = newCase({
    registeredAt: '2023-03-20T10:00:00.000Z',
    survivorAgeYears: 24,
    violenceTypes: null,
    arrivalRoute: 'hospital',
    // 23:45 on 31 December in India: December.
    ...closed('2023-12-31T18:15:00.000Z', null),
  });
  const closedEarly = newCase({
    registeredAt: '2022-11-02T05:00:00.000Z',
    survivorAgeYears: null,
    arrivalRoute: 'walk_in',
    ...closed('2023-03-31T19:00:00.000Z', 'services_completed'),
  });
  const removed = newCase({ registeredAt: '2023-03-06T05:00:00.000Z', deleted: true });
  return [
    bornOnly,
    lateDecember,
    hospital,
    closedEarly,
    removed,
    service(bornOnly, 'counselling', '2023-03-05T06:00:00.000Z'),
    service(bornOnly, 'legal_aid', '2023-03-31T18:40:00.000Z'),
    service(closedEarly, 'medical_aid', '2023-01-15T06:00:00.000Z'),
    service(removed, 'legal_aid', '2023-03-06T06:00:00.000Z'),
    service(hospital, 'police_help', '2023-03-21T06:00:00.000Z'),
    // Over five days, exactly five days, and one still open at the server's clock.
    entry('stay', bornOnly, stay('2023-03-05T06:00:00.000Z', '2023-03-12T06:00:00.000Z')),
    entry('stay', hospital, stay('2023-03-20T11:00:00.000Z', '2023-03-25T11:00:00.000Z')),
    entry('stay', lateDecember, stay('2023-12-31T18:20:00.000Z', null)),
    entry('referral', bornOnly, {
      ...referral,
      agency: 'police',
      status: 'accepted',
      referredAt: '2023-03-06T05:00:00.000Z',
    }),
    entry('referral', hospital, {
      ...referral,
      agency: 'hospital',
      status: 'sent',
      referredAt: '2023-03-21T05:00:00.000Z',
    }),
    entry('referral', lateDecember, {
      ...referral,
      agency: 'dlsa',
      status: 'planned',
      referredAt: null,
    }),
    entry('followUp', bornOnly, {
      ...followUp,
      dueDate: '2023-04-01',
      doneAt: '2023-04-02T05:00:00.000Z',
    }),
    entry('followUp', hospital, { ...followUp, dueDate: '2023-12-20', doneAt: null }),
    entry('followUp', lateDecember, { ...followUp, dueDate: '2024-01-15', doneAt: null }),
    entry('followUp', removed, { ...followUp, dueDate: '2023-03-10', doneAt: null }),
  ];
}
