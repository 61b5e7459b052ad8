import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LangContext } from '../../i18n/lang.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { TabletErasedPage } from './TabletErasedPage.tsx';

afterEach(cleanup);

describe('tablet erased notice', () => {
  it.each(['hi', 'en'] as const)(
    'says who removed the tablet, that its data is gone, and leads to sign-in (%s)',
    (lang) => {
      const onSignIn = vi.fn();
      render(
        <LangContext.Provider value={lang}>
          <TabletErasedPage unsent={0} onSignIn={onSignIn} />
        </LangContext.Provider>,
      );
      const page = screen.getByTestId('tablet-erased-page');
      expect(page.textContent).toContain(lockMessages[lang].erasedBody);
      expect(page.textContent).toContain(lockMessages[lang].erasedNext);
      fireEvent.click(screen.getByTestId('tablet-erased-sign-in'));
      expect(onSignIn).toHaveBeenCalledOnce();
    },
  );
});
