// The audit screen names every action the server records, in both languages: a new action
// on the server without words on the screen fails here.
import { expect, it } from 'vitest';
import { auditActions } from '../server/services/audit.ts';
import { auditActionCodes, auditMessages } from '../src/i18n/messages-audit.ts';

it('offers and names every audit action the server writes', () => {
  expect([...auditActionCodes].sort()).toEqual([...auditActions].sort());
  for (const code of auditActions) {
    expect(auditMessages.hi[code], code).toMatch(/\S/);
    expect(auditMessages.en[code], code).toMatch(/\S/);
  }
});
