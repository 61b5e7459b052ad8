import { describe, expect, it } from 'vitest';
import { openCaseBroadcast } from './case-broadcast.ts';

describe('case broadcast', () => {
  it('drops an announcement made after it was closed instead of throwing in the save', () => {
    const broadcast = openCaseBroadcast('sakhi-test-closed-channel');
    broadcast.close();
    expect(() => broadcast.announce(['a-case-id'])).not.toThrow();
  });

  it('tells another tab which cases were saved', async () => {
    const listener = new BroadcastChannel('sakhi-case-writes:sakhi-test-open-channel');
    const heard = new Promise<unknown>((resolve) => {
      listener.onmessage = (event: MessageEvent<unknown>) => resolve(event.data);
    });
    const broadcast = openCaseBroadcast('sakhi-test-open-channel');
    broadcast.announce(['a-case-id']);
    expect(await heard).toEqual(['a-case-id']);
    broadcast.close();
    listener.close();
  });
});
