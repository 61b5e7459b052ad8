// @vitest-environment node
// The import directions of DESIGN.md are held by eslint.config.js; this proves each rule
// actually fires (a lint rule that never triggers protects nothing).
import { describe, expect, it } from 'vitest';
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

describe('layer rules', () => {
  it.each([
    [
      'src/domain/layer-probe.ts',
      "import { App } from '../app/App.tsx';\nexport const probe = App;\n",
      'src/domain is the one set of rules',
    ],
    [
      'src/ui/layer-probe.ts',
      "import type { CaseStore } from '../data/case-store.ts';\nexport type Probe = CaseStore;\n",
      'src/ui is presentational',
    ],
    [
      'src/ui/layer-probe.ts',
      "import { riskLevels } from '../domain/vocabularies-case.ts';\nexport const probe = riskLevels;\n",
      'import only domain types here',
    ],
    [
      'src/forms/layer-probe.ts',
      "import type { CaseStore } from '../data/case-store.ts';\nexport type Probe = CaseStore;\n",
      'src/forms turns case fields into answers',
    ],
    [
      'server/layer-probe.ts',
      "import { messages } from '../src/i18n/messages.ts';\nexport const probe = messages;\n",
      'The server may use only src/domain',
    ],
    [
      'src/app/layer-probe.ts',
      "import Dexie from 'dexie';\nexport const probe = Dexie;\n",
      'Only src/data touches Dexie',
    ],
    [
      'sw/layer-probe.ts',
      "import { App } from '../src/app/App.tsx';\nexport const probe = App;\n",
      'The service worker has no screens',
    ],
  ])('refuses a wrong-way import in %s, saying why', async (filePath, code, why) => {
    const messages = await lintAs(filePath, code);
    expect(messages.some((message) => message.includes(why))).toBe(true);
  });

  it('allows the right direction', async () => {
    const messages = await lintAs(
      'src/data/layer-probe.ts',
      "import { mergeFields } from '../domain/merge.ts';\nexport const probe = mergeFields;\n",
    );
    expect(messages.filter((message) => message.startsWith('import-x'))).toEqual([]);
  });

  it('lets ui import domain types', async () => {
    const messages = await lintAs(
      'src/ui/layer-probe.ts',
      "import type { RiskLevel } from '../domain/code-schemas.ts';\nexport type Probe = RiskLevel;\n",
    );
    expect(messages.filter((message) => message.includes('no-restricted-imports'))).toEqual([]);
  });
});
