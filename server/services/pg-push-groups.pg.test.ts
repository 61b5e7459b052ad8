// @vitest-environment node
/**
 * Pushes written in groups on PostgreSQL (pg-push-groups.ts). Each test holds the change
 * log's lock from another connection while its pushes read, merge and queue, then lets go:
 * the pushes queued meanwhile must go in one group, and come out as if committed one by
 * one in order.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Mutation, PushResponse } from '../../src/domain/protocol.ts';
import { readStoredFields } from '../db/sync-record-fields.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
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
import { pgPushGroupsOf } from './pg-push-groups.ts';
import { pushMutations } from './sync-push.ts';
import type { SyncActor } from './sync-scope.ts';

const now = new Date(SYNC_START.getTime() + 3600_000);

interface PushToQueue {
  readonly actor: SyncActor;
  readonly mutations: Mutation[];
  readonly beforeCommit?: (trx: Kysely<SyncDatabase>) => Promise<void>;
}

describe('pushes that are ready together on PostgreSQL', () => {
  let pools: TwoPoolSyncDatabase;
  let database: SyncTestDatabase;
  let otherDb: Kysely<SyncDatabase>;
  let fixture: SyncFixture;

  beforeAll(async () => {
    pools = await openTwoPoolSyncDatabase(inject('databaseUrl'));
    ({ database, secondPool: otherDb, fixture } = pools);
  });
  afterAll(() => pools?.close());

  /** Pushes `pushes` while another connection holds the lock, so they queue together. */
  async function pushTogether(pushes: readonly PushToQueue[]) {
    const groups = pgPushGroupsOf(database.db);
    const before = groups.countCommitted();
    let settled: Promise<PromiseSettledResult<PushResponse>[]> | undefined;
    await otherDb.transaction().execute(async (trx) => {
      await lockChangeLog(trx);
      settled = Promise.allSettled(
        pushes.map(({ actor, mutations, beforeCommit }) =>
          pushMutations(database.db, actor, pushRequestOf(actor, mutations), now, beforeCommit),
        ),
      );
      for (let attempt = 0; groups.countWaiting() < pushes.length; attempt++) {
        if (attempt === 1_000) throw new Error('the pushes never queued together');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    const outcomes = await settled!;
    const after = groups.countCommitted();
    return {
      outcomes,
      groups: after.groups - before.groups,
      fallbacks: after.fallbacks - before.fallbacks,
    };
  }

  /** The transaction that last wrote each row (PostgreSQL's xmin), per record id. */
  async function writersOf(recordIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await sql<{ writer: string }>`
      select xmin::text as writer from sync_records where id = any(${recordIds}::text[])
    `.execute(database.db);
    expect(rows).toHaveLength(recordIds.length);
    return new Set(rows.map((row) => row.writer));
  }

  async function storedCase(id: string) {
    const row = await database.db
      .selectFrom('sync_records')
      .select('fields')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && readStoredFields(row.fields);
  }

  it('commits the pushes queued together in one transaction', async () => {
    const { caseworker, caseworker2 } = fixture.actors;
    const cases = [caseworker, caseworker2, caseworker, caseworker2].map((actor, i) =>
      newCaseMutation(actor, stampAt(100 + i, actor.deviceId)),
    );
    const { outcomes, groups, fallbacks } = await pushTogether(
      cases.map((mutation, i) => ({
        actor: i % 2 === 0 ? caseworker : caseworker2,
        mutations: [mutation],
      })),
    );
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.status).toBe('fulfilled');
      const answer = (outcome as PromiseFulfilledResult<PushResponse>).value;
      expect(resultsInOrder(answer, [cases[i]!])[0]!.status).toBe('applied');
    }
    expect({ groups, fallbacks }).toEqual({ groups: 1, fallbacks: 0 });
    expect((await writersOf(cases.map((mutation) => mutation.recordId))).size).toBe(1);
  });

  it('merges a push on what an earlier push of its group writes, losing nothing', async () => {
    const { caseworker, caseworker2 } = fixture.actors;
    const created = newCaseMutation(caseworker, stampAt(200, caseworker.deviceId));
    await pushMutations(database.db, caseworker, pushRequestOf(caseworker, [created]), now);
    const target = {
      recordType: 'case' as const,
      recordId: created.recordId,
      caseId: created.caseId,
    };
    const risk = mutationOf(target, { riskLevel: 'high' }, stampAt(210, caseworker.deviceId));
    const alias = mutationOf(target, { survivorAlias: 'गुड्डी' }, stampAt(220, caseworker2.deviceId));
    // The first push again, as a tablet sends it when its answer was lost on the way.
    const { outcomes, groups, fallbacks } = await pushTogether([
      { actor: caseworker, mutations: [risk] },
      { actor: caseworker2, mutations: [alias] },
      { actor: caseworker, mutations: [risk] },
    ]);
    const statuses = outcomes.map((outcome, i) => {
      expect(outcome.status).toBe('fulfilled');
      const answer = (outcome as PromiseFulfilledResult<PushResponse>).value;
      return resultsInOrder(answer, [[risk, alias, risk][i]!])[0]!.status;
    });
    // Queued in the order their reads finished: either delivery may be the one applied.
    expect(statuses[1]).toBe('applied');
    expect([statuses[0], statuses[2]].sort()).toEqual(['applied', 'duplicate']);
    expect({ groups, fallbacks }).toEqual({ groups: 1, fallbacks: 0 });
    const fields = await storedCase(created.recordId);
    expect(fields?.riskLevel?.value).toBe('high');
    expect(fields?.survivorAlias?.value).toBe('गुड्डी');
    const receipts = await database.db
      .selectFrom('sync_mutations')
      .select('id')
      .where('id', '=', risk.id)
      .execute();
    expect(receipts).toHaveLength(1);
  });

  it('refuses alone a push that throws, and commits the others', async () => {
    const { caseworker, caseworker2 } = fixture.actors;
    const cases = [caseworker, caseworker2, caseworker].map((actor, i) =>
      newCaseMutation(actor, stampAt(300 + i, actor.deviceId)),
    );
    const { outcomes, fallbacks } = await pushTogether(
      cases.map((mutation, i) => ({
        actor: i === 1 ? caseworker2 : caseworker,
        mutations: [mutation],
        beforeCommit:
          i === 1
            ? () => Promise.reject(new Error('the audit row could not be written'))
            : undefined,
      })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(fallbacks).toBe(1);
    expect(await storedCase(cases[0]!.recordId)).toBeDefined();
    expect(await storedCase(cases[1]!.recordId)).toBeUndefined();
    expect(await storedCase(cases[2]!.recordId)).toBeDefined();
  });

  it('refuses every push of a group whose commit fails, keeping none of them', async () => {
    const { caseworker, caseworker2 } = fixture.actors;
    // A check PostgreSQL runs only at COMMIT: a deferred constraint trigger that refuses.
    await sql`create table commit_refusals (at int)`.execute(database.db);
    await sql`
      create function refuse_commit() returns trigger language plpgsql as $$
      begin raise exception 'commit refused'; end $$
    `.execute(database.db);
    await sql`
      create constraint trigger refuse_at_commit after insert on commit_refusals
      deferrable initially deferred for each row execute function refuse_commit()
    `.execute(database.db);
    try {
      const cases = [caseworker, caseworker2, caseworker].map((actor, i) =>
        newCaseMutation(actor, stampAt(400 + i, actor.deviceId)),
      );
      const { outcomes, groups, fallbacks } = await pushTogether(
        cases.map((mutation, i) => ({
          actor: i === 1 ? caseworker2 : caseworker,
          mutations: [mutation],
          beforeCommit:
            i === 2
              ? async (trx) => {
                  await sql`insert into commit_refusals values (1)`.execute(trx);
                }
              : undefined,
        })),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({
        message: expect.stringContaining('commit refused') as unknown,
      });
      expect({ groups, fallbacks }).toEqual({ groups: 0, fallbacks: 0 });
      for (const mutation of cases) expect(await storedCase(mutation.recordId)).toBeUndefined();
    } finally {
      await sql`drop table commit_refusals`.execute(database.db);
      await sql`drop function refuse_commit()`.execute(database.db);
    }
  });
});
