import { describe, expect, it } from 'vitest';
import { invalidRecord, stayAlreadyOpen } from '../../data/store-errors.ts';
import { errorText } from './use-case-file.ts';

describe('errorText', () => {
  const refused = invalidRecord([
    {
      field: 'text',
      code: 'invalid_value',
      detail: 'Too small: expected string to have >=1 characters',
    },
  ]);

  it("gives the store's message in her language, without the developer's details", () => {
    expect(errorText(refused, 'hi')).toBe(refused.userMessage.hi);
    expect(errorText(refused, 'en')).toBe(refused.userMessage.en);
    const stay = stayAlreadyOpen('0190f3a2-7c1e-7000-8000-000000000001');
    expect(errorText(stay, 'hi')).not.toContain('0190f3a2');
    expect(errorText(stay, 'hi')).toMatch(/प्रवास/);
  });

  it('keeps the details on the error, for whoever reads it', () => {
    expect(refused.details).toEqual(['text: Too small: expected string to have >=1 characters']);
  });
});
