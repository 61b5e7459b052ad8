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
      'server/layer-probe.ts',
      "import { messages } from '../src/i18n/messages.ts';\nexport const probe = messages;\n",
      'The server may use only src/domain',
    ],
    [
      'server/services/layer-probe.ts',
      "import { STATUS_BY_CODE } from '../http/api-errors.ts';\nexport const probe = STATUS_BY_CODE;\n",
      'server/services decide and never speak HTTP',
    ],
    [
      'src/app/layer-probe.ts',
      "import Dexie from 'dexie';\nexport const probe = Dexie;\n",
      'Only src/data touches Dexie',
    ],
    [
      'src/features/cases/layer-probe.ts',
      "import { App } from '../../app/App.tsx';\nexport const probe = App;\n",
      'src/app composes the screens',
    ],
    [
      'src/shell/layer-probe.ts',
      "import { CaseListPage } from '../features/cases/CaseListPage.tsx';\nexport const probe = CaseListPage;\n",
      'src/shell is what every screen stands on',
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
});
