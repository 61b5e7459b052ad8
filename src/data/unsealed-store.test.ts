import { afterEach, describe, expect, it } from 'vitest';
import { sampleIntake, testStaff } from './case-store.testing.ts';
import { SakhiDatabase } from './database.ts';
import { rawRows } from './legacy-sealing.ts';
import { openLocalStore, type LocalStore } from './local-store.ts';
import { testDataKey } from './sealed-database.testing.ts';
import { sessionFromSignIn } from './session.ts';
import { sampleSignInResponse } from './session.testing.ts';
import { openSyncInbox } from './sync-inbox.ts';

let count = 0;
let local: LocalStore | null = null;
afterEach(() => local?.close());

async function signedInTablet(centreId?: string) {
  const name = `sakhi-unsealed-${Date.now()}-${++count}`;
  local = await openLocalStore({ databaseName: name });
  const unsealed = await local.unseal(testDataKey);
  const response = sampleSignInResponse({ deviceId: local.device.id });
  const session = sessionFromSignIn(response);
  await unsealed.startSession(
    centreId && session.centre
      ? { ...session, centre: { ...session.centre, id: centreId } }
      : session,
    Date.parse(response.serverTime),
  );
  return { name, unsealed, cases: unsealed.caseStore(testStaff.caseworker, 'K7') };
}

describe('the unlocked store', () => {
  it('keeps names, phones, drafts and the session token out of IndexedDB', async () => {
    const { name, unsealed, cases } = await signedInTablet();
    await cases.registerCase(
      sampleIntake({ survivorName: 'Zebunnisa', survivorPhone: '9876501234' }),
    );
    await unsealed.drafts.saveDraft({
      id: 'd1',
      form: 'intake',
      values: { notes: 'husband Rafiq' },
    });
    const raw = new SakhiDatabase(name, { rows: rawRows });
    const dump = JSON.stringify(
      await Promise.all(
        ['cases', 'caseListings', 'outbox', 'drafts', 'meta'].map((t) => raw.table(t).toArray()),
      ),
    );
    raw.close();
    const { token } = (await unsealed.readSession())!;
    expect(dump).not.toMatch(new RegExp(`Zebunnisa|9876501234|Rafiq|${token}`));
  });

  it('shows nothing once locked, and the keyless store refuses sealed rows', async () => {
    const { cases, unsealed } = await signedInTablet();
    await cases.registerCase(sampleIntake({ survivorName: 'Zebunnisa' }));
    unsealed.lock();
    expect(unsealed.directory.size).toBe(0);
    await expect(local!.database.cases.toArray()).rejects.toMatchObject({ code: 'locked' });
    expect(await local!.readSession()).toBeNull();
  });

  it('does not list a case whose save was rolled back', async () => {
    const { unsealed, cases } = await signedInTablet();
    const db = unsealed.database;
    await expect(
      db.transaction('rw', [db.cases, db.entries, db.outbox, db.meta], async () => {
        await cases.registerCase(sampleIntake({ survivorName: 'Rolled Back' }));
        throw new Error('abort');
      }),
    ).rejects.toThrow();
    expect(await cases.searchCases('')).toEqual([]);
  });
});

describe('one centre per tablet', () => {
  it('treats a cursor kept for another centre as none', async () => {
    const { unsealed } = await signedInTablet();
    const inbox = openSyncInbox({ db: unsealed.database, clock: unsealed.clock });
    await inbox.storePage([], '42');
    expect(await inbox.readCursor()).toBe('42');
    const response = sampleSignInResponse({ deviceId: local!.device.id });
    const session = sessionFromSignIn(response);
    await unsealed.startSession(
      { ...session, centre: { ...session.centre!, id: '01900000-0000-7000-8000-00000000c002' } },
      Date.parse(response.serverTime),
    );
    expect(await inbox.readCursor()).toBeNull();
  });

  it('erases a centre only when nothing waits for headquarters, and says what it erased', async () => {
    const { unsealed, cases } = await signedInTablet();
    await cases.registerCase(sampleIntake());
    await expect(local!.eraseCentreData()).rejects.toMatchObject({ code: 'outbox_not_empty' });
    await unsealed.database.outbox.clear();
    unsealed.lock();
    expect(await local!.eraseCentreData()).toEqual({
      cases: 1,
      entries: 0,
      drafts: 0,
      conflicts: 0,
    });
    const again = await local!.unseal(testDataKey);
    expect(await again.readSession()).toBeNull();
    expect(await again.caseStore(testStaff.caseworker, 'K7').searchCases('')).toEqual([]);
    again.lock();
  });
});
