/**
 * After headquarters was restored from a backup: make sure it holds again every write
 * this tablet made that it had acknowledged after the backup was taken. Only the writing
 * tablet still holds those writes, so each tablet re-offers its own; nothing else can.
 *
 * How: when the server refuses the pull cursor (`invalid_cursor`: its change log changed),
 * `beginRecheck` notes every stored field whose stamp names this device (its claims), and
 * the pull starts again from the beginning. Each pulled page settles the claims of the
 * records it carries, in the page's own transaction: a pulled stamp at or past the claim
 * means headquarters has it; an older or missing one means it was lost, and the field goes
 * into the outbox again with its own value and stamp, and the pulled stamp as its base.
 * After the last page, `finishRecheck` re-offers the records the pull never brought.
 *
 * What must always hold:
 * - Only own-device stamps are re-offered, with their original stamps: a colleague's
 *   newer edit always wins the merge, and the server sees the base it now holds, so no
 *   conflict is kept for a write it simply lacked.
 * - A field still in the outbox (waiting or refused) is not claimed: it goes up, or waits
 *   for a person, by itself. A field this tablet wrote again since the claim is not
 *   re-offered either: the newer save carries it.
 * - The claims live in `meta` and change only with a page (or the finish) in one
 *   transaction, so a re-pull spanning several runs, with the app closed in between,
 *   re-offers each lost field exactly once. Re-offered mutations have new ids, and
 *   re-applying a field the server holds changes nothing (merge is idempotent).
 * - A conflict the pull never brought is not re-offered: only headquarters makes
 *   conflicts, and a resolution of one it no longer holds would only be refused.
 */
import { deviceOfStamp, type Stamp } from '../domain/hlc.ts';
import { mergeFields, type FieldMap } from '../domain/merge.ts';
import type { Mutation, PulledRecord, RecordType } from '../domain/protocol.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { OutboxRow, RestoreRecheck, SakhiDatabase } from './database.ts';
import { tableOf } from './sync-state.ts';

type Claims = RestoreRecheck['claims'];

export async function readRecheck(db: SakhiDatabase): Promise<RestoreRecheck | null> {
  const stored = await db.meta.get('restoreRecheck');
  return stored?.key === 'restoreRecheck' ? stored.value : null;
}

/**
 * Notes this device's claims for the re-pull that follows. Call inside a transaction over
 * cases, entries, conflicts, outbox and meta. A recheck already under way is replaced: a
 * second restore may have lost what the first re-offer put back.
 */
export async function beginRecheck(
  db: SakhiDatabase,
  deviceId: string,
  centreId: string,
): Promise<void> {
  const inOutbox = new Set<string>();
  for (const row of await db.outbox.toArray()) {
    for (const [name, field] of Object.entries(row.fields)) {
      inOutbox.add(fieldKey(row.recordId, name, field.stamp));
    }
  }
  const claims: Record<string, Claims[string]> = {};
  const rows: { id: string; caseId: string; recordType: RecordType; fields: FieldMap }[] = [
    ...(await db.cases.toArray()).map(({ id, fields }) => ({
      id,
      caseId: id,
      recordType: 'case' as const,
      fields,
    })),
    ...(await db.entries.toArray()).map(({ id, caseId, entryType, fields }) => ({
      id,
      caseId,
      recordType: entryType,
      fields,
    })),
    ...(await db.conflicts.toArray()).map(({ id, caseId, fields }) => ({
      id,
      caseId,
      recordType: 'conflict' as const,
      fields,
    })),
  ];
  for (const { id, caseId, recordType, fields } of rows) {
    const own: Record<string, Stamp> = {};
    for (const [name, field] of Object.entries(fields)) {
      if (deviceOfStamp(field.stamp) !== deviceId) continue;
      if (inOutbox.has(fieldKey(id, name, field.stamp))) continue;
      own[name] = field.stamp;
    }
    if (Object.keys(own).length > 0) claims[id] = { recordType, caseId, fields: own };
  }
  await db.meta.put({ key: 'restoreRecheck', value: { centreId, claims } });
}

export interface RecheckContext {
  readonly db: SakhiDatabase;
  readonly centreId: string;
  /** Who the re-offered rows are saved by (the locked push names her), when known. */
  readonly savedBy: string | null;
  readonly now: Date;
}

/**
 * Settles the claims of the records in a stored page: call inside storePage's transaction
 * (which includes the outbox), after the page is merged. Returns how many mutations it queued.
 */
export async function settlePage(
  ctx: RecheckContext,
  records: readonly PulledRecord[],
): Promise<number> {
  const recheck = await readRecheck(ctx.db);
  if (recheck === null) return 0;
  if (recheck.centreId !== ctx.centreId) {
    await ctx.db.meta.delete('restoreRecheck');
    return 0;
  }
  const pulledById = new Map<string, FieldMap>();
  for (const record of records) {
    if (!Object.hasOwn(recheck.claims, record.id)) continue;
    pulledById.set(record.id, mergeFields(pulledById.get(record.id) ?? {}, record.fields));
  }
  if (pulledById.size === 0) return 0;
  const claims = { ...recheck.claims };
  const mutations: Mutation[] = [];
  for (const [id, pulled] of pulledById) {
    const claim = claims[id]!;
    delete claims[id];
    const bases: Record<string, Stamp | null> = {};
    for (const [name, stamp] of Object.entries(claim.fields)) {
      const held = Object.hasOwn(pulled, name) ? pulled[name]!.stamp : null;
      if (held === null || held < stamp) bases[name] = held;
    }
    const mutation = await buildReoffer(ctx, id, claim, bases);
    if (mutation) mutations.push(mutation);
  }
  await queueReoffers(ctx, mutations);
  await ctx.db.meta.put({ key: 'restoreRecheck', value: { ...recheck, claims } });
  return mutations.length;
}

/**
 * After the last page of a pull: re-offers the claimed records the pull never brought,
 * cases before their entries, and ends the recheck. Call inside a transaction over cases,
 * entries, conflicts, outbox and meta. Returns how many mutations it queued.
 */
export async function finishRecheck(ctx: RecheckContext): Promise<number> {
  const recheck = await readRecheck(ctx.db);
  if (recheck === null) return 0;
  await ctx.db.meta.delete('restoreRecheck');
  if (recheck.centreId !== ctx.centreId) return 0;
  const mutations: Mutation[] = [];
  const unbrought = Object.entries(recheck.claims)
    .filter(([, claim]) => claim.recordType !== 'conflict')
    .sort(([, a], [, b]) => Number(b.recordType === 'case') - Number(a.recordType === 'case'));
  for (const [id, claim] of unbrought) {
    const bases = Object.fromEntries(Object.keys(claim.fields).map((name) => [name, null]));
    const mutation = await buildReoffer(ctx, id, claim, bases);
    if (mutation) mutations.push(mutation);
  }
  await queueReoffers(ctx, mutations);
  return mutations.length;
}

/**
 * The mutation that offers `bases`' fields again, as the tablet holds them now; only
 * those still holding the claimed stamp (a newer own save goes up by itself, a newer
 * pulled value means headquarters has moved on). Null when none is left.
 */
async function buildReoffer(
  ctx: RecheckContext,
  recordId: string,
  claim: Claims[string],
  bases: Readonly<Record<string, Stamp | null>>,
): Promise<Mutation | null> {
  const stored = await readStoredFields(ctx.db, claim.recordType, recordId);
  if (stored === null) return null;
  const fields: Record<string, Mutation['fields'][string]> = {};
  for (const [name, base] of Object.entries(bases)) {
    const current = Object.hasOwn(stored, name) ? stored[name] : undefined;
    if (current === undefined || current.stamp !== claim.fields[name]) continue;
    fields[name] = { value: current.value, stamp: current.stamp, base };
  }
  if (Object.keys(fields).length === 0) return null;
  const { recordType, caseId } = claim;
  return { id: uuidv7(ctx.now.getTime()), recordType, recordId, caseId, fields };
}

async function readStoredFields(
  db: SakhiDatabase,
  recordType: RecordType,
  id: string,
): Promise<FieldMap | null> {
  const table = tableOf(recordType);
  const row =
    table === 'cases'
      ? await db.cases.get(id)
      : table === 'entries'
        ? await db.entries.get(id)
        : await db.conflicts.get(id);
  return row?.fields ?? null;
}

async function queueReoffers(ctx: RecheckContext, mutations: readonly Mutation[]) {
  if (mutations.length === 0) return;
  const queuedAt = ctx.now.toISOString();
  const rows: OutboxRow[] = mutations.map((mutation) => ({
    ...mutation,
    queuedAt,
    ...(ctx.savedBy === null ? {} : { savedBy: ctx.savedBy }),
  }));
  await ctx.db.outbox.bulkAdd(rows);
}

function fieldKey(recordId: string, name: string, stamp: Stamp): string {
  return `${recordId}\n${name}\n${stamp}`;
}
