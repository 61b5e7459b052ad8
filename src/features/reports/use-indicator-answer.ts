import { useEffect, useState } from 'preact/hooks';
import type { LastAnswers, SavedAnswer } from './last-answers.ts';
import type { IndicatorQuery, ReportsClient } from './reports-client.ts';

export type IndicatorAnswerState =
  | { readonly status: 'loading' }
  | { readonly status: 'fresh'; readonly saved: SavedAnswer }
  /** The server could not be asked (offline, or it failed): the copy kept from last time. */
  | { readonly status: 'kept'; readonly saved: SavedAnswer }
  | { readonly status: 'failed'; readonly problem: 'offline' | 'network' | 'refused' };

/**
 * The figures for a query: from the server when online (and then kept), else the copy
 * kept from the last time. A refusal is never covered by an old copy: she must sign in.
 */
export function useIndicatorAnswer(
  client: ReportsClient,
  lastAnswers: LastAnswers,
  query: IndicatorQuery,
  isOnline: boolean,
  attempt: number,
  now: () => Date = () => new Date(),
): IndicatorAnswerState {
  const [state, setState] = useState<IndicatorAnswerState>({ status: 'loading' });
  const { from, to } = query.period;
  const { districtCode } = query;
  useEffect(() => {
    let isCurrent = true;
    const query = { period: { from, to }, districtCode };
    const readKept = async (problem: 'offline' | 'network'): Promise<IndicatorAnswerState> => {
      const kept = await lastAnswers.read(query).catch(() => null);
      return kept ? { status: 'kept', saved: kept } : { status: 'failed', problem };
    };
    const load = async (): Promise<IndicatorAnswerState> => {
      if (!isOnline) return readKept('offline');
      const result = await client.readIndicators(query);
      if (!result.isAnswered) {
        return result.problem === 'refused'
          ? { status: 'failed', problem: 'refused' }
          : readKept('network');
      }
      const saved = { answer: result.answer, fetchedAt: now().toISOString() };
      // Keeping a copy is a convenience: a full disk must not hide fresh figures.
      await lastAnswers.keep(query, saved).catch((error: unknown) => {
        console.warn('Sakhi: could not keep the report for offline reading', error);
      });
      return { status: 'fresh', saved };
    };
    setState({ status: 'loading' });
    void load().then((next) => isCurrent && setState(next));
    return () => {
      isCurrent = false;
    };
    // `now` is read only when an answer arrives.
  }, [client, lastAnswers, from, to, districtCode, isOnline, attempt]);
  return state;
}
