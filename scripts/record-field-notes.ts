/**
 * The JSDoc staff and developers wrote on each record field in src/domain, read from the
 * source with the TypeScript parser, so the published field descriptions are the ones
 * next to the schemas and change with them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { RecordType } from '../src/domain/protocol.ts';

/** Per record type, per field: its JSDoc as one line. */
export type FieldNotes = Partial<Record<RecordType, Readonly<Record<string, string>>>>;

const domain = join(import.meta.dirname, '../src/domain');

/** Where each record type's fields are written: a file and the object literals in it. */
const fieldSources: Record<RecordType, readonly (readonly [string, string])[]> = {
  case: [
    ['case.ts', 'caseSchema'],
    ['case-fields.ts', 'caseDetailFields'],
  ],
  service: [
    ['entries.ts', 'entryFields'],
    ['entries.ts', 'serviceEntrySchema'],
  ],
  stay: [
    ['entries.ts', 'entryFields'],
    ['entries.ts', 'stayEntrySchema'],
  ],
  referral: [
    ['entries.ts', 'entryFields'],
    ['entries.ts', 'referralEntrySchema'],
  ],
  followUp: [
    ['entries.ts', 'entryFields'],
    ['entries.ts', 'followUpEntrySchema'],
  ],
  note: [
    ['entries.ts', 'entryFields'],
    ['entries.ts', 'noteEntrySchema'],
  ],
  conflict: [['conflicts.ts', 'conflictSchema']],
};

export function readFieldNotes(): FieldNotes {
  const notesByFile = new Map<string, Map<string, Record<string, string>>>();
  const notesIn = (file: string) => {
    let notes = notesByFile.get(file);
    if (!notes) {
      notes = readNotesOfFile(file);
      notesByFile.set(file, notes);
    }
    return notes;
  };
  return Object.fromEntries(
    Object.entries(fieldSources).map(([type, sources]) => [
      type,
      Object.assign(
        {},
        ...sources.map(([file, variable]) => {
          const notes = notesIn(file).get(variable);
          if (!notes) throw new Error(`${file} declares no object literal ${variable}`);
          return notes;
        }),
      ) as Record<string, string>,
    ]),
  );
}

/** For each variable of a file, the JSDoc of the properties of its top object literal. */
function readNotesOfFile(file: string): Map<string, Record<string, string>> {
  const path = join(domain, file);
  const source = ts.createSourceFile(
    file,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const notes = new Map<string, Record<string, string>>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const literal = declaration.initializer && findObjectLiteral(declaration.initializer);
      if (ts.isIdentifier(declaration.name) && literal) {
        notes.set(declaration.name.text, notesOfLiteral(literal));
      }
    }
  }
  return notes;
}

/** The object literal itself, or the first one passed to a call (`z.strictObject({…})`). */
function findObjectLiteral(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return findObjectLiteral(node.expression);
  }
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isCallExpression(node)) return node.arguments.find(ts.isObjectLiteralExpression);
  return undefined;
}

function notesOfLiteral(literal: ts.ObjectLiteralExpression): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const property of literal.properties) {
    if (!property.name || !ts.isIdentifier(property.name)) continue;
    const text = ts
      .getJSDocCommentsAndTags(property)
      .filter(ts.isJSDoc)
      .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
      .join(' ');
    const line = text.replace(/\s+/g, ' ').trim();
    if (line) notes[property.name.text] = line;
  }
  return notes;
}
