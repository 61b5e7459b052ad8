// Dexie must find IndexedDB when it loads, so the fake comes first.
import 'fake-indexeddb/auto';
