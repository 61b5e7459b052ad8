// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { FieldMap } from '../../src/domain/merge.ts';
import { seedSyncFixture, stampAt } from '../../tests/support/sync-fixture.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';
import { up as compactRecords } from './migrations/0004-compact-records.ts';
import { readStoredFields } from './sync-record-fields.ts';
import type { SyncTables } from './sync-schema.ts';

const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 0004-compact-records', () => {
  it('rewrites every stored record to compact form, keeps its change-log number, and can run again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sakhi-compact-'));
    const database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
    try {
      const db = database.db.withTables<SyncTables>();
      // Up to 0003, then every later migration runs on records in 0003's form.
      const before = Object.fromEntries(
        Object.entries(MIGRATIONS).filter(([name]) => name < '0004-compact-records'),
      );
      const later = Object.keys(MIGRATIONS).filter((name) => name >= '0004-compact-records');
      await migrateToLatest(db, before);
      const { own } = await seedSyncFixture(db);
      // Records as 0003 stored them: a field map, one stamp per field. 1,500 of them, so
      // the migration reads more than one page.
      const oldForm = (n: number): FieldMap => ({
        id: { value: uuid(n), stamp: stampAt(n, 'tab-a') },
        survivorName: { value: `सुनीता ${n}`, stamp: stampAt(n, 'tab-a') },
        riskLevel: { value: 'high', stamp: stampAt(n + 1, 'tab-b') },
      });
      const count = 1500;
      for (let start = 0; start < count; start += 250) {
        await db
          .insertInto('sync_records')
          .values(
            Array.from({ length: Math.min(250, count - start) }, (_, i) => {
              const n = start + i + 1;
              return {
                id: uuid(n),
                record_type: 'case' as const,
                case_id: uuid(n),
                centre_id: own.id,
                fields: JSON.stringify(oldForm(n)),
                seq: n,
                created_at: '2026-03-08T09:30:00.000Z',
                updated_at: '2026-03-08T09:30:00.000Z',
              };
            }),
          )
          .execute();
      }

      expect(await migrateToLatest(db)).toEqual(later);
      const rows = await db.selectFrom('sync_records').select(['id', 'fields', 'seq']).execute();
      expect(rows).toHaveLength(count);
      for (const row of rows) {
        const n = row.seq;
        expect(readStoredFields(row.fields)).toEqual(oldForm(n));
        expect(JSON.parse(row.fields)).toEqual({
          stamp: stampAt(n, 'tab-a'),
          values: { id: uuid(n), riskLevel: 'high', survivorName: `सुनीता ${n}` },
          stamps: { riskLevel: stampAt(n + 1, 'tab-b') },
        });
      }

      // An interrupted run is run again: rows already compact are left as they are.
      await compactRecords(db as unknown as Kysely<unknown>);
      const again = await db.selectFrom('sync_records').select(['id', 'fields']).execute();
      expect(again).toEqual(rows.map(({ id, fields }) => ({ id, fields })));
    } finally {
      await database.close();
      rmSync(root, { recursive: true, force: true });
    }
    // 1,500 rows through every migration since 0004: seconds alone, more on a busy CI machine.
  }, 30_000);
});
