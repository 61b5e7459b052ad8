import { useState } from 'preact/hooks';
import type { CheckPin } from './lock-ports.ts';
import { judgeNewPin, type NewPinProblem } from './new-pin.ts';

export interface NewPin {
  readonly pin: string;
  readonly repeat: string;
  readonly setPin: (pin: string) => void;
  readonly setRepeat: (pin: string) => void;
  /** Why the PIN she typed cannot be kept, from her last try; null when there is none. */
  readonly problem: NewPinProblem | null;
  readonly isTypedTwice: boolean;
  /**
   * Judges the PIN as she sends it: true when it may be kept. When not, the reason shows
   * under the field it concerns and the repeat is emptied, so she types it again.
   */
  readonly accept: () => boolean;
  /** Empties both fields once the PIN is kept: nothing of it stays on screen. */
  readonly clear: () => void;
}

/** A new PIN typed twice, as the set-PIN and change-PIN screens take it. */
export function useNewPin(checkPin: CheckPin): NewPin {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<NewPinProblem | null>(null);

  const accept = () => {
    const found = judgeNewPin(pin, repeat, checkPin);
    setProblem(found);
    if (found) setRepeat('');
    return found === null;
  };
  const clear = () => {
    setPin('');
    setRepeat('');
  };

  return {
    pin,
    repeat,
    setPin,
    setRepeat,
    problem,
    isTypedTwice: pin !== '' && repeat !== '',
    accept,
    clear,
  };
}
