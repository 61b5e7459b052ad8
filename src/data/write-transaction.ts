/**
 * The one way anything is saved: a record and its outbox mutation in ONE IndexedDB
 * transaction, with stamps from the device's hybrid clock.
 *
 * What must always hold:
 * - a save writes its rows, its outbox mutations and the clock's snapshot together or not
 *   at all (the transaction spans cases, entries, outbox and meta);
 * - each changed field gets a fresh stamp (one per save), and its mutation carries the stamp the field had
 *   before (its base), or null when it was empty, for conflict detection on the server;
 * - fields whose value did not change are neither re-stamped nor sent;
 * - the clock first takes in the snapshot another tab may have saved, so two tabs on one
 *   tablet never issue stamps out of order.
 */
import type { Table } from 'dexie';
import type { HybridClock } from '../domain/hlc.ts';
import { isSameValue, type FieldMap, type FieldState } from '../domain/merge.ts';
import type { Mutation, RecordType } from '../domain/protocol.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { CaseDirectory } from './case-directory.ts';
import type { StaffMember } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';
import type { DeviceIdentity } from './device.ts';
import { toStoreError } from './store-errors.ts';
import { inClockTransaction, readCorrectedNow } from './stored-clock.ts';

export interface StoreContext {
  /** Opened with the data key: its rows seal and open on the way (sealing-middleware.ts). */
  readonly db: SakhiDatabase;
  /** Every case's list and search columns, in memory while unlocked (case-directory.ts). */
  readonly directory: CaseDirectory;
  readonly staff: StaffMember;
  readonly device: DeviceIdentity;
  readonly clock: HybridClock;
  /** The corrected time: device time plus the clock's offset from the server. */
  readonly now: () => Date;
}

/** What opening a store takes: its context, with the corrected time as the default `now`. */
export type StoreOptions = Omit<StoreContext, 'now'> & { readonly now?: () => Date };

export function storeContextOf(options: StoreOptions): StoreContext {
  return { ...options, now: options.now ?? (() => readCorrectedNow(options.clock)) };
}

/** `withConflicts`: the save also resolves a conflict (conflict-repository.ts). */
export async function inWriteTransaction<T>(
  ctx: StoreContext,
  work: () => Promise<T>,
  options: { readonly withConflicts?: boolean } = {},
): Promise<T> {
  const { db, clock } = ctx;
  const tables: Table[] = [db.cases, db.entries, db.outbox];
  if (options.withConflicts) tables.push(db.conflicts);
  try {
    return await inClockTransaction(db, tables, clock, work);
  } catch (error) {
    throw toStoreError(error);
  }
}

export interface StampedChange {
  /** The record's fields after the change. */
  readonly fields: FieldMap;
  /** Null when nothing changed. */
  readonly mutation: Mutation | null;
}

/** Stamps the fields of `changes` that differ from `current`. Call inside inWriteTransaction. */
export function stampChanges(
  ctx: StoreContext,
  record: { recordType: RecordType; recordId: string; caseId: string },
  current: FieldMap,
  changes: Readonly<Record<string, unknown>>,
): StampedChange {
  const fields: Record<string, FieldState> = { ...current };
  const mutationFields: Mutation['fields'] = {};
  // One stamp for the whole save: the fields are merged one by one, but they were written together.
  let stamp: string | null = null;
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const before = Object.hasOwn(current, name) ? current[name] : undefined;
    if (before !== undefined && isSameValue(before.value, value)) continue;
    stamp ??= ctx.clock.now();
    fields[name] = { value, stamp };
    mutationFields[name] = { value, stamp, base: before?.stamp ?? null };
  }
  if (Object.keys(mutationFields).length === 0) return { fields: current, mutation: null };
  const mutation: Mutation = { id: uuidv7(ctx.now().getTime()), ...record, fields: mutationFields };
  return { fields, mutation };
}

export async function queueMutation(ctx: StoreContext, mutation: Mutation | null): Promise<void> {
  if (mutation === null) return;
  await ctx.db.outbox.add({
    ...mutation,
    queuedAt: ctx.now().toISOString(),
    savedBy: ctx.staff.userId,
  });
}
