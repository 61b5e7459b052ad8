import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fill } from '../../i18n/define-messages.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { centreSwitchMessages } from '../../i18n/messages-centre-switch.ts';
import { CentreSwitchPage } from './CentreSwitchPage.tsx';
import type { EraseAndSignInResult } from './use-centre-switch.ts';

function renderPage(options: {
  lang?: Lang;
  pending: readonly number[];
  erase?: () => Promise<EraseAndSignInResult>;
}) {
  const counts = [...options.pending];
  const countPendingChanges = vi.fn(() => Promise.resolve(counts.shift() ?? 0));
  const eraseAndSignIn = vi.fn(options.erase ?? (() => Promise.resolve('signed_in' as const)));
  const onCancel = vi.fn();
  render(
    <LangContext.Provider value={options.lang ?? 'hi'}>
      <CentreSwitchPage
        countPendingChanges={countPendingChanges}
        eraseAndSignIn={eraseAndSignIn}
        onCancel={onCancel}
      />
    </LangContext.Provider>,
  );
  return { eraseAndSignIn, onCancel };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('centre switch confirmation', () => {
  it.each(['hi', 'en'] as const)(
    'says what will be erased (%s) and erases only once she confirms',
    async (lang) => {
      const { eraseAndSignIn } = renderPage({ lang, pending: [0] });
      const erases = await screen.findByTestId('centre-switch-erases');
      expect(erases.textContent).toContain(centreSwitchMessages[lang].erasesCases);
      expect(erases.textContent).toContain(centreSwitchMessages[lang].erasesDrafts);
      expect(eraseAndSignIn).not.toHaveBeenCalled();
      fireEvent.click(screen.getByTestId('centre-switch-confirm'));
      await waitFor(() => expect(eraseAndSignIn).toHaveBeenCalledOnce());
    },
  );

  it.each(['hi', 'en'] as const)(
    'while changes wait to go up, explains the wait (%s) and offers nothing that erases',
    async (lang) => {
      const { eraseAndSignIn, onCancel } = renderPage({ lang, pending: [3] });
      expect((await screen.findByTestId('centre-switch-waiting')).textContent).toBe(
        fill(centreSwitchMessages[lang].waiting, { n: 3 }),
      );
      expect(screen.queryByTestId('centre-switch-confirm')).toBeNull();
      fireEvent.click(screen.getByTestId('centre-switch-back'));
      expect(onCancel).toHaveBeenCalledOnce();
      expect(eraseAndSignIn).not.toHaveBeenCalled();
    },
  );

  it('if a change was saved meanwhile, the erase refuses and the wait is explained', async () => {
    renderPage({ lang: 'en', pending: [0, 1], erase: () => Promise.resolve('changes_waiting') });
    fireEvent.click(await screen.findByTestId('centre-switch-confirm'));
    expect((await screen.findByTestId('centre-switch-waiting')).textContent).toBe(
      centreSwitchMessages.en.waitingOne,
    );
    expect(screen.queryByTestId('centre-switch-confirm')).toBeNull();
  });

  it('erases nothing when the changes waiting cannot be counted', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const countPendingChanges = () => Promise.reject(new Error('store closed'));
    render(
      <CentreSwitchPage
        countPendingChanges={countPendingChanges}
        eraseAndSignIn={() => Promise.resolve('signed_in')}
        onCancel={() => {}}
      />,
    );
    await screen.findByTestId('centre-switch-count-failed');
    expect(screen.queryByTestId('centre-switch-confirm')).toBeNull();
  });

  it('says when the erase or sign-in failed, and lets her try again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { eraseAndSignIn } = renderPage({
      lang: 'en',
      pending: [0],
      erase: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    fireEvent.click(await screen.findByTestId('centre-switch-confirm'));
    expect((await screen.findByTestId('centre-switch-failed')).textContent).toBe(
      centreSwitchMessages.en.failed,
    );
    fireEvent.click(screen.getByTestId('centre-switch-confirm'));
    await waitFor(() => expect(eraseAndSignIn).toHaveBeenCalledTimes(2));
  });
});
