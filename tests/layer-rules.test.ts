// @vitest-environment node
// The import directions of docs/architecture.md are held by eslint.config.js; this proves
// each zone actually fires (a lint rule that never triggers protects nothing) and that the
// allowed directions stay open.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The probes are not files on disk, so the type-aware parser cannot see them; the layer
// rules do not need types.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function lintAs(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

/** An import of a real file: a path that resolves to nothing is never checked by the rule. */
function importOf(from: string, probePath: string) {
  if (from.startsWith('.')) {
    expect(existsSync(path.join(path.dirname(probePath), from)), `${from} exists`).toBe(true);
  }
  return `import * as probeTarget from '${from}';\nexport const probe = probeTarget;\n`;
}

describe('layer rules', () => {
  // The first lint loads the config, the parser and the import resolver: seconds on a busy
  // machine, more than one test's time. Once here, so every test times only its own lint.
  beforeAll(() => eslint.lintText('', { filePath: 'src/domain/layer-probe.ts' }), 60_000);

  it.each([
    ['src/domain/layer-probe.ts', '../i18n/lang.ts', 'src/domain is the one set of rules'],
    ['src/platform/layer-probe.ts', '../data/database.ts', 'src/platform is a thin wrapper'],
    ['src/i18n/layer-probe.ts', '../ui/Button.tsx', 'src/i18n holds the words'],
    ['src/data/layer-probe.ts', '../sync/sync-run.ts', 'src/data sits below sync'],
    ['src/sync/layer-probe.ts', '../i18n/lang.ts', 'src/sync runs in the service worker'],
    ['src/ui/layer-probe.ts', '../data/case-store.ts', 'src/ui is presentational'],
    ['src/forms/layer-probe.ts', '../data/case-store.ts', 'src/forms is the form model'],
    ['src/shell/layer-probe.ts', '../app/App.tsx', 'src/shell is what every screen may use'],
    ['src/features/cases/layer-probe.ts', '../../app/App.tsx', 'features never reach up'],
    ['src/app/layer-probe.ts', '../../server/app.ts', 'src/app is the composition root'],
    ['sw/layer-probe.ts', '../server/app.ts', 'The service worker has no screens'],
    ['sw/layer-probe.ts', '../src/ui/Button.tsx', 'The service worker has no screens'],
    ['server/layer-probe.ts', '../src/i18n/lang.ts', 'Server code may use only src/domain'],
    ['server/routes/layer-probe.ts', '../db/database.ts', 'Routes parse a request'],
    ['server/services/layer-probe.ts', '../http/auth.ts', 'Services are the server'],
    ['server/services/layer-probe.ts', '../cli/admin.ts', 'Services are the server'],
    [
      'src/features/cases/layer-probe.ts',
      '../intake/IntakePage.tsx',
      'Features never import each other',
    ],
    // A folder a layer does not list is closed, not open: allow-lists, not deny-lists.
    ['src/domain/layer-probe.ts', '../../bench/case-records.ts', 'src/domain is the one set'],
    ['server/layer-probe.ts', '../bench/case-records.ts', 'Server code may use only'],
    // Tests may reach shared test support; production code may not.
    ['server/layer-probe.ts', '../tests/support/server.ts', 'Server code may use only'],
  ])('refuses %s importing %s, saying why', async (filePath, from, why) => {
    const messages = await lintAs(filePath, importOf(from, filePath));
    expect(messages.some((message) => message.includes(why))).toBe(true);
  });

  it('lets src/ui take domain types, but no domain values', async () => {
    const typeOnly = await lintAs(
      'src/ui/layer-probe.ts',
      "import type { Case } from '../domain/case.ts';\nexport type Probe = Case;\n",
    );
    expect(typeOnly).toEqual([]);
    const value = await lintAs(
      'src/ui/layer-probe.ts',
      importOf('../domain/districts.ts', 'src/ui/layer-probe.ts'),
    );
    expect(value.some((message) => message.includes('src/ui is presentational'))).toBe(true);
  });

  it('lets a route name the database type it passes on, but not query it', async () => {
    const typeOnly = await lintAs(
      'server/routes/layer-probe.ts',
      "import type { Database } from '../db/schema.ts';\nexport type Probe = Database;\n",
    );
    expect(typeOnly).toEqual([]);
  });

  it('keeps Dexie inside src/data', async () => {
    const messages = await lintAs(
      'src/app/layer-probe.ts',
      importOf('dexie', 'src/app/layer-probe.ts'),
    );
    expect(messages.some((message) => message.includes('Only src/data touches Dexie'))).toBe(true);
  });

  it.each([
    ['src/data/layer-probe.ts', '../domain/merge.ts'],
    ['src/sync/layer-probe.ts', '../data/database.ts'],
    ['src/features/cases/layer-probe.ts', '../../shell/router.ts'],
    ['src/features/cases/layer-probe.ts', '../../forms/case-details-values.ts'],
    ['src/forms/layer-probe.ts', '../ui/Field.tsx'],
    ['src/app/layer-probe.ts', '../features/cases/CaseListPage.tsx'],
    ['sw/layer-probe.ts', '../src/sync/sync-run.ts'],
    ['server/services/layer-probe.ts', '../db/database.ts'],
    ['server/layer-probe.ts', '../src/domain/case.ts'],
    ['server/layer-probe.test.ts', '../tests/support/server.ts'],
    ['src/domain/layer-probe.ts', 'zod'],
  ])('allows %s to import %s', async (filePath, from) => {
    const messages = await lintAs(filePath, importOf(from, filePath));
    expect(messages.filter((message) => message.includes('restricted'))).toEqual([]);
  });
});
