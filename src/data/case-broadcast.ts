/**
 * Tells the app's other tabs which cases this tab saved, so their case directories (held
 * in memory, case-directory.ts) read those rows again: without it, another tab's list and
 * search would go on showing a case as it was when that tab was unlocked.
 *
 * What must always hold:
 * - Only case ids cross, and only within the origin (BroadcastChannel): never a name, a
 *   phone or any sealed field.
 * - A tab reads the rows itself, through its own sealed database, after the writing
 *   transaction committed: what it shows is what is stored, never what was announced.
 */
import type { CaseDirectory } from './case-directory.ts';
import type { SakhiDatabase } from './database.ts';

/** The ids of cases whose rows changed, or 'all' when the whole table was cleared. */
export type CaseWrites = readonly string[] | 'all';

export interface CaseBroadcast {
  announce(writes: CaseWrites): void;
  close(): void;
}

function channelOf(databaseName: string): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined'
    ? null
    : new BroadcastChannel(`sakhi-case-writes:${databaseName}`);
}

export function openCaseBroadcast(databaseName: string): CaseBroadcast {
  const channel = channelOf(databaseName);
  let isClosed = false;
  return {
    // A save can commit after this tab's store was locked or erased (its channel closed
    // with it): posting then would throw inside the save's completion, so the announcement
    // is dropped. Another tab still open misses that one save until its next unlock
    // rebuilds its directory — a stale line in a list, never a lost save.
    announce: (writes) => {
      if (!isClosed) channel?.postMessage(writes);
    },
    close: () => {
      isClosed = true;
      channel?.close();
    },
  };
}

/** Keeps `directory` current with other tabs' saves until the returned stop is called. */
export function followOtherTabs(db: SakhiDatabase, directory: CaseDirectory): () => void {
  const channel = channelOf(db.name);
  if (!channel) return () => undefined;
  channel.onmessage = (event: MessageEvent<unknown>) => {
    void refreshCases(db, directory, event.data).catch(() => {
      // Locked or closed meanwhile: the next unlock builds the directory afresh.
    });
  };
  return () => channel.close();
}

async function refreshCases(
  db: SakhiDatabase,
  directory: CaseDirectory,
  writes: unknown,
): Promise<void> {
  if (writes === 'all') {
    const rows = await db.cases.toArray();
    directory.clear();
    directory.putRows(rows);
    return;
  }
  if (!Array.isArray(writes)) return;
  const caseIds = writes.filter((id): id is string => typeof id === 'string');
  const rows = await db.cases.bulkGet(caseIds);
  directory.putRows(rows.filter((row) => row !== undefined));
  directory.remove(caseIds.filter((_, i) => rows[i] === undefined));
}
