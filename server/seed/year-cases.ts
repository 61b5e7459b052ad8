/**
 * A realistic year of one centre's cases, as its tablet would push them: the mutations,
 * nothing else. Deterministic given the random source, so a seed number repeats a year.
 *
 * What must hold: every mutation passes the server's checks exactly as a tablet's does
 * (field schemas, write rules: the centre's manager writes them all, closures included),
 * and every stamp names the centre's tablet.
 */
import { buildNewCase } from '../../src/domain/case.ts';
import type { ArrivalRoute } from '../../src/domain/code-schemas.ts';
import { formatStamp } from '../../src/domain/hlc.ts';
import { addDays, indiaDateOf } from '../../src/domain/india-time.ts';
import type { Mutation, RecordType } from '../../src/domain/protocol.ts';
import { formatUuidv7, uuidv7RandomBytes } from '../../src/domain/uuidv7.ts';
import {
  arrivalRoutes,
  closureReasons,
  violenceTypes,
} from '../../src/domain/vocabularies-case.ts';
import {
  followUpModes,
  referralAgencies,
  referralStatuses,
  serviceKinds,
} from '../../src/domain/vocabularies-entries.ts';

export type Random = () => number;

/** The centre's manager on the centre's tablet: who every seeded record is written by. */
export interface SeedWriter {
  readonly centreId: string;
  readonly districtCode: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly deviceTag: string;
}

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** A code drawn with the given weights (by position), the rest of the vocabulary rare. */
function weighted<T>(random: Random, values: readonly T[], weights: readonly number[]): T {
  const total = values.reduce((sum, _, i) => sum + (weights[i] ?? 0.2), 0);
  let draw = random() * total;
  for (let i = 0; i < values.length; i++) {
    draw -= weights[i] ?? 0.2;
    if (draw < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

const arrivalRouteCodes: readonly ArrivalRoute[] = arrivalRoutes.map((route) => route.code);

const codes = <T extends { readonly code: string }>(terms: readonly T[]) =>
  terms.map((term) => term.code);

/** Builds one centre's cases of one month; `sequence` numbers its case numbers. */
export class CentreYear {
  private counter = 0;
  readonly mutations: Mutation[] = [];

  constructor(
    private readonly writer: SeedWriter,
    private readonly random: Random,
    private readonly year: number,
  ) {}

  /** A case registered at `registeredMs`, with the entries her year would have. */
  addCase(registeredMs: number, sequence: number): void {
    const { random, writer } = this;
    const caseId = this.newId(registeredMs);
    const registeredAt = new Date(registeredMs).toISOString();
    const ageDraw = random();
    const age =
      ageDraw < 0.06
        ? null
        : ageDraw < 0.2
          ? 13 + Math.floor(random() * 5)
          : ageDraw < 0.65
            ? 18 + Math.floor(random() * 12)
            : ageDraw < 0.9
              ? 30 + Math.floor(random() * 15)
              : 45 + Math.floor(random() * 30);
    const typeCount = random() < 0.05 ? 0 : random() < 0.7 ? 1 : 2;
    const types = new Set<string>();
    while (types.size < typeCount) {
      types.add(weighted(random, codes(violenceTypes), [3, 1, 1, 1, 5, 2, 2, 1]));
    }
    const caseFields: Record<string, unknown> = {
      ...buildNewCase({
        id: caseId,
        centreId: writer.centreId,
        caseNumber: `${writer.districtCode}-${this.year}-${writer.deviceTag}-${String(sequence).padStart(4, '0')}`,
        registeredAt,
        registeredBy: writer.userId,
        arrivalRoute: weighted(random, arrivalRouteCodes, [3, 4, 0.5, 3, 1.5]),
        survivorName: 'बीज डेटा',
      }),
      survivorAgeYears: age,
      violenceTypes: typeCount === 0 ? null : [...types],
    };
    let lastMs = registeredMs;
    const at = (ms: number) => new Date(ms).toISOString();

    for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
      const givenMs = registeredMs + Math.floor(random() * 20 * DAY_MS);
      lastMs = Math.max(lastMs, givenMs);
      this.entry('service', caseId, givenMs, {
        kind: weighted(random, codes(serviceKinds), [2, 4, 2, 2, 1, 0.5, 0.3, 0.5]),
        givenAt: at(givenMs),
        givenBy: writer.userId,
        durationMinutes: 30 + Math.floor(random() * 60),
      });
    }
    if (random() < 0.22) {
      const admittedMs = registeredMs + Math.floor(random() * 3 * HOUR_MS);
      const admittedOn = indiaDateOf(at(admittedMs));
      const days = random() < 0.15 ? 6 + Math.floor(random() * 5) : Math.floor(random() * 6);
      const stillThere = random() < 0.03;
      const dischargedMs = admittedMs + days * DAY_MS;
      if (!stillThere) lastMs = Math.max(lastMs, dischargedMs);
      caseFields.status = stillThere ? 'in_stay' : caseFields.status;
      this.entry('stay', caseId, admittedMs, {
        admittedAt: at(admittedMs),
        plannedDischargeDate: addDays(admittedOn, 5),
        extendedUntil: days > 5 ? addDays(admittedOn, days) : null,
        extensionReason: days > 5 ? 'सुरक्षित स्थान की व्यवस्था होने तक' : null,
        dischargedAt: stillThere ? null : at(dischargedMs),
        dischargedTo: stillThere ? null : pick(random, ['home', 'parents_home', 'shelter_home']),
      });
    }
    if (random() < 0.3) {
      const referredMs = registeredMs + Math.floor(random() * 10 * DAY_MS);
      const sent = random() < 0.92;
      lastMs = Math.max(lastMs, referredMs);
      this.entry('referral', caseId, referredMs, {
        agency: weighted(random, codes(referralAgencies), [
          4,
          2,
          2,
          1,
          age !== null && age < 18 ? 4 : 0.2,
        ]),
        agencyName: null,
        status: sent
          ? weighted(random, codes(referralStatuses).slice(1), [2, 2, 3, 1, 0.3])
          : 'planned',
        referredAt: sent ? at(referredMs) : null,
        contactPerson: null,
        notes: null,
        outcome: null,
      });
    }
    for (let i = 0, n = random() < 0.45 ? 1 + Math.floor(random() * 2) : 0; i < n; i++) {
      const dueMs = registeredMs + (14 + Math.floor(random() * 30)) * DAY_MS;
      const done = random() < 0.75;
      const doneMs = dueMs + Math.floor((random() - 0.3) * 3 * DAY_MS);
      if (done) lastMs = Math.max(lastMs, doneMs);
      this.entry('followUp', caseId, done ? doneMs : dueMs, {
        dueDate: indiaDateOf(at(dueMs)),
        mode: pick(random, codes(followUpModes)),
        doneAt: done ? at(doneMs) : null,
        outcome: null,
        notes: null,
      });
    }
    // Closing comes last, as at a centre: asked for, then approved by the manager, after
    // everything else on her case (the server keeps a closed case to notes).
    const closure: Mutation[] = [];
    if (caseFields.status !== 'in_stay' && random() < 0.6) {
      const closedMs =
        Math.max(lastMs, this.latestEntryMs) + (1 + Math.floor(random() * 40)) * DAY_MS;
      const requestedMs = closedMs - HOUR_MS;
      closure.push(
        this.mutation('case', caseId, caseId, requestedMs, {
          closureReason:
            random() < 0.04 ? null : weighted(random, codes(closureReasons), [6, 2, 1, 2, 0.5, 1]),
          closureRequestedBy: writer.userId,
          closureRequestedAt: at(requestedMs),
        }),
        this.mutation('case', caseId, caseId, closedMs, {
          status: 'closed',
          closureApprovedBy: writer.userId,
          closureApprovedAt: at(closedMs),
        }),
      );
    } else if (caseFields.status === 'open' && random() < 0.2) {
      caseFields.status = 'referred';
    }
    // The case goes first: its entries name it, and the server checks it exists.
    this.mutations.splice(
      this.mutations.length - this.pendingEntries,
      0,
      this.mutation('case', caseId, caseId, registeredMs, caseFields),
    );
    this.mutations.push(...closure);
    this.latestEntryMs = 0;
    this.pendingEntries = 0;
  }

  private pendingEntries = 0;
  /** The latest stamp among the current case's entries: her closure must come after it. */
  private latestEntryMs = 0;

  private entry(
    recordType: RecordType,
    caseId: string,
    atMs: number,
    values: Record<string, unknown>,
  ): void {
    const id = this.newId(atMs);
    this.latestEntryMs = Math.max(this.latestEntryMs, atMs);
    this.mutations.push(
      this.mutation(recordType, id, caseId, atMs, {
        id,
        caseId,
        centreId: this.writer.centreId,
        recordedAt: new Date(atMs).toISOString(),
        recordedBy: this.writer.userId,
        deleted: false,
        ...values,
      }),
    );
    this.pendingEntries += 1;
  }

  private mutation(
    recordType: RecordType,
    recordId: string,
    caseId: string,
    atMs: number,
    values: Record<string, unknown>,
  ): Mutation {
    const stamp = formatStamp({
      wallMs: atMs,
      counter: this.counter++ % 1000,
      deviceId: this.writer.deviceId,
    });
    return {
      id: this.newId(atMs),
      recordType,
      recordId,
      caseId,
      fields: Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, { value, stamp, base: null }]),
      ),
    };
  }

  /** A UUIDv7 at `atMs` whose random part comes from the seeded source. */
  private newId(atMs: number): string {
    const bytes = new Uint8Array(uuidv7RandomBytes);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(this.random() * 256);
    return formatUuidv7(atMs, bytes);
  }
}

/** The instant, in UTC, of an India wall-clock time. */
export function indiaInstant(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
): number {
  return Date.UTC(year, month - 1, day) + minuteOfDay * 60_000 - IST_OFFSET_MS;
}
