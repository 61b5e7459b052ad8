/**
 * A referral's answer over time: sent, then accepted or declined, then completed (or
 * cancelled), each step dated and signed by whoever recorded it.
 *
 * What must stay true: each step writes only its own date and writer fields (and `status`),
 * so edits of different steps on two tablets merge field by field and both survive;
 * `status` says where the referral stands now, the step fields say when each step was
 * reached and by whom. A step recorded again (a corrected date) overwrites only itself.
 */
import type { ReferralStatus } from './code-schemas.ts';
import type { ReferralEntry } from './entries.ts';
import type { Instant } from './india-time.ts';

type StepStatus = Exclude<ReferralStatus, 'planned'>;

/** The fields each step writes, in the order a referral usually goes through them. */
export const referralStepFields = {
  sent: { at: 'referredAt', by: 'referredBy' },
  accepted: { at: 'acceptedAt', by: 'acceptedBy' },
  declined: { at: 'declinedAt', by: 'declinedBy' },
  completed: { at: 'completedAt', by: 'completedBy' },
  cancelled: { at: 'cancelledAt', by: 'cancelledBy' },
} as const satisfies Record<
  StepStatus,
  { readonly at: keyof ReferralEntry; readonly by: keyof ReferralEntry }
>;

export interface ReferralStep {
  readonly status: StepStatus;
  readonly at: Instant;
  /** Null only for a referral sent before its sender was recorded and not recorded by anyone. */
  readonly by: string | null;
}

type StepField = (typeof referralStepFields)[StepStatus]['at' | 'by'];

export type ReferralStepChanges = Partial<Pick<ReferralEntry, 'status' | StepField>>;

/**
 * What recording that the referral reached `status` at `at` writes: the status and that
 * step's own date and writer. Planned is no step: only the status changes.
 */
export function referralStepOf(
  status: ReferralStatus,
  writer: { readonly userId: string },
  at: Instant,
): ReferralStepChanges {
  if (status === 'planned') return { status };
  const fields = referralStepFields[status];
  return { status, [fields.at]: at, [fields.by]: writer.userId };
}

/**
 * The steps recorded on a referral, oldest first. A sent referral without a sender was
 * recorded before senders were kept: whoever recorded the referral sent it.
 */
export function referralStepsOf(referral: ReferralEntry): ReferralStep[] {
  const steps: ReferralStep[] = [];
  for (const [status, fields] of Object.entries(referralStepFields) as [
    StepStatus,
    (typeof referralStepFields)[StepStatus],
  ][]) {
    const at = referral[fields.at] ?? null;
    if (at === null) continue;
    const by = referral[fields.by] ?? (status === 'sent' ? referral.recordedBy : null);
    steps.push({ status, at, by });
  }
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
