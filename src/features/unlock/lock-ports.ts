/**
 * What the lock screens need from the tablet, as functions the app passes in: the key vault
 * (src/data) unwraps and wraps the data key, the domain's PIN policy judges a new PIN. The
 * screens hold a PIN only in their own state, for as long as it is being typed.
 */
import type { PinWeakness } from '../../domain/pin-policy.ts';

/** A staff member whose PIN opens this tablet: names only, nothing of any case. */
export interface EnrolledStaff {
  readonly userId: string;
  readonly displayName: string;
}

/** Why the PIN policy (domain/pin-policy.ts) refuses a PIN; null from `CheckPin` when it is accepted. */
export type PinProblem = PinWeakness;

export type CheckPin = (pin: string) => PinProblem | null;

export type UnlockResult =
  | { readonly outcome: 'unlocked' }
  | { readonly outcome: 'wrong_pin'; readonly attemptsLeft: number }
  /** Ten wrong PINs in a row: every wrapped key on the tablet is gone; only an online sign-in helps. */
  | { readonly outcome: 'locked_out' };

/** Unwraps the data key with her PIN and opens her stores. */
export type Unlock = (userId: string, pin: string) => Promise<UnlockResult>;

/** Wraps the data key under the PIN she just chose (after an online sign-in). */
export type SetPin = (pin: string) => Promise<void>;

/** Re-wraps the data key under a new PIN; the old one must open it first. */
export type ChangePin = (oldPin: string, newPin: string) => Promise<UnlockResult>;
