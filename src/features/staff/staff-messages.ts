import type { Lang } from '../../i18n/lang.ts';
import type { staffMessages } from '../../i18n/messages-staff.ts';
import type { StaffChange } from './staff-client.ts';

type StaffWords = (typeof staffMessages)[Lang];

/**
 * What to tell her when the server refused a change. A weak password gets the server's
 * own words (the password policy says what to change); the rest are this screen's.
 */
export function describeRefusal(
  refusal: Extract<StaffChange, { ok: false }>,
  t: StaffWords,
  lang: Lang,
): string {
  if (refusal.code === 'weak_password' && refusal.message) return refusal.message[lang];
  if (refusal.code === 'username_taken') return t.usernameTaken;
  if (refusal.code === 'forbidden') return t.forbidden;
  return t.failed;
}

const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const MIN_PASSWORD_LENGTH = 10;

/** The checks the screen can make before asking the server; the server checks strength. */
export function checkNewAccount(
  answers: { displayName: string; username: string; password: string; centreId: string | null },
  needsCentre: boolean,
  t: StaffWords,
): Partial<Record<'displayName' | 'username' | 'password' | 'centreId', string>> {
  const problems: Partial<Record<'displayName' | 'username' | 'password' | 'centreId', string>> =
    {};
  if (answers.displayName.trim() === '') problems.displayName = t.nameRequired;
  if (!USERNAME_PATTERN.test(answers.username)) problems.username = t.usernameInvalid;
  const passwordProblem = checkPasswordLength(answers.password, t);
  if (passwordProblem) problems.password = passwordProblem;
  if (needsCentre && !answers.centreId) problems.centreId = t.centreRequired;
  return problems;
}

export function checkPasswordLength(password: string, t: StaffWords): string | null {
  return [...password.normalize('NFKC')].length < MIN_PASSWORD_LENGTH ? t.passwordTooShort : null;
}
