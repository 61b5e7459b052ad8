import { describe, expect, it } from 'vitest';
import { rejectionCodes } from './protocol.ts';
import { adviceForRejection } from './rejection-advice.ts';

describe('adviceForRejection', () => {
  it('offers sending again only where the refusal can pass by itself', () => {
    expect(adviceForRejection('unknown_case')).toBe('retry');
    expect(adviceForRejection('stamp_too_far_ahead')).toBe('retry');
    expect(adviceForRejection('unreadable_sealed_box')).toBe('retry');
    expect(adviceForRejection('invalid_record')).toBe('correct_and_save');
    expect(adviceForRejection('forbidden')).toBe('ask_manager');
    expect(adviceForRejection('not_permitted')).toBe('ask_manager');
    expect(adviceForRejection('record_type_mismatch')).toBe('report');
    expect(adviceForRejection('foreign_device_stamp')).toBe('report');
  });

  it('gives every code the server sends an advice, and a code from a newer server a retry', () => {
    for (const code of rejectionCodes) expect(typeof adviceForRejection(code)).toBe('string');
    expect(adviceForRejection('some_new_code')).toBe('retry');
    expect(adviceForRejection('toString')).toBe('retry');
  });
});
