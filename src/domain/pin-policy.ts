/**
 * Which PINs a staff member may set to unlock the tablet offline.
 *
 * The PIN is all that stands between a found tablet and its survivors' files once the
 * wrapped data key is copied off it, and a guesser tries the likeliest PINs first. So
 * beyond the length, every PIN a person picks for being easy to type or remember is
 * refused: runs (123456, 987654, 789012), one digit (000000), a short pattern repeated
 * (121212, 123123, 786786) and a few well-known others (112233, 147258…).
 *
 * Pure: the screen asks it while she types, and the key vault asks it again before it
 * wraps the key, so no path sets a PIN this refuses.
 */
import type { BilingualMessage } from './protocol.ts';

export const MIN_PIN_LENGTH = 6;
/** Long enough for any PIN a person keeps in her head; bounds what the key derivation reads. */
export const MAX_PIN_LENGTH = 12;

/** Why a PIN is refused. */
export type PinWeakness =
  'too_short' | 'too_long' | 'not_digits' | 'all_same' | 'sequence' | 'repeated_pattern' | 'common';

export type PinCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: PinWeakness; readonly message: BilingualMessage };

// PINs people choose that no rule below catches: doubled runs, keypad lines, mirrors,
// famous numbers. What a rule already refuses does not belong here.
const commonPins: ReadonlySet<string> = new Set([
  '112233',
  '001122',
  '998877',
  '332211',
  '123321',
  '112211',
  '102030',
  '147258',
  '258369',
  '147852',
  '159753',
  '159357',
  '753951',
  '741852',
  '963852',
  '789456',
  '456123',
  '112358',
  '314159',
]);

const weaknessMessages: Readonly<Record<PinWeakness, BilingualMessage>> = {
  too_short: {
    hi: `पिन कम से कम ${MIN_PIN_LENGTH} अंकों का होना चाहिए।`,
    en: `The PIN must have at least ${MIN_PIN_LENGTH} digits.`,
  },
  too_long: {
    hi: `पिन ${MAX_PIN_LENGTH} अंकों से लंबा नहीं हो सकता।`,
    en: `The PIN cannot be longer than ${MAX_PIN_LENGTH} digits.`,
  },
  not_digits: {
    hi: 'पिन में केवल 0 से 9 तक के अंक हों, कोई अक्षर या चिह्न नहीं।',
    en: 'The PIN may hold only the digits 0 to 9, no letters or signs.',
  },
  all_same: {
    hi: 'पिन में एक ही अंक बार-बार नहीं हो सकता। अलग-अलग अंक चुनें।',
    en: 'The PIN cannot be one digit repeated. Choose different digits.',
  },
  sequence: {
    hi: 'पिन क्रम से चलते अंकों (जैसे 123456 या 987654) का नहीं हो सकता।',
    en: 'The PIN cannot be digits in order (like 123456 or 987654).',
  },
  repeated_pattern: {
    hi: 'पिन में छोटा हिस्सा दोहराया नहीं जा सकता (जैसे 121212 या 123123)।',
    en: 'The PIN cannot repeat a short part (like 121212 or 123123).',
  },
  common: {
    hi: 'यह पिन बहुत आम है और आसानी से अनुमान लगाया जा सकता है। कोई और पिन चुनें।',
    en: 'This PIN is very common and easy to guess. Choose another.',
  },
};

export function checkPin(pin: string): PinCheck {
  const weakness = findPinWeakness(pin);
  return weakness === undefined
    ? { ok: true }
    : { ok: false, reason: weakness, message: weaknessMessages[weakness] };
}

/** Why the PIN is refused; undefined when it is accepted. */
export function findPinWeakness(pin: string): PinWeakness | undefined {
  if (!/^[0-9]*$/.test(pin)) return 'not_digits';
  if (pin.length < MIN_PIN_LENGTH) return 'too_short';
  if (pin.length > MAX_PIN_LENGTH) return 'too_long';
  const digits = [...pin].map(Number);
  if (digits.every((digit) => digit === digits[0])) return 'all_same';
  if (hasShortPeriod(pin)) return 'repeated_pattern';
  if (hasConstantStep(digits)) return 'sequence';
  if (commonPins.has(pin)) return 'common';
  return undefined;
}

// Every step the same, counting round 9 → 0: 123456, 987654, 789012, 135791, 246802.
function hasConstantStep(digits: readonly number[]): boolean {
  const step = (digits[1]! - digits[0]! + 10) % 10;
  return digits.every((digit, i) => i === 0 || (digit - digits[i - 1]! + 10) % 10 === step);
}

// The PIN repeats its first p digits for some p up to half its length: 121212, 123123,
// 1212121 (a trailing part of the pattern counts too).
function hasShortPeriod(pin: string): boolean {
  for (let period = 1; period <= pin.length / 2; period++) {
    if ([...pin].every((digit, i) => i < period || digit === pin[i - period])) return true;
  }
  return false;
}
