import { describe, expect, it } from 'vitest';
import { codesOf, labelOf, toCodeSchema, type CodeOf } from './vocabulary.ts';

const colours = [
  { code: 'red', hi: 'लाल', en: 'Red' },
  { code: 'dark_blue', hi: 'गहरा नीला', en: 'Dark blue' },
] as const;

describe('codesOf', () => {
  it('lists the codes in the order the vocabulary gives them', () => {
    expect(codesOf(colours)).toEqual(['red', 'dark_blue']);
  });
});

describe('toCodeSchema', () => {
  const colourSchema = toCodeSchema(colours);

  it('accepts each code of the vocabulary', () => {
    expect(colourSchema.parse('red')).toBe('red');
    expect(colourSchema.parse('dark_blue')).toBe('dark_blue');
  });

  it('rejects a label, a code in other case, and anything else', () => {
    for (const value of ['Red', 'लाल', 'RED', 'dark blue', '', null, 1]) {
      expect(colourSchema.safeParse(value).success).toBe(false);
    }
  });

  it('keeps the literal codes as its type', () => {
    const code: CodeOf<typeof colours> = colourSchema.parse('red');
    // @ts-expect-error: 'green' is not a code of this vocabulary
    const notACode: CodeOf<typeof colours> = 'green';
    expect([code, notACode]).toHaveLength(2);
  });

  it('refuses an empty vocabulary, which would accept nothing', () => {
    expect(() => toCodeSchema([])).toThrow(RangeError);
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
