// Whether this browser has never held Sakhi's store: the one case where the first screen
// can only be the sign-in form, so it loads that form alone and the store (Dexie), the case
// list and the rest after it (docs/performance.md, "First visit on a slow link").
//
// What must stay true: a tablet that has a store is never taken for a new one, since only
// the full app shows its unlock screen, its erased notice or its signed-in case list. So
// every doubt answers "not new": a browser without `indexedDB.databases()`, or one that
// fails, opens the full app as before.
import { HEADQUARTERS_DATABASE_NAME, TABLET_DATABASE_NAME } from '../data/database-names.ts';

const appDatabases: readonly string[] = [TABLET_DATABASE_NAME, HEADQUARTERS_DATABASE_NAME];

/** True only when the browser lists its databases and none of them is Sakhi's. */
export async function isFirstVisit(databases: IDBFactory | undefined = globalThis.indexedDB) {
  // Absent in older browsers; listing never creates a database, unlike opening one.
  if (typeof databases?.databases !== 'function') return false;
  try {
    const listed = await databases.databases();
    return !listed.some((database) => database.name && appDatabases.includes(database.name));
  } catch {
    return false;
  }
}
