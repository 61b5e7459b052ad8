// The tablet's IndexedDB database names, in a module of their own that imports nothing:
// the first screen reads them (to tell a tablet nobody has used from one with a store)
// before Dexie has loaded.

/** The tablet's store (database.ts): cases, entries, outbox, sessions, keys. */
export const TABLET_DATABASE_NAME = 'sakhi';

/** A state officer's sealed session and kept reports (headquarters-vault.ts). */
export const HEADQUARTERS_DATABASE_NAME = 'sakhi-headquarters';
