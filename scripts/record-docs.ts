/**
 * The two published record documents, as their files should read: `docs/record-schemas.json`
 * (JSON Schema) and `docs/record-fields.md` (the same as tables). Formatted with the
 * project's Prettier settings, so a written file passes the format check unchanged and the
 * drift test can compare text.
 */
import { join } from 'node:path';
import prettier from 'prettier';
import { renderRecordFields } from './record-fields-markdown.ts';
import { readFieldNotes } from './record-field-notes.ts';
import { buildRecordSchemas } from './record-schemas.ts';

export interface RecordDoc {
  /** Absolute path of the committed file. */
  readonly path: string;
  readonly text: string;
}

const docsFolder = join(import.meta.dirname, '../docs');

export async function generateRecordDocs(): Promise<RecordDoc[]> {
  const document = buildRecordSchemas(readFieldNotes());
  return Promise.all([
    formatDoc('record-schemas.json', JSON.stringify(document)),
    formatDoc('record-fields.md', renderRecordFields(document)),
  ]);
}

async function formatDoc(name: string, text: string): Promise<RecordDoc> {
  const path = join(docsFolder, name);
  const options = await prettier.resolveConfig(path);
  return { path, text: await prettier.format(text, { ...options, filepath: path }) };
}
