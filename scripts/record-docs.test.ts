import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRecordDocs } from './record-docs.ts';
import { buildRecordSchemas } from './record-schemas.ts';
import { readFieldNotes } from './record-field-notes.ts';
import { recordSchemas } from '../src/domain/records.ts';

describe('the published record documents', () => {
  it('are what the domain schemas generate now (else: run npm run docs:records)', async () => {
    for (const { path, text } of await generateRecordDocs()) {
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run docs:records`).toBe(text);
    }
  });

  it('list every field of every record type, with the JSDoc beside its schema', () => {
    const document = buildRecordSchemas(readFieldNotes());
    for (const [type, schema] of Object.entries(recordSchemas)) {
      const properties = document.$defs[type]!.properties as Record<string, unknown>;
      expect(Object.keys(properties)).toEqual(Object.keys(schema.shape));
    }
    const note = document.$defs.note!.properties as Record<string, { description?: string }>;
    expect(note.recordedBy!.description).toBe('User id of the staff member who wrote it down.');
  });

  it('give each code its Hindi and English label', () => {
    const document = buildRecordSchemas(readFieldNotes());
    expect(document.$defs.riskLevel).toMatchObject({
      enum: ['low', 'medium', 'high'],
      'x-labels': { low: { en: 'Low risk', hi: 'कम जोखिम' } },
    });
  });
});
