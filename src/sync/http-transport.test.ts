import { describe, expect, it } from 'vitest';
import { formatStamp } from '../domain/hlc.ts';
import { PROTOCOL_VERSION, maxPushBytes, type Mutation } from '../domain/protocol.ts';
import { decodePushRequest, wirePushRequestSchema } from '../domain/wire.ts';
import { createHttpTransport, fitPushBody } from './http-transport.ts';
import { createKeptConnections, keptConnectionsPerServer } from './kept-connections.ts';
import { SyncError } from './sync-ports.ts';

/** What the code under test fetched: it always passes a URL as text. */
const urlOf = (url: RequestInfo | URL): string =>
  typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;

const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 29), counter: 0, deviceId: 'tab-a' });
const note = (n: number, text = `नोट ${n}`): Mutation => ({
  id: uuid(100 + n),
  recordType: 'note',
  recordId: uuid(n),
  caseId: uuid(1),
  fields: { text: { value: text, stamp, base: null } },
});
const request = (mutations: Mutation[]) => ({
  protocolVersion: PROTOCOL_VERSION,
  deviceId: 'tab-a',
  mutations,
});

describe('fitPushBody', () => {
  it('sends the longest first run within about 1 MB, and a lone oversized mutation anyway', () => {
    // ~600 kB of UTF-8 each: two do not fit.
    const big = [1, 2, 3].map((n) => note(n, 'क'.repeat(200_000)));
    const fitted = fitPushBody(request(big));
    expect(fitted.sent.map((m) => m.id)).toEqual([uuid(101)]);
    expect(fitPushBody(request([note(1, 'क'.repeat(400_000))])).sent).toHaveLength(1);

    const small = Array.from({ length: 500 }, (_, i) => note(i + 2));
    const whole = fitPushBody(request(small));
    expect(whole.sent).toHaveLength(500);
    expect(whole.json.length).toBeLessThanOrEqual(maxPushBytes);
    const sent = wirePushRequestSchema.parse(JSON.parse(new TextDecoder().decode(whole.json)));
    expect(decodePushRequest(sent).mutations).toEqual(small);
  });
});

describe('createHttpTransport', () => {
  const answering = (body: unknown) =>
    createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve('token'),
      fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 })),
    });
  const serverTime = '2026-11-29T06:00:00.000Z';

  it('answers how many mutations went, with the server’s answer about exactly those', async () => {
    const answer = { serverTime, applied: 1, duplicates: [uuid(102)], rejected: [] };
    const transport = answering(answer);
    expect(await transport.push(request([note(1), note(2)]))).toEqual({
      sentCount: 2,
      response: answer,
    });
  });

  it('refuses a push answer that does not add up, so nothing leaves the outbox on it', async () => {
    const transport = answering({ serverTime, applied: 5, duplicates: [], rejected: [] });
    const failure = await transport.push(request([note(1)])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as SyncError).code).toBe('bad_response');
  });

  it('refuses a pull page whose groups break the wire rules', async () => {
    const group = { recordType: 'note', centreId: uuid(9), fields: ['text'], stamps: [stamp] };
    const transport = answering({
      serverTime,
      groups: [{ ...group, columns: [['a', 'b']], ids: [uuid(1)] }],
      cursor: '1',
      hasMore: false,
    });
    const request = { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 };
    await expect(transport.pull(request)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('tells a refused cursor apart, so the engine pulls again from the start', async () => {
    const refusal = {
      error: {
        code: 'invalid_cursor',
        message: { hi: 'सिंक की स्थिति सही नहीं है।', en: 'The sync position is not valid.' },
        serverTime,
      },
    };
    const transport = createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve('token'),
      fetch: () => Promise.resolve(new Response(JSON.stringify(refusal), { status: 400 })),
    });
    const request = { protocolVersion: PROTOCOL_VERSION, cursor: 'old-log.6', limit: 10 };
    await expect(transport.pull(request)).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});

describe('request bodies', () => {
  /** Pushes `mutations` and keeps what went to fetch. */
  const sent = async (mutations: Mutation[]) => {
    const bodies: { body: unknown; encoding: string | null }[] = [];
    const transport = createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve('token'),
      fetch: (_url, init) => {
        const headers = new Headers(init?.headers);
        bodies.push({ body: init?.body, encoding: headers.get('content-encoding') });
        const answer = { serverTime: '2026-11-29T06:00:00.000Z', applied: mutations.length };
        return Promise.resolve(
          new Response(JSON.stringify({ ...answer, duplicates: [], rejected: [] })),
        );
      },
    });
    await transport.push(request(mutations));
    return bodies[0]!;
  };
  const jsonOf = async ({ body, encoding }: { body: unknown; encoding: string | null }) => {
    let stream = new Response(body as ArrayBuffer).body!;
    if (encoding === 'gzip') stream = stream.pipeThrough(new DecompressionStream('gzip'));
    const sentRequest = wirePushRequestSchema.parse(await new Response(stream).json());
    return decodePushRequest(sentRequest).mutations;
  };

  it('packs a large body with gzip and sends a small one as it is, each as an ArrayBuffer', async () => {
    const many = Array.from({ length: 20 }, (_, i) => note(i + 2));
    const large = await sent(many);
    expect(large.encoding).toBe('gzip');
    expect(large.body).toBeInstanceOf(ArrayBuffer);
    expect(await jsonOf(large)).toEqual(many);

    const small = await sent([note(1, 'क')]);
    expect(small.encoding).toBeNull();
    expect(small.body).toBeInstanceOf(ArrayBuffer);
    expect(await jsonOf(small)).toEqual([note(1, 'क')]);
  });

  it('sends an unpacked ArrayBuffer where the platform has no CompressionStream', async () => {
    const compressionStream = globalThis.CompressionStream;
    // @ts-expect-error -- a platform without it (an older WebView)
    delete globalThis.CompressionStream;
    try {
      const many = Array.from({ length: 20 }, (_, i) => note(i + 2));
      const body = await sent(many);
      expect(body.encoding).toBeNull();
      expect(body.body).toBeInstanceOf(ArrayBuffer);
      expect(await jsonOf(body)).toEqual(many);
    } finally {
      globalThis.CompressionStream = compressionStream;
    }
  });
});

describe('request deadlines', () => {
  const deadlines = { firstByteMs: 40, slowestBytesPerSecond: 1_000_000, stallMs: 40 };
  const pullRequest = { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 };
  const serverTime = '2026-11-29T06:00:00.000Z';
  const transportOver = (
    fetch: typeof globalThis.fetch,
    keptConnections = createKeptConnections(40),
  ) =>
    createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve('t'),
      fetch,
      deadlines,
      keptConnections,
    });
  const emptyPage = JSON.stringify({ serverTime, groups: [], cursor: '7', hasMore: false });

  it('gives up a request whose answer never starts, as offline, so it is retried', async () => {
    let signal: AbortSignal | null = null;
    const silent: typeof fetch = (_url, init) => {
      signal = init?.signal ?? null;
      return new Promise<Response>(() => undefined);
    };
    const started = Date.now();
    await expect(transportOver(silent).pull(pullRequest)).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('in time') as unknown,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
  });

  it('gives up an answer that stops halfway', async () => {
    const halfway: typeof fetch = () => {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"serverTime":')),
      });
      return Promise.resolve(new Response(body, { status: 200 }));
    };
    await expect(transportOver(halfway).pull(pullRequest)).rejects.toMatchObject({
      code: 'offline',
    });
  });

  it('waits for an answer that keeps coming, piece by piece, past the first-byte bound', async () => {
    const page = JSON.stringify({ serverTime, groups: [], cursor: '7', hasMore: false });
    const pieces = page.match(/.{1,8}/g) ?? [];
    const trickle: typeof fetch = () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const piece of pieces) {
            await new Promise((resolve) => setTimeout(resolve, 15));
            controller.enqueue(new TextEncoder().encode(piece));
          }
          controller.close();
        },
      });
      return Promise.resolve(new Response(body, { status: 200 }));
    };
    // Many pieces, 15 ms apart: longer in all than any one bound, never silent for one.
    expect(pieces.length * 15).toBeGreaterThan(deadlines.stallMs * 2);
    const answer = await transportOver(trickle).pull(pullRequest);
    expect(answer.cursor).toBe('7');
  });

  it('after a request given up for silence, closes the connections kept from before', async () => {
    const sent: string[] = [];
    let isSilent = true;
    let healthInFlight = 0;
    let mostHealthAtOnce = 0;
    const link: typeof fetch = async (url) => {
      const path = urlOf(url);
      sent.push(path);
      if (path.endsWith('/api/health')) {
        // A new connection: silent while the link is, like every other.
        if (isSilent) return new Promise<Response>(() => undefined);
        healthInFlight += 1;
        mostHealthAtOnce = Math.max(mostHealthAtOnce, healthInFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        healthInFlight -= 1;
        return new Response('{}', { status: 200 });
      }
      if (isSilent) return new Promise<Response>(() => undefined);
      return new Response(emptyPage, { status: 200 });
    };
    const transport = transportOver(link);
    const health = Array<string>(keptConnectionsPerServer).fill('/api/health');
    // Given up, then the kept connections taken and closed before the run lets go.
    await expect(transport.pull(pullRequest)).rejects.toMatchObject({ code: 'offline' });
    expect(sent).toEqual(['/api/sync/pull', ...health]);

    // Nothing answered then: the next request clears again first.
    isSilent = false;
    sent.length = 0;
    expect((await transport.pull(pullRequest)).cursor).toBe('7');
    expect(sent).toEqual([...health, '/api/sync/pull']);
    // All at once: between them they take every kept connection.
    expect(mostHealthAtOnce).toBe(keptConnectionsPerServer);

    // The link answered: nothing more until it goes silent again.
    sent.length = 0;
    await transport.pull(pullRequest);
    expect(sent).toEqual(['/api/sync/pull']);
  });

  it('clears nothing after a refused connection: the browser drops that one itself', async () => {
    const sent: string[] = [];
    let isRefusing = true;
    const link: typeof fetch = (url) => {
      sent.push(urlOf(url));
      if (isRefusing) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(emptyPage, { status: 200 }));
    };
    const transport = transportOver(link);
    await expect(transport.pull(pullRequest)).rejects.toMatchObject({ code: 'offline' });
    isRefusing = false;
    await transport.pull(pullRequest);
    expect(sent).toEqual(['/api/sync/pull', '/api/sync/pull']);
  });
});

describe('the next cursor, read from the start of a pull answer', () => {
  const serverTime = '2026-11-29T06:00:00.000Z';
  const cursor = '0b9c6c1e-3f0a-4c55-9a43-5d2b1f6e7a10.48213';
  const group = {
    recordType: 'note',
    centreId: uuid(900),
    fields: ['id', 'text'],
    stamps: [stamp],
    columns: [[uuid(1)], ['क'.repeat(2_000)]],
    caseIds: [uuid(2)],
  };
  /** As the server writes a page: time, cursor and `hasMore` first, then the groups. */
  const pageText = (page: { cursor: string | null; hasMore: boolean }) =>
    JSON.stringify({ serverTime, ...page, groups: [group] });

  /** Sends the answer's first kilobyte, then the rest only once `finish` is called. */
  function slowAnswer(text: string) {
    const bytes = new TextEncoder().encode(text);
    let finish = () => undefined as void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 1024));
        finish = () => {
          controller.enqueue(bytes.slice(1024));
          controller.close();
        };
      },
    });
    const transport = createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve('token'),
      fetch: () => Promise.resolve(new Response(body, { status: 200 })),
    });
    return { transport, finish: () => finish() };
  }

  it('is told before the rest of the page has come', async () => {
    const { transport, finish } = slowAnswer(pageText({ cursor, hasMore: true }));
    const heard: string[] = [];
    const page = transport.pull(
      { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 },
      undefined,
      (next) => heard.push(next),
    );
    for (let tries = 0; heard.length === 0 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(heard).toEqual([cursor]);
    finish();
    expect(await page).toMatchObject({ cursor, hasMore: true, records: [{ id: uuid(1) }] });
    expect(heard).toEqual([cursor]);
  });

  it('is not told of a last page, nor of an answer in another order', async () => {
    for (const text of [
      pageText({ cursor, hasMore: false }),
      JSON.stringify({ groups: [group], serverTime, cursor, hasMore: true }),
    ]) {
      const { transport, finish } = slowAnswer(text);
      const heard: string[] = [];
      const page = transport.pull(
        { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 },
        undefined,
        (next) => heard.push(next),
      );
      finish();
      expect(await page).toMatchObject({ cursor });
      expect(heard).toEqual([]);
    }
  });
});
