/**
 * Entries: what happens on a case after registration, each its own record attached to
 * one case, never a text field on it.
 *
 * What must always hold, as for the case (see case.ts): flat records, every key present,
 * field-by-field checks only. A correction is a new value of a field; a removal sets
 * `deleted` (the tombstone), because records are never erased. Cross-field rules live in
 * entry-rules.ts and never block sync.
 */
import { z } from './zod.ts';
import {
  dischargeDestinationSchema,
  followUpModeSchema,
  referralAgencySchema,
  referralStatusSchema,
  serviceKindSchema,
} from './code-schemas.ts';
import { idSchema, longTextSchema, shortTextSchema, textSchema } from './common-fields.ts';
import { calendarDateSchema, instantSchema } from './india-time.ts';

const entryFields = {
  id: idSchema,
  caseId: idSchema,
  /** The case's centre, repeated so the server can check who may read an entry by itself. */
  centreId: idSchema,
  /** When it was written down, by the tablet's corrected clock (not when it happened). */
  recordedAt: instantSchema,
  /** User id of the staff member who wrote it down. */
  recordedBy: idSchema,
  /** The tombstone: entries are never erased, only marked removed. */
  deleted: z.boolean(),
};

export const serviceEntrySchema = z.strictObject({
  ...entryFields,
  kind: serviceKindSchema,
  /** When she received the service. */
  givenAt: instantSchema,
  /** User id of the staff member who gave or arranged it; null if only an outsider did. */
  givenBy: z.nullable(idSchema),
  /** Length of a session, in minutes. */
  durationMinutes: z.nullable(z.int().check(z.minimum(1), z.maximum(24 * 60))),
  notes: z.nullable(longTextSchema),
  /** medical_aid */
  hospitalName: z.nullable(shortTextSchema),
  /** police_help: the First Information Report's number as the police station wrote it. */
  firNumber: z.nullable(textSchema(50)),
  /** police_help, video_conference_statement */
  policeStation: z.nullable(shortTextSchema),
  /** legal_aid: the advocate the District Legal Services Authority assigned. */
  dlsaAdvocateName: z.nullable(shortTextSchema),
  /** legal_aid, video_conference_statement */
  courtName: z.nullable(shortTextSchema),
  /** interpretation: the language interpreted, e.g. 'Bhojpuri', 'Nepali', 'sign language'. */
  interpretationLanguage: z.nullable(shortTextSchema),
});

export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

export const stayEntrySchema = z.strictObject({
  ...entryFields,
  admittedAt: instantSchema,
  /** Calendar date, India time; up to stayDaysAllowed after the admission day. */
  plannedDischargeDate: calendarDateSchema,
  /** Calendar date, India time; a stay past the plan needs an extensionReason. */
  extendedUntil: z.nullable(calendarDateSchema),
  extensionReason: z.nullable(longTextSchema),
  dischargedAt: z.nullable(instantSchema),
  dischargedTo: z.nullable(dischargeDestinationSchema),
});

export type StayEntry = z.infer<typeof stayEntrySchema>;

export const referralEntrySchema = z.strictObject({
  ...entryFields,
  agency: referralAgencySchema,
  /** Which one, e.g. 'Hazratganj police station'. */
  agencyName: z.nullable(shortTextSchema),
  status: referralStatusSchema,
  /** When the referral went out; null while it is only planned. */
  referredAt: z.nullable(instantSchema),
  /**
   * Each answer has its own date and writer (referral-steps.ts): two tablets recording
   * different answers offline both keep theirs, where one list would keep only one.
   * User id of who sent it; null on a referral recorded before this was kept.
   */
  referredBy: z.nullable(idSchema),
  /** When the agency took her on, as the centre learned it. */
  acceptedAt: z.nullable(instantSchema),
  acceptedBy: z.nullable(idSchema),
  declinedAt: z.nullable(instantSchema),
  declinedBy: z.nullable(idSchema),
  /** When the agency finished what it was asked to do. */
  completedAt: z.nullable(instantSchema),
  completedBy: z.nullable(idSchema),
  cancelledAt: z.nullable(instantSchema),
  cancelledBy: z.nullable(idSchema),
  /** The person at the agency who took it on. */
  contactPerson: z.nullable(shortTextSchema),
  notes: z.nullable(longTextSchema),
  /** What the agency did, as the centre learned it. */
  outcome: z.nullable(longTextSchema),
});

export type ReferralEntry = z.infer<typeof referralEntrySchema>;

/**
 * Fields added to the referral after it first shipped, as a referral saved before them
 * reads them: no answer recorded yet.
 */
export const laterReferralBlanks = {
  referredBy: null,
  acceptedAt: null,
  acceptedBy: null,
  declinedAt: null,
  declinedBy: null,
  completedAt: null,
  completedBy: null,
  cancelledAt: null,
  cancelledBy: null,
} as const satisfies Partial<ReferralEntry>;

export const followUpEntrySchema = z.strictObject({
  ...entryFields,
  /** Calendar date, India time. */
  dueDate: calendarDateSchema,
  mode: followUpModeSchema,
  /** Null until the follow-up has been made. */
  doneAt: z.nullable(instantSchema),
  outcome: z.nullable(longTextSchema),
  notes: z.nullable(longTextSchema),
});

export type FollowUpEntry = z.infer<typeof followUpEntrySchema>;

export const noteEntrySchema = z.strictObject({
  ...entryFields,
  text: longTextSchema,
});

export type NoteEntry = z.infer<typeof noteEntrySchema>;

export const entrySchemas = {
  service: serviceEntrySchema,
  stay: stayEntrySchema,
  referral: referralEntrySchema,
  followUp: followUpEntrySchema,
  note: noteEntrySchema,
} as const;

export type EntryKind = keyof typeof entrySchemas;

/**
 * Per entry kind, the fields that could identify her or tell her story: sealed at rest and
 * left out of headquarters' views (see identifyingCaseFields). An FIR number is here
 * because the police record it leads to carries her name.
 */
export const identifyingEntryFields = {
  service: ['notes', 'firNumber'],
  stay: ['extensionReason'],
  referral: ['notes', 'outcome'],
  followUp: ['outcome', 'notes'],
  note: ['text'],
} as const satisfies {
  service: readonly (keyof ServiceEntry)[];
  stay: readonly (keyof StayEntry)[];
  referral: readonly (keyof ReferralEntry)[];
  followUp: readonly (keyof FollowUpEntry)[];
  note: readonly (keyof NoteEntry)[];
};

/**
 * An entry with its type: `entryType` (not `kind`, which a service entry uses for its
 * service kind). What reports read of a case's entries.
 */
export type Entry = {
  [K in EntryKind]: { readonly entryType: K; readonly entry: z.infer<(typeof entrySchemas)[K]> };
}[EntryKind];
