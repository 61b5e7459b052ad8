/**
 * One sync run: push everything waiting, then pull everything new.
 *
 * What must always hold:
 * - A mutation leaves the outbox only after the server answered it `applied` or
 *   `duplicate`; a run that stops anywhere (network gone, tab killed) loses nothing and
 *   the next run sends the rest again (the server ignores repeats by mutation id).
 * - A rejected mutation is kept and shown, and never blocks the ones behind it.
 * - Each pulled page is stored together with its cursor, so a pull resumes where it stopped.
 * - A cursor the server refuses (`invalid_cursor`: its database was restored or replaced)
 *   is dropped and the pull starts again from the beginning, once per run; merging what
 *   the tablet already has changes nothing, and the outbox keeps every row it holds.
 * - After such a refusal the server may have lost writes it had acknowledged: the inbox
 *   rechecks this tablet's own writes against the pull from the start and queues again
 *   those it lacks (src/data/restore-recheck.ts); they go up in the same run.
 * - A run stopped by a full tablet (the store's `storage_full`) stops as a SyncError of
 *   that code, so the screens can ask her to free space rather than blame the server.
 * - Once `signal` is aborted (the page stopped its sync: sign-out, lock, a wipe) the run
 *   sends no request and writes nothing more: it is checked before each request and each
 *   write, and cancels the request in flight. An answer it then never reads loses nothing:
 *   a push's mutations stay in the outbox and go again, a pull's page comes again.
 */
import {
  PROTOCOL_VERSION,
  maxMutationsPerPush,
  maxPullLimit,
  type PullResponse,
  type PushResponse,
} from '../domain/protocol.ts';
import { StoreError } from '../data/case-store.ts';
import type {
  RejectedMutation,
  SyncClock,
  SyncInbox,
  SyncOutbox,
} from '../data/sync-store-ports.ts';
import { SyncError, throwIfStopped, type SentPush, type SyncTransport } from './sync-ports.ts';

export interface SyncPorts {
  readonly deviceId: string;
  readonly outbox: SyncOutbox;
  readonly inbox: SyncInbox;
  readonly clock: SyncClock;
  readonly transport: SyncTransport;
}

export interface SyncReport {
  readonly pushed: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly pulledRecords: number;
  readonly pulledPages: number;
}

export interface SyncRunOptions {
  /** Pulls wait for an unlocked app (docs/design.md, "Sync"); the worker may only push. */
  readonly shouldPull: boolean;
  readonly pullPageSize?: number;
  /** Aborted when the page stops its sync: the run ends without another request or write. */
  readonly signal?: AbortSignal;
}

// A corrected clock gets one retry per run: if stamps are still refused, something else is
// wrong, and looping would only hammer the server.
const maxRestampsPerRun = 1;

export async function runSync(ports: SyncPorts, options: SyncRunOptions): Promise<SyncReport> {
  const { signal } = options;
  try {
    const pushed = await pushAll(ports, signal);
    if (!options.shouldPull) return { ...pushed, pulledRecords: 0, pulledPages: 0 };
    const pulled = await pullAll(ports, options.pullPageSize ?? maxPullLimit, signal);
    // What a recheck queued again (or she saved meanwhile) goes up now, not a run later;
    // with nothing waiting this is one read of the outbox and no request.
    const again = await pushAll(ports, signal);
    return {
      pushed: pushed.pushed + again.pushed,
      duplicates: pushed.duplicates + again.duplicates,
      rejected: pushed.rejected + again.rejected,
      ...pulled,
    };
  } catch (error) {
    // A refusal still tells the time (every server answer does): the next offline save
    // is stamped right even if she must sign in again first.
    if (error instanceof SyncError && error.serverTimeMs !== null && !signal?.aborted) {
      await ports.clock.adoptServerTime(error.serverTimeMs);
    }
    if (error instanceof StoreError && error.code === 'storage_full') {
      throw new SyncError('storage_full', 'the tablet has no space left', { cause: error });
    }
    throw error;
  }
}

function pushAll({ deviceId, outbox, clock, transport }: SyncPorts, signal?: AbortSignal) {
  return pushInRounds({
    readPending: (limit) => outbox.readPending(limit),
    send: (mutations) =>
      transport.push({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }, signal),
    outbox,
    clock,
    restampPending: () => outbox.restampPending(),
    ...(signal ? { signal } : {}),
  });
}

export interface PushRounds<T extends { readonly id: string }> {
  /** Oldest first, never rows marked rejected. */
  readPending(limit: number): Promise<T[]>;
  /** Sends the first of them, as many as fit, and answers exactly those. */
  send(pending: T[]): Promise<SentPush>;
  readonly outbox: Pick<SyncOutbox, 'acknowledge' | 'markRejected'>;
  readonly clock: SyncClock;
  /** Null where the mutations cannot be re-stamped (a locked tablet has no key to them). */
  readonly restampPending: (() => Promise<void>) | null;
  /** Checked before each request and each write to the outbox or the clock. */
  readonly signal?: AbortSignal;
}

export interface PushTotals {
  readonly pushed: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * Pushes until nothing is pending, handling each answer as every push must: applied and
 * duplicate leave the outbox, rejected rows stay explained, stamps too far ahead are
 * re-stamped once per run (or, without `restampPending`, wait for a run that can).
 * The session push (here) and the locked push (locked-push.ts) both run it.
 */
export async function pushInRounds<T extends { readonly id: string }>(
  rounds: PushRounds<T>,
): Promise<PushTotals> {
  const { outbox, clock, signal } = rounds;
  const totals = { pushed: 0, duplicates: 0, rejected: 0 };
  let restamps = 0;
  for (;;) {
    throwIfStopped(signal);
    const pending = await rounds.readPending(maxMutationsPerPush);
    if (pending.length === 0) return totals;
    throwIfStopped(signal);
    const { sentCount, response } = await rounds.send(pending);
    // Applied at the server or not, the mutations stay in the outbox: the next run sends
    // them again and the server knows them by id.
    throwIfStopped(signal);
    await clock.adoptServerTime(Date.parse(response.serverTime));
    // Nothing sent: asking again with the same batch would loop forever.
    if (sentCount < 1) {
      throw new SyncError('bad_response', 'the server answered none of the mutations sent');
    }
    // The transport may send only the first ones (a request's size is capped); the rest
    // stay pending and go in the next round.
    const sentIds = pending.slice(0, sentCount).map((mutation) => mutation.id);
    const outcome = sortOutcome(response, sentIds);
    throwIfStopped(signal);
    await outbox.acknowledge(outcome.acknowledged);
    await outbox.markRejected(outcome.rejected);
    totals.pushed += response.applied;
    totals.duplicates += response.duplicates.length;
    totals.rejected += outcome.rejected.length;
    if (outcome.tooFarAhead > 0) {
      if (rounds.restampPending === null || restamps >= maxRestampsPerRun) return totals;
      restamps += 1;
      throwIfStopped(signal);
      await rounds.restampPending();
    }
  }
}

/**
 * What the outbox does with a checked answer about `sentIds`: every id it lists neither
 * as duplicate nor rejected was applied, and both applied and duplicate leave the outbox.
 */
function sortOutcome(response: PushResponse, sentIds: readonly string[]) {
  const refused = new Set(response.rejected.map((result) => result.mutationId));
  const acknowledged = sentIds.filter((id) => !refused.has(id));
  const rejected: RejectedMutation[] = [];
  let tooFarAhead = 0;
  for (const { mutationId, code, reason } of response.rejected) {
    // Left pending: the outbox re-stamps it and the next batch carries it again.
    if (code === 'stamp_too_far_ahead') tooFarAhead += 1;
    else rejected.push({ mutationId, code, reason });
  }
  return { acknowledged, rejected, tooFarAhead };
}

// A server that refuses a pull from the start too is mid-restore; the next run tries again.
const maxPullRestartsPerRun = 1;

/**
 * Pulls page after page. The next page is asked for as soon as its cursor is known, while
 * this one still arrives, is checked and is stored: on a tablet, storing a page in
 * IndexedDB takes as long as fetching the next, and the server prepares the next page
 * while the tablet reads this one. The transport may tell the next cursor from the
 * answer's first bytes (a hint, unchecked): the page asked with it is used only if the
 * checked page names the same cursor, else it is cancelled and the checked cursor asked.
 * Only the asking runs ahead: pages are stored strictly in order, each with its own
 * cursor, so the stored cursor never names a page whose records are not stored. A page
 * asked ahead that fails is heard only after the page before it is stored, as if it had
 * been asked then; one left unread (the run failed or was stopped) is cancelled, and its
 * page comes again next run.
 */
async function pullAll(
  { inbox, clock, transport }: SyncPorts,
  limit: number,
  signal: AbortSignal | undefined,
) {
  throwIfStopped(signal);
  let cursor = await inbox.readCursor();
  let pulledRecords = 0;
  let pulledPages = 0;
  let restarts = 0;
  const ask = (from: string | null): AskedPage =>
    askForPage(from, signal, (pageSignal, onNextCursor) =>
      transport.pull(
        { protocolVersion: PROTOCOL_VERSION, cursor: from, limit },
        pageSignal,
        onNextCursor,
      ),
    );
  // Only for the page the run waits for: one page ahead of the one stored, never more.
  const askAhead = (page: AskedPage) => {
    const next = page.hint;
    // Never for a cursor that does not move: that page would be the last.
    if (page.ahead === null && next !== null && next !== page.from && !signal?.aborted) {
      page.ahead = ask(next);
    }
  };
  throwIfStopped(signal);
  let asked = ask(cursor);
  // The request not yet read, cancelled (with any asked ahead of it) if the run stops.
  let unread: AskedPage | null = asked;
  try {
    for (;;) {
      let page: PullResponse;
      throwIfStopped(signal);
      const waited = asked;
      // A hint that came while the page before was stored, or one that comes now.
      askAhead(waited);
      waited.onHint = () => askAhead(waited);
      try {
        page = await waited.answer;
      } catch (error) {
        const isRefusedCursor = error instanceof SyncError && error.code === 'invalid_cursor';
        if (!isRefusedCursor || cursor === null || restarts >= maxPullRestartsPerRun) throw error;
        asked.cancel();
        restarts += 1;
        throwIfStopped(signal);
        // The stored cursor stays until the first page from the start replaces it.
        await inbox.beginRecheck();
        cursor = null;
        throwIfStopped(signal);
        unread = asked = ask(cursor);
        continue;
      }
      // A page answered after she signed out is not hers to keep: it comes again next time.
      throwIfStopped(signal);
      // A server that says "more" without moving the cursor would loop forever.
      const isLast = !page.hasMore || page.cursor === cursor;
      const ahead = asked.ahead;
      if (isLast) {
        ahead?.cancel();
        unread = null;
      } else if (ahead?.from === page.cursor) {
        unread = asked = ahead;
      } else {
        ahead?.cancel();
        unread = asked = ask(page.cursor);
      }
      await clock.adoptServerTime(Date.parse(page.serverTime));
      throwIfStopped(signal);
      await inbox.storePage(page.records, page.cursor);
      pulledRecords += page.records.length;
      pulledPages += 1;
      if (isLast) {
        // Only once the log is read to its end: a record not in it yet may be in a later page.
        throwIfStopped(signal);
        if (!page.hasMore) await inbox.finishRecheck();
        return { pulledRecords, pulledPages };
      }
      cursor = page.cursor;
    }
  } finally {
    unread?.cancel();
  }
}

interface AskedPage {
  /** The cursor this page was asked with. */
  readonly from: string | null;
  /** Rejects as the pull would; nobody is told of it unless they await it. */
  readonly answer: Promise<PullResponse>;
  /** The next page's cursor as the transport read it from the answer's start, unchecked. */
  hint: string | null;
  /** Called when the hint comes, once the run waits for this page. */
  onHint: (() => void) | null;
  /** The next page, asked on the hint before this one was checked. */
  ahead: AskedPage | null;
  /** Cancels this request and any asked ahead of it. */
  cancel(): void;
}

/** One pull request under its own signal, which the run's signal also aborts. */
function askForPage(
  from: string | null,
  runSignal: AbortSignal | undefined,
  pull: (signal: AbortSignal, onNextCursor: (cursor: string) => void) => Promise<PullResponse>,
): AskedPage {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (runSignal?.aborted) abort();
  runSignal?.addEventListener('abort', abort);
  const asked: Omit<AskedPage, 'answer'> = {
    from,
    hint: null,
    onHint: null,
    ahead: null,
    cancel: () => {
      abort();
      asked.ahead?.cancel();
    },
  };
  const onNextCursor = (next: string) => {
    if (controller.signal.aborted || asked.hint !== null) return;
    asked.hint = next;
    asked.onHint?.();
  };
  const answer = pull(controller.signal, onNextCursor).finally(() =>
    runSignal?.removeEventListener('abort', abort),
  );
  // A read-ahead's failure waits for its turn; until then it is no unhandled rejection.
  answer.catch(() => undefined);
  // The same object: the hint, the page asked ahead and `cancel` all live on it.
  return Object.assign(asked, { answer });
}
