/**
 * For a girl under 18, reporting to the police (POCSO Act, section 19) and a referral to
 * the Child Welfare Committee are expected on every case. This finds which of them the
 * case's entries do not show yet, so a screen can say so.
 */
import type { Case } from './case.ts';
import { expectedStepsForMinor, type MinorFacts } from './case-rules.ts';
import type { MinorStep, ReferralAgency, ReferralStatus } from './code-schemas.ts';
import type { ReferralEntry, ServiceEntry } from './entries.ts';

export interface CaseEntriesForMinorSteps {
  readonly referrals: readonly ReferralEntry[];
  readonly services: readonly ServiceEntry[];
}

// A referral counts once it has gone out, whatever the agency did with it; a planned or
// cancelled one does not.
const referralsMade: readonly ReferralStatus[] = ['sent', 'accepted', 'completed', 'declined'];

export function findMissingMinorSteps(
  c: MinorFacts & Pick<Case, 'id'>,
  entries: CaseEntriesForMinorSteps,
): MinorStep[] {
  const referredTo = (agency: ReferralAgency) =>
    entries.referrals.some(
      (referral) =>
        referral.caseId === c.id &&
        !referral.deleted &&
        referral.agency === agency &&
        referralsMade.includes(referral.status),
    );
  const hasPoliceHelp = entries.services.some(
    (service) => service.caseId === c.id && !service.deleted && service.kind === 'police_help',
  );
  const isDone: Record<MinorStep, boolean> = {
    pocso_police_report: hasPoliceHelp || referredTo('police'),
    cwc_referral: referredTo('child_welfare_committee'),
  };
  return expectedStepsForMinor(c).filter((step) => !isDone[step]);
}
