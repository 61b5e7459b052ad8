/** `npm run docs:records`: rewrites the record documents from src/domain. */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateRecordDocs } from './record-docs.ts';

for (const { path, text } of await generateRecordDocs()) {
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
