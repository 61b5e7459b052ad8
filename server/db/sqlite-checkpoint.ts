/**
 * SQLite's WAL checkpoints, moved out of the pushes' commits while the server is idle.
 *
 * Why: a checkpoint copies the pages the WAL holds into the database file and fsyncs it.
 * SQLite's automatic one runs inside the commit that takes the log past its limit (1,000
 * pages by default: every other push of 500 new cases), on the event loop, so that push
 * and every request behind it waited for it; it was most of what `COMMIT` cost in the
 * profile. Here SQLite's own limit is raised to CHECKPOINT_PAGES, and a PASSIVE checkpoint
 * runs once no push has committed for IDLE_MS: between a lone tablet's pushes, and in
 * the gaps of a busy day. A stream of pushes with no such gap still meets SQLite's own
 * checkpoint at CHECKPOINT_PAGES, fewer and larger (a page written by many pushes is
 * copied once).
 *
 * What must stay true:
 * - No acknowledged push depends on a checkpoint: with synchronous=FULL a transaction is
 *   durable once its commit returned, in the WAL; a checkpoint only copies it into the
 *   main file, and a crash during one is recovered from the WAL when the file is opened.
 * - The WAL stays bounded: about CHECKPOINT_PAGES pages (16 MB at SQLite's 4 kB pages)
 *   plus the transaction that crossed the limit. The file keeps its largest size once
 *   reached (SQLite writes the log again from its start); a read that holds an old
 *   snapshot (a pull's page) keeps a checkpoint from reaching the end until it finishes.
 * - A checkpoint goes through Kysely's connection like any statement, so it never runs
 *   inside a push's transaction.
 */

/** SQLite's own checkpoint runs in the commit that takes the WAL past this many pages. */
export const CHECKPOINT_PAGES = 4_000;

/** A checkpoint runs once no push has committed for this long. */
export const IDLE_CHECKPOINT_MS = 100;

export interface IdleCheckpoint {
  /** A push committed: the checkpoint waits until pushes have paused for a while. */
  noteCommit(): void;
  /** No checkpoint runs after this (the database is closing). */
  stop(): void;
}

export function createIdleCheckpoint(
  checkpoint: () => Promise<unknown>,
  idleMs = IDLE_CHECKPOINT_MS,
): IdleCheckpoint {
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const run = () => {
    timer = undefined;
    // A checkpoint that fails (the disk busy, a long read) loses nothing: the pages stay
    // in the WAL, and the next idle moment or SQLite's own checkpoint copies them.
    checkpoint().catch(() => undefined);
  };
  return {
    noteCommit() {
      if (isStopped) return;
      if (timer !== undefined) {
        timer.refresh();
        return;
      }
      timer = setTimeout(run, idleMs);
      // An idle server may exit; the checkpoint is no reason to keep it alive.
      timer.unref();
    },
    stop() {
      isStopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
