/**
 * Who is signed in on this tablet: the device session the server issued at the last
 * online sign-in (docs/api.md, "Sign-in"), kept in the `meta` table under `session`.
 *
 * What must always hold:
 * - The password never reaches this file: only what the server answered is kept.
 * - Reading the session needs no network, so the app opens offline. Its expiry is the
 *   server's to judge on the next request (`session_expired`), never the tablet's: a
 *   centre may be offline for weeks and its staff must keep working.
 * - Clearing the session touches nothing else: cases, entries, drafts and the outbox stay,
 *   so work not yet sent goes up after the next sign-in.
 * - The device tag in the session is the one the server registered for this tablet in its
 *   district; new case numbers use it. Cases numbered before (with the provisional
 *   4-character tag of device.ts) keep their numbers.
 * - The token and the identity are sealed at rest like survivor data (sealed-tables.ts seals
 *   the `session` and `sessions` meta rows under the data key her PIN unwraps).
 */
import type {
  CentreDetails,
  SessionCentre,
  SessionUser,
  SignInResponse,
} from '../domain/auth-protocol.ts';
import type { Instant } from '../domain/india-time.ts';
import type { StaffMember } from './case-store.ts';
import type { SakhiDatabase } from './database.ts';
import { toStoreError } from './store-errors.ts';

export interface SignedInSession {
  /** Opaque; sent as `Authorization: Bearer …`. */
  readonly token: string;
  /** When the server ends the session if the tablet is silent until then (it slides with use). */
  readonly expiresAt: Instant;
  /** When the server ends it whatever happens. */
  readonly absoluteExpiresAt: Instant;
  readonly user: SessionUser;
  /** Null for headquarters roles, which work on no centre's cases. */
  readonly centre: SessionCentre | null;
  /** This tablet's tag in its district, from the server: the device part of new case numbers. */
  readonly deviceTag: string;
  /** Server time of the sign-in. */
  readonly signedInAt: Instant;
  /** Minutes without use before the app locks, the centre's setting; absent on older rows. */
  readonly idleLockMinutes?: number;
  /**
   * Her centre's address, phone and active staff as of this sign-in; absent on older rows
   * and null when the server did not send them. Sealed with the rest of the session.
   */
  readonly centreDetails?: CentreDetails | null;
}

/** What the tablet keeps of a sign-in answer. */
export function sessionFromSignIn(response: SignInResponse): SignedInSession {
  return {
    token: response.token,
    expiresAt: response.expiresAt,
    absoluteExpiresAt: response.absoluteExpiresAt,
    user: response.user,
    centre: response.centre,
    deviceTag: response.device.tag,
    signedInAt: response.serverTime,
    idleLockMinutes: response.lock.idleMinutes,
    centreDetails: response.centreDetails ?? null,
  };
}

/** The staff member who works on cases as this session; null for a headquarters account. */
export function staffOfSession(session: SignedInSession): StaffMember | null {
  if (session.centre === null) return null;
  return {
    userId: session.user.id,
    centreId: session.centre.id,
    districtCode: session.centre.districtCode,
    role: session.user.role,
    displayName: session.user.displayName,
  };
}

/**
 * Keeps her session as the tablet's active one (what sync sends with), and beside her
 * colleagues' sessions on this tablet: each unlocks with her own PIN and works as herself.
 */
export async function saveSession(db: SakhiDatabase, session: SignedInSession): Promise<void> {
  try {
    await db.transaction('rw', db.meta, async () => {
      const sessions = await readAllSessions(db);
      await db.meta.put({ key: 'sessions', value: { ...sessions, [session.user.id]: session } });
      await db.meta.put({ key: 'session', value: session });
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

/** The active session: whoever unlocked or signed in last, or null when no one is signed in. */
export async function readSession(db: SakhiDatabase): Promise<SignedInSession | null> {
  try {
    const stored = await db.meta.get('session');
    return stored?.key === 'session' ? stored.value : null;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Makes her kept session the active one when she unlocks with her PIN; null when she has
 * none here (signed out, or ended by the server), and then the active session is cleared,
 * so nothing is sent or pulled in another person's name.
 */
export async function activateSession(
  db: SakhiDatabase,
  userId: string,
): Promise<SignedInSession | null> {
  try {
    return await db.transaction('rw', db.meta, async () => {
      const session = (await readAllSessions(db))[userId] ?? null;
      if (session) await db.meta.put({ key: 'session', value: session });
      else await db.meta.delete('session');
      return session;
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Forgets the active session, and only it: unsent work stays for the next sign-in. */
export async function clearSession(db: SakhiDatabase): Promise<void> {
  try {
    await db.transaction('rw', db.meta, async () => {
      const active = await db.meta.get('session');
      if (active?.key === 'session') {
        const { [active.value.user.id]: _ended, ...others } = await readAllSessions(db);
        await db.meta.put({ key: 'sessions', value: others });
      }
      await db.meta.delete('session');
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

async function readAllSessions(
  db: SakhiDatabase,
): Promise<Readonly<Record<string, SignedInSession>>> {
  const stored = await db.meta.get('sessions');
  return stored?.key === 'sessions' ? stored.value : {};
}
