import { describe, expect, it } from 'vitest';
import {
  checkClosureConditions,
  closureRequestOf,
  closureSendBackOf,
  closureStageOf,
  isClosureBlocked,
  isStepAllowed,
  mayRecordOnCase,
  reopeningOf,
  stageAfterStep,
  type ClosureEntries,
  type ClosureStage,
  type ClosureStep,
} from './closure.ts';
import {
  laterReferralBlanks,
  type FollowUpEntry,
  type ReferralEntry,
  type StayEntry,
} from './entries.ts';

const manager = '01900000-0000-7000-8000-00000000000a';
const caseId = '01900000-0000-7000-8000-0000000000c1';
const centreId = '01900000-0000-7000-8000-0000000000e1';
const at = '2026-03-10T05:00:00.000Z';
const by = { userId: manager, at };

const entryBase = (id: string) => ({
  id,
  caseId,
  centreId,
  recordedAt: at,
  recordedBy: manager,
  deleted: false,
});

function stay(id: string, changes: Partial<StayEntry> = {}): StayEntry {
  return {
    ...entryBase(id),
    admittedAt: at,
    plannedDischargeDate: '2026-03-12',
    extendedUntil: null,
    extensionReason: null,
    dischargedAt: null,
    dischargedTo: null,
    ...changes,
  };
}

function referral(id: string, status: ReferralEntry['status'], deleted = false): ReferralEntry {
  return {
    ...entryBase(id),
    deleted,
    agency: 'dlsa',
    agencyName: null,
    ...laterReferralBlanks,
    status,
    referredAt: at,
    contactPerson: null,
    notes: null,
    outcome: null,
  };
}

function followUp(id: string, changes: Partial<FollowUpEntry> = {}): FollowUpEntry {
  return {
    ...entryBase(id),
    dueDate: '2026-03-09',
    mode: 'phone',
    doneAt: null,
    outcome: null,
    notes: null,
    ...changes,
  };
}

const none: ClosureEntries = { stays: [], referrals: [], followUps: [] };

describe('closureStageOf', () => {
  it('reads the stage from the merged status and request', () => {
    expect(closureStageOf({ status: 'open', closureRequestedAt: null })).toBe('active');
    expect(closureStageOf({ status: 'in_stay', closureRequestedAt: null })).toBe('active');
    expect(closureStageOf({ status: 'referred', closureRequestedAt: at })).toBe('requested');
    expect(closureStageOf({ status: 'closed', closureRequestedAt: at })).toBe('closed');
    // A merge can leave a closed status without the request: still closed.
    expect(closureStageOf({ status: 'closed', closureRequestedAt: null })).toBe('closed');
    // A record pulled without the fields reads as not asked for.
    expect(closureStageOf({})).toBe('active');
  });
});

describe('the closure steps', () => {
  const table: [ClosureStage, ClosureStep, boolean][] = [
    ['active', 'request', true],
    ['active', 'approve', false],
    ['active', 'send_back', false],
    ['active', 'reopen', false],
    ['requested', 'request', false],
    ['requested', 'approve', true],
    ['requested', 'send_back', true],
    ['requested', 'reopen', false],
    ['closed', 'request', false],
    ['closed', 'approve', false],
    ['closed', 'send_back', false],
    ['closed', 'reopen', true],
  ];
  for (const [stage, step, allowed] of table) {
    it(`${step} from ${stage} is ${allowed ? 'allowed' : 'refused'}`, () => {
      expect(isStepAllowed(stage, step)).toBe(allowed);
    });
  }

  it('leads each step to the stage its writes produce', () => {
    const open = { status: 'open' as const, closureRequestedAt: null };
    const request = closureRequestOf(by, 'services_completed', null);
    expect(closureStageOf({ ...open, ...request })).toBe(stageAfterStep('request'));
    const sentBack = closureSendBackOf(by, 'Her DLSA referral is waiting.');
    expect(closureStageOf({ ...open, ...request, ...sentBack })).toBe(stageAfterStep('send_back'));
    expect(stageAfterStep('approve')).toBe('closed');
    const reopened = reopeningOf(by, 'She came back.');
    const closedCase = { ...request, status: 'closed' as const };
    expect(closureStageOf({ ...closedCase, ...reopened })).toBe(stageAfterStep('reopen'));
  });

  it('keeps who sent back or reopened, and why, and clears the request and approval', () => {
    expect(closureSendBackOf(by, 'Wait for the referral.')).toEqual({
      closureSentBackBy: manager,
      closureSentBackAt: at,
      closureSentBackReason: 'Wait for the referral.',
      closureRequestedBy: null,
      closureRequestedAt: null,
    });
    expect(reopeningOf(by, 'She came back.')).toMatchObject({
      status: 'open',
      reopenedBy: manager,
      reopenedAt: at,
      reopenReason: 'She came back.',
      closureApprovedBy: null,
      closureApprovedAt: null,
      closureRequestedAt: null,
    });
    expect(closureRequestOf(by, 'other', 'Moved away')).toEqual({
      closureReason: 'other',
      closureNote: 'Moved away',
      closureRequestedBy: manager,
      closureRequestedAt: at,
    });
  });
});

describe('checkClosureConditions', () => {
  it('finds nothing on a case with nothing pending', () => {
    expect(checkClosureConditions(none)).toEqual([]);
    expect(isClosureBlocked([])).toBe(false);
  });

  it('blocks while she is in the short stay, not after her discharge or a removed stay', () => {
    const found = checkClosureConditions({ ...none, stays: [stay('s1')] });
    expect(found).toEqual([{ code: 'still_in_stay', isBlocking: true, entryId: 's1' }]);
    expect(isClosureBlocked(found)).toBe(true);
    const left = stay('s2', { dischargedAt: at, dischargedTo: 'home' });
    const removed = stay('s3', { deleted: true });
    expect(checkClosureConditions({ ...none, stays: [left, removed] })).toEqual([]);
  });

  it('warns on a referral still waiting on its agency, not on one that ended', () => {
    const referrals = (
      ['planned', 'sent', 'accepted', 'completed', 'declined', 'cancelled'] as const
    )
      .map((status) => referral(`r-${status}`, status))
      .concat(referral('r-removed', 'sent', true));
    const found = checkClosureConditions({ ...none, referrals });
    expect(found.map((condition) => condition.entryId)).toEqual([
      'r-planned',
      'r-sent',
      'r-accepted',
    ]);
    expect(found.every((condition) => condition.code === 'referral_waiting')).toBe(true);
    expect(isClosureBlocked(found)).toBe(false);
  });

  it('warns on a follow-up not yet made, due or not', () => {
    const followUps = [
      followUp('f-overdue'),
      followUp('f-later', { dueDate: '2026-04-01' }),
      followUp('f-done', { doneAt: at }),
      followUp('f-removed', { deleted: true }),
    ];
    expect(checkClosureConditions({ ...none, followUps })).toEqual([
      { code: 'follow_up_not_made', isBlocking: false, entryId: 'f-overdue' },
      { code: 'follow_up_not_made', isBlocking: false, entryId: 'f-later' },
    ]);
  });
});

describe('mayRecordOnCase', () => {
  it('offers only a note on a closed case, and everything on an open one', () => {
    for (const type of ['case', 'service', 'stay', 'referral', 'followUp'] as const) {
      expect(mayRecordOnCase('closed', type)).toBe(false);
      expect(mayRecordOnCase('active', type)).toBe(true);
      expect(mayRecordOnCase('requested', type)).toBe(true);
    }
    expect(mayRecordOnCase('closed', 'note')).toBe(true);
  });
});
