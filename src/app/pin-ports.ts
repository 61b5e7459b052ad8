// The PIN screens' ports over the tablet: the domain's PIN policy and the key vault's
// answers, in the words the screens take (features/unlock/lock-ports.ts).
import { checkPin } from '../domain/pin-policy.ts';
import type { PinProblem, UnlockResult } from '../features/unlock/lock-ports.ts';
import type { Tablet } from '../shell/open-stores.ts';

export function checkNewPin(pin: string): PinProblem | null {
  const check = checkPin(pin);
  return check.ok ? null : check.reason;
}

export async function changePinOn(
  tablet: Tablet,
  oldPin: string,
  newPin: string,
): Promise<UnlockResult> {
  const result = await tablet.changePin(oldPin, newPin);
  if (result.ok) return { outcome: 'unlocked' };
  switch (result.reason) {
    case 'wrong_pin':
      return { outcome: 'wrong_pin', attemptsLeft: result.attemptsLeft };
    // The screen judged the new PIN before asking: the vault's own check agrees with it.
    case 'weak_pin':
      return { outcome: 'wrong_pin', attemptsLeft: Number.POSITIVE_INFINITY };
    default:
      return { outcome: 'locked_out' };
  }
}
