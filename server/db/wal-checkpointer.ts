/**
 * Checkpoints SQLite's write-ahead log on a thread of its own, so a push's commit only
 * appends to the log and fsyncs it.
 *
 * Why: SQLite checkpoints in the connection that commits, inside that commit, once the
 * log passes `wal_autocheckpoint` pages (1,000 by default): it copies the logged pages into
 * the database file and fsyncs it. better-sqlite3 runs on the event loop, so every request
 * waited for it. A push of 500 new cases logs ~500 pages, so every other push paid for a
 * checkpoint: in the sync bench that was ~65% of the time spent in `COMMIT`.
 *
 * What must stay true:
 * - Durability is SQLite's own, unchanged: the server's connection commits with
 *   synchronous=FULL (the log is fsynced before a commit returns), and a checkpoint only
 *   copies committed pages into the database file, fsyncing the log and then the file, as
 *   SQLite's automatic checkpoint does.
 * - The checkpoints here are PASSIVE: they never wait for, or make wait, a reader or the
 *   writer; what a reader still needs stays in the log until a later one.
 * - The server's connection keeps a backstop (`SERVER_CHECKPOINT_PAGES`): it checkpoints
 *   itself once the log passes that many pages, so a stalled or failed thread lets the log
 *   grow only so far.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread checkpoints: a busy server logs a batch of pages in about this. */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * The thread starts this long after the database opens: starting one costs ~80 ms of CPU,
 * which a server pays once, but a short admin command or a test that opens and closes a
 * database need not (the connection's own backstop checkpoints meanwhile).
 */
export const START_AFTER_MS = 1_000;

/**
 * The server connection's own automatic checkpoint (~40 MB of 4 kB pages): far past what
 * the thread leaves between two of its checkpoints, so it runs only if the thread falls
 * behind.
 */
export const SERVER_CHECKPOINT_PAGES = 10_000;

export interface WalCheckpointer {
  /** Stops the thread and closes its connection; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * CommonJS run by the worker: the driver's own path is passed in, since an evaluated
 * worker resolves modules from the working directory, not from this file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts checkpointing `file`, a SQLite database in WAL mode already open in this process.
 * `onFailure` hears a checkpoint that failed (the server's backstop still holds).
 */
export function startWalCheckpointer(
  file: string,
  onFailure: (message: string) => void = () => {},
): WalCheckpointer {
  let thread: WalCheckpointer | null = null;
  const timer = setTimeout(() => {
    thread = startThread(file, onFailure);
  }, START_AFTER_MS);
  // Never keeps the process alive: the log is durable without it.
  timer.unref();
  return {
    stop: () => {
      clearTimeout(timer);
      return thread?.stop() ?? Promise.resolve();
    },
  };
}

function startThread(file: string, onFailure: (message: string) => void): WalCheckpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driverPath, everyMs: CHECKPOINT_EVERY_MS },
  });
  worker.unref();
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed !== undefined) onFailure(message.failed);
  });
  worker.on('error', (error) => onFailure(String(error)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      if (stopping === undefined) {
        // Held open until the thread has closed its connection: the caller may remove the file next.
        worker.ref();
        worker.postMessage('stop');
        stopping = exited;
      }
      return stopping;
    },
  };
}
