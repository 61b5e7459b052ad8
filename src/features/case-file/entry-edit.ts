/**
 * Correcting an entry in place, through the form that created it: what a correction saves.
 *
 * What must stay true: only the fields whose value she changed are saved. A field sent
 * again with its old value would carry this tablet's base stamp and, had another tablet
 * changed it meanwhile, be kept as a false conflict. And nothing is corrected on a case
 * the write rules keep closed: the tablet refuses it with the server's own words.
 */
import {
  StoreError,
  type CaseStore,
  type EntryChanges,
  type EntryOf,
} from '../../data/case-store.ts';
import { closureStageOf, mayRecordOnCase } from '../../domain/closure.ts';
import { closureStateRules } from '../../domain/closure-write-rules.ts';
import type { EntryKind } from '../../domain/entries.ts';
import { isSameValue } from '../../domain/merge.ts';

/** The fields of `next` whose value differs from the entry's; empty when she changed nothing. */
export function changedEntryFields<E extends object>(entry: E, next: Partial<E>): Partial<E> {
  const changes: Partial<E> = {};
  for (const field of Object.keys(next) as (keyof E)[]) {
    if (!isSameValue(entry[field] ?? null, next[field])) changes[field] = next[field];
  }
  return changes;
}

/**
 * Saves what she changed of `entry`, after reading its case again: a sync may have closed
 * it while the form was open. Saves nothing when nothing changed.
 */
export async function saveEntryCorrection<K extends EntryKind>(
  caseStore: Pick<CaseStore, 'getCaseFile' | 'updateEntry'>,
  entryType: K,
  entry: EntryOf<K>,
  next: EntryChanges<K>,
): Promise<void> {
  const changes = changedEntryFields(entry as EntryChanges<K>, next);
  if (Object.keys(changes).length === 0) return;
  const file = await caseStore.getCaseFile(entry.caseId);
  if (file && !mayRecordOnCase(closureStageOf(file.case), entryType)) {
    throw new StoreError('invalid_record', closureStateRules.closedCase.reason);
  }
  await caseStore.updateEntry(entryType, entry.id, changes);
}
