import type { lockMessages } from '../../i18n/messages-lock.ts';
import { checkPin as checkPinPolicy } from '../../domain/pin-policy.ts';
import type { CheckPin, PinProblem } from './lock-ports.ts';

/** Why a new PIN cannot be kept yet: the policy's reason, or the two entries differ. */
export type NewPinProblem = PinProblem | 'pins_differ';

/** The domain's PIN policy, in the screens' words: what the PIN screens judge by default. */
export function checkNewPin(pin: string): PinProblem | null {
  const check = checkPinPolicy(pin);
  return check.ok ? null : check.reason;
}

/** The policy first, so she learns what to change before typing the PIN a second time. */
export function judgeNewPin(pin: string, repeat: string, checkPin: CheckPin): NewPinProblem | null {
  return checkPin(pin) ?? (pin === repeat ? null : 'pins_differ');
}

const messageKeys = {
  too_short: 'pinTooShort',
  too_long: 'pinTooLong',
  not_digits: 'pinNotDigits',
  sequence: 'pinRun',
  all_same: 'pinSameDigit',
  common: 'pinCommon',
  repeated_pattern: 'pinRepeatedPattern',
  pins_differ: 'pinsDiffer',
} as const satisfies Record<NewPinProblem, keyof (typeof lockMessages)['en']>;

export function wordNewPinProblem(
  problem: NewPinProblem,
  t: Readonly<Record<keyof (typeof lockMessages)['en'], string>>,
): string {
  return t[messageKeys[problem]];
}
