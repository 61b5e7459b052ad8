/**
 * The page side of local-store.bench.ts: built into one script and run in real Chromium,
 * so the numbers are IndexedDB's in a browser, not fake-indexeddb's in Node. Exposes
 * `globalThis.sakhiBench` for the runner to drive.
 */
import { buildNewCase } from '../src/domain/case.ts';
import { HybridClock } from '../src/domain/hlc.ts';
import type { CaseIntake, CaseStore, StaffMember } from '../src/data/case-store.ts';
import type { SakhiDatabase } from '../src/data/database.ts';
import { openSealedDatabase } from '../src/data/unsealed-store.ts';
import { unwrapWithPin, wrapUnderPin } from '../src/platform/pin-key.ts';
import { openCaseStore } from '../src/data/open-case-store.ts';
import { laterReferralBlanks } from '../src/domain/entries.ts';

const hindiFirst = [
  'सुनीता',
  'प्रिया',
  'रेखा',
  'पूजा',
  'शबनम',
  'ज्योति',
  'लक्ष्मी',
  'फ़ातिमा',
  'गुड्डी',
  'अनीता',
  'आरती',
  'संगीता',
  'ममता',
  'नसरीन',
  'रुख़साना',
  'खुशबू',
  'सावित्री',
  'शकुंतला',
  'रीना',
  'नेहा',
  'मीना',
  'कमला',
  'गीता',
  'सुमन',
  'राधा',
  'अंजलि',
  'हीना',
  'पिंकी',
  'दुर्गा',
  'सरोज',
];
const latinFirst = [
  'Sunita',
  'Priya',
  'Rekha',
  'Pooja',
  'Shabnam',
  'Jyoti',
  'Laxmi',
  'Fatima',
  'Guddi',
  'Anita',
  'Aarti',
  'Sangeeta',
  'Mamta',
  'Nasreen',
  'Rukhsana',
  'Khushboo',
  'Savitri',
  'Shakuntala',
  'Reena',
  'Neha',
  'Meena',
  'Kamla',
  'Geeta',
  'Suman',
  'Radha',
  'Anjali',
  'Heena',
  'Pinky',
  'Durga',
  'Saroj',
  'Nisha',
  'Kiran',
  'Shweta',
  'Poonam',
  'Sapna',
  'Ritu',
  'Manju',
  'Asha',
  'Usha',
  'Zeenat',
];
const hindiLast = [
  'देवी',
  'यादव',
  'वर्मा',
  'खातून',
  'बानो',
  'कुमारी',
  'सिंह',
  'गुप्ता',
  'मौर्य',
  'पाल',
  'निषाद',
  'अंसारी',
];
const latinLast = [
  'Devi',
  'Yadav',
  'Verma',
  'Khatoon',
  'Bano',
  'Kumari',
  'Singh',
  'Gupta',
  'Maurya',
  'Pal',
  'Nishad',
  'Ansari',
  'Rajput',
  'Saini',
  'Kushwaha',
];

let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function generatedIntake(): CaseIntake {
  const isHindi = random() < 0.6;
  const name = isHindi
    ? `${pick(hindiFirst)} ${pick(hindiLast)}`
    : `${pick(latinFirst)} ${pick(latinLast)}`;
  const {
    id: _i,
    centreId: _c,
    caseNumber: _n,
    registeredAt: _r,
    registeredBy: _b,
    deleted: _d,
    ...intake
  } = buildNewCase({
    id: '00000000-0000-0000-0000-000000000000',
    centreId: '00000000-0000-0000-0000-000000000000',
    caseNumber: 'LKO-2026-K7-0001',
    registeredAt: '2026-01-01T00:00:00.000Z',
    registeredBy: '00000000-0000-0000-0000-000000000000',
    arrivalRoute: pick(['walk_in', 'helpline_181', 'police', 'family'] as const),
    survivorName: name,
  });
  return {
    ...intake,
    survivorPhone:
      random() < 0.7
        ? `${6 + Math.floor(random() * 4)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`
        : null,
    survivorAgeYears: 14 + Math.floor(random() * 50),
    riskLevel: pick(['low', 'medium', 'high'] as const),
    violenceTypes: ['domestic_violence'],
    incidentNarrative: 'घटना का विवरण '.repeat(20),
  };
}

interface Bench {
  store: CaseStore;
  db: SakhiDatabase;
  bigCaseId: string;
}
const benchStaff: StaffMember = {
  userId: '01900000-0000-7000-8000-00000000a005',
  centreId: '01900000-0000-7000-8000-00000000c001',
  districtCode: 'LKO',
  role: 'caseworker',
  displayName: 'केसवर्कर, लखनऊ',
};

let bench: Bench | null = null;
const databaseName = `sakhi-bench-${Date.now()}`;
const dataKey = crypto.getRandomValues(new Uint8Array(32));

async function open(): Promise<Bench> {
  const { db, directory } = await openSealedDatabase(databaseName, dataKey);
  const device = {
    id: '0190a000-0000-7000-8000-0000000000be',
    tag: 'B7',
    createdAt: new Date().toISOString(),
  };
  const clock = new HybridClock(device.id);
  const store = openCaseStore({ db, directory, staff: benchStaff, device, clock });
  return { store, db, bigCaseId: '' };
}

/** Registers `count` cases through the real registerCase, many per outer transaction. */
async function fill(count: number, batch = 500): Promise<number> {
  bench ??= await open();
  const { db, store } = bench;
  const started = performance.now();
  for (let done = 0; done < count; done += batch) {
    await db.transaction('rw', [db.cases, db.entries, db.outbox, db.meta], async () => {
      for (let i = done; i < Math.min(count, done + batch); i++)
        await store.registerCase(generatedIntake());
    });
  }
  // As on a tablet that has synced: the outbox is empty again.
  await db.outbox.clear();
  const big = await store.registerCase(generatedIntake());
  bench.bigCaseId = big.id;
  const day = Date.now();
  for (let i = 0; i < 50; i++) {
    const at = new Date(day - (50 - i) * 3_600_000).toISOString();
    if (i % 5 === 0)
      await store.addEntry(big.id, 'followUp', {
        dueDate: at.slice(0, 10),
        mode: 'phone',
        doneAt: at,
        outcome: 'ठीक हैं',
        notes: null,
      });
    else if (i % 5 === 1)
      await store.addEntry(big.id, 'referral', {
        agency: 'dlsa',
        agencyName: null,
        ...laterReferralBlanks,
        status: 'completed',
        referredAt: at,
        contactPerson: null,
        notes: null,
        outcome: null,
      });
    else
      await store.addEntry(big.id, 'service', {
        kind: 'counselling',
        givenAt: at,
        givenBy: null,
        durationMinutes: 45,
        notes: 'परामर्श सत्र',
        hospitalName: null,
        firNumber: null,
        policeStation: null,
        dlsaAdvocateName: null,
        courtName: null,
        interpretationLanguage: null,
      });
  }
  return performance.now() - started;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Each name typed letter by letter; one timing (and result count) per keystroke. */
async function typeNames(
  names: readonly string[],
): Promise<{ ms: number[]; results: number[]; queries: string[] }> {
  const ms: number[] = [];
  const queries: string[] = [];
  const results: number[] = [];
  for (const name of names) {
    const letters = [...name];
    for (let length = 1; length <= letters.length; length++) {
      let found = 0;
      ms.push(
        await timed(async () => {
          found = (await bench!.store.searchCases(letters.slice(0, length).join(''), {}, 50))
            .length;
        }),
      );
      results.push(found);
      queries.push(letters.slice(0, length).join(''));
    }
  }
  return { ms, results, queries };
}

async function saveCases(count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++)
    ms.push(await timed(() => bench!.store.registerCase(generatedIntake())));
  return ms;
}

async function openBigCase(times: number): Promise<{ ms: number[]; entries: number }> {
  const ms: number[] = [];
  let entries = 0;
  for (let i = 0; i < times; i++) {
    ms.push(
      await timed(async () => {
        entries = (await bench!.store.getCaseFile(bench!.bigCaseId))?.entries.length ?? 0;
      }),
    );
  }
  return { ms, entries };
}

async function listPage(times: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) ms.push(await timed(() => bench!.store.searchCases('', {}, 50)));
  return ms;
}

async function addEntries(count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    ms.push(await timed(() => bench!.store.addEntry(bench!.bigCaseId, 'note', { text: 'नोट' })));
  }
  return ms;
}

/**
 * Unlock as the store does it, after the key is known: open the sealed database, seal any
 * clear rows, open every case and build the directory. Key derivation (PBKDF2) is not in
 * it: that is the PIN's, measured with it.
 */
async function unlockStore(times: number): Promise<{ totalMs: number[]; directoryMs: number[] }> {
  const totalMs: number[] = [];
  const directoryMs: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const opened = await openSealedDatabase(databaseName, dataKey);
    totalMs.push(performance.now() - started);
    directoryMs.push(opened.directoryBuildMs);
    opened.db.close();
  }
  return { totalMs, directoryMs };
}

/**
 * Her PIN unwrapping the data key at the iteration count the app uses: the other half of
 * an unlock. This machine is faster than a low-end tablet (pin-key.ts says by how much).
 */
async function derivePinKey(times: number): Promise<number[]> {
  const wrapping = await wrapUnderPin('482915', dataKey, 'bench-user');
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    ms.push(await timed(() => unwrapWithPin('482915', wrapping, 'bench-user')));
  }
  return ms;
}

(globalThis as unknown as { sakhiBench: unknown }).sakhiBench = {
  fill,
  unlockStore,
  derivePinKey,
  typeNames,
  saveCases,
  openBigCase,
  listPage,
  addEntries,
};
