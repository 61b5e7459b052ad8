/**
 * For tests of conflict review: conflicts as headquarters keeps them (domain/conflicts.ts),
 * arriving on the test store in a pull, and the usual clash that makes several of them.
 */
import type { Conflict } from '../domain/conflicts.ts';
import { HybridClock, type Stamp } from '../domain/hlc.ts';
import { testStaff, type TestStore } from './case-store.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';

/** Her other tablet, the one whose writes lose in these tests. */
export const otherDevice = '0190a000-0000-7000-8000-0000000000d2';

let conflictCount = 0;

/** A conflict id; distinct per call, in UUID form. */
export function nextConflictId(): string {
  return `0190a000-0000-7000-8000-${(++conflictCount).toString(16).padStart(12, '0')}`;
}

/** An open conflict on the case, lost by `otherDevice`'s caseworker; override any field. */
export function keptConflict(
  store: TestStore,
  caseId: string,
  overrides: Partial<Conflict> & Pick<Conflict, 'field' | 'value' | 'stamp' | 'winningStamp'>,
): Conflict {
  return {
    id: nextConflictId(),
    caseId,
    centreId: store.staff.centreId,
    recordType: 'case',
    recordId: caseId,
    loser: 'incoming',
    deviceId: otherDevice,
    writtenBy: testStaff.caseworker.userId,
    detectedAt: '2026-03-10T04:00:00.000Z',
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
    ...overrides,
  };
}

/** The conflicts arrive in one pulled page, as sync would store them. */
export async function pullConflicts(
  store: TestStore,
  conflicts: readonly Conflict[],
): Promise<void> {
  const server = new HybridClock('server', () => store.time - 30_000);
  await openSyncInbox({ db: store.db, clock: store.clock }).storePage(
    conflicts.map((conflict) => ({
      recordType: 'conflict',
      id: conflict.id,
      caseId: conflict.caseId,
      centreId: conflict.centreId,
      fields: Object.fromEntries(
        Object.entries(conflict).map(([name, value]) => [name, { value, stamp: server.now() }]),
      ),
    })),
    `cursor-${conflictCount}`,
  );
}

/** A stamp of `otherDevice`, a minute before the store's time: it loses to this tablet's. */
export function otherTabletStamp(store: TestStore): Stamp {
  return new HybridClock(otherDevice, () => store.time - 60_000).now();
}

/**
 * Both tablets asked to close the case without seeing each other: this tablet's request
 * (saved here) won, and headquarters kept the other one's three fields — one write, so
 * three conflicts with one losing stamp and one winning stamp. Returns them, not yet pulled.
 */
export async function closureClash(
  store: TestStore,
  caseId: string,
  options: { readonly writtenByName?: string | null } = {},
): Promise<Conflict[]> {
  await store.cases.updateCase(caseId, {
    closureReason: 'services_completed',
    closureRequestedBy: store.staff.userId,
    closureRequestedAt: new Date(store.time).toISOString(),
  });
  const winningStamp = (await store.db.cases.get(caseId))!.fields.closureReason!.stamp;
  const stamp = otherTabletStamp(store);
  const lost = {
    closureReason: 'survivor_withdrew',
    closureRequestedBy: testStaff.caseworker.userId,
    closureRequestedAt: '2026-03-10T03:00:00.000Z',
  };
  return Object.entries(lost).map(([field, value]) =>
    keptConflict(store, caseId, {
      field,
      value,
      stamp,
      winningStamp,
      ...(options.writtenByName === undefined ? {} : { writtenByName: options.writtenByName }),
    }),
  );
}
