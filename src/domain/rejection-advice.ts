/**
 * What a person can do about a change headquarters refused, by the refusal's code
 * (protocol.ts, rejectionCodes). Sending the same change again helps only where the
 * refusal depended on something that changes by itself: the case reaching headquarters
 * first, the tablet's clock, a sealed box that did not open. Everywhere else the same
 * change is refused again, so the screen offers what does help instead.
 */
export type RejectionAdvice =
  /** Sending it again may succeed. */
  | 'retry'
  /** The record as saved breaks a rule: correct the case and save again. */
  | 'correct_and_save'
  /** Her role may not make this change: the centre manager can. */
  | 'ask_manager'
  /** Something is wrong with this tablet's copy: the state administrator must look. */
  | 'report';

const adviceByCode: Readonly<Record<string, RejectionAdvice>> = {
  invalid_record: 'correct_and_save',
  forbidden: 'ask_manager',
  not_permitted: 'ask_manager',
  record_type_mismatch: 'report',
  foreign_device_stamp: 'report',
  unknown_case: 'retry',
  stamp_too_far_ahead: 'retry',
  unreadable_sealed_box: 'retry',
};

/** A code this tablet does not know yet may be passing: sending again is the safe offer. */
export function adviceForRejection(code: string): RejectionAdvice {
  return Object.hasOwn(adviceByCode, code) ? adviceByCode[code]! : 'retry';
}
