import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  HybridClock,
  compareStamps,
  deviceOfStamp,
  formatStamp,
  isStampTooFarAhead,
  maxStamp,
  maxStampAheadMs,
  parseStamp,
} from './hlc.ts';
import { stampSchema } from './hlc-schema.ts';

const day = 24 * 60 * 60_000;
const start = Date.UTC(2026, 10, 29, 6, 0, 0);

/** A wall clock the test moves by hand. */
function manualTime(initial = start) {
  let now = initial;
  return { read: () => now, set: (ms: number) => (now = ms), advance: (ms: number) => (now += ms) };
}

describe('stamps', () => {
  it('round-trips through format and parse and names its device', () => {
    const stamp = formatStamp({ wallMs: start, counter: 7, deviceId: 'tab-01' });
    expect(parseStamp(stamp)).toEqual({ wallMs: start, counter: 7, deviceId: 'tab-01' });
    expect(deviceOfStamp(stamp)).toBe('tab-01');
    expect(stampSchema.safeParse(stamp).success).toBe(true);
  });

  it('orders as strings exactly as by (wall, counter, device)', () => {
    const parts = fc.record({
      wallMs: fc.integer({ min: 0, max: 36 ** 9 - 1 }),
      counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }),
      deviceId: fc.constantFrom(
        'a',
        'b',
        'tab-1',
        'tab-10',
        '0190f3a2-7c1e-7000-8000-000000000001',
      ),
    });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const byParts =
          a.wallMs - b.wallMs ||
          a.counter - b.counter ||
          (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
        expect(Math.sign(compareStamps(formatStamp(a), formatStamp(b)))).toBe(Math.sign(byParts));
      }),
    );
  });

  it('refuses malformed stamps and parts', () => {
    expect(() => parseStamp('yesterday')).toThrow(RangeError);
    expect(stampSchema.safeParse('2026-11-29').success).toBe(false);
    expect(() => formatStamp({ wallMs: -1, counter: 0, deviceId: 'a' })).toThrow(RangeError);
    expect(() => formatStamp({ wallMs: 0, counter: 36 ** 4, deviceId: 'a' })).toThrow(RangeError);
    expect(() => formatStamp({ wallMs: 0, counter: 0, deviceId: 'has space' })).toThrow(RangeError);
    expect(() => new HybridClock('')).toThrow(RangeError);
  });

  it('maxStamp treats null as nothing', () => {
    const a = formatStamp({ wallMs: 1, counter: 0, deviceId: 'a' });
    const b = formatStamp({ wallMs: 2, counter: 0, deviceId: 'a' });
    expect(maxStamp(null, a)).toBe(a);
    expect(maxStamp(b, null)).toBe(b);
    expect(maxStamp(a, b)).toBe(b);
    expect(maxStamp(null, null)).toBeNull();
  });

  it('finds stamps too far ahead of the server', () => {
    const ahead = formatStamp({ wallMs: start + maxStampAheadMs + 1, counter: 0, deviceId: 'a' });
    const near = formatStamp({ wallMs: start + maxStampAheadMs, counter: 0, deviceId: 'a' });
    expect(isStampTooFarAhead(ahead, start)).toBe(true);
    expect(isStampTooFarAhead(near, start)).toBe(false);
  });
});

describe('HybridClock', () => {
  it('stays monotonic when the wall clock jumps back by days', () => {
    const time = manualTime();
    const clock = new HybridClock('tab-a', time.read);
    const before = clock.now();
    time.set(start - 3 * day);
    const after = [clock.now(), clock.now()];
    expect(after[0]! > before).toBe(true);
    expect(after[1]! > after[0]!).toBe(true);
  });

  it('orders its stamps after stamps received from the future', () => {
    const time = manualTime();
    const clock = new HybridClock('tab-a', time.read);
    const future = formatStamp({ wallMs: start + 30 * day, counter: 5, deviceId: 'tab-b' });
    clock.observe(future);
    expect(clock.now() > future).toBe(true);
  });

  it('never issues a stamp at or below one issued or seen, for any clock history', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('now' as const) }),
      fc.record({
        kind: fc.constant('jump' as const),
        ms: fc.integer({ min: -40 * day, max: 40 * day }),
      }),
      fc.record({
        kind: fc.constant('observe' as const),
        ms: fc.integer({ min: -40 * day, max: 40 * day }),
        counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }),
      }),
      fc.record({
        kind: fc.constant('serverTime' as const),
        ms: fc.integer({ min: -400 * day, max: 400 * day }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const time = manualTime();
        const clock = new HybridClock('tab-a', time.read);
        let highest = '';
        for (const s of steps) {
          if (s.kind === 'now') {
            const stamp = clock.now();
            expect(stamp > highest).toBe(true);
            highest = stamp;
          } else if (s.kind === 'jump') {
            time.advance(s.ms);
          } else if (s.kind === 'observe') {
            const seen = formatStamp({
              wallMs: start + s.ms,
              counter: s.counter,
              deviceId: 'tab-b',
            });
            clock.observe(seen);
            if (seen > highest) highest = seen;
          } else {
            clock.adoptServerTime(start + s.ms);
          }
        }
      }),
    );
  });

  it('corrects a wrong tablet date with the server time offset', () => {
    const time = manualTime(Date.UTC(2019, 0, 1));
    const clock = new HybridClock('tab-a', time.read);
    clock.adoptServerTime(start);
    expect(parseStamp(clock.now()).wallMs).toBe(start);
    time.advance(1000);
    expect(parseStamp(clock.now()).wallMs).toBe(start + 1000);
    expect(clock.snapshot().offsetMs).toBe(start - Date.UTC(2019, 0, 1));
  });

  it('borrows the next millisecond when the counter runs out', () => {
    const time = manualTime();
    const clock = new HybridClock('tab-a', time.read, {
      last: formatStamp({ wallMs: start, counter: 36 ** 4 - 1, deviceId: 'tab-a' }),
      offsetMs: 0,
    });
    expect(parseStamp(clock.now())).toEqual({ wallMs: start + 1, counter: 0, deviceId: 'tab-a' });
  });

  it('resumes from a snapshot without going back', () => {
    const time = manualTime();
    const first = new HybridClock('tab-a', time.read);
    const issued = first.now();
    time.set(start - day);
    const resumed = new HybridClock('tab-a', time.read, first.snapshot());
    expect(resumed.now() > issued).toBe(true);
    expect(new HybridClock('tab-c', time.read).snapshot()).toEqual({ last: null, offsetMs: 0 });
  });

  it('rewinds after the server refused its future stamps', () => {
    const time = manualTime(start + 10 * day);
    const clock = new HybridClock('tab-a', time.read);
    const refused = clock.now();
    const accepted = formatStamp({ wallMs: start - 1000, counter: 0, deviceId: 'tab-b' });
    clock.adoptServerTime(start, start + 10 * day);
    clock.rewind(accepted);
    const restamped = clock.now();
    expect(restamped < refused).toBe(true);
    expect(restamped > accepted).toBe(true);
    expect(isStampTooFarAhead(restamped, start)).toBe(false);
    clock.rewind(null);
    expect(clock.snapshot().last).toBeNull();
  });
});
