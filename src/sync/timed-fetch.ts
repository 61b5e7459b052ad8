/**
 * One POST whose every wait is bounded (request-deadline.ts): until the answer's headers,
 * between two pieces of its body, and for the whole body when its length is known. When a
 * bound passes the request is aborted and the caller hears `offline`, which the scheduler
 * retries with back-off, exactly as for a refused connection. A request given up for
 * silence first closes the connections the browser kept from before the silence
 * (kept-connections.ts), so no retry waits out a dead one.
 */
import {
  msForAnswerBody,
  msUntilAnswer,
  readContentLength,
  type RequestDeadlines,
} from './request-deadline.ts';
import { browserKeptConnections, type KeptConnections } from './kept-connections.ts';
import { SyncError, throwIfStopped } from './sync-ports.ts';

export interface TimedPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer> | ArrayBuffer;
  readonly deadlines: RequestDeadlines;
  readonly fetch?: typeof fetch;
  /** This context's kept connections; tests give their own. */
  readonly keptConnections?: KeptConnections;
  /** Aborted when whoever asked no longer wants the answer (sync stopped at sign-out). */
  readonly signal?: AbortSignal;
  /**
   * Sees the first `answerHeadBytes` of a successful answer's body as soon as they have
   * come, before the rest: over a slow link the rest may take seconds.
   */
  readonly onAnswerHead?: (head: Uint8Array) => void;
}

/** Enough for what an answer says first (a pull page's time, cursor and `hasMore`). */
export const answerHeadBytes = 512;

export interface TimedAnswer {
  readonly response: Response;
  /** The answer's body as JSON, or null when it is not JSON. */
  readonly json: unknown;
}

export async function postWithinDeadlines(post: TimedPost): Promise<TimedAnswer> {
  const fetchWith = post.fetch ?? fetch;
  const keptConnections = post.keptConnections ?? browserKeptConnections;
  await keptConnections.clearIfStillSilent(post.url, fetchWith);
  throwIfStopped(post.signal);
  const controller = new AbortController();
  const sentBytes = post.body.byteLength;
  const watch = watchDeadline(controller, msUntilAnswer(post.deadlines, sentBytes));
  const stop = () => controller.abort();
  post.signal?.addEventListener('abort', stop);
  try {
    const response = await watch.race(
      fetchWith(post.url, {
        method: 'POST',
        headers: post.headers,
        body: post.body,
        signal: controller.signal,
      }),
    );
    const length = readContentLength(response.headers.get('content-length'));
    watch.restart(msForAnswerBody(post.deadlines, length));
    const onHead = response.ok ? post.onAnswerHead : undefined;
    const bytes = await readBody(response, watch, post.deadlines.stallMs, onHead);
    return { response, json: parseJson(bytes) };
  } catch (cause) {
    // Stopped, not offline: no retry is due and the link is not to blame.
    throwIfStopped(post.signal);
    if (watch.hasPassed) await keptConnections.clearAfterSilence(post.url, fetchWith);
    const message = watch.hasPassed
      ? `no answer from ${post.url} in time; trying again later`
      : 'the server could not be reached';
    throw new SyncError('offline', message, { cause });
  } finally {
    post.signal?.removeEventListener('abort', stop);
    watch.stop();
  }
}

interface DeadlineWatch {
  readonly hasPassed: boolean;
  /** Settles with `work`, or rejects once the deadline (or a stall) passes. */
  race<T>(work: Promise<T>, stallMs?: number): Promise<T>;
  /** A new overall bound from now; null for none (the stall bound still holds). */
  restart(ms: number | null): void;
  stop(): void;
}

function watchDeadline(controller: AbortController, firstMs: number): DeadlineWatch {
  let hasPassed = false;
  let overall: ReturnType<typeof setTimeout> | null = null;
  const expire = () => {
    hasPassed = true;
    controller.abort();
  };
  const restart = (ms: number | null) => {
    if (overall !== null) clearTimeout(overall);
    overall = ms === null ? null : setTimeout(expire, ms);
  };
  restart(firstMs);
  // Rejects every pending race the moment the request is given up, even where the
  // platform's fetch ignores the signal.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error('deadline passed')));
  });
  aborted.catch(() => undefined);
  return {
    get hasPassed() {
      return hasPassed;
    },
    race: async <T>(work: Promise<T>, stallMs?: number) => {
      const stall = stallMs === undefined ? null : setTimeout(expire, stallMs);
      try {
        return await Promise.race([work, aborted]);
      } finally {
        if (stall !== null) clearTimeout(stall);
      }
    },
    restart,
    stop: () => restart(null),
  };
}

async function readBody(
  response: Response,
  watch: DeadlineWatch,
  stallMs: number,
  onHead: ((head: Uint8Array) => void) | undefined,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await watch.race(response.arrayBuffer(), stallMs));
  const reader = response.body.getReader();
  const pieces: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const piece = await watch.race(reader.read(), stallMs);
      if (piece.done) break;
      pieces.push(piece.value);
      const before = received;
      received += piece.value.length;
      if (onHead && before < answerHeadBytes && received >= answerHeadBytes) {
        onHead(pieces.length === 1 ? piece.value : joinPieces(pieces));
      }
    }
  } catch (cause) {
    void reader.cancel().catch(() => undefined);
    throw cause;
  }
  return joinPieces(pieces);
}

function joinPieces(pieces: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}
