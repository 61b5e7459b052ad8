import { describe, expect, it } from 'vitest';
import { checkPin, findPinWeakness, type PinWeakness } from './pin-policy.ts';

const refused: readonly (readonly [string, PinWeakness])[] = [
  ['', 'too_short'],
  ['48291', 'too_short'],
  ['4829153761024', 'too_long'],
  ['48291a', 'not_digits'],
  ['482 915', 'not_digits'],
  ['४८२९१५', 'not_digits'],
  ['-48291', 'not_digits'],
  ['000000', 'all_same'],
  ['111111', 'all_same'],
  ['99999999', 'all_same'],
  ['123456', 'sequence'],
  ['012345', 'sequence'],
  ['987654', 'sequence'],
  ['654321', 'sequence'],
  ['789012', 'sequence'],
  ['210987', 'sequence'],
  ['12345678', 'sequence'],
  ['135791', 'sequence'],
  ['246802', 'sequence'],
  ['121212', 'repeated_pattern'],
  ['123123', 'repeated_pattern'],
  ['696969', 'repeated_pattern'],
  ['786786', 'repeated_pattern'],
  ['505050', 'repeated_pattern'],
  ['1212121', 'repeated_pattern'],
  ['12341234', 'repeated_pattern'],
  ['112233', 'common'],
  ['001122', 'common'],
  ['147258', 'common'],
  ['159753', 'common'],
  ['123321', 'common'],
];

const accepted = ['482915', '730164', '902817', '4829153', '123457', '112234', '12345679'];

describe('checkPin', () => {
  it.each(refused)('refuses %j as %s', (pin, reason) => {
    const check = checkPin(pin);
    expect(check).toMatchObject({ ok: false, reason });
    if (!check.ok) {
      expect(check.message.hi).not.toBe('');
      expect(check.message.en).not.toBe('');
    }
  });

  it.each(accepted)('accepts %j', (pin) => {
    expect(checkPin(pin)).toEqual({ ok: true });
  });

  it('has a different message for every reason, Hindi and English', () => {
    const messages = refused.map(([pin]) => checkPin(pin)).filter((check) => !check.ok);
    const reasons = new Set(messages.map((check) => check.reason));
    expect(new Set(messages.map((check) => check.message.hi)).size).toBe(reasons.size);
    expect(new Set(messages.map((check) => check.message.en)).size).toBe(reasons.size);
  });

  it('refuses about a thousand of the million six-digit PINs', () => {
    // The guesser's first tries, and not so many that a person choosing freely keeps
    // meeting refusals.
    let refusedCount = 0;
    for (let n = 0; n < 1_000_000; n++) {
      if (findPinWeakness(String(n).padStart(6, '0')) !== undefined) refusedCount++;
    }
    expect(refusedCount).toBeGreaterThan(1_000);
    expect(refusedCount).toBeLessThan(1_500);
  });
});
