/**
 * Scheduled pruning: the running server deletes sessions past their end and sign-in
 * counts past their window, and keeps live ones and a revoked tablet's session (how it
 * learns to wipe itself). Run on both engines, on a harness whose server prunes every
 * few milliseconds (server/api.test.ts, server/api.pg.test.ts).
 */
import { expect, it } from 'vitest';
import { pruneExpiredRows } from '../../server/services/pruning.ts';
import { revokeDevice } from '../../server/services/devices.ts';
import { SESSION_IDLE_MS } from '../../server/services/sessions.ts';
import { seedFixture, signInAs, type ApiHarness } from './api-harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export function pruningSuite(getHarness: () => ApiHarness): void {
  async function remainingSessions(h: ApiHarness, ids: string[]) {
    const rows = await h.db.selectFrom('sessions').select('device_id').execute();
    return ids.filter((id) => rows.some((row) => row.device_id === id));
  }
  async function remainingThrottles(h: ApiHarness, keys: string[]) {
    const rows = await h.db.selectFrom('sign_in_throttles').select('key').execute();
    return keys.filter((key) => rows.some((row) => row.key === key));
  }
  async function waitFor(check: () => Promise<boolean>) {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('the server did not prune within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('deletes expired sessions and old sign-in counts on its own; live ones stay', async () => {
    const h = getHarness();
    const fixture = await seedFixture(h, 'prune');
    const idle = await signInAs(h, fixture.users.nurse.username);
    const onRevokedTablet = await signInAs(h, fixture.users.caseworker.username);
    await revokeDevice(h.db, {
      deviceId: onRevokedTablet.deviceId,
      now: h.clock.now(),
      revokedBy: null,
    });
    h.clock.advance(SESSION_IDLE_MS + DAY_MS);
    const live = await signInAs(h, fixture.users.counsellor.username);
    const now = h.clock.now().getTime();
    const at = (agoMs: number) => new Date(now - agoMs).toISOString();
    const throttles = [
      { key: 'account:old', window_started_at: at(16 * MINUTE_MS), failures: 3 },
      { key: 'account:live', window_started_at: at(5 * MINUTE_MS), failures: 3 },
      { key: 'new-device-account:live', window_started_at: at(2 * 60 * MINUTE_MS), failures: 2 },
      { key: 'new-device-centre:old', window_started_at: at(DAY_MS + MINUTE_MS), failures: 2 },
    ];
    await h.db.insertInto('sign_in_throttles').values(throttles).execute();
    const sessionDevices = [idle.deviceId, onRevokedTablet.deviceId, live.deviceId];
    const throttleKeys = throttles.map((row) => row.key);

    await waitFor(async () => (await remainingSessions(h, [idle.deviceId])).length === 0);
    await waitFor(async () => (await remainingThrottles(h, throttleKeys)).length === 2);
    expect(await remainingSessions(h, sessionDevices)).toEqual([
      onRevokedTablet.deviceId,
      live.deviceId,
    ]);
    expect(await remainingThrottles(h, throttleKeys)).toEqual([
      'account:live',
      'new-device-account:live',
    ]);
    // The live session still works after pruning.
    const session = await h.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { authorization: `Bearer ${live.token}` },
    });
    expect(session.statusCode).toBe(200);
    // Nothing is left to prune once the schedule has run.
    expect(await pruneExpiredRows(h.db, h.clock.now())).toEqual({ sessions: 0, throttles: 0 });
  });
}
