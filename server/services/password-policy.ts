/**
 * Which new passwords the server accepts, wherever one is set (the API's create-user, the
 * admin CLI's create-user and reset-password): every path goes through
 * `refuseWeakPassword`, so no path is laxer than another.
 *
 * Strength is zxcvbn's estimate with its common-password and common-word dictionaries,
 * plus the account's own words (username, display name) and the published demo password.
 * We require score 3: at least 10^8 guesses. Sign-in is throttled per address and each
 * guess costs a third of a second of scrypt, so 10^8 holds against online guessing by a
 * wide margin and against a stolen database for years per account; score 4 (10^10)
 * refused most passphrases staff could remember, in either language.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { DEMO_PASSWORD } from './demo-seed.ts';
import { ServiceError } from './service-error.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_PASSWORD_SCORE = 3;

/** Why a password is refused; undefined when it is accepted. */
export type PasswordWeakness = 'too_short' | 'names_the_account' | 'demo_password' | 'guessable';

export interface PasswordOwner {
  username: string;
  displayName: string;
}

let estimator: ZxcvbnFactory | undefined;

// Built on first use: loading the dictionaries takes ~150 ms that sign-in need not pay.
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

export function findPasswordWeakness(
  password: string,
  owner: PasswordOwner,
): PasswordWeakness | undefined {
  // Hashing normalises the same way, so judge the password that is actually stored.
  const normalized = password.normalize('NFKC');
  const trimmed = normalized.trim().toLowerCase();
  if ([...normalized].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (trimmed === DEMO_PASSWORD) return 'demo_password';
  const ownWords = [owner.username, owner.displayName].map((word) => word.trim().toLowerCase());
  if (ownWords.includes(trimmed)) return 'names_the_account';
  const estimate = getEstimator().check(normalized, [...ownWords, DEMO_PASSWORD, 'sakhi']);
  return estimate.score < MIN_PASSWORD_SCORE ? 'guessable' : undefined;
}

const WEAKNESS_MESSAGES = {
  too_short: {
    hi: `पासवर्ड कम से कम ${MIN_PASSWORD_LENGTH} अक्षरों का होना चाहिए।`,
    en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  names_the_account: {
    hi: 'पासवर्ड यूज़रनेम या नाम जैसा नहीं हो सकता। कोई और पासवर्ड चुनें।',
    en: 'The password cannot be the username or the name. Choose another.',
  },
  demo_password: {
    hi: 'यह डेमो का सार्वजनिक पासवर्ड है; असली खाते में इसका उपयोग नहीं हो सकता।',
    en: 'This is the published demo password; a real account cannot use it.',
  },
  guessable: {
    hi: 'यह पासवर्ड आसानी से अनुमान लगाया जा सकता है। तीन-चार ऐसे शब्द जोड़ें जो साथ में आम न हों, जैसे "आम बादल साइकिल नीला"।',
    en: 'This password is easy to guess. Join three or four words that do not usually go together, such as "mango cloud bicycle blue".',
  },
} as const;

/** Throws `weak_password` with a message that says what to change. */
export function refuseWeakPassword(password: string, owner: PasswordOwner): void {
  const weakness = findPasswordWeakness(password, owner);
  if (weakness) {
    throw new ServiceError('weak_password', { message: WEAKNESS_MESSAGES[weakness] });
  }
}
