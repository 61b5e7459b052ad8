// @vitest-environment node
/**
 * A push reads and merges before it takes the change log's lock (sync-push.ts,
 * change-log.ts). These tests hold the lock from another connection, let a push read and
 * wait for it, then commit, under the lock, what another push would have: a change to the
 * same case, or the same mutation applied. The waiting push must see it and merge again,
 * never write its stale merge over it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mergeFields } from '../../src/domain/merge.ts';
import type { Mutation } from '../../src/domain/protocol.ts';
import { readStoredFields, storedFieldsText } from '../db/sync-record-fields.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import type { Kysely } from 'kysely';
import {
  SYNC_START,
  mutationOf,
  newCaseMutation,
  openTwoPoolSyncDatabase,
  pushRequestOf,
  resultsInOrder,
  stampAt,
  type SyncFixture,
  type SyncTestDatabase,
  type TwoPoolSyncDatabase,
} from '../../tests/support/sync-fixture.ts';
import { lockChangeLog } from './change-log.ts';
import { pushMutations } from './sync-push.ts';

const now = new Date(SYNC_START.getTime() + 3600_000);

describe('a push whose reads change while it waits for the change log', () => {
  let pools: TwoPoolSyncDatabase;
  let database: SyncTestDatabase;
  let otherDb: Kysely<SyncDatabase>;
  let fixture: SyncFixture;

  beforeAll(async () => {
    pools = await openTwoPoolSyncDatabase(inject('databaseUrl'));
    ({ database, secondPool: otherDb, fixture } = pools);
  });
  afterAll(() => pools?.close());

  /** Runs `write` holding the lock while a push of `mutations` reads and then waits. */
  async function pushAround(
    mutations: Mutation[],
    write: (trx: Kysely<SyncDatabase>) => Promise<void>,
  ) {
    const { caseworker2 } = fixture.actors;
    let push: ReturnType<typeof pushMutations> | undefined;
    await otherDb.transaction().execute(async (trx) => {
      await lockChangeLog(trx);
      push = pushMutations(database.db, caseworker2, pushRequestOf(caseworker2, mutations), now);
      await waitForLockWaiter();
      await write(trx);
    });
    return resultsInOrder(await push!, mutations);
  }

  async function waitForLockWaiter(): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt++) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_locks
        where locktype = 'advisory' and not granted
      `.execute(otherDb);
      if (rows[0]!.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the push never waited for the change log');
  }

  it('merges again over a change committed meanwhile, losing neither', async () => {
    const { caseworker, caseworker2 } = fixture.actors;
    const created = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
    await pushMutations(database.db, caseworker, pushRequestOf(caseworker, [created]), now);
    const target = {
      recordType: 'case' as const,
      recordId: created.recordId,
      caseId: created.caseId,
    };
    const edit = mutationOf(target, { riskLevel: 'high' }, stampAt(20, caseworker2.deviceId));

    const results = await pushAround([edit], async (trx) => {
      // What another push of the same case commits while this one waits: a new field value
      // and, as every write of a record does, a new change-log number.
      const row = await trx
        .selectFrom('sync_records')
        .select('fields')
        .where('id', '=', created.recordId)
        .executeTakeFirstOrThrow();
      const fields = mergeFields(readStoredFields(row.fields), {
        survivorAlias: { value: 'गुड्डी', stamp: stampAt(10, caseworker.deviceId) },
      });
      await sql`
        update sync_records
        set fields = ${storedFieldsText(fields)}, seq = nextval('sync_change_seq')
        where id = ${created.recordId}
      `.execute(trx);
    });

    expect(results.map((result) => result.status)).toEqual(['applied']);
    const stored = await database.db
      .selectFrom('sync_records')
      .select('fields')
      .where('id', '=', created.recordId)
      .executeTakeFirstOrThrow();
    const fields = readStoredFields(stored.fields);
    expect(fields.riskLevel?.value).toBe('high');
    expect(fields.survivorAlias?.value).toBe('गुड्डी');
  });

  it('answers duplicate for a mutation applied meanwhile, and writes it once', async () => {
    const { caseworker2 } = fixture.actors;
    const created = newCaseMutation(caseworker2, stampAt(30, caseworker2.deviceId));

    const results = await pushAround([created], async (trx) => {
      await trx
        .insertInto('sync_mutations')
        .values({
          id: created.id,
          device_id: caseworker2.deviceId,
          user_id: caseworker2.userId,
          record_id: created.recordId,
          received_at: now.toISOString(),
        })
        .execute();
    });

    expect(results.map((result) => result.status)).toEqual(['duplicate']);
    const receipts = await database.db
      .selectFrom('sync_mutations')
      .select('id')
      .where('id', '=', created.id)
      .execute();
    expect(receipts).toHaveLength(1);
  });
});
