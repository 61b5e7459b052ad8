import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Whether the browser says it is online, kept up to date by its `online` and `offline`
 * events. The listeners are added in a layout effect, in the same task as the first
 * render: a plain effect waits for the next frame, and a page in the background (or
 * under a test's paused clock) could miss the network coming back meanwhile and keep
 * saying "offline" until the next change. The state is read again once they are added,
 * so a change between the first render and then is not missed either.
 */
export function useOnline(): boolean {
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  useLayoutEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return isOnline;
}
