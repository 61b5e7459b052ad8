/**
 * The case record (मामला): who she is, what happened, what she agreed to, how it ends.
 *
 * What must always hold:
 * - The record is flat: every field is a top-level value, grouped by prefix (survivor…,
 *   incident…, consent…, closure…). Sync merges per top-level field (merge.ts), so two
 *   tablets correcting her name and her phone at once both keep their edit; in a nested
 *   object one of the two would lose.
 * - The schema checks each field on its own, never a combination. Merging two valid copies
 *   can join fields that no one saved together (one tablet closes the case while another
 *   clears the reason), and a saved write must never be refused for that. Combinations
 *   are checked by checkCaseRules (case-rules.ts), which forms run before saving and
 *   screens run to show what needs attention.
 * - Every key is present; "not known yet" is null, never a missing key or ''.
 * - Services, stays, referrals, follow-ups and notes are entries (entries.ts), each its
 *   own record, never a text field here.
 */
import { z } from 'zod';
import { caseNumberSchema } from './case-number.ts';
import {
  arrivalRouteSchema,
  caseStatusSchema,
  closureReasonSchema,
  consentGiverSchema,
  educationLevelSchema,
  maritalStatusSchema,
  occupationSchema,
  perpetratorRelationshipSchema,
  referralAgencySchema,
  riskLevelSchema,
  violenceTypeSchema,
} from './code-schemas.ts';
import {
  idSchema,
  indianMobileSchema,
  longTextSchema,
  shortTextSchema,
  textSchema,
  uniqueListOf,
} from './common-fields.ts';
import { districtCodeSchema } from './districts.ts';
import { calendarDateSchema, instantSchema } from './india-time.ts';

export const caseSchema = z.strictObject({
  /** UUIDv7 made on the tablet at registration. */
  id: idSchema,
  centreId: idSchema,
  /** Made on the tablet, e.g. 'LKO-2026-K7-0042' (case-number.ts); shown to staff and her. */
  caseNumber: caseNumberSchema,
  /** When she was registered, by the tablet's corrected clock. */
  registeredAt: instantSchema,
  /** User id of the staff member who registered her. */
  registeredBy: idSchema,
  arrivalRoute: arrivalRouteSchema,
  status: caseStatusSchema,
  /** The tombstone: a case is never erased (case files are retained), only marked removed. */
  deleted: z.boolean(),

  /** As she gives it, in either script. */
  survivorName: shortTextSchema,
  /** Another name she is known by, or the name she wants used at the centre. */
  survivorAlias: shortTextSchema.nullable(),
  /**
   * Age in whole years as she (or whoever brought her) gave it at registration; it does not
   * grow with time. Prefer survivorDateOfBirth when known (see survivorAgeOn).
   */
  survivorAgeYears: z.int().min(0).max(120).nullable(),
  /** Calendar date, India time. */
  survivorDateOfBirth: calendarDateSchema.nullable(),
  /** Stored form: 10 digits, no +91 (normalizeIndianMobile turns typed input into this). */
  survivorPhone: indianMobileSchema.nullable(),
  survivorAddress: textSchema(500).nullable(),
  /** The district she lives in; null if outside Uttar Pradesh or not known. */
  survivorDistrictCode: districtCodeSchema.nullable(),
  survivorMaritalStatus: maritalStatusSchema.nullable(),
  survivorEducation: educationLevelSchema.nullable(),
  survivorOccupation: occupationSchema.nullable(),
  /** Her disability in staff's words; null when she has none or it is not recorded. */
  survivorDisability: shortTextSchema.nullable(),
  /** Her children who came to the centre with her (they may stay with her). */
  childrenAccompanying: z.int().min(0).max(20).nullable(),

  /** Calendar date, India time; of the latest incident when violence is ongoing. */
  incidentDate: calendarDateSchema.nullable(),
  incidentPlace: shortTextSchema.nullable(),
  /** At least one when recorded; null until asked. */
  violenceTypes: uniqueListOf(violenceTypeSchema).min(1).nullable(),
  perpetratorName: shortTextSchema.nullable(),
  perpetratorRelationship: perpetratorRelationshipSchema.nullable(),
  /** Her account, as she told it. */
  incidentNarrative: longTextSchema.nullable(),

  /** null: not asked yet; false: she refused services (the centre still records the case). */
  consentToServices: z.boolean().nullable(),
  /** The agencies she agreed her case may be shared with; empty until she agrees to any. */
  consentSharingAgencies: uniqueListOf(referralAgencySchema),
  /** Whether her case may be counted in de-identified reports to headquarters. */
  consentToReporting: z.boolean().nullable(),
  consentGivenBy: consentGiverSchema.nullable(),
  /** Needed when someone other than she gave consent. */
  consentGiverName: shortTextSchema.nullable(),
  consentRecordedAt: instantSchema.nullable(),

  riskLevel: riskLevelSchema.nullable(),
  safetyPlan: longTextSchema.nullable(),

  closureReason: closureReasonSchema.nullable(),
  closureNote: longTextSchema.nullable(),
  /** User id of the staff member who asked to close the case. */
  closureRequestedBy: idSchema.nullable(),
  closureRequestedAt: instantSchema.nullable(),
  /** User id of the centre manager who approved closing; the server checks the role. */
  closureApprovedBy: idSchema.nullable(),
  closureApprovedAt: instantSchema.nullable(),

  /** User ids of the staff responsible for her case. */
  assignedStaffIds: uniqueListOf(idSchema),
});

export type Case = z.infer<typeof caseSchema>;
export type CaseField = keyof Case;

/** What a new case needs before its first save; everything else is asked step by step. */
export type NewCaseFields = Pick<
  Case,
  | 'id'
  | 'centreId'
  | 'caseNumber'
  | 'registeredAt'
  | 'registeredBy'
  | 'arrivalRoute'
  | 'survivorName'
>;

export function buildNewCase(fields: NewCaseFields): Case {
  return {
    ...fields,
    status: 'open',
    deleted: false,
    survivorAlias: null,
    survivorAgeYears: null,
    survivorDateOfBirth: null,
    survivorPhone: null,
    survivorAddress: null,
    survivorDistrictCode: null,
    survivorMaritalStatus: null,
    survivorEducation: null,
    survivorOccupation: null,
    survivorDisability: null,
    childrenAccompanying: null,
    incidentDate: null,
    incidentPlace: null,
    violenceTypes: null,
    perpetratorName: null,
    perpetratorRelationship: null,
    incidentNarrative: null,
    consentToServices: null,
    consentSharingAgencies: [],
    consentToReporting: null,
    consentGivenBy: null,
    consentGiverName: null,
    consentRecordedAt: null,
    riskLevel: null,
    safetyPlan: null,
    closureReason: null,
    closureNote: null,
    closureRequestedBy: null,
    closureRequestedAt: null,
    closureApprovedBy: null,
    closureApprovedAt: null,
    assignedStaffIds: [],
  };
}

/**
 * Fields that could identify her or tell her story: sealed at rest on the tablet, never in
 * an index, and left out of headquarters' de-identified views. Every free-text field is
 * here, because staff write names and places into whatever box is at hand.
 */
export const identifyingCaseFields = [
  'survivorName',
  'survivorAlias',
  'survivorDateOfBirth',
  'survivorPhone',
  'survivorAddress',
  'survivorDisability',
  'incidentPlace',
  'perpetratorName',
  'incidentNarrative',
  'consentGiverName',
  'safetyPlan',
  'closureNote',
] as const satisfies readonly CaseField[];
