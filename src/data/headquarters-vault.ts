/**
 * A headquarters account's session on this tablet, sealed under her PIN, so the state
 * dashboard she last fetched can be read again offline after a reload, and by nobody else.
 *
 * A state account gets no data key from headquarters (she may never open a case here). At
 * her online sign-in the tablet makes a random key of its own for her (the "answers key"),
 * wraps it under the PIN she then chooses (platform/pin-key.ts, bound to her user id), and
 * seals with it her session (token, name, role) and every report answer kept for her.
 *
 * What must always hold:
 * - The answers key is never stored bare, and is never the tablet's data key: unlocking
 *   here opens no case store, and a headquarters PIN opens nothing of a centre.
 * - What one account's key sealed opens under no other account's: the user id is bound as
 *   additional data to the wrapping, to her sealed session and to each kept answer.
 * - MAX_WRONG_PINS wrong headquarters PINs in a row on this tablet, whoever types them,
 *   destroy every headquarters wrapping; the count is raised BEFORE a PIN is tried, so
 *   closing the app during the slow derivation still spends the try.
 */
import { createStore, del, get, update, type UseStore } from 'idb-keyval';
import { checkPin } from '../domain/pin-policy.ts';
import { headquartersRoles, type Role } from '../domain/vocabularies-staff.ts';
import {
  DATA_KEY_BYTES,
  PIN_KEY_ITERATIONS,
  unwrapWithPin,
  wrapUnderPin,
  type PinWrapping,
} from '../platform/pin-key.ts';
import { MAX_WRONG_PINS } from './key-vault.ts';
import { HEADQUARTERS_DATABASE_NAME } from './database-names.ts';

/** Who she is at headquarters, as her sign-in answer said; the token is her session. */
export interface HeadquartersAccount {
  readonly token: string;
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
}

/** Seals and opens what is kept for one account, under her answers key. */
export interface AccountSeal {
  readonly userId: string;
  /** `binding` (what the bytes are, e.g. the kept answer's key) must be given again to open. */
  seal(text: string, binding: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Null when it was sealed for another account or another binding, or was altered. */
  open(sealed: Uint8Array, binding: string): Promise<string | null>;
}

export interface UnlockedHeadquarters {
  readonly account: HeadquartersAccount;
  readonly seal: AccountSeal;
}

export interface EnrolledHeadquarters {
  readonly userId: string;
  readonly displayName: string;
}

export type HeadquartersUnlock =
  | { readonly outcome: 'unlocked'; readonly unlocked: UnlockedHeadquarters }
  | { readonly outcome: 'wrong_pin'; readonly attemptsLeft: number }
  | { readonly outcome: 'locked_out' }
  /** She has no PIN here any more (signed out, or a lockout destroyed it). */
  | { readonly outcome: 'not_enrolled' };

export interface HeadquartersVault {
  /** After her online sign-in: a new answers key under her PIN, replacing any she had here. */
  enrol(account: HeadquartersAccount, pin: string): Promise<UnlockedHeadquarters>;
  enrolled(): Promise<readonly EnrolledHeadquarters[]>;
  unlock(userId: string, pin: string): Promise<HeadquartersUnlock>;
  /** At sign-out: her wrapping and sealed session go; what was sealed for her stays unopenable. */
  forget(userId: string): Promise<void>;
}

interface EnrolledEntry {
  readonly displayName: string;
  readonly wrapping: PinWrapping;
  /** Her account as JSON, AES-GCM under her answers key: IV (12 bytes) || ciphertext || tag. */
  readonly sealedAccount: Uint8Array<ArrayBuffer>;
}

interface Keyring {
  readonly users: Readonly<Record<string, EnrolledEntry>>;
  readonly failedAttempts: number;
}

const keyringKey = 'keyring';
const ivBytes = 12;
const emptyKeyring: Keyring = { users: {}, failedAttempts: 0 };

export function openHeadquartersVault(
  store: UseStore = createStore(HEADQUARTERS_DATABASE_NAME, 'vault'),
  iterations: number = PIN_KEY_ITERATIONS,
): HeadquartersVault {
  const readKeyring = async (): Promise<Keyring> =>
    asKeyring(await get<unknown>(keyringKey, store));

  // idb-keyval's update reads and writes in one transaction, so two tries at once each
  // spend an attempt.
  const changeKeyring = (change: (keyring: Keyring) => Keyring): Promise<void> =>
    update<unknown>(keyringKey, (stored) => change(asKeyring(stored)), store);

  async function startAttempt(userId: string): Promise<EnrolledEntry | HeadquartersUnlock> {
    let refusal: HeadquartersUnlock | null = null;
    let entry: EnrolledEntry | null = null;
    await changeKeyring((keyring) => {
      if (keyring.failedAttempts >= MAX_WRONG_PINS) {
        refusal = { outcome: 'locked_out' };
        return { users: {}, failedAttempts: MAX_WRONG_PINS };
      }
      const found = keyring.users[userId];
      if (!found) {
        refusal = { outcome: 'not_enrolled' };
        return keyring;
      }
      entry = found;
      return { ...keyring, failedAttempts: keyring.failedAttempts + 1 };
    });
    return refusal ?? entry!;
  }

  async function recordWrongPin(): Promise<HeadquartersUnlock> {
    let result: HeadquartersUnlock = { outcome: 'locked_out' };
    await changeKeyring((keyring) => {
      if (keyring.failedAttempts < MAX_WRONG_PINS) {
        result = { outcome: 'wrong_pin', attemptsLeft: MAX_WRONG_PINS - keyring.failedAttempts };
        return keyring;
      }
      return { users: {}, failedAttempts: MAX_WRONG_PINS };
    });
    return result;
  }

  return {
    async enrol(account, pin) {
      const check = checkPin(pin);
      if (!check.ok) throw new Error(`the PIN policy refuses this PIN (${check.reason})`);
      const keyBytes = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
      const wrapping = await wrapUnderPin(pin, keyBytes, account.userId, iterations);
      const seal = await sealOf(account.userId, keyBytes);
      keyBytes.fill(0);
      const sealedAccount = await seal.seal(JSON.stringify(account), accountBinding);
      await changeKeyring((keyring) => ({
        users: {
          ...keyring.users,
          [account.userId]: { displayName: account.displayName, wrapping, sealedAccount },
        },
        failedAttempts: 0,
      }));
      return { account, seal };
    },

    async enrolled() {
      const keyring = await readKeyring();
      return Object.entries(keyring.users).map(([userId, entry]) => ({
        userId,
        displayName: entry.displayName,
      }));
    },

    async unlock(userId, pin) {
      const attempt = await startAttempt(userId);
      if ('outcome' in attempt) return attempt;
      const keyBytes = await unwrapWithPin(pin, attempt.wrapping, userId);
      if (keyBytes === null) return recordWrongPin();
      await changeKeyring((keyring) => ({ ...keyring, failedAttempts: 0 }));
      const seal = await sealOf(userId, keyBytes);
      keyBytes.fill(0);
      const opened = await seal.open(attempt.sealedAccount, accountBinding);
      const account = opened === null ? null : asAccount(JSON.parse(opened), userId);
      if (!account) return { outcome: 'not_enrolled' };
      return { outcome: 'unlocked', unlocked: { account, seal } };
    },

    async forget(userId) {
      await changeKeyring((keyring) => {
        const others = Object.entries(keyring.users).filter(([id]) => id !== userId);
        return { ...keyring, users: Object.fromEntries(others) };
      });
    },
  };
}

/** Forgets every headquarters wrapping on this tablet: for a wiped tablet. */
export async function destroyHeadquartersVault(
  store: UseStore = createStore(HEADQUARTERS_DATABASE_NAME, 'vault'),
): Promise<void> {
  await del(keyringKey, store);
}

const accountBinding = 'headquarters-session';

async function sealOf(userId: string, keyBytes: Uint8Array<ArrayBuffer>): Promise<AccountSeal> {
  // Non-extractable: once imported, script can use the key but never read it back.
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const additionalData = (binding: string) => new TextEncoder().encode(`${userId}\n${binding}`);
  return {
    userId,
    async seal(text, binding) {
      const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: additionalData(binding) },
        key,
        new TextEncoder().encode(text),
      );
      const bytes = new Uint8Array(ivBytes + sealed.byteLength);
      bytes.set(iv);
      bytes.set(new Uint8Array(sealed), ivBytes);
      return bytes;
    },
    async open(sealed, binding) {
      if (sealed.length <= ivBytes) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: sealed.slice(0, ivBytes),
            additionalData: additionalData(binding),
          },
          key,
          sealed.slice(ivBytes),
        );
        return new TextDecoder().decode(plain);
      } catch (error) {
        // A tag that does not match: another account's, another binding's, or altered.
        if (error instanceof Error && error.name === 'OperationError') return null;
        throw error;
      }
    },
  };
}

function asKeyring(stored: unknown): Keyring {
  if (typeof stored !== 'object' || stored === null) return emptyKeyring;
  const { users, failedAttempts } = stored as Partial<Keyring>;
  if (typeof users !== 'object' || users === null || typeof failedAttempts !== 'number') {
    return emptyKeyring;
  }
  return { users, failedAttempts };
}

function asAccount(parsed: unknown, userId: string): HeadquartersAccount | null {
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { token, displayName, role } = parsed as Record<string, unknown>;
  const headquartersRole = headquartersRoles.find((code) => code === role);
  if (typeof token !== 'string' || typeof displayName !== 'string' || !headquartersRole) {
    return null;
  }
  return { token, userId, displayName, role: headquartersRole };
}
