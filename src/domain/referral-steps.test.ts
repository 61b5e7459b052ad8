import { describe, expect, it } from 'vitest';
import { laterReferralBlanks, referralEntrySchema, type ReferralEntry } from './entries.ts';
import { formatStamp } from './hlc.ts';
import { mergeFields, valuesOf, type FieldMap } from './merge.ts';
import { referralStepOf, referralStepsOf } from './referral-steps.ts';

const counsellor = { userId: '0190a1b2-c3d4-7e5f-8a6b-000000000002' };
const caseworker = { userId: '0190a1b2-c3d4-7e5f-8a6b-000000000003' };

const sent: ReferralEntry = {
  id: '0190a1b2-c3d4-7e5f-8a6b-0000000000e1',
  caseId: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
  recordedAt: '2026-03-10T05:00:00.000Z',
  recordedBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  deleted: false,
  agency: 'dlsa',
  agencyName: 'DLSA Lucknow',
  ...laterReferralBlanks,
  status: 'sent',
  referredAt: '2026-03-10T05:00:00.000Z',
  contactPerson: null,
  notes: null,
  outcome: null,
};

describe('referralStepOf', () => {
  it('writes the status with that step’s own date and writer, and nothing else', () => {
    expect(referralStepOf('accepted', counsellor, '2026-03-12T06:00:00.000Z')).toEqual({
      status: 'accepted',
      acceptedAt: '2026-03-12T06:00:00.000Z',
      acceptedBy: counsellor.userId,
    });
    expect(referralStepOf('sent', counsellor, '2026-03-11T06:00:00.000Z')).toEqual({
      status: 'sent',
      referredAt: '2026-03-11T06:00:00.000Z',
      referredBy: counsellor.userId,
    });
  });

  it('records no step for a referral put back to planned', () => {
    expect(referralStepOf('planned', counsellor, '2026-03-12T06:00:00.000Z')).toEqual({
      status: 'planned',
    });
  });

  it('writes only fields the referral schema accepts', () => {
    const step = referralStepOf('completed', caseworker, '2026-03-14T06:00:00.000Z');
    expect(referralEntrySchema.safeParse({ ...sent, ...step }).success).toBe(true);
  });
});

describe('referralStepsOf', () => {
  it('lists each recorded step oldest first, with who recorded it', () => {
    const done = {
      ...sent,
      ...referralStepOf('completed', caseworker, '2026-03-14T06:00:00.000Z'),
      ...referralStepOf('accepted', counsellor, '2026-03-12T06:00:00.000Z'),
    };
    expect(referralStepsOf(done)).toEqual([
      { status: 'sent', at: sent.referredAt, by: sent.recordedBy },
      { status: 'accepted', at: '2026-03-12T06:00:00.000Z', by: counsellor.userId },
      { status: 'completed', at: '2026-03-14T06:00:00.000Z', by: caseworker.userId },
    ]);
  });

  it('lists nothing for a referral only planned', () => {
    expect(referralStepsOf({ ...sent, status: 'planned', referredAt: null })).toEqual([]);
  });

  it('reads a referral saved before the step fields existed', () => {
    const older = { ...sent } as Partial<ReferralEntry>;
    for (const field of Object.keys(laterReferralBlanks))
      delete older[field as keyof ReferralEntry];
    expect(referralStepsOf(older as ReferralEntry)).toEqual([
      { status: 'sent', at: sent.referredAt, by: sent.recordedBy },
    ]);
  });

  it('keeps both answers when two tablets record different steps offline', () => {
    const stampOn = (deviceId: string, wallMs: number) =>
      formatStamp({ wallMs, counter: 0, deviceId });
    const fieldsOf = (values: object, stamp: string): FieldMap =>
      Object.fromEntries(
        Object.entries(values as Record<string, unknown>).map(([name, value]) => [
          name,
          { value, stamp },
        ]),
      );
    const stored = fieldsOf(sent, stampOn('tablet-a', 1_000));
    const onA = fieldsOf(
      referralStepOf('accepted', counsellor, '2026-03-12T06:00:00.000Z'),
      stampOn('tablet-a', 2_000),
    );
    const onB = fieldsOf(
      referralStepOf('completed', caseworker, '2026-03-14T06:00:00.000Z'),
      stampOn('tablet-b', 3_000),
    );
    const merged = valuesOf(mergeFields(mergeFields(stored, onB), onA)) as ReferralEntry;
    expect(merged.status).toBe('completed');
    expect(referralStepsOf(merged).map((step) => step.status)).toEqual([
      'sent',
      'accepted',
      'completed',
    ]);
  });
});
