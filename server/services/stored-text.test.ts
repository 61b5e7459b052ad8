import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonTextProblem, findTextProblemIn } from './stored-text.ts';

/** Any UTF-16 code unit, a lone surrogate or NUL included, and the texts that matter most. */
const textArb = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom('\u0000', 'a\ud800', '\udc00b', '\ud83d\ude00', 'सुनीता', '\\u0000', 'u'),
);
const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    textArb,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(textArb, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('findJsonTextProblem', () => {
  it('finds what the whole walk finds, for any JSON sent as UTF-8', () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        // JSON.stringify escapes lone surrogates and NUL, as a tablet's encoder does.
        const text = JSON.stringify(value);
        const parsed: unknown = JSON.parse(text);
        const expected = findTextProblemIn(parsed);
        expect(findJsonTextProblem(Buffer.from(text, 'utf8'), parsed)).toBe(expected);
        expect(findJsonTextProblem(text, parsed)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('walks a body with an escape and skips one without', () => {
    expect(findJsonTextProblem(Buffer.from('{"name":"a\\u0000"}'), { name: 'a\u0000' })).toBe(
      'a NUL character',
    );
    // The parse is only read when the text could have put a problem in it.
    expect(findJsonTextProblem(Buffer.from('{"name":"सुनीता"}'), { name: '\u0000' })).toBe(
      undefined,
    );
  });
});
