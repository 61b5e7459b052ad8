/**
 * The closure machine (closure.ts) as the server enforces it on a push, after the write
 * rules' rows (write-rules.ts) have judged who writes which value.
 *
 * What must always hold:
 * - A step is judged on the case as the merge makes it, from the case as stored: fields
 *   merge one by one, so only the merged case says which stage the write leads to.
 * - A case becomes closed only with a closure request on it; a request is cleared (the
 *   case goes back to active) only by a send-back; a closed case opens only by a reopen.
 *   Who may send back or reopen is the rows' to say.
 * - On a stored closed case, a write stamped after the closure (the stored `status`
 *   stamp) is refused unless closure.ts allows it there (a note, not its removal). A write
 *   stamped before it was made while the case was open: it is merged, so no write is lost
 *   for reaching the server late. A refused write stays on its tablet with the reason, to
 *   be sent again once the manager has reopened the case.
 */
import { closureStageOf, recordTypesOnClosedCase, type ClosureFacts } from './closure.ts';
import { pickField, tombstoneField, type FieldMap, type FieldState } from './merge.ts';
import type { RecordType } from './protocol.ts';
import type { WriteRefusal, WriteRule } from './write-rules.ts';

function stateRule(name: string, hi: string, en: string): WriteRule {
  return { name, recordType: 'case', fields: [], roles: [], reason: { hi, en } };
}

export const closureStateRules = {
  requestFirst: stateRule(
    'closing_only_a_requested_closure',
    'केस तभी बंद होता है जब उसे बंद करने का अनुरोध दर्ज हो: पहले अनुरोध करें, फिर स्वीकृति दें।',
    'A case closes only after its closure has been requested: request it, then approve it.',
  ),
  sendBackOnly: stateRule(
    'clearing_a_request_by_sending_back',
    'बंद करने का अनुरोध केवल केंद्र प्रबंधक कारण लिखकर लौटा सकती हैं।',
    'Only the centre manager can take back a closure request, by sending it back with a reason.',
  ),
  reopenOnly: stateRule(
    'opening_a_closed_case_by_reopening',
    'बंद केस केवल तभी खुलता है जब केंद्र प्रबंधक कारण लिखकर उसे दोबारा खोलें।',
    'A closed case opens again only when the centre manager reopens it with a reason.',
  ),
  closedCase: stateRule(
    'keeping_a_closed_case',
    'यह केस बंद है: इसमें अब केवल टिप्पणी जोड़ी जा सकती है। केंद्र प्रबंधक से केस दोबारा खुलवाएँ, फिर यह बदलाव फिर से भेजें।',
    'This case is closed: only a note can be added to it now. Ask the centre manager to reopen the case, then send this change again.',
  ),
} as const;

/** One pushed write, with what the server holds under its record and its case. */
export interface ClosureWrite {
  readonly recordType: RecordType;
  /** The incoming fields, each with its new stamp. */
  readonly fields: FieldMap;
  /** The record as stored under this id, or null when it is new. */
  readonly stored: FieldMap | null;
  /** The case it belongs to as stored (for a case, the same as `stored`), or null. */
  readonly storedCase: FieldMap | null;
}

/** The first closure rule this write breaks, or null. */
export function findClosureRefusal(write: ClosureWrite): WriteRefusal | null {
  if (write.recordType === 'conflict') return null;
  if (write.recordType === 'case') return findCaseStepRefusal(write.fields, write.stored ?? {});
  return findEntryRefusal(write.recordType, write.fields, write.storedCase);
}

function findCaseStepRefusal(fields: FieldMap, stored: FieldMap): WriteRefusal | null {
  // The stage reads two fields: merge those (as mergeFields would), not the whole record.
  const merged = closureFactsOf((name) => pickField(stored[name], fields[name]));
  const from = closureStageOf(closureFactsOf((name) => stored[name]));
  const to = closureStageOf(merged);
  if (from === 'closed') {
    if (to !== 'closed') {
      return isSetIn(fields, 'reopenedAt') ? null : refuse('reopenOnly', 'status');
    }
    const late = lateFieldOf(fields, stored);
    return late === null ? null : refuse('closedCase', late);
  }
  if (to === 'closed' && (merged.closureRequestedAt ?? null) === null)
    return refuse('requestFirst', 'status');
  if (from === 'requested' && to === 'active' && !isSetIn(fields, 'closureSentBackAt')) {
    return refuse('sendBackOnly', 'closureRequestedAt');
  }
  return null;
}

function findEntryRefusal(
  recordType: RecordType,
  fields: FieldMap,
  storedCase: FieldMap | null,
): WriteRefusal | null {
  if (storedCase === null) return null;
  if (closureStageOf(closureFactsOf((name) => storedCase[name])) !== 'closed') return null;
  const isRemoval = fields[tombstoneField]?.value === true;
  if (recordTypesOnClosedCase.includes(recordType) && !isRemoval) return null;
  const late = lateFieldOf(fields, storedCase);
  return late === null ? null : refuse('closedCase', late);
}

/** The fields closureStageOf reads, each as `read` finds it. */
function closureFactsOf(
  read: (name: keyof ClosureFacts) => FieldState | undefined,
): Partial<ClosureFacts> {
  return {
    status: read('status')?.value as ClosureFacts['status'] | undefined,
    closureRequestedAt: read('closureRequestedAt')?.value as string | null | undefined,
  };
}

/** A field written after the case was closed (its stamp above the stored status's), or null. */
function lateFieldOf(fields: FieldMap, storedCase: FieldMap): string | null {
  const closedAt = storedCase['status']?.stamp;
  if (closedAt === undefined) return null;
  return Object.keys(fields).find((name) => fields[name]!.stamp > closedAt) ?? null;
}

function isSetIn(fields: FieldMap, name: string): boolean {
  const value = fields[name]?.value;
  return value !== undefined && value !== null;
}

function refuse(rule: keyof typeof closureStateRules, field: string): WriteRefusal {
  return { rule: closureStateRules[rule], field };
}
