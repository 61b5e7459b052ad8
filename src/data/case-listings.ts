/**
 * Case listings: what the case directory (case-directory.ts) holds of each case, kept
 * sealed in a few large rows (`caseListings`, one per bucket of case ids) so that unlock
 * opens a few hundred rows instead of every case. Opening 20,000 case rows one by one
 * took about a minute on a loaded test machine; opening the buckets takes a fraction of a
 * second.
 *
 * What must always hold:
 * - A case's listing is a pure function of its stored row (listingOf), rewritten in the
 *   same transaction as the row (sealing-middleware.ts): the buckets never disagree with
 *   the cases after a commit.
 * - A case missing from the buckets (a row sealed by sealLegacyRows, or buckets erased)
 *   is opened in full at the next unlock and its listing written then: the buckets are
 *   an accelerator, never the only copy.
 */
import type { Table } from 'dexie';
import type { DirectoryCase } from './case-directory.ts';
import { directoryCaseOf } from './case-directory.ts';
import type { CaseRow, SakhiDatabase } from './database.ts';
import type { RowSealer } from './row-sealing.ts';
import { caseSearchKeys } from './search-keys.ts';
import { openStoredRow } from './sealed-tables.ts';

export type CaseListing = Omit<DirectoryCase, 'searchKeys'>;
export type ListingBucket = Record<string, CaseListing>;

export interface ListingRow {
  readonly bucket: number;
  readonly sealed: Uint8Array;
}

/**
 * Enough that a save reseals a small bucket (about 40 cases, 10 kB, at 20,000 cases),
 * few enough that unlock opens them quickly (each open has a fixed cost of ~0.2 ms).
 */
const bucketCount = 512;

/** Case ids are UUIDv7: their last hex digits are random, so buckets fill evenly. */
export function bucketOf(caseId: string): number {
  return parseInt(caseId.slice(-3), 16) % bucketCount || 0;
}

export function listingOf(row: CaseRow): CaseListing {
  const { searchKeys: _searchKeys, ...listing } = directoryCaseOf(row);
  return listing;
}

export function toDirectoryCase(listing: CaseListing): DirectoryCase {
  return {
    ...listing,
    searchKeys: listing.isRemoved === 1 ? [] : caseSearchKeys(listing),
  };
}

export function sealListingRow(
  sealer: RowSealer,
  bucket: number,
  listings: ListingBucket,
): ListingRow {
  return { bucket, sealed: sealer.seal('caseListings', String(bucket), listings) };
}

export function openListingRow(sealer: RowSealer, row: ListingRow | undefined): ListingBucket {
  if (!row) return {};
  return sealer.open('caseListings', String(row.bucket), row.sealed) as ListingBucket;
}

/** Groups rows by bucket; `listing` null removes the case from its bucket. */
export function groupByBucket(
  changes: readonly { id: string; listing: CaseListing | null }[],
): Map<number, Map<string, CaseListing | null>> {
  const groups = new Map<number, Map<string, CaseListing | null>>();
  for (const { id, listing } of changes) {
    const bucket = bucketOf(id);
    const group = groups.get(bucket) ?? new Map<string, CaseListing | null>();
    group.set(id, listing);
    groups.set(bucket, group);
  }
  return groups;
}

export function applyToBucket(
  stored: ListingBucket,
  changes: Map<string, CaseListing | null>,
): ListingBucket {
  const next: ListingBucket = { ...stored };
  for (const [id, listing] of changes) {
    if (listing === null) delete next[id];
    else next[id] = listing;
  }
  return next;
}

/**
 * Every case's directory entry, from the buckets; cases missing from them are opened in
 * full and their listings written back. `raw` shows rows as stored (legacy-sealing.ts).
 */
export async function readEveryListing(
  raw: SakhiDatabase,
  sealer: RowSealer,
): Promise<DirectoryCase[]> {
  const listingTable: Table<ListingRow, number> = raw.table('caseListings');
  const [caseIds, rows] = await Promise.all([
    raw.cases.toCollection().primaryKeys(),
    listingTable.toArray(),
  ]);
  const found = new Map<string, CaseListing>();
  for (const row of rows) {
    for (const [id, listing] of Object.entries(openListingRow(sealer, row))) found.set(id, listing);
  }
  const missing = caseIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    await raw.transaction('rw', raw.cases, listingTable, async () => {
      const stored = await raw.cases.bulkGet(missing);
      const changes = stored.flatMap((row) => {
        if (!row) return [];
        const opened = openStoredRow(sealer, 'cases', row as unknown as Record<string, unknown>);
        const listing = listingOf(opened as unknown as CaseRow);
        found.set(listing.id, listing);
        return [{ id: listing.id, listing }];
      });
      const groups = groupByBucket(changes);
      const buckets = [...groups.keys()];
      const storedBuckets = await listingTable.bulkGet(buckets);
      await listingTable.bulkPut(
        buckets.map((bucket, i) =>
          sealListingRow(
            sealer,
            bucket,
            applyToBucket(openListingRow(sealer, storedBuckets[i]), groups.get(bucket)!),
          ),
        ),
      );
    });
  }
  const known = new Set(caseIds);
  return [...found.values()].filter((listing) => known.has(listing.id)).map(toDirectoryCase);
}
