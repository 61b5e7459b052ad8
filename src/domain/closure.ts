/**
 * How a case closes and reopens: a small state machine over the case's own fields.
 *
 *   active (open, in_stay, referred) ──request──▶ requested ──approve──▶ closed
 *        ▲                                          │                     │
 *        └──────────────── send back ◀──────────────┘                     │
 *        └──────────────────────────── reopen (with a reason) ◀───────────┘
 *
 * What must always hold:
 * - The stage is read from the case as merged, never from one save: fields merge one by
 *   one, so a stage is judged on whatever the merge produced (closureStageOf). `status`
 *   says whether she is closed; a request is pending while `closureRequestedAt` is set on
 *   a case that is not closed.
 * - Any centre role may request; only the centre manager approves, sends back or reopens,
 *   each in her own name (write-rules.ts holds the roles; the server enforces them with
 *   findClosureRefusal). A step writes exactly what its `…Of` function returns.
 * - Sending back and reopening clear the request (and a reopen the approval), so the next
 *   closure is asked and approved afresh; the reason, who and when of the last send-back
 *   and reopen stay on the case, and every entry stays: a reopened case keeps its history.
 * - While she is still in the short stay (a stay not discharged) the case may not be
 *   requested for closure nor closed. A referral still waiting on an agency, or a follow-up
 *   not yet made, only warns: the manager may know it no longer matters.
 * - On a closed case only a note may still be added or corrected (she phoned, a court date
 *   came): a centre's closed file is its final record. Anything else — a service, stay,
 *   referral or follow-up, a correction of her details, removing any entry — needs the
 *   manager to reopen the case first. The forms do not offer it, and the server refuses a
 *   write stamped after the closure (closure-write-rules.ts); a write stamped before it was
 *   made while the case was open and is merged like any late write.
 */
import type { Case } from './case.ts';
import type { FollowUpEntry, ReferralEntry, StayEntry } from './entries.ts';
import type { ClosureReason } from './code-schemas.ts';
import type { RecordType } from './protocol.ts';

export type ClosureStage = 'active' | 'requested' | 'closed';
export type ClosureStep = 'request' | 'approve' | 'send_back' | 'reopen';

/** The case fields the machine reads. */
export type ClosureFacts = Pick<Case, 'status' | 'closureRequestedAt'>;

/** Where the case stands, from its merged fields. */
export function closureStageOf(c: Partial<ClosureFacts>): ClosureStage {
  if (c.status === 'closed') return 'closed';
  return c.closureRequestedAt === null || c.closureRequestedAt === undefined
    ? 'active'
    : 'requested';
}

const stepsFrom: Readonly<Record<ClosureStage, readonly ClosureStep[]>> = {
  active: ['request'],
  requested: ['approve', 'send_back'],
  closed: ['reopen'],
};

const stageAfter: Readonly<Record<ClosureStep, ClosureStage>> = {
  request: 'requested',
  approve: 'closed',
  send_back: 'active',
  reopen: 'active',
};

/** Whether the step may be taken from the stage the case is at (roles aside). */
export function isStepAllowed(stage: ClosureStage, step: ClosureStep): boolean {
  return stepsFrom[stage].includes(step);
}

/** The stage a step leads to. */
export function stageAfterStep(step: ClosureStep): ClosureStage {
  return stageAfter[step];
}

/** Who takes a step: her user id, and when (an instant by the tablet's corrected clock). */
export interface StepBy {
  readonly userId: string;
  readonly at: string;
}

/** What a closure request writes on the case. */
export function closureRequestOf(
  by: StepBy,
  closureReason: ClosureReason,
  closureNote: string | null,
) {
  return {
    closureReason,
    closureNote,
    closureRequestedBy: by.userId,
    closureRequestedAt: by.at,
  } as const;
}

/** What a manager's send-back writes: her reason, and the request cleared. */
export function closureSendBackOf(by: StepBy, reason: string) {
  return {
    closureSentBackBy: by.userId,
    closureSentBackAt: by.at,
    closureSentBackReason: reason,
    closureRequestedBy: null,
    closureRequestedAt: null,
  } as const;
}

/** What a manager's reopening writes: the case open again, request and approval cleared. */
export function reopeningOf(by: StepBy, reason: string) {
  return {
    status: 'open',
    reopenedBy: by.userId,
    reopenedAt: by.at,
    reopenReason: reason,
    closureRequestedBy: null,
    closureRequestedAt: null,
    closureApprovedBy: null,
    closureApprovedAt: null,
  } as const;
}

export type ClosureConditionCode = 'still_in_stay' | 'referral_waiting' | 'follow_up_not_made';

export interface ClosureCondition {
  readonly code: ClosureConditionCode;
  /** A blocking condition stops the step; a warning is shown and she may go on. */
  readonly isBlocking: boolean;
  /** The entry that raises it. */
  readonly entryId: string;
}

/** The case's entries the conditions read; removed ones are ignored. */
export interface ClosureEntries {
  readonly stays: readonly StayEntry[];
  readonly referrals: readonly ReferralEntry[];
  readonly followUps: readonly FollowUpEntry[];
}

const waitingReferralStatuses: readonly ReferralEntry['status'][] = ['planned', 'sent', 'accepted'];

/**
 * What stands in the way of closing: checked when closure is requested and again when it
 * is approved, on the entries as they are then. Blocking conditions come first.
 */
export function checkClosureConditions(entries: ClosureEntries): ClosureCondition[] {
  const conditions: ClosureCondition[] = [];
  for (const stay of entries.stays) {
    if (!stay.deleted && stay.dischargedAt === null) {
      conditions.push({ code: 'still_in_stay', isBlocking: true, entryId: stay.id });
    }
  }
  for (const referral of entries.referrals) {
    if (!referral.deleted && waitingReferralStatuses.includes(referral.status)) {
      conditions.push({ code: 'referral_waiting', isBlocking: false, entryId: referral.id });
    }
  }
  for (const followUp of entries.followUps) {
    if (!followUp.deleted && followUp.doneAt === null) {
      conditions.push({ code: 'follow_up_not_made', isBlocking: false, entryId: followUp.id });
    }
  }
  return conditions;
}

/** Whether any condition stops the closure. */
export function isClosureBlocked(conditions: readonly ClosureCondition[]): boolean {
  return conditions.some((condition) => condition.isBlocking);
}

/** The entry types that may still be written on a closed case. */
export const recordTypesOnClosedCase: readonly RecordType[] = ['note'];

/** Whether a form may offer to write a record of this type on a case at this stage. */
export function mayRecordOnCase(stage: ClosureStage, recordType: RecordType): boolean {
  return stage !== 'closed' || recordTypesOnClosedCase.includes(recordType);
}
