/**
 * Erasing one centre's data from the tablet, before it serves another centre (or
 * headquarters): every case, entry, draft, conflict, the session and what sync kept about
 * the old centre's log. Needs no key: the old centre's rows are sealed under a key the new
 * sign-in does not have, and are erased unopened.
 *
 * What must always hold:
 * - Nothing waiting for headquarters is ever erased: with any outbox row (waiting or
 *   refused) it refuses with `outbox_not_empty`, and the caller must ask first.
 * - One transaction: all of it is erased, or none.
 * - The device's identity, clock and case serials stay: they belong to the tablet (serials
 *   to its device tag, which the server changes with the district), not to the centre.
 */
import { StoreError } from './case-store.ts';
import type { MetaKey, SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';

export interface ErasedCentreData {
  readonly cases: number;
  readonly entries: number;
  readonly drafts: number;
  readonly conflicts: number;
}

const centreMetaKeys: readonly MetaKey[] = [
  'session',
  'sessions',
  'syncCursor',
  'serverStampFloor',
  'lastSyncAt',
  'lastFullSyncAt',
  'restoreRecheck',
];

export async function eraseCentreData(db: SakhiDatabase): Promise<ErasedCentreData> {
  try {
    return await db.transaction(
      'rw',
      [db.cases, db.entries, db.drafts, db.conflicts, db.outbox, db.meta, 'caseListings'],
      async () => {
        const waiting = await db.outbox.count();
        if (waiting > 0) throw outboxNotEmpty(waiting);
        const erased = {
          cases: await db.cases.count(),
          entries: await db.entries.count(),
          drafts: await db.drafts.count(),
          conflicts: await db.conflicts.count(),
        };
        await Promise.all([db.cases.clear(), db.entries.clear(), db.drafts.clear()]);
        await db.conflicts.clear();
        await db.table('caseListings').clear();
        await db.meta.bulkDelete([...centreMetaKeys]);
        return erased;
      },
    );
  } catch (error) {
    throw toStoreError(error);
  }
}

function outboxNotEmpty(waiting: number): StoreError {
  return new StoreError(
    'outbox_not_empty',
    {
      hi: 'इस टैबलेट पर कुछ बदलाव अभी मुख्यालय तक नहीं पहुँचे हैं। पहले इंटरनेट से जोड़कर भेजें, फिर दूसरे केंद्र से साइन इन करें।',
      en: 'Some changes on this tablet have not reached headquarters yet. Connect and send them first, then sign in for another centre.',
    },
    { details: [`outbox ${waiting}`] },
  );
}
