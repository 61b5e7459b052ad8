import { describe, expect, it } from 'vitest';
import { createWorkGate } from './work-gate.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('createWorkGate', () => {
  it('runs at most its limit at a time, the rest in arrival order', async () => {
    const gate = createWorkGate(2);
    const started: number[] = [];
    const pieces = [0, 1, 2, 3].map(() => deferred());
    const done = pieces.map((piece, i) =>
      gate.run(async () => {
        started.push(i);
        await piece.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.countRunning()).toBe(2);
    expect(gate.countWaiting()).toBe(2);
    pieces[1]!.resolve();
    await done[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.countRunning()).toBe(2);
    pieces[0]!.resolve();
    pieces[2]!.resolve();
    pieces[3]!.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect(gate.countRunning()).toBe(0);
    expect(gate.countWaiting()).toBe(0);
  });

  it('frees the slot of work that throws', async () => {
    const gate = createWorkGate(1);
    const failing = deferred();
    const first = gate.run(() => failing.promise);
    const second = gate.run(() => Promise.resolve('ran'));
    failing.reject(new Error('scrypt failed'));
    await expect(first).rejects.toThrow('scrypt failed');
    expect(await second).toBe('ran');
    expect(gate.countRunning()).toBe(0);
  });

  it('refuses a limit that would run nothing', () => {
    expect(() => createWorkGate(0)).toThrow(RangeError);
  });
});
