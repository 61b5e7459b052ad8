/**
 * The tablet holds another centre's cases and she asked to sign in: nothing is erased
 * unless the outbox is empty (a change not yet sent is never lost), and only after she
 * confirmed. `eraseAndSignIn` checks the outbox again itself, inside the erase: the count
 * shown here can be stale by the time she taps.
 */
import { useEffect, useState } from 'preact/hooks';

export type EraseAndSignInResult = 'signed_in' | 'changes_waiting';

export interface CentreSwitchPorts {
  /** Changes saved on this tablet and not yet acknowledged by the server. */
  readonly countPendingChanges: () => Promise<number>;
  /** Erases the other centre's data, then signs in again with `switchCentre: true`. */
  readonly eraseAndSignIn: () => Promise<EraseAndSignInResult>;
}

export type CentreSwitchState =
  | { readonly step: 'checking' }
  | { readonly step: 'countFailed' }
  | { readonly step: 'waiting'; readonly pendingChanges: number }
  | { readonly step: 'confirm' }
  | { readonly step: 'erasing' }
  | { readonly step: 'failed' };

export function useCentreSwitch(ports: CentreSwitchPorts): {
  readonly state: CentreSwitchState;
  readonly confirm: () => Promise<void>;
} {
  const { countPendingChanges, eraseAndSignIn } = ports;
  const [state, setState] = useState<CentreSwitchState>({ step: 'checking' });
  useEffect(() => {
    let isCurrent = true;
    countPendingChanges().then(
      (pendingChanges) => {
        if (!isCurrent) return;
        setState(pendingChanges > 0 ? { step: 'waiting', pendingChanges } : { step: 'confirm' });
      },
      (error: unknown) => {
        console.warn('Sakhi: could not count the changes waiting', error);
        if (isCurrent) setState({ step: 'countFailed' });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [countPendingChanges]);

  const confirm = async () => {
    if (state.step !== 'confirm' && state.step !== 'failed') return;
    setState({ step: 'erasing' });
    try {
      if ((await eraseAndSignIn()) === 'changes_waiting') {
        setState({ step: 'waiting', pendingChanges: await countPendingChanges() });
      }
    } catch (error) {
      console.warn('Sakhi: the centre switch did not finish', error);
      setState({ step: 'failed' });
    }
  };
  return { state, confirm };
}
