// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  RawNode,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, pushGroupsOf, type OpenDatabase } from './database.ts';
import type { Database } from './schema.ts';
import { createPushGroupCommit, type PushGroupCommit } from './push-group-commit.ts';

type Db = Kysely<Record<string, never>>;

/** Keeps the text of every raw statement run (savepoints are raw). */
class RawStatementWatch implements KyselyPlugin {
  texts: string[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (RawNode.is(node)) this.texts.push(node.sqlFragments.join('?'));
    return node;
  }
  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

describe('push group commit (SQLite)', () => {
  let root: string;
  let database: OpenDatabase;
  let db: Db;
  let groups: PushGroupCommit<Record<string, never>>;
  /** A second connection: sees only what is committed. */
  let reader: SqliteDatabase.Database;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'sakhi-group-commit-'));
    const file = join(root, 'sakhi.sqlite');
    database = openDatabase({ dialect: 'sqlite', file });
    db = database.db as unknown as Db;
    await sql`create table cases (id text primary key, centre_id text not null
      references centres (id) deferrable initially deferred)`.execute(db);
    await sql`create table centres (id text primary key)`.execute(db);
    await sql`insert into centres (id) values ('LKO')`.execute(db);
    groups = createPushGroupCommit(db);
    reader = new SqliteDatabase(file, { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  const committedCases = () =>
    (reader.prepare('select id from cases order by id').all() as { id: string }[]).map(
      (row) => row.id,
    );
  const insertCase =
    (id: string, centreId = 'LKO') =>
    (trx: Db) =>
      sql`insert into cases (id, centre_id) values (${id}, ${centreId})`
        .execute(trx)
        .then(() => committedCases());

  it('commits pushes that arrive together once, and answers each only after that commit', async () => {
    const answers = await Promise.all([
      groups.run(1, insertCase('a')),
      groups.run(1, insertCase('b')),
      groups.run(1, insertCase('c')),
    ]);
    // Inside the transaction a second connection saw none of them; after it, all.
    expect(answers).toEqual([[], [], []]);
    expect(committedCases()).toEqual(['a', 'b', 'c']);
    expect(groups.countCommitted()).toEqual({ groups: 1, pushes: 3 });
  });

  it('lets a later push of the group see an earlier one, and queues pushes made meanwhile for the next group', async () => {
    const seen: number[] = [];
    const countCases = async (trx: Db) => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from cases`.execute(trx);
      seen.push(rows[0]!.n);
    };
    let later: Promise<unknown> | undefined;
    await Promise.all([
      groups.run(1, insertCase('a')),
      groups.run(1, async (trx) => {
        await countCases(trx);
        later = groups.run(1, insertCase('b'));
      }),
    ]);
    await later;
    expect(seen).toEqual([1]);
    expect(groups.countCommitted()).toEqual({ groups: 2, pushes: 3 });
  });

  it('rolls back and refuses only the push that failed', async () => {
    const results = await Promise.allSettled([
      groups.run(1, insertCase('a')),
      groups.run(1, async (trx) => {
        await insertCase('b')(trx);
        await insertCase('a')(trx); // duplicate id: this push fails after writing 'b'
      }),
      groups.run(1, insertCase('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedCases()).toEqual(['a', 'c']);
  });

  it('refuses every push of a group whose commit fails, and keeps none of their writes', async () => {
    const results = await Promise.allSettled([
      groups.run(1, insertCase('a')),
      // Checked at commit (deferred): the whole commit fails.
      groups.run(1, insertCase('b', 'no-such-centre')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(committedCases()).toEqual([]);
    await groups.run(1, insertCase('c'));
    expect(committedCases()).toEqual(['c']);
  });

  it('stops the group when SQLite rolled back the whole transaction, so no later push runs outside it', async () => {
    await sql`create trigger refuse_all before insert on cases when new.id = 'boom'
      begin select raise(rollback, 'disk gone'); end`.execute(db);
    const results = await Promise.allSettled([
      groups.run(1, insertCase('a')),
      groups.run(1, insertCase('boom')),
      groups.run(1, insertCase('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedCases()).toEqual([]);
  });

  it('commits a lone push at once, without a savepoint or waiting for the event loop to go round', async () => {
    const watch = new RawStatementWatch();
    const watched = createPushGroupCommit(db.withPlugin(watch));
    let hasLoopTurned = false;
    setImmediate(() => {
      hasLoopTurned = true;
    });
    const seenInside = await watched.run(1, insertCase('a'));
    expect(hasLoopTurned).toBe(false);
    expect(seenInside).toEqual([]);
    expect(committedCases()).toEqual(['a']);
    expect(watch.texts.filter((text) => text.includes('savepoint'))).toEqual([]);
  });

  it('groups the pushes that come in after a commit in the same turn of the event loop', async () => {
    // Separate callbacks of one check phase stand for requests that finish arriving together.
    const arrivals = await new Promise<Promise<string[]>[]>((resolve) => {
      const started: Promise<string[]>[] = [];
      for (const id of ['a', 'b', 'c'])
        setImmediate(() => started.push(groups.run(1, insertCase(id))));
      setImmediate(() => resolve(started));
    });
    const seenInside = await Promise.all(arrivals);
    // 'a' went alone and at once; 'b' and 'c' waited for the turn and shared one commit.
    expect(seenInside).toEqual([[], ['a'], ['a']]);
    expect(groups.countCommitted()).toEqual({ groups: 2, pushes: 3 });
    expect(committedCases()).toEqual(['a', 'b', 'c']);
  });

  it('gives every handle of one database the same queue, made when it was opened', async () => {
    const opened = pushGroupsOf(database.db);
    const derived = pushGroupsOf(database.db.withTables<{ cases: { id: string } }>());
    expect(opened).toBeDefined();
    expect(derived).toBe(opened);
    // The test's own table is not in the server's schema.
    const asDb = (trx: Kysely<Database>) => trx as unknown as Db;
    await Promise.all([
      opened!.run(1, (trx) => insertCase('a')(asDb(trx))),
      derived!.run(1, (trx) => insertCase('b')(asDb(trx))),
    ]);
    expect(opened!.countCommitted()).toEqual({ groups: 1, pushes: 2 });
    expect(committedCases()).toEqual(['a', 'b']);
  });
});
