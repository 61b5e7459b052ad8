// @vitest-environment node
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PROTOCOL_VERSION,
  errorResponseSchema,
  pushResponseSchema,
} from '../../src/domain/protocol.ts';
import {
  decodePullResponse,
  encodePushRequest,
  wirePullResponseSchema,
} from '../../src/domain/wire.ts';
import {
  SYNC_START,
  newCaseMutation,
  newNoteMutation,
  openSyncTestDatabase,
  pushRequestOf,
  resultsInOrder,
  seedSyncFixture,
  stampAt,
  type SyncFixture,
  type SyncTestDatabase,
} from '../../tests/support/sync-fixture.ts';
import { actorHeaders, buildSyncTestApp } from '../../tests/support/sync-server.ts';
import { encodeRecords } from '../../src/domain/wire-groups.ts';
import { pullChanges } from '../services/sync-pull.ts';
import type { SyncActor } from '../services/sync-scope.ts';
import { PUSH_BODY_LIMIT_BYTES, type SyncAuditEntry } from './sync.ts';

describe('sync routes', () => {
  let database: SyncTestDatabase;
  let app: FastifyInstance;
  let fixture: SyncFixture;
  const now = new Date(SYNC_START.getTime() + 60_000);
  const audited: SyncAuditEntry[] = [];

  beforeAll(async () => {
    database = await openSyncTestDatabase('sqlite');
    app = await buildSyncTestApp(database.db, {
      now: () => now,
      audit: (_request, entry) => {
        audited.push(entry);
        return Promise.resolve();
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  beforeEach(async () => {
    fixture = await seedSyncFixture(database.db);
  });

  const post = (
    url: string,
    actor: SyncActor | null,
    body: unknown,
    { gzip = false, headers = {} }: { gzip?: boolean; headers?: Record<string, string> } = {},
  ) => {
    const json = Buffer.from(JSON.stringify(body));
    return app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        ...(actor ? actorHeaders(actor) : {}),
        ...headers,
      },
      payload: gzip ? gzipSync(json) : json,
    });
  };
  const errorOf = (response: LightMyRequestResponse) => {
    const { error } = errorResponseSchema.parse(response.json());
    expect(error.serverTime).toBe(now.toISOString());
    expect(error.message.hi).toMatch(/[\u0900-\u097F]/);
    return error.code;
  };
  const countWrites = async () => {
    const count = async (table: 'sync_records' | 'sync_mutations') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { records: await count('sync_records'), mutations: await count('sync_mutations') };
  };

  it('serves a brotli pull page whose JSON is byte for byte the page as the service reads it', async () => {
    const { caseworker, counsellor } = fixture.actors;
    const creates = Array.from({ length: 5 }, (_, i) =>
      newCaseMutation(caseworker, stampAt(10 + i, caseworker.deviceId)),
    );
    const pushed = await post(
      '/api/sync/push',
      caseworker,
      encodePushRequest(pushRequestOf(caseworker, creates)),
    );
    expect(pushed.statusCode).toBe(200);
    const request = { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 };
    const pulled = await post('/api/sync/pull', counsellor, request, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(pulled.statusCode).toBe(200);
    expect(pulled.headers['content-encoding']).toBe('br');
    const { records, ...page } = await pullChanges(database.db, counsellor, request, now);
    expect(records).toHaveLength(creates.length);
    const expected = JSON.stringify({ ...page, groups: encodeRecords(records) });
    expect(brotliDecompressSync(pulled.rawPayload).toString()).toBe(expected);
  });

  it('starts a page that has more with its cursor, where the tablet reads it to ask for the next page early', async () => {
    const { caseworker, counsellor } = fixture.actors;
    const creates = Array.from({ length: 3 }, (_, i) =>
      newCaseMutation(caseworker, stampAt(20 + i, caseworker.deviceId)),
    );
    const pushed = await post(
      '/api/sync/push',
      caseworker,
      encodePushRequest(pushRequestOf(caseworker, creates)),
    );
    expect(pushed.statusCode).toBe(200);
    const request = { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 2 };
    const pulled = await post('/api/sync/pull', counsellor, request, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(pulled.statusCode).toBe(200);
    const answer = brotliDecompressSync(pulled.rawPayload);
    const { cursor, hasMore } = JSON.parse(answer.toString()) as {
      cursor: string;
      hasMore: boolean;
    };
    expect(hasMore).toBe(true);
    // The tablet reads the next page's cursor from the first bytes, before the page has come
    // (docs/sync-protocol.md, "Pull"): the key order is part of the protocol.
    expect(answer.subarray(0, 512).toString()).toMatch(
      new RegExp(`^\\{"serverTime":"[^"]+","cursor":"${cursor}","hasMore":true,"groups":`),
    );
  });

  it('takes a gzip push and serves the records back on a compressed pull', async () => {
    const { caseworker, counsellor } = fixture.actors;
    const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
    const note = newNoteMutation(
      caseworker,
      create.recordId,
      fixture.own.id,
      stampAt(2, caseworker.deviceId),
    );
    const pushed = await post(
      '/api/sync/push',
      caseworker,
      encodePushRequest(pushRequestOf(caseworker, [create, note])),
      { gzip: true },
    );
    expect(pushed.statusCode).toBe(200);
    const answer = pushResponseSchema.parse(pushed.json());
    expect(answer.serverTime).toBe(now.toISOString());
    expect(resultsInOrder(answer, [create, note]).map((r) => r.status)).toEqual([
      'applied',
      'applied',
    ]);

    const pulled = await post(
      '/api/sync/pull',
      counsellor,
      { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 },
      { headers: { 'accept-encoding': 'gzip' } },
    );
    expect(pulled.statusCode).toBe(200);
    expect(pulled.headers['content-encoding']).toBe('gzip');
    const page = decodePullResponse(
      wirePullResponseSchema.parse(JSON.parse(gunzipSync(pulled.rawPayload).toString())),
    );
    expect(page.records.map((r) => r.id)).toEqual([create.recordId, note.recordId]);
    expect(page.records[0]!.fields).toEqual(
      Object.fromEntries(
        Object.entries(create.fields).map(([name, { value, stamp }]) => [name, { value, stamp }]),
      ),
    );
    expect(audited.slice(-2)).toEqual([
      {
        action: 'case.write',
        centreId: fixture.own.id,
        details: { applied: 2, duplicate: 0, rejected: 0 },
      },
      { action: 'case.read', centreId: fixture.own.id, details: { records: 2 } },
    ]);
  });

  it('answers a pull only once its read is on record, and sends nothing of the page when it cannot be', async () => {
    const { caseworker, counsellor } = fixture.actors;
    const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
    const pushed = await post(
      '/api/sync/push',
      caseworker,
      encodePushRequest(pushRequestOf(caseworker, [create])),
    );
    expect(pushed.statusCode).toBe(200);
    let commitRecord: (() => void) | undefined;
    let refuseRecord: ((error: Error) => void) | undefined;
    const slowAudit = await buildSyncTestApp(database.db, {
      now: () => now,
      audit: () =>
        new Promise<void>((resolve, reject) => {
          commitRecord = resolve;
          refuseRecord = reject;
        }),
    });
    try {
      const pull = (headers: Record<string, string>) =>
        slowAudit.inject({
          method: 'POST',
          url: '/api/sync/pull',
          headers: { 'content-type': 'application/json', ...actorHeaders(counsellor), ...headers },
          payload: { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 },
        });
      let isAnswered = false;
      const answered = pull({ 'accept-encoding': 'br' }).then((response) => {
        isAnswered = true;
        return response;
      });
      await vi.waitFor(() => expect(commitRecord).toBeDefined());
      // Time enough for the page to be read, packed and compressed: still no answer.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(isAnswered).toBe(false);
      commitRecord!();
      const response = await answered;
      expect(response.statusCode).toBe(200);
      const page = decodePullResponse(
        wirePullResponseSchema.parse(
          JSON.parse(brotliDecompressSync(response.rawPayload).toString()),
        ),
      );
      expect(page.records.map((r) => r.id)).toEqual([create.recordId]);

      refuseRecord = undefined;
      const refused = pull({ 'accept-encoding': 'identity' });
      await vi.waitFor(() => expect(refuseRecord).toBeDefined());
      refuseRecord!(new Error('the audit log cannot be written'));
      const failed = await refused;
      expect(failed.statusCode).toBe(500);
      expect(failed.body).not.toContain(create.recordId);
    } finally {
      await slowAudit.close();
    }
  });

  it('refuses a body that unpacks past the limit with 413, and writes nothing', async () => {
    const { caseworker } = fixture.actors;
    const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
    // Each note ~57 kB of Devanagari: valid on its own, too many together.
    const notes = Array.from({ length: 30 }, (_, i) =>
      newNoteMutation(
        caseworker,
        create.recordId,
        fixture.own.id,
        stampAt(2 + i, caseworker.deviceId),
        'क'.repeat(19_000),
      ),
    );
    const body = encodePushRequest(pushRequestOf(caseworker, [create, ...notes]));
    const packed = gzipSync(Buffer.from(JSON.stringify(body)));
    expect(JSON.stringify(body).length).toBeLessThan(PUSH_BODY_LIMIT_BYTES); // characters…
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(PUSH_BODY_LIMIT_BYTES); // …but bytes
    expect(packed.length).toBeLessThan(50_000);
    const before = await countWrites();
    const gzipped = await post('/api/sync/push', caseworker, body, { gzip: true });
    expect(gzipped.statusCode).toBe(413);
    expect(errorOf(gzipped)).toBe('payload_too_large');
    const plain = await post('/api/sync/push', caseworker, body);
    expect(plain.statusCode).toBe(413);
    expect(await countWrites()).toEqual(before);
  });

  it('answers 401 without a session, 403 for another tablet and for headquarters, with serverTime', async () => {
    const { caseworker, caseworker2, stateAdmin } = fixture.actors;
    const push = encodePushRequest(
      pushRequestOf(caseworker, [newCaseMutation(caseworker, stampAt(1, caseworker.deviceId))]),
    );
    const anonymous = await post('/api/sync/push', null, push);
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous)).toBe('not_signed_in');
    const otherTablet = await post('/api/sync/push', caseworker2, push);
    expect(otherTablet.statusCode).toBe(403);
    expect(errorOf(otherTablet)).toBe('forbidden');
    const headquarters = await post('/api/sync/pull', stateAdmin, {
      protocolVersion: PROTOCOL_VERSION,
      cursor: null,
      limit: 10,
    });
    expect(headquarters.statusCode).toBe(403);
    expect(errorOf(headquarters)).toBe('forbidden');
  });

  it('answers 426 for a protocol version it no longer speaks, whatever the rest of the body', async () => {
    const { caseworker } = fixture.actors;
    const response = await post('/api/sync/push', caseworker, {
      protocolVersion: PROTOCOL_VERSION + 1,
      somethingNew: true,
    });
    expect(response.statusCode).toBe(426);
    expect(errorOf(response)).toBe('unsupported_protocol_version');
    // Version 1 (a field map per record) was never released; no server answers it.
    const first = await post('/api/sync/pull', caseworker, {
      protocolVersion: 1,
      cursor: null,
      limit: 10,
    });
    expect(first.statusCode).toBe(426);
  });

  it('answers 400 for a malformed body, a bad cursor, broken gzip and broken JSON', async () => {
    const { caseworker } = fixture.actors;
    const wire = encodePushRequest(
      pushRequestOf(caseworker, [newCaseMutation(caseworker, stampAt(1, caseworker.deviceId))]),
    );
    const malformed = await post('/api/sync/push', caseworker, {
      ...wire,
      groups: [{ ...wire.groups[0], mutationIds: ['not-a-uuid'] }],
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed)).toBe('invalid_request');
    expect(malformed.json<{ error: { message: { en: string } } }>().error.message.en).toContain(
      'groups.0.mutationIds.0',
    );

    // Fits the schema, breaks the wire's own rules: refused whole, nothing written.
    const before = await countWrites();
    const ragged = await post('/api/sync/push', caseworker, {
      ...wire,
      groups: [
        { ...wire.groups[0], stamps: [...wire.groups[0]!.stamps, ...wire.groups[0]!.stamps] },
      ],
    });
    expect(ragged.statusCode).toBe(400);
    expect(errorOf(ragged)).toBe('invalid_request');
    expect(ragged.json<{ error: { message: { en: string } } }>().error.message.en).toContain(
      'do not match its rows',
    );
    expect(await countWrites()).toEqual(before);

    const badCursor = await post('/api/sync/pull', caseworker, {
      protocolVersion: PROTOCOL_VERSION,
      cursor: 'yesterday',
      limit: 10,
    });
    expect(badCursor.statusCode).toBe(400);
    expect(errorOf(badCursor)).toBe('invalid_cursor');

    const brokenGzip = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...actorHeaders(caseworker),
      },
      payload: Buffer.from('this is not gzip'),
    });
    expect(brokenGzip.statusCode).toBe(400);
    expect(errorOf(brokenGzip)).toBe('invalid_request');

    const brokenJson = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { 'content-type': 'application/json', ...actorHeaders(caseworker) },
      payload: '{"protocolVersion": 2,',
    });
    expect(brokenJson.statusCode).toBe(400);
    expect(errorOf(brokenJson)).toBe('invalid_request');
  });
});
