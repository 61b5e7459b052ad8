/**
 * GET /api/reports/indicators on hand-made cases whose answers are known; run on both
 * engines. A whole seeded year against plain SQL is api-suite-report-scale.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.ts';
import { computeIndicatorReport } from '../../src/domain/compute-indicators.ts';
import { districts } from '../../src/domain/districts.ts';
import type { Entry } from '../../src/domain/entries.ts';
import { sampleService, type ServiceAnswers } from '../../src/domain/entries.testing.ts';
import {
  decodePullResponse,
  encodePushRequest,
  wirePullResponseSchema,
} from '../../src/domain/wire.ts';
import { readEntry } from '../../src/data/case-file.ts';
import { readCase } from '../../src/data/case-repository.ts';
import { buildEntryRow } from '../../src/data/row-columns.ts';
import { formatStamp } from '../../src/domain/hlc.ts';
import { PROTOCOL_VERSION, type Mutation } from '../../src/domain/protocol.ts';
import { indicatorAnswerSchema, type IndicatorAnswer } from '../../src/domain/report-indicators.ts';
import type { SyncTables } from '../../server/db/sync-schema.ts';
import { applyPush } from '../../server/services/sync-push.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';
import { inject, seedFixture, signInAs, type ApiHarness, type Fixture } from './api-harness.ts';
import { agreementYearMutations } from './report-agreement-records.ts';
import { mutationOf, newCaseMutation } from './sync-fixture.ts';

export function reportsSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let fixture: Fixture;
  let adminToken: string;

  beforeAll(async () => {
    h = getHarness();
    fixture = await seedFixture(h, 'rep');
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
    await pushHandMadeYear(h, fixture);
  }, 120_000);

  const indicators = async (query: string, token = adminToken) => {
    const response = await inject(h, {
      method: 'GET',
      url: `/api/reports/indicators?${query}`,
      token,
    });
    return response;
  };
  const answerOf = async (query: string, token = adminToken): Promise<IndicatorAnswer> => {
    const response = await indicators(query, token);
    expect(response.statusCode, response.body).toBe(200);
    return indicatorAnswerSchema.parse(response.json());
  };

  const nonZero = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

  describe('hand-made cases with known answers', () => {
    it('counts every indicator of 2024 as defined', async () => {
      const { report, scope } = await answerOf('from=2024-01&to=2024-12&district=LKO');
      expect(scope.kind).toBe('district');
      expect(report.casesRegistered).toBe(2);
      expect(nonZero(report.byAgeGroup)).toEqual({ under_18: 1, '30_to_44': 1 });
      expect(report.minors).toBe(1);
      expect(nonZero(report.byViolenceType)).toEqual({
        physical: 1,
        domestic_violence: 1,
        none_recorded: 1,
      });
      expect(nonZero(report.byArrivalRoute)).toEqual({ self: 1, helpline_181: 1 });
      expect(nonZero(report.byDistrict)).toEqual({ LKO: 2 });
      expect(nonZero(report.servicesByKind)).toEqual({ counselling: 1, medical_aid: 1 });
      expect(report.stays).toEqual({ admissions: 2, averageLengthDays: 8, overFiveDays: 2 });
      expect(nonZero(report.referrals.byAgency)).toEqual({ police: 1 });
      expect(nonZero(report.referrals.byStatus)).toEqual({ accepted: 1 });
      expect(report.followUps).toEqual({ done: 1, overdue: 1 });
      expect(nonZero(report.closedByReason)).toEqual({ services_completed: 1 });
      const months = Object.fromEntries(report.monthly.map((m) => [m.month, m]));
      expect(report.monthly).toHaveLength(12);
      expect(months['2024-06']).toMatchObject({
        casesRegistered: 1,
        servicesGiven: 1,
        casesClosed: 0,
      });
      expect(months['2024-07']).toMatchObject({
        casesRegistered: 0,
        servicesGiven: 1,
        casesClosed: 1,
      });
      expect(months['2024-12']).toMatchObject({ casesRegistered: 1 });
    });

    it('flags every district with no case in the period, and only those', async () => {
      const { report, districtsWithoutData } = await answerOf('from=2024-01&to=2024-12');
      expect(report.byDistrict.LKO).toBe(2);
      expect(districtsWithoutData).toEqual(
        districts.map((d) => d.code).filter((code) => report.byDistrict[code] === 0),
      );
      expect(districtsWithoutData).toContain('VNS');
      expect(districtsWithoutData).not.toContain('LKO');
      expect(Object.keys(report.byDistrict).sort()).toEqual(districts.map((d) => d.code).sort());
    });

    it('puts a case registered on 31 December at 23:30 IST in December', async () => {
      const december = await answerOf('from=2024-12&to=2024-12&district=LKO');
      expect(december.report.casesRegistered).toBe(1);
      const january = await answerOf('from=2025-01&to=2025-01&district=LKO');
      expect(january.report.casesRegistered).toBe(1);
    });

    it('gives a manager her own centre, and refuses another district', async () => {
      const { token } = await signInAs(h, fixture.users.manager.username);
      const own = await answerOf('from=2024-01&to=2024-12', token);
      expect(own.scope).toEqual({ kind: 'centre', districtCode: 'LKO' });
      expect(own.report.casesRegistered).toBe(2);
      const other = await indicators('from=2024-01&to=2024-12&district=VNS', token);
      expect(other.statusCode).toBe(403);
    });
  });

  describe('the tablet and headquarters agree', () => {
    it("counts what the manager's tablet pulls as the server counts it, for every indicator", async () => {
      const tablet = await signInAs(h, fixture.users.manager.username);
      const actor: SyncActor = {
        userId: fixture.users.manager.id,
        deviceId: tablet.deviceId,
        role: 'manager',
        centreId: fixture.own.id,
      };
      const stamp = formatStamp({
        wallMs: Date.parse('2025-03-01T00:00:00Z'),
        counter: 0,
        deviceId: tablet.deviceId,
      });
      const pushed = await inject(h, {
        method: 'POST',
        url: '/api/sync/push',
        token: tablet.token,
        payload: encodePushRequest({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: tablet.deviceId,
          mutations: agreementYearMutations(actor, stamp),
        }),
      });
      expect(pushed.statusCode, pushed.body).toBe(200);
      expect(pushed.json<{ rejected: unknown[] }>().rejected).toEqual([]);

      const { cases, entries } = await pullAsTablet(h, tablet.token);
      const districtOf = (centreId: string) => (centreId === fixture.own.id ? 'LKO' : null);
      const periods = [
        '2023-03',
        '2023-04',
        '2023-12',
        '2024-01',
        '2023-01&to=2023-12',
        '2024-01&to=2024-12',
      ];
      for (const query of periods) {
        const [from, to = from] = query.split('&to=') as [string, string?];
        const { report } = await answerOf(`from=${from}&to=${to}`, tablet.token);
        const asOf = new Date(report.asOf);
        expect(asOf).toEqual(h.clock.now());
        const onTablet = computeIndicatorReport(cases, entries, { from, to }, asOf, districtOf);
        expect(report, query).toEqual(onTablet);
      }
      const march = await answerOf('from=2023-03&to=2023-03', tablet.token);
      // The hand-made month's known answers, so agreement is not agreement on nothing.
      expect(march.report.casesRegistered).toBe(2);
      expect(march.report.minors).toBe(1);
      expect(march.report.stays).toMatchObject({ admissions: 2, overFiveDays: 1 });
      // Closed at 00:30 on 1 April in India: April's, not March's.
      expect(march.report.closedByReason.services_completed).toBe(0);
      const april = await answerOf('from=2023-04&to=2023-04', tablet.token);
      expect(april.report.closedByReason.services_completed).toBe(1);
      const december = await answerOf('from=2023-12&to=2023-12', tablet.token);
      expect(december.report.casesRegistered).toBe(1);
      expect(december.report.closedByReason.none_recorded).toBe(1);
      expect(december.report.followUps.overdue).toBeGreaterThanOrEqual(1);
    });
  });

  describe('who may ask, and how', () => {
    it('refuses centre staff other than the manager, and anyone signed out', async () => {
      const { token } = await signInAs(h, fixture.users.caseworker.username);
      expect((await indicators('from=2020-01&to=2020-12', token)).statusCode).toBe(403);
      const analyst = await signInAs(h, fixture.users.state_analyst.username);
      expect((await indicators('from=2020-01&to=2020-12', analyst.token)).statusCode).toBe(200);
      const signedOut = await inject(h, {
        method: 'GET',
        url: '/api/reports/indicators?from=2020-01&to=2020-12',
      });
      expect(signedOut.statusCode).toBe(401);
    });

    it.each([
      ['from=2020-13&to=2020-12', 'year-month'],
      ['from=2020-01', 'year-month'],
      ['from=2020-06&to=2020-01', 'comes after'],
      ['from=2000-01&to=2020-12', 'too long'],
      ['from=2020-01&to=2020-12&district=XYZ', 'no district'],
    ])('refuses %s with a message that says why', async (query, words) => {
      const response = await indicators(query);
      expect(response.statusCode).toBe(400);
      const { error } = response.json<{
        error: { code: string; message: { hi: string; en: string } };
      }>();
      expect(error.code).toBe('invalid_request');
      expect(error.message.en).toContain(words);
      expect(error.message.hi.length).toBeGreaterThan(0);
    });
  });
}

/** Every record the tablet of `token` pulls, read as the tablet reads its rows. */
async function pullAsTablet(
  h: ApiHarness,
  token: string,
): Promise<{ cases: Case[]; entries: Entry[] }> {
  const cases: Case[] = [];
  const entries: Entry[] = [];
  let cursor: string | null = null;
  for (;;) {
    const response = await inject(h, {
      method: 'POST',
      url: '/api/sync/pull',
      token,
      payload: { protocolVersion: PROTOCOL_VERSION, cursor, limit: 500 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = decodePullResponse(wirePullResponseSchema.parse(response.json()));
    for (const record of page.records) {
      if (record.recordType === 'case') cases.push(readCase(record.fields));
      else if (record.recordType !== 'note' && record.recordType !== 'conflict')
        entries.push(readEntry(buildEntryRow(record.recordType, record.fields)));
    }
    if (!page.hasMore) return { cases, entries };
    cursor = page.cursor;
  }
}

/** Hand-made cases of 2024 at the fixture's LKO centre, pushed by its manager's tablet. */
async function pushHandMadeYear(h: ApiHarness, fixture: Fixture): Promise<void> {
  const { deviceId } = await signInAs(h, fixture.users.manager.username);
  const actor: SyncActor = {
    userId: fixture.users.manager.id,
    deviceId,
    role: 'manager',
    centreId: fixture.own.id,
  };
  const stamp = formatStamp({ wallMs: Date.parse('2025-02-01T00:00:00Z'), counter: 0, deviceId });
  const newCase = (overrides: Record<string, unknown>) => newCaseMutation(actor, stamp, overrides);
  const entry = (
    recordType: Mutation['recordType'],
    of: Mutation,
    values: Record<string, unknown>,
  ) => {
    const id = crypto.randomUUID();
    return mutationOf(
      { recordType, recordId: id, caseId: of.caseId },
      {
        id,
        caseId: of.caseId,
        centreId: fixture.own.id,
        recordedAt: '2025-01-20T05:00:00.000Z',
        recordedBy: actor.userId,
        deleted: false,
        ...values,
      },
      stamp,
    );
  };
  // 31 December 2024, 23:30 in India: December.
  const lateDecember = newCase({
    registeredAt: '2024-12-31T18:00:00.000Z',
    survivorAgeYears: 16,
    violenceTypes: ['physical', 'domestic_violence'],
    arrivalRoute: 'walk_in',
  });
  // 1 January 2025, 00:01 in India: January.
  const newYear = newCase({ registeredAt: '2024-12-31T18:31:00.000Z', arrivalRoute: 'police' });
  const june = newCase({
    registeredAt: '2024-06-10T05:00:00.000Z',
    survivorAgeYears: 35,
    violenceTypes: null,
    arrivalRoute: 'helpline_181',
    status: 'closed',
    closureReason: 'services_completed',
    closureRequestedBy: actor.userId,
    closureRequestedAt: '2024-07-01T04:00:00.000Z',
    closureApprovedBy: actor.userId,
    closureApprovedAt: '2024-07-01T05:00:00.000Z',
  });
  const removed = newCase({ registeredAt: '2024-06-11T05:00:00.000Z', deleted: true });
  const service = (of: Mutation, kind: ServiceAnswers['kind'], givenAt: string) =>
    entry('service', of, sampleService({ kind, givenAt }));
  const stay = {
    plannedDischargeDate: '2024-06-15',
    extendedUntil: null,
    extensionReason: null,
    dischargedTo: null,
  };
  const referral = { agencyName: null, contactPerson: null, notes: null, outcome: null };
  const followUp = { mode: 'phone', outcome: null, notes: null };
  const mutations = [
    lateDecember,
    newYear,
    june,
    removed,
    service(june, 'counselling', '2024-06-10T06:00:00.000Z'),
    // 1 July in India.
    service(june, 'medical_aid', '2024-06-30T19:00:00.000Z'),
    service(removed, 'legal_aid', '2024-06-12T06:00:00.000Z'),
    entry('stay', june, {
      ...stay,
      admittedAt: '2024-06-10T06:00:00.000Z',
      dischargedAt: '2024-06-18T06:00:00.000Z',
    }),
    // Still open: as of the test clock (2026), far over five days.
    entry('stay', lateDecember, {
      ...stay,
      admittedAt: '2024-12-31T18:10:00.000Z',
      dischargedAt: null,
    }),
    entry('referral', june, {
      ...referral,
      agency: 'police',
      status: 'accepted',
      referredAt: '2024-06-12T05:00:00.000Z',
    }),
    entry('referral', lateDecember, {
      ...referral,
      agency: 'hospital',
      status: 'planned',
      referredAt: null,
    }),
    entry('followUp', june, {
      ...followUp,
      dueDate: '2024-07-04',
      doneAt: '2024-07-05T05:00:00.000Z',
    }),
    entry('followUp', lateDecember, { ...followUp, dueDate: '2024-12-31', doneAt: null }),
    entry('followUp', lateDecember, { ...followUp, dueDate: '2025-01-05', doneAt: null }),
  ];
  const answer = await applyPush(
    h.db.withTables<SyncTables>(),
    {
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      items: mutations.map((mutation) => ({ mutation, actor })),
    },
    h.clock.now(),
  );
  if (answer.rejected.length > 0) throw new Error(JSON.stringify(answer.rejected));
}
