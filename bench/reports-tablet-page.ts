/**
 * The page side of reports-tablet.bench.ts, built into one script and run in real
 * Chromium: a sealed store holding a year of one centre's work, filled through the real
 * store, and the centre's report read from it as the report screen reads it.
 */
import { HybridClock } from '../src/domain/hlc.ts';
import type { ReportPeriod } from '../src/domain/report-indicators.ts';
import type { CaseStore, StaffMember } from '../src/data/case-store.ts';
import { readCentreReport, type ReportPhases } from '../src/data/centre-report.ts';
import type { SakhiDatabase } from '../src/data/database.ts';
import { openCaseStore } from '../src/data/open-case-store.ts';
import type { RowSealer } from '../src/data/row-sealing.ts';
import { openSealedDatabase } from '../src/data/unsealed-store.ts';
import { sampleYearCase } from './report-year.ts';

const manager: StaffMember = {
  userId: '01900000-0000-7000-8000-00000000a001',
  centreId: '01900000-0000-7000-8000-00000000c001',
  districtCode: 'LKO',
  role: 'manager',
  displayName: 'केंद्र प्रबंधक, लखनऊ',
};
const databaseName = `sakhi-report-bench-${Date.now()}`;
const dataKey = crypto.getRandomValues(new Uint8Array(32));
let opened: {
  db: SakhiDatabase;
  store: CaseStore;
  sealer: RowSealer;
  raw: SakhiDatabase;
  setTime: (ms: number) => void;
} | null = null;

async function open() {
  const { db, raw, directory, sealer } = await openSealedDatabase(databaseName, dataKey);
  const device = { id: '0190a000-0000-7000-8000-0000000000be', tag: 'B7', createdAt: '' };
  let time = Date.now();
  const clock = new HybridClock(device.id, () => time);
  const store = openCaseStore({
    db,
    directory,
    staff: manager,
    device,
    clock,
    now: () => new Date(time),
  });
  return { db, store, sealer, raw, setTime: (ms: number) => (time = ms) };
}

/** Registers `count` cases spread over `year` with their entries; returns counts and ms. */
async function fill(input: { year: number; count: number }) {
  opened ??= await open();
  const { db, store, setTime } = opened;
  const started = performance.now();
  let entries = 0;
  const batch = 100;
  for (let done = 0; done < input.count; done += batch) {
    await db.transaction('rw', [db.cases, db.entries, db.outbox, db.meta], async () => {
      for (let i = done; i < Math.min(input.count, done + batch); i++) {
        const planned = sampleYearCase(input.year, i, manager.userId);
        setTime(planned.registeredAtMs);
        const registered = await store.registerCase(planned.intake);
        for (const step of planned.entries) {
          setTime(step.atMs);
          await store.addEntry(registered.id, step.entryType, step.input);
          entries++;
        }
        if (planned.closure) {
          setTime(planned.closure.atMs);
          await store.updateCase(registered.id, planned.closure.changes);
        }
      }
    });
  }
  await db.outbox.clear();
  return { ms: performance.now() - started, entries };
}

async function readReports(input: { periods: ReportPeriod[]; asOf: string; times: number }) {
  const { sealer, raw } = opened!;
  const results: {
    period: ReportPeriod;
    ms: number[];
    casesRegistered: number;
    phases: ReportPhases;
  }[] = [];
  for (const period of input.periods) {
    const ms: number[] = [];
    let casesRegistered = 0;
    const phases = { reading: 0, opening: 0, counting: 0, casesOpened: 0, entriesOpened: 0 };
    for (let i = 0; i < input.times; i++) {
      const started = performance.now();
      const report = await readCentreReport(
        { raw, sealer },
        manager,
        period,
        new Date(input.asOf),
        phases,
      );
      ms.push(performance.now() - started);
      casesRegistered = report.casesRegistered;
    }
    results.push({ period, ms, casesRegistered, phases });
  }
  return results;
}

(globalThis as unknown as { sakhiBench: unknown }).sakhiBench = { fill, readReports };
