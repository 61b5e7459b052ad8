// The frame every screen of the app sits in: her language for everything inside, the
// skip link first (keyboard and screen-reader users jump past the header), the header,
// any banners, then the one main landmark the skip link targets.
//
// What must stay true: the first visit (FirstVisit.tsx) renders this before the store has
// loaded, so this file imports only what that first screen already needs.
import type { ComponentChildren } from 'preact';
import { LangContext, type Lang } from '../i18n/lang.ts';
import { Header, type HeaderProps } from './Header.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';

/** What the header shows of the person using the tablet and her changes. */
export type HeaderSession = Omit<HeaderProps, 'route' | 'isOnline' | 'isDemo' | 'onSwitchLanguage'>;

/** Before anyone has signed in: no name, no changes waiting, nothing to sign out of. */
const NOBODY_SIGNED_IN: HeaderSession = {
  pendingChanges: null,
  sync: null,
  staffName: null,
  onSignOut: null,
};

export interface AppFrameProps {
  readonly lang: Lang;
  readonly onSwitchLanguage: () => void;
  readonly route: HeaderProps['route'];
  readonly isOnline: boolean;
  readonly isDemo: boolean;
  /** Nobody signed in without it. */
  readonly session?: HeaderSession;
  /** Shown between the header and the screen, in this order. */
  readonly banners?: ComponentChildren;
  /** She typed somewhere on the screen: the first visit then keeps the link for her sign-in. */
  readonly onInput?: () => void;
  readonly children: ComponentChildren;
}

export function AppFrame({
  lang,
  onSwitchLanguage,
  route,
  isOnline,
  isDemo,
  session = NOBODY_SIGNED_IN,
  banners,
  onInput,
  children,
}: AppFrameProps) {
  return (
    <LangContext.Provider value={lang}>
      <div class="app" lang={lang}>
        <SkipLink />
        <Header
          route={route}
          isOnline={isOnline}
          isDemo={isDemo}
          onSwitchLanguage={onSwitchLanguage}
          {...session}
        />
        {banners}
        <main class="app-main" id={MAIN_ID} tabIndex={-1} onInput={onInput}>
          {children}
        </main>
      </div>
    </LangContext.Provider>
  );
}
