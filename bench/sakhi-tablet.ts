/**
 * A Sakhi tablet for the sync benchmarks, minus IndexedDB: the real engine
 * (src/sync/sync-run.ts) and the real HTTP transport (src/sync/http-transport.ts — wire
 * columns, fitted batches, CompressionStream gzip, answers checked and decoded) over
 * Node's fetch (or the one given: the load bench's is bench/node-http-fetch.ts), with the
 * outbox and inbox in memory. What is timed is what a tablet does to sync, except its
 * IndexedDB reads and writes (the local-store bench measures those).
 * The actor comes from the test routes' seam header, so session checks are not timed.
 * Answers come brotli-compressed, as Chrome on HTTPS asks for them.
 */
import type { Mutation, PulledRecord } from '../src/domain/protocol.ts';
import { createHttpTransport } from '../src/sync/http-transport.ts';
import { runSync, type SyncReport } from '../src/sync/sync-run.ts';
import type { SyncActor } from '../server/services/sync-scope.ts';
import { actorHeaders } from '../tests/support/sync-server.ts';

export interface BenchTablet {
  /** Requests sent so far. */
  readonly requests: () => number;
  pushAll(mutations: readonly Mutation[]): Promise<SyncReport>;
  /**
   * Pulls what is new since this tablet's last pull (everything, on its first), keeping
   * its cursor as a real tablet stores it; `onPage` sees each decoded page.
   */
  pullAll(onPage?: (records: readonly PulledRecord[]) => void): Promise<SyncReport>;
}

/**
 * How a bench tablet shows who it is: by default the test routes' seam header; with
 * `session`, a real sign-in's token (and any headers, such as the address a proxy saw).
 * `onAnswer` hears each request's route, time and status.
 */
export interface BenchTabletOptions {
  readonly session?: { readonly token: string; readonly headers?: Record<string, string> };
  readonly onAnswer?: (route: string, ms: number, status: number) => void;
  /**
   * The fetch under the transport, instead of Node's. It must resolve only once the whole
   * answer has come (as bench/node-http-fetch.ts does): the answer is timed at its resolve.
   */
  readonly fetch?: typeof fetch;
}

export function benchTablet(
  baseUrl: string,
  actor: SyncActor,
  options: BenchTabletOptions = {},
): BenchTablet {
  let requests = 0;
  let cursor: string | null = null;
  const headers = options.session ? (options.session.headers ?? {}) : actorHeaders(actor);
  const token = options.session?.token ?? null;
  const transport = createHttpTransport({
    baseUrl,
    readToken: () => Promise.resolve(token),
    fetch: async (input, init) => {
      requests++;
      const started = performance.now();
      const response = await (options.fetch ?? fetch)(input, {
        ...init,
        // What Chrome asks for over HTTPS, as the tablets reach headquarters; Node's fetch
        // would otherwise ask for gzip only.
        headers: { ...(init?.headers as object), ...headers, 'accept-encoding': 'br, gzip' },
      });
      if (!options.onAnswer) return response;
      const route = new URL(String(input instanceof Request ? input.url : input)).pathname;
      if (options.fetch) {
        options.onAnswer(route, performance.now() - started, response.status);
        return response;
      }
      // Timed to the whole answer read, as the tablet waits for it.
      const body = await response.arrayBuffer();
      options.onAnswer(route, performance.now() - started, response.status);
      return new Response(body, { status: response.status, headers: response.headers });
    },
  });
  const ignoreTime = { adoptServerTime: () => Promise.resolve() };

  return {
    requests: () => requests,
    async pushAll(mutations) {
      const waiting = new Map(mutations.map((mutation) => [mutation.id, mutation]));
      const report = await runSync(
        {
          deviceId: actor.deviceId,
          transport,
          clock: ignoreTime,
          inbox: {
            readCursor: () => Promise.resolve(null),
            storePage: () => Promise.resolve(),
            // The bench keeps no records: after a restore it has nothing of its own to re-offer.
            beginRecheck: () => Promise.resolve(),
            finishRecheck: () => Promise.resolve(0),
          },
          outbox: {
            readPending: (limit) => Promise.resolve(take(waiting.values(), limit)),
            acknowledge: (ids) => Promise.resolve(ids.forEach((id) => waiting.delete(id))),
            markRejected: (refused) =>
              refused.length === 0
                ? Promise.resolve()
                : Promise.reject(new Error(`bench mutation refused: ${JSON.stringify(refused)}`)),
            restampPending: () => Promise.reject(new Error('a bench stamp was refused')),
          },
        },
        { shouldPull: false },
      );
      if (waiting.size > 0) throw new Error(`${waiting.size} bench mutations were not pushed`);
      return report;
    },
    async pullAll(onPage) {
      return runSync(
        {
          deviceId: actor.deviceId,
          transport,
          clock: ignoreTime,
          outbox: {
            readPending: () => Promise.resolve([]),
            acknowledge: () => Promise.resolve(),
            markRejected: () => Promise.resolve(),
            restampPending: () => Promise.resolve(),
          },
          inbox: {
            readCursor: () => Promise.resolve(cursor),
            storePage: (records, next) => {
              onPage?.(records);
              cursor = next;
              return Promise.resolve();
            },
            beginRecheck: () => Promise.resolve(),
            finishRecheck: () => Promise.resolve(0),
          },
        },
        { shouldPull: true },
      );
    },
  };
}

function take<T>(values: Iterable<T>, limit: number): T[] {
  const taken: T[] = [];
  for (const value of values) {
    if (taken.length >= limit) break;
    taken.push(value);
  }
  return taken;
}
