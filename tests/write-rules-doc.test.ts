// @vitest-environment node
// docs/sync-protocol.md lists who may write which field; the domain's write-rules table is
// what the server enforces. This renders the table from the domain and finds it in the
// doc, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conflictRecordRule, writeRules, type WriteRule } from '../src/domain/write-rules.ts';

const protocolDoc = readFileSync(new URL('../docs/sync-protocol.md', import.meta.url), 'utf8');

function rowOf(rule: WriteRule): string {
  const fields =
    rule.fields.length > 0 ? rule.fields.map((f) => `\`${f}\``).join(', ') : 'every other field';
  const roles = rule.roles.length > 0 ? rule.roles.map((r) => `\`${r}\``).join(', ') : 'nobody';
  const writer = rule.namesWriter === undefined ? '—' : `\`${rule.namesWriter}\``;
  return `| \`${rule.name}\` | \`${rule.recordType}\` | ${fields} | ${rule.coversText ?? 'any'} | ${roles} | ${writer} |`;
}

describe('the write rules in docs/sync-protocol.md', () => {
  it('lists every row of the domain table as it is', () => {
    const found = protocolDoc.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
    for (const rule of [...writeRules, conflictRecordRule]) {
      expect(found).toContain(rowOf(rule).replace(/ {2,}/g, ' '));
    }
  });
});
