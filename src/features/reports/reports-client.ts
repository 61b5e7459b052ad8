/**
 * `GET /api/reports/indicators` (docs/api.md, docs/reports.md): the figures for a period,
 * the state's or one district's, checked whole with the domain's schema before any screen
 * sees them. Only counts come back; nothing here is a case record.
 */
import {
  indicatorAnswerSchema,
  type IndicatorAnswer,
  type ReportPeriod,
} from '../../domain/report-indicators.ts';

export interface IndicatorQuery {
  readonly period: ReportPeriod;
  /** Null for the whole state. */
  readonly districtCode: string | null;
}

export type IndicatorResult =
  | { readonly isAnswered: true; readonly answer: IndicatorAnswer }
  | { readonly isAnswered: false; readonly problem: 'network' | 'refused' | 'bad_answer' };

export interface ReportsClient {
  readIndicators(query: IndicatorQuery): Promise<IndicatorResult>;
}

export interface ReportsClientOptions {
  readonly token: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

// A state-year dashboard over 2G: the answer is a few kB, but the link may be slow to open.
const requestTimeoutMs = 60_000;

export function createReportsClient(options: ReportsClientOptions): ReportsClient {
  return {
    readIndicators: async ({ period, districtCode }) => {
      const search = new URLSearchParams({ from: period.from, to: period.to });
      if (districtCode) search.set('district', districtCode);
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(
          `${options.baseUrl ?? ''}/api/reports/indicators?${search.toString()}`,
          {
            headers: { authorization: `Bearer ${options.token}` },
            signal: AbortSignal.timeout?.(requestTimeoutMs),
          },
        );
      } catch {
        return { isAnswered: false, problem: 'network' };
      }
      if (response.status === 401 || response.status === 403) {
        return { isAnswered: false, problem: 'refused' };
      }
      if (!response.ok) return { isAnswered: false, problem: 'network' };
      const parsed = indicatorAnswerSchema.safeParse(await response.json().catch(() => null));
      return parsed.success
        ? { isAnswered: true, answer: parsed.data }
        : { isAnswered: false, problem: 'bad_answer' };
    },
  };
}
