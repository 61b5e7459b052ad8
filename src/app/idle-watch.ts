/**
 * Locks the open app: after `idleMinutes` without a touch or a key, and on return after the
 * page was hidden longer than `hiddenLockMs`. The moment the page is hidden the privacy curtain
 * goes up, whatever happens next, so no snapshot of a case is left behind.
 *
 * Time is read from the clock (Date.now) at each check, not counted by timers, because a
 * hidden page's timers are slowed or frozen: a tablet put away for an hour must come back
 * locked even if no timer ran meanwhile.
 *
 * Loaded after the first screen (use-idle-lock.ts): the first screen's code is kept small.
 */
import { hidePrivacyCurtain, showPrivacyCurtain } from './privacy-curtain.ts';

/** Long enough to glance at a message and come back; short enough that a put-down tablet locks. */
export const hiddenLockMs = 30_000;

// What counts as her using the app; scrolling alone does not (a tablet can scroll by itself).
const activityEvents = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/** Starts watching; the function returned stops it. `lock` is called at most once. */
export function watchIdle(idleMinutes: number, lock: () => void): () => void {
  const idleMs = idleMinutes * 60_000;
  let lastActivityAt = Date.now();
  let hiddenAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isLocked = false;

  const lockNow = () => {
    if (isLocked) return;
    isLocked = true;
    clearTimeout(timer);
    lock();
  };
  const checkIdle = () => {
    const idleFor = Date.now() - lastActivityAt;
    if (idleFor >= idleMs) lockNow();
    else timer = setTimeout(checkIdle, idleMs - idleFor);
  };
  const noteActivity = () => {
    lastActivityAt = Date.now();
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') {
      showPrivacyCurtain();
      hiddenAt = Date.now();
      return;
    }
    const wasHiddenFor = hiddenAt === null ? 0 : Date.now() - hiddenAt;
    hiddenAt = null;
    if (wasHiddenFor > hiddenLockMs || Date.now() - lastActivityAt >= idleMs) {
      lockNow();
      // Down only once the locked screen has rendered in place of the case.
      setTimeout(hidePrivacyCurtain, 0);
    } else {
      hidePrivacyCurtain();
    }
  };

  timer = setTimeout(checkIdle, idleMs);
  for (const type of activityEvents) {
    window.addEventListener(type, noteActivity, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    clearTimeout(timer);
    for (const type of activityEvents) {
      window.removeEventListener(type, noteActivity, { capture: true });
    }
    document.removeEventListener('visibilitychange', onVisibilityChange);
    // Locked (or signed out) while hidden: the curtain stays until she is back, when the
    // screen behind it no longer holds a case.
    if (document.visibilityState === 'hidden') {
      document.addEventListener('visibilitychange', hidePrivacyCurtain, { once: true });
    } else {
      hidePrivacyCurtain();
    }
  };
}
