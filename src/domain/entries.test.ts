import { describe, expect, it } from 'vitest';
import {
  entrySchemas,
  followUpEntrySchema,
  identifyingEntryFields,
  laterReferralBlanks,
  noteEntrySchema,
  referralEntrySchema,
  serviceEntrySchema,
  stayEntrySchema,
  type FollowUpEntry,
  type NoteEntry,
  type ReferralEntry,
  type ServiceEntry,
  type StayEntry,
} from './entries.ts';
import { sampleService } from './entries.testing.ts';

const entry = {
  id: '0190a1b2-c3d4-7e5f-8a6b-0000000000e1',
  caseId: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  centreId: '0190a1b2-c3d4-7e5f-8a6b-00000000c001',
  recordedAt: '2026-03-15T07:00:00Z',
  recordedBy: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
  deleted: false,
};

const firRegistered: ServiceEntry = {
  ...entry,
  ...sampleService({
    kind: 'police_help',
    givenAt: '2026-03-15T06:30:00Z',
    givenBy: entry.recordedBy,
    firNumber: '0123/2026',
    policeStation: 'Mohanlalganj',
  }),
};

const stay: StayEntry = {
  ...entry,
  admittedAt: '2026-03-15T08:00:00Z',
  plannedDischargeDate: '2026-03-20',
  extendedUntil: null,
  extensionReason: null,
  dischargedAt: null,
  dischargedTo: null,
};

const referral: ReferralEntry = {
  ...entry,
  agency: 'dlsa',
  agencyName: 'DLSA Lucknow',
  ...laterReferralBlanks,
  status: 'planned',
  referredAt: null,
  contactPerson: null,
  notes: null,
  outcome: null,
};

const followUp: FollowUpEntry = {
  ...entry,
  dueDate: '2026-03-22',
  mode: 'phone',
  doneAt: null,
  outcome: null,
  notes: null,
};

const note: NoteEntry = { ...entry, text: 'She asked that her mother not be called.' };

describe('entry schemas', () => {
  it('accept a valid entry of each kind', () => {
    expect(serviceEntrySchema.parse(firRegistered)).toEqual(firRegistered);
    expect(stayEntrySchema.parse(stay)).toEqual(stay);
    expect(referralEntrySchema.parse(referral)).toEqual(referral);
    expect(followUpEntrySchema.parse(followUp)).toEqual(followUp);
    expect(noteEntrySchema.parse(note)).toEqual(note);
  });

  it('all need the case they belong to and their tombstone field', () => {
    const valid = { service: firRegistered, stay, referral, followUp, note };
    for (const [kind, schema] of Object.entries(entrySchemas)) {
      const value = valid[kind as keyof typeof valid];
      expect(schema.safeParse({ ...value, caseId: null }).success, kind).toBe(false);
      const { deleted: _deleted, ...withoutTombstone } = value;
      expect(schema.safeParse(withoutTombstone).success, kind).toBe(false);
    }
  });

  it('reject a service of an unknown kind, or a session of no minutes', () => {
    expect(serviceEntrySchema.safeParse({ ...firRegistered, kind: 'shelter' }).success).toBe(false);
    expect(serviceEntrySchema.safeParse({ ...firRegistered, durationMinutes: 0 }).success).toBe(
      false,
    );
  });

  it('reject a stay without a planned discharge date, or with a time instead of a date', () => {
    expect(stayEntrySchema.safeParse({ ...stay, plannedDischargeDate: null }).success).toBe(false);
    expect(
      stayEntrySchema.safeParse({ ...stay, plannedDischargeDate: '2026-03-20T00:00:00Z' }).success,
    ).toBe(false);
  });

  it('reject a referral to an agency or with a status not in the vocabulary', () => {
    expect(referralEntrySchema.safeParse({ ...referral, agency: 'press' }).success).toBe(false);
    expect(referralEntrySchema.safeParse({ ...referral, status: 'done' }).success).toBe(false);
  });

  it('reject a follow-up without a due date, and a blank note', () => {
    expect(followUpEntrySchema.safeParse({ ...followUp, dueDate: null }).success).toBe(false);
    expect(noteEntrySchema.safeParse({ ...note, text: '  ' }).success).toBe(false);
  });

  it('reject a field they do not know', () => {
    expect(noteEntrySchema.safeParse({ ...note, caseNumber: 'LKO-2026-K7-0042' }).success).toBe(
      false,
    );
  });
});

describe('identifyingEntryFields', () => {
  it('name only fields the entry has', () => {
    for (const [kind, fields] of Object.entries(identifyingEntryFields)) {
      const shape = entrySchemas[kind as keyof typeof entrySchemas].shape;
      for (const field of fields) expect(Object.keys(shape), `${kind}.${field}`).toContain(field);
    }
  });

  it('cover the notes, outcomes and reasons staff write in their own words', () => {
    expect(identifyingEntryFields.service).toEqual(expect.arrayContaining(['notes', 'firNumber']));
    expect(identifyingEntryFields.stay).toContain('extensionReason');
    expect(identifyingEntryFields.referral).toEqual(expect.arrayContaining(['notes', 'outcome']));
    expect(identifyingEntryFields.followUp).toEqual(expect.arrayContaining(['notes', 'outcome']));
    expect(identifyingEntryFields.note).toEqual(['text']);
  });
});
