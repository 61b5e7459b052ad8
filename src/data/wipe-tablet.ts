/**
 * Wiping the tablet after headquarters revoked it: every case, entry, draft, conflict and
 * outbox row, every session, the sync cursor, the clock, the keys (keyring, sealing key,
 * device key) and the device identity. The next start is a new tablet: a new device id
 * and key, registered by the next online sign-in.
 *
 * What must always hold:
 * - One transaction: everything goes, or nothing does; what is left is one clear `erased`
 *   row saying when, why and how many changes never reached headquarters, for the page
 *   to tell whoever holds the tablet.
 * - Needs no key: the keyless database may clear sealed tables (locked-rows.ts), and rows
 *   are erased unopened.
 * - The caller pushes first (src/sync/wipe-after-revocation.ts): what is erased here
 *   unsent is only what headquarters refused or could not be sent.
 */
import type { ErasedNotice, SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';

export type { ErasedNotice };

export async function wipeTablet(
  db: SakhiDatabase,
  now: () => Date = () => new Date(),
): Promise<ErasedNotice> {
  try {
    return await db.transaction(
      'rw',
      [db.cases, db.entries, db.drafts, db.conflicts, db.outbox, db.meta, 'caseListings'],
      async () => {
        const notice: ErasedNotice = {
          at: now().toISOString(),
          reason: 'device_revoked',
          unsent: await db.outbox.count(),
        };
        await Promise.all([db.cases.clear(), db.entries.clear(), db.drafts.clear()]);
        await Promise.all([db.conflicts.clear(), db.outbox.clear()]);
        await db.table('caseListings').clear();
        await db.meta.clear();
        await db.meta.put({ key: 'erased', value: notice });
        return notice;
      },
    );
  } catch (error) {
    throw toStoreError(error);
  }
}

/** The notice a wipe left, or null: the page shows "this tablet was erased". */
export async function readErasedNotice(db: SakhiDatabase): Promise<ErasedNotice | null> {
  try {
    const row = await db.meta.get('erased');
    return row?.key === 'erased' ? row.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Once the person has read the notice. */
export async function clearErasedNotice(db: SakhiDatabase): Promise<void> {
  try {
    await db.meta.delete('erased');
  } catch (error) {
    throw toStoreError(error);
  }
}
