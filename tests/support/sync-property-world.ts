/**
 * The world the sync property test (sync-property-suite.ts) drives: one real server (the
 * sync routes over SQLite or PostgreSQL, restartable on the same database), and tablets
 * that are real stores on fake-indexeddb with the real sync engine over HTTP.
 *
 * Each tablet's fetch is wrapped with a fault script (per request: deliver, lose before
 * sending, or lose the answer after the server applied) and keeps every push request it
 * made, sent or not, so the test can deliver it again later (a duplicate or a late,
 * reordered delivery). Every write a tablet saves is recorded from its outbox, and its
 * stamp followed through re-stamping by watching what the engine pushes.
 *
 * Who is asking: the routes' TEST SEAM (sync-server.ts, x-test-actor header).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffMember } from '../../src/data/case-store.ts';
import { openTestStore, type TestStore } from '../../src/data/case-store.testing.ts';
import type { DistrictCode } from '../../src/domain/districts.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import { pushResponseSchema } from '../../src/domain/protocol.ts';
import { createHttpTransport } from '../../src/sync/http-transport.ts';
import { createLocalSyncPorts } from '../../src/sync/local-sync.ts';
import { runSync, type SyncReport } from '../../src/sync/sync-run.ts';
import { SyncError } from '../../src/sync/sync-ports.ts';
import { openDatabase } from '../../server/db/database.ts';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate.ts';
import type { SyncDatabase, SyncTables } from '../../server/db/sync-schema.ts';
import { findCaseNumberIssuer } from '../../server/services/case-number-check.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';
import { createTestDatabase, dropTestDatabase } from './postgres.ts';
import { actorHeaders, buildSyncTestApp } from './sync-server.ts';
import { readStoredFields } from '../../server/db/sync-record-fields.ts';

export type Engine = 'sqlite' | 'postgres';

/** What happens to one request a tablet sends. */
export type Fault = 'deliver' | 'lose-request' | 'lose-answer';

/** One field one save wrote, as the tablet accepted it. */
export interface AcceptedWrite {
  readonly mutationId: string;
  readonly tablet: number;
  readonly recordId: string;
  readonly field: string;
  readonly value: unknown;
  /** The stamp as last pushed (re-stamping may move it before anyone accepted it). */
  stamp: string;
  readonly base: string | null;
}

interface HeldPush {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: ArrayBuffer | string;
}

/** The server side: a database that outlives restarts, and the app listening on it. */
export class SyncServer {
  db!: Kysely<SyncDatabase>;
  origin = '';
  time = 0;
  restarts = 0;
  private app: FastifyInstance | null = null;
  private closeDb: (() => Promise<void>) | null = null;
  private port = 0;

  private constructor(
    readonly engine: Engine,
    private readonly location: { file: string } | { url: string },
    private readonly dispose: () => Promise<void>,
  ) {}

  static async open(engine: Engine, baseUrl?: string): Promise<SyncServer> {
    let server: SyncServer;
    if (engine === 'sqlite') {
      const root = mkdtempSync(join(tmpdir(), 'sakhi-sync-property-'));
      server = new SyncServer(engine, { file: join(root, 'sakhi.sqlite') }, () => {
        rmSync(root, { recursive: true, force: true });
        return Promise.resolve();
      });
    } else {
      if (!baseUrl) throw new Error('PostgreSQL needs the databaseUrl the pg project provides');
      const url = await createTestDatabase(baseUrl);
      server = new SyncServer(engine, { url }, () => dropTestDatabase(baseUrl, url));
    }
    server.openDatabase();
    await migrateToLatest(server.db, MIGRATIONS);
    await server.listen();
    return server;
  }

  /** Closes the app and the database connection, then opens both again on the same data. */
  async restart(): Promise<void> {
    await this.app?.close();
    await this.closeDb?.();
    this.openDatabase();
    await this.listen();
    this.restarts += 1;
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.closeDb?.();
    await this.dispose();
  }

  /** Every record of the centre on the server: id → fields. */
  async recordsOf(centreId: string): Promise<Map<string, FieldMap>> {
    const rows = await this.db
      .selectFrom('sync_records')
      .select(['id', 'fields'])
      .where('centre_id', '=', centreId)
      .execute();
    return new Map(rows.map((row) => [row.id, readStoredFields(row.fields)]));
  }

  private openDatabase(): void {
    const database =
      'file' in this.location
        ? openDatabase({ dialect: 'sqlite', file: this.location.file })
        : openDatabase(
            { dialect: 'postgres', url: this.location.url },
            { onConnectionError: () => {} },
          );
    this.db = database.db.withTables<SyncTables>();
    this.closeDb = () => database.close();
  }

  private async listen() {
    this.app = await buildSyncTestApp(this.db, { now: () => new Date(this.time) });
    // The same port after a restart, as a real server behind its address.
    await this.app.listen({ host: '127.0.0.1', port: this.port });
    this.port = (this.app.server.address() as AddressInfo).port;
    this.origin = `http://127.0.0.1:${this.port}`;
    // The unit project's fetch is happy-dom's, which holds the same-origin policy: the
    // page is put on the server's origin, as when the server serves the app.
    const page = globalThis as unknown as { happyDOM?: { setURL(url: string): void } };
    page.happyDOM?.setURL(`${this.origin}/`);
  }
}

export class SimulatedTablet {
  readonly store: TestStore;
  /** Faults for the next requests, in order; when empty, requests are delivered. */
  faults: Fault[] = [];
  /** While set, push requests wait for it before going out (a delayed delivery). */
  gate: Promise<void> | null = null;
  readonly pushes: HeldPush[] = [];
  readonly writes = new Map<string, AcceptedWrite[]>();
  private readonly run: () => Promise<SyncReport>;

  constructor(
    readonly index: number,
    readonly actor: SyncActor,
    store: TestStore,
    private readonly server: SyncServer,
    /** The tablet's clock minus the server's, in ms. */
    readonly skewMs: number,
  ) {
    this.store = store;
    const transport = createHttpTransport({
      baseUrl: '',
      readToken: () => Promise.resolve(null),
      fetch: (input, init) => this.fetch(input as string, init),
    });
    const ports = createLocalSyncPorts({
      db: store.db,
      clock: store.clock,
      deviceId: actor.deviceId,
      transport: {
        push: async (request) => {
          // Follow re-stamping: what goes up is what the tablet stands by.
          for (const mutation of request.mutations) {
            for (const write of this.writes.get(mutation.id) ?? []) {
              write.stamp = mutation.fields[write.field]?.stamp ?? write.stamp;
            }
          }
          return transport.push(request);
        },
        pull: (request) => transport.pull(request),
      },
    });
    this.run = () => runSync(ports, { shouldPull: true, pullPageSize: 3 });
  }

  static async open(
    index: number,
    actor: SyncActor,
    server: SyncServer,
    skewMs: number,
  ): Promise<SimulatedTablet> {
    // The district and tag the server holds for this tablet: its case numbers must carry them.
    const issuer = await findCaseNumberIssuer(server.db, actor.deviceId);
    if (!issuer) throw new Error(`test tablet ${actor.deviceId} has no centre on the server`);
    const staff: StaffMember = {
      userId: actor.userId,
      centreId: actor.centreId!,
      // The fixture's districts are made-up codes outside the vocabulary; the store reads
      // this only to number cases, which is what the server checks.
      districtCode: issuer.districtCode as DistrictCode,
      role: actor.role,
      displayName: 'परीक्षण केसवर्कर',
    };
    const device = { id: actor.deviceId, tag: issuer.deviceTag, createdAt: '2026-03-08T00:00:00Z' };
    const store = await openTestStore({ time: server.time + skewMs, staff, device });
    return new SimulatedTablet(index, actor, store, server, skewMs);
  }

  /** The server's time plus this tablet's skew. */
  tick(): void {
    this.store.time = this.server.time + this.skewMs;
  }

  /** One sync run; a network failure ends it early, as on a tablet (nothing is lost). */
  async sync(): Promise<string> {
    try {
      const report = await this.run();
      return `pushed ${report.pushed}, dup ${report.duplicates}, rejected ${report.rejected}, pulled ${report.pulledRecords}`;
    } catch (error) {
      if (error instanceof SyncError) return `stopped: ${error.code}`;
      throw error;
    }
  }

  /**
   * Saves through the store and records what the save wrote (its new outbox rows). A save
   * the store refuses (e.g. a note on a case removed here) wrote nothing.
   */
  async save(work: (store: TestStore) => Promise<unknown>): Promise<string> {
    const before = new Set((await this.store.db.outbox.toArray()).map((row) => row.id));
    try {
      await work(this.store);
    } catch (error) {
      return `refused: ${(error as Error).message.slice(0, 60)}`;
    }
    const rows = (await this.store.db.outbox.toArray()).filter((row) => !before.has(row.id));
    for (const row of rows) {
      this.writes.set(
        row.id,
        Object.entries(row.fields).map(([field, written]) => ({
          mutationId: row.id,
          tablet: this.index,
          recordId: row.recordId,
          field,
          value: written.value,
          stamp: written.stamp,
          base: written.base,
        })),
      );
    }
    return `wrote ${rows.map((row) => Object.keys(row.fields).length).join('+') || 'nothing'}`;
  }

  /** Sends an earlier push request again, as it was; the server's answers. */
  async deliverAgain(pick: number): Promise<string> {
    const held = this.pushes[pick % this.pushes.length];
    if (!held) return 'no push to repeat';
    let response: Response;
    try {
      response = await fetch(`${this.server.origin}${held.path}`, {
        method: 'POST',
        headers: held.headers,
        body: held.body,
      });
    } catch (error) {
      // E.g. a kept-alive connection to the server before its restart: lost on the way.
      if (error instanceof TypeError) return 'lost on the way';
      throw error;
    }
    if (!response.ok) throw new Error(`a repeated push was answered ${response.status}`);
    const answer = pushResponseSchema.parse(await response.json());
    if (answer.rejected.length > 0) {
      throw new Error(`a repeated push was refused: ${JSON.stringify(answer.rejected)}`);
    }
    return `${answer.applied} applied, ${answer.duplicates.length} duplicate`;
  }

  async recordsHeld(): Promise<Map<string, FieldMap>> {
    const { db } = this.store;
    const rows = [
      ...(await db.cases.toArray()),
      ...(await db.entries.toArray()),
      ...(await db.conflicts.toArray()),
    ];
    return new Map(rows.map((row) => [row.id, row.fields]));
  }

  close(): void {
    this.store.db.close();
  }

  private async fetch(path: string, init: RequestInit | undefined): Promise<Response> {
    const headers = {
      ...(init?.headers as Record<string, string>),
      ...actorHeaders(this.actor),
    };
    const isPush = path.endsWith('/push');
    if (isPush) {
      const body = init?.body;
      this.pushes.push({
        path,
        headers,
        body: body instanceof ArrayBuffer ? body.slice(0) : String(body as string),
      });
      if (this.gate) await this.gate;
    }
    const fault = this.faults.shift() ?? 'deliver';
    if (fault === 'lose-request') throw new TypeError('fetch failed: network is down');
    const response = await fetch(`${this.server.origin}${path}`, { ...init, headers });
    if (fault === 'lose-answer') {
      // The server did the work; the answer never reaches the tablet.
      await response.arrayBuffer();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  }
}
