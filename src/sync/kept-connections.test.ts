import { describe, expect, it } from 'vitest';
import { createKeptConnections, keptConnectionsPerServer } from './kept-connections.ts';

/** What the code under test fetched: it always passes a URL as text. */
const urlOf = (url: RequestInfo | URL): string =>
  typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;

/** A link whose first `dead` connections never answer (kept ones, handed out first). */
function linkWithDeadConnections(dead: number, answerMs = 5) {
  const signals: AbortSignal[] = [];
  let handedOut = 0;
  const fetchWith: typeof fetch = (url, init) => {
    if (init?.signal) signals.push(init.signal);
    expect(urlOf(url)).toBe('https://hq.example/api/health');
    expect(init?.cache).toBe('no-store');
    handedOut += 1;
    // Like a fetch that ignores the signal, a dead one never settles by itself.
    if (handedOut <= dead) return new Promise<Response>(() => undefined);
    return new Promise((resolve) =>
      setTimeout(() => resolve(new Response('{}', { status: 200 })), answerMs),
    );
  };
  return { fetchWith, signals, calls: () => handedOut };
}

describe('kept connections after a silent link', () => {
  const url = 'https://hq.example/api/sync/push';

  it('takes every kept connection, and aborts the dead ones soon after a live one answered', async () => {
    const connections = createKeptConnections(10_000);
    const link = linkWithDeadConnections(4);
    const started = Date.now();
    await connections.clearAfterSilence(url, link.fetchWith);
    // About a second after the first answer, not the whole 10 s.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(link.calls()).toBe(keptConnectionsPerServer);
    expect(link.signals.every((signal) => signal.aborted)).toBe(true);
    // The link answered: the next request goes straight out.
    await connections.clearIfStillSilent(url, link.fetchWith);
    expect(link.calls()).toBe(keptConnectionsPerServer);
  });

  it('gives up after its bound on a link still silent, and clears again before the next request', async () => {
    const connections = createKeptConnections(60);
    const silent = linkWithDeadConnections(Infinity);
    const started = Date.now();
    await connections.clearAfterSilence(url, silent.fetchWith);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(silent.signals.every((signal) => signal.aborted)).toBe(true);

    const back = linkWithDeadConnections(0);
    await connections.clearIfStillSilent(url, back.fetchWith);
    expect(back.calls()).toBe(keptConnectionsPerServer);
    await connections.clearIfStillSilent(url, back.fetchWith);
    expect(back.calls()).toBe(keptConnectionsPerServer);
  });

  it('sends nothing before a request while no request was given up, and keeps servers apart', async () => {
    const connections = createKeptConnections(60);
    await connections.clearAfterSilence(
      'https://other.example/api/sync/pull',
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const link = linkWithDeadConnections(0);
    await connections.clearIfStillSilent(url, link.fetchWith);
    expect(link.calls()).toBe(0);
  });

  it('sends the clearing requests to the same server as the sync request', async () => {
    const targets: string[] = [];
    const connections = createKeptConnections(60);
    await connections.clearAfterSilence('/api/sync/pull', (target) => {
      targets.push(urlOf(target));
      return Promise.resolve(new Response('{}'));
    });
    expect(targets).toEqual(Array<string>(keptConnectionsPerServer).fill('/api/health'));
  });
});
