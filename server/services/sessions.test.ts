// @vitest-environment node
// A session's "last used" touch on SQLite: one commit through the pushes' queue, shared
// with what is queued beside it, never commits of its own between the pushes'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedFixture,
  signInAs,
  sqliteHarness,
  type ApiHarness,
  type Fixture,
} from '../../tests/support/api-harness.ts';
import { pushGroupsOf } from '../db/database.ts';
import { authenticate } from './sessions.ts';

describe('authenticate on SQLite', () => {
  let harness: ApiHarness;
  let fixture: Fixture;

  beforeAll(async () => {
    harness = await sqliteHarness();
    fixture = await seedFixture(harness);
  });
  afterAll(() => harness.close());

  it('writes last used and last seen through the queue pushes commit through', async () => {
    const tablet = await signInAs(harness, fixture.users.caseworker.username);
    const groups = pushGroupsOf(harness.db)!;
    harness.clock.advance(5 * 60 * 1000);
    const now = harness.clock.now();
    const before = groups.countCommitted();
    const result = await authenticate(harness.db, tablet.token, now);
    expect(result.ok).toBe(true);
    const after = groups.countCommitted();
    // Both writes in one of the queue's transactions, which any push queued beside it
    // shares (push-group-commit.test.ts): one fsync, not one per write.
    expect({ groups: after.groups - before.groups, pushes: after.pushes - before.pushes }).toEqual({
      groups: 1,
      pushes: 1,
    });
    // Within the minute nothing is written again.
    await authenticate(harness.db, tablet.token, new Date(now.getTime() + 30_000));
    expect(groups.countCommitted()).toEqual(after);
    const session = await harness.db
      .selectFrom('sessions')
      .innerJoin('devices', 'devices.id', 'sessions.device_id')
      .select(['sessions.last_used_at as lastUsedAt', 'devices.last_seen_at as lastSeenAt'])
      .where('sessions.device_id', '=', tablet.deviceId)
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ lastUsedAt: now.toISOString(), lastSeenAt: now.toISOString() });
  });
});
