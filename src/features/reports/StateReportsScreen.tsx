import { useMemo } from 'preact/hooks';
import { openLastAnswers } from './last-answers.ts';
import { createReportsClient } from './reports-client.ts';
import { StateReportsPage } from './StateReportsPage.tsx';

export interface StateReportsScreenProps {
  /** Her headquarters session, held in memory only: it is never written to the tablet. */
  readonly token: string;
  readonly districtCode: string | null;
}

/** The headquarters routes: the page over the server, as the signed-in state officer. */
export function StateReportsScreen({ token, districtCode }: StateReportsScreenProps) {
  const client = useMemo(() => createReportsClient({ token }), [token]);
  const lastAnswers = useMemo(() => openLastAnswers(), []);
  return (
    <StateReportsPage
      key={districtCode ?? 'state'}
      client={client}
      lastAnswers={lastAnswers}
      districtCode={districtCode}
    />
  );
}

/** At sign-out: the kept copies go with the session that fetched them. */
export function forgetKeptReports(): Promise<void> {
  return openLastAnswers().forgetAll();
}
