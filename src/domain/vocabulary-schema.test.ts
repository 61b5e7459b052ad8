import { describe, expect, it } from 'vitest';
import type { CodeOf } from './vocabulary.ts';
import { toCodeSchema } from './vocabulary-schema.ts';

const colours = [
  { code: 'red', hi: 'लाल', en: 'Red' },
  { code: 'dark_blue', hi: 'गहरा नीला', en: 'Dark blue' },
] as const;

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
