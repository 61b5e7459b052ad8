/**
 * What the server keeps of a username no account has: whatever was typed there (often
 * a password typed in the wrong box) is never stored, only its keyed hash.
 *
 * What must stay true: the hash of one typed username is the same on every process and
 * forever (audit rows written years apart are matched by it), so the format below never
 * changes and the key is the secrets file's `usernameKey`, never replaced. Without that
 * key the hash cannot be checked against guesses, so a copy of the database alone tells
 * nobody what was typed.
 */
import { createHmac } from 'node:crypto';

/** `hmac-sha256:` and 64 hex digits, of the username as sign-in compares it. */
export function hashUsername(usernameKey: Buffer, normalizedUsername: string): string {
  const digest = createHmac('sha256', usernameKey).update(normalizedUsername, 'utf8');
  return `hmac-sha256:${digest.digest('hex')}`;
}

/** The form sign-in looks usernames up in: trimmed, lower case. */
export function normalizeUsername(typed: string): string {
  return typed.trim().toLowerCase();
}
