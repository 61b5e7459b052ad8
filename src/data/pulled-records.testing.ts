/**
 * For tests of screens that follow the store: what another tablet's save looks like once
 * a pull brought it, stored through the real sync inbox (sync-inbox.ts).
 */
import { buildNewCase, type Case } from '../domain/case.ts';
import { formatStamp } from '../domain/hlc.ts';
import type { PulledRecord } from '../domain/protocol.ts';
import type { TestStore } from './case-store.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';

const otherDevice = '0190a000-0000-7000-8000-0000000000d2';
let pageCount = 0;

/** A stamp of the other tablet, `afterMs` after the store's time (so it wins). */
function theirStamp(store: TestStore, afterMs: number): string {
  return formatStamp({ wallMs: store.time + afterMs, counter: 0, deviceId: otherDevice });
}

/** A whole case registered on another tablet of the same centre. */
export function pulledNewCase(
  store: TestStore,
  id: string,
  overrides: Partial<Case> = {},
): PulledRecord {
  const stamp = theirStamp(store, 1000);
  const values = {
    ...buildNewCase({
      id,
      centreId: store.staff.centreId,
      caseNumber: 'LKO-2026-AB-0007',
      registeredAt: new Date(store.time).toISOString(),
      registeredBy: store.staff.userId,
      arrivalRoute: 'helpline_181',
      survivorName: 'सुनीता देवी',
    }),
    ...overrides,
  };
  const fields = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, stamp }]),
  );
  return { recordType: 'case', id, caseId: id, centreId: store.staff.centreId, fields };
}

/** Another tablet's later edit of some fields of a case this tablet holds. */
export function pulledCaseEdit(
  store: TestStore,
  caseId: string,
  changes: Partial<Case>,
  afterMs = 60_000,
): PulledRecord {
  const stamp = theirStamp(store, afterMs);
  const fields = Object.fromEntries(
    Object.entries(changes).map(([name, value]) => [name, { value, stamp }]),
  );
  return { recordType: 'case', id: caseId, caseId, centreId: store.staff.centreId, fields };
}

/** Stores `records` as one pulled page, as the sync engine would. */
export async function storePulledPage(
  store: TestStore,
  records: readonly PulledRecord[],
): Promise<void> {
  const inbox = openSyncInbox({ db: store.db, clock: store.clock });
  await inbox.storePage([...records], `page-${++pageCount}`);
}

/**
 * A case this tablet has never seen, pulled with only its name and `fields`: the protocol lets a client
 * send a partial record, so no other field (case number, registration time, status) is known.
 */
export function pulledPartialCase(
  store: TestStore,
  id: string,
  fields: Partial<Case> = {},
): PulledRecord {
  return pulledCaseEdit(store, id, {
    id,
    centreId: store.staff.centreId,
    survivorName: 'Zarina',
    ...fields,
  });
}
