/**
 * Push: the server's final say on a batch of mutations from one tablet.
 *
 * What must always hold:
 * - A batch is written in one database transaction (on SQLite, alone or in a savepoint of
 *   a transaction shared with the pushes that arrived with it: db/push-group-commit.ts; on
 *   PostgreSQL, in the transaction of its process's next group: pg-push-groups.ts), and
 *   answered only after it commits. A mutation's change, the conflicts it causes and its
 *   id are committed together or not at all, so a repeated push answers `duplicate` and
 *   changes nothing, and a crash never leaves a change without its id (or the reverse).
 * - Each mutation is answered — applied, duplicate, or rejected with a reason — and a
 *   rejected one never stops the ones behind it. The answer is grouped as it travels
 *   (PushResponse): duplicates and rejections listed in order, the rest counted as
 *   applied, sent only after the batch committed. Rejected ids are not recorded: the tablet may send them again after a fix
 *   or a clock correction.
 * - A mutation's own stamps name the pushing device (findForeignStamp), else it is refused
 *   as `foreign_device_stamp`: merge trusts a stamp's device for the same-device rule and
 *   for crediting conflicts.
 * - A case number set by a push is the pushing device's own (case-number-check.ts), else
 *   it is refused as `foreign_case_number`.
 * - Permissions (sync-scope.ts) and the domain's checks (checkMutation) come before any
 *   change; the merge itself is the domain's applyMutation, the same function the tablet
 *   runs. Every loser it reports is kept as a `conflict` record on the case.
 * - Every record the batch changes, and every conflict it keeps, gets a new change-log
 *   number, allocated under the change-log lock (change-log.ts).
 * - The session push and the sealed push (sealed-push.ts) apply through the one
 *   `applyPush`: a sealed mutation meets the same checks, write rules and merge as one
 *   pushed by the same person with a session.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { applyMutation, checkMutation, findForeignStamp } from '../../src/domain/apply-mutation.ts';
import type { CheckedPushRequest } from '../../src/domain/checked-push.ts';
import type { Conflict, FieldConflict } from '../../src/domain/conflicts.ts';
import { HybridClock } from '../../src/domain/hlc.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import {
  rejectionCodeFor,
  type Mutation,
  type PushRequest,
  type PushResponse,
  type RejectedResult,
  type RejectionCode,
} from '../../src/domain/protocol.ts';
import type { FieldProblem } from '../../src/domain/records.ts';
import { formatUuidv7, uuidv7RandomBytes } from '../../src/domain/uuidv7.ts';
import { pushGroupsOf } from '../db/database.ts';
import type { Instant } from '../db/schema.ts';
import { factsOf, writeReportFacts } from '../db/report-facts.ts';
import { writePushOnPostgres, type UnnumberedPushWrites } from '../db/pg-push-writes.ts';
import { readStoredFields, storedFieldsText } from '../db/sync-record-fields.ts';
import { RowStatement } from '../db/row-statement.ts';
import type { SyncDatabase, SyncMutationsTable, SyncRecordsTable } from '../db/sync-schema.ts';
import type { CaseNumberIssuer } from '../../src/domain/case-number.ts';
import { checkCaseNumber, findCaseNumberIssuer } from './case-number-check.ts';
import { allocateSeqs, claimChangeLog, isPostgres, type PushReads } from './change-log.ts';
import { assertSupportedProtocol, refuseSync } from './sync-errors.ts';
import { createWorkGate } from './work-gate.ts';
import { pgPushGroupsOf } from './pg-push-groups.ts';
import { describeProblem, foreignDeviceStamp, type Rejection } from './sync-reasons.ts';
import {
  checkClosureStep,
  checkStoredCaseWrite,
  checkWriteScope,
  type RecordHead,
  type SyncActor,
} from './sync-scope.ts';

/**
 * PostgreSQL: pushes reading and merging at a time in this process (and pushes written
 * alone, when their group could not be: pg-push-groups.ts); the rest wait here, in
 * memory. Each holds one of the pool's connections (10 a process), and the pulls and
 * session checks need the others.
 */
const PUSHES_AT_ONCE = 4;
const pushTransactions = createWorkGate(PUSHES_AT_ONCE);

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;

/** A batch's records, new or rewritten: one statement text per row count (row-statement.ts). */
const recordUpserts = new RowStatement<SyncRecordsTable, SyncDatabase>(
  ['id', 'record_type', 'case_id', 'centre_id', 'fields', 'seq', 'created_at', 'updated_at'],
  (db, rows) =>
    db
      .insertInto('sync_records')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          fields: eb.ref('excluded.fields'),
          seq: eb.ref('excluded.seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
);

/** The ids of a batch's applied mutations, so a repeat is answered `duplicate`. */
const mutationReceipts = new RowStatement<SyncMutationsTable, SyncDatabase>(
  ['id', 'device_id', 'user_id', 'record_id', 'received_at'],
  (db, rows) => db.insertInto('sync_mutations').values(rows),
);

/** Stamps on the conflict records the server writes. */
export const SERVER_DEVICE_ID = 'server';

interface WorkingRecord {
  readonly id: string;
  readonly head: RecordHead;
  fields: FieldMap;
  readonly createdAt: Instant;
}

interface KeptConflict {
  readonly conflict: FieldConflict;
  readonly recordId: string;
  readonly head: RecordHead;
  /** Who pushed the mutation that made it. */
  readonly pusher: SyncActor;
}

/**
 * One mutation of a push and who pushes it, or a refusal decided before the batch (a
 * sealed box that did not open, a person who may not write from this tablet). A refused
 * id that was applied before is still answered `duplicate`: it is on the server already.
 */
export type PushItem =
  | {
      readonly mutation: Mutation;
      readonly actor: SyncActor;
      /** The record schemas' findings for its fields, when made on arrival (checked-push.ts). */
      readonly fieldProblems?: readonly FieldProblem[];
    }
  | { readonly mutationId: string; readonly refusal: Rejection };

export interface PushBatch {
  readonly protocolVersion: number;
  /** The pushing device: every item's actor is on it, and every new stamp must name it. */
  readonly deviceId: string;
  /** In the order sent; mutation ids distinct (the wire refuses a push that repeats one). */
  readonly items: readonly PushItem[];
}

export async function pushMutations(
  db: Kysely<SyncDatabase>,
  actor: SyncActor,
  request: PushRequest | CheckedPushRequest,
  now: Date,
  /** Runs in the push's transaction before it commits (the audit row): both or neither. */
  beforeCommit?: (trx: Kysely<SyncDatabase>, answer: PushResponse) => Promise<void>,
): Promise<PushResponse> {
  assertSupportedProtocol(request.protocolVersion);
  if (request.deviceId !== actor.deviceId) throw refuseSync('device_mismatch');
  const fieldProblems = 'fieldProblems' in request ? request.fieldProblems : undefined;
  const items = request.mutations.map((mutation, i) => ({
    mutation,
    actor,
    fieldProblems: fieldProblems?.[i],
  }));
  return applyPush(db, { ...request, items }, now, beforeCommit);
}

/** Applies one batch in one transaction and answers it (see the header for what holds). */
export async function applyPush(
  db: Kysely<SyncDatabase>,
  push: PushBatch,
  now: Date,
  beforeCommit?: (trx: Kysely<SyncDatabase>, answer: PushResponse) => Promise<void>,
): Promise<PushResponse> {
  assertSupportedProtocol(push.protocolVersion);
  const mutations: Mutation[] = [];
  for (const item of push.items) {
    if (!('mutation' in item)) continue;
    if (item.actor.deviceId !== push.deviceId) throw new Error('a push item names another device');
    mutations.push(item.mutation);
  }
  const write = (trx: Kysely<SyncDatabase>) => writeBatch(trx, push, mutations, now, beforeCommit);
  if (isPostgres(db)) {
    // Reads and merge first, on a connection of their own; then the push waits for the
    // next group of this process (pg-push-groups.ts), which takes the lock once for all.
    const prepare = (trx: Kysely<SyncDatabase>) => prepareBatch(trx, push, mutations, now);
    const prepared = await pushTransactions.run(() => db.connection().execute(prepare));
    return pgPushGroupsOf(db).run({
      mutationCount: push.items.length,
      reads: prepared.reads,
      writes: prepared.writes,
      result: prepared.batch.answer(push.protocolVersion),
      prepareAgain: async (trx) => {
        const again = await prepare(trx);
        return { writes: again.writes, result: again.batch.answer(push.protocolVersion) };
      },
      beforeCommit: (trx, answer) => beforeCommit?.(trx, answer) ?? Promise.resolve(),
      runAlone: () => pushTransactions.run(() => db.transaction().execute(write)),
    });
  }
  // SQLite: the pushes that arrive together share one transaction and one commit, through
  // the queue made with the database.
  const groups = pushGroupsOf(db);
  if (groups === undefined)
    throw new Error('push to SQLite through a database openDatabase opened');
  return groups.run(push.items.length, write);
}

/** The push's work inside its transaction; the caller commits it. */
async function writeBatch(
  trx: Kysely<SyncDatabase>,
  push: PushBatch,
  mutations: readonly Mutation[],
  now: Date,
  beforeCommit?: (trx: Kysely<SyncDatabase>, answer: PushResponse) => Promise<void>,
): Promise<PushResponse> {
  // Reads, checks and the merge come before the change log's lock, so the lock (which
  // every push on the database waits for) is held only for the writes and the commit.
  // claimChangeLog then checks that nothing read has changed; rarely, something has, and
  // the batch is read and merged again under the lock.
  let prepared = await prepareBatch(trx, push, mutations, now);
  const claim = await claimChangeLog(trx, prepared.reads, prepared.writes.records.length);
  let seqs = claim.seqs;
  if (!claim.isCurrent) {
    prepared = await prepareBatch(trx, push, mutations, now);
    const count = prepared.writes.records.length;
    if (count > seqs.length) {
      const more = await allocateSeqs(trx, count - seqs.length);
      seqs = [...seqs, ...more];
    }
  }
  await storeWrites(trx, prepared.writes, seqs);
  const answer = prepared.batch.answer(push.protocolVersion);
  await beforeCommit?.(trx, answer);
  return answer;
}

interface PreparedBatch {
  readonly batch: Batch;
  readonly writes: BatchWrites;
  readonly reads: PushReads;
}

/** A batch's rows as stored, but for the records' numbers (given under the lock). */
type BatchWrites = UnnumberedPushWrites;

/** Writes a prepared batch, its records under `seqs` (one each, in order). */
async function storeWrites(
  trx: Kysely<SyncDatabase>,
  writes: BatchWrites,
  seqs: readonly number[],
): Promise<void> {
  if (writes.receipts.length === 0) return;
  const records = writes.records.map((record, i) => ({ ...record, seq: seqs[i]! }));
  if (isPostgres(trx)) {
    await writePushOnPostgres(trx, { records, facts: writes.facts, receipts: writes.receipts });
    return;
  }
  await recordUpserts.run(trx, records, ROWS_PER_STATEMENT);
  await writeReportFacts(trx, writes.facts);
  await mutationReceipts.run(trx, writes.receipts, ROWS_PER_STATEMENT);
}

/** Reads what the batch needs and merges it in memory; writes nothing. */
async function prepareBatch(
  trx: Kysely<SyncDatabase>,
  push: PushBatch,
  mutations: readonly Mutation[],
  now: Date,
): Promise<PreparedBatch> {
  const state = isPostgres(trx)
    ? await loadBatchStateOnPostgres(trx, push, mutations)
    : {
        ...(await loadBatchState(trx, push.items, mutations)),
        issuer: await findCaseNumberIssuer(trx, push.deviceId),
      };
  const { reads, ...batchState } = state;
  const batch = new Batch(push.deviceId, now, batchState);
  for (const item of push.items) batch.apply(item);
  const rows = await batch.recordsToWrite(trx);
  return { batch, writes: batch.writesFor(rows), reads };
}

/** A rejection as the server makes it, before it is answered in the tablet's version. */
type ServerRejection = RejectedResult & { readonly code: RejectionCode };

interface BatchState {
  readonly appliedIds: Set<string>;
  readonly records: Map<string, WorkingRecord>;
  /** Whose case numbers this device may give (the pushing device's). */
  readonly issuer: CaseNumberIssuer | null;
}

async function loadBatchState(
  trx: Kysely<SyncDatabase>,
  items: readonly PushItem[],
  mutations: readonly Mutation[],
): Promise<Omit<BatchState, 'issuer'> & { reads: PushReads }> {
  const appliedIds = new Set<string>();
  const { mutationIds, recordIds } = idsToRead(items, mutations);
  for (const ids of chunksOf(mutationIds)) {
    const rows = await trx
      .selectFrom('sync_mutations')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) appliedIds.add(row.id);
  }
  const records = new Map<string, WorkingRecord>();
  const recordSeqs = new Map<string, number>();
  for (const ids of chunksOf(recordIds)) {
    const rows = await trx.selectFrom('sync_records').selectAll().where('id', 'in', ids).execute();
    for (const row of rows) keepStoredRecord(row, records, recordSeqs);
  }
  const reads = readsOf({ mutationIds, recordIds }, recordSeqs, appliedIds);
  return { appliedIds, records, reads };
}

/** The ids a push reads: its mutations', and the records and cases they write. */
function idsToRead(items: readonly PushItem[], mutations: readonly Mutation[]) {
  return {
    mutationIds: unique(items.map(mutationIdOf)),
    recordIds: unique(mutations.flatMap((m) => [m.recordId, m.caseId])),
  };
}

/** What a push read, for the check under the change log's lock (change-log.ts). */
function readsOf(
  ids: { mutationIds: string[]; recordIds: string[] },
  recordSeqs: Map<string, number>,
  appliedIds: ReadonlySet<string>,
): PushReads {
  // The batch adds to appliedIds as it applies: the check compares with what was read.
  return { ...ids, recordSeqs, appliedIds: new Set(appliedIds) };
}

/**
 * loadBatchState and the case-number issuer in one statement: on PostgreSQL each
 * statement is a round trip and a parse, plan and snapshot in the database, and under load
 * those, not the rows, were most of a push's reads. Ids go as two arrays, so no statement
 * is split by a parameter limit. The issuer's row carries the device tag as `id` and the
 * district code as `centre_id`.
 */
async function loadBatchStateOnPostgres(
  trx: Kysely<SyncDatabase>,
  push: PushBatch,
  mutations: readonly Mutation[],
): Promise<BatchState & { reads: PushReads }> {
  const { mutationIds, recordIds } = idsToRead(push.items, mutations);
  const { rows } = await sql<BatchStateRow>`
    select 'applied' as kind, id, null as record_type, null as case_id, null as centre_id,
      null as fields, null::bigint as seq, null as created_at
    from sync_mutations where id = any(${mutationIds}::text[])
    union all
    select 'record', id, record_type, case_id, centre_id, fields, seq, created_at
    from sync_records where id = any(${recordIds}::text[])
    union all
    select 'issuer', devices.tag, null, null, centres.district_code, null, null, null
    from devices inner join centres on centres.id = devices.centre_id
    where devices.id = ${push.deviceId}
  `.execute(trx);
  const appliedIds = new Set<string>();
  const records = new Map<string, WorkingRecord>();
  const recordSeqs = new Map<string, number>();
  let issuer: CaseNumberIssuer | null = null;
  for (const row of rows) {
    if (row.kind === 'applied') appliedIds.add(row.id);
    else if (row.kind === 'issuer') issuer = { deviceTag: row.id, districtCode: row.centre_id! };
    else keepStoredRecord(row as SyncRecordsTable, records, recordSeqs);
  }
  const reads = readsOf({ mutationIds, recordIds }, recordSeqs, appliedIds);
  return { appliedIds, records, issuer, reads };
}

type BatchStateRow = { readonly kind: 'applied' | 'record' | 'issuer'; readonly id: string } & {
  readonly [K in Exclude<keyof SyncRecordsTable, 'id'>]: SyncRecordsTable[K] | null;
};

function keepStoredRecord(
  row: SyncRecordsTable,
  records: Map<string, WorkingRecord>,
  recordSeqs: Map<string, number>,
): void {
  records.set(row.id, {
    id: row.id,
    head: { recordType: row.record_type, caseId: row.case_id, centreId: row.centre_id },
    fields: readStoredFields(row.fields),
    createdAt: row.created_at,
  });
  recordSeqs.set(row.id, Number(row.seq));
}

/** One batch in memory: each mutation sees the ones before it, then all is written at once. */
class Batch {
  private readonly changed = new Set<string>();
  private readonly kept: KeptConflict[] = [];
  private readonly applied: { id: string; recordId: string; userId: string }[] = [];
  private readonly duplicates: string[] = [];
  private readonly rejected: ServerRejection[] = [];
  private readonly nowMs: number;

  constructor(
    private readonly deviceId: string,
    private readonly now: Date,
    private readonly state: BatchState,
  ) {
    this.nowMs = now.getTime();
  }

  apply(item: PushItem): void {
    const mutationId = mutationIdOf(item);
    if (this.state.appliedIds.has(mutationId)) {
      this.duplicates.push(mutationId);
      return;
    }
    if ('refusal' in item) {
      this.rejected.push({ mutationId, status: 'rejected', ...item.refusal });
      return;
    }
    const { mutation, actor, fieldProblems } = item;
    const foreign = findForeignStamp(mutation, this.deviceId);
    if (foreign !== null) {
      this.rejected.push({ mutationId, status: 'rejected', ...foreignDeviceStamp(foreign) });
      return;
    }
    const stored = this.state.records.get(mutation.recordId) ?? null;
    const parentCase = this.state.records.get(mutation.caseId) ?? null;
    const refusal =
      checkWriteScope(actor, mutation, stored?.head ?? null, parentCase?.head ?? null) ??
      checkClosureStep(mutation, stored?.fields ?? null, parentCase?.fields ?? null) ??
      checkStoredCaseWrite(actor, mutation, stored?.fields ?? null);
    if (refusal) {
      this.rejected.push({ mutationId, status: 'rejected', ...refusal });
      return;
    }
    const storedType = stored?.head.recordType ?? null;
    const problem = checkMutation(mutation, this.nowMs, storedType, fieldProblems);
    if (problem) {
      const reason = describeProblem(mutation.recordType, problem);
      this.rejected.push({ mutationId, status: 'rejected', ...reason });
      return;
    }
    const wrongNumber = checkCaseNumber(mutation, stored?.fields ?? null, this.state.issuer);
    if (wrongNumber) {
      this.rejected.push({ mutationId, status: 'rejected', ...wrongNumber });
      return;
    }

    const record = stored ?? this.createRecord(mutation, parentCase);
    const result = applyMutation(record.fields, mutation.fields);
    record.fields = result.fields;
    if (stored === null || result.changedFields.length > 0) this.changed.add(record.id);
    for (const conflict of result.conflicts) {
      this.kept.push({ conflict, recordId: record.id, head: record.head, pusher: actor });
    }
    this.state.appliedIds.add(mutationId);
    this.applied.push({ id: mutationId, recordId: record.id, userId: actor.userId });
  }

  /**
   * The grouped answer, as it travels: send it only after `commit`. Each rejection goes
   * under a code the tablet's `protocolVersion` can read (rejectionCodeFor).
   */
  answer(protocolVersion: number): PushResponse {
    return {
      serverTime: this.now.toISOString(),
      applied: this.applied.length,
      duplicates: this.duplicates,
      rejected: this.rejected.map((result) => ({
        ...result,
        code: rejectionCodeFor(result.code, protocolVersion),
      })),
    };
  }

  /** The records to write: changed ones, then a new record per kept conflict. */
  async recordsToWrite(trx: Kysely<SyncDatabase>): Promise<WorkingRecord[]> {
    if (this.applied.length === 0) return [];
    const conflicts = await this.buildConflictRecords(trx);
    const changed = [...this.changed].map((id) => this.state.records.get(id)!);
    return [...changed, ...conflicts];
  }

  /**
   * Everything the batch writes for `rows` (from recordsToWrite) but their numbers: the
   * stored text, the report facts and the receipts, made before the change log's lock so
   * that the lock is held only for the statements.
   */
  writesFor(rows: readonly WorkingRecord[]): BatchWrites {
    if (this.applied.length === 0) return { records: [], facts: [], receipts: [] };
    const updatedAt = this.now.toISOString();
    return {
      records: rows.map((record) => ({
        id: record.id,
        record_type: record.head.recordType,
        case_id: record.head.caseId,
        centre_id: record.head.centreId,
        fields: storedFieldsText(record.fields),
        created_at: record.createdAt,
        updated_at: updatedAt,
      })),
      facts: factsOf(rows.slice(0, this.changed.size)),
      receipts: this.applied.map(({ id, recordId, userId }) => ({
        id,
        device_id: this.deviceId,
        user_id: userId,
        record_id: recordId,
        received_at: updatedAt,
      })),
    };
  }

  private createRecord(mutation: Mutation, parentCase: WorkingRecord | null): WorkingRecord {
    // checkWriteScope has made sure: a case names the actor's centre; an entry's case exists.
    const centreId =
      mutation.recordType === 'case'
        ? (mutation.fields.centreId!.value as string)
        : parentCase!.head.centreId;
    const record: WorkingRecord = {
      id: mutation.recordId,
      head: { recordType: mutation.recordType, caseId: mutation.caseId, centreId },
      fields: {},
      createdAt: this.now.toISOString(),
    };
    this.state.records.set(record.id, record);
    return record;
  }

  /** Each loser as a record of its own on the case, stamped by the server's clock. */
  private async buildConflictRecords(trx: Kysely<SyncDatabase>): Promise<WorkingRecord[]> {
    if (this.kept.length === 0) return [];
    const writers = await findWriters(
      trx,
      this.kept.map(({ conflict }) => conflict.deviceId),
    );
    // A loser from this device is the incoming write (the same-device rule keeps no
    // conflict between two of its own): its writer is who pushed it, whatever the
    // devices table says.
    const pusherIds = this.kept
      .filter(({ conflict }) => conflict.deviceId === this.deviceId)
      .map(({ pusher }) => pusher.userId);
    const pusherNames = await findDisplayNames(trx, pusherIds);
    const writerOf = ({ conflict, pusher }: KeptConflict): Writer | undefined =>
      conflict.deviceId === this.deviceId
        ? { userId: pusher.userId, displayName: pusherNames.get(pusher.userId) ?? null }
        : writers.get(conflict.deviceId);
    const clock = new HybridClock(SERVER_DEVICE_ID, () => this.nowMs);
    const detectedAt = this.now.toISOString();
    return this.kept.map((kept) => {
      const { conflict, recordId, head } = kept;
      const writer = writerOf(kept);
      const id = newUuidv7(this.nowMs);
      const values: Conflict = {
        id,
        caseId: head.caseId,
        centreId: head.centreId,
        recordType: head.recordType,
        recordId,
        field: conflict.field,
        loser: conflict.loser,
        value: conflict.value,
        stamp: conflict.stamp,
        winningStamp: conflict.winningStamp,
        deviceId: conflict.deviceId,
        writtenBy: writer?.userId ?? null,
        writtenByName: writer?.displayName ?? null,
        detectedAt,
        resolution: null,
        resolvedBy: null,
        resolvedAt: null,
      };
      const stamp = clock.now();
      const fields = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, { value, stamp }]),
      );
      return {
        id,
        head: { recordType: 'conflict', caseId: head.caseId, centreId: head.centreId },
        fields,
        createdAt: detectedAt,
      };
    });
  }
}

interface Writer {
  readonly userId: string;
  readonly displayName: string | null;
}

/**
 * Who each known device belongs to (devices and users tables), with the name a manager
 * reads on the conflict card; unknown devices are left out.
 */
async function findWriters(
  trx: Kysely<SyncDatabase>,
  deviceIds: readonly string[],
): Promise<Map<string, Writer>> {
  const writers = new Map<string, Writer>();
  for (const ids of chunksOf(unique(deviceIds))) {
    const rows = await trx
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .select(['devices.id as deviceId', 'users.id as userId', 'users.display_name as displayName'])
      .where('devices.id', 'in', ids)
      .execute();
    for (const { deviceId, ...writer } of rows) writers.set(deviceId, writer);
  }
  return writers;
}

async function findDisplayNames(
  trx: Kysely<SyncDatabase>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const ids of chunksOf(unique(userIds))) {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) names.set(row.id, row.display_name);
  }
  return names;
}

function mutationIdOf(item: PushItem): string {
  return 'mutation' in item ? item.mutation.id : item.mutationId;
}

/** A new UUIDv7, as the tablets make them (src/domain/uuidv7.ts), from node:crypto. */
export function newUuidv7(timeMs: number): string {
  return formatUuidv7(timeMs, randomBytes(uuidv7RandomBytes));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function chunksOf<T>(values: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    chunks.push(values.slice(i, i + ROWS_PER_STATEMENT));
  }
  return chunks;
}
