/**
 * PouchDB's side of the sync comparison: an in-memory PouchDB replicating to an
 * express-pouchdb server (in memory too) on 127.0.0.1. express-pouchdb's own
 * `compression` middleware gzips its answers (PouchDB's client asks for gzip); PouchDB
 * has no way to compress what it sends, so its request bodies go as plain JSON. Local
 * writes (saving the cases and the edits) happen before the clock starts: only
 * replication is timed. Batches of 500 up and 1,000 down, as Sakhi's are.
 */
import type { Server } from 'node:http';
import PouchDB, {
  type PouchDatabase,
  type PouchDocument,
  type ReplicationResult,
} from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import expressPouchDB from 'express-pouchdb';
import { ownedBy, type CaseEdit, type CaseRecord } from './case-records.ts';
import type { ScenarioResult, SyncResults } from './sakhi-sync-side.ts';
import { bytesSince, meterServer, type WireBytes } from './wire-meter.ts';

// plugin() registers on PouchDB itself: the tablet's databases are MemoryPouch, the
// server's copy seen from the tablet is a plain PouchDB on an http(s) URL (the http adapter).
PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication).plugin(mapreduce);
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });

export interface PouchServer {
  url: string;
  readBytes: () => WireBytes;
  close(): Promise<void>;
}

export async function startPouchServer(): Promise<PouchServer> {
  const app = expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  let server: Server | undefined;
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', resolve);
  });
  const listening = server!;
  const readBytes = meterServer(listening);
  const address = listening.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    readBytes,
    close: () =>
      new Promise((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}

let runs = 0;

export async function runPouchSync(
  server: PouchServer,
  records: readonly CaseRecord[],
  edits: readonly CaseEdit[],
  owner: { centreId: string; userId: string },
): Promise<SyncResults> {
  runs++;
  const remote = new PouchDB(`${server.url}/cases-${runs}`);
  const tablet = new MemoryPouch(`tablet-${runs}`);
  const freshTablet = new MemoryPouch(`fresh-tablet-${runs}`);
  const measure = async (replicate: () => Promise<ReplicationResult>, expected: number) => {
    const before = server.readBytes();
    const started = performance.now();
    const result = await replicate();
    const ms = performance.now() - started;
    if (result.docs_written !== expected || result.doc_write_failures > 0)
      throw new Error(`PouchDB wrote ${result.docs_written} of ${expected} docs`);
    // express-pouchdb does not report requests; the byte counts are what compare.
    const scenario: ScenarioResult = {
      ms,
      bytes: bytesSince(server.readBytes, before),
      requests: 0,
    };
    return scenario;
  };
  try {
    await saveAll(
      tablet,
      records.map((record) => {
        const { id, ...fields } = ownedBy(record, owner.centreId, owner.userId);
        return { _id: id, ...fields };
      }),
    );
    const pushCases = await measure(
      () => tablet.replicate.to(remote, { batch_size: 500 }),
      records.length,
    );

    const targets = edits.map((edit) => records[edit.caseIndex]!.id);
    const { rows } = await tablet.allDocs({ keys: targets, include_docs: true });
    await saveAll(
      tablet,
      rows.map((row, i) => ({ ...row.doc!, ...edits[i]!.fields })),
    );
    const pushEdits = await measure(
      () => tablet.replicate.to(remote, { batch_size: 500 }),
      edits.length,
    );

    const freshPull = await measure(
      () => freshTablet.replicate.from(remote, { batch_size: 1000 }),
      records.length,
    );
    return { 'push cases': pushCases, 'push edits': pushEdits, 'fresh pull': freshPull };
  } finally {
    await tablet.destroy();
    await freshTablet.destroy();
    await remote.destroy();
  }
}

async function saveAll(db: PouchDatabase, docs: PouchDocument[]) {
  const results = await db.bulkDocs(docs);
  const failed = results.find((result) => result.error);
  if (failed) throw new Error(`PouchDB refused a bench doc: ${failed.error}`);
}
