// A conflict's field and values as staff read them: the labels the case page and the
// intake form already use, codes through their vocabularies, dates as the app writes
// them, and never a raw id (a staff member is "you" or "another staff member").
import { caseDetailFields, shortLabelsOf, type CaseFieldTable } from '../../domain/case-fields.ts';
import { tombstoneField } from '../../domain/merge.ts';
import { caseStatuses, closureReasons } from '../../domain/vocabularies-case.ts';
import {
  dischargeDestinations,
  followUpModes,
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../domain/vocabularies-entries.ts';
import { labelOf, type Vocabulary } from '../../domain/vocabulary.ts';
import { fill, type MessageBundle } from '../../i18n/define-messages.ts';
import type { Lang } from '../../i18n/lang.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { formatDate, formatDateTime } from '../../ui/datetime.ts';

type Label = Readonly<Record<Lang, string>>;

/** A record's own entry: field names come from data, so never from Object's prototype. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function from<K extends string>(bundle: MessageBundle<K>, key: K): Label {
  return { hi: bundle.hi[key], en: bundle.en[key] };
}

const caseFile = (key: keyof typeof caseFileMessages.hi) => from(caseFileMessages, key);
const sync = (key: keyof typeof syncStatusMessages.hi) => from(syncStatusMessages, key);

/**
 * A case's labels: her details' from a case field table (the short label where the form
 * asks a question), the rest from the screens that set them.
 */
export function caseLabelsFrom(table: CaseFieldTable): Readonly<Record<string, Label>> {
  return {
    ...shortLabelsOf(table),
    status: sync('fieldCaseStatus'),
    closureReason: caseFile('closureReason'),
    closureNote: caseFile('closureNote'),
    closureRequestedBy: sync('fieldClosureRequestedBy'),
    closureRequestedAt: sync('fieldClosureRequestedAt'),
    closureApprovedBy: sync('fieldClosureApprovedBy'),
    closureApprovedAt: sync('fieldClosureApprovedAt'),
    closureSentBackBy: sync('fieldClosureSentBackBy'),
    closureSentBackAt: sync('fieldClosureSentBackAt'),
    closureSentBackReason: sync('fieldClosureSentBackReason'),
    reopenedBy: sync('fieldReopenedBy'),
    reopenedAt: sync('fieldReopenedAt'),
    reopenReason: sync('fieldReopenReason'),
    assignedStaffIds: sync('fieldAssignedStaff'),
  };
}

const caseLabels = caseLabelsFrom(caseDetailFields);

const entryLabels: Readonly<Record<string, Readonly<Record<string, Label>>>> = {
  service: {
    kind: caseFile('serviceKind'),
    givenAt: caseFile('givenAt'),
    givenBy: sync('fieldGivenBy'),
    durationMinutes: caseFile('durationMinutes'),
    notes: caseFile('notes'),
    hospitalName: caseFile('hospitalName'),
    firNumber: caseFile('firNumber'),
    policeStation: caseFile('policeStation'),
    dlsaAdvocateName: caseFile('dlsaAdvocateName'),
    courtName: caseFile('courtName'),
    interpretationLanguage: caseFile('interpretationLanguage'),
  },
  stay: {
    admittedAt: caseFile('admittedAt'),
    plannedDischargeDate: caseFile('plannedDischargeDate'),
    extendedUntil: caseFile('extendedUntil'),
    extensionReason: caseFile('extensionReason'),
    dischargedAt: caseFile('dischargedAt'),
    dischargedTo: caseFile('dischargedTo'),
  },
  referral: {
    agency: caseFile('agency'),
    agencyName: caseFile('agencyName'),
    status: caseFile('referralStatus'),
    referredAt: sync('fieldReferredAt'),
    contactPerson: caseFile('contactPerson'),
    notes: caseFile('notes'),
    outcome: caseFile('outcome'),
  },
  followUp: {
    dueDate: caseFile('dueDate'),
    mode: caseFile('mode'),
    doneAt: sync('fieldDoneAt'),
    outcome: caseFile('outcome'),
    notes: caseFile('notes'),
  },
  note: { text: caseFile('noteText') },
};

const entryNames: Readonly<Record<string, Label>> = {
  service: caseFile('entryService'),
  stay: caseFile('entryStay'),
  referral: caseFile('entryReferral'),
  followUp: caseFile('entryFollowUp'),
  note: caseFile('entryNote'),
};

const vocabularies: Readonly<Record<string, Readonly<Record<string, Vocabulary>>>> = {
  case: {
    ...vocabulariesOf(caseDetailFields),
    status: caseStatuses,
    closureReason: closureReasons,
  },
  service: { kind: serviceKinds },
  stay: { dischargedTo: dischargeDestinations },
  referral: { agency: referralAgencies, status: referralStatuses },
  followUp: { mode: followUpModes },
};

function vocabulariesOf(table: CaseFieldTable): Readonly<Record<string, Vocabulary>> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([field, spec]) =>
      spec.kind === 'code' || spec.kind === 'codes' ? [[field, spec.vocabulary]] : [],
    ),
  );
}

/** Fields that hold staff members' user ids. */
const staffIdFields: ReadonlySet<string> = new Set([
  'registeredBy',
  'recordedBy',
  'closureRequestedBy',
  'closureApprovedBy',
  'closureSentBackBy',
  'reopenedBy',
  'assignedStaffIds',
  'givenBy',
]);

/** The field's label in `lang`; its own name when no screen labels it. */
export function labelOfField(recordType: string, field: string, lang: Lang): string {
  if (field === tombstoneField) return syncStatusMessages[lang].fieldDeleted;
  const labels = recordType === 'case' ? caseLabels : own(entryLabels, recordType);
  return own(labels, field)?.[lang] ?? field;
}

/** An entry kind's name ("Service", "Note"); the record type as is when no screen names it. */
export function nameOfEntryKind(recordType: string, lang: Lang): string {
  return own(entryNames, recordType)?.[lang] ?? recordType;
}

/** Which record of the case the conflict is on: the case itself, or an entry of a kind. */
export function labelOfRecord(recordType: string, lang: Lang): string {
  const t = syncStatusMessages[lang];
  if (recordType === 'case') return t.conflictOnCase;
  return fill(t.conflictOnEntry, { entry: nameOfEntryKind(recordType, lang) });
}

export interface ValueContext {
  readonly lang: Lang;
  /** The signed-in staff member, who reads her own id as "you". */
  readonly userId: string;
}

/**
 * A value of the field as staff read it. `undefined` means the record is not on this
 * tablet; an edit-after-removal's losing value is the edits, shown as such.
 */
export function showFieldValue(
  recordType: string,
  field: string,
  value: unknown,
  { lang, userId }: ValueContext,
): string {
  const t = syncStatusMessages[lang];
  if (value === undefined) return t.valueNotHere;
  if (field === tombstoneField) {
    if (value === true) return t.valueRemoved;
    if (value === false) return t.valueNotRemoved;
    return t.removalUndone;
  }
  const vocabulary = own(own(vocabularies, recordType), field);
  const one = (item: unknown): string => {
    if (item === null || item === '') return t.valueEmpty;
    if (typeof item === 'boolean') return item ? t.valueYes : t.valueNo;
    if (typeof item === 'number') return String(item);
    if (typeof item !== 'string') return JSON.stringify(item);
    if (vocabulary) return labelOf(vocabulary, item, lang);
    if (staffIdFields.has(field)) return item === userId ? t.valueYou : t.valueOtherStaff;
    if (/^\d{4}-\d{2}-\d{2}$/.test(item)) return formatDate(item, lang);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(item)) return formatDateTime(item, lang);
    return item;
  };
  if (Array.isArray(value)) return value.length === 0 ? t.valueEmpty : value.map(one).join(', ');
  return one(value);
}
