/**
 * `npm run seed -- --year 2020 --cases 16629 [--seed 1]`: a realistic year for every
 * district centre, pushed into the configured database (DATABASE_URL, else SQLite in
 * SAKHI_DATA_DIR) as tablets push. For test and training databases only.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { SyncTables } from '../db/sync-schema.ts';
import { seedYear } from '../seed/seed-year.ts';

const USAGE = 'usage: npm run seed -- --year 2020 --cases 16629 [--seed 1]';

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
  }
  return value;
}

function drawProgress(done: number, total: number, startedMs: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} cases, ${seconds} s`,
  );
}

export async function runSeed(argv: readonly string[]): Promise<number> {
  let options: { year: number; cases: number; seed: number };
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        year: { type: 'string' },
        cases: { type: 'string' },
        seed: { type: 'string', default: '1' },
      },
    });
    options = {
      year: wholeNumber(values.year, 'year', 2015, 2100),
      cases: wholeNumber(values.cases, 'cases', 0, 1_000_000),
      seed: wholeNumber(values.seed, 'seed', 0, 2 ** 31),
    };
  } catch (error) {
    process.stderr.write(`sakhi seed: ${(error as Error).message}\n`);
    return 2;
  }
  const config = parseConfig(process.env, []);
  const database = openDatabase(config.database);
  const startedMs = Date.now();
  try {
    await migrateToLatest(database.db);
    await seedYear(database.db.withTables<SyncTables>(), {
      ...options,
      onProgress: (done, total) => drawProgress(done, total, startedMs),
    });
    const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
    process.stderr.write('\n');
    process.stdout.write(
      `seeded ${options.cases} cases of ${options.year} (seed ${options.seed}) in ${seconds} s\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`\nsakhi seed: failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  void runSeed(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
