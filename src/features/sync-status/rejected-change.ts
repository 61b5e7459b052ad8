// A refused change in the staff's words: what kind of change it was and which details it
// touched, never the record's internal field names (ids, centre, stamps of who and when).
import { tombstoneField } from '../../domain/merge.ts';
import type { Mutation } from '../../domain/protocol.ts';
import { fill } from '../../i18n/define-messages.ts';
import type { Lang } from '../../i18n/lang.ts';
import { syncStatusMessages } from '../../i18n/messages-sync-status.ts';
import { labelOfField, nameOfEntryKind } from './conflict-fields.ts';

/** Fields every record carries for the system: no one thinks of them as what she changed. */
const systemFields: ReadonlySet<string> = new Set([
  'id',
  'caseId',
  'centreId',
  'caseNumber',
  'registeredAt',
  'registeredBy',
  'recordedAt',
  'recordedBy',
]);

export function describeRejectedChange(mutation: Mutation, lang: Lang): string {
  const t = syncStatusMessages[lang];
  if (mutation.recordType === 'conflict') return t.changeConflictAnswer;
  const isCase = mutation.recordType === 'case';
  const record = nameOfEntryKind(mutation.recordType, lang);
  const names = Object.keys(mutation.fields);
  if (names.includes('id')) return isCase ? t.changeCaseAdded : fill(t.changeAdded, { record });
  if (mutation.fields[tombstoneField]?.value === true) {
    return isCase ? t.changeCaseRemoved : fill(t.changeRemoved, { record });
  }
  const fields = names
    .filter((name) => !systemFields.has(name))
    .map((name) => labelOfField(mutation.recordType, name, lang))
    .join(', ');
  return isCase ? fill(t.changeCaseEdited, { fields }) : fill(t.changeEdited, { record, fields });
}
