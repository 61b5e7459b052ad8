/**
 * The case directory: what the case list, search and "today" need of every case (name,
 * alias, phone, age, search keys, and the row's list columns), held in memory while the
 * app is unlocked. Names and phones are sealed at rest, so no IndexedDB index can hold
 * them: the directory is built once at unlock by opening every case row, kept current by
 * every write to `cases` (sealing-middleware.ts, after the transaction commits), and
 * dropped at lock.
 *
 * What must always hold:
 * - An entry is a pure function of the stored case row (directoryCaseOf): after any
 *   committed write the directory says what a fresh build would say.
 * - Nothing here is written anywhere.
 * - Every change is announced to `onChange` listeners (batched: once for all the rows a
 *   pulled page brought), so live reads (live-reads.ts) follow the directory too.
 */
import type { Case } from '../domain/case.ts';
import type { CaseRow } from './database.ts';
import { caseSearchKeys } from './search-keys.ts';

export interface DirectoryCase extends Omit<CaseRow, 'fields'> {
  readonly survivorName: string;
  readonly survivorAlias: string | null;
  readonly survivorPhone: string | null;
  readonly survivorAgeYears: number | null;
  /** search-keys.ts; empty on a removed case so it is never found. */
  readonly searchKeys: readonly string[];
  readonly assignedStaffIds: readonly string[];
}

export function directoryCaseOf(row: CaseRow): DirectoryCase {
  const { fields, ...columns } = row;
  const value = (name: keyof Case) => fields[name]?.value ?? null;
  const survivorName = (value('survivorName') as string | null) ?? '';
  const survivorAlias = value('survivorAlias') as string | null;
  const survivorPhone = value('survivorPhone') as string | null;
  return {
    ...columns,
    survivorName,
    survivorAlias,
    survivorPhone,
    survivorAgeYears: value('survivorAgeYears') as number | null,
    // A case pulled with only some of its fields may lack the list: it is then assigned to no one.
    assignedStaffIds: Array.isArray(value('assignedStaffIds'))
      ? (value('assignedStaffIds') as string[])
      : [],
    searchKeys:
      row.isRemoved === 1
        ? []
        : caseSearchKeys({
            id: row.id,
            survivorName,
            survivorAlias,
            survivorPhone,
            caseNumber: row.caseNumber,
          }),
  };
}

export class CaseDirectory {
  readonly #cases = new Map<string, DirectoryCase>();
  #newestFirst: DirectoryCase[] | null = null;
  #isDropped = false;
  readonly #listeners = new Set<() => void>();
  #isAnnouncePending = false;

  /** Called after the directory changed (batched per task); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #announceChange(): void {
    this.#newestFirst = null;
    if (this.#isAnnouncePending || this.#listeners.size === 0) return;
    this.#isAnnouncePending = true;
    queueMicrotask(() => {
      this.#isAnnouncePending = false;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  get size(): number {
    return this.#cases.size;
  }

  get(caseId: string): DirectoryCase | undefined {
    return this.#cases.get(caseId);
  }

  putRows(rows: readonly CaseRow[]): void {
    // A save that commits after the lock must not bring its case back into memory.
    if (this.#isDropped) return;
    for (const row of rows) this.#cases.set(row.id, directoryCaseOf(row));
    if (rows.length > 0) this.#announceChange();
  }

  putCases(cases: readonly DirectoryCase[]): void {
    if (this.#isDropped) return;
    for (const entry of cases) this.#cases.set(entry.id, entry);
    if (cases.length > 0) this.#announceChange();
  }

  remove(caseIds: readonly string[]): void {
    for (const id of caseIds) this.#cases.delete(id);
    this.#announceChange();
  }

  clear(): void {
    this.#cases.clear();
    this.#announceChange();
  }

  /** At lock: emptied, and stays empty. */
  drop(): void {
    this.#isDropped = true;
    this.#listeners.clear();
    this.clear();
  }

  /** Newest first: case ids are UUIDv7 made at registration, so id order is registration order. */
  newestFirst(): readonly DirectoryCase[] {
    this.#newestFirst ??= [...this.#cases.values()].sort((a, b) =>
      a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
    );
    return this.#newestFirst;
  }
}
