import { createStore, get } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { openHeadquartersVault } from './headquarters-vault.ts';
import { headquartersTestPin as pin } from './headquarters-vault.testing.ts';
import { MAX_WRONG_PINS } from './key-vault.ts';

let storeNumber = 0;
function openFresh() {
  storeNumber += 1;
  const store = createStore(`sakhi-hq-vault-unit-${storeNumber}`, 'vault');
  return { store, vault: openHeadquartersVault(store, 1_000) };
}

const admin = {
  token: 'admin-session-token',
  userId: 'u-admin',
  displayName: 'राज्य प्रशासक',
  role: 'state_admin',
} as const;
const analyst = {
  ...admin,
  token: 'analyst-token',
  userId: 'u-analyst',
  role: 'state_analyst',
} as const;

describe('the headquarters vault', () => {
  it('opens her session again with her PIN, and a kept text with her seal', async () => {
    const { vault } = openFresh();
    const enrolled = await vault.enrol(admin, pin);
    const sealed = await enrolled.seal.seal('{"casesRegistered":16629}', 'state-2020');
    const result = await vault.unlock(admin.userId, pin);
    expect(result.outcome).toBe('unlocked');
    if (result.outcome !== 'unlocked') return;
    expect(result.unlocked.account).toEqual(admin);
    expect(await result.unlocked.seal.open(sealed, 'state-2020')).toBe('{"casesRegistered":16629}');
    expect(await result.unlocked.seal.open(sealed, 'state-2021')).toBeNull();
    expect(await vault.enrolled()).toEqual([
      { userId: admin.userId, displayName: admin.displayName },
    ]);
  });

  it('stores neither her token nor the key in the clear', async () => {
    const { store, vault } = openFresh();
    await vault.enrol(admin, pin);
    const stored = JSON.stringify(await get('keyring', store), (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
    );
    expect(stored).not.toContain(admin.token);
    expect(stored).not.toContain('state_admin');
  });

  it("opens nothing of one account under another's key or PIN", async () => {
    const { vault } = openFresh();
    const asAdmin = await vault.enrol(admin, pin);
    const asAnalyst = await vault.enrol(analyst, '730518');
    const sealed = await asAdmin.seal.seal('figures', 'state-2020');
    expect(await asAnalyst.seal.open(sealed, 'state-2020')).toBeNull();
    // The analyst's PIN typed under the admin's name is a wrong PIN.
    expect(await vault.unlock(admin.userId, '730518')).toEqual({
      outcome: 'wrong_pin',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect((await vault.unlock(analyst.userId, '730518')).outcome).toBe('unlocked');
  });

  it('destroys every headquarters wrapping after ten wrong PINs in a row', async () => {
    const { vault } = openFresh();
    await vault.enrol(admin, pin);
    await vault.enrol(analyst, '730518');
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt += 1) {
      expect((await vault.unlock(admin.userId, '000000')).outcome).toBe('wrong_pin');
    }
    expect(await vault.unlock(analyst.userId, '999999')).toEqual({ outcome: 'locked_out' });
    expect(await vault.enrolled()).toEqual([]);
    expect((await vault.unlock(admin.userId, pin)).outcome).toBe('locked_out');
  });

  it('a right PIN resets the count; sign-out forgets her and keeps the others', async () => {
    const { vault } = openFresh();
    await vault.enrol(admin, pin);
    await vault.enrol(analyst, '730518');
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt += 1) {
      await vault.unlock(admin.userId, '000000');
    }
    expect((await vault.unlock(admin.userId, pin)).outcome).toBe('unlocked');
    expect(await vault.unlock(admin.userId, '000000')).toEqual({
      outcome: 'wrong_pin',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    await vault.forget(admin.userId);
    expect(await vault.unlock(admin.userId, pin)).toEqual({ outcome: 'not_enrolled' });
    expect((await vault.unlock(analyst.userId, '730518')).outcome).toBe('unlocked');
  });

  it('refuses a PIN the policy refuses', async () => {
    const { vault } = openFresh();
    await expect(vault.enrol(admin, '123456')).rejects.toThrow(/PIN policy/);
  });
});
