import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hiddenLockMs } from './idle-watch.ts';
import { useIdleLock } from './use-idle-lock.ts';

function Watched({ idleMinutes, lock }: { idleMinutes: number | null; lock: () => void }) {
  useIdleLock(idleMinutes, lock);
  return <p>her case</p>;
}

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

const curtain = () => document.querySelector('.privacy-curtain');

beforeEach(() => {
  vi.useFakeTimers();
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});

afterEach(() => {
  cleanup();
  document.querySelector('.privacy-curtain')?.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('idle lock', () => {
  it('locks after the idle minutes with no touch or key, and only once', async () => {
    const lock = vi.fn();
    render(<Watched idleMinutes={5} lock={lock} />);
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(lock).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(lock).toHaveBeenCalledOnce();
  });

  it('counts the idle time again from her last touch or key', async () => {
    const lock = vi.fn();
    render(<Watched idleMinutes={2} lock={lock} />);
    await vi.dynamicImportSettled();
    await vi.advanceTimersByTimeAsync(90_000);
    fireEvent.pointerDown(document.body);
    await vi.advanceTimersByTimeAsync(90_000);
    fireEvent.keyDown(document.body, { key: '5' });
    await vi.advanceTimersByTimeAsync(119_000);
    expect(lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lock).toHaveBeenCalledOnce();
  });

  it('blanks the screen at once when the page is hidden, before any render', async () => {
    render(<Watched idleMinutes={5} lock={vi.fn()} />);
    await vi.dynamicImportSettled();
    setVisibility('hidden');
    expect(curtain()).not.toBeNull();
  });

  it('back within half a minute: the curtain goes and she carries on', async () => {
    const lock = vi.fn();
    render(<Watched idleMinutes={5} lock={lock} />);
    await vi.dynamicImportSettled();
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(hiddenLockMs - 1_000);
    setVisibility('visible');
    expect(lock).not.toHaveBeenCalled();
    expect(curtain()).toBeNull();
  });

  it('back after longer than half a minute: locks, even if no timer ran meanwhile', async () => {
    const lock = vi.fn();
    render(<Watched idleMinutes={5} lock={lock} />);
    await vi.dynamicImportSettled();
    setVisibility('hidden');
    // A hidden page's timers may be frozen: move the clock without running any.
    vi.setSystemTime(Date.now() + hiddenLockMs + 1_000);
    setVisibility('visible');
    expect(lock).toHaveBeenCalledOnce();
    expect(curtain()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(curtain()).toBeNull();
  });

  it('watches nothing while locked', async () => {
    const lock = vi.fn();
    render(<Watched idleMinutes={null} lock={lock} />);
    await vi.dynamicImportSettled();
    setVisibility('hidden');
    expect(curtain()).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(lock).not.toHaveBeenCalled();
  });

  it('locked while hidden: the curtain stays until she is back', async () => {
    const lock = vi.fn();
    const { rerender } = render(<Watched idleMinutes={1} lock={lock} />);
    await vi.dynamicImportSettled();
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lock).toHaveBeenCalledOnce();
    rerender(<Watched idleMinutes={null} lock={lock} />);
    expect(curtain()).not.toBeNull();
    setVisibility('visible');
    expect(curtain()).toBeNull();
  });
});
