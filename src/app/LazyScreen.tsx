import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../i18n/define-messages.ts';
import { appMessages } from '../i18n/messages.ts';
import { Banner } from '../ui/Banner.tsx';
import { Button } from '../ui/Button.tsx';

export type ScreenLoader<P> = () => Promise<ComponentType<P>>;

/**
 * A screen whose code loads when first opened, so the first screen starts small. The
 * service worker precaches every chunk, so this works offline too.
 */
export function LazyScreen<P extends object>({
  load,
  props,
}: {
  readonly load: ScreenLoader<P>;
  readonly props: P;
}) {
  const t = useMessages(appMessages);
  const [screen, setScreen] = useState<{ Component: ComponentType<P> } | null>(null);
  const [hasFailed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setFailed(false);
    load().then(
      (Component) => isCurrent && setScreen({ Component }),
      () => isCurrent && setFailed(true),
    );
    return () => {
      isCurrent = false;
    };
  }, [load, attempt]);
  if (hasFailed) {
    return (
      <Banner
        tone="danger"
        action={<Button onClick={() => setAttempt(attempt + 1)}>{t.retry}</Button>}
      >
        {t.loadFailed}
      </Banner>
    );
  }
  if (!screen) return <p class="loading">{t.loadingScreen}</p>;
  const { Component } = screen;
  return <Component {...props} />;
}
