import { describe, expect, it } from 'vitest';
import { browserDeviceLock, inProcessDeviceLock } from './device-lock.ts';

describe('inProcessDeviceLock', () => {
  it('lets one holder of a name work at a time, in request order', async () => {
    const withLock = inProcessDeviceLock();
    const events: string[] = [];
    const hold = (label: string, ms: number) =>
      withLock('sync', async () => {
        events.push(`start ${label}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`end ${label}`);
        return label;
      });
    const results = await Promise.all([hold('a', 20), hold('b', 1), hold('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('releases the lock when a holder fails', async () => {
    const withLock = inProcessDeviceLock();
    await expect(withLock('sync', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withLock('sync', () => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('does not hold up other names', async () => {
    const withLock = inProcessDeviceLock();
    let release: () => void = () => undefined;
    const slow = withLock('sync', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(withLock('other', () => Promise.resolve('free'))).resolves.toBe('free');
    release();
    await slow;
  });
});

describe('browserDeviceLock', () => {
  it('uses navigator.locks when the platform has it', async () => {
    const requested: string[] = [];
    const original = Object.getOwnPropertyDescriptor(globalThis.navigator, 'locks');
    Object.defineProperty(globalThis.navigator, 'locks', {
      configurable: true,
      value: {
        request: (name: string, work: () => Promise<unknown>) => (requested.push(name), work()),
      },
    });
    try {
      await expect(browserDeviceLock()('sakhi-sync', () => Promise.resolve(7))).resolves.toBe(7);
      expect(requested).toEqual(['sakhi-sync']);
    } finally {
      if (original) Object.defineProperty(globalThis.navigator, 'locks', original);
      else Reflect.deleteProperty(globalThis.navigator, 'locks');
    }
  });
});
