import { describe, expect, it } from 'vitest';
import { deviceTagForIndex } from '../domain/case-number.ts';
import { SakhiDatabase } from './database.ts';
import { ensureDeviceIdentity, provisionalDeviceTag } from './device.ts';

describe('device identity', () => {
  it('is made once and kept across reopening', async () => {
    const name = `sakhi-device-${Date.now()}`;
    const db = new SakhiDatabase(name);
    const first = await ensureDeviceIdentity(db);
    db.close();
    const again = new SakhiDatabase(name);
    expect(await ensureDeviceIdentity(again)).toEqual(first);
    again.close();
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(first.tag).toMatch(/^[0-9A-Z]{4}$/);
  });

  it('draws provisional tags outside every tag the server hands out', () => {
    const serverTags = new Set(
      Array.from({ length: 32 ** 2 + 32 ** 3 }, (_, index) => deviceTagForIndex(index)),
    );
    for (const random of [() => 0, () => 1, () => 2 ** 32 - 1, () => 123_456_789]) {
      const tag = provisionalDeviceTag(random);
      expect(tag).toHaveLength(4);
      expect(serverTags.has(tag)).toBe(false);
    }
  });
});
