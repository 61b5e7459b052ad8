// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InsertQueryNode,
  ValuesNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { pushGroupsOf } from '../db/database.ts';
import { auditRowOf } from './audit.ts';
import { createAuditGroupCommit } from './audit-group-commit.ts';

/** Counts insert statements, and refuses the ones `shouldRefuse` picks. */
class InsertWatch implements KyselyPlugin {
  rowsPerInsert: number[] = [];
  shouldRefuse = (_rows: number) => false;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(node)) {
      const rows = node.values && ValuesNode.is(node.values) ? node.values.values.length : 0;
      this.rowsPerInsert.push(rows);
      if (this.shouldRefuse(rows)) throw new Error('the disk is full');
    }
    return node;
  }
  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

describe('audit rows committed together', () => {
  let root: string;
  let database: OpenDatabase;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'sakhi-audit-'));
    database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
    await migrateToLatest(database.db);
  });
  afterEach(async () => {
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  const read = (i: number) => ({
    action: 'case.read' as const,
    outcome: 'success' as const,
    resourceType: 'sync',
    details: { records: i },
  });
  const storedCounts = async () =>
    (await database.db.selectFrom('audit_log').select('details').orderBy('id').execute()).map(
      (row) => (JSON.parse(row.details) as { records: number }).records,
    );

  it('commits a lone row at once, and rows that arrive together in one statement, in order', async () => {
    const watch = new InsertWatch();
    const write = createAuditGroupCommit(database.db.withPlugin(watch));
    const at = new Date('2026-03-08T09:30:00.000Z');
    await write(at, read(0));
    expect(watch.rowsPerInsert).toEqual([1]);
    await Promise.all(Array.from({ length: 19 }, (_, i) => write(at, read(i + 1))));
    expect(watch.rowsPerInsert).toEqual([1, 19]);
    expect(await storedCounts()).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await write(at, read(20));
    expect(watch.rowsPerInsert).toEqual([1, 19, 1]);
  });

  it('rejects every write of a failed commit, and commits later ones', async () => {
    const watch = new InsertWatch();
    watch.shouldRefuse = (rows) => rows > 1;
    const write = createAuditGroupCommit(database.db.withPlugin(watch));
    const at = new Date('2026-03-08T09:30:00.000Z');
    await write(at, read(0));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 3 }, (_, i) => write(at, read(i + 1))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await write(at, read(9));
    expect(await storedCounts()).toEqual([0, 9]);
  });

  it('shares the commit of the pushes written with it: one transaction, one fsync', async () => {
    const groups = pushGroupsOf(database.db)!;
    const write = createAuditGroupCommit(database.db);
    const at = new Date('2026-03-08T09:30:00.000Z');
    const inPush = (i: number) => (trx: typeof database.db) =>
      trx
        .insertInto('audit_log')
        .values(auditRowOf(at, { ...read(i), action: 'case.write' }))
        .execute();
    await Promise.all([groups.run(1, inPush(100)), write(at, read(0)), write(at, read(1))]);
    expect(groups.countCommitted()).toEqual({ groups: 1, pushes: 2 });
    expect(await storedCounts()).toEqual([100, 0, 1]);
    // Every row waiting when the group is written goes in it, in one statement.
    await Promise.all([
      groups.run(1, inPush(101)),
      write(at, read(2)),
      groups.run(1, inPush(102)),
      write(at, read(3)),
    ]);
    expect(groups.countCommitted()).toEqual({ groups: 2, pushes: 5 });
    expect(await storedCounts()).toEqual([100, 0, 1, 101, 2, 3, 102]);
  });
});
