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
import { z } from './zod.ts';
import { caseNumberSchema } from './case-number-schema.ts';
import { blanksOf, caseDetailFields, shapeOf, type CaseDetailField } from './case-fields.ts';
import { caseStatusSchema, closureReasonSchema } from './code-schemas.ts';
import { idSchema, longTextSchema, uniqueListOf } from './common-fields.ts';
import { instantSchema } from './india-time.ts';

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
  status: caseStatusSchema,
  /** The tombstone: a case is never erased (case files are retained), only marked removed. */
  deleted: z.boolean(),

  /** Who she is, what happened, what she agreed to, her risk: one entry each in case-fields.ts. */
  ...shapeOf(caseDetailFields),

  closureReason: z.nullable(closureReasonSchema),
  closureNote: z.nullable(longTextSchema),
  /** User id of the staff member who asked to close the case. */
  closureRequestedBy: z.nullable(idSchema),
  closureRequestedAt: z.nullable(instantSchema),
  /** User id of the centre manager who approved closing; the server checks the role. */
  closureApprovedBy: z.nullable(idSchema),
  closureApprovedAt: z.nullable(instantSchema),
  /** User id of the centre manager who last sent a closure request back. */
  closureSentBackBy: z.nullable(idSchema),
  closureSentBackAt: z.nullable(instantSchema),
  /** What the manager asked for before the case may close. */
  closureSentBackReason: z.nullable(longTextSchema),
  /** User id of the centre manager who last reopened the closed case. */
  reopenedBy: z.nullable(idSchema),
  reopenedAt: z.nullable(instantSchema),
  /** Why it was reopened, e.g. she came back to the centre. */
  reopenReason: z.nullable(longTextSchema),
  /** When the arrival route was last changed after intake, and by whom (the timeline shows it). */
  arrivalRouteChangedAt: z.nullable(instantSchema),
  arrivalRouteChangedBy: z.nullable(idSchema),

  /** User ids of the staff responsible for her case. */
  assignedStaffIds: uniqueListOf(idSchema),
  /**
   * When the case was last assigned after registration, and by whom (the timeline shows
   * it); null while it is with whoever registered her. The write rules say who may assign.
   */
  assignedAt: z.nullable(instantSchema),
  assignedBy: z.nullable(idSchema),
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

/**
 * Every detail field's "not known yet" (null, or [] for a list that is never null). A case
 * saved before a field existed lacks it; reading it with these first gives the same case a
 * new registration would have.
 */
// blanksOf reads the same table the schema's detail fields come from.
export const caseDetailBlanks = blanksOf(caseDetailFields) as unknown as Omit<
  Pick<Case, CaseDetailField>,
  'arrivalRoute' | 'survivorName'
>;

/**
 * Fields added to the case after it first shipped, as a case saved before them reads
 * them: nothing sent back, never reopened.
 */
export const laterCaseBlanks = {
  closureSentBackBy: null,
  closureSentBackAt: null,
  closureSentBackReason: null,
  reopenedBy: null,
  reopenedAt: null,
  reopenReason: null,
  arrivalRouteChangedAt: null,
  arrivalRouteChangedBy: null,
  assignedAt: null,
  assignedBy: null,
} as const satisfies Partial<Case>;

/** A case just registered: open, with nothing of a closure. */
export const openCaseStatus = {
  status: 'open',
  closureReason: null,
  closureNote: null,
  closureRequestedBy: null,
  closureRequestedAt: null,
  closureApprovedBy: null,
  closureApprovedAt: null,
  ...laterCaseBlanks,
} as const satisfies Partial<Case>;

export function buildNewCase(fields: NewCaseFields): Case {
  return {
    ...caseDetailBlanks,
    ...fields,
    ...openCaseStatus,
    deleted: false,
    assignedStaffIds: [],
  };
}

/**
 * Fields that could identify her or tell her story: sealed at rest on the tablet, never in
 * an index, and left out of headquarters' de-identified views. Every free-text field is
 * here, because staff write names and places into whatever box is at hand.
 */
export const identifyingCaseFields: readonly CaseField[] = [
  ...(Object.keys(caseDetailFields) as CaseDetailField[]).filter(
    (field) => caseDetailFields[field].isIdentifying,
  ),
  'closureNote',
  'closureSentBackReason',
  'reopenReason',
];
