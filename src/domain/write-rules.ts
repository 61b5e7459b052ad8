/**
 * Who may write which field of which record: one row per rule a centre would recognise.
 * The server applies it to every pushed mutation (server/services/sync-scope.ts), and the
 * tablet's forms ask it before offering an action, so the app never offers what the
 * server refuses.
 *
 * What must always hold:
 * - Headquarters roles write nothing: no row can let them, whatever it says.
 * - A field no row names is open to every centre role; the centre's own scope (which
 *   centre, which case) is the server's to check, not this table's.
 * - A row that names the writer (`namesWriter`) holds only when the value written is the
 *   writer's own user id: an approval or resolution is signed by whoever gives it.
 * - Rows judge the value written, never the record's stored state. An edit made offline
 *   before a closure reached that tablet is still merged, so no write is lost for being late.
 *   The steps of a closure, which do depend on the case's state, are judged on the merged
 *   case by closure-write-rules.ts, after these rows.
 */
import { FixedShapes } from './fixed-shape.ts';
import { closureRequestOf, closureSendBackOf, reopeningOf, type ClosureStep } from './closure.ts';
import type { BilingualMessage, RecordType } from './protocol.ts';
import { referralStepFields } from './referral-steps.ts';
import { isHeadquartersRole } from './staff.ts';
import { centreRoles, type Role } from './vocabularies-staff.ts';

export interface WriteRule {
  /** A stable name for tests and documentation. */
  readonly name: string;
  readonly recordType: RecordType;
  readonly fields: readonly string[];
  /** The roles that may make such a write; empty when no tablet may. */
  readonly roles: readonly Role[];
  /**
   * Which writes of these fields the row covers, by the value written (and, for a row that
   * needs it, the other values of the same write and who writes); all when absent.
   */
  readonly covers?: (value: unknown, write: WriteValues) => boolean;
  readonly coversText?: string;
  /** The field whose value must be the writer's own user id. */
  readonly namesWriter?: string;
  /** Why a refused write was refused, as the tablet shows it. */
  readonly reason: BilingualMessage;
}

/** One write as the rules read it: who makes it and every value it writes. */
export interface WriteValues {
  readonly writer: Writer;
  readonly values: Readonly<Record<string, unknown>>;
}

const isSet = (value: unknown) => value !== null;

/**
 * Registering her puts the case in the registrant's own caseload: a write that registers
 * the case (it names its registrant) and assigns it to her alone or to no one, by no one,
 * is not an assignment. It is judged on the values written, like every row, so an intake saved
 * offline is never refused.
 */
function isOwnRegistration({ writer, values }: WriteValues): boolean {
  const assigned = values.assignedStaffIds;
  return (
    values.registeredBy === writer.userId &&
    Array.isArray(assigned) &&
    assigned.every((id) => id === writer.userId) &&
    (values.assignedBy ?? null) === null &&
    (values.assignedAt ?? null) === null
  );
}

/**
 * Any centre role records a referral's answer, but only in her own name: the step list
 * on the case page names whoever its writer field says.
 */
function referralStepRule(step: keyof typeof referralStepFields): WriteRule {
  const by = referralStepFields[step].by;
  return {
    name: `signing_a_referral_${step}_step`,
    recordType: 'referral',
    fields: [by],
    roles: [...centreRoles],
    covers: isSet,
    coversText: 'set (not null)',
    namesWriter: by,
    reason: {
      hi: 'रेफरल का हर चरण (भेजा, स्वीकार, अस्वीकार, पूरा, रद्द) केवल उसे दर्ज करने वाली कर्मचारी के अपने नाम से दर्ज होता है।',
      en: "A referral's step (sent, accepted, declined, completed, cancelled) is recorded only in the name of the staff member who records it.",
    },
  };
}

export const writeRules: readonly WriteRule[] = [
  {
    name: 'closing_a_case',
    recordType: 'case',
    fields: ['status'],
    roles: ['manager'],
    covers: (value) => value === 'closed',
    coversText: "set to 'closed'",
    reason: {
      hi: 'केस केवल केंद्र प्रबंधक बंद कर सकती हैं; आप बंद करने का अनुरोध कर सकती हैं।',
      en: 'Only the centre manager can close a case; you can request its closure.',
    },
  },
  {
    name: 'approving_a_closure',
    recordType: 'case',
    fields: ['closureApprovedBy', 'closureApprovedAt'],
    roles: ['manager'],
    covers: isSet,
    coversText: 'set (not null)',
    namesWriter: 'closureApprovedBy',
    reason: {
      hi: 'केस बंद करने की मंज़ूरी केवल केंद्र प्रबंधक स्वयं अपने नाम से दे सकती हैं।',
      en: 'Only the centre manager can approve a closure, and only in her own name.',
    },
  },
  {
    name: 'sending_back_a_closure',
    recordType: 'case',
    fields: ['closureSentBackBy', 'closureSentBackAt', 'closureSentBackReason'],
    roles: ['manager'],
    covers: isSet,
    coversText: 'set (not null)',
    namesWriter: 'closureSentBackBy',
    reason: {
      hi: 'बंद करने का अनुरोध केवल केंद्र प्रबंधक स्वयं अपने नाम से लौटा सकती हैं।',
      en: 'Only the centre manager can send a closure request back, and only in her own name.',
    },
  },
  {
    name: 'reopening_a_case',
    recordType: 'case',
    fields: ['reopenedBy', 'reopenedAt', 'reopenReason'],
    roles: ['manager'],
    covers: isSet,
    coversText: 'set (not null)',
    namesWriter: 'reopenedBy',
    reason: {
      hi: 'बंद केस केवल केंद्र प्रबंधक स्वयं अपने नाम से दोबारा खोल सकती हैं।',
      en: 'Only the centre manager can reopen a closed case, and only in her own name.',
    },
  },
  {
    name: 'resolving_a_conflict',
    recordType: 'conflict',
    fields: ['resolution', 'resolvedBy', 'resolvedAt'],
    roles: ['manager'],
    namesWriter: 'resolvedBy',
    reason: {
      hi: 'टकराव का निपटारा केवल केंद्र प्रबंधक स्वयं अपने नाम से कर सकती हैं।',
      en: 'Only the centre manager can resolve a conflict, and only in her own name.',
    },
  },
  {
    name: 'assigning_a_case',
    recordType: 'case',
    fields: ['assignedStaffIds', 'assignedBy', 'assignedAt'],
    roles: ['manager', 'counsellor'],
    covers: (_value, write) => !isOwnRegistration(write),
    coversText:
      'any, except a registration assigning the case to its registrant alone or to no one',
    namesWriter: 'assignedBy',
    reason: {
      hi: 'केस केवल केंद्र प्रबंधक या परामर्शदाता अपने नाम से सौंप सकती हैं; आप अपनी प्रबंधक से कहें।',
      en: 'Only the centre manager or the counsellor can assign a case, in her own name; ask your manager.',
    },
  },
  ...(Object.keys(referralStepFields) as (keyof typeof referralStepFields)[]).map(referralStepRule),
];

/** What every other field of a conflict falls under: the server wrote it, no tablet may. */
export const conflictRecordRule: WriteRule = {
  name: 'keeping_a_conflict',
  recordType: 'conflict',
  fields: [],
  roles: [],
  reason: {
    hi: 'टकराव केवल सर्वर दर्ज करता है; टैबलेट उसका निपटारा (resolution, resolvedBy, resolvedAt) ही बदल सकता है।',
    en: 'Only the server records a conflict; a tablet can change only its resolution (resolution, resolvedBy, resolvedAt).',
  },
};

/** Not a row: headquarters write no record of any type (its recordType is never read). */
export const headquartersRule: WriteRule = {
  name: 'headquarters_write_nothing',
  recordType: 'case',
  fields: [],
  roles: [],
  reason: {
    hi: 'मुख्यालय की भूमिकाएँ केस या उसकी प्रविष्टियाँ नहीं लिख सकतीं; यह काम केंद्र के कर्मचारी करते हैं।',
    en: "Headquarters roles cannot write cases or their entries; a centre's staff do.",
  },
};

export interface Writer {
  readonly role: Role;
  readonly userId: string;
}

export interface WriteRefusal {
  readonly rule: WriteRule;
  readonly field: string;
}

/**
 * The first rule that refuses this writer writing these values on a record of this type,
 * or null when every write is hers to make.
 */
export function findWriteRefusal(
  writer: Writer,
  recordType: RecordType,
  values: Readonly<Record<string, unknown>>,
): WriteRefusal | null {
  return findRefusal({ writer, values }, recordType, Object.keys(values), (name) => values[name]);
}

/**
 * `findWriteRefusal` on a pushed mutation's fields (each with its value), as the server
 * checks every mutation: the same answer (write-rules.test.ts), without building the
 * values unless a row that covers a field needs the others (an assignment, a registration).
 */
export function findFieldWriteRefusal(
  writer: Writer,
  recordType: RecordType,
  fields: Readonly<Record<string, { readonly value: unknown }>>,
): WriteRefusal | null {
  let values: Record<string, unknown> | undefined;
  const write: WriteValues = {
    writer,
    get values() {
      return (values ??= valuesOfFields(fields));
    },
  };
  return findRefusal(write, recordType, Object.keys(fields), (name) => fields[name]!.value);
}

const valueShapes = new FixedShapes();

/**
 * Each field's value, as own keys (a field named `__proto__` included, as JSON makes it),
 * in a fixed shape (fixed-shape.ts): a new case's registration rule reads all ~50.
 */
function valuesOfFields(
  fields: Readonly<Record<string, { readonly value: unknown }>>,
): Record<string, unknown> {
  const names = Object.keys(fields);
  const values = valueShapes.blankOf(names);
  // Each name is an own key of `values` already, so even `__proto__` is set, not the prototype.
  for (const name of names) values[name] = fields[name]!.value;
  return values;
}

function findRefusal(
  write: WriteValues,
  recordType: RecordType,
  fields: readonly string[],
  valueOf: (field: string) => unknown,
): WriteRefusal | null {
  const { writer } = write;
  if (isHeadquartersRole(writer.role)) {
    return { rule: headquartersRule, field: fields[0] ?? '' };
  }
  const rulesOfType = rulesByField.get(recordType);
  for (const field of fields) {
    const rule = ruleFor(recordType, rulesOfType?.get(field), valueOf(field), write);
    if (rule === null) continue;
    if (!rule.roles.includes(writer.role)) return { rule, field };
    const signed = rule.namesWriter;
    if (signed !== undefined && fields.includes(signed) && valueOf(signed) !== writer.userId) {
      return { rule, field: signed };
    }
  }
  return null;
}

/** Whether she may make every one of these writes: what a form asks before offering them. */
export function mayWrite(
  writer: Writer,
  recordType: RecordType,
  values: Readonly<Record<string, unknown>>,
): boolean {
  return findWriteRefusal(writer, recordType, values) === null;
}

/**
 * The rules naming each field of each record type, in `writeRules` order: a push checks
 * every field of every mutation, so it looks up its few candidates instead of scanning
 * the table.
 */
const rulesByField = new Map<RecordType, Map<string, WriteRule[]>>();
for (const rule of writeRules) {
  let rulesOfType = rulesByField.get(rule.recordType);
  if (!rulesOfType)
    rulesByField.set(rule.recordType, (rulesOfType = new Map<string, WriteRule[]>()));
  for (const field of rule.fields) {
    const rules = rulesOfType.get(field);
    if (rules) rules.push(rule);
    else rulesOfType.set(field, [rule]);
  }
}

function ruleFor(
  recordType: RecordType,
  candidates: readonly WriteRule[] | undefined,
  value: unknown,
  write: WriteValues,
): WriteRule | null {
  const row = candidates?.find((rule) => rule.covers === undefined || rule.covers(value, write));
  if (row !== undefined) return row;
  return recordType === 'conflict' ? conflictRecordRule : null;
}

/** What a manager's approval writes on the case: the form saves exactly this. */
export function closureApprovalOf(writer: Writer, approvedAt: string) {
  return {
    status: 'closed',
    closureApprovedBy: writer.userId,
    closureApprovedAt: approvedAt,
  } as const;
}

/** What a resolution writes on a conflict: the sync page saves exactly this. */
export function conflictResolutionOf(
  writer: Writer,
  resolution: 'kept' | 'reinstated',
  resolvedAt: string,
) {
  return { resolution, resolvedBy: writer.userId, resolvedAt } as const;
}

// Any instant will do: the rules judge who writes and in whose name, not when.
const anyInstant = '2026-01-01T00:00:00.000Z';

export function mayApproveClosure(writer: Writer): boolean {
  return mayWrite(writer, 'case', closureApprovalOf(writer, anyInstant));
}

/** Whether her role lets her take this step of a closure (closure.ts says from which stage). */
export function mayTakeClosureStep(writer: Writer, step: ClosureStep): boolean {
  const by = { userId: writer.userId, at: anyInstant };
  const writes = {
    request: () => closureRequestOf(by, 'other', 'a reason'),
    approve: () => closureApprovalOf(writer, anyInstant),
    send_back: () => closureSendBackOf(by, 'a reason'),
    reopen: () => reopeningOf(by, 'a reason'),
  } as const;
  return mayWrite(writer, 'case', writes[step]());
}

export function mayResolveConflicts(writer: Writer): boolean {
  return mayWrite(writer, 'conflict', conflictResolutionOf(writer, 'kept', anyInstant));
}
