import { useEffect, useState } from 'preact/hooks';
import type { Tablet } from '../shell/open-stores.ts';

/** The server's demo flag: remembered on the tablet, asked again whenever it comes online. */
export function useServerIsDemo(tablet: Tablet | null, isOnline: boolean): boolean {
  const [isDemo, setDemo] = useState(false);
  useEffect(() => {
    if (!tablet) return;
    let isCurrent = true;
    const show = (answer: boolean | null) => {
      if (isCurrent && answer !== null) setDemo(answer);
    };
    // The remembered answer first, then the server's, so a stale one never wins.
    tablet
      .readServerIsDemo()
      .then(show)
      .then(() => (isOnline ? tablet.checkServerIsDemo().then(show) : undefined))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [tablet, isOnline]);
  return isDemo;
}
