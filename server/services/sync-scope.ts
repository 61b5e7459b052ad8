/**
 * Who may write and read which synced records: pure functions of the actor (from the
 * session, never the body) and what the server already holds.
 *
 * What must always hold:
 * - Only a centre's staff write its cases and entries, and only they pull its records,
 *   survivor data included: it is their centre's case file.
 * - Headquarters roles neither push nor pull records. They get counts and de-identified
 *   data through reports (server/services/reports.ts), never raw records, which hold
 *   names, phones and narratives.
 * - A record's type, case and centre are fixed when it is created: a later write cannot
 *   move a record to another case or centre, so scoping by centre_id stays true.
 * - Conflict records are made by the server only.
 * - Which role may write which field (closing a case, approving a closure, resolving a
 *   conflict) is the domain's write-rules table, the same one the tablet's forms ask.
 * - The steps of a closure and what a closed case still takes are the domain's closure
 *   rules (closure-write-rules.ts), judged on the case as stored and as the write merges it.
 */
import type { Mutation, RecordType } from '../../src/domain/protocol.ts';
import type { Role } from '../../src/domain/vocabularies-staff.ts';
import { centreRoles } from '../../src/domain/vocabularies-staff.ts';
import { findClosureRefusal } from '../../src/domain/closure-write-rules.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import { findFieldWriteRefusal, writeRules } from '../../src/domain/write-rules.ts';
import { REJECTIONS, identityMismatch, refusedWrite, type Rejection } from './sync-reasons.ts';

/** Who is asking, as the session says. The accounts' `Actor` satisfies it. */
export interface SyncActor {
  userId: string;
  deviceId: string;
  role: Role;
  /** Null exactly for headquarters roles. */
  centreId: string | null;
}

/** What the server holds about a record, apart from its fields. */
export interface RecordHead {
  readonly recordType: RecordType;
  readonly caseId: string;
  readonly centreId: string;
}

/** The centre whose records the actor syncs, or null when the actor syncs none. */
export function syncCentreOf(actor: SyncActor): string | null {
  const isCentreStaff = (centreRoles as readonly Role[]).includes(actor.role);
  return isCentreStaff ? actor.centreId : null;
}

/**
 * Null if the actor may apply this mutation; the rejection otherwise. `stored` is the
 * record under `mutation.recordId` and `parentCase` the record under `mutation.caseId`,
 * each as the server holds it (earlier mutations of the same batch included), or null.
 * Type mismatches and field values are the domain's to judge (checkMutation).
 */
export function checkWriteScope(
  actor: SyncActor,
  mutation: Mutation,
  stored: RecordHead | null,
  parentCase: RecordHead | null,
): Rejection | null {
  const centreId = syncCentreOf(actor);
  if (centreId === null) return REJECTIONS.headquarters;
  const refusal = stored
    ? checkExistingRecord(centreId, mutation, stored)
    : checkNewRecord(centreId, mutation, parentCase);
  return refusal ?? checkFieldWrites(actor, mutation);
}

function checkFieldWrites(actor: SyncActor, mutation: Mutation): Rejection | null {
  const refusal = findFieldWriteRefusal(actor, mutation.recordType, mutation.fields);
  return refusal === null ? null : refusedWrite(refusal);
}

function checkExistingRecord(
  centreId: string,
  mutation: Mutation,
  stored: RecordHead,
): Rejection | null {
  if (stored.centreId !== centreId) return REJECTIONS.otherCentre;
  if (mutation.caseId !== stored.caseId) return REJECTIONS.movesCase;
  if (stored.recordType === 'conflict') return null;
  return checkIdentityFields(mutation, stored.centreId);
}

function checkNewRecord(
  centreId: string,
  mutation: Mutation,
  parentCase: RecordHead | null,
): Rejection | null {
  if (mutation.recordType === 'conflict') return REJECTIONS.newConflict;
  if (mutation.recordType === 'case') {
    if (mutation.recordId !== mutation.caseId) return identityMismatch('caseId', mutation.recordId);
    const named = mutation.fields.centreId?.value;
    if (named === undefined) return REJECTIONS.unknownCaseRecord;
    if (named !== centreId) return REJECTIONS.newCaseOtherCentre;
    return checkIdentityFields(mutation, centreId);
  }
  if (parentCase === null || parentCase.recordType !== 'case') return REJECTIONS.unknownCase;
  if (parentCase.centreId !== centreId) return REJECTIONS.otherCentreCase;
  return checkIdentityFields(mutation, parentCase.centreId);
}

/** `id`, `caseId` and `centreId` fields, when a mutation writes them, must say what the record is. */
function checkIdentityFields(mutation: Mutation, centreId: string): Rejection | null {
  const { id, caseId, centreId: centre } = mutation.fields;
  if (centre !== undefined && centre.value !== centreId) return REJECTIONS.movesCentre;
  if (id !== undefined && id.value !== mutation.recordId) {
    return identityMismatch('id', mutation.recordId);
  }
  if (caseId !== undefined && caseId.value !== mutation.caseId) {
    return identityMismatch('caseId', mutation.caseId);
  }
  return null;
}

const assigningRule = writeRules.find((rule) => rule.name === 'assigning_a_case')!;
const assignmentFields = new Set(assigningRule.fields);

/**
 * What a write may not do to a case the server already holds, which the write rules
 * (judged on the values alone) cannot see: change who registered it, or assign it by a
 * role that may not assign. A registration naming its registrant alone is not an
 * assignment, but only when it creates the case; sent again on a stored case it would let
 * anyone take a case onto her own list.
 */
export function checkStoredCaseWrite(
  actor: SyncActor,
  mutation: Mutation,
  stored: FieldMap | null,
): Rejection | null {
  if (mutation.recordType !== 'case' || stored === null) return null;
  const registrant = mutation.fields.registeredBy;
  if (registrant !== undefined && registrant.value !== stored.registeredBy?.value) {
    return REJECTIONS.changesRegistrant;
  }
  const assigned = Object.keys(mutation.fields).find((name) => assignmentFields.has(name));
  if (assigned !== undefined && !assigningRule.roles.includes(actor.role)) {
    return refusedWrite({ rule: assigningRule, field: assigned });
  }
  return null;
}

/**
 * Null if the mutation keeps to the closure's steps; the rejection otherwise. `stored` and
 * `storedCase` are the fields the server holds under the record and under its case.
 */
export function checkClosureStep(
  mutation: Mutation,
  stored: FieldMap | null,
  storedCase: FieldMap | null,
): Rejection | null {
  const refusal = findClosureRefusal({
    recordType: mutation.recordType,
    fields: mutation.fields,
    stored,
    storedCase,
  });
  return refusal === null ? null : refusedWrite(refusal);
}
