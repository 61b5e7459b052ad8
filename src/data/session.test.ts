import { describe, expect, it } from 'vitest';
import { sampleIntake, testStaff } from './case-store.testing.ts';
import { openLocalStore } from './local-store.ts';
import { openTestSealedDatabase, testDataKey } from './sealed-database.testing.ts';
import {
  clearSession,
  readSession,
  saveSession,
  sessionFromSignIn,
  staffOfSession,
} from './session.ts';
import { headquartersSignInResponse, sampleSignInResponse } from './session.testing.ts';

let databaseCount = 0;
const freshName = () => `sakhi-session-${Date.now()}-${++databaseCount}`;

describe('the session on the tablet', () => {
  it('is kept without the password, read back after reopening, and cleared', async () => {
    const name = freshName();
    const session = sessionFromSignIn(sampleSignInResponse({ tag: 'Q3' }));
    const { db } = await openTestSealedDatabase(name);
    expect(await readSession(db)).toBeNull();
    await saveSession(db, session);
    db.close();

    const { db: reopened } = await openTestSealedDatabase(name);
    const stored = await readSession(reopened);
    expect(stored).toEqual(session);
    expect(stored?.deviceTag).toBe('Q3');
    expect(JSON.stringify(stored)).not.toMatch(/password/i);
    await clearSession(reopened);
    expect(await readSession(reopened)).toBeNull();
    reopened.close();
  });

  it('gives the staff member cases are saved as, and none for a headquarters account', () => {
    expect(staffOfSession(sessionFromSignIn(sampleSignInResponse()))).toEqual(testStaff.caseworker);
    expect(staffOfSession(sessionFromSignIn(headquartersSignInResponse()))).toBeNull();
  });
});

describe('local store and sign-in', () => {
  it('numbers new cases with the server tag, and a sign-out keeps cases and the outbox', async () => {
    const name = freshName();
    const keyless = await openLocalStore({ databaseName: name });
    const local = await keyless.unseal(testDataKey);
    const provisional = await local
      .caseStore(testStaff.caseworker, keyless.device.tag)
      .registerCase(sampleIntake({ survivorName: 'पहली' }));
    expect(provisional.caseNumber).toContain(`-${keyless.device.tag}-0001`);

    const response = sampleSignInResponse({ deviceId: keyless.device.id, tag: 'K7' });
    await local.startSession(sessionFromSignIn(response), Date.parse(response.serverTime));
    const session = await local.readSession();
    const staff = staffOfSession(session!)!;
    const cases = local.caseStore(staff, session!.deviceTag);
    const registered = await cases.registerCase(sampleIntake({ survivorName: 'दूसरी' }));
    expect(registered.caseNumber).toMatch(/^LKO-\d{4}-K7-0002$/);
    expect(registered.registeredBy).toBe(staff.userId);
    expect(await cases.countPendingChanges()).toBe(2);

    await local.endSession();
    local.lock();
    keyless.close();
    const reopened = await (await openLocalStore({ databaseName: name })).unseal(testDataKey);
    expect(await reopened.readSession()).toBeNull();
    const after = reopened.caseStore(testStaff.caseworker, 'K7');
    expect(await after.countPendingChanges()).toBe(2);
    expect((await after.getCaseFile(provisional.id))?.case.caseNumber).toBe(provisional.caseNumber);
    reopened.lock();
  });

  it("sets the clock's offset from the server's time at sign-in", async () => {
    const deviceTime = Date.parse('2019-01-01T00:00:00.000Z');
    const local = await openLocalStore({
      databaseName: freshName(),
      readDeviceTime: () => deviceTime,
    });
    const response = sampleSignInResponse({ serverTime: '2026-03-10T05:00:00.000Z' });
    const unsealed = await local.unseal(testDataKey);
    await unsealed.startSession(sessionFromSignIn(response), Date.parse(response.serverTime));
    unsealed.lock();
    expect(local.clock.snapshot().offsetMs).toBe(Date.parse(response.serverTime) - deviceTime);
    const stored = await local.database.meta.get('clock');
    expect(stored?.key === 'clock' ? stored.value.offsetMs : null).toBe(
      Date.parse(response.serverTime) - deviceTime,
    );
    local.close();
  });

  it('remembers whether the server is a demo, and says no until told', async () => {
    const name = freshName();
    const local = await openLocalStore({ databaseName: name });
    expect(await local.readServerIsDemo()).toBe(false);
    await local.rememberServerIsDemo(true);
    local.close();
    const reopened = await openLocalStore({ databaseName: name });
    expect(await reopened.readServerIsDemo()).toBe(true);
    reopened.close();
  });
});
