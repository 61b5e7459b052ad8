import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo-seed.ts';
import { findPasswordWeakness } from './password-policy.ts';

const owner = { username: 'lko.nurse', displayName: 'Sunita Devi' };

describe('findPasswordWeakness', () => {
  it.each([
    [' '.repeat(10), 'guessable'],
    ['1234567890', 'guessable'],
    ['password12', 'guessable'],
    ['qwertyuiop', 'guessable'],
    ['lko.nurse123', 'guessable'],
    [DEMO_PASSWORD, 'demo_password'],
    [` ${DEMO_PASSWORD.toUpperCase()} `, 'demo_password'],
    ['LKO.NURSE1', 'guessable'],
    ['lko.nurse', 'too_short'],
    ['sunita devi', 'names_the_account'],
    ['short', 'too_short'],
  ])('refuses %j as %s', (password, weakness) => {
    expect(findPasswordWeakness(password, owner)).toBe(weakness);
  });

  it('refuses the username itself once it is long enough to pass the length rule', () => {
    expect(findPasswordWeakness('lko.caseworker', { ...owner, username: 'lko.caseworker' })).toBe(
      'names_the_account',
    );
  });

  it.each(['correct horse battery', 'आम बादल साइकिल नीला', 'Rani-Lakshmi-Jhansi-1857'])(
    'accepts %j',
    (password) => {
      expect(findPasswordWeakness(password, owner)).toBeUndefined();
    },
  );
});
