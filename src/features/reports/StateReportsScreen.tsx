import { useMemo } from 'preact/hooks';
import type { AccountSeal } from '../../data/headquarters-vault.ts';
import { openLastAnswers } from './last-answers.ts';
import { createReportsClient } from './reports-client.ts';
import { StateReportsPage } from './StateReportsPage.tsx';

export interface StateReportsScreenProps {
  /** Her headquarters session; on the tablet only sealed under her PIN. */
  readonly token: string;
  /** Seals the answers kept for offline reading, so only she can read them again. */
  readonly seal: AccountSeal;
  readonly districtCode: string | null;
}

/** The headquarters routes: the page over the server, as the signed-in state officer. */
export function StateReportsScreen({ token, seal, districtCode }: StateReportsScreenProps) {
  const client = useMemo(() => createReportsClient({ token }), [token]);
  const lastAnswers = useMemo(() => openLastAnswers(seal), [seal]);
  return (
    <StateReportsPage
      key={districtCode ?? 'state'}
      client={client}
      lastAnswers={lastAnswers}
      districtCode={districtCode}
    />
  );
}

/** At sign-out: her kept copies go with the session that fetched them. */
export function forgetKeptReports(seal: AccountSeal): Promise<void> {
  return openLastAnswers(seal).forgetAll();
}
