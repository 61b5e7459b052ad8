/**
 * The reports at full scale, on either engine: a whole seeded year (16,629 cases across
 * the 75 districts, as `npm run seed -- --year 2020 --cases 16629` writes it through the
 * push a tablet uses), and the state dashboard's figures for it checked one by one against
 * counts written in plain SQL over the stored records (report-plain-sql.ts), never over
 * the report facts the route reads.
 */
import { beforeAll, expect, it } from 'vitest';
import { districts } from '../../src/domain/districts.ts';
import { indicatorAnswerSchema, type IndicatorAnswer } from '../../src/domain/report-indicators.ts';
import type { SyncTables } from '../../server/db/sync-schema.ts';
import { seedYear } from '../../server/seed/seed-year.ts';
import { inject, seedFixture, signInAs, type ApiHarness } from './api-harness.ts';
import { countReportInPlainSql } from './report-plain-sql.ts';

/** The seed of this project: Uttar Pradesh's Sakhi centres in 2020. */
export const FULL_YEAR_CASES = 16_629;
/** Seeding the year is the slow part: minutes on a loaded 2-core machine. */
export const FULL_YEAR_TIMEOUT_MS = 15 * 60_000;
/** Plain SQL parses every record's JSON a dozen times: tens of seconds under load. */
const PLAIN_SQL_TIMEOUT_MS = 5 * 60_000;

export function reportScaleSuite(getHarness: () => ApiHarness): void {
  let h: ApiHarness;
  let adminToken: string;
  let answer: IndicatorAnswer;

  beforeAll(async () => {
    h = getHarness();
    const fixture = await seedFixture(h, 'scale');
    adminToken = (await signInAs(h, fixture.users.state_admin.username)).token;
    await seedYear(h.db.withTables<SyncTables>(), {
      year: 2020,
      cases: FULL_YEAR_CASES,
      seed: 1,
    });
    answer = await answerOf('from=2020-01&to=2020-12');
  }, FULL_YEAR_TIMEOUT_MS);

  const answerOf = async (query: string): Promise<IndicatorAnswer> => {
    const response = await inject(h, {
      method: 'GET',
      url: `/api/reports/indicators?${query}`,
      token: adminToken,
    });
    expect(response.statusCode, response.body).toBe(200);
    return indicatorAnswerSchema.parse(response.json());
  };

  it('gives the state total of 2020 as 16,629, every seeded case once', () => {
    expect(answer.scope).toEqual({ kind: 'state', districtCode: null });
    expect(answer.report.casesRegistered).toBe(FULL_YEAR_CASES);
    expect(answer.districtsWithoutData).toEqual([]);
  });

  it(
    'gives every district and every indicator the figure plain SQL counts',
    async () => {
      const period = { from: '2020-01', to: '2020-12' };
      const counted = await countReportInPlainSql(h.db, h.engine, period, h.clock.now());
      // Checked apart first, so a failure names the figure that differs.
      for (const district of districts) {
        expect(answer.report.byDistrict[district.code], district.code).toBe(
          counted.byDistrict[district.code],
        );
      }
      expect(answer.report).toEqual(counted);
      // Not agreement on nothing: the seeded year fills every kind of figure.
      expect(counted.casesRegistered).toBe(FULL_YEAR_CASES);
      expect(counted.minors).toBeGreaterThan(0);
      expect(counted.stays.overFiveDays).toBeGreaterThan(0);
      expect(counted.followUps.overdue).toBeGreaterThan(0);
      expect(counted.byViolenceType.none_recorded).toBeGreaterThan(0);
      expect(counted.closedByReason.none_recorded).toBeGreaterThan(0);
    },
    PLAIN_SQL_TIMEOUT_MS,
  );

  it("gives a district's page the same figures plain SQL counts for the state row", async () => {
    const lucknow = await answerOf('from=2020-01&to=2020-12&district=LKO');
    expect(lucknow.report.casesRegistered).toBe(answer.report.byDistrict.LKO);
    expect(lucknow.report.casesRegistered).toBeGreaterThan(0);
  });
}
