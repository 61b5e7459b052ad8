import { describe, expect, it } from 'vitest';
import { codesOf, labelOf, type CodeOf } from './vocabulary.ts';

const colours = [
  { code: 'red', hi: 'लाल', en: 'Red' },
  { code: 'dark_blue', hi: 'गहरा नीला', en: 'Dark blue' },
] as const;

describe('codesOf', () => {
  it('lists the codes in the order the vocabulary gives them', () => {
    expect(codesOf(colours)).toEqual(['red', 'dark_blue']);
  });
});

describe('labelOf', () => {
  it('gives the label in the language asked for', () => {
    expect(labelOf(colours, 'dark_blue', 'hi')).toBe('गहरा नीला');
    expect(labelOf(colours, 'dark_blue', 'en')).toBe('Dark blue');
  });

  it('shows an unknown code as itself rather than failing', () => {
    const fromNewerApp = 'green' as CodeOf<typeof colours>;
    expect(labelOf(colours, fromNewerApp, 'hi')).toBe('green');
  });
});
