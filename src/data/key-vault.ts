/**
 * Who may unlock this tablet offline, and with what: the `keyring` meta row holds the
 * tablet's data key wrapped under each enrolled staff member's PIN (platform/pin-key.ts),
 * the tablet-wide count of wrong PINs, and the centre the data key belongs to; the
 * `sealingKey` row holds headquarters' public key pinned at sign-in.
 *
 * What must always hold:
 * - The data key is handed out only for a right PIN, and is never stored bare.
 * - MAX_WRONG_PINS wrong PINs in a row on this tablet, whoever types them, destroy every
 *   wrapping; only an online sign-in (a new `enrol`) opens the tablet again. A right PIN
 *   resets the count.
 * - The count is raised BEFORE a PIN is tried, so killing the app during the slow
 *   derivation still spends the try.
 * - One centre's data key per tablet: enrolling someone of another centre (after the
 *   centre switch the server allowed) drops every wrapping of the old key.
 */
import { checkPin, type PinWeakness } from '../domain/pin-policy.ts';
import type { BilingualMessage } from '../domain/protocol.ts';
import {
  PIN_KEY_ITERATIONS,
  unwrapWithPin,
  wrapUnderPin,
  type PinWrapping,
} from '../platform/pin-key.ts';
import type { SakhiDatabase } from './database.ts';
import { keyMetaOf, type Keyring, type KeyringUser } from './key-meta.ts';
import { toStoreError } from './store-errors.ts';

export const MAX_WRONG_PINS = 10;

/** Who enrols: the staff member the server just signed in, with her centre. */
export interface VaultUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** Null for a headquarters account. */
  readonly centreId: string | null;
}

export interface EnrolledUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
}

/** Whose data key this tablet holds. */
export type EnrolledScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'centre'; readonly centreId: string }
  | { readonly kind: 'headquarters' };

type PinRefusal =
  | { readonly ok: false; readonly reason: 'wrong_pin'; readonly attemptsLeft: number }
  /** Every wrapping is destroyed: an online sign-in is needed. */
  | { readonly ok: false; readonly reason: 'locked_out' }
  /** She has no PIN on this tablet (or it was forgotten): an online sign-in is needed. */
  | { readonly ok: false; readonly reason: 'not_enrolled' };

export type UnlockResult =
  { readonly ok: true; readonly dataKey: Uint8Array<ArrayBuffer> } | PinRefusal;

export type ChangePinResult =
  | { readonly ok: true }
  | PinRefusal
  | {
      readonly ok: false;
      readonly reason: 'weak_pin';
      readonly weakness: PinWeakness;
      readonly message: BilingualMessage;
    };

export type SealingKeyPinning = 'pinned' | 'unchanged' | 'replaced';

export interface KeyVault {
  /**
   * After an online sign-in: wraps the data key the server released under her new PIN,
   * replacing her previous wrapping and resetting the wrong-PIN count. Throws when the
   * PIN fails the policy (screens check it first with `checkPin`).
   */
  enrol(user: VaultUser, pin: string, dataKey: Uint8Array): Promise<void>;
  enrolledUsers(): Promise<readonly EnrolledUser[]>;
  enrolledScope(): Promise<EnrolledScope>;
  isLockedOut(): Promise<boolean>;
  unlock(userId: string, pin: string): Promise<UnlockResult>;
  /** Re-wraps the same data key under the new PIN; a wrong old PIN counts as a wrong PIN. */
  changePin(userId: string, oldPin: string, newPin: string): Promise<ChangePinResult>;
  forget(userId: string): Promise<void>;
  /** Erases the keyring and the pinned sealing key: for a wiped or revoked tablet. */
  destroyAll(): Promise<void>;
  /** Keeps headquarters' sealing key from a sign-in answer; only sign-in may replace it. */
  pinSealingKey(key: string): Promise<SealingKeyPinning>;
  sealingKey(): Promise<string | null>;
}

export interface KeyVaultOptions {
  /** PBKDF2 iterations for new wrappings; tests pass few. */
  readonly iterations?: number;
}

export function openKeyVault(db: SakhiDatabase, options: KeyVaultOptions = {}): KeyVault {
  const meta = keyMetaOf(db);
  const iterations = options.iterations ?? PIN_KEY_ITERATIONS;

  async function readKeyring(): Promise<Keyring | null> {
    const row = await meta.get('keyring');
    return row?.key === 'keyring' ? row.value : null;
  }

  async function writeKeyring(keyring: Keyring): Promise<void> {
    await meta.put({ key: 'keyring', value: keyring });
  }

  // Within one transaction, so two tries at once each spend one attempt.
  function inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return guarded(() => db.transaction('rw', meta, work));
  }

  // Spends one attempt and hands back her wrapping, or says why no PIN may be tried.
  function startAttempt(userId: string): Promise<PinWrapping | PinRefusal> {
    return inTransaction(async () => {
      const keyring = await readKeyring();
      if (keyring && keyring.failedAttempts >= MAX_WRONG_PINS) {
        await writeKeyring(lockedOut(keyring));
        return { ok: false, reason: 'locked_out' } as const;
      }
      const wrapping = keyring?.users[userId];
      if (!keyring || !wrapping) return { ok: false, reason: 'not_enrolled' } as const;
      await writeKeyring({ ...keyring, failedAttempts: keyring.failedAttempts + 1 });
      return wrapping;
    });
  }

  function recordRightPin(): Promise<void> {
    return inTransaction(async () => {
      const keyring = await readKeyring();
      if (keyring) await writeKeyring({ ...keyring, failedAttempts: 0 });
    });
  }

  function recordWrongPin(): Promise<PinRefusal> {
    return inTransaction(async () => {
      const keyring = await readKeyring();
      if (!keyring) return { ok: false, reason: 'not_enrolled' } as const;
      if (keyring.failedAttempts < MAX_WRONG_PINS) {
        const attemptsLeft = MAX_WRONG_PINS - keyring.failedAttempts;
        return { ok: false, reason: 'wrong_pin', attemptsLeft } as const;
      }
      await writeKeyring(lockedOut(keyring));
      return { ok: false, reason: 'locked_out' } as const;
    });
  }

  async function unlock(userId: string, pin: string): Promise<UnlockResult> {
    const attempt = await startAttempt(userId);
    if ('ok' in attempt) return attempt;
    const dataKey = await unwrapWithPin(pin, attempt, userId);
    if (dataKey === null) return recordWrongPin();
    await recordRightPin();
    return { ok: true, dataKey };
  }

  return {
    async enrol(user, pin, dataKey) {
      const check = checkPin(pin);
      if (!check.ok) throw new Error(`the PIN policy refuses this PIN (${check.reason})`);
      const wrapping = await wrapUnderPin(pin, dataKey, user.id, iterations);
      const entry: KeyringUser = {
        ...wrapping,
        username: user.username,
        displayName: user.displayName,
      };
      await inTransaction(async () => {
        const keyring = await readKeyring();
        const colleagues = keyring?.centreId === user.centreId ? keyring.users : {};
        await writeKeyring({
          users: { ...colleagues, [user.id]: entry },
          failedAttempts: 0,
          centreId: user.centreId,
        });
      });
    },

    async enrolledUsers() {
      const keyring = await guarded(readKeyring);
      return Object.entries(keyring?.users ?? {}).map(([userId, user]) => ({
        userId,
        username: user.username,
        displayName: user.displayName,
      }));
    },

    async enrolledScope() {
      const keyring = await guarded(readKeyring);
      if (!keyring || Object.keys(keyring.users).length === 0) return { kind: 'none' };
      return keyring.centreId === null
        ? { kind: 'headquarters' }
        : { kind: 'centre', centreId: keyring.centreId };
    },

    async isLockedOut() {
      const keyring = await guarded(readKeyring);
      return (keyring?.failedAttempts ?? 0) >= MAX_WRONG_PINS;
    },

    unlock,

    async changePin(userId, oldPin, newPin) {
      const check = checkPin(newPin);
      if (!check.ok) {
        return { ok: false, reason: 'weak_pin', weakness: check.reason, message: check.message };
      }
      const opened = await unlock(userId, oldPin);
      if (!opened.ok) return opened;
      const wrapping = await wrapUnderPin(newPin, opened.dataKey, userId, iterations);
      return inTransaction(async () => {
        const keyring = await readKeyring();
        const user = keyring?.users[userId];
        // Forgotten, or the tablet wiped, while the new wrapping was made.
        if (!keyring || !user) return { ok: false, reason: 'not_enrolled' } as const;
        await writeKeyring({
          ...keyring,
          users: { ...keyring.users, [userId]: { ...user, ...wrapping } },
        });
        return { ok: true } as const;
      });
    },

    async forget(userId) {
      await inTransaction(async () => {
        const keyring = await readKeyring();
        if (!keyring?.users[userId]) return;
        const others = Object.entries(keyring.users).filter(([id]) => id !== userId);
        await writeKeyring({ ...keyring, users: Object.fromEntries(others) });
      });
    },

    async destroyAll() {
      await guarded(() => meta.bulkDelete(['keyring', 'sealingKey']));
    },

    async pinSealingKey(key) {
      return inTransaction(async () => {
        const row = await meta.get('sealingKey');
        const pinned = row?.key === 'sealingKey' ? row.value.key : null;
        if (pinned === key) return 'unchanged';
        await meta.put({ key: 'sealingKey', value: { key } });
        return pinned === null ? 'pinned' : 'replaced';
      });
    },

    async sealingKey() {
      const row = await guarded(() => meta.get('sealingKey'));
      return row?.key === 'sealingKey' ? row.value.key : null;
    },
  };
}

// The count stays at the limit so the lock screen can say why no one can unlock.
function lockedOut(keyring: Keyring): Keyring {
  return { ...keyring, users: {}, failedAttempts: MAX_WRONG_PINS };
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error);
  }
}
