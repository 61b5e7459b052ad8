import { describe, expect, it } from 'vitest';
import { createPrecacheSplit, listLaterFiles, type BuiltChunk } from './precache-split.ts';

function chunk(fileName: string, facade: string | null, links: Partial<BuiltChunk> = {}) {
  return {
    fileName,
    isEntry: false,
    facadeModuleId: facade,
    imports: [],
    dynamicImports: [],
    ...links,
  };
}

const app: BuiltChunk[] = [
  chunk('index.js', '/src/app/main.tsx', {
    isEntry: true,
    imports: ['preact.js'],
    dynamicImports: ['Unlock.js', 'CaseFile.js', 'Intake.js'],
  }),
  chunk('preact.js', null),
  chunk('Unlock.js', '/src/features/unlock/UnlockPage.tsx', { imports: ['store.js'] }),
  chunk('store.js', '/src/data/unsealed-store.ts', { imports: ['zod.js'] }),
  chunk('zod.js', null),
  chunk('CaseFile.js', '/src/features/case-file/CaseFilePage.tsx', {
    imports: ['zod.js', 'chart.js'],
  }),
  chunk('chart.js', null),
  chunk('Intake.js', '/src/features/intake/IntakePage.tsx', { dynamicImports: ['chart.js'] }),
];

describe('precache split', () => {
  it('leaves for later only what the later screens alone reach', () => {
    const later = listLaterFiles(app, ['/CaseFilePage.tsx', '/IntakePage.tsx']);
    expect([...later].sort()).toEqual(['CaseFile.js', 'Intake.js', 'chart.js']);
  });

  it('keeps a file in the install when another path reaches it too', () => {
    const later = listLaterFiles(app, ['/CaseFilePage.tsx']);
    expect([...later]).toEqual(['CaseFile.js']);
  });

  it('keeps everything in the install when no screen is named', () => {
    expect(listLaterFiles(app, []).size).toBe(0);
  });

  it('marks the later files of the worker manifest, and only them', async () => {
    const split = createPrecacheSplit(['/CaseFilePage.tsx']);
    const bundle = Object.fromEntries(
      app.map((built) => [built.fileName, { type: 'chunk' as const, ...built }]),
    );
    const generate = split.plugin.generateBundle as (options: unknown, bundle: unknown) => void;
    generate.call({}, {}, bundle);
    const files = ['index.js', 'CaseFile.js', 'index.html'];
    const entries = files.map((url) => ({
      url,
      revision: null,
      size: 1,
    }));
    const { manifest } = await split.markLaterFiles(entries);
    expect(manifest.map((entry) => 'later' in entry)).toEqual([false, true, false]);
  });
});
