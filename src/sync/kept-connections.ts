/**
 * The connections the browser keeps open to the server, after a link went silent.
 *
 * Why: the browser keeps up to six connections to a server open after their answers (HTTP
 * keep-alive) and gives each new request one of them before it opens a new one. When the
 * link goes silent (the tower drops the tablet; nobody resets anything) every connection
 * open at that moment is dead for good, but looks alive: the server's close, if it sent
 * one, never arrived. Once the link is back, each retry would be handed one of those dead
 * connections and wait out its whole deadline (~20 s) — six of them, minutes — although a
 * new connection would answer at once.
 *
 * What must stay true: once a request was given up for silence, no sync request from any
 * context (page or service worker: they share the browser's connections) goes out on a
 * connection kept from before. So at once, before the failed run lets go of the device
 * lock, six small requests (`GET /api/health`, which needs no session) go out together:
 * between them they are handed every kept connection, and any left over open new ones.
 * Those with no answer within `clearingMs` are aborted, and an aborted request's
 * connection is closed, so the dead ones are gone before the next runner starts. If none
 * answered (the link is still silent), this context clears again before its next request.
 * (A request that fails at once, a reset or a refusal, needs none of this: the browser
 * drops that connection itself and retries on a new one.)
 */

/** Browsers keep at most six HTTP/1.1 connections to one server: six requests take them all. */
export const keptConnectionsPerServer = 6;

/**
 * How long the clearing requests may take. A dead connection never answers, and it is
 * handed out at once, so the bound is only for a live link to answer one: a new connection
 * over 2G answers a small GET in a few round trips. Aborting a slow live one costs only a
 * new connection later; a silent link holds the failed run this long, once.
 */
export const defaultClearingMs = 4_000;

export interface KeptConnections {
  /** A request to `url` got no answer in time: closes its server's kept connections now. */
  clearAfterSilence(url: string, fetchWith: typeof fetch): Promise<void>;
  /** Before a request to `url`: clears again if the last clearing found the link still silent. */
  clearIfStillSilent(url: string, fetchWith: typeof fetch): Promise<void>;
}

export function createKeptConnections(clearingMs = defaultClearingMs): KeptConnections {
  const silentServers = new Set<string>();
  const clear = async (server: string, fetchWith: typeof fetch) => {
    const isAnswered = await clearKeptConnections(server, fetchWith, clearingMs);
    if (isAnswered) silentServers.delete(server);
    else silentServers.add(server);
  };
  return {
    clearAfterSilence: (url, fetchWith) => clear(serverOf(url), fetchWith),
    async clearIfStillSilent(url, fetchWith) {
      const server = serverOf(url);
      if (silentServers.has(server)) await clear(server, fetchWith);
    },
  };
}

/**
 * Six requests at once; done when all have answered, when `clearingMs` has passed, or soon
 * after the first answer (the link works: the rest are on dead connections, or slow).
 * Then every one still waiting is aborted. True when one answered.
 */
async function clearKeptConnections(
  server: string,
  fetchWith: typeof fetch,
  clearingMs: number,
): Promise<boolean> {
  const controller = new AbortController();
  const startedAt = Date.now();
  let timer = setTimeout(() => controller.abort(), clearingMs);
  const onAnswer = () => {
    // The others started together: a live one needs about as long as the first did.
    const graceMs = Math.max(1_000, Date.now() - startedAt);
    const abortAt = Math.min(startedAt + clearingMs, Date.now() + graceMs);
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), abortAt - Date.now());
  };
  let isAnswered = false;
  const probes = Array.from({ length: keptConnectionsPerServer }, async () => {
    try {
      const response = await fetchWith(`${server}/api/health`, {
        cache: 'no-store',
        signal: controller.signal,
      });
      // Read to the end, so a live connection goes back to the pool clean.
      await response.arrayBuffer();
      if (!isAnswered) {
        isAnswered = true;
        onAnswer();
      }
    } catch {
      // Aborted, or no network: either way that connection is not kept.
    }
  });
  // Settles when aborted even where the platform's fetch ignores the signal.
  const aborted = new Promise<void>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve()),
  );
  try {
    await Promise.race([Promise.all(probes), aborted]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return isAnswered;
}

/** The part of a sync URL before `/api/`: the origin, or '' for the page's (or worker's) own. */
function serverOf(url: string): string {
  const at = url.indexOf('/api/');
  return at < 0 ? url : url.slice(0, at);
}

/** This context's connections (page or service worker): every sync request shares them. */
export const browserKeptConnections: KeptConnections = createKeptConnections();
