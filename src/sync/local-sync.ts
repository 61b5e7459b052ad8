/**
 * The sync engine's ports over the tablet's own store (src/data/sync-store-ports.ts: the
 * outbox, the inbox and the clock), and a transport (sync-ports.ts). The same wiring serves the page and
 * the service worker; each passes the clock its local saves stamp with.
 *
 *   const ports = createLocalSyncPorts({
 *     db: local.database,
 *     clock: local.clock,
 *     deviceId: local.device.id,
 *     transport: createHttpTransport({ baseUrl: '', readToken }),
 *   });
 *   await runSync(ports, { shouldPull: true });
 */
import type { HybridClock } from '../domain/hlc.ts';
import type { SakhiDatabase } from '../data/database.ts';
import { openSyncInbox } from '../data/sync-inbox.ts';
import { openSyncOutbox, type SyncOutboxStore } from '../data/sync-outbox.ts';
import { openServerTimeStore, readSyncCounts, type SyncCounts } from '../data/sync-state.ts';
import type { SyncTransport } from './sync-ports.ts';
import type { SyncPorts } from './sync-run.ts';

export interface LocalSyncOptions {
  readonly db: SakhiDatabase;
  /** The device's clock: the one its saves stamp with, so pulled stamps order its next writes. */
  readonly clock: HybridClock;
  readonly deviceId: string;
  readonly transport: SyncTransport;
  /** The corrected time, for when a rejection arrived; default: device time plus offset. */
  readonly now?: () => Date;
}

/** The ports, and the outbox with its extra methods for the rejected-changes screen. */
export interface LocalSyncPorts extends SyncPorts {
  readonly outbox: SyncOutboxStore;
}

export function createLocalSyncPorts(options: LocalSyncOptions): LocalSyncPorts {
  const { db, clock, deviceId, transport } = options;
  // Stamps carry the clock's device id and pushes the tablet's: if they differed, the
  // server would see every own write as another device's and keep it as a conflict.
  if (clock.deviceId !== deviceId) {
    throw new Error(`the clock stamps as ${clock.deviceId}, but the device is ${deviceId}`);
  }
  return {
    deviceId,
    outbox: openSyncOutbox({ db, clock, ...(options.now ? { now: options.now } : {}) }),
    inbox: openSyncInbox({ db, clock }),
    clock: openServerTimeStore(db, clock),
    transport,
  };
}

/** For the status line: changes waiting to go up, changes refused, conflicts open. */
export function readLocalSyncCounts(db: SakhiDatabase): Promise<SyncCounts> {
  return readSyncCounts(db);
}
