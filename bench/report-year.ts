/**
 * A year of one centre's cases for the report bench: deterministic (a seeded generator),
 * spread over the year in India time, with every counted entry kind, minors, stays over
 * five days, referrals never sent, follow-ups left undone, and closures.
 */
import { buildNewCase } from '../src/domain/case.ts';
import type { ArrivalRoute, ClosureReason, ViolenceType } from '../src/domain/code-schemas.ts';
import type { CaseChanges, CaseIntake, EntryInput } from '../src/data/case-store.ts';
import { laterReferralBlanks, type EntryKind } from '../src/domain/entries.ts';
import { referralStepOf } from '../src/domain/referral-steps.ts';

export interface PlannedCase {
  readonly registeredAtMs: number;
  readonly intake: CaseIntake;
  readonly entries: readonly { entryType: EntryKind; atMs: number; input: EntryInput<EntryKind> }[];
  readonly closure: { atMs: number; changes: CaseChanges } | null;
}

const dayMs = 24 * 60 * 60_000;
const routes: ArrivalRoute[] = [
  'walk_in',
  'helpline_181',
  'police',
  'hospital',
  'family',
  'helpline_112',
];
const violence: ViolenceType[] = [
  'domestic_violence',
  'dowry',
  'physical',
  'sexual',
  'psychological',
];
const reasons: ClosureReason[] = [
  'services_completed',
  'reconciled',
  'referred_onward',
  'not_reachable',
];

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function sampleYearCase(year: number, index: number, managerId: string): PlannedCase {
  const random = seededRandom(index + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // India's 1 January 00:00 is 31 December 18:30 UTC.
  const yearStart = Date.UTC(year, 0, 1) - 5.5 * 3_600_000;
  const registeredAtMs = yearStart + Math.floor(random() * 365 * dayMs);
  const after = (days: number) => registeredAtMs + Math.floor(days * dayMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  const {
    id: _i,
    centreId: _c,
    caseNumber: _n,
    registeredAt: _r,
    registeredBy: _b,
    deleted: _d,
    ...blank
  } = buildNewCase({
    id: '00000000-0000-0000-0000-000000000000',
    centreId: '00000000-0000-0000-0000-000000000000',
    caseNumber: 'LKO-2026-K7-0001',
    registeredAt: '2026-01-01T00:00:00.000Z',
    registeredBy: '00000000-0000-0000-0000-000000000000',
    arrivalRoute: 'walk_in',
    survivorName: 'सुनीता देवी',
  });
  const intake: CaseIntake = {
    ...blank,
    arrivalRoute: pick(routes),
    survivorName: pick(['सुनीता देवी', 'रेखा यादव', 'Shabnam Bano', 'पूजा कुमारी']),
    survivorAgeYears: random() < 0.1 ? null : 13 + Math.floor(random() * 55),
    violenceTypes: random() < 0.05 ? null : [...new Set([pick(violence), pick(violence)])],
    incidentNarrative: 'घटना का विवरण '.repeat(20),
  };
  const entries: PlannedCase['entries'][number][] = [];
  const serviceCount = 1 + Math.floor(random() * 4);
  for (let s = 0; s < serviceCount; s++) {
    const atMs = after(random() * 30);
    entries.push({
      entryType: 'service',
      atMs,
      input: {
        kind: pick(['counselling', 'medical_aid', 'police_help', 'legal_aid'] as const),
        givenAt: iso(atMs),
        givenBy: null,
        durationMinutes: 45,
        notes: 'सत्र का विवरण',
        hospitalName: null,
        firNumber: null,
        policeStation: null,
        dlsaAdvocateName: null,
        courtName: null,
        interpretationLanguage: null,
      },
    });
  }
  if (random() < 0.25) {
    const dischargedMs = after(1 + random() * 8);
    entries.push({
      entryType: 'stay',
      atMs: registeredAtMs,
      input: {
        admittedAt: iso(registeredAtMs),
        plannedDischargeDate: iso(after(5)).slice(0, 10),
        extendedUntil: null,
        extensionReason: null,
        dischargedAt: random() < 0.9 ? iso(dischargedMs) : null,
        dischargedTo: 'parents_home',
      },
    });
  }
  if (random() < 0.4) {
    const isSent = random() < 0.85;
    const sentAt = iso(after(1 + random() * 9));
    const status = isSent ? pick(['sent', 'accepted', 'completed'] as const) : 'planned';
    entries.push({
      entryType: 'referral',
      atMs: after(1),
      input: {
        agency: pick(['police', 'dlsa', 'hospital', 'protection_officer'] as const),
        agencyName: null,
        ...laterReferralBlanks,
        ...(isSent ? referralStepOf('sent', { userId: managerId }, sentAt) : {}),
        ...referralStepOf(status, { userId: managerId }, sentAt),
        referredAt: isSent ? sentAt : null,
        contactPerson: null,
        notes: null,
        outcome: null,
      },
    });
  }
  const followUps = 1 + Math.floor(random() * 2);
  for (let f = 0; f < followUps; f++) {
    const dueMs = after(7 + random() * 53);
    entries.push({
      entryType: 'followUp',
      atMs: after(1),
      input: {
        dueDate: iso(dueMs).slice(0, 10),
        mode: 'phone',
        doneAt: random() < 0.6 ? iso(dueMs) : null,
        outcome: null,
        notes: null,
      },
    });
  }
  entries.push({ entryType: 'note', atMs: after(2), input: { text: 'बातचीत का नोट '.repeat(10) } });
  const closedMs = after(10 + random() * 80);
  const closure =
    random() < 0.65
      ? {
          atMs: closedMs,
          changes: {
            status: 'closed',
            closureReason: pick(reasons),
            closureRequestedBy: managerId,
            closureRequestedAt: iso(closedMs),
            closureApprovedBy: managerId,
            closureApprovedAt: iso(closedMs),
          } satisfies CaseChanges,
        }
      : null;
  return { registeredAtMs, intake, entries, closure };
}
