import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements } from './sqlite-statements.ts';

function openCounted(limit?: number) {
  const sqlite = new SqliteDatabase(':memory:');
  const prepare = sqlite.prepare.bind(sqlite);
  const prepared: string[] = [];
  sqlite.prepare = (text: string) => {
    prepared.push(text);
    return prepare(text);
  };
  return { db: cachePreparedStatements(sqlite, limit), prepared, sqlite };
}

describe('cachePreparedStatements', () => {
  it('prepares a statement text once and gives the same rows each time', () => {
    const { db, prepared } = openCounted();
    db.prepare('create table stay (id integer primary key, note text)').run([]);
    const insert = 'insert into stay (note) values (?)';
    for (const note of ['first', 'second', 'third']) db.prepare(insert).run([note]);
    const read = 'select note from stay order by id';
    expect(db.prepare(read).all([])).toEqual([
      { note: 'first' },
      { note: 'second' },
      { note: 'third' },
    ]);
    expect(prepared.filter((text) => text === insert)).toHaveLength(1);
  });

  it('never hands out a statement still being read', () => {
    const { db, prepared } = openCounted();
    db.prepare('create table stay (id integer primary key)').run([]);
    db.prepare('insert into stay (id) values (1), (2)').run([]);
    const read = 'select id from stay order by id';
    const outer = db.prepare(read).iterate([]);
    expect(outer.next().value).toEqual({ id: 1 });
    // The first statement is mid-read: a second read of the same text needs its own.
    expect(db.prepare(read).all([])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(outer.next().value).toEqual({ id: 2 });
    expect(prepared.filter((text) => text === read)).toHaveLength(2);
  });

  it('keeps at most `limit` texts, dropping the least recently used', () => {
    const { db, prepared } = openCounted(2);
    db.prepare('select 1').all([]);
    db.prepare('select 2').all([]);
    db.prepare('select 1').all([]);
    db.prepare('select 3').all([]);
    db.prepare('select 1').all([]);
    db.prepare('select 2').all([]);
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('closes the connection', () => {
    const { db, sqlite } = openCounted();
    db.close();
    expect(sqlite.open).toBe(false);
  });
});
