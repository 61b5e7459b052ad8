// Whether the open app is locked: locked, it renders the unlock screen and nothing else, so
// no case is in the DOM. It locks when idle or hidden (use-idle-lock.ts), on "Switch user",
// and after a lockout while changing the PIN; the key vault's unlock opens it again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ChangePinPageProps } from '../features/unlock/ChangePinPage.tsx';
import type { ChangePin, CheckPin, EnrolledStaff, Unlock } from '../features/unlock/lock-ports.ts';
import type { UnlockPageProps } from '../features/unlock/UnlockPage.tsx';
import { navigate, paths } from '../shell/router.ts';
import { useIdleLock } from './use-idle-lock.ts';

/** What the app needs from the key vault and the session to lock and unlock. */
export interface AppLockPorts {
  /** Opens locked: someone has a PIN on this tablet and the data key is not in memory. */
  readonly startsLocked: boolean;
  /** The centre's idle lock from the session (sign-in answer), 1–60 minutes. */
  readonly idleMinutes: number;
  /** Staff with a PIN on this tablet, by name; read each time the lock screen opens. */
  readonly listEnrolledStaff: () => Promise<readonly EnrolledStaff[]>;
  /** Unwraps the data key with her PIN; on 'unlocked' the app shows her stores again. */
  readonly unlock: Unlock;
  /** Forgets the data key and all that was opened with it (the in-memory search index). */
  readonly lock: () => void;
  readonly changePin: ChangePin;
  readonly checkPin: CheckPin;
}

export interface AppLock {
  readonly isLocked: boolean;
  /** Null while PINs are off (no ports): there is nothing to lock with. */
  readonly lockNow: (() => void) | null;
  /**
   * Props of the unlock screen but its way to the password sign-in, which the app adds;
   * null while the staff with a PIN are still being read.
   */
  readonly unlockProps: Omit<UnlockPageProps, 'onSignInAsOther'> | null;
  readonly changePinProps: ChangePinPageProps | null;
  /** After a password sign-in: she proved who she is, so the app is open. */
  readonly markUnlocked: () => void;
}

export function useAppLock(ports: AppLockPorts | null, isSignedIn: boolean): AppLock {
  const [isLocked, setLocked] = useState(ports?.startsLocked ?? false);
  // Null until read, so the lock screen never says "no one has a PIN" while it is still reading.
  const [enrolled, setEnrolled] = useState<readonly EnrolledStaff[] | null>(null);

  const lockNow = useCallback(() => {
    if (!ports) return;
    ports.lock();
    setLocked(true);
    // Whoever unlocks next starts on the case list, not on a case the last one had open.
    navigate(paths.cases, { replace: true });
  }, [ports]);

  useIdleLock(ports && isSignedIn && !isLocked ? ports.idleMinutes : null, lockNow);

  useEffect(() => {
    if (!ports || !isLocked) return;
    let isCurrent = true;
    setEnrolled(null);
    ports.listEnrolledStaff().then(
      (staff) => isCurrent && setEnrolled(staff),
      (error: unknown) => {
        // Then the screen offers the password sign-in, the one way in that needs no PIN.
        console.warn('Sakhi: could not list the staff with a PIN', error);
        if (isCurrent) setEnrolled([]);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [ports, isLocked]);

  const markUnlocked = useCallback(() => setLocked(false), []);
  if (!ports) {
    return {
      isLocked: false,
      lockNow: null,
      unlockProps: null,
      changePinProps: null,
      markUnlocked,
    };
  }
  return {
    isLocked,
    lockNow,
    unlockProps: enrolled && {
      enrolled,
      unlock: async (userId, pin) => {
        const result = await ports.unlock(userId, pin);
        if (result.outcome === 'unlocked') setLocked(false);
        return result;
      },
    },
    changePinProps: {
      checkPin: ports.checkPin,
      changePin: ports.changePin,
      onLockedOut: lockNow,
    },
    markUnlocked,
  };
}
