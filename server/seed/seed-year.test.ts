// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districts } from '../../src/domain/districts.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedYear } from './seed-year.ts';

describe('seeding a year', () => {
  let root: string;
  let database: OpenDatabase;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sakhi-seed-'));
    database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
    await migrateToLatest(database.db);
    await seedYear(database.db, { year: 2020, cases: 150, seed: 3 });
    await seedYear(database.db, { year: 2021, cases: 150, seed: 3 });
  }, 120_000);
  afterAll(async () => {
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("registers each centre's tablet as a sign-in does: a tag from its district's counter", async () => {
    const devices = await database.db
      .selectFrom('devices')
      .innerJoin('centres', 'centres.id', 'devices.centre_id')
      .select(['devices.tag', 'devices.tag_scope', 'centres.district_code'])
      .execute();
    expect(devices).toHaveLength(2 * districts.length);
    for (const device of devices) expect(device.tag_scope).toBe(device.district_code);
    // Two seeded years, two tablets a district: each gets the next tag, never a shared one.
    for (const { code } of districts) {
      const tags = devices.filter((d) => d.district_code === code).map((d) => d.tag);
      expect(new Set(tags).size, code).toBe(2);
    }
    const counters = await database.db.selectFrom('device_tag_counters').selectAll().execute();
    expect(counters).toHaveLength(districts.length);
  });

  it("numbers each case with its own tablet's tag", async () => {
    const devices = await database.db.selectFrom('devices').select(['centre_id', 'tag']).execute();
    const cases = await database.db
      .selectFrom('sync_records')
      .select(['centre_id', 'fields'])
      .where('record_type', '=', 'case')
      .execute();
    expect(cases).toHaveLength(300);
    for (const { centre_id, fields } of cases) {
      const { caseNumber } = (JSON.parse(fields) as { values: { caseNumber: string } }).values;
      const tablets = devices.filter((device) => device.centre_id === centre_id);
      expect(tablets.map((tablet) => tablet.tag)).toContain(caseNumber.split('-')[2]);
    }
  });
});
