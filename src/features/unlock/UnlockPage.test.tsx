import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fill } from '../../i18n/define-messages.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import type { EnrolledStaff, Unlock, UnlockResult } from './lock-ports.ts';
import { UnlockPage } from './UnlockPage.tsx';

const asha: EnrolledStaff = { userId: 'u-asha', displayName: 'आशा वर्मा' };
const rekha: EnrolledStaff = { userId: 'u-rekha', displayName: 'Rekha Singh' };

function renderPage(
  options: {
    lang?: Lang;
    enrolled?: readonly EnrolledStaff[];
    answers?: readonly UnlockResult[];
  } = {},
) {
  const answers = [...(options.answers ?? [{ outcome: 'unlocked' }])];
  const unlock = vi.fn<Unlock>(() => Promise.resolve(answers.shift() ?? { outcome: 'unlocked' }));
  const onSignInAsOther = vi.fn();
  render(
    <LangContext.Provider value={options.lang ?? 'hi'}>
      <UnlockPage
        enrolled={options.enrolled ?? [asha]}
        unlock={unlock}
        onSignInAsOther={onSignInAsOther}
      />
    </LangContext.Provider>,
  );
  return { unlock, onSignInAsOther };
}

function pinInput(): HTMLInputElement {
  return screen.getByTestId('unlock-page').querySelector<HTMLInputElement>('[name="pin"]')!;
}

function pressDigits(digits: string) {
  for (const digit of digits) fireEvent.click(screen.getByTestId(`pin-key-${digit}`));
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('unlock screen', () => {
  it('keeps the PIN out of the browser’s memory and asks for the numeric keyboard', () => {
    renderPage();
    const input = pinInput();
    expect(input.type).toBe('password');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('off');
  });

  it('unlocks with the PIN typed on the pad, for the only person enrolled', async () => {
    const { unlock } = renderPage();
    pressDigits('580213');
    fireEvent.click(screen.getByTestId('pin-key-⌫'));
    pressDigits('4');
    expect(pinInput().value).toBe('580214');
    fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(unlock).toHaveBeenCalledWith('u-asha', '580214'));
  });

  it('takes digits from the device keyboard and drops anything else', async () => {
    const { unlock } = renderPage();
    fireEvent.input(pinInput(), { target: { value: '58a02 14' } });
    expect(pinInput().value).toBe('580214');
    fireEvent.submit(pinInput().closest('form')!);
    await waitFor(() => expect(unlock).toHaveBeenCalledWith('u-asha', '580214'));
  });

  it('asks who she is when more than one person has a PIN here, and names only', async () => {
    const { unlock } = renderPage({ enrolled: [asha, rekha] });
    expect(screen.queryByTestId('unlock-submit')).toBeNull();
    fireEvent.click(screen.getByTestId('unlock-staff-u-rekha'));
    pressDigits('580214');
    fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(unlock).toHaveBeenCalledWith('u-rekha', '580214'));
  });

  it.each(['hi', 'en'] as const)(
    'after a wrong PIN says how many tries are left (%s) and empties the PIN',
    async (lang) => {
      renderPage({ lang, answers: [{ outcome: 'wrong_pin', attemptsLeft: 7 }] });
      pressDigits('111222');
      fireEvent.click(screen.getByTestId('unlock-submit'));
      expect((await screen.findByTestId('unlock-error')).textContent).toBe(
        fill(lockMessages[lang].wrongPin, { n: 7 }),
      );
      expect(pinInput().value).toBe('');
    },
  );

  it.each(['hi', 'en'] as const)(
    'after the tenth wrong PIN sends her to the online sign-in (%s), and takes no more PINs',
    async (lang) => {
      const { unlock, onSignInAsOther } = renderPage({
        lang,
        answers: [{ outcome: 'locked_out' }],
      });
      pressDigits('111222');
      fireEvent.click(screen.getByTestId('unlock-submit'));
      expect((await screen.findByTestId('unlock-error')).textContent).toBe(
        lockMessages[lang].lockedOut,
      );
      expect(screen.queryByTestId('unlock-submit')).toBeNull();
      fireEvent.click(screen.getByTestId('unlock-sign-in-other'));
      expect(onSignInAsOther).toHaveBeenCalledOnce();
      expect(unlock).toHaveBeenCalledOnce();
    },
  );

  it('offline, sign-in as someone else waits for the internet and says so', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { onSignInAsOther } = renderPage({ lang: 'en' });
    const other = screen.getByTestId<HTMLButtonElement>('unlock-sign-in-other');
    expect(other.disabled).toBe(true);
    fireEvent.click(other);
    expect(onSignInAsOther).not.toHaveBeenCalled();
    expect(screen.getByTestId('unlock-page').textContent).toContain(
      lockMessages.en.signInNeedsInternet,
    );
  });
});
