/**
 * For tests: a service's own answers, without the fields every entry carries (id, case,
 * centre, who wrote it down and when, the tombstone). Here, under src/domain, so the
 * domain's own tests may use it as well as the store's, the screens' and the server's.
 */
import type { ServiceEntry } from './entries.ts';

export type ServiceAnswers = Omit<
  ServiceEntry,
  'id' | 'caseId' | 'centreId' | 'recordedAt' | 'recordedBy' | 'deleted'
>;

/** Counselling, given by an outsider; every answer a kind may leave out blank. Override any. */
export function sampleService(answers: Partial<ServiceAnswers> = {}): ServiceAnswers {
  return {
    kind: 'counselling',
    givenAt: '2026-03-10T08:00:00Z',
    givenBy: null,
    durationMinutes: null,
    notes: null,
    hospitalName: null,
    firNumber: null,
    policeStation: null,
    dlsaAdvocateName: null,
    courtName: null,
    interpretationLanguage: null,
    ...answers,
  };
}
