import { describe, expect, it } from 'vitest';
import { deviceTagForIndex } from '../domain/case-number.ts';
import { SakhiDatabase } from './database.ts';
import { chooseDemoStaff, demoStaffMembers, loadDemoStaff } from './demo-staff.ts';
import { ensureDeviceIdentity, provisionalDeviceTag } from './device.ts';
import { openLocalStore } from './local-store.ts';

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

describe('local store and demo staff', () => {
  it('has no staff on first start, remembers the choice, and saves as that staff member', async () => {
    const name = `sakhi-local-${Date.now()}`;
    const local = await openLocalStore({ databaseName: name });
    expect(await local.currentStaff()).toBeNull();
    const nurse = demoStaffMembers.find((member) => member.role === 'nurse')!;
    await local.chooseStaff(nurse.userId);
    local.close();

    const reopened = await openLocalStore({ databaseName: name });
    expect(reopened.device).toEqual(local.device);
    const staff = await reopened.currentStaff();
    expect(staff).toEqual(nurse);
    expect(await loadDemoStaff(reopened.database)).toEqual(nurse);
    reopened.close();
  });

  it('offers one Lucknow staff member per centre role and refuses an unknown one', async () => {
    expect(demoStaffMembers.map((m) => m.role)).toEqual([
      'manager',
      'counsellor',
      'nurse',
      'operator',
      'caseworker',
    ]);
    expect(new Set(demoStaffMembers.map((m) => m.userId)).size).toBe(5);
    expect(demoStaffMembers.every((m) => m.districtCode === 'LKO')).toBe(true);
    const db = new SakhiDatabase(`sakhi-demo-${Date.now()}`);
    await expect(chooseDemoStaff(db, 'nobody')).rejects.toThrow(RangeError);
    db.close();
  });
});
