import { describe, expect, it } from 'vitest';
import { SakhiDatabase } from './database.ts';
import { keyMetaOf, type Keyring } from './key-meta.ts';
import { PIN_KEY_ITERATIONS } from '../platform/pin-key.ts';
import { MAX_WRONG_PINS, openKeyVault, type KeyVault, type VaultUser } from './key-vault.ts';

// Few iterations: these tests check the rules, not the cost of a try.
const iterations = 1_000;
const lucknow = 'centre-lucknow';
const asha: VaultUser = {
  id: 'user-asha',
  username: 'asha',
  displayName: 'Asha',
  centreId: lucknow,
};
const meena: VaultUser = {
  id: 'user-meena',
  username: 'meena',
  displayName: 'Meena',
  centreId: lucknow,
};
const varanasiStaff: VaultUser = {
  id: 'user-farida',
  username: 'farida',
  displayName: 'Farida',
  centreId: 'centre-varanasi',
};
const ashaPin = '482915';
const meenaPin = '730164';
const wrongPin = '902817';

function dataKeyOf(seed: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: 32 }, (_, i) => (seed * 31 + i * 7) % 256);
}

function openVault(): { vault: KeyVault; db: SakhiDatabase } {
  const db = new SakhiDatabase(`sakhi-key-vault-${crypto.randomUUID()}`);
  return { vault: openKeyVault(db, { iterations }), db };
}

async function readKeyring(db: SakhiDatabase): Promise<Keyring | undefined> {
  const row = await keyMetaOf(db).get('keyring');
  return row?.key === 'keyring' ? row.value : undefined;
}

async function typeWrongPins(vault: KeyVault, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await vault.unlock(asha.id, wrongPin);
}

describe('key vault', () => {
  it('gives the data key for her PIN only, and never stores it bare', async () => {
    const { vault, db } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    expect(await vault.unlock(asha.id, ashaPin)).toEqual({ ok: true, dataKey: dataKeyOf(1) });
    expect(await vault.unlock(asha.id, wrongPin)).toEqual({
      ok: false,
      reason: 'wrong_pin',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect(await vault.unlock(meena.id, meenaPin)).toEqual({ ok: false, reason: 'not_enrolled' });
    expect(await vault.enrolledUsers()).toEqual([
      { userId: asha.id, username: 'asha', displayName: 'Asha' },
    ]);
    expect(await vault.enrolledScope()).toEqual({ kind: 'centre', centreId: lucknow });
    const stored = Buffer.from((await readKeyring(db))!.users[asha.id]!.wrappedKey);
    expect(stored.includes(Buffer.from(dataKeyOf(1).subarray(0, 8)))).toBe(false);
  });

  it('refuses to enrol a PIN the policy refuses', async () => {
    const { vault } = openVault();
    await expect(vault.enrol(asha, '123456', dataKeyOf(1))).rejects.toThrow('sequence');
    expect(await vault.enrolledUsers()).toEqual([]);
  });

  it('lets a colleague of the same centre unlock with her own PIN', async () => {
    const { vault } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await vault.enrol(meena, meenaPin, dataKeyOf(1));
    expect(await vault.unlock(meena.id, meenaPin)).toMatchObject({ ok: true });
    expect(await vault.unlock(meena.id, ashaPin)).toMatchObject({ reason: 'wrong_pin' });
    expect(await vault.unlock(asha.id, ashaPin)).toMatchObject({ ok: true });
  });

  it('replaces her wrapping when she enrols again, and drops another centre’s', async () => {
    const { vault } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await vault.enrol(meena, meenaPin, dataKeyOf(1));
    await vault.enrol(asha, '573920', dataKeyOf(1));
    expect(await vault.unlock(asha.id, ashaPin)).toMatchObject({ reason: 'wrong_pin' });
    expect(await vault.unlock(asha.id, '573920')).toMatchObject({ ok: true });

    await vault.enrol(varanasiStaff, '618304', dataKeyOf(2));
    expect((await vault.enrolledUsers()).map((user) => user.userId)).toEqual([varanasiStaff.id]);
    expect(await vault.enrolledScope()).toEqual({ kind: 'centre', centreId: 'centre-varanasi' });
    expect(await vault.unlock(meena.id, meenaPin)).toEqual({ ok: false, reason: 'not_enrolled' });
  });

  it('counts wrong PINs across staff and resets the count on a right one', async () => {
    const { vault } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await vault.enrol(meena, meenaPin, dataKeyOf(1));
    await typeWrongPins(vault, 5);
    expect(await vault.unlock(meena.id, wrongPin)).toEqual({
      ok: false,
      reason: 'wrong_pin',
      attemptsLeft: MAX_WRONG_PINS - 6,
    });
    expect(await vault.unlock(meena.id, meenaPin)).toMatchObject({ ok: true });
    await typeWrongPins(vault, MAX_WRONG_PINS - 1);
    expect(await vault.unlock(asha.id, ashaPin)).toMatchObject({ ok: true });
  });

  it('destroys every wrapping at exactly the tenth wrong PIN in a row', async () => {
    const { vault, db } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await vault.enrol(meena, meenaPin, dataKeyOf(1));
    await typeWrongPins(vault, MAX_WRONG_PINS - 2);
    expect(await vault.unlock(asha.id, wrongPin)).toEqual({
      ok: false,
      reason: 'wrong_pin',
      attemptsLeft: 1,
    });
    expect(await vault.isLockedOut()).toBe(false);
    expect(await vault.unlock(asha.id, wrongPin)).toEqual({ ok: false, reason: 'locked_out' });

    expect(await vault.isLockedOut()).toBe(true);
    expect(await vault.enrolledUsers()).toEqual([]);
    expect((await readKeyring(db))?.users).toEqual({});
    expect(await vault.unlock(asha.id, ashaPin)).toEqual({ ok: false, reason: 'locked_out' });
    expect(await vault.unlock(meena.id, meenaPin)).toEqual({ ok: false, reason: 'locked_out' });
  });

  it('opens again after an online sign-in enrols her anew', async () => {
    const { vault } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await typeWrongPins(vault, MAX_WRONG_PINS);
    expect(await vault.isLockedOut()).toBe(true);

    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    expect(await vault.isLockedOut()).toBe(false);
    expect(await vault.unlock(asha.id, wrongPin)).toMatchObject({
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect(await vault.unlock(asha.id, ashaPin)).toEqual({ ok: true, dataKey: dataKeyOf(1) });
  });

  it('spends the try before deriving, so a try the app was killed during still counts', async () => {
    const { db } = openVault();
    // Slow enough to look at the stored count while the derivation runs.
    const slowVault = openKeyVault(db, { iterations: 1_000_000 });
    await slowVault.enrol(asha, ashaPin, dataKeyOf(1));
    let isSettled = false;
    const trying = slowVault.unlock(asha.id, ashaPin).finally(() => (isSettled = true));
    while (!isSettled && (await readKeyring(db))?.failedAttempts !== 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(isSettled).toBe(false);
    expect(await trying).toMatchObject({ ok: true });
    expect((await readKeyring(db))?.failedAttempts).toBe(0);
  });

  it('treats a tenth try cut short as the tenth wrong PIN, even before a right one', async () => {
    const { vault, db } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await typeWrongPins(vault, MAX_WRONG_PINS - 1);
    // What a kill during the tenth derivation leaves: the count raised, the keys still there.
    const keyring = (await readKeyring(db))!;
    await keyMetaOf(db).put({
      key: 'keyring',
      value: { ...keyring, failedAttempts: MAX_WRONG_PINS },
    });
    expect(await vault.unlock(asha.id, ashaPin)).toEqual({ ok: false, reason: 'locked_out' });
    expect((await readKeyring(db))?.users).toEqual({});
  });

  it('changes her PIN over the same data key; a wrong old PIN counts', async () => {
    const { vault, db } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    const before = (await readKeyring(db))!.users[asha.id]!;

    expect(await vault.changePin(asha.id, ashaPin, '111111')).toMatchObject({
      ok: false,
      reason: 'weak_pin',
      weakness: 'all_same',
    });
    expect((await readKeyring(db))?.failedAttempts).toBe(0);
    expect(await vault.changePin(asha.id, wrongPin, '573920')).toMatchObject({
      reason: 'wrong_pin',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });

    expect(await vault.changePin(asha.id, ashaPin, '573920')).toEqual({ ok: true });
    const after = (await readKeyring(db))!.users[asha.id]!;
    expect(after.salt).not.toEqual(before.salt);
    expect(after.displayName).toBe('Asha');
    expect(await vault.unlock(asha.id, ashaPin)).toMatchObject({ reason: 'wrong_pin' });
    expect(await vault.unlock(asha.id, '573920')).toEqual({ ok: true, dataKey: dataKeyOf(1) });
  });

  it('forgets one person, or everything', async () => {
    const { vault } = openVault();
    await vault.enrol(asha, ashaPin, dataKeyOf(1));
    await vault.enrol(meena, meenaPin, dataKeyOf(1));
    await vault.pinSealingKey('A'.repeat(43));
    await vault.forget(asha.id);
    expect(await vault.unlock(asha.id, ashaPin)).toEqual({ ok: false, reason: 'not_enrolled' });
    expect(await vault.unlock(meena.id, meenaPin)).toMatchObject({ ok: true });

    await vault.destroyAll();
    expect(await vault.enrolledUsers()).toEqual([]);
    expect(await vault.enrolledScope()).toEqual({ kind: 'none' });
    expect(await vault.sealingKey()).toBeNull();
  });

  it('pins headquarters’ sealing key and says when a sign-in replaced it', async () => {
    const { vault } = openVault();
    expect(await vault.sealingKey()).toBeNull();
    expect(await vault.pinSealingKey('A'.repeat(43))).toBe('pinned');
    expect(await vault.pinSealingKey('A'.repeat(43))).toBe('unchanged');
    expect(await vault.pinSealingKey('B'.repeat(43))).toBe('replaced');
    expect(await vault.sealingKey()).toBe('B'.repeat(43));
  });

  it('wraps at the full iteration count unless told otherwise, and records it', async () => {
    const db = new SakhiDatabase(`sakhi-key-vault-${crypto.randomUUID()}`);
    await openKeyVault(db).enrol(asha, ashaPin, dataKeyOf(1));
    expect((await readKeyring(db))?.users[asha.id]?.iterations).toBe(PIN_KEY_ITERATIONS);
    // A wrapping keeps opening after the constant rises: its own count is used.
    expect(await openKeyVault(db, { iterations }).unlock(asha.id, ashaPin)).toMatchObject({
      ok: true,
    });
  });

  it('knows a headquarters tablet by its null centre', async () => {
    const { vault } = openVault();
    await vault.enrol({ ...asha, centreId: null }, ashaPin, dataKeyOf(3));
    expect(await vault.enrolledScope()).toEqual({ kind: 'headquarters' });
  });
});
