import { describe, expect, it } from 'vitest';
import { applyMutation, checkMutation } from '../domain/apply-mutation.ts';
import { formatStamp } from '../domain/hlc.ts';
import { mergeFields, type FieldMap } from '../domain/merge.ts';
import type {
  Mutation,
  PulledRecord,
  PullRequest,
  PushRequest,
  RejectedResult,
} from '../domain/protocol.ts';
import { StoreError } from '../data/case-store.ts';
import type { RejectedMutation } from '../data/sync-store-ports.ts';
import type { SyncPorts } from './sync-run.ts';
import { runSync } from './sync-run.ts';
import { SyncError, syncStopped } from './sync-ports.ts';

const centreId = '0190f3a2-7c1e-7000-8000-00000000c001';
const now = Date.UTC(2026, 10, 29, 6, 0, 0);
const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * Headquarters in miniature: the domain's own applyMutation and checkMutation, mutation
 * ids remembered, a change log with sequence numbers. Enough to exercise the engine's
 * bookkeeping; the real server is tested against the real engine in tests/.
 */
class TestHeadquarters {
  records = new Map<
    string,
    { recordType: Mutation['recordType']; caseId: string; fields: FieldMap }
  >();
  seen = new Set<string>();
  log: string[] = [];
  failNextPushes = 0;
  loseNextAnswers = 0;
  failPullAfterPages = Infinity;
  pushes: PushRequest[] = [];

  push(request: PushRequest) {
    this.pushes.push(request);
    if (this.failNextPushes-- > 0) throw new SyncError('offline', 'network down');
    const duplicates: string[] = [];
    const rejected: RejectedResult[] = [];
    for (const mutation of request.mutations) {
      if (this.seen.has(mutation.id)) {
        duplicates.push(mutation.id);
        continue;
      }
      const problem = checkMutation(
        mutation,
        now,
        this.records.get(mutation.recordId)?.recordType ?? null,
      );
      if (problem) {
        rejected.push({
          mutationId: mutation.id,
          status: 'rejected',
          code: problem.code,
          reason: { hi: 'अस्वीकृत', en: 'Rejected' },
        });
        continue;
      }
      const stored = this.records.get(mutation.recordId);
      const { fields } = applyMutation(stored?.fields ?? {}, mutation.fields);
      this.records.set(mutation.recordId, {
        recordType: mutation.recordType,
        caseId: mutation.caseId,
        fields,
      });
      this.seen.add(mutation.id);
      this.log.push(mutation.recordId);
    }
    if (this.loseNextAnswers-- > 0) throw new SyncError('offline', 'answer lost on the way back');
    const sentCount = request.mutations.length;
    const applied = sentCount - duplicates.length - rejected.length;
    const response = { serverTime: new Date(now).toISOString(), applied, duplicates, rejected };
    return { sentCount, response };
  }

  pull(request: PullRequest) {
    const from = request.cursor === null ? 0 : Number(request.cursor);
    if (from / request.limit >= this.failPullAfterPages)
      throw new SyncError('offline', 'network down');
    const ids = this.log.slice(from, from + request.limit);
    const records: PulledRecord[] = ids.map((id) => {
      const record = this.records.get(id)!;
      return {
        recordType: record.recordType,
        id,
        caseId: record.caseId,
        centreId,
        fields: record.fields,
      };
    });
    const next = from + ids.length;
    return {
      serverTime: new Date(now).toISOString(),
      records,
      cursor: String(next),
      hasMore: next < this.log.length,
    };
  }
}

/** The tablet's side, in memory: an outbox in save order, a merged record store and a cursor. */
function tablet(hq: TestHeadquarters, deviceId = 'tab-a') {
  const outbox: { seq: number; mutation: Mutation; rejected?: RejectedMutation }[] = [];
  const store = new Map<string, FieldMap>();
  const state = {
    cursor: null as string | null,
    serverTimeMs: null as number | null,
    restamps: 0,
    /** The recheck calls, in order; `finish` queues `reofferOnFinish` (the real one: restore-recheck.ts). */
    rechecks: [] as ('begin' | 'finish')[],
    reofferOnFinish: [] as Mutation[],
  };
  let seq = 0;
  let wall = now;
  const save = (recordId: string, value: string, offsetMs = 0) => {
    const stamp = formatStamp({ wallMs: (wall += 1) + offsetMs, counter: 0, deviceId });
    const mutation: Mutation = {
      id: uuid(10_000 + seq),
      recordType: 'note',
      recordId,
      caseId: uuid(1),
      fields: { text: { value, stamp, base: store.get(recordId)?.text?.stamp ?? null } },
    };
    store.set(recordId, mergeFields(store.get(recordId) ?? {}, mutation.fields));
    outbox.push({ seq: seq++, mutation });
  };
  const ports: SyncPorts = {
    deviceId,
    outbox: {
      readPending: async (limit) =>
        outbox
          .filter((entry) => !entry.rejected)
          .slice(0, limit)
          .map((entry) => entry.mutation),
      acknowledge: async (ids) => {
        for (const id of ids)
          outbox.splice(
            outbox.findIndex((entry) => entry.mutation.id === id),
            1,
          );
      },
      markRejected: async (rejections) => {
        for (const rejection of rejections) {
          const entry = outbox.find((candidate) => candidate.mutation.id === rejection.mutationId)!;
          entry.rejected = rejection;
        }
      },
      restampPending: async () => {
        state.restamps += 1;
        for (const entry of outbox) {
          for (const field of Object.values(entry.mutation.fields)) {
            (field as { stamp: string }).stamp = formatStamp({
              wallMs: (wall = now + 1),
              counter: state.restamps,
              deviceId,
            });
          }
        }
      },
    },
    inbox: {
      readCursor: async () => state.cursor,
      storePage: async (records, cursor) => {
        for (const record of records)
          store.set(record.id, mergeFields(store.get(record.id) ?? {}, record.fields));
        state.cursor = cursor;
      },
      beginRecheck: async () => void state.rechecks.push('begin'),
      finishRecheck: async () => {
        state.rechecks.push('finish');
        const queued = state.reofferOnFinish.splice(0);
        for (const mutation of queued) outbox.push({ seq: seq++, mutation });
        return queued.length;
      },
    },
    clock: { adoptServerTime: async (ms) => void (state.serverTimeMs = ms) },
    transport: {
      push: async (request) => hq.push(request),
      pull: async (request) => hq.pull(request),
    },
  };
  return { ports, outbox, store, state, save };
}

/** Headquarters holding `count` notes, pushed by another tablet of the centre (`tab-b`). */
async function headquartersWithNotes(count: number): Promise<TestHeadquarters> {
  const hq = new TestHeadquarters();
  const writer = tablet(hq, 'tab-b');
  for (let i = 0; i < count; i++) writer.save(uuid(i + 100), `नोट ${i}`);
  await runSync(writer.ports, { shouldPull: false });
  return hq;
}

describe('runSync', () => {
  it('pushes everything in batches of at most 500 and empties the outbox', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    for (let i = 0; i < 1_203; i++) tab.save(uuid(i + 100), `नोट ${i}`);
    const report = await runSync(tab.ports, { shouldPull: false });
    expect(report).toMatchObject({ pushed: 1_203, duplicates: 0, rejected: 0 });
    expect(hq.pushes.map((push) => push.mutations.length)).toEqual([500, 500, 203]);
    expect(tab.outbox).toEqual([]);
    expect(tab.state.serverTimeMs).toBe(now);
  });

  it('loses nothing when the network drops mid-run, and the next run sends the rest', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    for (let i = 0; i < 700; i++) tab.save(uuid(i + 100), `नोट ${i}`);
    // The first batch goes through; the second meets a dead network.
    const original = hq.push.bind(hq);
    let calls = 0;
    hq.push = (request) => {
      calls += 1;
      if (calls === 2) throw new SyncError('offline', 'network down');
      return original(request);
    };
    const firstRun = runSync(tab.ports, { shouldPull: false });
    await expect(firstRun).rejects.toMatchObject({ code: 'offline' });
    expect(tab.outbox).toHaveLength(200);
    hq.push = original;
    await runSync(tab.ports, { shouldPull: false });
    expect(tab.outbox).toEqual([]);
    expect(hq.records.size).toBe(700);
  });

  it('keeps mutations whose answer was lost, and the server answers them as duplicates', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    tab.save(uuid(100), 'पहला');
    tab.save(uuid(101), 'दूसरा');
    hq.loseNextAnswers = 1;
    await expect(runSync(tab.ports, { shouldPull: false })).rejects.toBeInstanceOf(SyncError);
    expect(tab.outbox).toHaveLength(2);
    const report = await runSync(tab.ports, { shouldPull: false });
    expect(report).toMatchObject({ pushed: 0, duplicates: 2 });
    expect(tab.outbox).toEqual([]);
  });

  it('keeps a rejected mutation aside without blocking the ones behind it', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    tab.save(uuid(100), 'ठीक');
    tab.outbox.push({
      seq: 99,
      mutation: {
        id: uuid(20_000),
        recordType: 'note',
        recordId: uuid(101),
        caseId: uuid(1),
        fields: {
          text: {
            value: 42,
            stamp: formatStamp({ wallMs: now, counter: 0, deviceId: 'tab-a' }),
            base: null,
          },
        },
      },
    });
    tab.save(uuid(102), 'यह भी ठीक');
    const report = await runSync(tab.ports, { shouldPull: false });
    expect(report).toMatchObject({ pushed: 2, rejected: 1 });
    expect(tab.outbox).toHaveLength(1);
    expect(tab.outbox[0]!.rejected).toMatchObject({
      code: 'invalid_record',
      reason: { hi: 'अस्वीकृत', en: 'Rejected' },
    });
    // Nothing left to push: the rejected one waits for a person, it is not retried in a loop.
    expect(await runSync(tab.ports, { shouldPull: false })).toMatchObject({
      pushed: 0,
      rejected: 0,
    });
  });

  it('re-stamps writes refused as too far ahead and pushes them again, with no person involved', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    tab.save(uuid(100), 'घड़ी आगे है', 3 * 24 * 60 * 60_000);
    const report = await runSync(tab.ports, { shouldPull: false });
    expect(tab.state.restamps).toBe(1);
    expect(report).toMatchObject({ pushed: 1, rejected: 0 });
    expect(tab.outbox).toEqual([]);
  });

  it('stops when the server answers none of a batch instead of looping', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    tab.save(uuid(100), 'x');
    hq.push = () => ({
      sentCount: 0,
      response: {
        serverTime: new Date(now).toISOString(),
        applied: 0,
        duplicates: [],
        rejected: [],
      },
    });
    await expect(runSync(tab.ports, { shouldPull: false })).rejects.toMatchObject({
      code: 'bad_response',
    });
    expect(tab.outbox).toHaveLength(1);
  });

  it('pulls page by page and resumes from the last stored cursor after an interruption', async () => {
    const hq = await headquartersWithNotes(25);

    const reader = tablet(hq, 'tab-c');
    hq.failPullAfterPages = 2;
    await expect(
      runSync(reader.ports, { shouldPull: true, pullPageSize: 10 }),
    ).rejects.toMatchObject({ code: 'offline' });
    expect(reader.state.cursor).toBe('20');
    expect(reader.store.size).toBe(20);
    hq.failPullAfterPages = Infinity;
    const report = await runSync(reader.ports, { shouldPull: true, pullPageSize: 10 });
    expect(report).toMatchObject({ pulledRecords: 5, pulledPages: 1 });
    expect(reader.store.get(uuid(124))?.text?.value).toBe('नोट 24');
  });
});

describe('a tablet whose storage is full', () => {
  it('stops the run as storage_full, the page unstored and the cursor where it was', async () => {
    const hq = new TestHeadquarters();
    const writer = tablet(hq, 'tab-b');
    for (let i = 0; i < 5; i++) writer.save(uuid(i + 100), `नोट ${i}`);
    await runSync(writer.ports, { shouldPull: false });

    const reader = tablet(hq, 'tab-c');
    const inbox = reader.ports.inbox as { storePage: SyncPorts['inbox']['storePage'] };
    const storePage = inbox.storePage.bind(inbox);
    const full = new StoreError('storage_full', { hi: 'जगह भर गई है।', en: 'Out of space.' });
    inbox.storePage = () => Promise.reject(full);
    const stopped: unknown = await runSync(reader.ports, { shouldPull: true }).catch(
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(SyncError);
    expect(stopped).toMatchObject({ code: 'storage_full', isTransient: true, cause: full });
    expect(reader.state.cursor).toBeNull();
    expect(reader.store.size).toBe(0);

    inbox.storePage = storePage;
    const report = await runSync(reader.ports, { shouldPull: true });
    expect(report.pulledRecords).toBe(5);
  });

  it('passes any other store failure on as it is', async () => {
    const reader = tablet(new TestHeadquarters(), 'tab-c');
    const unavailable = new StoreError('storage_unavailable', {
      hi: 'उपलब्ध नहीं',
      en: 'Unavailable',
    });
    reader.ports.outbox.readPending = () => Promise.reject(unavailable);
    await expect(runSync(reader.ports, { shouldPull: true })).rejects.toBe(unavailable);
  });
});

describe('a pull cursor the server refuses', () => {
  /** The reader's transport, refusing the cursors the server no longer knows. */
  function refusing(
    hq: TestHeadquarters,
    tab: ReturnType<typeof tablet>,
    refused: Set<string | null>,
  ) {
    const asked: (string | null)[] = [];
    tab.ports.transport.pull = async (request) => {
      asked.push(request.cursor);
      if (refused.has(request.cursor)) throw new SyncError('invalid_cursor', 'not this log');
      return hq.pull(request);
    };
    return asked;
  }

  it('is dropped and the pull starts again from the beginning in the same run, outbox intact', async () => {
    const hq = new TestHeadquarters();
    const writer = tablet(hq, 'tab-b');
    for (let i = 0; i < 6; i++) writer.save(uuid(i + 100), `नोट ${i}`);
    await runSync(writer.ports, { shouldPull: false });
    const reader = tablet(hq, 'tab-c');
    await runSync(reader.ports, { shouldPull: true });
    // The server was restored: the cursor the reader holds names a log it no longer has.
    reader.state.cursor = 'old-log.6';
    const asked = refusing(hq, reader, new Set(['old-log.6']));
    for (let i = 6; i < 9; i++) writer.save(uuid(i + 100), `नोट ${i}`);
    await runSync(writer.ports, { shouldPull: false });
    reader.save(uuid(200), 'टैबलेट पर लिखा');
    // This fake numbers mutation ids per tablet from the same start; keep this one apart.
    reader.outbox[0]!.mutation = { ...reader.outbox[0]!.mutation, id: uuid(50_000) };

    const report = await runSync(reader.ports, { shouldPull: true, pullPageSize: 4 });

    expect(asked).toEqual(['old-log.6', null, '4', '8']);
    expect(report).toMatchObject({ pushed: 1, pulledRecords: 10, pulledPages: 3 });
    expect(reader.outbox).toEqual([]);
    expect(hq.log).toContain(uuid(200));
    expect([...reader.store.keys()].sort()).toEqual(
      [...Array.from({ length: 9 }, (_, i) => uuid(i + 100)), uuid(200)].sort(),
    );
    expect(reader.state.cursor).toBe('10');
  });

  it('is dropped once per run: a server refusing the start too stops the run, nothing lost', async () => {
    const hq = new TestHeadquarters();
    const reader = tablet(hq, 'tab-c');
    reader.state.cursor = 'old-log.6';
    const asked = refusing(hq, reader, new Set(['old-log.6', null]));
    reader.save(uuid(200), 'टैबलेट पर लिखा');
    reader.ports.transport.push = () => Promise.reject(new SyncError('offline', 'down'));
    await expect(runSync(reader.ports, { shouldPull: true })).rejects.toMatchObject({
      code: 'offline',
    });
    expect(reader.outbox).toHaveLength(1);
    reader.ports.transport.push = async (request) => hq.push(request);

    const run = runSync(reader.ports, { shouldPull: true });
    await expect(run).rejects.toMatchObject({ code: 'invalid_cursor', isTransient: true });
    expect(asked).toEqual(['old-log.6', null]);
    expect(reader.state.cursor).toBe('old-log.6');
    expect(reader.outbox).toEqual([]);
    expect(hq.log).toEqual([uuid(200)]);
  });
});

describe('after a refused cursor, own writes the server lost', () => {
  function restoredReader(hq: TestHeadquarters) {
    const reader = tablet(hq, 'tab-c');
    reader.state.cursor = 'old-log.6';
    reader.ports.transport.pull = async (request) => {
      if (request.cursor === 'old-log.6') throw new SyncError('invalid_cursor', 'not this log');
      return hq.pull(request);
    };
    return reader;
  }

  const lostNote = (n: number): Mutation => ({
    id: uuid(60_000 + n),
    recordType: 'note',
    recordId: uuid(300 + n),
    caseId: uuid(1),
    fields: {
      text: {
        value: `खोया नोट ${n}`,
        stamp: formatStamp({ wallMs: now - 1000, counter: n, deviceId: 'tab-c' }),
        base: null,
      },
    },
  });

  it('are rechecked from the pull at the start and pushed again in the same run', async () => {
    const hq = new TestHeadquarters();
    const writer = tablet(hq, 'tab-b');
    for (let i = 0; i < 6; i++) writer.save(uuid(i + 100), `नोट ${i}`);
    await runSync(writer.ports, { shouldPull: false });
    const reader = restoredReader(hq);
    reader.state.reofferOnFinish = [lostNote(1), lostNote(2)];

    const report = await runSync(reader.ports, { shouldPull: true, pullPageSize: 4 });

    expect(reader.state.rechecks).toEqual(['begin', 'finish']);
    expect(report).toMatchObject({ pushed: 2, pulledPages: 2 });
    expect(hq.log.slice(-2)).toEqual([uuid(301), uuid(302)]);
    expect(reader.outbox).toEqual([]);
  });

  it('are settled only once the log is read to its end, even over several runs', async () => {
    const hq = await headquartersWithNotes(25);
    const reader = restoredReader(hq);
    reader.state.reofferOnFinish = [lostNote(1)];
    hq.failPullAfterPages = 2;
    await expect(
      runSync(reader.ports, { shouldPull: true, pullPageSize: 10 }),
    ).rejects.toMatchObject({ code: 'offline' });
    expect(reader.state.rechecks).toEqual(['begin']);
    expect(hq.log).not.toContain(uuid(301));

    hq.failPullAfterPages = Infinity;
    await runSync(reader.ports, { shouldPull: true, pullPageSize: 10 });
    expect(reader.state.rechecks).toEqual(['begin', 'finish']);
    expect(hq.log).toContain(uuid(301));
    expect(reader.outbox).toEqual([]);
  });
});

describe('a refused request', () => {
  it("still corrects the clock with the server's time, then reports the refusal", async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    tab.save(uuid(100), 'नोट');
    tab.ports.transport.push = () =>
      Promise.reject(new SyncError('session_expired', 'signed out', { serverTimeMs: now + 5 }));
    await expect(runSync(tab.ports, { shouldPull: true })).rejects.toMatchObject({
      code: 'session_expired',
    });
    expect(tab.state.serverTimeMs).toBe(now + 5);
    expect(tab.outbox).toHaveLength(1);
  });
});

describe('a transport that sends only part of a batch', () => {
  it('leaves the rest pending and sends it next, in save order', async () => {
    const hq = new TestHeadquarters();
    const tab = tablet(hq);
    for (let i = 0; i < 7; i++) tab.save(uuid(i + 100), `नोट ${i}`);
    // As http-transport.ts does when a request would pass its size cap: the first 3 only.
    tab.ports.transport.push = async (request) =>
      hq.push({ ...request, mutations: request.mutations.slice(0, 3) });
    const report = await runSync(tab.ports, { shouldPull: false });
    expect(report.pushed).toBe(7);
    expect(hq.pushes.map((push) => push.mutations.length)).toEqual([3, 3, 1]);
    expect(hq.log).toEqual(Array.from({ length: 7 }, (_, i) => uuid(i + 100)));
    expect(tab.outbox).toHaveLength(0);
  });
});

describe('the next page, asked for while this one is stored', () => {
  /**
   * A reader of 25 pulled notes in pages of 10, whose store holds each page until the
   * test lets it go (`release`), and which notes what happened in order: each request,
   * each store's start and end.
   */
  async function readerOfPages() {
    const hq = await headquartersWithNotes(25);

    const reader = tablet(hq, 'tab-c');
    const events: string[] = [];
    const asked = new Map<string | null, AbortSignal | undefined>();
    const held = new Map<string | null, () => void>();
    const inbox = reader.ports.inbox as { storePage: SyncPorts['inbox']['storePage'] };
    const storePage = inbox.storePage.bind(inbox);
    inbox.storePage = async (records, cursor) => {
      events.push(`store ${cursor}`);
      await new Promise<void>((resolve) => held.set(cursor, resolve));
      await storePage(records, cursor);
      // Never skip: the cursor stored names exactly the records stored so far.
      expect(reader.state.cursor).toBe(String(reader.store.size));
      events.push(`stored ${cursor}`);
    };
    reader.ports.transport.pull = async (request, signal) => {
      events.push(`ask ${request.cursor}`);
      asked.set(request.cursor, signal);
      return hq.pull(request);
    };
    /** Waits until the store of the page ending at `cursor` has begun, then lets it finish. */
    const release = async (cursor: string) => {
      await waitFor(() => held.has(cursor));
      held.get(cursor)!();
    };
    return { hq, reader, events, asked, release, inbox };
  }

  async function waitFor(condition: () => boolean) {
    for (let tries = 0; !condition(); tries++) {
      if (tries > 100) throw new Error('waited in vain');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  it('asks for it before the store of this one ends, and stores the pages one after another in order', async () => {
    const { reader, events, release } = await readerOfPages();
    const run = runSync(reader.ports, { shouldPull: true, pullPageSize: 10 });
    await release('10');
    await release('20');
    await release('25');
    expect(await run).toMatchObject({ pulledRecords: 25, pulledPages: 3 });
    expect(events).toEqual([
      'ask null',
      'ask 10',
      'store 10',
      'stored 10',
      'ask 20',
      'store 20',
      'stored 20',
      'store 25',
      'stored 25',
    ]);
    expect(reader.state.cursor).toBe('25');
  });

  it('that fails, fails the run only once this page is stored, and the next run resumes after it', async () => {
    const { hq, reader, events, release } = await readerOfPages();
    hq.failPullAfterPages = 2;
    let settled = false;
    const run = runSync(reader.ports, { shouldPull: true, pullPageSize: 10 }).finally(() => {
      settled = true;
    });
    await release('10');
    await waitFor(() => events.includes('store 20'));
    // The request for the page after it has failed by now; the page in hand is still kept.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    await release('20');
    await expect(run).rejects.toMatchObject({ code: 'offline' });
    expect(reader.state.cursor).toBe('20');
    expect(reader.store.size).toBe(20);

    hq.failPullAfterPages = Infinity;
    const again = runSync(reader.ports, { shouldPull: true, pullPageSize: 10 });
    await release('25');
    expect(await again).toMatchObject({ pulledRecords: 5, pulledPages: 1 });
    expect(reader.store.size).toBe(25);
  });

  it('is cancelled when she signs out during the store, and nothing after that page is kept', async () => {
    const { reader, events, asked, release } = await readerOfPages();
    const transport = reader.ports.transport;
    const pull = transport.pull.bind(transport);
    // As fetch does: the request for the next page hangs until it is aborted.
    reader.ports.transport.pull = (request, signal) =>
      request.cursor === null
        ? pull(request, signal)
        : new Promise((_, reject) => {
            events.push(`ask ${request.cursor}`);
            asked.set(request.cursor, signal);
            signal?.addEventListener('abort', () => reject(syncStopped()));
          });
    const stopping = new AbortController();
    const run = runSync(reader.ports, {
      shouldPull: true,
      pullPageSize: 10,
      signal: stopping.signal,
    });
    await waitFor(() => events.includes('store 10'));
    stopping.abort();
    await release('10');
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked.get('10')?.aborted).toBe(true);
    expect(events).toEqual(['ask null', 'ask 10', 'store 10', 'stored 10']);
    expect(reader.state.cursor).toBe('10');
  });

  it('is cancelled when this page cannot be stored, and the cursor stays where it was', async () => {
    const { reader, asked, inbox } = await readerOfPages();
    const full = new StoreError('storage_full', { hi: 'जगह भर गई है।', en: 'Out of space.' });
    inbox.storePage = () => Promise.reject(full);
    await expect(
      runSync(reader.ports, { shouldPull: true, pullPageSize: 10 }),
    ).rejects.toMatchObject({ code: 'storage_full' });
    expect(asked.get('10')?.aborted).toBe(true);
    expect(reader.state.cursor).toBeNull();
    expect(reader.store.size).toBe(0);
  });
});

describe('the next page, asked on the cursor the answer starts with', () => {
  /** A reader whose transport tells each page's cursor (or `hintOf` it) before answering. */
  async function hintedReader(hintOf: (cursor: string) => string) {
    const hq = await headquartersWithNotes(25);
    const reader = tablet(hq, 'tab-c');
    const events: string[] = [];
    const signals = new Map<string | null, AbortSignal | undefined>();
    reader.ports.transport.pull = async (request, signal, onNextCursor) => {
      events.push(`ask ${request.cursor}`);
      signals.set(request.cursor, signal);
      if (request.cursor !== null && Number.isNaN(Number(request.cursor))) {
        // A cursor this server never gave: as fetch does, it hangs until it is aborted.
        return new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(syncStopped()));
        });
      }
      const page = hq.pull(request);
      if (page.hasMore) onNextCursor?.(hintOf(page.cursor));
      await new Promise((resolve) => setTimeout(resolve, 1));
      events.push(`answered ${request.cursor}`);
      return page;
    };
    const inbox = reader.ports.inbox as { storePage: SyncPorts['inbox']['storePage'] };
    const storePage = inbox.storePage.bind(inbox);
    inbox.storePage = async (records, cursor) => {
      await storePage(records, cursor);
      expect(reader.state.cursor).toBe(String(reader.store.size));
      events.push(`stored ${cursor}`);
    };
    return { reader, events, signals };
  }

  it('asks for it before this page is answered, and stores the pages in order', async () => {
    const { reader, events } = await hintedReader((cursor) => cursor);
    expect(await runSync(reader.ports, { shouldPull: true, pullPageSize: 10 })).toMatchObject({
      pulledRecords: 25,
      pulledPages: 3,
    });
    expect(events.indexOf('ask 10')).toBeLessThan(events.indexOf('answered null'));
    expect(events.indexOf('ask 20')).toBeLessThan(events.indexOf('answered 10'));
    expect(events.filter((event) => event.startsWith('stored'))).toEqual([
      'stored 10',
      'stored 20',
      'stored 25',
    ]);
    expect(events.filter((event) => event.startsWith('ask'))).toHaveLength(3);
  });

  it('cancels a page asked on a cursor the checked page does not name, and asks the right one', async () => {
    const { reader, events, signals } = await hintedReader((cursor) => `wrong-${cursor}`);
    expect(await runSync(reader.ports, { shouldPull: true, pullPageSize: 10 })).toMatchObject({
      pulledRecords: 25,
      pulledPages: 3,
    });
    expect(signals.get('wrong-10')?.aborted).toBe(true);
    expect(signals.get('wrong-20')?.aborted).toBe(true);
    expect(events.filter((event) => event.startsWith('stored'))).toEqual([
      'stored 10',
      'stored 20',
      'stored 25',
    ]);
    expect(reader.state.cursor).toBe('25');
  });
});
