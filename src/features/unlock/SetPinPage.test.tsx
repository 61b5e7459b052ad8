import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fill } from '../../i18n/define-messages.ts';
import { LangContext, type Lang } from '../../i18n/lang.ts';
import { lockMessages } from '../../i18n/messages-lock.ts';
import { ChangePinPage } from './ChangePinPage.tsx';
import type { ChangePin, CheckPin, SetPin } from './lock-ports.ts';
import { SetPinPage } from './SetPinPage.tsx';

// A stand-in for the domain's policy: only what these screens must word.
const checkPin: CheckPin = (pin) =>
  pin.length < 6 ? 'too_short' : /^(\d)\1+$/.test(pin) ? 'all_same' : null;

function typePin(page: string, name: string, pin: string) {
  const input = screen.getByTestId(page).querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  fireEvent.input(input, { target: { value: pin } });
}

function valueOf(page: string, name: string): string {
  return screen.getByTestId(page).querySelector<HTMLInputElement>(`[name="${name}"]`)!.value;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('set PIN screen', () => {
  function renderSetPin(lang: Lang = 'hi', setPin: SetPin = () => Promise.resolve()) {
    const spy = vi.fn(setPin);
    render(
      <LangContext.Provider value={lang}>
        <SetPinPage checkPin={checkPin} setPin={spy} />
      </LangContext.Provider>,
    );
    return spy;
  }

  it.each(['hi', 'en'] as const)(
    "words the policy's refusal (%s) and keeps nothing",
    async (lang) => {
      const setPin = renderSetPin(lang);
      typePin('set-pin-page', 'new-pin', '111111');
      typePin('set-pin-page', 'repeat-pin', '111111');
      fireEvent.click(screen.getByTestId('set-pin-submit'));
      expect(await screen.findByText(lockMessages[lang].pinSameDigit)).toBeTruthy();
      expect(setPin).not.toHaveBeenCalled();
    },
  );

  it('refuses two different PINs and empties the second', async () => {
    const setPin = renderSetPin('en');
    typePin('set-pin-page', 'new-pin', '580214');
    typePin('set-pin-page', 'repeat-pin', '580241');
    fireEvent.click(screen.getByTestId('set-pin-submit'));
    expect(await screen.findByText(lockMessages.en.pinsDiffer)).toBeTruthy();
    expect(valueOf('set-pin-page', 'repeat-pin')).toBe('');
    expect(setPin).not.toHaveBeenCalled();
  });

  it('keeps an accepted PIN typed twice', async () => {
    const setPin = renderSetPin();
    typePin('set-pin-page', 'new-pin', '580214');
    typePin('set-pin-page', 'repeat-pin', '580214');
    fireEvent.click(screen.getByTestId('set-pin-submit'));
    await waitFor(() => expect(setPin).toHaveBeenCalledWith('580214'));
  });

  it('says when the PIN could not be kept, and lets her try again', async () => {
    renderSetPin('en', () => Promise.reject(new Error('quota')));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    typePin('set-pin-page', 'new-pin', '580214');
    typePin('set-pin-page', 'repeat-pin', '580214');
    fireEvent.click(screen.getByTestId('set-pin-submit'));
    expect((await screen.findByTestId('set-pin-failed')).textContent).toBe(
      lockMessages.en.setPinFailed,
    );
    expect(screen.getByTestId<HTMLButtonElement>('set-pin-submit').disabled).toBe(false);
  });
});

describe('change PIN screen', () => {
  function renderChangePin(lang: Lang, changePin: ChangePin) {
    const spy = vi.fn(changePin);
    const onLockedOut = vi.fn();
    render(
      <LangContext.Provider value={lang}>
        <ChangePinPage checkPin={checkPin} changePin={spy} onLockedOut={onLockedOut} />
      </LangContext.Provider>,
    );
    typePin('change-pin-page', 'old-pin', '580214');
    typePin('change-pin-page', 'new-pin', '730195');
    typePin('change-pin-page', 'repeat-pin', '730195');
    fireEvent.click(screen.getByTestId('change-pin-submit'));
    return { changePin: spy, onLockedOut };
  }

  it.each(['hi', 'en'] as const)('changes the PIN and says so (%s)', async (lang) => {
    const { changePin } = renderChangePin(lang, () => Promise.resolve({ outcome: 'unlocked' }));
    expect((await screen.findByTestId('change-pin-done')).textContent).toBe(
      lockMessages[lang].pinChanged,
    );
    expect(changePin).toHaveBeenCalledWith('580214', '730195');
    expect(valueOf('change-pin-page', 'old-pin')).toBe('');
    expect(valueOf('change-pin-page', 'new-pin')).toBe('');
  });

  it('a wrong current PIN says the tries left and keeps the new PIN typed', async () => {
    renderChangePin('en', () => Promise.resolve({ outcome: 'wrong_pin', attemptsLeft: 4 }));
    expect((await screen.findByTestId('change-pin-error')).textContent).toBe(
      fill(lockMessages.en.oldPinWrong, { n: 4 }),
    );
    expect(valueOf('change-pin-page', 'old-pin')).toBe('');
    expect(valueOf('change-pin-page', 'new-pin')).toBe('730195');
  });

  it('a lockout hands over to the app, which locks', async () => {
    const { onLockedOut } = renderChangePin('hi', () => Promise.resolve({ outcome: 'locked_out' }));
    await waitFor(() => expect(onLockedOut).toHaveBeenCalledOnce());
  });
});
