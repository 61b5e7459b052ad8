import { useState } from 'preact/hooks';
import type { EnrolledStaff, Unlock } from './lock-ports.ts';

export type UnlockProblem =
  | { readonly kind: 'wrong_pin'; readonly attemptsLeft: number }
  | { readonly kind: 'locked_out' }
  | { readonly kind: 'failed' };

export interface UnlockFlow {
  /** Whose PIN is being typed; null until she picks her name (if more than one is enrolled). */
  readonly chosen: EnrolledStaff | null;
  readonly choose: (staff: EnrolledStaff | null) => void;
  readonly pin: string;
  readonly setPin: (pin: string) => void;
  readonly isBusy: boolean;
  readonly problem: UnlockProblem | null;
  readonly submit: () => Promise<void>;
}

/**
 * Unlocking with a PIN. A wrong PIN is emptied at once, so the next try starts clean; after
 * a lockout nothing more is sent: the vault has destroyed every wrapped key.
 */
export function useUnlock(enrolled: readonly EnrolledStaff[], unlock: Unlock): UnlockFlow {
  const [picked, setChosen] = useState<EnrolledStaff | null>(null);
  // One person enrolled: no question to ask.
  const chosen = picked ?? (enrolled.length === 1 ? enrolled[0]! : null);
  const [pin, setPin] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<UnlockProblem | null>(null);

  const choose = (staff: EnrolledStaff | null) => {
    setChosen(staff);
    setPin('');
    if (problem?.kind !== 'locked_out') setProblem(null);
  };

  const submit = async () => {
    if (!chosen || pin === '' || isBusy || problem?.kind === 'locked_out') return;
    setBusy(true);
    try {
      const result = await unlock(chosen.userId, pin);
      if (result.outcome === 'wrong_pin') {
        setProblem({ kind: 'wrong_pin', attemptsLeft: result.attemptsLeft });
      } else if (result.outcome === 'locked_out') {
        setProblem({ kind: 'locked_out' });
      }
    } catch (error) {
      console.warn('Sakhi: unlock failed', error);
      setProblem({ kind: 'failed' });
    } finally {
      setPin('');
      setBusy(false);
    }
  };

  return { chosen, choose, pin, setPin, isBusy, problem, submit };
}
