// The change-PIN screen's port over the tablet: the key vault's answers, in the words the
// screens take (features/unlock/lock-ports.ts).
import type { UnlockResult } from '../features/unlock/lock-ports.ts';
import type { Tablet } from '../shell/open-stores.ts';

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
