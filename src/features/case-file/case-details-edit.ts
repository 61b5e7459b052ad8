/**
 * Correcting her case's details after intake: who may, and what a correction saves.
 *
 * What must stay true: only the fields she actually changed are saved. A field sent again
 * with its old value would still carry this tablet's base stamp and, if another tablet
 * had changed it meanwhile, be kept as a false conflict for a manager to sort out. So a
 * field counts as changed only when what she typed differs from what the form showed her
 * (the form's round trip may differ from the stored value, e.g. a consent time shown to
 * the minute), and its stored value differs too.
 */
import type { CaseChanges, StaffMember } from '../../data/case-store.ts';
import type { Case } from '../../domain/case.ts';
import { isSameValue } from '../../domain/merge.ts';
import { isHeadquartersRole } from '../../domain/staff.ts';
import {
  toCaseDetails,
  type CaseDetailsField,
  type CaseDetailsValues,
} from '../../forms/case-details-values.ts';

export type DetailsLock = 'closed' | 'removed' | 'not_centre_staff';

/**
 * Why she may not change this case's details, or null when she may. The same people who
 * may request closure may correct details: any staff member of the case's own centre
 * (headquarters' canWriteCase says the same); only approving a closure needs the manager.
 * A closed case is the centre's final record and a removed one is a tombstone: neither
 * is edited (a closed case is reopened by a manager first, which Sakhi does not offer yet).
 */
export function whyDetailsLocked(
  c: Case,
  staff: Pick<StaffMember, 'role' | 'centreId'>,
): DetailsLock | null {
  if (c.deleted) return 'removed';
  if (c.status === 'closed') return 'closed';
  if (isHeadquartersRole(staff.role) || c.centreId !== staff.centreId) return 'not_centre_staff';
  return null;
}

/** Ticked lists are sets: ticking off and on again in another order is no change. */
function isSameAnswer(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item) => (b as unknown[]).includes(item));
  }
  return isSameValue(a, b);
}

/** The case fields she changed, with their new values; empty when she changed nothing. */
export function changedCaseDetails(
  c: Case,
  shown: CaseDetailsValues,
  typed: CaseDetailsValues,
): CaseChanges {
  const next = toCaseDetails(typed);
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(shown) as CaseDetailsField[]) {
    if (isSameAnswer(shown[field], typed[field])) continue;
    if (isSameAnswer(c[field], next[field])) continue;
    changes[field] = next[field];
  }
  return changes;
}

const consentAnswers = [
  'consentToServices',
  'consentSharingAgencies',
  'consentToReporting',
] as const;

/**
 * Consent is only real with a time. When she changes what was consented to, the consent
 * as now recorded is given now: the time becomes `stamp` (when the form opened), unless
 * she has set a time herself (she may correct it either way). When the answers go back to
 * what was shown, so does the time, so an undone change saves nothing.
 */
export function withConsentTime(
  shown: CaseDetailsValues,
  next: CaseDetailsValues,
  stamp: string,
  isTimeSetByHer: boolean,
): CaseDetailsValues {
  if (isTimeSetByHer) return next;
  const isAnswerChanged = consentAnswers.some((field) => !isSameAnswer(shown[field], next[field]));
  return { ...next, consentRecordedAt: isAnswerChanged ? stamp : shown.consentRecordedAt };
}

/**
 * The stored case changed while the form was open (a pull, another tab's save): each field
 * she has not touched shows the stored value now; each field she typed in keeps her input.
 * `shown` follows the store for the untouched fields only, so her save still sends just
 * what she changed.
 */
export function followStoredDetails(
  shown: CaseDetailsValues,
  typed: CaseDetailsValues,
  stored: CaseDetailsValues,
): { readonly shown: CaseDetailsValues; readonly typed: CaseDetailsValues } {
  const nextShown: Record<string, unknown> = { ...shown };
  const nextTyped: Record<string, unknown> = { ...typed };
  for (const field of Object.keys(shown) as CaseDetailsField[]) {
    if (!isSameAnswer(shown[field], typed[field])) continue;
    nextShown[field] = stored[field];
    nextTyped[field] = stored[field];
  }
  return { shown: nextShown as CaseDetailsValues, typed: nextTyped as CaseDetailsValues };
}
